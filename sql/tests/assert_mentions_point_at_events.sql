-- Every mention links to a published event, and every published event has at least one mention.
select 'mention without event' as problem, mention_id, event_id_cnty
from stg_event_mentions
where event_id_cnty not in (select event_id_cnty from stg_events)
union all
select 'event without mention' as problem, null as mention_id, event_id_cnty
from stg_events
where event_id_cnty not in (select event_id_cnty from stg_event_mentions)
