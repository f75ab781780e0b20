"""`sitrep sources check`: validate sitrep.toml and say what is wrong and where, before a nightly run finds out.

Checks: unknown keys (in [[sources]], [http], [schedule], [snapshot]), a kind's missing url / urls / path, URLs that
are not http(s), source_scale outside ACLED's list, duplicate source names, a cron expression or timezone that
Prefect would refuse. Exit 1 when anything is wrong; 0 and a short table of the sources when all is well."""

from __future__ import annotations

import argparse
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitrep.settings import SourceConfig

KINDS = ("folder", "feed", "pages")
SOURCE_KEYS = set(SourceConfig.__dataclass_fields__)
TABLE_KEYS = {
    "http": {"user_agent", "timeout_s", "max_page_bytes", "per_host_interval_s", "retries", "backoff_s",
             "allow_private_addresses"},
    "schedule": {"cron", "timezone"},
    "snapshot": {"target", "keep"},
    "ingest": {"max_file_bytes", "max_article_chars"},
    "publish": {"file_mode", "dir_mode"},
    "lock": {"timeout_s"},
}
POSITIVE_NUMBERS = {("http", "timeout_s"), ("http", "max_page_bytes"), ("snapshot", "keep"),
                    ("ingest", "max_file_bytes"), ("ingest", "max_article_chars")}
NON_NEGATIVE_NUMBERS = {("http", "per_host_interval_s"), ("http", "retries"), ("http", "backoff_s"),
                        ("lock", "timeout_s")}


@dataclass(frozen=True)
class Problem:
    where: str      # "sources[2] 'wire'", "[schedule]"
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.key}: {self.message}" if self.key else f"{self.where}: {self.message}"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sources", help="work with the configured sources")
    actions = parser.add_subparsers(dest="sources_command", metavar="ACTION")
    check = actions.add_parser("check", help="validate sitrep.toml: exit 1 and say where, when anything is wrong")
    check.add_argument("--config", default=argparse.SUPPRESS, help="path to sitrep.toml (default: ./sitrep.toml)")
    check.set_defaults(handler=run_check, extra="pipeline")  # Prefect checks the cron
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)


def find_config(args: argparse.Namespace) -> Path | None:
    named = getattr(args, "config", None) or os.environ.get("SITREP_CONFIG")
    if named:
        return Path(named)
    return Path("sitrep.toml") if Path("sitrep.toml").exists() else None


def run_check(args: argparse.Namespace) -> int:
    path = find_config(args)
    if path is None:
        print("no sitrep.toml here (and no --config or SITREP_CONFIG): the default sample inbox is the only source")
        return 0
    if not path.exists():
        raise FileNotFoundError(f"no such config file: {path}")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        print(f"{path}: not valid TOML: {exc}")
        return 1
    problems = check_config(table)
    if problems:
        print(f"{path}: {len(problems)} problem{'s' if len(problems) > 1 else ''}")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print(f"{path}: ok")
    print(format_sources(table.get("sources") or []))
    return 0


def check_config(table: dict[str, Any]) -> list[Problem]:
    """Every problem in a parsed sitrep.toml, in file order."""
    problems: list[Problem] = []
    for name, allowed in TABLE_KEYS.items():
        section = table.get(name, {})
        if not isinstance(section, dict):
            problems.append(Problem(f"[{name}]", "", "must be a table"))
            continue
        problems += [Problem(f"[{name}]", key, f"unknown key (known: {', '.join(sorted(allowed))})")
                     for key in section if key not in allowed]
        for key, value in section.items():
            if (name, key) in POSITIVE_NUMBERS | NON_NEGATIVE_NUMBERS:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    problems.append(Problem(f"[{name}]", key, f"must be a number, not {value!r}"))
                elif value < 0 or (value == 0 and (name, key) in POSITIVE_NUMBERS):
                    bound = "> 0" if (name, key) in POSITIVE_NUMBERS else ">= 0"
                    problems.append(Problem(f"[{name}]", key, f"must be {bound}"))
    problems += _check_schedule(table.get("schedule", {}) if isinstance(table.get("schedule", {}), dict) else {})
    sources = table.get("sources", [])
    if not isinstance(sources, list):
        return problems + [Problem("[[sources]]", "", "must be an array of tables ([[sources]])")]
    first_seen: dict[str, int] = {}
    for index, source in enumerate(sources):
        problems += _check_source(index, source, first_seen)
    return problems


def _check_schedule(schedule: dict[str, Any]) -> list[Problem]:
    problems = []
    timezone = schedule.get("timezone", "UTC")
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(Problem("[schedule]", "timezone",
                                f"unknown timezone {timezone!r} (e.g. 'UTC', 'Europe/Berlin')"))
        timezone = "UTC"
    if "cron" in schedule:
        from prefect.client.schemas.schedules import CronSchedule
        from pydantic import ValidationError

        try:
            CronSchedule(cron=str(schedule["cron"]), timezone=str(timezone))
        except ValidationError:
            problems.append(Problem("[schedule]", "cron",
                                    f"not a cron expression: {schedule['cron']!r} (five fields, e.g. '0 2 * * *')"))
    return problems


def _check_source(index: int, source: Any, first_seen: dict[str, int]) -> list[Problem]:
    if not isinstance(source, dict):
        return [Problem(f"sources[{index}]", "", "must be a table")]
    name = source.get("name")
    where = f"sources[{index}] {name!r}" if name else f"sources[{index}]"
    problems = [Problem(where, key, f"unknown key (known: {', '.join(sorted(SOURCE_KEYS))})")
                for key in source if key not in SOURCE_KEYS]
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(where, "name", "missing: every source needs a name"))
    elif name in first_seen:
        problems.append(Problem(where, "name", f"duplicate: sources[{first_seen[name]}] has the same name"))
    else:
        first_seen[name] = index
    kind = source.get("kind")
    if kind not in KINDS:
        problems.append(Problem(where, "kind", f"must be one of {', '.join(KINDS)}, not {kind!r}"))
    elif kind == "folder" and not source.get("path"):
        problems.append(Problem(where, "path", "missing: a folder source needs the inbox path"))
    elif kind == "feed":
        problems += _check_url(where, "url", source.get("url"), "a feed source needs the feed's URL")
    elif kind == "pages":
        urls = source.get("urls")
        if not isinstance(urls, list) or not urls:
            problems.append(Problem(where, "urls", "missing: a pages source needs a non-empty list of URLs"))
        else:
            for i, url in enumerate(urls):
                problems += _check_url(where, f"urls[{i}]", url, "")
    for key, needed_by in (("url", "feed"), ("urls", "pages"), ("path", "folder")):
        if key in source and kind in KINDS and kind != needed_by:
            problems.append(Problem(where, key, f"not used by a {kind} source (only by kind {needed_by!r})"))
    from schemas.acled import SOURCE_SCALES

    scale = source.get("source_scale")
    if scale is not None and scale not in SOURCE_SCALES:
        problems.append(Problem(where, "source_scale", f"{scale!r} is not one of {', '.join(SOURCE_SCALES)}"))
    return problems


def _check_url(where: str, key: str, url: Any, missing: str) -> list[Problem]:
    if not url:
        return [Problem(where, key, f"missing: {missing}")]
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [Problem(where, key, f"not an http(s) URL: {url!r}")]
    return []


def format_sources(sources: list[dict[str, Any]]) -> str:
    rows = [("name", "kind", "reads", "scale")]
    for source in sources:
        reads = source.get("url") or source.get("path") or f"{len(source.get('urls') or [])} pages"
        rows.append((source["name"], source["kind"], str(reads), source.get("source_scale") or "-"))
    if len(rows) == 1:
        return "no [[sources]]: the default sample inbox is the only source"
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    # zip stops after the third cell: the last column is not padded.
    return "\n".join("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
                     + "  " + row[3] for row in rows)
