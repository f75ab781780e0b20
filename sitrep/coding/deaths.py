"""The deaths one sentence reports: victim lists around killing words ("killed a driver and his co-driver" → 2),
numbers with a killed kind outside those lists, and nothing for deaths of a cause or of another time.

The words come from the FigureLexicon (`lex`, figure_lexicon.toml); fatalities.py adds up an event's sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from sitrep.coding.figure_lexicon import FigureLexicon
from sitrep.coding.figures import CURRENCY_BEFORE, NOT_A_COUNT_AFTER, bounds, find_figures, number_value, qualifier_of

# "were (also) killed", "was shot in the head and killed": the subject is the dead.
PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+"
                         r"(?:(?:(?:\w+ly|also|all|both|later|then|each)\s+){0,2}|[\w\s,-]{0,40}?\band\s+)$", re.I)
POSSESSIVE_BODY = re.compile(r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?[\w-]+['’]s\s+(?:body|corpse|remains)\b", re.I)
CLAUSE_MARK = re.compile(r"[,;.]")
RELATIVE_TAIL = re.compile(r",\s*(?:[\w'-]+\s+){0,3}?(?:in|during|at|of)?\s*(?:which|whom|who|where)\b", re.I)
# Any word that can report a death; a sentence without one is skipped before the slower reading.
DEATH_CUE = re.compile(r"kill|dead|died|dies|death|fatal|bod(?:y|ies)|corpse|remains|perish|succumb|slain|lynch|"
                       r"behead|execut|massacr|murder|assassin|lost\s+(?:their|his|her)\s+li|drown|slaughter|toll|"
                       r"casualt", re.I)
SUICIDE_ACT = re.compile(r"detonat|blew|blast|explo|attack|struck|rammed|targeting|killing|killed", re.I)
# The attacker already among the dead: "including the bomber", "the bomber was also killed".
ATTACKER_COUNTED = re.compile(r"\b(?:including|among\s+them|as\s+well\s+as|and)\s+(?:the|a|two|both)\s+"
                              r"(?:suicide\s+)?(?:bombers?|attackers?|assailants?)\b|"
                              r"\b(?:bombers?|attackers?|assailants?)\s+(?:was|were)\s+(?:also\s+)?(?:killed|dead)|"
                              r"\b(?:not\s+)?including\s+the\s+(?:suicide\s+)?(?:bombers?|attackers?)\b", re.I)
LIST_SPLIT = re.compile(r",?\s+and\s+|\s+as\s+well\s+as\s+|\s+plus\s+|,\s*", re.I)
DETERMINER = re.compile(r"(?:a|an|the|his|her|their|another|one|him|he|she|its|these|those)\b", re.I)
OBJECT_STOP = re.compile(r"\s(?:in|at|on|near|during|while|when|after|before|as|from|with|by|for|who|whom|which|that|"
                         r"inside|outside|including|to|among|around|along|across|between|under|since|because|"
                         r"and\s+(?:injur|wound|abduct|kidnapp|arrest|burn|loot|destroy|set|took|stole)\w*)\b|[.;:(\[]",
                         re.I)
_VERB_WORDS = re.compile(r"\b(?:was|were|is|are|has|have|had|been|being|said|says|told|hit|shot|set|took|left|"
                         r"injur\w*|wound\w*|fought|ran|fled|saw|made|went|came|began|broke|struck|held|led|"
                         r"[a-z]{3,}ed)\b", re.I)


def _verbish(text: str, lex: FigureLexicon) -> bool:
    """Whether a phrase has a verb: a listed form or an -ed word that is not a listed adjective ("armed")."""
    return any(m.group(0).lower() not in lex.adjectives_ed for m in _VERB_WORDS.finditer(text))


RELATIVE = re.compile(r"\s+(?:[\w'-]+\s+){0,4}?(?:who|that|which)\s", re.I)
INCLUDING = re.compile(r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which)\b", re.I)
PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, start) for c in ",;.") + 1
    m = CLAUSE_MARK.search(text, end)
    return a, m.start() if m else len(text)


def _mask_background(text: str, lex: FigureLexicon) -> str:
    """Blank what belongs to a cause or to another time ("after a bus killed two", "by suicide")."""
    spans = []
    for m in lex.background.finditer(text):
        end = m.end()
        more = RELATIVE_TAIL.match(text, end)
        while more:  # "following the shooting in Uvalde, Texas, in which 19 were killed": all of it
            stop = CLAUSE_MARK.search(text, more.end())
            end = stop.start() if stop else len(text)
            more = RELATIVE_TAIL.match(text, end)
        spans.append((m.start(), end))
    spans += [_clause_around(text, m.start(), m.end()) for m in lex.not_violence.finditer(text)]
    spans += [_clause_around(text, m.start(), m.end()) for m in lex.past_time.finditer(text)]
    spans += [m.span() for m in PARENS.finditer(text)]
    return _blank(text, spans) if spans else text


class Count(NamedTuple):
    """A number of dead and the range it allows."""
    value: int
    low: int
    high: int


def _plus(a: Count, b: Count) -> Count:
    return Count(a.value + b.value, a.low + b.low, a.high + b.high)


class Victims(NamedTuple):
    """The dead a phrase names, and where it starts (or ends) in the text."""
    at: int
    count: Count  # type: ignore[assignment]  # the field shadows tuple.count, unused here


class _Group(NamedTuple):
    start: int
    end: int
    count: Count  # type: ignore[assignment]  # the field shadows tuple.count, unused here


IRREGULAR_PLURALS = frozenset({"men", "women", "children", "people", "police", "personnel"})


def _chunk_count(chunk: str, first: bool, lex: FigureLexicon) -> Count | None:
    """Deaths one conjunct names: "3 soldiers" → 3, "a councilman"/"him" → 1, "civilians" → 3, "cattle" → 0."""
    chunk = chunk.strip()
    if not chunk:
        return None
    q = lex.quantity.match(chunk)
    if lex.non_human_head.search(chunk) or (q and lex.non_human.match(chunk[q.end():])):
        return Count(0, 0, 0)
    q = lex.quantity.match(chunk)
    if q and (q.group("num") or q.group("vague")):
        if q.group("num"):
            value = number_value(q.group("num"), lex)
            if value is None:
                return None
            if q.group("num2") and not re.match(r"\s*and\b", chunk[q.end("num"):], re.I) \
                    or (q.group("qual") or "").strip().lower() == "between" and q.group("num2"):
                v2 = number_value(q.group("num2"), lex) or value
                return Count(min(value, v2), min(value, v2), max(value, v2))
            low, high = bounds(value, qualifier_of(q, lex))
            return Count(value, low, high)
        value = lex.vague_numbers[" ".join(q.group("vague").lower().split())]
        return Count(value, max(1, value // 3), value * 3)
    d = DETERMINER.match(chunk)
    if d:
        det = d.group(0).lower()
        words = chunk.split()
        head = words[-1].lower() if words else ""
        if det in ("the", "their", "these", "those", "his", "her") and len(words) > 1 and \
                (head.endswith("s") and not head.endswith(("ss", "us")) or head in IRREGULAR_PLURALS):
            return None  # "the victims", "their bodies": the dead counted where they were first reported
        return Count(1, 1, 1)
    if first and lex.plural_victims.match(chunk):
        return Count(3, 2, 10)
    return None


def _object_list(text: str, start: int, lex: FigureLexicon, bare_plural: bool = True) -> Victims | None:
    """The dead named after a killing verb or "the death of" at start, with the end of their list."""
    rest = lex.between_and.sub(_between_to, text[start:start + 200])
    total, end, n = Count(0, 0, 0), start, 0
    pos = 0
    for piece in LIST_SPLIT.split(rest):
        cut = OBJECT_STOP.search(" " + piece)
        body = piece[:max(0, cut.start() - 1)] if cut else piece
        found = _chunk_count(body, n == 0 and bare_plural, lex)
        if found is None or (n and _verbish(body, lex)):
            break
        total = _plus(total, found)
        n += 1
        idx = rest.find(piece, pos)
        pos = idx + len(piece)
        end = start + idx + len(body)
        if cut and not (cut.group(0).strip().lower() in PLACE_PREPOSITIONS and lex.numbered_next.match(rest, pos)):
            break  # "killed 8 civilians in X and 7 civilians in Y" goes on; "killed 3 in X, Y and Z" does not
    return Victims(end, total) if n else None


PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "on"})


CHAINED_PREDICATE = re.compile(r"\s+(?:was|were|had|has|have)\b[\w\s,]{0,40}?\band$", re.I)


def _between_to(m: re.Match[str]) -> str:
    return m.group(1) + " to ".ljust(len(m.group(2)))


def _subject_list(text: str, end: int, lex: FigureLexicon) -> Victims | None:
    """The dead named before "were killed" / "died" ending at end, with the start of their list."""
    left_from = max(text.rfind(c, 0, end) for c in ";:")
    left = lex.between_and.sub(_between_to, text[left_from + 1:end].rstrip(" ,"))
    chained = CHAINED_PREDICATE.search(left)
    if chained:
        left = left[:chained.start()]  # "a policeman was wounded and later died": the policeman
    # The conjuncts are the tail of the clause: walk back over "X, Y and Z" (a comma joins only inside a list
    # that an "and" closes, so "On 5 May, a soldier was killed" counts one).
    seps = list(LIST_SPLIT.finditer(left))
    bounds = [0] + [m.end() for m in seps]
    ends = [m.start() for m in seps] + [len(left)]
    counted: list[Victims] = []
    seen_and = False
    for i in range(len(bounds) - 1, -1, -1):
        piece = left[bounds[i]:ends[i]]
        if i == len(bounds) - 1 and INCLUDING.match(piece.strip()) and i:
            bounds, ends, seps = bounds[:i], ends[:i], seps[:i - 1] if i > 1 else []
            continue  # "Three gunmen, including their commander, were killed": three
        if i == len(bounds) - 1:
            found_at = _last_phrase(piece, lex)
            if found_at is None and i and "and" in seps[i - 1].group(0):
                # "a social welfare and development officer": the "and" was inside the phrase
                joined = _last_phrase(left[bounds[i - 1]:ends[i]], lex)
                if joined is not None:
                    return Victims(left_from + 1 + bounds[i - 1] + joined.at, joined.count)
            if found_at is None:
                return None
            counted.append(Victims(bounds[i] + found_at.at, found_at.count))
        else:
            sep = seps[i].group(0)
            if "," in sep and "and" not in sep and not seen_and:
                break
            if INCLUDING.match(piece.strip()):
                counted = []  # "eight people, including four policemen and a soldier": the parts are in the total
                continue
            if _verbish(piece, lex) or len(piece.split()) > 8:
                break
            found = _chunk_count(piece, False, lex)
            if found is None:
                break
            counted.append(Victims(bounds[i], found))
        if i and "and" in seps[i - 1].group(0) or i and "as well" in seps[i - 1].group(0):
            seen_and = True
    if not counted:
        return None
    return Victims(left_from + 1 + min(v.at for v in counted), Count(
        sum(v.count.value for v in counted), sum(v.count.low for v in counted), sum(v.count.high for v in counted)))


def _last_phrase(piece: str, lex: FigureLexicon) -> Victims | None:
    """The victim phrase that ends a clause: its last number ("both of the civilians", "at least 8 people"),
    else its first determiner phrase without a verb ("on Monday a soldier"), else a bare plural."""
    quantities = [m for m in lex.quantity.finditer(piece) if (m.group("num") or m.group("vague"))
                  and len(piece[m.start():].split()) <= 16 and not CURRENCY_BEFORE.search(piece, 0, m.start())
                  and not NOT_A_COUNT_AFTER.match(piece, m.end())
                  and (not _verbish(piece[m.end():], lex) or RELATIVE.match(piece, m.end()))]
    for m in reversed(quantities):
        found = _chunk_count(piece[m.start():], True, lex)
        if found is not None:
            return Victims(m.start(), found)
    for m in re.finditer(rf"(?<![\w-]){DETERMINER.pattern}", piece, re.I):
        rest = piece[m.start():]
        if len(rest.split()) <= 12 and not _verbish(rest[len(m.group(0)):], lex):
            found = _chunk_count(rest, True, lex)
            if found is not None:
                return Victims(m.start(), found)
    bare = lex.bare_plural.search(piece)
    if bare:
        return Victims(bare.start(), Count(3, 2, 10))
    return None


@dataclass(frozen=True)
class Deaths:
    value: int
    low: int
    high: int
    start: int  # span of the first victim phrase, where an "also"/"another" would sit
    end: int


def sentence_deaths(text: str, lex: FigureLexicon) -> Deaths | None:
    """The deaths one sentence reports, or None when it reports none.

    Victim lists around killing words are counted ("killed a driver and his co-driver" → 2); numbers with a
    killed kind outside those lists are added; deaths of a cause or of another time are left out."""
    if not DEATH_CUE.search(text) or lex.running_total.search(text):
        return None
    masked = _mask_background(text, lex)
    groups: list[_Group] = []

    def add(start: int, end: int, count: Count) -> None:
        if any(not (end <= g.start or start >= g.end) for g in groups):
            return
        groups.append(_Group(start, end, count))

    active_spans: list[tuple[int, int]] = []
    for m in lex.active_kill.finditer(masked):
        before = masked[max(0, m.start() - 60):m.start()]
        if ADJECTIVE_BEFORE.search(before):
            continue  # "relatives of killed soldiers": who they are, not a death reported here
        aux = PASSIVE_AUX.search(before)
        if aux or re.match(r"\s+by\b", masked[m.end():]):
            cut = m.start() - len(before) + (aux.start() if aux else len(before))
            found = _subject_list(masked, cut, lex)
            if found:
                add(found.at, m.end(), found.count)
            continue
        if re.match(r"\s+of\b", masked[m.end():]):
            continue  # "the killing of 3 people": a noun, read below
        found_o = _object_list(masked, m.end() + 1, lex)
        if found_o:
            active_spans.append(m.span())
            add(m.end(), found_o.at, found_o.count)
    for m in lex.intransitive.finditer(masked):
        if any(a <= m.start() < b for a, b in active_spans):
            continue  # "shot dead a trader": the object counted, not the shooters
        before = masked[max(0, m.start() - 30):m.start()]
        aux = re.search(r"\b(?:was|were|been|being|is|are|had|have|has|later|subsequently|reportedly|also|"
                        r"then|all|both|eventually|immediately)\s+(?:(?:\w+ly|later|also|then)\s+)*$", before, re.I)
        cut = m.start() - len(before) + aux.start() if aux else m.start()
        found = _subject_list(masked, cut, lex)
        if found:
            add(found.at, m.end(), found.count)
    for m in lex.nominal_of.finditer(masked):
        found_o = _object_list(masked, m.end(), lex, bare_plural=False)
        if found_o:
            add(m.start(), found_o.at, found_o.count)
    for m in POSSESSIVE_BODY.finditer(masked):
        add(m.start(), m.end(), Count(1, 1, 1))
    for f in find_figures(masked, lex):
        if f.kind == "killed":
            add(f.start, f.end, Count(f.value, f.low, f.high))
    if not groups:
        unknown = UNKNOWN_DEATHS.search(masked)
        if unknown:
            return Deaths(3, 1, 100, unknown.start(), unknown.end())
        return None
    groups.sort()
    total = groups[0].count
    for prev, g in zip(groups, groups[1:], strict=False):
        if CLAIM_BETWEEN.search(masked, prev.end, g.start):
            if g.count.value < total.value:  # "four were killed; the police say two were killed": the lowest
                total = g.count
        else:
            total = _plus(total, g.count)
    value, low, high = total
    if ZERO_DEATHS.search(masked):
        value = low = 0  # "no casualties, while one source claimed 70 were killed": the lowest
    return Deaths(value, low, high, groups[0].start, groups[0].end)


ADJECTIVE_BEFORE = re.compile(r"\b(?:of|the|for|with)\s+$", re.I)
CLAIM_BETWEEN = re.compile(r"\b(?:claim(?:s|ed)?|sa(?:id|ys)|report(?:s|ed)?|according\s+to|stated|alleged(?:ly)?|"
                           r"while\s+(?:other|another|one)\s+sources?)\b", re.I)


UNKNOWN_DEATHS = re.compile(
    r"\b(?:killing|killed|kills)\s+(?:and\s+(?:injuring|wounding)\s+)?(?:an\s+)?(?:unknown|unspecified)\s+number|"
    r"\b(?:unknown|unspecified)\s+number\s+of\s+(?:deaths|fatalities|dead)|"
    r"\b(?:killing|killed)\s+and\s+(?:injuring|wounding)\s+(?:an\s+)?unknown", re.I)

ZERO_DEATHS = re.compile(
    r"\b(?:(?:no|zero)\s+(?!other|further|more|additional)(?:\w+\s+)?"
    r"(?:fatalities|deaths|casualties|one\s+(?:was|were)\s+killed|lives\s+were\s+lost)|"
    r"no\s+one\s+(?:was|were)\s+(?:killed|hurt|injured)|nobody\s+(?:was|were)\s+killed|"
    r"(?:there\s+were|with|caused|causing|resulting\s+in)\s+no\s+(?!other|further|more|additional)(?:\w+\s+)?"
    r"(?:fatalities|deaths|casualties))\b",
    re.I)
