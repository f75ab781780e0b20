-- One row per article with what became of it: its status, the events it reported (merged events it is a
-- mention of), the figures it gave, and the rows of it that were quarantined.
-- Computed once per build (three aggregates over the history joined to every article); not sorted (that
-- would cost more than the rest): order by published_date, article_id when you need an order.
-- materialized: table
with articles as (
    select * from stg_articles
),

events_per_article as (
    -- distinct pairs, then a count: cheaper than count(distinct) per group over every mention
    select article_id, count(*) as published_events
    from (select distinct article_id, event_id_cnty from stg_event_mentions)
    group by article_id
),

figures_per_article as (
    select article_id, count(*) as figures from stg_figures group by article_id
),

quarantined_per_article as (
    select article_id, count(*) as quarantined_rows
    from stg_quarantine where article_id is not null group by article_id
),

final as (
    select
        articles.article_id,
        articles.published_date,
        articles.title,
        articles.outlet,
        articles.url,
        articles.language,
        articles.source_name,
        articles.status,
        articles.reason,
        articles.events                                       as coded_events,
        coalesce(events_per_article.published_events, 0)      as published_events,
        coalesce(figures_per_article.figures, 0)              as figures,
        coalesce(quarantined_per_article.quarantined_rows, 0) as quarantined_rows
    from articles
    left join events_per_article using (article_id)
    left join figures_per_article using (article_id)
    left join quarantined_per_article using (article_id)
)

select * from final
