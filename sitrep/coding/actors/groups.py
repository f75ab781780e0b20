"""Actors a sentence names by pattern rather than by phrase: identity militias ("Dinka clan militia"), the factions
ACLED names one by one ("Mayi Mayi Militia (Yakutumba)"), and "coded as" names that say who a group was."""

from __future__ import annotations

import re

from sitrep.coding.actors.conventions import conventions
from sitrep.coding.actors.mention import ARMED_KINDS, STATE, ActorMention, mention_in
from sitrep.coding.actors.phrases import PhraseHit

# "riders (assumed Darfur communal militia)", "militants (coded as Kashmir Rebels)", "raiders presumed to be
# Tiv militiamen": the second name is who they were.
_CODED_AS = re.compile(r"\s*of\s+(?:the\s+)?|\s*(?:\w+\s+){0,2}?[(\[,]?\s*(?:coded\s+as|assumed|presumed|believed|suspected|thought|"
                       r"identified|said|reported|claimed|(?:comprised|composed|made\s+up|consisting)\s+of)(?:\s+to\s+(?:be|have\s+been))?(?:\s+as)?(?:\s+to\s+be)?\s+"
                       r"(?:the\s+|an?\s+)?(?:members?\s+of\s+(?:the\s+)?)?(?:\w+\s+)?", re.I)


def resolve_coded_as(sentence: str, found: list[ActorMention]) -> list[ActorMention]:
    """One mention for a group and the name it is said to be ("militants (coded as Kashmir Rebels)")."""
    out: list[ActorMention] = []
    skip: set[int] = set()
    for i, a in enumerate(found):
        if i in skip:
            continue
        b = found[i + 1] if i + 1 < len(found) else None
        gap = sentence[a.end:b.start] if b is not None else ""
        # "joint forces of X and Y", "a band made up of Fulani herders": X is who acted
        of_named = bool(re.fullmatch(r"\s*of\s+(?:the\s+)?", gap)) and b is not None and b.kind == "named" \
            and a.kind in ("state", "armed") and b.inter != STATE
        # A name never gives way to a generic word after it ("X, suspected militants", "X said its fighters …").
        named_then_generic = b is not None and a.kind == "named" and b.kind == "armed"
        if b is not None and a.kind in ARMED_KINDS and b.kind in ARMED_KINDS and b.start - a.end <= 60 \
                and not named_then_generic \
                and (of_named or (_CODED_AS.fullmatch(gap) and not re.fullmatch(r"\s*of\s+(?:the\s+)?", gap))):
            out.append(ActorMention(b.name, b.inter, a.start, b.end, b.kind, b.home, a.by_agent or b.by_agent,
                                    b.assoc, b.role))
            skip.add(i + 1)
            continue
        out.append(a)
    return out


# Factions ACLED names one by one: "Mai-Mai Yakutumba" → "Mayi Mayi Militia (Yakutumba)"; Myanmar's local
# resistance forces by their township ("Monywa PDF", "PDF-Kalay" → "People's Defense Force - Monywa").
_FACTION_WORD = r"[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+){0,2}"
_MAYI_MAYI = re.compile(r"\b(?:Ma[iy]i?[- ]?Ma[iy]i?)\s+(?:militia(?:men)?\s+|group\s+|fighters\s+|faction\s+)?"
                        r"(?:of\s+)?(?:the\s+)?(?P<name>" + _FACTION_WORD + r")")
_LOCAL_PDF = re.compile(r"\b(?:[Tt]he\s+)?(?P<name>" + _FACTION_WORD + r")\s+(?:People's\s+Defen[cs]e\s+Forces?|PDFs?)\b|"
                        r"\b(?:People's\s+Defen[cs]e\s+Force|PDF)\s*-\s*(?P<after>" + _FACTION_WORD + r")")
_NOT_A_FACTION = frozenset({"militia", "militiamen", "group", "faction", "fighters", "the", "a", "local", "unidentified",
                            "anti", "township", "myanmar", "burma", "the local", "suspected", "alleged", "some", "several",
                            "on", "in", "at", "and", "coalition", "allied", "joint", "armed", "rebels", "nug", "combined",
                            "battalion", "people's", "peoples", "chinland", "karenni", "kachin"})


def with_factions(sentence: str, country: str, found: list[ActorMention]) -> list[ActorMention]:
    """The factions ACLED names one by one, over the mentions they overlap."""
    rx, template = {"Democratic Republic of Congo": (_MAYI_MAYI, "Mayi Mayi Militia ({})"),
                    "Myanmar": (_LOCAL_PDF, "People's Defense Force - {}")}.get(country, (None, ""))
    if rx is None:
        return found
    for m in rx.finditer(sentence):
        name = m.group("name") or (m.groupdict().get("after") or "")
        if not name or name.split()[0].lower() in _NOT_A_FACTION or name.lower() in _NOT_A_FACTION:
            continue
        start, end = m.start(), m.end()
        found = [a for a in found if not (a.start < end and start < a.end)]
        found.append(mention_in(sentence, template.format(name), "Political militia", start, end, "named", country))
    return found


# "Katsina militiamen", "Batwa ethnic militiamen", "armed Fulani pastoralists", "a Dinka clan militia": ACLED
# names identity militias after the community or the state they come from.
_GROUP_MILITIA = re.compile(r"(?P<armed>\b[Aa]rmed\s+)?\b(?P<name>[A-Z][a-z'-]{2,}(?:[ -][A-Z][a-z'-]{2,})?)\s+"
                            r"(?P<kind>ethnic\s+|communal\s+|tribal\s+|clan\s+)?"
                            r"(?P<head>militiamen|militia\s+men|militias?|militants|fighters|gunmen|pastoralists|"
                            r"herders|herdsmen|(?:cattle\s+)?raiders|youths?|men)\b")
_MILITIA_HEADS = frozenset({"militiamen", "militia men", "militia", "militias"})
_NOT_A_COMMUNITY = frozenset({"the", "local", "armed", "unknown", "unidentified", "suspected", "presumed", "islamist",
                              "jihadist", "rebel", "rival", "allied", "pro", "government", "opposition", "state",
                              "christian", "muslim", "self", "village", "community", "youth", "some", "several",
                              "two", "three", "many", "other", "these", "those", "their", "its", "his", "one"})


def with_group_militias(sentence: str, country: str, admin1: str, found: list[ActorMention],
                        hits: list[PhraseHit]) -> list[ActorMention]:
    """Identity militias named after their community or state, over the armed or state mentions they overlap."""
    taken = [(s, e, entry.category) for entry, s, e in hits if entry.category in ("named", "state", "country")]
    for m in _GROUP_MILITIA.finditer(sentence):
        name, kind, head = m.group("name"), (m.group("kind") or "").strip().lower(), m.group("head").lower()
        own_state = bool(admin1) and name.lower() in admin1.lower()
        # a state named like a country ("Niger militiamen" in Niger State, Nigeria) is still the state
        if name.split()[0].lower() in _NOT_A_COMMUNITY or \
                any(s < m.end("name") and m.start("name") < e and not (own_state and cat == "country")
                    for s, e, cat in taken):
            continue
        if kind == "communal" or (own_state and head in _MILITIA_HEADS and not kind):
            acled = f"{name} Communal Militia ({country})"
        elif kind in ("ethnic", "tribal", "clan"):
            acled = f"{name} {kind.title()} Militia ({country})"
        elif (head in ("pastoralists", "herders", "herdsmen", "militants", "youths", "youth", "men")
              and m.group("armed")) or head.endswith("raiders"):
            # "armed Fulani pastoralists", "armed Dinka youths", "Murle cattle raiders"
            acled = f"{name} {conventions().community_word.get(country, 'Ethnic')} Militia ({country})"
        else:
            continue
        found = [a for a in found if not (a.kind in ("armed", "state") and a.start < m.end() and m.start() < a.end)]
        found.append(mention_in(sentence, acled, "Identity militia", m.start("name"), m.end(), "armed", country))
    return found
