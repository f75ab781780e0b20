-- Reported fatalities per first-level administrative unit and calendar month.
-- Computed once per build (one scan of the events), stored in order.
-- materialized: table
with events as (
    select * from stg_events
),

monthly as (
    select
        country,
        coalesce(nullif(admin1, ''), '(unknown)')        as admin1,
        cast(date_trunc('month', event_date) as date)    as month_start,
        count(*)                                         as events,
        cast(sum(fatalities) as bigint) as fatalities,
        count(*) filter (where fatalities > 0)           as events_with_fatalities
    from events
    group by all
)

select * from monthly
order by country, admin1, month_start
