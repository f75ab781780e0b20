import pandas as pd

from schemas.columns import DELETED_EVENT_COLUMNS
from sitrep.ids import assign_stable_ids, content_hash, load_registry, merge_key
from sitrep.merge import mention_key, merge_mentions
from sitrep.row_keys import content_hashes, mention_keys, merge_keys
from tests.test_merge import frame, mention

T0, T1, T2 = 1_700_000_000, 1_700_086_400, 1_700_172_800


def kupiansk(**values) -> dict:
    return mention(**{"event_id_cnty": "UKR9000001", **values})


def izium(**values) -> dict:
    base = dict(event_id_cnty="UKR9000002", article_id="z1", location="Izium", latitude=49.2120, longitude=37.2560,
                quote_start=5)
    return mention(**{**base, **values})


def run(rows: list[dict], registry, now: int):
    merged = merge_mentions(frame(*rows))
    return assign_stable_ids(merged.events, merged.event_mentions, registry, now)


def test_new_events_get_country_prefix_and_counter(tmp_path):
    result = run([kupiansk(), izium()], tmp_path, T0)
    assert sorted(result.events["event_id_cnty"]) == ["UKR1", "UKR2"]
    assert set(result.event_mentions["event_id_cnty"]) == {"UKR1", "UKR2"}
    assert (result.events["timestamp"] == T0).all()
    assert list(result.deleted.columns) == DELETED_EVENT_COLUMNS and result.deleted.empty


def test_rerun_keeps_ids_and_timestamps(tmp_path):
    first = run([kupiansk(), izium()], tmp_path, T0)
    again = run([izium(), kupiansk()], tmp_path, T1)
    pd.testing.assert_frame_equal(
        first.events.sort_values("event_id_cnty").reset_index(drop=True),
        again.events.sort_values("event_id_cnty").reset_index(drop=True))
    assert (again.events["timestamp"] == T0).all()


def test_changed_row_gets_new_timestamp_same_id(tmp_path):
    first = run([kupiansk(), izium()], tmp_path, T0)
    id_of = dict(zip(first.events["location"], first.events["event_id_cnty"], strict=True))
    again = run([kupiansk(fatalities=2, notes="On 6 February 2025, x. 2 civilians were killed."), izium()],
                tmp_path, T1)
    row = again.events.set_index("location")
    assert row.at["Kupiansk", "event_id_cnty"] == id_of["Kupiansk"]
    assert row.at["Kupiansk", "timestamp"] == T1
    assert row.at["Izium", "timestamp"] == T0


def test_new_mention_of_known_event_keeps_id(tmp_path):
    first = run([kupiansk()], tmp_path, T0)
    known_id = first.events.iloc[0]["event_id_cnty"]
    # A later article from another outlet, coded with a different provisional id.
    later = mention(event_id_cnty="UKR4242", article_id="b1", source="Outlet B", timestamp=1739000000)
    again = run([later, kupiansk()], tmp_path, T1)
    assert list(again.events["event_id_cnty"]) == [known_id]
    assert again.events.iloc[0]["source"] == "Outlet A; Outlet B"
    assert again.events.iloc[0]["timestamp"] == T1  # its source changed
    assert set(again.event_mentions["event_id_cnty"]) == {known_id}


def test_disappeared_event_leaves_tombstone_and_number_is_not_reused(tmp_path):
    run([kupiansk(), izium()], tmp_path, T0)
    again = run([kupiansk()], tmp_path, T1)
    assert list(again.events["event_id_cnty"]) == ["UKR1"]
    assert again.deleted.to_dict("records") == [
        {"event_id_cnty": "UKR2", "deleted_at": T1, "reason": "no longer coded by coder 1"}]
    third = run([kupiansk(), izium(location="Balakliia", latitude=49.4627, longitude=36.8586, article_id="q1")],
                tmp_path, T2)
    assert sorted(third.events["event_id_cnty"]) == ["UKR1", "UKR3"]
    assert third.deleted.to_dict("records") == [
        {"event_id_cnty": "UKR2", "deleted_at": T1, "reason": "no longer coded by coder 1"}]


def test_events_that_merge_leave_merged_into_tombstone(tmp_path):
    # Two articles first coded as different days (so separate events), then re-coded to the same day.
    a = kupiansk()
    b = mention(event_id_cnty="UKR9000003", article_id="b1", event_date="2025-02-04", timestamp=T0 + 10)
    first = run([a, b], tmp_path, T0)
    assert len(first.events) == 2
    again = run([a, {**b, "event_date": "2025-02-06"}], tmp_path, T1)
    assert list(again.events["event_id_cnty"]) == ["UKR1"]
    assert again.deleted.to_dict("records") == [{"event_id_cnty": "UKR2", "deleted_at": T1,
                                                 "reason": "merged into UKR1"}]


def test_fallback_to_merge_key_when_offsets_move(tmp_path):
    first = run([kupiansk()], tmp_path, T0)
    again = run([kupiansk(quote_start=99, quote_end=120)], tmp_path, T1)
    assert list(again.events["event_id_cnty"]) == list(first.events["event_id_cnty"])
    assert again.deleted.empty
    assert load_registry(tmp_path).iloc[0]["mention_keys"] == ["a1:99"]


def test_matching_uses_article_and_offset_not_provisional_ids(tmp_path):
    first = run([kupiansk(), izium()], tmp_path, T0)
    renumbered = run([kupiansk(event_id_cnty="UKR77"), izium(event_id_cnty="UKR55")], tmp_path, T1)
    assert dict(zip(renumbered.events["location"], renumbered.events["event_id_cnty"], strict=True)) == \
        dict(zip(first.events["location"], first.events["event_id_cnty"], strict=True))
    assert set(renumbered.event_mentions["mention_id"]) == {"UKR77", "UKR55"}
    assert renumbered.deleted.empty


def test_first_republish_after_a_night_keeps_ids_when_mentions_share_a_key(tmp_path):
    """The idempotence slip of issue 13: an article with two events coded from one sentence gives both mentions
    the same key (article:quote_start). After a night that merged one of them into a stored event, the old
    matching (only the lowest ID holding a key counted) renumbered events on the first re-publish."""
    stored = [mention(event_id_cnty="UKR900001", article_id="d1", quote_start=0, event_date="2025-02-01",
                      location="Izium", latitude=49.2120, longitude=37.2560, timestamp=1738000000),
              mention(event_id_cnty="UKR900002", article_id="d1", quote_start=0, event_date="2025-02-05",
                      timestamp=1738000000)]
    night = stored + [
        mention(event_id_cnty="UKR900003", article_id="c1", quote_start=0, event_date="2025-02-04",
                location="Balakliia", latitude=49.4627, longitude=36.8586, source="Outlet C", timestamp=1739000000),
        mention(event_id_cnty="UKR900004", article_id="c1", quote_start=0, event_date="2025-02-05",
                source="Outlet C", timestamp=1739000000)]
    run(stored, tmp_path, T0)
    published = run(night, tmp_path, T1)
    again = run(night, tmp_path, T2)
    assert sorted(zip(again.event_mentions["mention_id"], again.event_mentions["event_id_cnty"], strict=True)) == \
        sorted(zip(published.event_mentions["mention_id"], published.event_mentions["event_id_cnty"], strict=True))
    assert again.deleted.empty and (again.events["timestamp"] <= T1).all()


def test_column_wise_keys_equal_the_one_row_forms():
    rows = frame(kupiansk(), izium(quote_start=None, fatalities_low=None, latitude=49.21200001),
                 kupiansk(event_date="2025-02-07", notes="Ünïcode \"quoted\" notes.", iso=804.0))
    records = rows.to_dict("records")
    assert content_hashes(rows) == [content_hash(r) for r in records]
    assert merge_keys(rows) == [merge_key(r) for r in records]
    assert mention_keys(rows["article_id"], rows["quote_start"]).tolist() == \
        [mention_key(a, q) for a, q in zip(rows["article_id"], rows["quote_start"], strict=True)]


def test_scoped_assignment_keeps_rows_outside_the_scope_and_never_takes_a_frozen_id(tmp_path):
    first = run([kupiansk(), izium()], tmp_path, T0)
    ids = dict(zip(first.events["location"], first.events["event_id_cnty"], strict=True))
    # A touched event with Izium's merge key but new mentions: Izium's ID is published outside the scope.
    copy = izium(article_id="z9", event_id_cnty="UKR9000009", quote_start=77)
    merged = merge_mentions(frame(kupiansk(), copy))
    result = assign_stable_ids(merged.events, merged.event_mentions, tmp_path, T1, scope={ids["Kupiansk"]},
                               frozen=lambda rids: rids & {ids["Izium"]})
    got = dict(zip(result.events["article_id"], result.events["event_id_cnty"], strict=True))
    assert got["a1"] == ids["Kupiansk"] and got["z9"] not in ids.values()
    registry = load_registry(tmp_path).set_index("event_id_cnty")
    assert registry.at[ids["Izium"], "mention_keys"] == ["z1:5"] and pd.isna(registry.at[ids["Izium"], "deleted_at"])
    assert result.deleted.empty
