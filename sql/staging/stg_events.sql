-- One row per published event: the curated events table with its types pinned.
with source as (
    select * from {{ source('events') }}
),

typed as (
    select
        cast(event_id_cnty as varchar)      as event_id_cnty,
        cast(event_date as date)            as event_date,
        cast(year as integer)               as year,
        cast(time_precision as integer)     as time_precision,
        cast(disorder_type as varchar)      as disorder_type,
        cast(event_type as varchar)         as event_type,
        cast(sub_event_type as varchar)     as sub_event_type,
        cast(actor1 as varchar)             as actor1,
        cast(assoc_actor_1 as varchar)      as assoc_actor_1,
        cast(inter1 as varchar)             as inter1,
        cast(actor2 as varchar)             as actor2,
        cast(assoc_actor_2 as varchar)      as assoc_actor_2,
        cast(inter2 as varchar)             as inter2,
        cast(interaction as varchar)        as interaction,
        cast(civilian_targeting as varchar) as civilian_targeting,
        cast(iso as integer)                as iso,
        cast(region as varchar)             as region,
        cast(country as varchar)            as country,
        cast(admin1 as varchar)             as admin1,
        cast(admin2 as varchar)             as admin2,
        cast(admin3 as varchar)             as admin3,
        cast(location as varchar)           as location,
        cast(latitude as double)            as latitude,
        cast(longitude as double)           as longitude,
        cast(geo_precision as integer)      as geo_precision,
        cast(source as varchar)             as source,
        cast(source_scale as varchar)       as source_scale,
        cast(notes as varchar)              as notes,
        cast(fatalities as integer)         as fatalities,
        cast(tags as varchar)               as tags,
        cast(timestamp as bigint)           as timestamp,
        cast(article_id as varchar)         as article_id,
        cast(quote as varchar)              as quote,
        cast(quote_start as integer)        as quote_start,
        cast(quote_end as integer)          as quote_end,
        cast(date_text as varchar)          as date_text,
        cast(place_text as varchar)         as place_text,
        cast(fatalities_low as integer)     as fatalities_low,
        cast(fatalities_high as integer)    as fatalities_high,
        cast(confidence as double)          as confidence,
        cast(coder_version as varchar)      as coder_version
    from source
)

select * from typed
