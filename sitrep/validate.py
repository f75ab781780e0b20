"""Validate a table against its pandera schema: good rows pass through coerced, bad rows go to quarantine.

    split_valid(df, schema, quarantined_at) -> ValidationResult(valid, quarantine)
    validate_table(df, schema) -> the table coerced; any failure raises SchemaViolation

Row-level failures (a value out of range, an unknown enumeration, a row-wise rule, a value that cannot be
coerced) set that row aside with the names of every check it failed; a coercion pandas fails for a whole
column because of one value (a date in year 9999) is pinned to the rows holding that value, so it never
escalates to the others. Schema-level failures (missing, extra or misordered columns; a column none of whose
values can be coerced to its type; rows of most articles failing, see _refuse_mass_rejection) mean the
producer is broken, not the row: they raise SchemaViolation and stop the run, before anything is published.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from schemas.columns import QUARANTINE_COLUMNS

# Each pass drops the rows pandera could pin down; a later pass may find more once a column coerces.
MAX_PASSES = 5


class SchemaViolation(ValueError):
    """The table as a whole does not fit its schema (columns, order, a column's type)."""


@dataclass(frozen=True)
class ValidationResult:
    valid: pd.DataFrame       # rows that passed, coerced to the schema's types, index 0..n-1
    quarantine: pd.DataFrame  # QUARANTINE_COLUMNS, one row per rejected row, index 0..n-1


def split_valid(df: pd.DataFrame, schema: type[pa.DataFrameModel], quarantined_at: datetime | date | str, *,
                table: str | None = None, stage: str = "validate") -> ValidationResult:
    """Split df into valid (coerced) rows and quarantine rows; raise SchemaViolation on table-level problems.

    table names the table in messages and in the quarantine's origin column (default: the schema's name,
    "events", "figures", "articles" or "quarantine"); quarantined_at is written as given (ISO text)."""
    table = table or _table_name(schema)
    _check_columns(df, schema, table)
    remaining = df.reset_index(drop=True)
    reasons: dict[int, list[str]] = {}
    valid: pd.DataFrame | None = None
    for _ in range(MAX_PASSES):
        try:
            valid = schema.validate(remaining, lazy=True)
            break
        except SchemaErrors as exc:
            failures = _pin_column_wide_coercions(exc.failure_cases, remaining, schema)
        _raise_on_uncoercible_column(failures, remaining, table)
        row_failures = failures[failures["index"].notna()]
        if row_failures.empty:
            raise SchemaViolation(f"{table}: {_describe(failures)}")
        uncoerced = row_failures["check"].astype(str).str.startswith("coerce_dtype")
        if uncoerced.any():
            # While a column is uncoerced, the other checks see raw values and blame innocent rows:
            # set aside only the rows that block coercion (and nulls), then check again.
            row_failures = row_failures[uncoerced | (row_failures["check"] == "not_nullable")]
        new_reasons = _reasons_by_row(row_failures)
        if not new_reasons:
            raise SchemaViolation(f"{table}: {_describe(failures)}")
        for index, row_reasons in new_reasons.items():
            reasons[index] = row_reasons
        remaining = remaining.drop(index=list(new_reasons))
    if valid is None:
        raise SchemaViolation(f"{table}: rows still failing after {MAX_PASSES} passes")
    quarantine = _quarantine_rows(df.reset_index(drop=True), reasons, table, quarantined_at, stage)
    _refuse_mass_rejection(df, quarantine, table)
    return ValidationResult(valid=valid.reset_index(drop=True), quarantine=quarantine)


def validate_table(df: pd.DataFrame, schema: type[pa.DataFrameModel], *, table: str | None = None) -> pd.DataFrame:
    """The whole table, coerced to its schema's types; raise SchemaViolation naming the table and every failed
    check when any row fails. For a table about to be published whose rows were checked upstream (or that the
    publish stage assembles itself): a failure here is the producer's bug, not a bad input row."""
    table = table or _table_name(schema)
    _check_columns(df, schema, table)
    try:
        return schema.validate(df.reset_index(drop=True), lazy=True)
    except SchemaErrors as exc:
        raise SchemaViolation(f"{table}: {_describe(exc.failure_cases)}") from None


def empty_quarantine() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="str") for c in QUARANTINE_COLUMNS})


def _table_name(schema: type[pa.DataFrameModel]) -> str:
    return schema.to_schema().name or schema.__name__


def _check_columns(df: pd.DataFrame, schema: type[pa.DataFrameModel], table: str) -> None:
    """Missing, extra and misordered columns, named: clearer than pandera's per-check messages."""
    expected = list(schema.to_schema().columns)
    actual = [str(c) for c in df.columns]
    missing = [c for c in expected if c not in actual]
    extra = [c for c in actual if c not in expected]
    problems = []
    if missing:
        problems.append(f"missing columns {missing}")
    if extra:
        problems.append(f"unexpected columns {extra}")
    if len(set(actual)) != len(actual):
        problems.append("duplicate column names")
    if not problems and actual != expected:
        first = next(i for i, (a, e) in enumerate(zip(actual, expected, strict=False)) if a != e)
        problems.append(f"columns out of order: position {first} is {actual[first]!r}, expected {expected[first]!r}")
    if problems:
        raise SchemaViolation(f"{table}: " + "; ".join(problems))


def _pin_column_wide_coercions(failures: pd.DataFrame, df: pd.DataFrame,
                                schema: type[pa.DataFrameModel]) -> pd.DataFrame:
    """Name the rows behind a coercion that failed for the column as a whole.

    pandas converts some columns in one go and fails them whole for one value (a date in year 9999 is out of
    pandas' datetime range): pandera then reports the coercion without a row, and every row-wise check sees
    raw values and blames every row. Coercing each distinct value alone finds the rows that really fail, so
    that only they are set aside."""
    wide = failures["check"].astype(str).str.startswith("coerce_dtype") & failures["index"].isna()
    if not wide.any():
        return failures
    columns = schema.to_schema().columns
    pinned = []
    for name in failures.loc[wide, "column"].dropna().unique():
        if name not in columns or name not in df.columns:
            continue
        dtype = columns[name].dtype
        bad_values = {key for key, value in _distinct(df[name]) if not _coerces(dtype, value)}
        for index, value in df[name].items():
            if _key(value) in bad_values:
                pinned.append({"schema_context": "Column", "column": name, "check": f"coerce_dtype('{dtype}')",
                               "check_number": None, "failure_case": value, "index": index})
    if not pinned:
        return failures
    return pd.concat([failures[~wide], pd.DataFrame(pinned)], ignore_index=True)


def _key(value: Any) -> Any:
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


def _distinct(series: pd.Series) -> list[tuple[Any, Any]]:
    seen: dict[Any, Any] = {}
    for value in series:
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            seen.setdefault(_key(value), value)
    return list(seen.items())


def _coerces(dtype: Any, value: Any) -> bool:
    try:
        dtype.coerce(pd.Series([value], dtype=object))
        return True
    except Exception:  # whatever pandas raises for this value, the value is what does not coerce
        return False


# A table of which most articles fail validation is a broken producer, not bad input: refuse to publish it
# (SchemaViolation) rather than publish a near-empty table that deletes most events. One article never
# trips this, however many rows it has: it takes MASS_REJECTION_MIN_ARTICLES failing articles.
MASS_REJECTION_SHARE = 0.5
MASS_REJECTION_MIN_ARTICLES = 3


def _refuse_mass_rejection(df: pd.DataFrame, quarantine: pd.DataFrame, table: str) -> None:
    if quarantine.empty:
        return
    id_column = "article_id" if "article_id" in df.columns else "id"
    articles = df[id_column].astype(str).nunique() if id_column in df.columns else len(df)
    failing = quarantine["article_id"].nunique() if id_column in df.columns else len(quarantine)
    if failing >= MASS_REJECTION_MIN_ARTICLES and failing > MASS_REJECTION_SHARE * articles:
        raise SchemaViolation(f"{table}: rows of {failing} of {articles} articles failed validation; refusing to "
                              f"publish a table that would drop most of them (first reason: "
                              f"{quarantine['reason'].iloc[0]})")


def _raise_on_uncoercible_column(failures: pd.DataFrame, df: pd.DataFrame, table: str) -> None:
    """A column where no non-null value coerces has the wrong type altogether: that is the producer's bug."""
    if df.empty:
        return
    coercions = failures[failures["check"].astype(str).str.startswith("coerce_dtype")
                         & failures["failure_case"].notna()]
    for column, group in coercions.groupby("column"):
        if group["index"].nunique() == len(df):
            example = group["failure_case"].iloc[0]
            raise SchemaViolation(f"{table}: column {column!r} cannot be coerced "
                                  f"({group['check'].iloc[0]}), e.g. {example!r}")


def _reasons_by_row(failures: pd.DataFrame) -> dict[int, list[str]]:
    """Readable reasons per row index, without duplicates (a frame-wide check reports every column)."""
    by_row: dict[int, list[str]] = {}
    # Column checks first: they name the offending value; frame-wide rules follow.
    records = sorted(failures.to_dict("records"), key=lambda r: r["schema_context"] == "DataFrameSchema")
    for record in records:
        index = int(record["index"])
        if record["schema_context"] == "DataFrameSchema":
            reason = str(record["check"])
        elif str(record["check"]).startswith("dtype("):
            continue  # follows from the coerce_dtype failure already reported
        else:
            check = _short(str(record["check"]), limit=50, quote=False)
            reason = f"{record['column']}: {check} (got {_short(record['failure_case'])})"
        reasons = by_row.setdefault(index, [])
        if reason not in reasons:
            reasons.append(reason)
    return by_row


def _describe(failures: pd.DataFrame) -> str:
    parts = []
    for record in failures.drop_duplicates(subset=["column", "check"]).to_dict("records"):
        where = f"column {record['column']!r}: " if record["column"] is not None else ""
        parts.append(f"{where}{record['check']} ({_short(record['failure_case'])})")
    return "; ".join(parts)


def _short(value: Any, limit: int = 60, quote: bool = True) -> str:
    text = repr(value) if quote else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quarantine_rows(df: pd.DataFrame, reasons: dict[int, list[str]], table: str,
                     quarantined_at: datetime | date | str, stage: str) -> pd.DataFrame:
    if not reasons:
        return empty_quarantine()
    at = quarantined_at if isinstance(quarantined_at, str) else quarantined_at.isoformat()
    id_column = "article_id" if "article_id" in df.columns else "id"
    rows = []
    for index in sorted(reasons):
        row = df.loc[index]
        article_id = _json_value(row.get(id_column))
        rows.append({
            "stage": stage,
            "article_id": None if article_id is None else str(article_id),
            "origin": table,
            "reason": "; ".join(reasons[index]),
            "payload": json.dumps({str(k): _json_value(v) for k, v in row.items()}, ensure_ascii=False),
            "quarantined_at": at,
        })
    return pd.DataFrame(rows, columns=QUARANTINE_COLUMNS).astype("str")


def _json_value(value: Any) -> Any:
    """A cell as a JSON value: nulls as null, numpy scalars as numbers, dates as ISO strings."""
    if value is None or (not isinstance(value, (list, dict, tuple)) and pd.isna(value)):
        return None
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
