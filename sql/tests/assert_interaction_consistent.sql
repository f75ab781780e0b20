-- interaction follows from inter1 and inter2 (seed_interactions lists every valid combination), and inter2
-- is empty exactly when actor2 is.
with events as (
    select
        event_id_cnty, actor2, inter1, inter2, interaction,
        nullif(inter2, '') as inter2_or_null,
        coalesce(actor2, '') = '' as actor2_empty
    from {{ changed('events') }}
)

select events.event_id_cnty, events.inter1, events.inter2, events.actor2, events.interaction
from events
left join seed_interactions as valid
    on events.inter1 = valid.inter1
   and events.inter2_or_null is not distinct from valid.inter2
where valid.interaction is null
   or events.interaction is distinct from valid.interaction
   or events.actor2_empty <> (events.inter2_or_null is null)
