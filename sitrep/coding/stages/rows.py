"""Rows: the event rows (EVENT_COLUMNS) of the document's scenes and the figure rows (FIGURE_COLUMNS) of its
sentences, each figure tied to the first event whose sentences hold it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from schemas.acled import EVENT_TYPE_OF, disorder_type_for, interaction_for
from sitrep.coding.document import Document, Mention, Scene
from sitrep.coding.figures import Figure, find_figures
from sitrep.coding.notes import note_for
from sitrep.coding.resources import CoderResources
from sitrep.coding.sentences import Sentence
from sitrep.coding.stages.merge import NO_PLACE
from sitrep.coding.version import CODER_VERSION

CROWD_SIZE = re.compile(r"\b(?:(?P<qual>about|around|some|nearly|over|more\s+than|at\s+least|up\s+to)\s+)?"
                        r"(?P<n>\d[\d,]*)\s+(?:people|protesters|demonstrators|residents|workers|students|"
                        r"farmers|supporters|activists|individuals|persons|members|teachers|women)\b", re.I)
SIZE_TAG = re.compile(r"\[size=([^\]]+)\]")


def hash_digits(*parts: Any, digits: int = 6) -> str:
    h = hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return str(int(h[:12], 16) % 10 ** digits).zfill(digits)


def timestamp(article: Mapping[str, Any], published: date) -> int:
    fetched = article.get("fetched_at")
    if fetched:
        try:
            dt = datetime.fromisoformat(str(fetched).replace("Z", "+00:00"))
            return int((dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp())
        except ValueError:
            pass
    return int(datetime(published.year, published.month, published.day, tzinfo=UTC).timestamp())


def tags(m: Mention, etype: str, text: str) -> str:
    if etype not in ("Protests", "Riots"):
        return ""
    joined = " ".join(s.text for s in m.sentences)
    tag = SIZE_TAG.search(text)
    if tag:
        return f"crowd size={tag.group(1).strip()}"
    size = CROWD_SIZE.search(joined)
    if size:
        qual = (size.group("qual") or "").lower()
        word = {"about": "around", "some": "around", "nearly": "around", "over": "more than"}.get(qual, qual)
        return f"crowd size={(word + ' ') if word else ''}{size.group('n').replace(',', '')}"
    return "crowd size=no report"


def confidence(m: Mention, events_in_article: int) -> float:
    """How sure the coder is that this row is a real event, rightly typed, placed and dated (0..1).

    Weighted evidence, strongest first: where the place came from (the event's own sentence naming the town
    itself, "near" it, or only a region; or only the article's main place), the trigger's strength (lexicon
    priority), whether the date was stated and to the day, and whether the
    article reports this event alone (rows of a many-event article are more often split or placed wrongly)."""
    trigger = min(m.trigger.priority, 60) / 60  # a note's type prefix says what, not where: no extra weight
    if m.place is None or m.place is NO_PLACE:
        place = 0.0
    elif m.place_text:
        place = {1: 1.0, 2: 0.6}.get(int(m.geo_precision or m.place.geo_precision), 0.25)
    else:
        place = 0.15  # borrowed from the article's main place
    day = 0.0 if not m.date_text else (1.0 if m.time_precision == 1 else 0.6)
    alone = 1.0 if events_in_article <= 1 else 0.3
    score = 0.1 + 0.4 * place + 0.2 * trigger + 0.15 * day + 0.15 * alone
    return round(min(max(score, 0.05), 0.99), 2)


def event_row(doc: Document, scene: Scene, event_id: str, n_scenes: int) -> dict[str, Any]:
    m, sub, roles, fat = scene.event, scene.sub_event_type, scene.roles, scene.fatalities
    assert m.place is not None and roles is not None and fat is not None
    etype = EVENT_TYPE_OF[sub]
    first = m.sentences[0]
    quote = doc.text[first.start:first.end]
    outlet = str(doc.article.get("outlet") or "")
    return {
        "event_id_cnty": event_id,
        "event_date": m.event_date.isoformat(),
        "year": m.event_date.year,
        "time_precision": m.time_precision,
        "disorder_type": disorder_type_for(etype, sub),
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": roles.actor1, "assoc_actor_1": roles.assoc1, "inter1": roles.inter1,
        "actor2": roles.actor2, "assoc_actor_2": roles.assoc2, "inter2": roles.inter2,
        "interaction": interaction_for(roles.inter1, roles.inter2 or None),
        "civilian_targeting": "Civilian targeting" if roles.inter2 == "Civilians" and etype != "Riots" or
                              (roles.inter2 == "Civilians" and sub == "Mob violence") else "",
        "iso": int(m.place.iso), "region": m.place.region, "country": m.place.country,
        "admin1": m.place.admin1, "admin2": m.place.admin2, "admin3": m.place.admin3,
        "location": m.place.location,
        "latitude": round(float(m.place.latitude), 4), "longitude": round(float(m.place.longitude), 4),
        "geo_precision": int(m.geo_precision or m.place.geo_precision),
        "source": outlet, "source_scale": str(doc.article.get("source_scale") or "") or "Other",
        "notes": note_for(m.event_date, m.time_precision, quote, m.place.location, m.place.admin1, fat.value,
                          fat.known),
        "fatalities": int(fat.value),
        "tags": tags(m, etype, doc.text),
        "timestamp": timestamp(doc.article, doc.published),
        "article_id": doc.article_id,
        "quote": quote, "quote_start": first.start, "quote_end": first.end,
        "date_text": m.date_text, "place_text": m.place_text,
        "fatalities_low": int(fat.low), "fatalities_high": int(max(fat.high, fat.value)),
        "confidence": confidence(m, n_scenes),
        "coder_version": CODER_VERSION,
    }


def figure_row(article_id: str, s: Sentence, f: Figure, event_id: str, text: str) -> dict[str, Any]:
    start = s.start + f.start
    return {
        "figure_id": "F" + hash_digits(article_id, start, f.kind, digits=12),
        "article_id": article_id, "event_id_cnty": event_id, "kind": f.kind, "value": int(f.value),
        "low": int(f.low), "high": int(f.high), "qualifier": f.qualifier or "", "reported_by": f.reported_by,
        "quote": text[s.start:s.end], "quote_start": s.start, "quote_end": s.end, "coder_version": CODER_VERSION,
    }


class Rows:
    name = "rows"

    def __init__(self, resources: CoderResources) -> None:
        self.lex = resources.figures

    def __call__(self, doc: Document) -> Document:
        event_of_sentence: dict[int, str] = {}  # sentence start → the first event holding it
        doc.event_rows = []
        for scene in doc.scenes:
            m = scene.event
            if m.place is None:
                continue
            where = [m.place.location] if scene.parts > 1 else []  # keeps ids of single-place events as they were
            event_id = (m.place.iso3 or "XXX") + hash_digits(doc.article_id, m.sentences[0].start,
                                                             scene.sub_event_type, *where)
            for s in m.sentences:
                event_of_sentence.setdefault(s.start, event_id)
            doc.event_rows.append(event_row(doc, scene, event_id, len(doc.scenes)))
        doc.figure_rows = [figure_row(doc.article_id, s, f, event_of_sentence.get(s.start, ""), doc.text)
                           for s in doc.sentences for f in find_figures(s.text, self.lex)]
        return doc
