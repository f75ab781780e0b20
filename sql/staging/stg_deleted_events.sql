-- Events published once and no longer coded: their ids stay retired (deleted_at in Unix seconds).
with source as (
    select * from {{ source('deleted_events') }}
),

typed as (
    select
        cast(event_id_cnty as varchar) as event_id_cnty,
        cast(deleted_at as bigint)     as deleted_at,
        cast(reason as varchar)        as reason
    from source
)

select * from typed
