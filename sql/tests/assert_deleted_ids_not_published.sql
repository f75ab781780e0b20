-- A retired id is never live again: no published event carries an id from the deleted-events table.
select events.event_id_cnty
from stg_events as events
inner join stg_deleted_events as deleted using (event_id_cnty)
