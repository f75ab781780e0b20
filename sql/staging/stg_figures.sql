-- One row per figure an article reports (killed, injured, displaced ...), linked to its event when there is one.
with source as (
    select * from {{ source('figures') }}
),

typed as (
    select
        cast(figure_id as varchar)     as figure_id,
        cast(article_id as varchar)    as article_id,
        -- "" and null both mean "not tied to an event"; null makes joins and counts honest
        nullif(cast(event_id_cnty as varchar), '') as event_id_cnty,
        cast(kind as varchar)          as kind,
        cast(value as double)          as value,
        cast(low as double)            as low,
        cast(high as double)           as high,
        nullif(cast(qualifier as varchar), '') as qualifier,
        cast(reported_by as varchar)   as reported_by,
        cast(quote as varchar)         as quote,
        cast(quote_start as integer)   as quote_start,
        cast(quote_end as integer)     as quote_end,
        cast(coder_version as varchar) as coder_version
    from source
)

select * from typed
