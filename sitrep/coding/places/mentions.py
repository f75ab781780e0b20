"""Scanning text for place-name mentions: capitalised n-grams, loose/transliterated matches, the wording around them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from sitrep.coding.countries import Country
from sitrep.coding.places.gazetteer import Gazetteer
from sitrep.coding.places.names import korean_key, loose_key
from sitrep.coding.places.tables import (
    CountryForms,
    PlaceWords,
    admin1_by_key,
    admin_key,
    country_forms,
    name_key,
    place_words,
    stoplist,
)

MAX_WORDS = 6

_TOKEN = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
NEAR_CUE = re.compile(
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
AREA_WORD = re.compile(r"\s+(?:countryside|outskirts|area|surroundings|environs|axis|front|frontline|vicinity)\b",
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
_QUOTED_CUE = re.compile(r"['‘](?:in|at|near)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass
class Mention:
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


class Token(NamedTuple):
    start: int
    end: int
    word: str


def _tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def _is_name_word(word: str) -> bool:
    """Capitalised, or an Arabic-style article joined to a capitalised word ("al-Ain", "ez-Zor")."""
    if word[0].isupper():
        return True
    head, _, tail = word.partition("-")
    return bool(tail) and tail[0].isupper() and head.lower() in place_words().connectors


def _after_title(text: str, tokens: list[Token], i: int, words: PlaceWords) -> bool:
    """Whether token i follows a person's title ("President Kiir"): a person's name, not a place."""
    return i > 0 and tokens[i - 1].word.lower().rstrip(".") in words.titles \
        and text[tokens[i - 1].end:tokens[i].start] in (" ", ". ")


def _phrase_end(text: str, tokens: list[Token], i: int, words: PlaceWords) -> int:
    """The furthest token a name starting at token i may run to: single spaces between words (". " after an
    abbreviation), inner words capitalised or connectors."""
    last, n = i, len(tokens)
    while (last + 1 < n and last + 1 - i < MAX_WORDS
           and (text[tokens[last].end:tokens[last + 1].start] == " "
                or (tokens[last].word in words.abbreviated and text[tokens[last].end:tokens[last + 1].start] == ". "))
           and (_is_name_word(tokens[last + 1].word) or tokens[last + 1].word.lower() in words.connectors)):
        last += 1
    return last


def _known_name(g: Gazetteer, text: str, start: int, end: int, forms: CountryForms,
                stop: frozenset[str]) -> Mention | None:
    """The mention of text[start:end] when it names a country or a gazetteer entry (None for stop words,
    demonyms, acronyms and unknown names)."""
    surface = text[start:end]
    key = name_key(surface)
    country_names, demonyms = forms
    if key in stop or key in demonyms:
        return None
    if key in country_names:
        return Mention(start, end, key, (), country=country_names[key])
    if surface.isupper() and len(surface) <= 5:
        return None  # acronyms (IS, LIC, JWS) are organisations far more often than places
    candidates = g.index.get(key)
    if " " in key and ("'s" in surface or "’s" in surface):
        # "St. John's", "Clark's Town": a possessive inside a place's own name, which the gazetteer may
        # spell with or without the apostrophe ("Clarks Town"), not "Kyiv's" of a sentence.
        whole = surface.lower().replace("’", "'").replace("-", " ")
        for variant in (" ".join(whole.split()), " ".join(whole.replace("'s", "s").split())):
            if g.index.get(variant):
                key, candidates = variant, g.index[variant]
                break
    return Mention(start, end, key, candidates) if candidates else None


def _is_fragment(text: str, tokens: list[Token], i: int, j: int, found: Mention, mentions: list[Mention],
                 stop: frozenset[str]) -> bool:
    """Whether the name found on tokens i..j-1 is only part of a longer capitalised name ("Ein [Issa]")."""
    if found.country is not None:
        return False
    # A left neighbour that was itself matched ("Russia's Kursk") does not make this a fragment.
    after_match = bool(mentions) and mentions[-1].end >= tokens[i - 1].end if i > 0 else False
    joins_left = not after_match and _joins_name(text, tokens, i - 1, i, stop)
    return (joins_left or _joins_name(text, tokens, j, j + 1, stop)
            or bool(_NAME_GOES_ON_DE.match(text, found.end))
            or bool(_BOUNDARY_LINE.match(text, found.end))
            or bool(_NAME_BEFORE_DE.search(text, max(0, found.start - 40), found.start)))


def scan_mentions(text: str, g: Gazetteer) -> list[Mention]:
    """Longest capitalised n-grams found in the gazetteer (or naming a country), left to right."""
    tokens = _tokens(text)
    stop, forms, words = stoplist(), country_forms(), place_words()  # read once per text: the loop is hot
    mentions: list[Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not tokens[i].word[0].isupper() or _after_title(text, tokens, i, words):
            i += 1
            continue
        found = next((m for j in range(_phrase_end(text, tokens, i, words), i - 1, -1)
                      if _is_name_word(tokens[j].word)
                      and (m := _known_name(g, text, tokens[i].start, tokens[j].end, forms, stop)) is not None), None)
        if found is None:
            i += 1
            continue
        j = i
        while j < n and tokens[j].end < found.end:
            j += 1
        found.partial = _is_fragment(text, tokens, i, j, found, mentions, stop)
        mentions.append(found)
        i = j + 1
    return mentions


def with_loose_mentions(text: str, g: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Add the cued names the exact index lacks ("shelled Dovhenke", "in Tall Jamma") that a place's name matches
    under loose_key (transliteration variants); they are resolved only within the text's country or admin units."""
    if not g.loose:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    stop = stoplist()
    country_names, demonyms = country_forms()
    added = []
    for c in _CUED_NAME.finditer(text):
        start, end = c.span("name")
        if any(s < end and start < e for s, e in taken):
            continue
        name = c.group("name")
        key = name_key(name)
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
            added.append(Mention(start, end, key, candidates, loose=True))
        elif text.startswith(", ", end) or _SETTLEMENT_IN.match(text, end) or _SETTLEMENT_COMMA.match(text, end):
            # Unknown, but "Verkhnyokamianka, Luhansk" or "Xtown town in Y countryside" may name the village its
            # admin1 stands in for.
            added.append(Mention(start, end, key, (), loose=True))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


# "Ejido de Vergel", "Isla de Tierra Bomba": a Spanish or Portuguese name that runs on past the matched words.
_NAME_GOES_ON_DE = re.compile(r" (?:de|del|da|do|dos|das)(?: la| las| los)? [A-Z]")
# "the Durand line", "along the Green line": a boundary named after a person or colour, not the town of that name.
_BOUNDARY_LINE = re.compile(r" line\b")
_NAME_BEFORE_DE = re.compile(r"[A-Z][\w'’-]* (?:de|del|da|do|dos|das)(?: la| las| los)? $")
_SETTLEMENT_COMMA = re.compile(r"\s+(?:village|town|settlement),\s+[A-Z]")  # "in Xivka village, Kyiv"
_SETTLEMENT_IN = re.compile(r"\s+(?:town|village)\s+(?:in|of)\s+(?:the\s+)?[A-Z]")


def _joins_name(text: str, tokens: list[Token], a: int, b: int, stop: frozenset[str]) -> bool:
    """Whether tokens a and b are two words of one capitalised name (so a match ending between them is partial)."""
    if a < 0 or b >= len(tokens) or text[tokens[a].end:tokens[b].start] != " ":
        return False
    left, right = tokens[a].word, tokens[b].word
    if not (left[0].isupper() and _is_name_word(right)):
        return False
    return name_key(left) not in stop and name_key(right) not in stop and left.lower().rstrip(".") not in place_words().titles


def read_context(text: str, mentions: list[Mention]) -> list[Mention]:
    """Cue words before and unit words after each mention; "X district of Y" keeps only Y."""
    kept: list[Mention] = []
    for m in mentions:
        before = text[max(0, m.start - 45):m.start]
        after = text[m.end:m.end + 30]
        if NEAR_CUE.search(before):
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
                    admin1_by_key().get(admin_key(m.key)):
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
            elif AREA_WORD.match(after):
                m.precision = 2
            elif _FACILITY_AFTER.match(after) or (text.startswith(("'s", "’s"), m.end - 2)
                                                  and _POSSESSIVE_ALONE.match(after)):
                m.facility = True  # "Carnot school", "outside McDonald's in Sheffield": a facility's name
        kept.append(m)
    return kept


def read_districts(text: str, mentions: list[Mention]) -> list[Mention]:
    """ACLED's big-city locations "Kyiv - Shevchenkivskyi", "Santiago - Nunoa": the district rides on the city."""
    kept: list[Mention] = []
    for m in mentions:
        if kept and kept[-1].district and m.start < kept[-1].district_end:
            kept[-1].district_candidates = m.candidates
            continue  # the district's own name: a place only through its city
        if m.country is None or m.country.iso2 in place_words().territories:
            d = _DISTRICT_AFTER.match(text, m.end)
            if d and name_key(d.group(1)) not in country_forms().names and name_key(d.group(1)) not in stoplist():
                m.district, m.district_end = d.group(1), d.end(1)
        kept.append(m)
    return kept
