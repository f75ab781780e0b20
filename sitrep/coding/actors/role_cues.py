"""Text cues that decide who did what to whom in an event (used by the roles modules), read from
resources/actor_role_cues.toml: case-insensitive regular expressions and word lists."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields

from sitrep.coding.resource_tables import TABLES
from sitrep.settings import RESOURCES_DIR

ROLE_CUES_TOML = RESOURCES_DIR / "actor_role_cues.toml"

# Sub-event types (ACLED's, not words of the text) that the role rules treat alike.
# Weapons whose user is never the one named after them ("a landmine killed soldiers").
PLANTED_WEAPONS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})
# Non-violent acts of a state that ACLED gives to its government.
GOVERNMENT_ACTS = frozenset({"Other", "Change to group/activity"})


@dataclass(frozen=True)
class RoleCues:
    repel_active: re.Pattern[str]
    passive_aux_before: re.Pattern[str]
    government_word: re.Pattern[str]
    planted_by: re.Pattern[str]
    ran_into: re.Pattern[str]
    gang_victim: re.Pattern[str]
    gang_marks: re.Pattern[str]
    faceless_marks: re.Pattern[str]
    drugs: re.Pattern[str]
    casualty: re.Pattern[str]
    no_casualty: re.Pattern[str]
    brawl: re.Pattern[str]
    riot_harm: re.Pattern[str]
    clash: re.Pattern[str]
    firearms: re.Pattern[str]
    passive: re.Pattern[str]
    faceless_group: re.Pattern[str]
    armed_means: re.Pattern[str]
    unarmed_harm: re.Pattern[str]
    mentioned_as_link: re.Pattern[str]
    passive_before: re.Pattern[str]
    armed_sides_fought: re.Pattern[str]
    counter_protest: re.Pattern[str]
    mutual_fight: re.Pattern[str]
    displaced: re.Pattern[str]
    mob_trigger: re.Pattern[str]
    property_words: frozenset[str]   # things a strike hits that are no victims of it


def load_role_cues() -> RoleCues:
    """The cues of actor_role_cues.toml; a missing or unknown pattern is an error."""
    data = tomllib.loads(ROLE_CUES_TOML.read_text(encoding="utf-8"))
    patterns = data["patterns"]
    wanted = {f.name for f in fields(RoleCues)} - {"property_words"}
    if set(patterns) != wanted:
        raise ValueError(f"{ROLE_CUES_TOML}: patterns missing {sorted(wanted - set(patterns))}, "
                         f"unknown {sorted(set(patterns) - wanted)}")
    return RoleCues(**{name: re.compile(p, re.IGNORECASE) for name, p in patterns.items()},
                    property_words=frozenset(data["words"]["property"]))


def role_cues() -> RoleCues:
    return TABLES.get(load_role_cues)
