"""One place for configuration: `sitrep.toml` (found in the working directory or named by SITREP_CONFIG)
overlaid by SITREP_* environment variables (SITREP_DATA_DIR, SITREP_SAMPLES_DIR, ...)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The data files the coder reads (lexicons, dictionaries, gazetteer overrides), shipped inside the package.
RESOURCES_DIR = Path(__file__).resolve().parent / "resources"


@dataclass(frozen=True)
class SourceConfig:
    """One configured source: kind is "folder", "feed" or "pages"."""

    name: str
    kind: str
    path: str | None = None            # folder inbox
    url: str | None = None             # feed URL
    urls: tuple[str, ...] = ()         # list of page URLs
    outlet: str | None = None
    source_scale: str | None = None
    language: str | None = None
    country: str | None = None         # country focus, a hint for place disambiguation


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    samples_dir: Path
    sql_dir: Path
    sources: tuple[SourceConfig, ...]
    schedule_cron: str = "0 2 * * *"
    schedule_timezone: str = "UTC"
    snapshot_target: str | None = None     # folder or fsspec URL; None: the nightly run publishes none
    snapshot_keep: int = 10
    user_agent: str = "sitrep/0.1 (+https://example.org/sitrep)"
    http_timeout_s: float = 20.0
    max_page_bytes: int = 5_000_000
    per_host_interval_s: float = 1.0
    http_retries: int = 3                  # retries on 5xx and connection failures, with exponential backoff
    http_backoff_s: float = 1.0            # the first retry's wait; doubled for each next one
    # Fetches to loopback, private, link-local or reserved addresses are refused unless this is set
    # (tests on 127.0.0.1 set it; a pipeline reading an intranet feed may).
    allow_private_addresses: bool = False
    max_inbox_file_bytes: int = 20_000_000  # an inbox file (or JSONL line) larger than this is quarantined
    max_article_chars: int = 200_000        # an article's text is cut to this many characters, said in quarantine
    publish_file_mode: int = 0o644          # published tables, snapshot files, LATEST, index.json
    publish_dir_mode: int = 0o755
    lock_timeout_s: float = 0.0             # how long a second run waits for the data dir's lock (0: fail at once)
    languages: tuple[str, ...] = ("en",)
    duckdb_memory_limit: str = "25%"        # every DuckDB connection's: a share of the RAM or a size ("4GB")
    duckdb_temp_directory: Path | None = None  # where DuckDB spills past it; None: <data_dir>/cache/duckdb-spill
    models_nightly_tests: str = "changed"   # SQL tests of a run: "changed" (the rows changed since) or "full"
    # [runner]: where the code stage's batches run ("local": in this process; "dask": on the Dask scheduler at
    # runner_address), and how many articles make one batch (runner_from_table; flows/runners.py).
    runner_kind: str = "local"
    runner_address: str | None = None
    runner_batch_size: int = 500
    # [zones] raw: the raw zone as a folder or an fsspec URL (s3://bucket/prefix); None: data_dir/raw.
    raw_zone: str | None = None
    code_workers: int = 0                   # [code] workers: processes coding batches at once (0: every core)
    extra: dict[str, Any] = field(default_factory=dict)

    # Thin pass-throughs: the layout under data_dir is sitrep.zones'.
    @property
    def raw_dir(self) -> Path:
        from sitrep import zones

        return zones.raw_dir(self)

    @property
    def curated_dir(self) -> Path:
        from sitrep import zones

        return zones.curated_dir(self)

    @property
    def duckdb_path(self) -> Path:
        from sitrep import zones

        return zones.duckdb_path(self)

    @property
    def cache_dir(self) -> Path:
        from sitrep import zones

        return zones.cache_dir(self)


def _source_from_table(raw: dict[str, Any]) -> SourceConfig:
    known = {f for f in SourceConfig.__dataclass_fields__}
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"source {raw.get('name', '?')!r}: unknown keys {sorted(unknown)}")
    values = dict(raw)
    if "urls" in values:
        values["urls"] = tuple(values["urls"])
    return SourceConfig(**values)


def _nightly_tests(value: object) -> str:
    if value not in ("changed", "full"):
        raise ValueError(f"[models] nightly_tests = {value!r}: expected \"changed\" or \"full\"")
    return str(value)


RUNNER_KINDS = ("local", "dask")


def runner_from_table(raw: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """The [runner] table (SITREP_RUNNER_KIND / SITREP_RUNNER_ADDRESS override it) as Settings fields; a
    ValueError names the key that is wrong."""
    unknown = set(raw) - {"kind", "address", "batch_size"}
    if unknown:
        raise ValueError(f"[runner]: unknown keys {sorted(unknown)} (known: kind, address, batch_size)")
    kind = env.get("SITREP_RUNNER_KIND") or raw.get("kind", "local")
    address = env.get("SITREP_RUNNER_ADDRESS") or raw.get("address")
    if kind not in RUNNER_KINDS:
        raise ValueError(f"[runner] kind = {kind!r}: must be one of {', '.join(RUNNER_KINDS)}")
    if kind == "dask" and not address:
        raise ValueError('[runner] kind = "dask" needs an address, e.g. address = "tcp://127.0.0.1:8786"')
    batch_size = raw.get("batch_size", 500)
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"[runner] batch_size = {batch_size!r}: must be a whole number of articles, 1 or more")
    return {"runner_kind": kind, "runner_address": address, "runner_batch_size": batch_size}


def raw_zone_from_table(raw: dict[str, Any], base: Path, env: dict[str, str]) -> str | None:
    """[zones] raw (or SITREP_RAW_ZONE): an fsspec URL as given, a folder relative to the config's folder."""
    unknown = set(raw) - {"raw"}
    if unknown:
        raise ValueError(f"[zones]: unknown keys {sorted(unknown)} (known: raw)")
    value = env.get("SITREP_RAW_ZONE") or raw.get("raw")
    if not value:
        return None
    if "://" in str(value):
        return str(value).rstrip("/")
    path = Path(value)
    return str(path if path.is_absolute() else base / path)


def load_settings(config_path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read sitrep.toml (if any) and SITREP_* variables; relative paths are taken from the config's folder."""
    env = dict(os.environ if env is None else env)
    if config_path is None and env.get("SITREP_CONFIG"):
        config_path = Path(env["SITREP_CONFIG"])
    if config_path is None and Path("sitrep.toml").exists():
        config_path = Path("sitrep.toml")
    table: dict[str, Any] = {}
    base = Path.cwd()
    if config_path is not None:
        with open(config_path, "rb") as fh:
            table = tomllib.load(fh)
        base = config_path.resolve().parent

    def path_of(key: str, default: Path) -> Path:
        value = env.get(f"SITREP_{key.upper()}") or table.get(key)
        if value is None:
            return default
        p = Path(value)
        return p if p.is_absolute() else base / p

    samples_dir = path_of("samples_dir", PROJECT_ROOT / "data" / "samples")
    sources_raw = table.get("sources") or [{"name": "samples", "kind": "folder", "path": str(samples_dir)}]
    sources = []
    for raw in sources_raw:
        src = _source_from_table(raw)
        if src.path and not Path(src.path).is_absolute():
            src = SourceConfig(**{**src.__dict__, "path": str(base / src.path)})
        sources.append(src)
    schedule = table.get("schedule", {})
    snapshot = table.get("snapshot", {})
    http = table.get("http", {})
    ingest = table.get("ingest", {})
    publish = table.get("publish", {})
    duckdb_table, models_table = table.get("duckdb", {}), table.get("models", {})
    return Settings(
        data_dir=path_of("data_dir", PROJECT_ROOT / "data"),
        samples_dir=samples_dir,
        sql_dir=path_of("sql_dir", PROJECT_ROOT / "sql"),
        sources=tuple(sources),
        schedule_cron=env.get("SITREP_SCHEDULE_CRON") or schedule.get("cron", "0 2 * * *"),
        schedule_timezone=schedule.get("timezone", "UTC"),
        snapshot_target=env.get("SITREP_SNAPSHOT_TARGET") or snapshot.get("target"),
        snapshot_keep=int(snapshot.get("keep", 10)),
        user_agent=http.get("user_agent", "sitrep/0.1 (+https://example.org/sitrep)"),
        http_timeout_s=float(http.get("timeout_s", 20.0)),
        max_page_bytes=int(http.get("max_page_bytes", 5_000_000)),
        per_host_interval_s=float(http.get("per_host_interval_s", 1.0)),
        http_retries=int(http.get("retries", 3)),
        http_backoff_s=float(http.get("backoff_s", 1.0)),
        allow_private_addresses=bool(http.get("allow_private_addresses", False)),
        max_inbox_file_bytes=int(ingest.get("max_file_bytes", 20_000_000)),
        max_article_chars=int(ingest.get("max_article_chars", 200_000)),
        publish_file_mode=int(str(publish.get("file_mode", "644")), 8),
        publish_dir_mode=int(str(publish.get("dir_mode", "755")), 8),
        lock_timeout_s=float(table.get("lock", {}).get("timeout_s", 0.0)),
        languages=tuple(table.get("coder", {}).get("languages", ["en"])),
        duckdb_memory_limit=str(duckdb_table.get("memory_limit", "25%")),
        duckdb_temp_directory=(base / duckdb_table["temp_directory"]) if duckdb_table.get("temp_directory") else None,
        models_nightly_tests=_nightly_tests(models_table.get("nightly_tests", "changed")),
        **runner_from_table(table.get("runner", {}), env),
        raw_zone=raw_zone_from_table(table.get("zones", {}), base, env),
        code_workers=int(env.get("SITREP_CODE_WORKERS") or table.get("code", {}).get("workers", 0)),
        extra={k: v for k, v in table.items()
               if k not in {"sources", "schedule", "snapshot", "http", "coder", "code", "ingest", "publish", "lock",
                            "runner", "zones", "duckdb", "models"}},
    )
