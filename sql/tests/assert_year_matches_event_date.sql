-- year is the year of event_date.
select event_id_cnty, event_date, year
from stg_events
where year is distinct from extract(year from event_date)
