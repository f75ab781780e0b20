-- Every event has one id: event_id_cnty is unique across the published table.
select event_id_cnty, count(*) as rows
from stg_events
group by event_id_cnty
having count(*) > 1
