import pandas as pd

from schemas.columns import DELETED_EVENT_COLUMNS
from sitrep.ids import assign_stable_ids, load_registry
from sitrep.merge import merge_mentions
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
