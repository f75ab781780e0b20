"""How a gazetteer candidate is weighed: population, own name vs alternate name, fit with a parenthetical.

The tunable thresholds shared by several steps of the place coder live here too.
"""

from __future__ import annotations

import math

from sitrep.coding.places.gazetteer import KIND_ADMIN1, Gazetteer
from sitrep.coding.places.tables import name_key, same_admin

DEMONYM_WEIGHT = 0.3   # "Russian forces shelled …" names the actor more often than the place
STRAY_POPULATION = 50_000
OWN_NAME_BONUS = 1.2  # log10 population points: "Amara" is Al-Amarah (Iraq), not a village named Amara
EXONYM_POPULATION = 250_000  # a city this big is meant even when named by another of its names ("Den Haag")
DISTRICT_CITY_POPULATION = 100_000  # "City - District" names are ACLED's for big cities only
MAJOR_CITY_POPULATION = 500_000  # a city this big, named by its own name, is meant over a far smaller namesake…
MAJOR_CITY_RATIO = 100           # …at least this many times smaller, whatever the text's demonyms say


def score_entry(g: Gazetteer, entry: int, key: str, country_weight: dict[str, float], hint_cc: str | None) -> float:
    """Higher is likelier: population (log), own name over alternate name, the article's countries."""
    score = math.log10(g.population[entry] + 10)
    if is_own_name(g, entry, key):
        score += OWN_NAME_BONUS
    cc = g.country[entry]
    if cc == hint_cc:
        score += 4.0
    score += 3.0 * country_weight.get(cc, 0.0)
    if g.kind[entry] == KIND_ADMIN1:
        score -= 1.0
    return score


_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


def is_own_name(g: Gazetteer, entry: int, key: str) -> bool:
    """Whether key is the entry's own name (Bialystok for Białystok), not one of its alternate names."""
    return g.key[entry] == key or g.key[entry].translate(_FOLD) == key


def admin_fit(g: Gazetteer, entry: int, admin1: str, admin2: str) -> int:
    """How well an entry sits in a parenthetical's units: 2 both, 1 admin1 (or admin2 given as the only name)."""
    a1 = name_key(g.admin1[entry])
    a2 = name_key(g.admin2[entry])
    if same_admin(a1, admin1):
        return 2 if admin2 and same_admin(a2, admin2) else 1
    if same_admin(a2, admin1) or (admin2 and same_admin(a2, admin2)):
        return 1
    return 0
