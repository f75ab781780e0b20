"""Actors named the ACLED way: state forces with their regime year, named groups, generic actors by country.

Data files (sitrep/resources/), all plain phrases ("|"-separated), no regular expressions:
  state_forces.csv       country, since, regime_year, named_as → "Military Forces of Ukraine (2019-)";
                         a regime followed by a later one is named with both years ("(2016-2022)")
  state_force_words.csv  words for a state's forces (military/police), the unit they name ("Air Force") and,
                         for national acronyms ("FARDC", "IDF"), whose forces they are
  actors.csv             named organisations: ACLED name, inter, home country, where the aliases apply, aliases,
                         an associated actor, valid from/until
  generic_actors.csv     unnamed actors: gunmen → "Unidentified Armed Group ({country})", protesters, civilians …
  descriptors.csv        descriptive groups for assoc_actor: Women ({country}), Students ({country}) …

All phrases are matched by one pass over a sentence's word tokens against phrase tables (longest match
first), so that the cost does not grow with the size of the dictionaries.
Inter depends on where the event happened: a state's forces outside their country are External/Other forces.

The parts live in their own modules; this package is the public face that the coder and the tests import from:
  data.py             reading the data files above
  mention.py          ActorMention, inter code names, ARMED_KINDS, inter_for
  state_forces.py     regimes: state_force_name, government_name
  phrases.py          phrase tables and the scan: countries_named, descriptors_in
  finder.py           actor mentions in a sentence: find_actors, merge_adjacent
  role_cues.py        text cues and country conventions for roles
  roles.py            actor1/actor2 and Armed clash vs Attack vs Mob violence: assign_roles
"""

from __future__ import annotations

from sitrep.coding.actors.data import RESOURCES
from sitrep.coding.actors.finder import (COUNTRY_AFTER_BY, COUNTRY_AS_AGENT, PLACE_CONTEXT_BEFORE, POSSESSIVE_FORCES,
                                         find_actors, merge_adjacent)
from sitrep.coding.actors.mention import (ARMED_KINDS, BY_BEFORE, EXTERNAL, STATE, UNIDENTIFIED_MILITARY, ActorMention,
                                          inter_for)
from sitrep.coding.actors.phrases import countries_named, descriptors_in
from sitrep.coding.actors.roles import assign_roles
from sitrep.coding.actors.state_forces import EXPORT_LAG_DAYS, government_name, state_force_name

__all__ = [
    "ARMED_KINDS", "BY_BEFORE", "COUNTRY_AFTER_BY", "COUNTRY_AS_AGENT", "EXPORT_LAG_DAYS", "EXTERNAL",
    "PLACE_CONTEXT_BEFORE", "POSSESSIVE_FORCES", "RESOURCES", "STATE", "UNIDENTIFIED_MILITARY", "ActorMention",
    "assign_roles", "countries_named", "descriptors_in", "find_actors", "government_name", "inter_for",
    "merge_adjacent", "state_force_name",
]
