"""Date expressions → event dates, on sentences written for these tests."""

import datetime as dt

import pytest

from sitrep.coding.date_patterns import DateMatch
from sitrep.coding.dates import EventDate, find_dates, new_event_date, sentence_date

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
    found = sentence_date("The town, taken in August 2024, was shelled on Thursday.", FRIDAY, None)
    assert (found.day, found.text, found.background) == (dt.date(2025, 2, 6), "Thursday", False)


def test_a_reporting_date_stands_only_when_no_other_is_given():
    found = sentence_date("The governor said on Thursday that troops shelled the town on Wednesday.", FRIDAY, None)
    assert (found.day, found.text, found.reporting) == (dt.date(2025, 2, 5), "Wednesday", False)
    found = sentence_date("Troops shelled the town, the governor said on Thursday.", FRIDAY, None)
    assert (found.day, found.own_text, found.reporting) == (THURSDAY, "", True)


def test_new_event_date_falls_back_to_the_event_before_then_the_last_stated_day_then_publication():
    wednesday = EventDate(dt.date(2025, 2, 5), 1, "Wednesday")
    undated = sentence_date("Two soldiers died.", FRIDAY, None)
    assert new_event_date(undated, wednesday, FRIDAY) == EventDate(wednesday.day, 1, "")
    assert new_event_date(undated, None, FRIDAY) == EventDate(FRIDAY, 1, "")
    carried = sentence_date("Two soldiers died.", FRIDAY, None, carried=wednesday)
    assert new_event_date(carried, None, FRIDAY) == EventDate(wednesday.day, 1, "")


def test_the_following_day_counts_from_the_event_before():
    found = sentence_date("The following day, troops shelled the town.", FRIDAY, None)
    assert new_event_date(found, EventDate(dt.date(2025, 2, 5), 1, "Wednesday"), FRIDAY) == \
        EventDate(THURSDAY, 1, "The following day")
    assert new_event_date(found, EventDate(FRIDAY, 1, "Friday"), FRIDAY) is None  # after publication


def test_a_day_after_publication_without_a_year_is_no_event_yet():
    assert sentence_date("Troops shelled the town on 9-Feb-25.", FRIDAY, None).future is True
    assert sentence_date("Troops shelled the town on 9 February 2025.", FRIDAY, None).future is False  # year stated


@pytest.mark.parametrize("sentence, precision", [
    ("On 23 February 2022, shelling hit the town.", 1),
    ("Around 23 February 2022 (as reported), fishermen found a corpse.", 2),
    ("Around 23 February 2022 (week of), militias clashed.", 2),
    ("Around 23 February 2022 (between 22 February - 23 February), a man was killed.", 2),
    ("Around 15 February 2022 (month of), gang members killed a man.", 3),
])
def test_an_approximate_day_is_a_span(sentence, precision):
    first = find_dates(sentence, dt.date(2022, 4, 1))[0]
    assert (first.event_date, first.time_precision) == (
        dt.date(2022, 2, 15 if "month of" in sentence else 23), precision)


@pytest.mark.parametrize("sentence", ["In February 2022, farmers protested.",
                                      "Around February 2022, farmers protested."])
def test_a_month_is_coded_mid_month(sentence):
    first = find_dates(sentence, dt.date(2022, 4, 1))[0]
    assert (first.event_date, first.time_precision) == (dt.date(2022, 2, 15), 3)


def test_an_opening_full_date_is_not_background_however_old():
    published = dt.date(2022, 4, 1)
    assert not find_dates("Looting: On 3 February 2022, gunmen seized cattle.", published)[0].is_background
    assert find_dates("Gunmen seized cattle, as they had on 3 February 2022.", published)[0].is_background


# ------------------------------------------------------------------ background by cue or main date, not by age

from sitrep.coding.dates import MainDate, article_main_date  # noqa: E402

NEW_YEAR = dt.date(2020, 1, 1)   # a loader's neutral publication date, long after the events


@pytest.mark.parametrize("sentence", [
    "Militants attacked a checkpoint on 9 October 2017, leaving seven dead.",
    "A car bomb exploded outside the hotel on 25 January.",
    "Fighters attacked the camp on the night of 22 April.",
    "Police arrested the student on the 3rd, a relative said.",
])
def test_an_old_date_alone_is_not_background(sentence):
    assert not any(m.is_background for m in find_dates(sentence, NEW_YEAR))
    assert not sentence_date(sentence, NEW_YEAR, None).background


@pytest.mark.parametrize("sentence, text", [
    ("The region has seen no fighting since 3 March 2019.", "3 March 2019"),
    ("Fighters shelled the base, as they had on 12 May.", "12 May"),
    ("The bridge, which had been blown up on 4 June, was repaired.", "4 June"),
    ("Rebels had previously attacked the town on 2 April.", "2 April"),
    ("Losses in August's offensive were heavy.", "in August"),
    ("The uprising that started in early June goes on.", "early June"),
])
def test_words_make_a_date_background_whatever_its_age(sentence, text):
    found = {m.text.rstrip("."): m for m in find_dates(sentence, dt.date(2020, 7, 1))}
    assert found[text].is_background, found


def test_reported_speech_in_the_pluperfect_is_news():
    found = find_dates("Police said the suspects had stormed the bank on 3 January.", dt.date(2020, 1, 5))
    assert [(m.text.rstrip("."), m.is_background) for m in found] == [("3 January", False)]


def test_a_relative_day_is_news_even_after_since():
    assert not only("Fighting has raged since Monday.").is_background


def test_the_main_date_is_the_latest_named_day_then_the_latest_relative_one():
    sentences = ["Officials said on Monday that gunmen attacked a village on 14 March.",
                 "A second raid followed on 16 March."]
    assert article_main_date(sentences, NEW_YEAR) == MainDate(dt.date(2019, 3, 16))
    assert article_main_date(["Drones hit the port on Tuesday.", "It was quiet on Sunday."], FRIDAY) == \
        MainDate(dt.date(2025, 2, 4))
    assert article_main_date(["The war began in 2014."], FRIDAY) is None


def test_a_date_far_before_the_main_event_is_background():
    sentences = ["Troops repelled an assault near the border on Thursday.",
                 "The incursion in August reshaped the war.",
                 "A similar assault on 20 January was also repelled."]
    main = article_main_date(sentences, FRIDAY)
    assert main == MainDate(dt.date(2025, 1, 20))       # a named day beats the relative Thursday
    assert find_dates(sentences[1], FRIDAY, main)[0].is_background
    assert not find_dates(sentences[2], FRIDAY, main)[0].is_background
    relative_only = article_main_date(sentences[:2], FRIDAY)
    assert relative_only == MainDate(THURSDAY)
    assert find_dates(sentences[1], FRIDAY, relative_only)[0].is_background


def test_in_a_text_that_opens_with_its_day_other_days_are_context():
    published = dt.date(2022, 7, 20)
    sentences = ["On 22 June 2022, soldiers killed two men in the village.",
                 "The bodies were found on 16 July.",
                 "The unrest started after a rally on 20 June.",
                 "Two suspects were arrested in February 2022.",
                 "Troops stayed in the area on 22 June."]
    main = article_main_date(sentences, published)
    assert main == MainDate(dt.date(2022, 6, 22), opens_article=True)
    assert [find_dates(s, published, main)[0].is_background for s in sentences] == [False, True, True, True, False]


def test_an_old_event_in_a_snippet_with_a_neutral_publication_date_is_coded():
    from sitrep.coding.coder import code_article

    text = ("Gunmen attacked an army checkpoint outside Kismayo on the night of 14 March, killing three soldiers, "
            "local officials said.")
    coded = code_article({"id": "t1", "text": text, "published": "2020-01-01", "outlet": "Test"})
    assert [(e["event_date"], e["event_type"]) for e in coded.events] == [("2019-03-14", "Battles")]
