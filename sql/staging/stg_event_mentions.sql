-- One row per article mention merged into an event: which article reported it, with its own quote and toll.
with source as (
    select * from {{ source('event_mentions') }}
),

typed as (
    select
        cast(event_id_cnty as varchar) as event_id_cnty,
        cast(mention_id as varchar)    as mention_id,
        cast(article_id as varchar)    as article_id,
        cast(outlet as varchar)        as outlet,
        cast(quote as varchar)         as quote,
        cast(quote_start as integer)   as quote_start,
        cast(quote_end as integer)     as quote_end,
        cast(event_date as date)       as event_date,
        cast(fatalities as integer)    as fatalities
    from source
)

select * from typed
