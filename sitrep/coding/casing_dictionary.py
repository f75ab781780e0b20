"""The casing dictionary: how proper names are written, and which words stay lower case whatever a town is called.

Case restoration (casing.py) lowers an all-capitals or all-lower-case text and then capitalises what this
dictionary says is a name. Its two halves, both built from data that ships:

* names, each as a sequence of lower-case word keys with the written form of each word: the gazetteer's
  places and admin units, the countries (names, aliases, demonyms), the actor dictionary, the named state
  forces, the country cues; months and weekdays;
* common words that stay lower case even though some place is called so ("police" is a town in Poland,
  "arrest" a village in France): English stop words (spaCy's list), the phrases the project's lexicons write in
  lower case (state-force words, generic actors, descriptors; not the event triggers, whose case-insensitive
  patterns also spell names such as "boko haram" in lower case), the place stoplist's single words (for place
  names only: it also lists names that are not places, such as "Hamas"), and every word that
  is frequent as a lower-case English word by pyspellchecker's English frequency list (built from subtitles and
  filtered against a spelling dictionary, so names such as "paris" or "baghdad" are rare in it while "arrest"
  and "police" are frequent). Without pyspellchecker installed the frequency test is skipped (with a warning).

A single word that is both a name and frequent is kept lower case unless it names a country (Turkey, Chad,
Jordan) or is a month or weekday; larger places tolerate more frequent names (a town of 5,000 called "Grenade"
stays "grenade", a city of millions called "Paris" is "Paris").
"""

from __future__ import annotations

import csv
import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sitrep.settings import RESOURCES_DIR

log = logging.getLogger(__name__)

WORD = re.compile(r"[^\W\d_]+")
MONTHS_AND_DAYS = ("January February April June July August September October November December "
                   "Monday Tuesday Wednesday Thursday Friday Saturday Sunday").split()
MONTHS_THAT_ARE_WORDS = ("May", "March")  # capitalised only by context (casing.py)
# Frequency (zipf, log10 per billion words) up to which a word may be a name of a place this large.
ZIPF_LIMITS = ((1_000_000, 4.6), (100_000, 4.0), (10_000, 3.5), (0, 3.0))
NAME_ZIPF_LIMIT = 3.5  # for names from the actor dictionary and other name lists
FORCED_ZIPF_LIMIT = 4.5  # for a country's acronym: the alias "CAR" is not "car" (but "Chad" is "Chad")
# Continents and their adjectives: English always capitalises them; countries.csv has only countries.
CONTINENTS = ("Africa African Africans Europe European Europeans Asia Asian Asians America American Americans "
              "Americas Oceania Antarctica Arab Arabs Latin Caribbean Balkan Balkans Sahel Maghreb").split()
ADMIN_UNIT_WEIGHT = 10_000  # an admin unit's name counts as a small town's
# British spellings the (American) frequency list lacks: "programme", "favour", "organisation" are words.
BRITISH_TO_AMERICAN = ((r"our(s|ed|ing|ite|ites|able)?$", r"or\1"), (r"is(e|es|ed|ing|ation|ations)$", r"iz\1"),
                       (r"ys(e|es|ed|ing)$", r"yz\1"), (r"tre(s)?$", r"ter\1"), (r"ence(s)?$", r"ense\1"),
                       (r"mme(s)?$", r"m\1"), (r"ogue(s)?$", r"og\1"), (r"^sc", "sk"), (r"ll(ed|ing|er|ers)$", r"l\1"))


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """The lower-case, accent-free key of a word; one character per character, so lengths agree."""
    if word.isascii():
        return word.lower()
    out = []
    for ch in word:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)) or ch
        low = base.lower()
        out.append(low if len(low) == 1 else ch.lower() if len(ch.lower()) == 1 else ch)
    return "".join(out)


def words(text: str) -> list[str]:
    return WORD.findall(text)


@dataclass
class CasingDictionary:
    """Lower-case word keys → written forms; phrase keys → the written form of each word.

    stop: English stop words, never capitalised as names ("us" is not "US"); common: words the lexicons write
    in lower case; not_places: the place stoplist, which keeps words from being names of *places* only (it also
    lists names that are not places, such as "Hamas", which other sources may still add)."""

    single: dict[str, str] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    stop: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()
    zipf: dict[str, float] = field(default_factory=dict)  # lower-case English word frequencies; {} if unknown
    longest_phrase: int = 1

    def _is_common(self, key: str, limit: float, place: bool) -> bool:
        return key in self.common or self.zipf.get(key, 0.0) > limit or place and key in self.not_places

    def is_english_word(self, key: str) -> bool:
        """Is the key a word of the English frequency list, in American or British spelling (always False
        when there is no list)."""
        if key in self.zipf:
            return True
        return any(variant != key and variant in self.zipf
                   for pattern, american in BRITISH_TO_AMERICAN for variant in (re.sub(pattern, american, key),))

    def add(self, name: str, forced: bool = False, zipf_limit: float = NAME_ZIPF_LIMIT, place: bool = False) -> None:
        """Record a name as written; a single frequent or common word is kept out unless forced."""
        parts = words(name)
        if not parts or not any(p[:1].isupper() for p in parts):
            return
        keys = tuple(fold(p) for p in parts)
        if any(len(k) != len(p) for k, p in zip(keys, parts, strict=False)):
            return
        if len(keys) == 1:
            key = keys[0]
            acronym = len(parts[0]) > 1 and parts[0].isupper()
            limit = (FORCED_ZIPF_LIMIT if acronym else math.inf) if forced else zipf_limit
            if len(key) < 2 or key in self.stop or self._is_common(key, limit, place and not forced):
                return
            self.single.setdefault(key, parts[0])
            return
        if not forced and all(k in self.stop or self._is_common(k, zipf_limit, place) for k in keys):
            return  # "Long Beach", "New Town": every word common, so no sign the words name anything
        self.phrases.setdefault(keys, tuple(parts))  # as written: "de" in "San Luis de la Reina" stays lower
        self.longest_phrase = max(self.longest_phrase, len(keys))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _cells(row: dict[str, str], *columns: str) -> list[str]:
    return [p.strip() for c in columns for p in (row.get(c) or "").split("|") if p.strip()]


def english_zipf() -> dict[str, float]:
    """Lower-case English word → zipf frequency, from pyspellchecker's shipped list; {} without it."""
    try:
        from spellchecker import SpellChecker  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        log.warning("pyspellchecker is not installed: case restoration cannot tell common words from names "
                    "by frequency and relies on the project's lexicons alone")
        return {}
    frequency = SpellChecker(language="en").word_frequency
    total = max(1, frequency.total_words)
    return {w: math.log10(c / total * 1e9) for w, c in frequency.dictionary.items() if c > 0}


def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w for w in STOP_WORDS if w.isalpha())


def lexicon_common_words(resources: Path = RESOURCES_DIR) -> frozenset[str]:
    """Words the project's actor and force lexicons write in lower case ("troops", "gunmen", "students")."""
    common: set[str] = set()
    for name in ("state_force_words.csv", "generic_actors.csv", "descriptors.csv"):
        for row in _read_csv(resources / name):
            common.update(w for p in _cells(row, "phrases") for w in words(p) if w.islower())
    return frozenset(common)


def place_stoplist_words(resources: Path = RESOURCES_DIR) -> frozenset[str]:
    """The single words of the place stoplist (its phrases are names like "boko haram", not common words)."""
    lines = (resources / "place_stoplist.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines
                     if line.strip() and not line.startswith("#") and len(words(line)) == 1)


def _zipf_limit(population: int) -> float:
    return next(limit for floor, limit in ZIPF_LIMITS if population >= floor)


def add_resource_names(d: CasingDictionary, resources: Path = RESOURCES_DIR) -> None:
    """Countries and months (forced), then actors, named state forces, country cues, outlets."""
    for row in _read_csv(resources / "countries.csv"):
        for name in _cells(row, "country", "aliases", "demonyms"):
            d.add(name, forced=True)
    for name in CONTINENTS:
        d.add(name, forced=True)
    for name in (*MONTHS_AND_DAYS, *MONTHS_THAT_ARE_WORDS):  # "may" is a stop word too: casing.py decides
        d.single[fold(name)] = name
    for path in sorted((resources / "actors").glob("*.csv")):  # the named-actor dictionary, one file a region
        for row in _read_csv(path):
            for name in _cells(row, "name", "aliases"):
                d.add(name)
    for row in _read_csv(resources / "state_force_words.csv"):
        for name in _cells(row, "phrases", "unit"):
            d.add(name)
    for row in _read_csv(resources / "country_cues.csv"):
        d.add(row.get("cue") or "")
    for row in _read_csv(resources / "outlets.csv"):
        for name in _cells(row, "outlet", "aliases"):
            d.add(name)


def add_place_names(d: CasingDictionary, places: Iterable[tuple[str, int]]) -> None:
    """Places as (name, population): the larger the place, the more frequent a word its name may be."""
    largest: dict[str, int] = {}
    for name, population in places:  # one name, many places: the largest decides how frequent it may be
        if population >= largest.get(name, -1):
            largest[name] = population
    for name, population in largest.items():
        d.add(name, zipf_limit=_zipf_limit(population), place=True)


def gazetteer_places() -> list[tuple[str, int]]:
    """The gazetteer's own names of its places and units, each with its population (a unit: as a small town,
    since unit names are often words: "Capital", "Central", "Lakes")."""
    from sitrep.coding.places.gazetteer import KIND_PLACE
    from sitrep.coding.places.gazetteer_cache import get_gazetteer

    g = get_gazetteer()
    out = []
    for i, name in enumerate(g.name[:g.first_village]):  # the village tier is no casing evidence
        out.append((name, g.population[i] if g.kind[i] == KIND_PLACE else ADMIN_UNIT_WEIGHT))
    return out


def build_casing_dictionary(places: Iterable[tuple[str, int]] | None = None,
                            zipf: dict[str, float] | None = None,
                            resources: Path = RESOURCES_DIR) -> CasingDictionary:
    """The dictionary from the shipped resources, the given places (default: the gazetteer) and frequencies."""
    d = CasingDictionary(stop=stop_words(), common=lexicon_common_words(resources),
                         not_places=place_stoplist_words(resources), zipf=english_zipf() if zipf is None else zipf)
    add_resource_names(d, resources)
    add_place_names(d, gazetteer_places() if places is None else places)
    return d


@lru_cache(maxsize=1)
def get_casing_dictionary() -> CasingDictionary:
    """The process's one dictionary (built on first use, from the gazetteer and shipped resources)."""
    return build_casing_dictionary()
