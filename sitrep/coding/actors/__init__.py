"""Actors named the ACLED way: state forces with their regime year, named groups, generic actors by country.

Data files (sitrep/resources/); the CSVs are plain phrases ("|"-separated), no regular expressions:
  state_forces.csv       country, since, regime_year, named_as, note → "Military Forces of Ukraine (2019-)";
                         dated regime periods from before 1997, each ending where the next begins; an ended one
                         is named with both years ("(2016-2022)") once the export day is past its end
  state_force_sovereigns.csv  territories whose forces are another state's (New Caledonia → France)
  state_force_words.csv  words for a state's forces (military/police), the unit they name ("Air Force") and,
                         for national acronyms ("FARDC", "IDF"), whose forces they are
  actors/*.csv           named organisations, one file a world region (international.csv: of no one country):
                         ACLED name, inter, home country, where the aliases apply, aliases, an associated actor,
                         valid from/until, role (party | umbrella)
  generic_actors.csv     unnamed actors: gunmen → "Unidentified Armed Group ({country})", protesters, civilians …
  descriptors.csv        descriptive groups for assoc_actor: Women ({country}), Students ({country}) …
  actor_role_cues.toml   the text cues (regular expressions) that decide who did what to whom
  actor_conventions.toml ACLED's country conventions: unseen killers, settlers, vigilantes, gangs, community words
All are read once, on first use (sitrep.coding.resource_tables.TABLES).

All phrases are matched by one pass over a sentence's word tokens against phrase tables (longest match
first), so that the cost does not grow with the size of the dictionaries.
Inter depends on where the event happened: a state's forces outside their country are External/Other forces.

The parts live in their own modules; this package is the public face that the coder and the tests import from:
  data.py             reading the CSV files above
  conventions.py      actor_conventions.toml as ActorConventions
  mention.py          ActorMention, inter code names, ARMED_KINDS, inter_for, mention_in
  state_forces.py     regimes: state_force_name, government_name
  phrases.py          phrase tables and the scan: countries_named, descriptors_in
  finder.py           actor mentions in a sentence: find_actors, merge_adjacent
  groups.py           identity militias, factions and "coded as" names found by pattern
  role_cues.py        actor_role_cues.toml as RoleCues; the sub-event types the role rules group
  roles.py            actor1/actor2 and Armed clash vs Attack vs Mob violence: assign_roles → Roles
  roles_common.py     RoleQuery (the question), Roles (the answer) and shared tests on actors and text
  roles_crowds.py     protesters, rioters and mobs
  roles_agent.py      who acted (actor1), and the readings that make an event mob violence
  roles_targets.py    the other side (actor2) by event type
"""

from __future__ import annotations

from sitrep.coding.actors.data import RESOURCES
from sitrep.coding.actors.finder import (
                                         COUNTRY_AFTER_BY,
                                         COUNTRY_AS_AGENT,
                                         PLACE_CONTEXT_BEFORE,
                                         POSSESSIVE_FORCES,
                                         find_actors,
                                         merge_adjacent,
)
from sitrep.coding.actors.mention import (
                                         ARMED_KINDS,
                                         BY_BEFORE,
                                         EXTERNAL,
                                         STATE,
                                         UNIDENTIFIED_MILITARY,
                                         ActorMention,
                                         inter_for,
)
from sitrep.coding.actors.phrases import countries_named, descriptors_in
from sitrep.coding.actors.roles import assign_roles
from sitrep.coding.actors.roles_common import Roles
from sitrep.coding.actors.state_forces import EXPORT_LAG_DAYS, government_name, state_force_name

__all__ = [
    "ARMED_KINDS", "BY_BEFORE", "COUNTRY_AFTER_BY", "COUNTRY_AS_AGENT", "EXPORT_LAG_DAYS", "EXTERNAL",
    "PLACE_CONTEXT_BEFORE", "POSSESSIVE_FORCES", "RESOURCES", "Roles", "STATE", "UNIDENTIFIED_MILITARY", "ActorMention",
    "assign_roles", "countries_named", "descriptors_in", "find_actors", "government_name", "inter_for",
    "merge_adjacent", "state_force_name",
]
