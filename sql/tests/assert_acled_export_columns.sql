-- acled_export has exactly the 31 ACLED columns, in ACLED's order (seed_acled_columns comes from
-- schemas.columns.ACLED_COLUMNS). Returns the positions where the two disagree.
with actual as (
    select ordinal_position as position, column_name
    from information_schema.columns
    where table_name = 'acled_export'
),

expected as (
    select position, column_name from seed_acled_columns
)

select
    coalesce(expected.position, actual.position) as position,
    expected.column_name                         as expected_column,
    actual.column_name                           as actual_column
from expected
full outer join actual on expected.position = actual.position
where expected.column_name is distinct from actual.column_name
