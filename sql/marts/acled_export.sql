-- The events as ACLED publishes them: exactly the 31 ACLED columns, in ACLED's order (a contract).
-- A view with no order by: `limit 5` reads five rows, and an export streams instead of sorting the history.
-- Rows come in the tables' order (publish writes events by id); a consumer that needs another one orders.
with events as (
    select * from stg_events
)

select
    event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type,
    actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting,
    iso, region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision,
    source, source_scale, notes, fatalities, tags, timestamp
from events
