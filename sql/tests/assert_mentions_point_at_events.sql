-- Every mention links to a published event, and every published event has at least one mention.
-- (Changed mentions and events against the whole tables, and every mention against the events retired since.)
select 'mention without event' as problem, mentions.mention_id, mentions.event_id_cnty
from {{ changed('event_mentions') }} as mentions
where not exists (select 1 from stg_events as events where events.event_id_cnty = mentions.event_id_cnty)
union
select 'mention without event' as problem, mentions.mention_id, mentions.event_id_cnty
from stg_event_mentions as mentions
inner join {{ changed('deleted_events') }} as deleted using (event_id_cnty)
union
select 'event without mention' as problem, null as mention_id, events.event_id_cnty
from {{ changed('events') }} as events
where not exists (
    select 1 from stg_event_mentions as mentions where mentions.event_id_cnty = events.event_id_cnty)
