-- A retired id is never live again: no published event carries an id from the deleted-events table.
-- (Changed events against every tombstone, and every event against the new tombstones.)
select event_id_cnty
from {{ changed('events') }} as events
inner join stg_deleted_events as deleted using (event_id_cnty)
union
select event_id_cnty
from stg_events as events
inner join {{ changed('deleted_events') }} as deleted using (event_id_cnty)
