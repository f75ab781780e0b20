"""Country conventions of ACLED's actor naming, read from resources/actor_conventions.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import NamedTuple

from sitrep.coding.resource_tables import TABLES
from sitrep.settings import RESOURCES_DIR

CONVENTIONS_TOML = RESOURCES_DIR / "actor_conventions.toml"


class NamedActor(NamedTuple):
    name: str
    inter: str


@dataclass(frozen=True)
class ActorConventions:
    faceless_killers: dict[str, NamedActor]            # country → who ACLED names for unseen killers there
    mob_like_named: dict[str, str]                     # named group → the country whose rioters they are
    vigilante_targets: dict[str, str]                  # armed suspects → the vigilantes who kill them
    gang_regions: frozenset[str]                       # ACLED regions where unseen killers are a gang
    gang_countries: frozenset[str]                     # …and countries outside them
    community_word: dict[str, str]                     # country → "Tribal" / "Clan" (default "Ethnic")
    regional_rebels: dict[tuple[str, str], NamedActor]  # (country, admin1) → the region's insurgents
    country_words: dict[str, str]                      # word → country it stands for in actor text
    acts_in: dict[str, tuple[str, ...]]                # named group → the countries beyond its home it fights in


def load_conventions() -> ActorConventions:
    data = tomllib.loads(CONVENTIONS_TOML.read_text(encoding="utf-8"))
    return ActorConventions(
        faceless_killers={c: NamedActor(v["name"], v["inter"]) for c, v in data["faceless_killers"].items()},
        mob_like_named=dict(data["mob_like_named"]),
        vigilante_targets=dict(data["vigilante_targets"]),
        gang_regions=frozenset(data["gangs"]["regions"]),
        gang_countries=frozenset(data["gangs"]["countries"]),
        community_word=dict(data["community_word"]),
        regional_rebels={(r["country"], r["admin1"]): NamedActor(r["name"], r["inter"])
                         for r in data["regional_rebels"]},
        country_words=dict(data["country_words"]),
        acts_in={name: tuple(countries) for name, countries in data.get("acts_in", {}).items()},
    )


def conventions() -> ActorConventions:
    return TABLES.get(load_conventions)
