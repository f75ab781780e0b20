-- Events and fatalities per country and ISO week (weeks start on Monday), with a count per event type.
-- Computed once per build (one scan of the events), stored in order: queries read a few thousand rows.
-- materialized: table
with events as (
    select * from stg_events
),

weekly as (
    select
        country,
        iso,
        cast(date_trunc('week', event_date) as date)                    as week_start,
        count(*)                                                        as events,
        cast(sum(fatalities) as bigint) as fatalities,
        count(*) filter (where event_type = 'Battles')                  as battles,
        count(*) filter (where event_type = 'Explosions/Remote violence') as explosions_remote_violence,
        count(*) filter (where event_type = 'Violence against civilians') as violence_against_civilians,
        count(*) filter (where event_type = 'Protests')                 as protests,
        count(*) filter (where event_type = 'Riots')                    as riots,
        count(*) filter (where event_type = 'Strategic developments')   as strategic_developments
    from events
    group by country, iso, week_start
)

select * from weekly
order by country, week_start
