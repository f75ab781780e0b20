-- year is the year of event_date.
select event_id_cnty, event_date, year
from {{ changed('events') }}
where year is distinct from extract(year from event_date)
