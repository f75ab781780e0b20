"""ACLED's own notes of the point it coded, "X village (coded as Y)": the mentions of that clause give way to Y."""

from __future__ import annotations

from sitrep.coding.places.gazetteer import Gazetteer
from sitrep.coding.places.mentions import Mention, read_context, scan_mentions
from sitrep.coding.places.parentheticals import Paren
from sitrep.coding.places.resolution import NAME_WORDS
from sitrep.coding.places.tables import admin1_units_like, name_key


def _coded_point(g: Gazetteer, p: Paren) -> Mention | None:
    """The mention a "(coded as …)" note names, at offsets within the note; None when it names no place."""
    coded = [m for m in read_context(p.coded_as, scan_mentions(p.coded_as, g)) if not m.partial]
    if not coded and p.admin1 and admin1_units_like(p.admin1) and NAME_WORDS.match(p.coded_as):
        # "(coded as Dantewada, Chhattisgarh)" with a place the gazetteer lacks: its admin1, under its name.
        key = name_key(g.admin1[admin1_units_like(p.admin1)[0]])
        coded = [Mention(0, len(p.coded_as), key, (), admin_unit="admin1", named=p.coded_as)]
    if not coded or coded[0].start > 0 or coded[0].end < len(p.coded_as):
        return None  # "coded to territory capital", "(coded as Kashmir Rebels)": no named place to take
    return coded[0]


def _place_coded_point(g: Gazetteer, text: str, p: Paren, m: Mention, dropped: list[Mention]) -> None:
    """Fit the coded point to the text: its offsets, the units the note gives and the country of the names it
    replaces; it stands for a region when a region or country was named, else for a place near it."""
    wide = bool(dropped) and (dropped[-1].country is not None or dropped[-1].admin_unit == "admin1")
    inner = text.index(p.coded_as, p.start)
    # The coded point lies in the country of the names it replaces ("Yinchuan city (coded to Jinfeng)").
    near = {g.country[e] for d in dropped for e in d.candidates[:20]} | \
        {d.country.iso2 for d in dropped if d.country is not None}
    m.candidates = tuple(e for e in m.candidates if g.country[e] in near) or m.candidates
    if p.admin1 and admin1_units_like(p.admin1):
        units = admin1_units_like(p.admin1)
        m.admin1_hint = p.admin1
        m.admin1_spellings = tuple(dict.fromkeys([p.admin1, *(name_key(g.admin1[u]) for u in units)]))
    m.start, m.end, m.cue, m.precision = m.start + inner, m.end + inner, "in", 3 if wide else 2


def read_coded_as(g: Gazetteer, text: str, mentions: list[Mention], parens: list[Paren]) -> list[Mention]:
    """"X village (coded as Y)": ACLED codes Y, so the mentions of that clause are dropped and Y read in their place."""
    coded_as = [p for p in parens if p.coded_as]
    if not coded_as:
        return mentions
    for p in coded_as:
        clause_start = max(text.rfind(". ", 0, p.start) + 1, 0)
        m = _coded_point(g, p)
        if m is None:
            continue
        dropped = [d for d in mentions if clause_start <= d.start < p.start]
        mentions = [d for d in mentions if not (clause_start <= d.start < p.end)]
        _place_coded_point(g, text, p, m, dropped)
        mentions.append(m)
    mentions.sort(key=lambda m: m.start)
    return mentions
