"""Place mentions in text → gazetteer places with ACLED's location columns and geo_precision.

How a mention is found: capitalised n-grams (joined by spaces, with "de", "al", "of" … allowed inside) looked up
in the gazetteer's name index; words in resources/place_stoplist.txt and names after a person's title are
skipped. How it is resolved: candidates are scored by population, by whether the name is the place's own name
or only an alternate one, by the article's countries, and — strongest — by an ACLED-style parenthetical
"(Admin2, Admin1)" or "(Admin1)" after the mention. Precision follows the wording around the mention:
"near X" / "outskirts of X" → 2, "X region/province/oblast/state" → the admin1 unit coded to its largest city, 3,
a plain town → 1.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from sitrep.coding.countries import Country, all_countries, countries_in_text, country_by_iso2, country_by_name
from sitrep.coding.gazetteer import (KIND_ADMIN1, KIND_ADMIN2, KIND_NAMES, KIND_PLACE, Gazetteer, get_gazetteer, korean_key,
                                     loose_key, normalise)
from sitrep.settings import RESOURCES_DIR

STOPLIST_TXT = RESOURCES_DIR / "place_stoplist.txt"
COUNTRY_CUES_CSV = RESOURCES_DIR / "country_cues.csv"
DEMONYM_WEIGHT = 0.3   # "Russian forces shelled …" names the actor more often than the place
MAX_WORDS = 6
STRAY_POPULATION = 50_000
OWN_NAME_BONUS = 1.2  # log10 population points: "Amara" is Al-Amarah (Iraq), not a village named Amara
EXONYM_POPULATION = 250_000  # a city this big is meant even when named by another of its names ("Den Haag")
# A country named as the subject of a protest ("against the invasion of Ukraine") is not where it happened.
TOPIC_COUNTRY_WEIGHT = 0.4
DISTRICT_CITY_POPULATION = 100_000  # "City - District" names are ACLED's for big cities only
DISTRICT_KM = 30  # below this, a place in a country the text is otherwise not about is taken for a homonym
MAJOR_CITY_POPULATION = 500_000  # a city this big, named by its own name, is meant over a far smaller namesake…
MAJOR_CITY_RATIO = 100           # …at least this many times smaller, whatever the text's demonyms say
# The outlet's country (a weak prior): its namesake wins a place's vote when at most this many log10 population
# points behind the likeliest one, and then votes less than a demonym, so any country evidence in the text wins.
OUTLET_PRIOR_BONUS = 1.5
OUTLET_PRIOR_VOTE = 0.25


@dataclass(frozen=True)
class Place:
    location: str
    admin1: str
    admin2: str
    admin3: str
    country: str
    iso: int
    iso3: str
    region: str
    latitude: float
    longitude: float
    geo_precision: int
    text: str
    start: int
    end: int
    population: int
    kind: str            # "populated place" | "admin1" | "admin2" | "country"
    cue: str = ""        # the wording that introduced it: "in", "near", "unit", "paren", "" (bare mention)


_TOKEN = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_CONNECTORS = frozenset(
    "de del della di da das do dos du des la le les los las el al ad as ash an ar az at ath ul of on upon sur am im "
    "y e en van von der den ter bin ibn abu bani beni ed es et ez er ul ur us imeni".split())
_TITLES = frozenset(
    "mr mrs ms dr president minister general gen colonel col captain capt sergeant lieutenant lt chief sheikh "
    "imam pastor father bishop senator sen rep governor gov king queen prince commander major spokesman "
    "spokesperson mp judge saint st".split())
_ABBREVIATED = frozenset({"St", "Ste", "Mt", "Ft"})  # "St. Petersburg", "Mt. Elgon": the name goes on after the dot
_NEAR = re.compile(
    r"(?:\bnear(?:by)?|\boutskirts of|\boutside(?: of)?|\bclose to|\bvicinity of|\benvirons of|\bsurroundings of|"
    r"\baround|\bcountryside of|\b(?:in\s+the\s+)?direction\s+of|\bbetween|"
    r"\b(?:km|kms|kilomet(?:er|re)s?|miles?)\s+(?:\w+\s+)?(?:of|from))"
    r"\s+(?:the\s+)?(?:(?:town|city|village|area|district)\s+of\s+)?$", re.IGNORECASE)
_IN = re.compile(
    r"\b(?:in|at|into|inside|across|throughout|within)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|villages|district|area|province|region|state|municipality|county|commune|locality|"
    r"neighbou?rhood|suburb|capital)\s+of\s+)?$", re.IGNORECASE)
_ADMIN1_WORD = re.compile(
    r"\s+(?:region|province|oblast|state|governorate|department|prefecture|krai|kray|republic)\b", re.IGNORECASE)
_ADMIN2_WORD = re.compile(r"\s+(?:district|county|raion|rayon|regency|municipality|township|sub-county|woreda|tehsil|"
                          r"upazila|LGA|local\s+government\s+area|hromada|territorial\s+community|payam)\b",
                          re.IGNORECASE)
# The scene of the event named outright ("demonstrated in Volkach"), not a building or area within it.
_SCENE_BEFORE = re.compile(r"\b(?:in|near|outside)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$")
_NAME_GOES_ON = re.compile(r"\s+(?:[a-z]+\s+)?[A-Z]")
_DISTRICT_AFTER = re.compile(r" - ([A-Z][\w'’]*(?:[ -](?:[A-Z][\w'’]*|al|el|de|ash|as|ad|an|ar))*)(?=[\s,.;()]|$)")
# A capitalised name right after a scene cue: where the loose (transliteration) fallback looks.
_CUED_NAME = re.compile(
    r"\b(?:in|near|at|towards|outskirts\s+of|direction\s+of|vicinity\s+of|shelled|attacked|struck|hit|captured|entered|"
    r"(?:village|town|settlement|city|area)\s+of)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’]+(?:[\s-](?:[A-Z][\w'’]+|(?:al|el|ad|ash|as|an|ar|ez|az|imeni)\b)){0,3})")
_PART_OF_NEXT = re.compile(r"\s+(?:district|area|neighbou?rhood|quarter|suburb)\s+(?:of|in)\b", re.IGNORECASE)
_REGION_AHEAD = re.compile(r"(?:\s+the)?(?:\s+[\w'’-]+){1,4}?\s+(?:province|governorate|region|state|oblast|"
                           r"countryside|district)\b", re.IGNORECASE)
_NOT_A_PLACE = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# A name that only starts a facility's or organisation's name ("Tolbiac university", "Hong Lim Park", "Westminster
# Bridge"): where the text also names a real place, the facility's name is no place vote of its own.
_FACILITY_AFTER = re.compile(
    r"\s+(?:(?:middle|high|primary|secondary|elementary)\s+school|square|park|bridge|university|college|school|"
    r"street|avenue|boulevard|hospital|stadium|mosque|church|cathedral|basilica|hall|memorial|mall|palace|"
    r"embassy|hotel|museum|theat(?:er|re)|tower|plaza|gardens?|institute|academy|factory|company|bank|"
    r"movement|party|division|brigade|battalion|regiment|club|foundation|association|committee)\b",
    re.IGNORECASE)
# A possessive with no noun after it names a shop or firm ("McDonald's in X"), not the place ("Kharkiv's Saltivka").
_POSSESSIVE_ALONE = re.compile(r"\s*(?:[,.;]|\s(?:in|at|on|near|outside|and)\b)")
_TOWN_UNIT = re.compile(r"\s+(?:county|district\s+\([^()]*\bregency\b)", re.IGNORECASE)
_AREA_WORD = re.compile(r"\s+(?:countryside|outskirts|area|surroundings|environs|axis|front|frontline|vicinity)\b",
                        re.IGNORECASE)
# "Aleppo countryside", "rural Idleb": the rural part of a province, named after it and its capital.
_COUNTRYSIDE_AFTER = re.compile(r"\s+countryside\b", re.IGNORECASE)
_COUNTRYSIDE_BEFORE = re.compile(r"\b(?:rural|countryside\s+of(?:\s+the)?)\s+$", re.IGNORECASE)
# "the Hada farm area of Jalalabad", "Qoubbeh neighbourhood in Tripoli": a part named before its town.
_PART_OF_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:neighbou?rhood|suburb|quarter|area)\s+(?:of|in)(?=\s+(?:the\s+)?"
                            r"(?:(?:city|town)\s+of\s+)?[A-Z])")
# "the village of X" names X itself (a village, precision 1); "Y village of X" is a place within X.
_PART_OF = re.compile(r"(?<!\bthe)(?<!\ba)\s+(?:district|neighbou?rhood|suburb|quarter|area|village|settlement)"
                      r"\s+(?:of|in)\s+$", re.IGNORECASE)
# What may stand between a place and the unit that locates it: "Nejapa, San Salvador", "Bara town in Idleb".
_APPOSITION = re.compile(r"^'?(?:\s+(?:town|village|city|area|district|camp|neighbou?rhood|locality))?"
                         r"(?:,\s*|\s+(?:in|of)\s+(?:the\s+)?)$")
_CLAUSE_GOES_ON = re.compile(r",\s+(?!and\b|or\b)[a-z]")
_LIST_GOES_ON = re.compile(r",\s*(?:and\s+)?[A-Z]|\s+and\s+[A-Z]")
_TOPIC_BEFORE = re.compile(r"\b(?:invasion\s+of|war\s+(?:in|on|with|against)|aggression\s+(?:against|on)|solidarity\s+with|"
                           r"support\s+(?:of|for)|against|from|to|with|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)
_STANCE_BEFORE = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+(?:and|or)\s+)$")
_QUOTED_CUE = re.compile(r"['‘](?:in|at|near)\s+(?:the\s+)?$", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]{1,120})\)")
# ACLED's own note of the point it coded: "X village (coded as Y)", "Kharkiv [coded to Y]", ", coded at Y (…)".
_CODED_INSIDE = re.compile(r"(?:^|[;,]\s*|\b(?:event|fatalities|arbitrarily)\s+)coded\s+(?:to|as|at)\s+(?:the\s+)?"
                           r"([A-Z][^;,]*?)(?:\s+(?:as|because|since|event)\b.*|,\s*([A-Z][^;,]*)|[;,].*)?$")
_CODED_OUTSIDE = re.compile(r"(?:\[|[,;]\s*)(?:\w+\s+)?coded\s+(?:to|as|at)\s+(?:the\s+)?"
                            r"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|-|al|el|de|of))*)")
_CODED_WITHIN = re.compile(r"^([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*?)(?:\s+(?:locality|village|town|area|city))?\s+in\s+"
                           r"(?:the\s+)?([A-Z].*)$")
_TYPE_WORDS = re.compile(
    r"\b(?:region|province|oblast|state|governorate|department|prefecture|district|county|raion|rayon|regency|"
    r"municipality|township|sub-county|division|city|town|village|krai|kray|zone|woreda|commune|"
    r"territory|lga|ward|sector|cercle|prov|dept|locality|upazila|parish|tehsil|taluka?|kebele)\b\.?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stoplist() -> frozenset[str]:
    lines = STOPLIST_TXT.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(line) for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _country_forms() -> tuple[dict[str, Country], frozenset[str]]:
    """Normalised country names/aliases → country, and normalised demonyms (never places)."""
    names: dict[str, Country] = {}
    demonyms: set[str] = set()
    for country in all_countries():
        for form in (country.name, *country.aliases):
            names.setdefault(normalise(form), country)
        demonyms.update(normalise(d) for d in country.demonyms)
    return names, frozenset(demonyms - set(names))


@lru_cache(maxsize=1)
def _country_cues() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, float]]]:
    """Words that point at a country (armed groups, parties), from resources/country_cues.csv."""
    table: dict[str, tuple[str, float]] = {}
    with open(COUNTRY_CUES_CSV, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            country = country_by_name(row["country"])
            if country is not None:
                table[row["cue"]] = (country.iso2, float(row["weight"]))
    if not table:
        return None, table
    forms = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"), table


@lru_cache(maxsize=1)
def _admin1_by_key() -> dict[str, tuple[int, ...]]:
    """Normalised admin1 name (either spelling) → admin1 units in every country."""
    g = get_gazetteer()
    table: dict[str, list[int]] = defaultdict(list)
    for (_, key), unit in g.admin1_units.items():
        if unit not in table[key]:
            table[key].append(unit)
    return {key: tuple(units) for key, units in table.items()}


@lru_cache(maxsize=1)
def _admin2_by_key() -> dict[str, tuple[int, ...]]:
    """Normalised admin2 name → admin2 units in every country."""
    table: dict[str, list[int]] = defaultdict(list)
    for (_, key), unit in get_gazetteer().admin2_units.items():
        if unit not in table[key]:
            table[key].append(unit)
    return {key: tuple(units) for key, units in table.items()}


@lru_cache(maxsize=1)
def _admin2_by_loose_key() -> dict[tuple[str, str], int]:
    """(ISO2, loose_key of an admin2 name) → unit: "Khabb wa Ash Shaaf" is GeoNames' "Khabb wa ash Sha'af"."""
    table: dict[tuple[str, str], int] = {}
    for (cc, key), unit in get_gazetteer().admin2_units.items():
        lk = loose_key(key, normalised=True)
        if len(lk) >= 5:
            table.setdefault((cc, lk), unit)
    return table


def _admin2_unit(g: Gazetteer, cc: str, key: str) -> int | None:
    """The admin2 unit of that name in that country, by exact name or, failing that, by loose spelling."""
    unit = g.admin2_units.get((cc, key))
    if unit is None and len(key) >= 8:
        unit = _admin2_by_loose_key().get((cc, loose_key(key, normalised=True)))
    return unit


@lru_cache(maxsize=1)
def _admin1_prefixes() -> dict[str, tuple[str, ...]]:
    """First five letters → admin1 keys, so a loose admin1 match needs no scan of every key."""
    table: dict[str, list[str]] = defaultdict(list)
    for key in _admin1_by_key():
        table[key[:5]].append(key)
    return {prefix: tuple(keys) for prefix, keys in table.items()}


def _admin1_units_like(key: str) -> tuple[int, ...]:
    """Admin1 units (any country) whose name equals or loosely matches key."""
    exact = _admin1_by_key().get(key)
    if exact:
        return exact
    if key in _admin2_by_key() or key in get_gazetteer().index:
        return ()  # a known place or admin2 by its exact name ("Changwon") is no misspelt admin1 ("Changhua")
    return tuple(u for other in _admin1_prefixes().get(key[:5], ()) if _same_admin(other, key)
                 for u in _admin1_by_key()[other])


def _key(text: str) -> str:
    if text.isascii():
        key = " ".join(text.lower().replace("-", " ").replace("`", "'").split())
    else:
        key = normalise(text)
    return key[:-2] if key.endswith("'s") else key


def _admin_key(text: str) -> str:
    """A parenthetical admin name without its type word ("Sagaing region" → "sagaing")."""
    return _key(_TYPE_WORDS.sub(" ", text).strip(" ,.-")) or _key(text)


def _same_admin(a: str, b: str) -> bool:
    """Loose equality of admin names across spellings (Sagaing/Sagain, Kyiv Oblast/Kyiv)."""
    if not a or not b:
        return False
    if a == b or a.startswith(b + " ") or b.startswith(a + " "):
        return True
    if len(a) < 5 or len(b) < 5 or a[:5] != b[:5] or abs(len(a) - len(b)) > 3:
        return False
    # Spellings differ at the end (Sagain/Sagaing), not halfway through (Lakshmipur/Lakshadweep).
    shared = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return shared >= min(len(a), len(b)) - 3


@dataclass
class _Mention:
    start: int
    end: int
    key: str
    candidates: tuple[int, ...]
    cue: str = ""
    precision: int = 1
    admin_unit: str = ""          # "admin1" / "admin2" when followed by a unit word
    admin1_hint: str = ""         # from a parenthetical
    admin2_hint: str = ""
    country: Country | None = None
    partial: bool = False         # part of a longer capitalised name that is not itself known ("Ein [Issa]")
    district: str = ""            # ACLED's "City - District": the district's name as written
    district_end: int = 0
    district_candidates: tuple[int, ...] = ()
    loose: bool = False           # found only by its transliteration-tolerant key: kept only in the text's country
    in_country: str = ""          # ISO2 from a following ", Country"
    admin1_spellings: tuple[str, ...] = ()   # the parenthetical's admin1 as written and as ACLED spells it
    named: str = ""               # an admin unit standing in for a village the gazetteer lacks: the village's name
    named_precision: int = 2      # …and the precision its own wording gives it (1 "in X", 2 "near X")
    facility: bool = False        # the head of a facility's name ("X Square", "X university")
    next_to_units: bool = True    # its admin hints are written right after it, not after a later name


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def _is_name_word(word: str) -> bool:
    """Capitalised, or an Arabic-style article joined to a capitalised word ("al-Ain", "ez-Zor")."""
    if word[0].isupper():
        return True
    head, _, tail = word.partition("-")
    return bool(tail) and tail[0].isupper() and head.lower() in _CONNECTORS


def _scan(text: str, g: Gazetteer) -> list[_Mention]:
    """Longest capitalised n-grams found in the gazetteer (or naming a country), left to right."""
    tokens = _tokens(text)
    stop = _stoplist()
    country_names, demonyms = _country_forms()
    mentions: list[_Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        s, e, word = tokens[i]
        if not word[0].isupper() or (i > 0 and tokens[i - 1][2].lower().rstrip(".") in _TITLES
                                     and text[tokens[i - 1][1]:s] in (" ", ". ")):
            i += 1
            continue
        # Furthest token this phrase may run to: single spaces between words, inner words capitalised or connectors.
        last = i
        while (last + 1 < n and last + 1 - i < MAX_WORDS
               and (text[tokens[last][1]:tokens[last + 1][0]] == " "
                    or (tokens[last][2] in _ABBREVIATED and text[tokens[last][1]:tokens[last + 1][0]] == ". "))
               and (_is_name_word(tokens[last + 1][2]) or tokens[last + 1][2].lower() in _CONNECTORS)):
            last += 1
        found = None
        for j in range(last, i - 1, -1):
            if not _is_name_word(tokens[j][2]):
                continue
            surface = text[s:tokens[j][1]]
            key = _key(surface)
            if key in stop or key in demonyms:
                continue
            if key in country_names:
                found = _Mention(s, tokens[j][1], key, (), country=country_names[key])
                break
            if surface.isupper() and len(surface) <= 5:
                continue  # acronyms (IS, LIC, JWS) are organisations far more often than places
            candidates = g.index.get(key)
            if " " in key and ("'s" in surface or "’s" in surface):
                # "St. John's", "Clark's Town": a possessive inside a place's own name, which the gazetteer may
                # spell with or without the apostrophe ("Clarks Town"), not "Kyiv's" of a sentence.
                whole = surface.lower().replace("’", "'").replace("-", " ")
                for variant in (" ".join(whole.split()), " ".join(whole.replace("'s", "s").split())):
                    if g.index.get(variant):
                        key, candidates = variant, g.index[variant]
                        break
            if candidates:
                found = _Mention(s, tokens[j][1], key, candidates)
                break
        if found is None:
            i += 1
            continue
        j = i
        while j < n and tokens[j][1] < found.end:
            j += 1
        # A left neighbour that was itself matched ("Russia's Kursk") does not make this a fragment.
        after_match = bool(mentions) and mentions[-1].end >= tokens[i - 1][1] if i > 0 else False
        joins_left = not after_match and _joins_name(text, tokens, i - 1, i, stop)
        found.partial = found.country is None and (joins_left or _joins_name(text, tokens, j, j + 1, stop)
                                                   or bool(_NAME_GOES_ON_DE.match(text, found.end))
                                                   or bool(_BOUNDARY_LINE.match(text, found.end))
                                                   or bool(_NAME_BEFORE_DE.search(text, max(0, s - 40), s)))
        mentions.append(found)
        i = j + 1
    return mentions


def _with_loose(text: str, g: Gazetteer, mentions: list[_Mention]) -> list[_Mention]:
    """Add the cued names the exact index lacks ("shelled Dovhenke", "in Tall Jamma") that a place's name matches
    under loose_key (transliteration variants); they are resolved only within the text's country or admin units."""
    if not g.loose:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    stop = _stoplist()
    country_names, demonyms = _country_forms()
    added = []
    for c in _CUED_NAME.finditer(text):
        start, end = c.span("name")
        if any(s < end and start < e for s, e in taken):
            continue
        name = c.group("name")
        key = _key(name)
        if key in stop or key in country_names or key in demonyms or key in g.index or name.isupper() \
                or _NOT_A_PLACE.match(name) or len(key) < 4:
            continue
        # Korean names: Revised Romanisation in the text, often McCune-Reischauer in GeoNames (korean_key).
        candidates = g.loose.get(loose_key(name)) or g.loose.get(korean_key(name))
        part_of = _PART_OF_NEXT.match(text, end)
        # "X area of Belfast" names a city's part, rarely in the gazetteer: a loose hit would be a namesake.
        if part_of and not _REGION_AHEAD.match(text, part_of.end()):
            continue
        if candidates:
            added.append(_Mention(start, end, key, candidates, loose=True))
        elif text.startswith(", ", end) or _SETTLEMENT_IN.match(text, end) or _SETTLEMENT_COMMA.match(text, end):
            # Unknown, but "Verkhnyokamianka, Luhansk" or "Xtown town in Y countryside" may name the village its
            # admin1 stands in for.
            added.append(_Mention(start, end, key, (), loose=True))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


# "Ejido de Vergel", "Isla de Tierra Bomba": a Spanish or Portuguese name that runs on past the matched words.
_NAME_GOES_ON_DE = re.compile(r" (?:de|del|da|do|dos|das)(?: la| las| los)? [A-Z]")
# "the Durand line", "along the Green line": a boundary named after a person or colour, not the town of that name.
_BOUNDARY_LINE = re.compile(r" line\b")
_NAME_BEFORE_DE = re.compile(r"[A-Z][\w'’-]* (?:de|del|da|do|dos|das)(?: la| las| los)? $")
_SETTLEMENT_COMMA = re.compile(r"\s+(?:village|town|settlement),\s+[A-Z]")  # "in Xivka village, Kyiv"
_SETTLEMENT_IN = re.compile(r"\s+(?:town|village)\s+(?:in|of)\s+(?:the\s+)?[A-Z]")


def _joins_name(text: str, tokens: list[tuple[int, int, str]], a: int, b: int, stop: frozenset[str]) -> bool:
    """Whether tokens a and b are two words of one capitalised name (so a match ending between them is partial)."""
    if a < 0 or b >= len(tokens) or text[tokens[a][1]:tokens[b][0]] != " ":
        return False
    left, right = tokens[a][2], tokens[b][2]
    if not (left[0].isupper() and _is_name_word(right)):
        return False
    return _key(left) not in stop and _key(right) not in stop and left.lower().rstrip(".") not in _TITLES


def _read_context(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Cue words before and unit words after each mention; "X district of Y" keeps only Y."""
    kept: list[_Mention] = []
    for m in mentions:
        before = text[max(0, m.start - 45):m.start]
        after = text[m.end:m.end + 30]
        if _NEAR.search(before):
            m.cue, m.precision = "near", 2
        elif _IN.search(before):
            m.cue = "in"
        if m.cue and _QUOTED_CUE.search(before) and text.startswith(("'", "’"), m.end):
            m.cue = ""  # "'in Najran'": a source's claim quoted after ACLED's own location, not the scene
        part_of = _PART_OF_AFTER.match(text, m.end, m.end + 40)
        if m.country is None and (_PART_OF.match(after) or (part_of and not _REGION_AHEAD.match(text, part_of.end()))):
            continue  # a neighbourhood named before its town: the town carries the place
        if _PART_OF.search(before):
            m.cue, m.precision = m.cue or "in", 2
        if m.country is None:
            if (_COUNTRYSIDE_AFTER.match(after) or _COUNTRYSIDE_BEFORE.search(before)) and \
                    _admin1_by_key().get(_admin_key(m.key)):
                m.admin_unit, m.precision = "admin1", 2
            elif _ADMIN1_WORD.match(after):
                m.admin_unit = "admin1"
            elif _ADMIN2_WORD.match(after):
                # "Haradh district", "Demoso township": the unit named after its seat, coded to the seat (2);
                # not a county (a town's own unit in China or the US) nor an Indonesian district (a kecamatan,
                # the town's own unit, followed by its "regency").
                m.admin_unit = "admin2"
                if not _TOWN_UNIT.match(after):
                    m.precision = 2
            elif _AREA_WORD.match(after):
                m.precision = 2
            elif _FACILITY_AFTER.match(after) or (text.startswith(("'s", "’s"), m.end - 2)
                                                  and _POSSESSIVE_ALONE.match(after)):
                m.facility = True  # "Carnot school", "outside McDonald's in Sheffield": a facility's name
        kept.append(m)
    return kept


def _read_apposition(text: str, g: Gazetteer, mentions: list[_Mention]) -> list[_Mention]:
    """"Nejapa, San Salvador" / "Kharkiv, Ukraine": the second name locates the first and is not a place itself."""
    kept: list[_Mention] = []
    skip = False
    for a, b in zip(mentions, [*mentions[1:], None]):
        if skip:
            skip = False
            continue
        kept.append(a)
        if b is None or a.country is not None or not _APPOSITION.match(text[a.end:b.start]):
            continue
        if b.country is not None:
            a.in_country = b.country.iso2
            continue
        a1 = _admin_key(b.key)
        # "San Juan, San Juan-Laventille": a unit's exact full name is not loosely Puerto Rico's "San Juan".
        exact = {g.country[u] for u in _admin1_by_key().get(b.key, ())}
        # "Bridgetown, Bridgetown": a town repeated as its own municipality, which the gazetteer may not list; a
        # namesake's longer unit ("Bridgetown-Greenbushes") does not locate it.
        repeated = a.key == b.key and not any(a1 in (_key(g.admin1[e]), _key(g.admin2[e])) for e in a.candidates[:200])
        if not repeated and any((_same_admin(_key(g.admin1[e]), a1) or _same_admin(_key(g.admin2[e]), a1))
                                and g.kind[e] != KIND_ADMIN1 and (not exact or g.country[e] in exact)
                                for e in a.candidates[:200]):
            a.admin1_hint = a1
            skip = True
            continue
        units = _admin1_units_like(a1)
        if not units and a1 != b.key and _admin1_by_key().get(b.key):
            # "Dajia, Taichung City": the unit's full name, whose short form ("Taichung") is a city as well.
            a1, units = b.key, _admin1_by_key()[b.key]
        if not units:
            continue
        # "Sokolivka, Kharkiv": the town lies in that admin1, so its namesakes elsewhere are not it. A list of
        # towns ("Nicosia, Larnaca, Limassol") goes on after the second name, and a big city is not a namesake.
        village = not _LIST_GOES_ON.match(text, b.end) and \
            all(g.population[e] < STRAY_POPULATION for e in a.candidates[:200] if _own_name(g, e, a.key))
        # "Guanyin, Taoyuan City": a unit in one country after a name none of whose namesakes lies in that
        # country names the unit the place is in, not a second place (a list would go on, a world city is itself).
        unit_countries = {g.country[u] for u in units}
        foreign = len(unit_countries) == 1 and not _LIST_GOES_ON.match(text, b.end) \
            and not any(g.country[e] in unit_countries or g.population[e] >= MAJOR_CITY_POPULATION
                        for e in a.candidates[:200])
        if not (village or foreign or _CLAUSE_GOES_ON.match(text, b.end) or b.admin_unit == "admin1" or a.loose):
            continue
        inside = _loose_inside(g, text[a.start:a.end], units)
        if inside:
            a.candidates, a.admin1_hint, a.loose = inside, a1, False
            # The unit's own spelling too: "Crimea" is the gazetteer's "Autonomous Republic of Crimea".
            a.admin1_spellings = tuple(dict.fromkeys([a1, *(_key(g.admin1[u]) for u in units)]))
            skip = True
            continue
        # ACLED's "in Town, Admin1, a man was …" with a town the gazetteer lacks: code the admin1 instead,
        # under the town's own name (ACLED's location is the village even when its point is not known here).
        if text.startswith("(", b.end + 1) or text.startswith("(", b.end):
            continue  # "Saint Nicholas in Bari (Bari, Puglia)": the second name is a town with units of its own
        kept.pop()
        b.admin_unit, b.cue, b.named = "admin1", a.cue or "in", text[a.start:a.end]
        # ACLED finds most villages a note names: the village's own wording sets the precision, not our fallback.
        b.named_precision = a.precision
    return kept


def _loose_inside(g: Gazetteer, name: str, units: tuple[int, ...]) -> tuple[int, ...]:
    """Populated places in one of these admin1 units whose name matches name under loose_key (Serednie/Serednye)."""
    if not g.loose:
        return ()
    wanted = {(g.country[u], _key(g.admin1[u])) for u in units}
    return tuple(e for e in g.loose.get(loose_key(name), ())
                 if (g.country[e], _key(g.admin1[e])) in wanted)


def _read_districts(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """ACLED's big-city locations "Kyiv - Shevchenkivskyi", "Santiago - Nunoa": the district rides on the city."""
    kept: list[_Mention] = []
    for m in mentions:
        if kept and kept[-1].district and m.start < kept[-1].district_end:
            kept[-1].district_candidates = m.candidates
            continue  # the district's own name: a place only through its city
        if m.country is None or m.country.iso2 in _TERRITORY_OF:
            d = _DISTRICT_AFTER.match(text, m.end)
            if d and _key(d.group(1)) not in _country_forms()[0] and _key(d.group(1)) not in _stoplist():
                m.district, m.district_end = d.group(1), d.end(1)
        kept.append(m)
    return kept


def _district_place(g: Gazetteer, city: Place, entry: int, m: _Mention, text: str) -> Place:
    """The city's place named "City - District", at the district when the gazetteer knows it close by."""
    lat, lon = city.latitude, city.longitude
    scale = math.cos(math.radians(lat))
    for e in m.district_candidates:
        if g.country[e] == g.country[entry] and \
                ((g.latitude[e] - lat) ** 2 + ((g.longitude[e] - lon) * scale) ** 2) ** 0.5 * 111 <= DISTRICT_KM:
            lat, lon = g.latitude[e], g.longitude[e]
            break
    # ACLED's district locations keep the city as its notes write it ("Ciudad de Mexico - Cuauhtemoc").
    written = text[m.start:m.end]
    name = written if _NAME_WORDS.match(written) and not written.endswith(("'s", "’s")) else city.location
    return Place(**{**city.__dict__, "location": f"{name} - {m.district}", "latitude": lat,
                    "longitude": lon, "text": text[m.start:m.district_end], "end": m.district_end})


@dataclass
class _Paren:
    start: int
    end: int
    admin1: str
    admin2: str
    coded_as: str
    parts: tuple[str, ...] = ()   # every named unit, narrowest first
    district: bool = False        # a lone "(X district)": an admin2 in most countries ACLED codes districts in


def _coded_places(text: str) -> list[_Paren]:
    """ACLED's "(coded to X)", "[coded to X]", ", coded to X (…)" that are not inside a parenthetical."""
    found = []
    for m in _CODED_OUTSIDE.finditer(text):
        if text.count("(", 0, m.start()) == text.count(")", 0, m.start()):
            found.append(_Paren(m.start(), m.end(1), "", "", m.group(1).strip()))
    return found


_DISTRICT_WORD = re.compile(r"\sdistrict$", re.IGNORECASE)


def _is_acronym(word: str) -> bool:
    """One word written mostly in capitals ("ENP", "FAMa", "JUI-F"), unlike names with inner capitals ("McAllen")."""
    if " " in word:
        return False
    letters = [ch for ch in word if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and 2 * upper >= len(letters)


def _parentheticals(text: str) -> list[_Paren]:
    """ACLED-style "(Admin2, Admin1)", "(Admin1)" and "(coded to X)" notes that follow a place."""
    found = _coded_places(text)
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        coded = _CODED_INSIDE.search(inner)
        if coded:
            # "(coded to Y)", "(event coded to Y)", "(Jonglei state; coded to Y)": ACLED's point is Y.
            point, admin1 = coded.group(1).strip(), _admin_key(coded.group(2)) if coded.group(2) else ""
            within = _CODED_WITHIN.match(point)
            if within and not admin1:
                # "(coded to Kutum locality in North Darfur state)": the point, then the unit it lies in.
                point, admin1 = within.group(1), _admin_key(within.group(2))
            found.append(_Paren(m.start(), m.end(), admin1, "", point))
            continue
        # "(Masisi, North Kivu; coded to the territory's seat)": the units before a note that names no point.
        inner = inner.split(";")[0].strip()
        if not inner or not inner[0].isupper():
            continue
        if _is_acronym(inner) and _key(inner) not in _admin1_by_key():
            continue  # "(LIBRE)", "(ENP)", "(FAMa)": an organisation's acronym, not an admin unit
        parts = [p.strip() for p in inner.split(",") if p.strip()]
        # Digits start counts and dates ("(2 killed)", "(12 June)"), not unit names ("South 24 Parganas").
        if len(parts) > 3 or any(len(p.split()) > 5 and _key(p) not in _admin1_by_key() for p in parts) \
                or any(p[0].isdigit() for p in parts):
            continue
        if any(len(words) > 1 and _key(p) not in _admin1_by_key() and any(w[0].islower() and w not in _CONNECTORS and w not in ("and", "wa", "in")
                                      for w in words)
               for p, words in ((p, _TYPE_WORDS.sub(" ", p).split()) for p in parts)):
            continue  # "(Kurdish name)", "(as reported)": words of a remark, not a unit's name
        # A unit's full name is kept whole ("Bangsamoro Autonomous Region in Muslim Mindanao" has a type word).
        admin1 = _key(parts[-1]) if _key(parts[-1]) in _admin1_by_key() else _admin_key(parts[-1])
        admin2 = _admin_key(parts[-2]) if len(parts) >= 2 else ""
        found.append(_Paren(m.start(), m.end(), admin1, admin2, "", tuple(_admin_key(p) for p in parts),
                            len(parts) == 1 and bool(_DISTRICT_WORD.search(parts[0]))))
    return found


def _score(g: Gazetteer, entry: int, key: str, country_weight: dict[str, float], hint_cc: str | None) -> float:
    """Higher is likelier: population (log), own name over alternate name, the article's countries."""
    score = math.log10(g.population[entry] + 10)
    if _own_name(g, entry, key):
        score += OWN_NAME_BONUS
    cc = g.country[entry]
    if cc == hint_cc:
        score += 4.0
    score += 3.0 * country_weight.get(cc, 0.0)
    if g.kind[entry] == KIND_ADMIN1:
        score -= 1.0
    return score


_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


def _own_name(g: Gazetteer, entry: int, key: str) -> bool:
    """Whether key is the entry's own name (Bialystok for Białystok), not one of its alternate names."""
    return g.key[entry] == key or g.key[entry].translate(_FOLD) == key


def _admin_fit(g: Gazetteer, entry: int, admin1: str, admin2: str) -> int:
    """How well an entry sits in a parenthetical's units: 2 both, 1 admin1 (or admin2 given as the only name)."""
    a1 = _key(g.admin1[entry])
    a2 = _key(g.admin2[entry])
    if _same_admin(a1, admin1):
        return 2 if admin2 and _same_admin(a2, admin2) else 1
    if _same_admin(a2, admin1) or (admin2 and _same_admin(a2, admin2)):
        return 1
    return 0


def _attach_parentheticals(text: str, mentions: list[_Mention], parens: list[_Paren]) -> list[_Paren]:
    """Give each parenthetical's admin names to the mentions of its clause; returns those no mention fits."""
    orphans = []
    previous_end = 0
    for paren in parens:
        if paren.coded_as:
            previous_end = paren.end
            continue
        clause_start = max(previous_end, text.rfind(". ", 0, paren.start) + 1)
        country = _country_forms()[0].get(paren.admin1) if len(paren.parts) == 1 else None
        if country is not None and not _admin1_units_like(paren.admin1):  # "(Niger)" is Nigeria's Niger state
            # "Montreal (Canada)": the country of the place before it, not a unit.
            for m in mentions:
                if clause_start <= m.start < paren.start and m.country is None:
                    m.in_country = country.iso2
            paren.admin1 = ""
            previous_end = paren.end
            continue
        if not _admin1_units_like(paren.admin1):
            broadest = paren.admin1
            if broadest not in _admin2_by_key() and broadest not in get_gazetteer().index:
                continue  # names no unit or place ("(as reported)"): no constraint to apply
            # "(Djugu, Ituri)" with an admin1 the gazetteer spells otherwise: read the broadest known part as admin2.
            paren.admin1, paren.admin2 = "", broadest
        owners = [m for m in mentions if clause_start <= m.start < paren.start and m.country is None]
        # A mention is the parenthetical itself when it sits inside it.
        units = _admin1_units_like(paren.admin1) if paren.admin1 else ()
        spellings = tuple(dict.fromkeys([paren.admin1, *(_key(get_gazetteer().admin1[u]) for u in units)]))
        for m in owners:
            m.admin1_hint, m.admin2_hint, m.admin1_spellings = paren.admin1, paren.admin2, spellings
        # The parenthetical introduces the name right before it and a list that runs into it ("A, B and C (X)"),
        # not a name earlier in its clause ("workers at the Tecumseh plant rallied in Toronto (Ontario)").
        for k in range(len(owners) - 2, -1, -1):
            if _LIST_JOIN.match(text[owners[k].end:owners[k + 1].start]) and owners[k + 1].next_to_units:
                continue
            owners[k].next_to_units = False
        if not owners:
            orphans.append(paren)
        previous_end = paren.end
    return orphans


def _country_weights(g: Gazetteer, text: str, mentions: list[_Mention], parens: list[_Paren],
                     hint: str | None, named: list[tuple[Country, int, int]],
                     prior: str | None = None) -> Counter[str]:
    """Votes for the countries a text is about: named countries and demonyms, places, admin parentheticals."""
    votes: Counter[str] = Counter()
    for country, start, end in named:
        named = text[start:end] in (country.name, *country.aliases)
        weight = 1.0 if named else DEMONYM_WEIGHT
        if _STANCE_BEFORE.search(text, max(0, start - 5), start):
            weight = DEMONYM_WEIGHT  # "pro-Russia demonstrators": a stance, not where they stood
        if named and _TOPIC_BEFORE.search(text, max(0, start - 40), start):
            weight = TOPIC_COUNTRY_WEIGHT
        votes[country.iso2] += weight
    cue_pattern, cues = _country_cues()
    if cue_pattern is not None:
        for match in cue_pattern.finditer(text):
            cc, weight = cues[match.group(0)]
            votes[cc] += weight
    for m in mentions:
        if m.country is not None or not m.candidates or m.loose:
            continue
        if m.admin_unit == "admin1" and m.named:
            # "in Clark's Town, Saint Ann": the unit a town the gazetteer lacks was coded to, not its namesake town.
            unit_countries = {g.country[u] for u in _admin1_by_key().get(_admin_key(m.key), ())}
            if len(unit_countries) == 1:
                votes[unit_countries.pop()] += 1.0
                continue
        if m.admin1_hint:
            # "Jalalabad, Nangarhar": the town of that name inside that unit says the country outright.
            fitting = [e for e in m.candidates[:200] if _admin_fit(g, e, m.admin1_hint, m.admin2_hint)]
            if fitting and len({g.country[e] for e in fitting}) == 1:
                votes[g.country[fitting[0]]] += 1.0
                continue
        best = max(m.candidates[:40], key=lambda e: _score(g, e, m.key, {}, None))
        if prior and g.country[best] != prior:
            # "Tripoli" in a Lebanese paper: the outlet's namesake takes a close call, with a weak vote.
            rival = max((e for e in m.candidates[:40] if g.country[e] == prior),
                        key=lambda e: _score(g, e, m.key, {}, None), default=None)
            if rival is not None and (_score(g, rival, m.key, {}, None) + OUTLET_PRIOR_BONUS
                                      >= _score(g, best, m.key, {}, None)):
                votes[prior] += OUTLET_PRIOR_VOTE
                continue
        votes[g.country[best]] += 0.5
    for paren in parens:
        units = _admin1_units_like(paren.admin1) if paren.admin1 else _admin2_by_key().get(paren.admin2, ())
        if paren.district:
            # "(Ilam district)" may name Nepal's district as well as Iran's province of that name.
            units = tuple(dict.fromkeys((*units, *_admin2_by_key().get(paren.admin1, ()))))
        # An (admin2, admin1) pair that exists in only some of those countries points at them.
        paired = [u for u in units if paren.admin2 and _admin2_unit(g, g.country[u], paren.admin2) is not None]
        for unit in paired or units:
            votes[g.country[unit]] += 1.5 / len(paired or units)
        if prior and len({g.country[u] for u in paired or units}) > 1 \
                and any(g.country[u] == prior for u in paired or units):
            votes[prior] += OUTLET_PRIOR_VOTE  # "(Bolivar)" in a Colombian paper: Colombia's, not Venezuela's
    if hint:
        votes[hint] += 5.0
    return votes


# Territories GeoNames lists as countries but ACLED codes as an admin1 unit of another country.
_TERRITORY_OF = {"HK": ("CN", "Hong Kong"), "MO": ("CN", "Macau")}


def _place_from(g: Gazetteer, entry: int, text: str, start: int, end: int, precision: int, cue: str) -> Place:
    country = country_by_iso2(g.country[entry])
    seat = g.seat[entry]
    at = seat if seat >= 0 else entry
    kind = g.kind[entry]
    admin1, admin2 = g.admin1[entry], g.admin2[entry] if kind != KIND_ADMIN1 else ""
    if g.country[entry] in _TERRITORY_OF:
        cc, admin1 = _TERRITORY_OF[g.country[entry]]
        country, admin2 = country_by_iso2(cc), g.admin1[entry]
        kind = KIND_PLACE if kind == KIND_ADMIN1 else kind
    lat, lon = g.latitude[at], g.longitude[at]
    return Place(
        location=g.name[at], admin1=admin1, admin2=admin2,
        admin3="", country=country.name if country else g.country[entry], iso=country.iso if country else 0,
        iso3=country.iso3 if country else "", region=country.region if country else "",
        latitude=lat, longitude=lon,
        geo_precision=3 if kind == KIND_ADMIN1 else (max(2, precision) if kind == KIND_ADMIN2 else precision),
        text=text[start:end], start=start, end=end, population=g.population[at], kind=KIND_NAMES[kind], cue=cue)


def _country_place(g: Gazetteer, country: Country, text: str, start: int, end: int, cue: str) -> Place | None:
    # A country named as a place is coded to its largest city: the best point ACLED-style precision allows.
    same_name = [e for e in g.index.get(_key(country.name), ()) if g.country[e] == country.iso2]
    if country.iso2 in _TERRITORY_OF and same_name:
        return _place_from(g, same_name[0], text, start, end, 3, cue)
    if same_name and g.kind[same_name[0]] != KIND_ADMIN1:
        # City-states and capitals named like their country (Luxembourg, Djibouti, Kuwait): the city.
        place = _place_from(g, same_name[0], text, start, end, 3, cue)
        return Place(**{**place.__dict__, "kind": "country"})
    seat = _largest_city().get(country.iso2)
    lat, lon = (g.latitude[seat], g.longitude[seat]) if seat is not None else (0.0, 0.0)
    return Place(location=country.name, admin1="", admin2="", admin3="", country=country.name, iso=country.iso,
                 iso3=country.iso3, region=country.region, latitude=lat, longitude=lon, geo_precision=3,
                 text=text[start:end], start=start, end=end, population=0, kind="country", cue=cue)


@lru_cache(maxsize=1)
def _largest_city() -> dict[str, int]:
    """ISO2 → the entry of the country's largest admin1 seat."""
    g = get_gazetteer()
    best: dict[str, int] = {}
    for (cc, _), unit in g.admin1_units.items():
        seat = g.seat[unit]
        if cc not in best or g.population[seat] > g.population[best[cc]]:
            best[cc] = seat
    return best


def _unit_in(g: Gazetteer, key: str, countries: list[str], table: dict[tuple[str, str], int]) -> int | None:
    for cc in countries:
        unit = table.get((cc, key))
        if unit is not None:
            return unit
    return None


def _resolve_mention(g: Gazetteer, m: _Mention, weights: dict[str, float], hint_cc: str | None,
                     ranked: list[str], placed: frozenset[str] = frozenset(), caller_hint: bool = False,
                     towns_elsewhere: frozenset[str] = frozenset()) -> int | None:
    """The best gazetteer entry for a mention (None: drop it)."""
    if m.loose and not (m.admin1_hint or m.admin2_hint):
        # A loosely matched name stands only inside the country the text is clearly about (or the admin units
        # written after it, which the fit below requires).
        # …and only where the text names a place or the country itself: "Turkish drones struck PKK positions
        # in X" is as often in Iraq, so actors alone do not make X a Turkish village.
        wanted = m.in_country or (hint_cc if hint_cc in placed else None)
        m.candidates = tuple(e for e in m.candidates if g.country[e] == wanted)
        if not m.candidates:
            return None
    if m.admin_unit == "admin1":
        unit = _unit_in(g, _admin_key(m.key), ranked, g.admin1_units)
        if unit is None:
            units = _admin1_by_key().get(_admin_key(m.key), ())
            unit = max(units, key=lambda u: _score(g, u, m.key, weights, hint_cc)) if units else None
        if unit is not None:
            return unit
    if m.admin_unit == "admin2":
        unit = _unit_in(g, _admin_key(m.key), ranked, g.admin2_units)
        if unit is not None and not m.admin1_hint:
            return unit
    candidates = m.candidates
    if m.admin1_hint or m.admin2_hint:
        spellings = m.admin1_spellings or (m.admin1_hint,)
        fitting = [(fit, e) for e in candidates
                   if (fit := max(_admin_fit(g, e, a1, m.admin2_hint) for a1 in spellings))]
        if not fitting:
            return None
        best_fit = max(fit for fit, _ in fitting)
        candidates = tuple(e for fit, e in fitting if fit == best_fit)
    if m.in_country:
        candidates = tuple(e for e in candidates if g.country[e] == m.in_country) or candidates
    best = max(candidates[:200], key=lambda e: _score(g, e, m.key, weights, hint_cc))
    if not (m.admin1_hint or m.admin2_hint or m.in_country or caller_hint):
        # A world city named by its own name ("in Berlin", "in Paris") is not outvoted by a village of that name in
        # the country the text's demonyms and topics point at: those say whose people, not where.
        # So is a big city by its own name over a hamlet that only one of its other names matches ("Kaluga").
        floor = MAJOR_CITY_POPULATION if _own_name(g, best, m.key) else EXONYM_POPULATION
        major = next((e for e in candidates[:200] if g.population[e] >= floor
                      and g.kind[e] == KIND_PLACE and _own_name(g, e, m.key)), None)
        if major is not None and g.country[best] != g.country[major] \
                and g.population[best] * MAJOR_CITY_RATIO < g.population[major] \
                and g.country[best] not in towns_elsewhere:
            return major
    return best


def _orphan_place(g: Gazetteer, text: str, paren: _Paren, votes: Counter[str], main_cc: str | None) -> Place | None:
    """A parenthetical no known place fits: code the admin2 (precision 2) or admin1 unit (precision 3)."""
    # Countries by the text's evidence; among equals (a bare "(Western)" votes for every country that has
    # one) the most populous unit wins.
    order = {cc: -v for cc, v in votes.items()}
    # The unknown place's own words: from the last cue word ("in", "near") up to the parenthetical.
    clause_start = max(text.rfind(". ", 0, paren.start) + 1, 0)
    cue = re.search(r"(?:\b(?:in|at|near|of|from)\s+)([^()]{2,60}?)\s*$", text[clause_start:paren.start])
    start, end = (clause_start + cue.start(1), clause_start + cue.end(1)) if cue else (paren.start + 1, paren.end - 1)
    # A named village the gazetteer lacks keeps its name, at the precision its wording gives whatever unit it is
    # coded to: ACLED locates most villages its notes name ("in X village" 1; "near X", "X township" 2).
    named, precision = _unknown_place(text[start:end]) if cue else ("", 2)
    if named and (_NEAR.search(text, max(0, start - 45), start) or _AREA_WORD.match(text, end)):
        precision = 2
    place = _orphan_unit_place(g, text, paren, order, main_cc, start, end)
    return replace(place, location=named, geo_precision=precision) if place is not None and named else place


_SETTLEMENT_WORD = re.compile(r"\s+(?:village|town|township|city|ward|kebele|locality|sub-county|municipality|"
                              r"rural\s+municipality|commune|settlement|hamlet)$", re.IGNORECASE)
_NAME_WORDS = re.compile(r"^(?:[A-Z][\w'’-]*|al|el|de|ad|as|ash|an|ar)(?:\s+(?:[A-Z][\w'’-]*|al|el|de|ad|as|ash|an|ar|"
                         r"\(?(?:East|West|North|South)\)?))*$")


# Settlement words that name an area (an admin3 unit or a town's surroundings), not one point: precision 2.
_AREA_SETTLEMENT = re.compile(r"\s+(?:township|ward|sub-county|municipality|rural\s+municipality|commune|locality)$",
                              re.IGNORECASE)


def _unknown_name(words: str) -> str:
    """ACLED's location for a village the gazetteer lacks: "Pyayt Sin Kone village, Monyo township" → the
    first part that is a settlement ("Pyayt Sin Kone"), else a first part that is only a name."""
    return _unknown_place(words)[0]


def _unknown_place(words: str) -> tuple[str, int]:
    """The unknown village's name (see _unknown_name) and its precision: 1 for a village, town or a bare name,
    2 for an area unit ("X township", "Y sub-county")."""
    parts = [p.strip() for p in words.split(",") if p.strip()]
    for part in parts:
        settlement = _SETTLEMENT_WORD.search(part)
        if settlement and _NAME_WORDS.match(part[:settlement.start()]):
            return part[:settlement.start()], 2 if _AREA_SETTLEMENT.match(part, settlement.start()) else 1
    if parts and _NAME_WORDS.match(parts[0]) and len(parts[0].split()) <= 4:
        return parts[0], 1
    return "", 2


def _orphan_unit_place(g: Gazetteer, text: str, paren: _Paren, order: dict[str, float], main_cc: str | None,
                       start: int, end: int) -> Place | None:
    """The admin2 (precision 2) or admin1 unit (precision 3) a parenthetical names."""
    if not paren.admin1:
        # Only an admin2 (or a town) is known: the unit if there is one, else the town, both at precision 2.
        units = _admin2_by_key().get(paren.admin2, ())
        towns = tuple(e for e in g.index.get(paren.admin2, ()) if g.kind[e] != KIND_ADMIN2)
        pool = units or towns
        if not pool:
            return None
        if order and not units and not any(g.country[e] in order or g.population[e] >= STRAY_POPULATION
                                           or _own_name(g, e, paren.admin2) for e in pool[:200]):
            return None  # "Edine (Edin) village" in a text about Iraq: a hamlet abroad is no reading of it
        best = min(pool[:200], key=lambda e: (order.get(g.country[e], 0.0), -g.population[e]))
        return _place_from(g, best, text, start, end, 2, "paren")
    admin1_units = _admin1_units_like(paren.admin1)
    if not admin1_units:
        return None

    def admin2_of(unit: int) -> int | None:
        """The admin2 unit — or, failing that, the town of that name — inside this admin1 unit."""
        cc, a1 = g.country[unit], _key(g.admin1[unit])
        for part in paren.parts[:-1] or ((paren.admin2,) if paren.admin2 else ()):
            found = _admin2_unit(g, cc, part)
            if found is not None and _same_admin(_key(g.admin1[found]), a1):
                return found
            towns = [e for e in g.index.get(part, ()) if g.country[e] == cc and g.kind[e] != KIND_ADMIN2
                     and _same_admin(_key(g.admin1[e]), a1)]
            if towns:
                return towns[0]
        return None

    # An admin2 that exists inside the admin1 outweighs everything else (many countries have a "Northern").
    named_country = _country_forms()[0].get(paren.admin1)
    if main_cc and len(paren.parts) == 1 and all(g.country[u] != main_cc for u in admin1_units) \
            and not (named_country is not None and named_country.iso2 == main_cc):  # "(Niger)": Nigeria's state
        return None  # "(East)" in a text about a country without such a unit: part of a name, not a unit
    unit = min(admin1_units, key=lambda u: (admin2_of(u) is None, order.get(g.country[u], 0.0),
                                            -g.population[u]))
    if paren.admin2 or len(paren.parts) > 1:
        a2 = admin2_of(unit)
        if a2 is not None:
            return _place_from(g, a2, text, start, end, 2, "paren")
    return _place_from(g, unit, text, start, end, 3, "paren")


def _analyse(text: str, country_hint: str | None, prior_country: str | None = None) -> tuple[list[Place], list[str]]:
    g = get_gazetteer()
    prior = country_by_name(prior_country) if prior_country else None
    hint = country_by_name(country_hint) if country_hint else None
    hint_cc = hint.iso2 if hint else None
    mentions = _read_context(text, _with_loose(text, g, _scan(text, g)))
    parens = _parentheticals(text)
    # Names inside an admin parenthetical are the admin units of the place before it, not places of their own.
    # The names a "(coded as …)" note gives are read on their own below ("Kashmir Rebels" is no place either).
    mentions = [m for m in mentions if not any((text.find(p.coded_as, p.start) if p.coded_as else p.start) <= m.start
                                               < p.end and p.start < m.start for p in parens) and not m.partial]
    if any(m.facility for m in mentions) and any(not m.facility and (m.country is None or m.cue) for m in mentions):
        mentions = [m for m in mentions if not m.facility]
    coded_as = [p for p in parens if p.coded_as]
    if coded_as:
        # "X village (coded as Y)": ACLED codes Y, so drop the mentions of that clause and read Y in its place.
        for p in coded_as:
            clause_start = max(text.rfind(". ", 0, p.start) + 1, 0)
            coded = [m for m in _read_context(p.coded_as, _scan(p.coded_as, g)) if not m.partial]
            if not coded and p.admin1 and _admin1_units_like(p.admin1) and _NAME_WORDS.match(p.coded_as):
                # "(coded as Dantewada, Chhattisgarh)" with a place the gazetteer lacks: its admin1, under its name.
                key = _key(g.admin1[_admin1_units_like(p.admin1)[0]])
                coded = [_Mention(0, len(p.coded_as), key, (), admin_unit="admin1", named=p.coded_as)]
            if not coded or coded[0].start > 0 or coded[0].end < len(p.coded_as):
                continue  # "coded to territory capital", "(coded as Kashmir Rebels)": no named place to take
            dropped = [m for m in mentions if clause_start <= m.start < p.start]
            mentions = [m for m in mentions if not (clause_start <= m.start < p.end)]
            # The point stands for a region when a region or country was named, else for a place near it.
            wide = bool(dropped) and (dropped[-1].country is not None or dropped[-1].admin_unit == "admin1")
            inner = text.index(p.coded_as, p.start)
            m = coded[0]
            # The coded point lies in the country of the names it replaces ("Yinchuan city (coded to Jinfeng)").
            near = {g.country[e] for d in dropped for e in d.candidates[:20]} | \
                {d.country.iso2 for d in dropped if d.country is not None}
            m.candidates = tuple(e for e in m.candidates if g.country[e] in near) or m.candidates
            if p.admin1 and _admin1_units_like(p.admin1):
                units = _admin1_units_like(p.admin1)
                m.admin1_hint = p.admin1
                m.admin1_spellings = tuple(dict.fromkeys([p.admin1, *(_key(g.admin1[u]) for u in units)]))
            m.start, m.end, m.cue, m.precision = m.start + inner, m.end + inner, "in", 3 if wide else 2
            mentions.append(m)
        mentions.sort(key=lambda m: m.start)
    mentions = _read_districts(text, mentions)
    mentions = _read_apposition(text, g, mentions)
    orphans = _attach_parentheticals(text, mentions, [p for p in parens if not p.coded_as])
    named_countries = countries_in_text(text)
    votes = _country_weights(g, text, mentions, parens, hint_cc, named_countries, prior.iso2 if prior else None)
    total = sum(votes.values()) or 1.0
    weights = {cc: v / total for cc, v in votes.items()}
    ranked = [cc for cc, _ in votes.most_common()]
    if hint_cc is None and ranked and weights[ranked[0]] >= 0.4:
        tied = [cc for cc in ranked if votes[cc] == votes[ranked[0]]]
        # A clear main country counts like a caller's hint; of tied ones, the outlet's, else the first named.
        hint_cc = prior.iso2 if prior is not None and prior.iso2 in tied else ranked[0]
    places: list[Place] = []
    by_other_name: list[tuple[Place, str]] = []  # places matched by one of their other names, not their own
    small_by_other_name: list[tuple[Place, str]] = []  # of those, towns too small to be meant by a foreign name
    unresolved_parens = set()
    # Countries the text places something in: named outright, or where its (exactly matched) places are.
    placed = frozenset({c.iso2 for c, start, end in named_countries if text[start:end] in (c.name, *c.aliases)}
                       | {g.country[m.candidates[0]] for m in mentions if m.candidates and not m.loose}
                       | ({hint.iso2} if hint else set()))
    # Mentions that their own words locate (an admin parenthetical or apposition, ", Country", "X region") are
    # resolved first: the country they fix is where the text's bare namesakes are looked for.
    resolved: dict[int, int | None] = {}
    anchored: set[str] = set()
    for i, m in enumerate(mentions):
        if m.country is None and (m.admin1_hint or m.admin2_hint or m.in_country or m.admin_unit == "admin1"):
            resolved[i] = _resolve_mention(g, m, weights, hint_cc, ranked, placed, hint is not None)
            if resolved[i] is not None:
                anchored.add(g.country[resolved[i]])
    for i, m in enumerate(mentions):
        if m.country is not None:
            places.append(_country_place(g, m.country, text, m.start, m.end, m.cue))
            continue
        if i in resolved:
            entry = resolved[i]
        else:
            # Countries the text's other town names point at (a village beside "Zhytomyr" is in Ukraine).
            towns_elsewhere = frozenset(g.country[o.candidates[0]] for o in mentions
                                        if o is not m and o.candidates and not o.loose and o.country is None)
            entry = _resolve_mention(g, m, weights, hint_cc, ranked, placed, hint is not None, towns_elsewhere)
            alias = entry is not None and not _own_name(g, entry, m.key)
            if entry is not None and len(anchored) == 1 and g.country[entry] not in anchored \
                    and (g.population[entry] < EXONYM_POPULATION or alias):
                # "outside Cruz Grande, Izalco, Sonsonate": the namesake in the country the located places are in.
                (cc,) = anchored
                same = [e for e in m.candidates[:200] if g.country[e] == cc and g.kind[e] != KIND_ADMIN1]
                if same:
                    entry = max(same, key=lambda e: _score(g, e, m.key, weights, hint_cc))
                elif g.population[entry] < STRAY_POPULATION or alias:
                    # "Khaneh village" in Aleppo is no city abroad that has "Khaneh" among its other names.
                    continue  # a village abroad with the name of one the gazetteer lacks there: no place
        if entry is None:
            if m.admin1_hint or m.admin2_hint:
                unresolved_parens.add((m.admin1_hint, m.admin2_hint))
            continue
        # A town introduced as the scene ("in X", "near X") stands unless the caller said where the text is.
        scene = (hint is None and _own_name(g, entry, m.key) and bool(_SCENE_BEFORE.search(text, 0, m.start))
                 and not _NAME_GOES_ON.match(text, m.end))
        if (hint_cc and g.country[entry] != hint_cc and votes[g.country[entry]] <= 0.5 and not m.in_country
                and not (m.admin1_hint or m.admin2_hint) and not scene
                and (g.population[entry] < STRAY_POPULATION
                     or (not _own_name(g, entry, m.key) and g.population[entry] < EXONYM_POPULATION))):
            continue  # a small town abroad that nothing else in a text about one country points at: a homonym
        cue = "unit" if g.kind[entry] == KIND_ADMIN1 and m.admin_unit else m.cue
        if (m.admin1_hint or m.admin2_hint) and cue == "" and m.next_to_units:
            cue = "paren"
        place = _place_from(g, entry, text, m.start, m.end, m.precision, cue)
        if m.district and g.population[entry] >= DISTRICT_CITY_POPULATION:
            place = _district_place(g, place, entry, m, text)
        if m.named:
            # A village whose point is not known here: its name, at the precision its wording gives ("in"/"near").
            place = replace(place, location=m.named, geo_precision=m.named_precision)
        if not (_own_name(g, entry, m.key) or m.in_country or m.admin1_hint or m.admin2_hint or m.admin_unit):
            by_other_name.append((place, g.country[entry]))
            if g.population[entry] < EXONYM_POPULATION:
                small_by_other_name.append((place, g.country[entry]))
        places.append(place)
    for paren in parens:
        if paren.coded_as:
            continue
        owned = [p for p in places if p.start < paren.start and p.kind != "country"
                 and text.rfind(". ", 0, paren.start) < p.start]
        if paren in orphans or (not owned and (paren.admin1, paren.admin2) in unresolved_parens):
            place = _orphan_place(g, text, paren, votes, hint_cc)
            if place is not None:
                places.append(place)
    if not places and votes:
        # No place is named, but the actors point at a country ("the OSCE SMM observed …", "Nepalese traders"):
        # the country, at the first words that point at it.
        evidence = _evidence_place(g, text, named_countries, votes)
        if evidence is not None:
            places.append(evidence)
    places = _with_district_parens(g, text, places, weights, hint_cc)
    located = {p.country for p in places if p.cue in ("paren", "unit") and p.kind != "country"}
    if len(located) == 1 and by_other_name:
        # "in Casaracra (Junin) … at the Quilla toll": with the scene fixed by its admin units in one country, a
        # place elsewhere that only one of its other names matched ("Quilla" for Barranquilla) is a false friend.
        places = [p for p in places if not (p.country not in located and any(p is q for q, cc in by_other_name
                                                                             if votes[cc] <= 0.5))]
    own_named = {p.country for p in places if p.kind != "country" and not any(p is q for q, _ in by_other_name)}
    if len(own_named) == 1 and small_by_other_name:
        # "the Dur al Naft area of Basrah city": beside places named by their own names in one country, a small
        # town abroad that only one of its other names matched ("Dur" for Dour) is a false friend too.
        places = [p for p in places if not (p.country not in own_named
                                            and any(p is q for q, cc in small_by_other_name if votes[cc] <= 0.5))]
    places.sort(key=lambda p: p.start)
    # The article's countries: where its places resolved (cued ones count double) and the countries it names.
    about: Counter[str] = Counter()
    for country, start, end in named_countries:
        about[country.name] += 1.0 if text[start:end] in (country.name, *country.aliases) else DEMONYM_WEIGHT
    for place in places:
        if place.kind != "country":
            about[place.country] += 2.0 if place.cue else 1.0
    return places, [name for name, _ in about.most_common()]


# "outside a ministry (Seoul City - Mapo)", "(Osaka - Kita)": ACLED's "City - District" location of
# a site, written after it. The city part may carry "City" / "Metropolitan City".
_DISTRICT_PAREN = re.compile(
    r"\((?:[^()]*,\s*)?(?P<loc>(?P<city>[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,3}?)(?:\s+(?:Metropolitan\s+)?City)?"
    r"\s+-\s+[A-Z][\w'’]*(?:\s+(?:[A-Z][\w'’]*|\d+)){0,2})\)")


def _with_district_parens(g: Gazetteer, text: str, places: list[Place], weights: dict[str, float],
                          hint_cc: str | None) -> list[Place]:
    """Add the place of each "(City - District)" parenthetical of a big city; the city's other mentions in its
    clause (the city in a site's name before "(Seoul City - Mapo)") are that same site and give way to it."""
    for d in _DISTRICT_PAREN.finditer(text):
        key = _key(d.group("city"))
        candidates = [e for e in g.index.get(key, ()) if g.kind[e] == KIND_PLACE
                      and g.population[e] >= DISTRICT_CITY_POPULATION]
        if not candidates:
            continue
        entry = max(candidates, key=lambda e: _score(g, e, key, weights, hint_cc))
        start, end = d.span("loc")
        place = replace(_place_from(g, entry, text, start, end, 1, "paren"), location=d.group("loc"))
        clause_start = text.rfind(". ", 0, d.start()) + 1
        places = [p for p in places if not (clause_start <= p.start < d.end() and p.country == place.country
                                            and p.admin1 == place.admin1 and p.kind != "country")]
        places.append(place)
    return places


def _evidence_place(g: Gazetteer, text: str, named: list[tuple[Country, int, int]],
                    votes: Counter[str]) -> Place | None:
    """The country most of a text's cues and demonyms point at, as a place at the first of them."""
    cc, weight = votes.most_common(1)[0]
    country = country_by_iso2(cc)
    if country is None or weight < DEMONYM_WEIGHT or sum(votes.values()) > 1.5 * weight:
        return None  # evidence split between countries: better no place than a guess
    spans = [(start, end) for c, start, end in named if c.iso2 == cc]
    cue_pattern, cues = _country_cues()
    if cue_pattern is not None:
        spans += [m.span() for m in cue_pattern.finditer(text) if cues[m.group(0)][0] == cc]
    if not spans:
        return None
    start, end = min(spans)
    return _country_place(g, country, text, start, end, "")


def find_places(text: str, country_hint: str | None = None, prior_country: str | None = None) -> list[Place]:
    """Place mentions in text order, offsets relative to text; country_hint (a name or code) is preferred;
    prior_country (the outlet's) only decides between namesakes the text gives no country for."""
    return _analyse(text, country_hint, prior_country)[0]


def article_countries(text: str) -> list[str]:
    """Countries (ACLED names) the text is about, most mentioned first: names, demonyms and places."""
    return _analyse(text, None)[1]


def resolve_place(name: str, country: str | None = None, admin1: str | None = None) -> Place | None:
    """One place by name, optionally inside a country (name or code) and an admin1 unit."""
    g = get_gazetteer()
    key = _key(name)
    wanted = country_by_name(country) if country else None
    candidates = [e for e in g.index.get(key, ()) if wanted is None or g.country[e] == wanted.iso2]
    if admin1:
        a1 = _admin_key(admin1)
        fitting = [e for e in candidates if _same_admin(_key(g.admin1[e]), a1)]
        if not fitting and wanted is not None:
            unit = g.admin1_units.get((wanted.iso2, a1))
            return _place_from(g, unit, name, 0, len(name), 3, "") if unit is not None else None
        candidates = fitting
    if not candidates:
        return None
    best = max(candidates, key=lambda e: _score(g, e, key, {}, wanted.iso2 if wanted else None))
    return _place_from(g, best, name, 0, len(name), 1, "")
