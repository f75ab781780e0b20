"""Every published table is checked whole against its pandera model at publish and written with the model's
Parquet types; a table that fails stops the publish with a clear error, before any table is written."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from schemas import DeletedEventSchema
from schemas.tables import PUBLISHED_TABLES, arrow_schema
from sitrep.coding import CODER_VERSION
from sitrep.pipeline import code_stage, ingest_sources, publish_stage, read_coded
from sitrep.pipeline.code import PART_COLUMNS
from sitrep.store import atomic_write_parquet
from sitrep.tables import published_files
from sitrep.validate import SchemaViolation, validate_table
from sitrep.zones import next_coded_batch, tables_dir
from tests.test_publish_stage import REPORTS, settings_for


def test_every_table_is_written_with_its_models_types_even_when_empty(tmp_path):
    settings = settings_for(tmp_path, REPORTS)
    ingest_sources(settings)
    code_stage(settings)
    publish_stage(settings, now=1_741_200_000)
    for name, model in PUBLISHED_TABLES.items():
        files = published_files(tables_dir(settings), name)
        assert files, name
        written = pq.read_schema(files[0])
        assert written.names == arrow_schema(model).names
        assert [f.type for f in written] == [f.type for f in arrow_schema(model)], name
    # No event was ever deleted: the table is empty and still typed (no all-null column).
    assert [pq.read_table(f).num_rows for f in published_files(tables_dir(settings), "deleted_events")] == [0]


def test_a_table_failing_its_model_stops_the_publish_naming_the_table(tmp_path):
    settings = settings_for(tmp_path, REPORTS)
    ingest_sources(settings)
    code_stage(settings)
    # A broken coder build wrote a status no one knows: the articles table cannot be published.
    article_id = read_coded(settings, CODER_VERSION)[2]["article_id"][0]
    rows = {"status": [{"article_id": article_id, "status": "archived", "events": 0, "reason": "",
                        "coder_version": CODER_VERSION}]}
    for part, path in next_coded_batch(settings, CODER_VERSION).items():
        atomic_write_parquet(pd.DataFrame(rows.get(part, []), columns=PART_COLUMNS[part]), path)

    with pytest.raises(SchemaViolation, match=r"^articles: column 'status': isin"):
        publish_stage(settings, now=1_741_200_000)
    assert not tables_dir(settings).exists()      # nothing was written


def test_validate_table_coerces_a_good_table_and_names_what_fails():
    good = pd.DataFrame({"event_id_cnty": ["UKR3"], "deleted_at": ["1741200000"], "reason": ["merged into UKR1"]})
    assert validate_table(good, DeletedEventSchema)["deleted_at"].tolist() == [1_741_200_000]
    bad = good.assign(event_id_cnty=["ukraine-3"])
    with pytest.raises(SchemaViolation, match=r"^deleted_events: column 'event_id_cnty': str_matches"):
        validate_table(bad, DeletedEventSchema)
    with pytest.raises(SchemaViolation, match=r"missing columns \['reason'\]"):
        validate_table(good.drop(columns=["reason"]), DeletedEventSchema)
