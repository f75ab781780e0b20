-- One row per article the pipeline has seen, with what became of it (status: coded, no_event, quarantined,
-- not_coded ...). The text itself stays in the raw zone. published_date is the coder's date anchor.
with source as (
    select * from {{ source('articles') }}
),

typed as (
    select
        cast(article_id as varchar)                             as article_id,
        cast(published as varchar)                              as published,
        try_cast(left(cast(published as varchar), 10) as date)  as published_date,
        cast(title as varchar)                                  as title,
        cast(outlet as varchar)                                 as outlet,
        cast(url as varchar)                                    as url,
        cast(language as varchar)                               as language,
        cast(source_name as varchar)                            as source_name,
        cast(source_scale as varchar)                           as source_scale,
        try_cast(left(cast(ingest_date as varchar), 10) as date) as ingest_date,
        cast(content_hash as varchar)                           as content_hash,
        cast(status as varchar)                                 as status,
        cast(events as integer)                                 as events,
        cast(reason as varchar)                                 as reason,
        cast(coder_version as varchar)                          as coder_version
    from source
)

select * from typed
