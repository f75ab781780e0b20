-- Every event has one id: event_id_cnty is unique across the published table (every row of an id that
-- changed is counted, changed or not).
select event_id_cnty, count(*) as rows
from stg_events
where {{ is_changed('events', 'event_id_cnty') }}
group by event_id_cnty
having count(*) > 1
