"""Event mentions (one coded row per article and event) → events (one row per real event).

Articles from different outlets often report the same event; ACLED codes it once and lists every outlet in
`source`. Two mentions from different articles are the same event when all of these hold:

- date: the same event_date, or adjacent days when the later-dated mention's day was not stated in its text
  (empty date_text: the coder fell back to the publication date, so a late report lands a day late);
- place: the same country and either within MAX_DISTANCE_KM of each other or the same location and admin1;
- type: the same event_type, or a pair in COMPATIBLE_EVENT_TYPES (ACLED's hierarchy folds an air strike
  during a battle into the battle, a protest that turns violent into the riot);
- actors: the same actor1/actor2 set, each side equal or unknown (empty or "Unidentified …") in one of them.

A mention joins the earliest-created event it is compatible with in every member; an event never holds two
mentions of one article, because mentions the coder kept apart within an article are distinct events.
Mentions are visited in publication order (see `mention_order`), so the result does not depend on the order
of the input rows.

Merged row:
- date, place, notes body, quote and offsets, provisional event_id_cnty: the first mention's;
- event type, sub-event type, disorder, actors and inter codes: the mention with the highest-ranked event type
  (schemas.acled.EVENT_TYPE_RANK), then the one with the fewest unknown actors, then the first;
- source: outlets joined by "; ", unique, first seen first; source_scale: see `combine_source_scales`;
- fatalities: see `merged_fatalities`; the notes' last sentence (the fatality statement) is taken from the
  mention whose figure won.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from schemas.acled import EVENT_TYPE_RANK
from schemas.columns import EVENT_COLUMNS, EVENT_MENTION_COLUMNS
from sitrep.geo import haversine_km

MAX_DISTANCE_KM = 5.0

# Event types that ACLED folds into one event when they share actors, place and day.
COMPATIBLE_EVENT_TYPES: frozenset[frozenset[str]] = frozenset({
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Protests", "Riots"}),
    frozenset({"Violence against civilians", "Explosions/Remote violence"}),
})

# ACLED writes a two-scale source_scale with the narrower/less formal scale first ("Local partner-Other",
# "Other-New media", "New media-National", "Subnational-National", "National-International").
SOURCE_SCALE_ORDER: list[str] = [
    "Local partner", "Other", "New media", "Subnational", "National", "Regional", "International",
]

# Words that mark a report as an update of an earlier toll rather than a competing count.
UPDATE_WORDS = re.compile(
    r"\b(rose|risen|rises|rising|climbed|climbs|increased|increases|updated|revised|jumped|reached|now stands"
    r"|has grown|grew|mounted)\b|\bdeath toll\b.*\b(to|at)\b",
    re.IGNORECASE,
)

UNKNOWN_ACTOR = re.compile(r"^\s*$|\bunidentified\b|^unknown\b", re.IGNORECASE)


@dataclass(frozen=True)
class MergeResult:
    events: pd.DataFrame          # EVENT_COLUMNS, one row per real event
    event_mentions: pd.DataFrame  # EVENT_MENTION_COLUMNS, one row per mention


def mention_key(article_id: object, quote_start: Any) -> str:
    """What identifies a mention across reruns and coder releases: its article and where its quote starts.
    (mention_id in event_mentions is the coder's provisional per-mention ID, which figures point at.)"""
    start = "" if _missing(quote_start) else str(int(quote_start))
    return f"{article_id}:{start}"


def merge_mentions(mentions: pd.DataFrame, published: Mapping[str, object] | None = None) -> MergeResult:
    """Merge mentions of the same event from different articles into one event row each.

    `mentions` has EVENT_COLUMNS (extra columns are dropped). Mentions are ordered by their article's
    publication time: `published` (article_id → ISO date/datetime), else a `published` column, else the
    row's `timestamp`."""
    if mentions.empty:
        return MergeResult(pd.DataFrame(columns=EVENT_COLUMNS), pd.DataFrame(columns=EVENT_MENTION_COLUMNS))
    if published is not None:
        mentions = mentions.assign(published=mentions["article_id"].map(lambda a: published.get(a)))
    ordered = mention_order(mentions)
    rows = ordered.to_dict("records")
    clusters: list[list[dict]] = []
    # Only clusters of the same country within a day can match: index them by (country, day) for speed.
    by_day: dict[tuple[str, date | None], list[int]] = {}
    for row in rows:
        day = _day(row["event_date"])
        near = sorted({n for d in _days_around(day) for n in by_day.get((_text(row.get("country")), d), [])})
        for n in near:
            if all(row["article_id"] != m["article_id"] and same_event(row, m) for m in clusters[n]):
                clusters[n].append(row)
                break
        else:
            clusters.append([row])
            n = len(clusters) - 1
        by_day.setdefault((_text(row.get("country")), day), []).append(n)
    events = pd.DataFrame([merged_event(c) for c in clusters], columns=EVENT_COLUMNS)
    links = pd.DataFrame(
        [mention_link(c[0]["event_id_cnty"], m) for c in clusters for m in c], columns=EVENT_MENTION_COLUMNS)
    return MergeResult(events.reset_index(drop=True), links.reset_index(drop=True))


def mention_order(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions sorted by article publication (published, else timestamp), article_id, quote_start."""
    frame = mentions.copy()
    published = frame["published"] if "published" in frame else pd.Series("", index=frame.index)
    frame["_published"] = [_published_key(p, t) for p, t in zip(published, frame["timestamp"], strict=True)]
    frame["_start"] = pd.to_numeric(frame["quote_start"], errors="coerce").fillna(-1)
    frame = frame.sort_values(["_published", "article_id", "_start", "event_id_cnty"], kind="mergesort")
    return frame.reset_index(drop=True)


def same_event(a: dict, b: dict) -> bool:
    return same_time(a, b) and same_place(a, b) and compatible_types(a, b) and compatible_actors(a, b)


def same_time(a: dict, b: dict) -> bool:
    da, db = _day(a["event_date"]), _day(b["event_date"])
    if da is None or db is None:
        return False
    gap = (db - da).days
    if gap == 0:
        return True
    if abs(gap) != 1:
        return False
    later = b if gap > 0 else a
    return _missing(later.get("date_text")) or not str(later.get("date_text")).strip()


def same_place(a: dict, b: dict) -> bool:
    if _text(a.get("country")) != _text(b.get("country")):
        return False
    if _text(a.get("location")) and _text(a.get("location")) == _text(b.get("location")) \
            and _text(a.get("admin1")) == _text(b.get("admin1")):
        return True
    coords: list[Any] = [a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude")]
    if any(_missing(c) for c in coords):
        return False
    return haversine_km(*(float(c) for c in coords)) <= MAX_DISTANCE_KM


def compatible_types(a: dict, b: dict) -> bool:
    ta, tb = a["event_type"], b["event_type"]
    return ta == tb or frozenset({ta, tb}) in COMPATIBLE_EVENT_TYPES


def compatible_actors(a: dict, b: dict) -> bool:
    """Same actor set, each side equal or unknown in one of the two (actors may be listed either way round)."""
    pa = (_text(a.get("actor1")), _text(a.get("actor2")))
    pb = (_text(b.get("actor1")), _text(b.get("actor2")))
    return _sides_match(pa, pb) or _sides_match(pa, pb[::-1])


def combine_source_scales(scales: list[str | None]) -> str:
    """ACLED's combined source_scale: one scale as is, two joined by "-" in SOURCE_SCALE_ORDER; with more than
    two, the narrowest and the widest of them (ACLED never writes three)."""
    found: list[str] = []
    for value in scales:
        for part in str(value or "").split("-"):
            part = part.strip()
            if part and part not in found:
                found.append(part)
    rank = {s: i for i, s in enumerate(SOURCE_SCALE_ORDER)}
    # Scales outside ACLED's list (a typo in a source's config) go last, in first-seen order.
    ordered = sorted(found, key=lambda s: (rank.get(s, len(rank)), found.index(s)))
    if len(ordered) > 2:
        ordered = [ordered[0], ordered[-1]]
    return "-".join(ordered)


def merged_fatalities(mentions: list[dict]) -> dict:
    """The mention whose figure counts. Reports without a figure ("Casualties unknown.") do not compete.

    The lowest reported figure wins (codebook: when sources disagree, take the lowest), unless a later report
    updates the toll: a mention published strictly later than the first report, with a higher figure than every
    report published before it, and an update word in its quote ("rose to", "death toll climbed"). Then the
    latest such update wins (the lowest of them when several share its publication time)."""
    reporting = [m for m in mentions if reports_fatalities(m)]
    if not reporting:
        return mentions[0]
    updates = []
    for m in reporting:
        earlier = [r for r in reporting if r["_published"] < m["_published"]]
        if earlier and _int(m["fatalities"]) > max(_int(r["fatalities"]) for r in earlier) \
                and UPDATE_WORDS.search(str(m.get("quote") or "")):
            updates.append(m)
    if updates:
        latest = max(u["_published"] for u in updates)
        return min((u for u in updates if u["_published"] == latest), key=lambda u: _int(u["fatalities"]))
    return min(reporting, key=lambda m: _int(m["fatalities"]))  # min keeps the first of equal figures


def reports_fatalities(mention: dict) -> bool:
    """Whether the mention states a death toll: a positive figure, or an explicit zero ("no one was killed")."""
    if _int(mention.get("fatalities")) > 0:
        return True
    return "casualties unknown" not in str(mention.get("notes") or "").lower()


def merged_event(cluster: list[dict]) -> dict:
    first = cluster[0]
    event = {c: first.get(c) for c in EVENT_COLUMNS}
    leader = min(cluster, key=lambda m: (EVENT_TYPE_RANK.get(m["event_type"], 99), _unknown_actors(m)))
    for column in ("disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
                   "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting"):
        event[column] = leader.get(column)
    outlets: list[str] = []
    for m in cluster:
        for outlet in str(m.get("source") or "").split(";"):
            if outlet.strip() and outlet.strip() not in outlets:
                outlets.append(outlet.strip())
    event["source"] = "; ".join(outlets)
    event["source_scale"] = combine_source_scales([m.get("source_scale") for m in cluster])
    counted = merged_fatalities(cluster)
    event["fatalities"] = counted.get("fatalities")
    event["fatalities_low"] = counted.get("fatalities_low")
    event["fatalities_high"] = counted.get("fatalities_high")
    if counted is not first:
        event["notes"] = with_fatality_statement(first.get("notes"), counted.get("notes"))
    event["confidence"] = max((m["confidence"] for m in cluster if not _missing(m.get("confidence"))),
                              default=first.get("confidence"))
    return event


def with_fatality_statement(notes: object, donor_notes: object) -> str:
    """`notes` with its last sentence (the fatality statement) replaced by the last sentence of `donor_notes`."""
    body, _ = _split_last_sentence(str(notes or ""))
    _, statement = _split_last_sentence(str(donor_notes or ""))
    return f"{body} {statement}".strip()


def mention_link(event_id: str, m: dict) -> dict:
    return {
        "event_id_cnty": event_id, "mention_id": m["event_id_cnty"],
        "article_id": m["article_id"], "outlet": m.get("source"), "quote": m.get("quote"),
        "quote_start": m.get("quote_start"), "quote_end": m.get("quote_end"), "event_date": m.get("event_date"),
        "fatalities": m.get("fatalities"),
    }


def _split_last_sentence(text: str) -> tuple[str, str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text.strip())
    if len(parts) < 2:
        return "", text.strip()
    return " ".join(parts[:-1]), parts[-1]


def _sides_match(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return all(x == y or _is_unknown(x) or _is_unknown(y) for x, y in zip(a, b, strict=False))


def _unknown_actors(m: dict) -> int:
    return sum(_is_unknown(_text(m.get(c))) for c in ("actor1", "actor2"))


def _is_unknown(actor: str) -> bool:
    return bool(UNKNOWN_ACTOR.search(actor))


def _published_key(published: object, timestamp: object) -> str:
    """A sortable UTC ISO string for the article's publication (falls back to the row's Unix timestamp)."""
    for value, unit in ((published, None), (timestamp, "s")):
        if _missing(value) or value == "":
            continue
        try:
            moment = pd.Timestamp(value, unit=unit) if unit else pd.Timestamp(value)
        except (ValueError, TypeError):
            continue
        moment = moment.tz_localize("UTC") if moment.tzinfo is None else moment.tz_convert("UTC")
        return moment.isoformat()
    return ""


def _days_around(day: date | None) -> list[date | None]:
    return [day] if day is None else [day - timedelta(days=1), day, day + timedelta(days=1)]


def _day(value: object) -> date | None:
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT


def _text(value: object) -> str:
    return "" if _missing(value) else str(value).strip().lower()


def _int(value: Any) -> int:
    return 0 if _missing(value) else int(value)
