"""The gazetteer: GeoNames places (populated places and admin1/admin2 units) with ACLED admin naming, and a lower
tier of Who's On First villages (gazetteer_villages.py).

gazetteer_sources.py reads what it is made from, gazetteer_build.py builds it (a few seconds), gazetteer_cache.py
keeps it as one pickle under the cache dir, keyed by the source versions, so each process loads it once (lazily).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.coding.places.gazetteer_villages import VillageStore

KIND_PLACE, KIND_ADMIN1, KIND_ADMIN2 = 0, 1, 2
KIND_NAMES = {KIND_PLACE: "populated place", KIND_ADMIN1: "admin1", KIND_ADMIN2: "admin2"}


@dataclass
class Gazetteer:
    """Column lists (one entry per place or unit) and a name index; plain lists are fastest to read per item."""

    name: list[str]
    country: list[str]          # ISO2
    admin1: list[str]           # ACLED spelling
    admin2: list[str]
    latitude: list[float]
    longitude: list[float]
    population: list[int]
    kind: list[int]             # KIND_PLACE | KIND_ADMIN1 | KIND_ADMIN2
    seat: list[int]             # for a unit, the entry of the city it is coded to (its largest); -1 for places
    index: dict[str, tuple[int, ...]]                # normalised name or alias → entries, most populous first
    key: list[str]                                   # normalised own name (an index hit on it is not an alias)
    admin1_units: dict[tuple[str, str], int]         # (ISO2, normalised admin1 name or alias) → unit entry
    admin2_units: dict[tuple[str, str], int]         # (ISO2, normalised admin2 name) → unit entry
    sources: dict[str, str]
    loose: dict[str, tuple[int, ...]] | None = None  # loose_key of a place's names → populated places
    villages: VillageStore | None = None             # the village tier (gazetteer_villages.py), outside index
    first_village: int | None = None                 # entries from here on are villages a text has named

    def __len__(self) -> int:
        return len(self.name)

    def counts(self) -> dict[str, int]:
        kinds = Counter(self.kind)
        return {"places": kinds[KIND_PLACE], "admin1": kinds[KIND_ADMIN1], "admin2": kinds[KIND_ADMIN2],
                "names": len(self.index), "countries": len(set(self.country)),
                "villages": len(self.villages) if self.villages is not None else 0}
