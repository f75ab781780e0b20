-- Every mention links to a published event, and every published event has at least one mention.
-- (Changed mentions and events against the whole tables, and every mention against the events retired since.)
select 'mention without event' as problem, mentions.mention_id, mentions.event_id_cnty
from {{ changed('event_mentions') }} as mentions
left join {{ matching('events', 'event_mentions', 'event_id_cnty') }} as events
    on events.event_id_cnty = mentions.event_id_cnty
where events.event_id_cnty is null
union
select 'mention without event' as problem, mentions.mention_id, mentions.event_id_cnty
from stg_event_mentions as mentions
inner join {{ changed('deleted_events') }} as deleted using (event_id_cnty)
union
select 'event without mention' as problem, null as mention_id, events.event_id_cnty
from {{ changed('events') }} as events
left join {{ matching('event_mentions', 'events', 'event_id_cnty') }} as mentions
    on mentions.event_id_cnty = events.event_id_cnty
where mentions.event_id_cnty is null
