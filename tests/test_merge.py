import pandas as pd

from schemas.columns import EVENT_COLUMNS, EVENT_MENTION_COLUMNS
from sitrep.merge import combine_source_scales, merge_mentions

RUSSIA = "Military Forces of Russia (2000-)"
CIVILIANS = "Civilians (Ukraine)"


def mention(**values) -> dict:
    row = {c: None for c in EVENT_COLUMNS}
    row.update({
        "event_id_cnty": "UKR1", "event_date": "2025-02-06", "year": 2025, "time_precision": 1,
        "disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": RUSSIA, "inter1": "External/Other forces",
        "actor2": CIVILIANS, "inter2": "Civilians", "interaction": "External/Other forces-Civilians",
        "iso": 804, "region": "Europe", "country": "Ukraine", "admin1": "Kharkiv", "location": "Kupiansk",
        "latitude": 49.7106, "longitude": 37.6156, "geo_precision": 1, "source": "Outlet A",
        "source_scale": "National",
        "notes": "On 6 February 2025, Russian forces shelled Kupiansk (Kharkiv). 3 civilians were killed.",
        "fatalities": 3, "timestamp": 1738900000, "article_id": "a1", "quote": "Shelling killed three.",
        "quote_start": 10, "quote_end": 32, "date_text": "on Thursday", "place_text": "Kupiansk",
        "fatalities_low": 3, "fatalities_high": 3, "confidence": 0.8, "coder_version": "1",
    })
    row.update(values)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=EVENT_COLUMNS)


def test_two_outlets_one_event():
    a = mention()
    b = mention(event_id_cnty="UKR2", article_id="b1", source="Outlet B", source_scale="International",
                timestamp=1738990000, quote_start=0, latitude=49.72, longitude=37.62, location="Kupyansk")
    result = merge_mentions(frame(b, a))  # input order must not matter
    assert len(result.events) == 1
    event = result.events.iloc[0]
    assert event["event_id_cnty"] == "UKR1"
    assert event["source"] == "Outlet A; Outlet B"
    assert event["source_scale"] == "National-International"
    assert list(result.events.columns) == EVENT_COLUMNS
    assert list(result.event_mentions.columns) == EVENT_MENTION_COLUMNS
    assert sorted(result.event_mentions["mention_id"]) == ["UKR1", "UKR2"]  # the mentions' provisional ids
    assert set(result.event_mentions["event_id_cnty"]) == {"UKR1"}


def test_different_places_and_days_stay_apart():
    a = mention()
    elsewhere = mention(event_id_cnty="UKR2", article_id="b1", location="Izium", latitude=49.2120,
                        longitude=37.2560)
    two_days_later = mention(event_id_cnty="UKR3", article_id="c1", event_date="2025-02-08")
    stated_next_day = mention(event_id_cnty="UKR4", article_id="d1", event_date="2025-02-07")
    result = merge_mentions(frame(a, elsewhere, two_days_later, stated_next_day))
    assert sorted(result.events["event_id_cnty"]) == ["UKR1", "UKR2", "UKR3", "UKR4"]


def test_late_report_without_stated_date_merges_with_previous_day():
    a = mention()
    late = mention(event_id_cnty="UKR2", article_id="b1", event_date="2025-02-07", date_text="",
                   timestamp=1738990000)
    assert len(merge_mentions(frame(a, late)).events) == 1


def test_same_article_mentions_stay_apart():
    a = mention()
    a_second = mention(event_id_cnty="UKR2", quote_start=200)
    assert len(merge_mentions(frame(a, a_second)).events) == 2


def test_unknown_actor_and_hierarchy_compatible_type_merge_to_higher_type():
    battle = mention(event_type="Battles", sub_event_type="Armed clash", actor2="Military Forces of Ukraine (2019-)",
                     inter2="State forces", interaction="State forces-External/Other forces")
    strike = mention(event_id_cnty="UKR2", article_id="b1", timestamp=1738990000,
                     actor1="Unidentified Military Forces", actor2="Military Forces of Ukraine (2019-)")
    result = merge_mentions(frame(strike, battle))
    assert len(result.events) == 1
    assert result.events.iloc[0]["event_type"] == "Battles"
    assert result.events.iloc[0]["actor1"] == RUSSIA


def test_different_named_actors_stay_apart():
    a = mention()
    b = mention(event_id_cnty="UKR2", article_id="b1", actor1="Military Forces of Ukraine (2019-)",
                actor2="Civilians (Russia)")
    assert len(merge_mentions(frame(a, b)).events) == 2


def test_lowest_fatality_wins_and_notes_follow():
    a = mention(fatalities=5, fatalities_low=5, fatalities_high=5,
                notes="On 6 February 2025, Russian forces shelled Kupiansk (Kharkiv). 5 civilians were killed.")
    b = mention(event_id_cnty="UKR2", article_id="b1", timestamp=1738990000, fatalities=3, fatalities_low=3,
                fatalities_high=3, quote="Three people died.")
    unknown = mention(event_id_cnty="UKR3", article_id="c1", timestamp=1738990500, fatalities=0,
                      notes="On 6 February 2025, shelling hit Kupiansk (Kharkiv). Casualties unknown.")
    event = merge_mentions(frame(a, b, unknown)).events.iloc[0]
    assert event["fatalities"] == 3
    assert event["notes"] == "On 6 February 2025, Russian forces shelled Kupiansk (Kharkiv). 3 civilians were killed."


def test_later_update_raises_the_toll():
    a = mention(fatalities=3)
    update = mention(event_id_cnty="UKR2", article_id="b1", timestamp=1739000000, fatalities=7, fatalities_low=7,
                     fatalities_high=7, quote="The death toll rose to seven.",
                     notes="On 6 February 2025, shelling hit Kupiansk (Kharkiv). 7 civilians were killed.")
    higher_no_update_word = mention(event_id_cnty="UKR3", article_id="c1", timestamp=1739000000, fatalities=9,
                                    quote="Nine were killed.")
    result = merge_mentions(frame(higher_no_update_word, update, a))
    event = result.events.iloc[0]
    assert event["fatalities"] == 7
    assert event["notes"].endswith("7 civilians were killed.")
    assert event["notes"].startswith("On 6 February 2025, Russian forces shelled")
    # each mention keeps its own figure in the link table
    assert sorted(result.event_mentions["fatalities"]) == [3, 7, 9]


def test_source_scale_rules():
    assert combine_source_scales(["National"]) == "National"
    assert combine_source_scales(["International", "National", "National"]) == "National-International"
    assert combine_source_scales(["National", "Other"]) == "Other-National"
    assert combine_source_scales(["Subnational-National", "International", "New media"]) == "New media-International"


def test_empty_input():
    result = merge_mentions(pd.DataFrame(columns=EVENT_COLUMNS))
    assert result.events.empty and list(result.events.columns) == EVENT_COLUMNS


def test_publication_times_order_the_mentions():
    a = mention(source="Outlet A", timestamp=1)
    b = mention(event_id_cnty="UKR2", article_id="b1", source="Outlet B", timestamp=1)
    result = merge_mentions(frame(a, b), published={"a1": "2025-02-07T10:00:00Z", "b1": "2025-02-07T08:00:00+00:00"})
    assert result.events.iloc[0]["event_id_cnty"] == "UKR2"
    assert result.events.iloc[0]["source"] == "Outlet B; Outlet A"
