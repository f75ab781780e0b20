"""Date expressions → event dates, on sentences written for these tests."""

import datetime as dt

import pytest

from sitrep.coding.dates import DateMatch, event_date_for, find_dates

FRIDAY = dt.date(2025, 2, 7)      # publication date: Friday 7 February 2025
THURSDAY = dt.date(2025, 2, 6)


def only(sentence: str, published: dt.date = FRIDAY) -> DateMatch:
    found = find_dates(sentence, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("sentence, expected, text", [
    ("Shelling hit the town on 6 February 2025, officials said.", dt.date(2025, 2, 6), "6 February 2025"),
    ("Shelling hit the town on February 6, 2025.", dt.date(2025, 2, 6), "February 6, 2025"),
    ("Shelling hit the town on Feb. 6.", dt.date(2025, 2, 6), "Feb. 6"),
    ("Shelling hit the town on 6 Feb, officials said.", dt.date(2025, 2, 6), "6 Feb"),
    ("Report dated 2025-02-06.", dt.date(2025, 2, 6), "2025-02-06"),
    ("On 21 March 2020, a rally was held.", dt.date(2020, 3, 21), "21 March 2020"),
    ("Event of 9-May-20 in the capital.", dt.date(2020, 5, 9), "9-May-20"),
    ("The convoy was hit on the 6th, a witness said.", dt.date(2025, 2, 6), "on the 6th"),
])
def test_absolute_dates_are_exact_days(sentence, expected, text):
    found = only(sentence)
    assert (found.event_date, found.time_precision, found.text) == (expected, 1, text)
    assert sentence[found.start:found.end] == text


def test_a_month_without_year_is_the_latest_one_not_after_publication():
    assert only("Troops arrived on 20 December.").event_date == dt.date(2024, 12, 20)
    assert only("Troops arrived on 3 February.").event_date == dt.date(2025, 2, 3)


@pytest.mark.parametrize("sentence, published, expected", [
    ("Drones struck the depot on Thursday.", FRIDAY, dt.date(2025, 2, 6)),
    ("Drones struck the depot on Thursday.", THURSDAY, THURSDAY),          # never a week early
    ("Drones struck the depot on Monday night.", FRIDAY, dt.date(2025, 2, 3)),
    ("Drones struck the depot on Saturday.", FRIDAY, dt.date(2025, 2, 1)),
    ("Drones struck the depot last Friday.", FRIDAY, dt.date(2025, 1, 31)),
])
def test_weekdays_are_the_latest_such_day_on_or_before_publication(sentence, published, expected):
    found = only(sentence, published)
    assert (found.event_date, found.time_precision, found.is_background) == (expected, 1, False)


@pytest.mark.parametrize("sentence, expected", [
    ("Two people were killed yesterday.", dt.date(2025, 2, 6)),
    ("Two people were killed today.", FRIDAY),
    ("Two people were killed overnight.", dt.date(2025, 2, 6)),
    ("Two people were killed last night.", dt.date(2025, 2, 6)),
    ("Two people were killed two days ago.", dt.date(2025, 2, 5)),
])
def test_relative_days(sentence, expected):
    found = only(sentence)
    assert (found.event_date, found.time_precision) == (expected, 1)


def test_last_week_is_the_middle_of_last_week_at_precision_2():
    found = only("Clashes broke out last week.")
    assert (found.event_date, found.time_precision, found.is_background) == (dt.date(2025, 1, 30), 2, False)


def test_the_weekend_is_precision_2():
    found = only("Protests took place over the weekend.")
    assert (found.event_date, found.time_precision) == (dt.date(2025, 2, 1), 2)


@pytest.mark.parametrize("sentence, expected", [
    ("Fighting resumed between 3 and 5 February.", dt.date(2025, 2, 4)),
    ("Fighting resumed on 3-5 February.", dt.date(2025, 2, 4)),
    ("Fighting resumed on February 3-5, 2025.", dt.date(2025, 2, 4)),
])
def test_day_ranges_are_coded_to_their_middle(sentence, expected):
    found = only(sentence)
    assert (found.event_date, found.time_precision) == (expected, 2)


def test_months_are_precision_3_first_middle_or_last_day():
    assert (only("It began in early January.").event_date, only("It began in early January.").time_precision) == (
        dt.date(2025, 1, 1), 3)
    assert only("It began in late January.").event_date == dt.date(2025, 1, 31)
    assert only("It began in mid-January.").event_date == dt.date(2025, 1, 15)
    found = only("It began in January 2024.")
    assert (found.event_date, found.time_precision, found.is_background) == (dt.date(2024, 1, 15), 3, True)
    found = only("Arrests rose earlier this month.")
    assert found.time_precision == 3 and found.event_date.month == 2 and found.event_date <= FRIDAY


@pytest.mark.parametrize("sentence", [
    "The offensive began in August.",
    "Similar attacks happened last year.",
    "The conflict has continued since 2014.",
])
def test_background_expressions_are_found_and_marked(sentence):
    found = only(sentence)
    assert found.is_background
    assert found.time_precision == 3


def test_modal_may_and_march_are_not_months():
    assert find_dates("Protesters may march to the square.", FRIDAY) == []


def test_several_dates_come_in_text_order():
    found = find_dates("After fighting in August, the town fell on Thursday.", FRIDAY)
    assert [(m.text, m.is_background) for m in found] == [("in August", True), ("Thursday", False)]
    assert found[1].event_date == dt.date(2025, 2, 6)


def test_event_date_prefers_news_over_background():
    found = event_date_for("The town, taken in August 2024, was shelled on Thursday.", FRIDAY)
    assert (found.event_date, found.text) == (dt.date(2025, 2, 6), "Thursday")


def test_event_date_falls_back_to_previous_sentence_then_publication():
    previous = DateMatch(dt.date(2025, 2, 5), 1, "Wednesday", 10, 19)
    assert event_date_for("Two soldiers died.", FRIDAY, default=previous) == previous
    assert event_date_for("Two soldiers died.", FRIDAY) == DateMatch(FRIDAY, 1, "", 0, 0)


@pytest.mark.parametrize("sentence, precision", [
    ("On 23 February 2022, shelling hit the town.", 1),
    ("Around 23 February 2022 (as reported), a body was found.", 2),
    ("Around 23 February 2022 (week of), militias clashed.", 2),
    ("Around 23 February 2022 (between 22 February - 23 February), a man was killed.", 2),
    ("Around 15 February 2022 (month of), gang members killed a man.", 3),
])
def test_an_approximate_day_is_a_span(sentence, precision):
    first = find_dates(sentence, dt.date(2022, 4, 1))[0]
    assert (first.event_date, first.time_precision) == (
        dt.date(2022, 2, 15 if "month of" in sentence else 23), precision)


@pytest.mark.parametrize("sentence", ["In February 2022, farmers protested.", "Around February 2022, farmers protested."])
def test_a_month_is_coded_mid_month(sentence):
    first = find_dates(sentence, dt.date(2022, 4, 1))[0]
    assert (first.event_date, first.time_precision) == (dt.date(2022, 2, 15), 3)


def test_an_opening_full_date_is_not_background_however_old():
    published = dt.date(2022, 4, 1)
    assert not find_dates("Looting: On 3 February 2022, gunmen seized cattle.", published)[0].is_background
    assert find_dates("Gunmen seized cattle, as they had on 3 February 2022.", published)[0].is_background
