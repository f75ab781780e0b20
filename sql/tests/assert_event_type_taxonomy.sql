-- Every (event_type, sub_event_type) pair is in ACLED's taxonomy and carries its disorder type.
select events.event_id_cnty, events.event_type, events.sub_event_type, events.disorder_type
from {{ changed('events') }} as events
left join seed_event_taxonomy as taxonomy
    on events.event_type = taxonomy.event_type
   and events.sub_event_type = taxonomy.sub_event_type
where taxonomy.event_type is null
   or events.disorder_type is distinct from taxonomy.disorder_type
