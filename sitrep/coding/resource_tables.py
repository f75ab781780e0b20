"""The coder's tables read from sitrep/resources (and indexes made from them), each loaded once, on first use.

One loading function per table, called through TABLES.get(load): nothing is read at import time, and tests that
point a table at another file clear the loaded ones with TABLES.clear(). (The gazetteer keeps its own cache file:
see places/gazetteer_cache.py.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class ResourceTables:
    """Loaded tables by their loading function."""

    def __init__(self) -> None:
        self._loaded: dict[Callable[[], Any], Any] = {}

    def get(self, load: Callable[[], T]) -> T:
        try:
            return self._loaded[load]  # type: ignore[no-any-return]
        except KeyError:
            table = self._loaded[load] = load()
            return table

    def clear(self) -> None:
        self._loaded.clear()


TABLES = ResourceTables()
