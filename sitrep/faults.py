"""Named crash points, for testing what a kill -9 at a given moment leaves behind.

`crash_point("name")` kills the process with SIGKILL (no cleanup, no atexit, no finally: what a power cut or
the OOM killer does) when the environment variable SITREP_CRASH_AT equals that name, and does nothing otherwise.
tests/faults/test_crash_points.py kills a run at each of CRASH_POINTS and checks that the next run repairs it."""

from __future__ import annotations

import os
import signal

CRASH_ENV = "SITREP_CRASH_AT"

# Every crash point in the code, in the order a nightly run passes them.
CRASH_POINTS: tuple[str, ...] = (
    "ingest.links_saved",            # near-duplicate links written, raw articles not yet
    "ingest.articles_written",       # raw articles written, quarantine part and source states not yet
    "publish.registry_saved",        # stable-id registry saved, no curated table written yet
    "publish.table.events",          # after each curated table's write (or its no-change check)
    "publish.table.figures",
    "publish.table.articles",
    "publish.table.quarantine",
    "publish.table.event_mentions",
    "publish.table.deleted_events",
    "models.building",               # DuckDB views created in the temp database, not yet renamed into place
    "snapshot.before",               # curated tables and models done, snapshot stage not started
    "snapshot.version_written",      # the version's files and manifest are in place, index.json and LATEST not
    "snapshot.index_written",        # index.json names the new version, LATEST does not yet
    "snapshot.latest_written",       # LATEST names the new version, old versions not yet pruned
)


def crash_point(name: str) -> None:
    """Die here, at once, when SITREP_CRASH_AT names this point (one dict lookup otherwise)."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
