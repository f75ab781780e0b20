-- A figure tied to an event points at an event that exists. (Changed figures against every event, and every
-- figure against the events retired since.)
select figures.figure_id, figures.event_id_cnty
from {{ changed('figures') }} as figures
left join {{ matching('events', 'figures', 'event_id_cnty') }} as events
    on events.event_id_cnty = figures.event_id_cnty
where figures.event_id_cnty is not null
  and events.event_id_cnty is null
union
select figures.figure_id, figures.event_id_cnty
from stg_figures as figures
inner join {{ changed('deleted_events') }} as deleted using (event_id_cnty)
