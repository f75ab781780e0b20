-- A figure tied to an event points at an event that exists.
select figure_id, event_id_cnty
from stg_figures
where event_id_cnty is not null
  and event_id_cnty not in (select event_id_cnty from stg_events)
