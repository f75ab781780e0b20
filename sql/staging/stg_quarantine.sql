-- One row per input or row set aside by a run, with the stage and the reason.
with source as (
    select * from {{ source('quarantine') }}
),

typed as (
    select
        cast(stage as varchar)          as stage,
        nullif(cast(article_id as varchar), '') as article_id,
        cast(origin as varchar)         as origin,
        cast(reason as varchar)         as reason,
        cast(payload as varchar)        as payload,
        cast(quarantined_at as varchar) as quarantined_at
    from source
)

select * from typed
