-- Reported figures with where and when they happened: the event's date and place when the figure is tied to
-- an event, otherwise the article's publication day.
-- Computed once per build (the join would otherwise hash the whole events table on every query); not sorted:
-- order by figure_date, article_id, figure_id when you need an order.
-- materialized: table
with figures as (
    select * from stg_figures
),

events as (
    select event_id_cnty, event_date, country, admin1, location, event_type from stg_events
),

articles as (
    select article_id, published_date, outlet from stg_articles
),

joined as (
    select
        figures.figure_id,
        figures.article_id,
        figures.event_id_cnty,
        figures.kind,
        figures.value,
        figures.low,
        figures.high,
        figures.qualifier,
        figures.reported_by,
        coalesce(events.event_date, articles.published_date) as figure_date,
        events.country,
        events.admin1,
        events.location,
        events.event_type,
        articles.outlet
    from figures
    left join events on figures.event_id_cnty = events.event_id_cnty
    left join articles on figures.article_id = articles.article_id
)

select * from joined
