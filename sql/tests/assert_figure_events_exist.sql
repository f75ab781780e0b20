-- A figure tied to an event points at an event that exists. (Changed figures against every event, and every
-- figure against the events retired since.)
select figures.figure_id, figures.event_id_cnty
from {{ changed('figures') }} as figures
where figures.event_id_cnty is not null
  and not exists (select 1 from stg_events as events where events.event_id_cnty = figures.event_id_cnty)
union
select figures.figure_id, figures.event_id_cnty
from stg_figures as figures
inner join {{ changed('deleted_events') }} as deleted using (event_id_cnty)
