"""DuckDB over tables on object storage: the fsspec filesystem of each URL scheme the views read (s3://…) is
registered with the connection (`con.register_filesystem`), so DuckDB reads through fsspec, with the endpoint and
credentials the snapshots use (sitrep.snapshots.store.resolve_storage_options), and never installs or loads an
extension (httpfs) for it.

A .duckdb file keeps its views' URLs, not the filesystems: every connection that reads views registers them
again (`register_for_views`)."""

from __future__ import annotations

import re
from typing import Any

# A quoted URL in SQL: 's3://bucket/…' (file:// is the local disk, which DuckDB reads itself).
_QUOTED_URL = re.compile(r"'([A-Za-z][A-Za-z0-9+.-]*)://")


def url_schemes(sql: str) -> set[str]:
    """The URL schemes SQL text reads from, other than file."""
    return {scheme.lower() for scheme in _QUOTED_URL.findall(sql)} - {"file"}


def register_filesystems(con: Any, schemes: set[str]) -> None:
    """Register an fsspec filesystem for each scheme with con; extension downloads and autoloads are off."""
    if not schemes:
        return
    import fsspec

    from sitrep.snapshots.store import resolve_storage_options

    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    registered = set(con.list_filesystems())
    for scheme in sorted(schemes):
        options = resolve_storage_options(f"{scheme}://")
        fs = fsspec.filesystem(scheme, skip_instance_cache=True, **options)
        names = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
        if not registered.intersection(names):
            con.register_filesystem(fs)


def register_for_location(con: Any, location: object) -> None:
    """Before building views over location: its scheme's filesystem, when it is a URL."""
    register_filesystems(con, url_schemes(f"'{location}'"))


def register_for_views(con: Any) -> None:
    """The filesystems the connection's views read from (none for views over local files)."""
    definitions = con.execute("select sql from duckdb_views() where not internal").fetchall()
    register_filesystems(con, set().union(*(url_schemes(sql or "") for (sql,) in definitions)))
