-- Fatalities are counts: never negative, never missing; the low/high range holds the reported figure.
select event_id_cnty, fatalities, fatalities_low, fatalities_high
from {{ changed('events') }}
where fatalities is null
   or fatalities < 0
   or fatalities < fatalities_low
   or fatalities > fatalities_high
