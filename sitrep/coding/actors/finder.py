"""Finding the actors a sentence mentions (find_actors): phrase hits turned into ACLED names, a country's forces,
identity militias and factions, "coded as" names; and merging a name with its head word (merge_adjacent)."""

from __future__ import annotations

import re
from datetime import date

from sitrep.coding.actors.mention import ARMED_KINDS, EXTERNAL, STATE, ActorMention
from sitrep.coding.actors.phrases import PhraseEntry, actor_table, scan_phrases, word_tokens
from sitrep.coding.actors.state_forces import state_force_name


POSSESSIVE_FORCES = re.compile(r"\b(?:its|their|our|his)\s+$", re.I)
BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|some\s+|suspected\s+|presumed\s+|alleged\s+|unknown\s+|"
                       r"unidentified\s+|armed\s+)*(?:[\w'-]+\s+){0,2}$", re.I)
COUNTRY_AS_AGENT = re.compile(r"^\s*(?:has|have|had|was|were|is|launched|attacked|shelled|struck|fired|bombed|"
                              r"said\s+(?:its|it)|claimed|carried\s+out|hit|targeted)\b", re.I)
COUNTRY_AFTER_BY = re.compile(r"\b(?:launched|carried\s+out|conducted|attacked|fired|shelled|struck)\s+by\s+$", re.I)
# "Russian assaults", "Ukrainian drones": a demonym before a military act or weapon stands for the forces.
_DEMONYM_AS_FORCE = re.compile(r"\s+(?:(?:guided|aerial|glide|heavy|ballistic|cruise|kamikaze|attack|combat|"
                               r"long-range|massive|overnight|air|artillery|tank|mortar|rocket|missile)\s+){0,2}"
                               r"(?:assaults?|attacks?|offensives?|advances?|positions?|strikes?|shelling|"
                               r"drones?|missiles?|artillery|rockets?|bombardments?|fire|raids?|incursions?|bombs?|"
                               r"shells?|mortars?|airstrikes?|warplanes?|jets?|helicopters?)\b", re.I)
# A demonym before a military machine, whatever words name its model ("a Russian Ka-52 helicopter", "Israeli
# gunboats"): that country's forces, in any sentence.
_DEMONYM_MACHINE = re.compile(r"\s+(?:[\w-]+\s+){0,2}(?:drones?|UAVs?|missiles?|helicopters?|aircraft|warplanes?|"
                              r"fighter\s+jets?|jets?|gunboats?|warships?|naval\s+vessels?|navy\s+boats?|tanks?|"
                              r"armou?red\s+vehicles?|military\s+vehicles?|sea\s+mines?|bulldozers?)\b", re.I)
# After a force word, words that make it an office or its spokesmen rather than troops in the field.
_NOT_FORCES_AFTER = re.compile(r"\s*(?:administrations?|analysts?|officials?|spokes\w+|experts?|courts?|"
                               r"prosecutors?|observers?|sources?|bloggers?|academy|hospital|commissariat|"
                               r"coups?|rule|takeover|leaders(?:hip)?|service|conscription|mobili[sz]ation|"
                               r"spending|aid|exercises?|parade)\b", re.I)
# "attacked …, but were repelled by X": X defended; the one repelled began the fighting.
_DEFENDED_BY = re.compile(r"\b(?:repell?ed|repulsed|pushed\s+back|beaten\s+back|thwarted|foiled|resisted|halted|"
                          r"stopped|countered|contained)\s+by\s+", re.I)


# A short label before a colon opening a text ("Movement of forces: On 3 May, …").
_LABEL = re.compile(r"^\s*[A-Z][\w/-]*(?:\s+[\w/-]+){0,3}:\s")
PLACE_CONTEXT_BEFORE = re.compile(r"\b(?:in|into|of|to|from|across|inside|near|with|and|against|between)\s+$", re.I)
# Between a country word and its forces: "Russian forces", "Ukraine's army", "the Nigerian Air Force".
_COUNTRY_THEN_FORCES = re.compile(r"(?:'s|’s|s)?(?:\s+|-)(?:(?!of\b|and\b|by\b|in\b|with\b)[\w-]+\s+){0,2}", re.I)
_FORCES_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.I)
_CONTINGENT_NAMED = ("ATMIS:", "AMISOM:")
_COORDINATED = re.compile(r"\s*(?:,|and|or|&)\s*(?:the\s+)?", re.I)
# Words that, in front of "forces"/"troops", make them somebody else's than the state's.
_NOT_STATE_BEFORE = re.compile(r"\b(?:rebel|opposition|militia|separatist|insurgent|jihadist|resistance|tribal|"
                               r"clan|Kurdish-led|Tigrayan|Tigray|Houthi|Taliban|enemy|foreign|coalition|"
                               r"allied|pro-government|peacekeeping)\s+$", re.I)


_CAPITALISED_WORD = re.compile(r"[A-Z][\w'-]*")


def _names_no_people(sentence: str, s: int, end: int) -> bool:
    """A people word that names no people: a word of a capitalised name ("Ta Man Thar village", "Regional People
    Defense Force") or an adjective before its noun ("a local defense militia")."""
    word = sentence[s:end]
    if word[:1].isupper() and s > 0 and not re.search(r"[.!?:;\"(]\s*$", sentence[max(0, s - 3):s]):
        prev = re.search(r"([\w'-]+)\s+$", sentence[max(0, s - 30):s])
        nxt = re.match(r"\s+([\w'-]+)", sentence[end:end + 30])
        if (prev and _CAPITALISED_WORD.fullmatch(prev.group(1))) or (nxt and _CAPITALISED_WORD.fullmatch(nxt.group(1))):
            return True
    return word.lower().endswith("local") and bool(re.match(r"\s+(?!and\b|or\b|in\b|of\b|at\b|on\b|who\b|was\b)"
                                                             r"[a-z]", sentence[end:end + 12]))


def find_actors(sentence: str, event_country: str, on: date | None = None,
                armed_context: bool = False, admin1: str = "") -> list[ActorMention]:
    """Actor mentions in one sentence, in text order, named for an event in event_country on `on`.

    armed_context: the sentence reports fighting or a strike, so a bare country name that acts
    ("launched by Ukraine", "Russia shelled") stands for that country's military.
    admin1: the event's first-level unit, for actors ACLED names after it ("Kaduna Communal Militia (Nigeria)")."""
    country = event_country or ""
    found: list[ActorMention] = []
    hits = list(scan_phrases(sentence, actor_table(), country, on))
    label = _LABEL.match(sentence)
    if label:  # "Movement of forces: …" is a category label, not a party
        hits = [h for h in hits if h[1] >= label.end()]
    countries = [(e, s, end) for e, s, end in hits if e.category == "country"]

    def add(name: str, inter: str, s: int, e: int, kind: str, home: str, assoc: str = "", role: str = "") -> None:
        before = sentence[max(0, s - 40):s]
        found.append(ActorMention(name, inter, s, e, kind, home,
                                  bool(BY_BEFORE.search(before)) and not _DEFENDED_BY.search(before), assoc, role))

    used_countries: set[int] = set()
    pending: list[tuple[str, int, int, str]] = []  # forces of a country coordinated with another's

    def ce_start(ci: int) -> int:
        return countries[ci][1]

    for e, s, end in hits:
        if e.category == "named":
            if "{country}" in e.name and not country:
                continue
            name = e.name.format(country=country)
            if name.startswith(_CONTINGENT_NAMED):
                # "Ugandan ATMIS troops": ACLED names the mission's national contingents
                prev = next((c for c, cs, cend in countries if 0 <= s - cend <= 2), None)
                name = f"{name} ({prev.home})" if prev is not None else name
            add(name, e.inter, s, end, "named", e.home or country, e.assoc, e.role)
        elif e.category == "generic":
            if not country or ("{admin1}" in e.name and not admin1):
                continue
            if e.kind == "unidentified_military":
                add(e.name, e.inter, s, end, e.kind, "")
            elif (country, admin1) in _REGIONAL_REBELS and e.name.startswith("Unidentified Armed Group") \
                    and _MILITANT_WORDS.search(sentence[s:end]):
                add(*_REGIONAL_REBELS[(country, admin1)], s, end, "armed", country)
            elif e.kind == "civilian" and _names_no_people(sentence, s, end):
                continue
            else:
                add(e.name.format(country=country, admin1=admin1), e.inter, s, end, e.kind, country)
        elif e.category == "state":
            if e.home and e.home != country and not e.exact:
                continue
            home = e.home
            named_home = False
            if not home:
                for ci, (ce, cs, cend) in enumerate(countries):
                    if cend <= s and s - cend <= 40 and _COUNTRY_THEN_FORCES.fullmatch(sentence[cend:s]):
                        home = ce.home
                        named_home = True
                        used_countries.add(ci)
                        # "Russian and Ukrainian forces": both countries' forces
                        if ci > 0 and _COORDINATED.fullmatch(sentence[countries[ci - 1][2]:ce_start(ci)]) \
                                and countries[ci - 1][0].home != home and ci - 1 not in used_countries:
                            pe, ps, pend = countries[ci - 1]
                            used_countries.add(ci - 1)
                            pending.append((pe.home, ps, pend, e.kind))
                    elif cs >= end and _FORCES_OF.fullmatch(sentence[end:cs]):
                        home = ce.home
                        named_home = True
                        used_countries.add(ci)
                        break
            if e.needs_country and not named_home:
                continue  # "launched an air strike": the weapon of whoever acts, not a party of its own
            before = sentence[max(0, s - 30):s]
            if _NOT_FORCES_AFTER.match(sentence[end:end + 20]):
                continue
            if not home and _NOT_STATE_BEFORE.search(before):
                continue
            if not home and POSSESSIVE_FORCES.search(sentence[max(0, s - 8):s]):
                earlier = [ce.home for ce, cs, _ in countries if cs < s]
                home = earlier[0] if earlier else ""
            home = home or country
            if not home:
                continue
            unit = e.unit if not e.unit_for or home in e.unit_for else ""
            add(state_force_name(home, e.kind, on, unit), STATE, s, end, "state", home)

    for home_c, ps, pend, kind in pending:
        add(state_force_name(home_c, kind, on), STATE, ps, pend, "state", home_c)
    if country:
        found = _group_militias(sentence, country, admin1, found, hits, add)
        found = _factions(sentence, country, found, add)
    for ci, (ce, s, e) in enumerate(countries):
        if ci in used_countries:
            continue
        word = sentence[s:e]
        before = sentence[max(0, s - 30):s]
        if word.lower() != ce.home.lower() and not sentence[e:e + 2] in ("'s", "’s") \
                and not word.isupper() and len(word_tokens(word)) == 1 and word not in ("Kremlin", "Moscow", "Kyiv",
                                                                                   "Kiev"):
            if (armed_context and _DEMONYM_AS_FORCE.match(sentence[e:e + 30])) \
                    or _DEMONYM_MACHINE.match(sentence[e:e + 40]):
                add(state_force_name(ce.home, "military", on), STATE, s, e, "state", ce.home)
            continue  # a demonym on its own ("Russian civilians") is not an actor
        if armed_context:
            if PLACE_CONTEXT_BEFORE.search(before) and not COUNTRY_AFTER_BY.search(before):
                continue
            if COUNTRY_AS_AGENT.match(sentence[e:e + 40]) or COUNTRY_AFTER_BY.search(before):
                add(state_force_name(ce.home, "military", on), STATE, s, e, "state", ce.home)
    found.sort(key=lambda a: a.start)
    return _resolve_coded_as(sentence, found)


# "riders (assumed Darfur communal militia)", "militants (coded as Kashmir Rebels)", "raiders presumed to be
# Tiv militiamen": the second name is who they were.
_CODED_AS = re.compile(r"\s*of\s+(?:the\s+)?|\s*(?:\w+\s+){0,2}?[(\[,]?\s*(?:coded\s+as|assumed|presumed|believed|suspected|thought|"
                       r"identified|said|reported|claimed|(?:comprised|composed|made\s+up|consisting)\s+of)(?:\s+to\s+(?:be|have\s+been))?(?:\s+as)?(?:\s+to\s+be)?\s+"
                       r"(?:the\s+|an?\s+)?(?:members?\s+of\s+(?:the\s+)?)?(?:\w+\s+)?", re.I)


def _resolve_coded_as(sentence: str, found: list[ActorMention]) -> list[ActorMention]:
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
        if b is not None and a.kind in ARMED_KINDS and b.kind in ARMED_KINDS and b.start - a.end <= 60 \
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


def _factions(sentence: str, country: str, found: list[ActorMention], add) -> list[ActorMention]:  # type: ignore[no-untyped-def]
    rx, template = {"Democratic Republic of Congo": (_MAYI_MAYI, "Mayi Mayi Militia ({})"),
                    "Myanmar": (_LOCAL_PDF, "People's Defense Force - {}")}.get(country, (None, ""))
    if rx is None:
        return found
    for m in rx.finditer(sentence):
        name = m.group("name") or (m.groupdict().get("after") or "")
        if not name or name.split()[0].lower() in _NOT_A_FACTION or name.lower() in _NOT_A_FACTION:
            continue
        start, end = m.start(), m.end()
        found[:] = [a for a in found if not (a.start < end and start < a.end)]
        add(template.format(name), "Political militia", start, end, "named", country)
    return found


# "Katsina militiamen", "Batwa ethnic militiamen", "armed Fulani pastoralists", "a Dinka clan militia": ACLED
# names identity militias after the community or the state they come from.
_GROUP_MILITIA = re.compile(r"(?P<armed>\b[Aa]rmed\s+)?\b(?P<name>[A-Z][a-z'-]{2,}(?:[ -][A-Z][a-z'-]{2,})?)\s+"
                            r"(?P<kind>ethnic\s+|communal\s+|tribal\s+|clan\s+)?"
                            r"(?P<head>militiamen|militia\s+men|militias?|militants|fighters|gunmen|pastoralists|"
                            r"herders|herdsmen|(?:cattle\s+)?raiders|youths?|men)\b")
# What ACLED calls a community's militia where it names them by tribe or clan rather than by ethnic group.
_COMMUNITY_WORD = {"Afghanistan": "Tribal", "Pakistan": "Tribal", "Yemen": "Tribal", "Iraq": "Tribal", "Libya": "Tribal",
                   "Syria": "Tribal", "Jordan": "Tribal", "Saudi Arabia": "Tribal", "Somalia": "Clan"}
_MILITIA_HEADS = frozenset({"militiamen", "militia men", "militia", "militias"})
_NOT_A_COMMUNITY = frozenset({"the", "local", "armed", "unknown", "unidentified", "suspected", "presumed", "islamist",
                              "jihadist", "rebel", "rival", "allied", "pro", "government", "opposition", "state",
                              "christian", "muslim", "self", "village", "community", "youth", "some", "several",
                              "two", "three", "many", "other", "these", "those", "their", "its", "his", "one"})


def _group_militias(sentence: str, country: str, admin1: str, found: list[ActorMention],
                    hits: list[tuple[PhraseEntry, int, int]], add) -> list[ActorMention]:  # type: ignore[no-untyped-def]
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
            acled = f"{name} {_COMMUNITY_WORD.get(country, 'Ethnic')} Militia ({country})"
        else:
            continue
        found[:] = [a for a in found if not (a.kind in ("armed", "state") and a.start < m.end() and m.start() < a.end)]
        add(acled, "Identity militia", m.start("name"), m.end(), "armed", country)
    return found


# Where ACLED names the unidentified militants of a region's insurgency after it.
_REGIONAL_REBELS = {("India", "Jammu and Kashmir"): ("Kashmir Rebels (India)", "Rebel group")}
_MILITANT_WORDS = re.compile(r"\b(?:militants?|terrorists?|insurgents?|ultras|jihadists?|rebels?)\b", re.I)


def merge_adjacent(actors: list[ActorMention]) -> list[ActorMention]:
    """One mention for a name and its head word: "M23 rebels", "FARDC soldiers", "ISWAP fighters"."""
    out: list[ActorMention] = []
    for a in actors:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in ("named", "state") and a.kind in ("armed", "state") \
                and 0 <= a.start - prev.end <= 2 and (a.kind == "armed" or prev.kind == "state"
                                                      or prev.inter in (STATE, EXTERNAL)):
            out[-1] = ActorMention(prev.name, prev.inter, prev.start, a.end, prev.kind, prev.home,
                                   prev.by_agent, prev.assoc, prev.role)
            continue
        out.append(a)
    return out
