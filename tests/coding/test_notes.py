from datetime import date

from sitrep.coding.notes import note_for


def test_exact_day_and_unknown_casualties():
    n = note_for(date(2025, 2, 6), 1, "Troops repelled an attack near the town.", "Sudzha", "Kursk", 0, False)
    assert n == "On 6 February 2025, troops repelled an attack near the town in Sudzha (Kursk). Casualties unknown."


def test_around_for_imprecise_dates_and_fatalities():
    n = note_for(date(2022, 3, 15), 3, "Gunmen killed 3 people in Jos.", "Jos", "Plateau", 3, True)
    assert n.startswith("Around 15 March 2022, gunmen killed") and n.endswith("3 fatalities.")


def test_news_sentence_loses_dateline_weekday_and_attribution():
    quote = ("KHARKIV, Ukraine \u2014 Russian missiles struck a warehouse in the city early on Tuesday, killing "
             "two guards, the regional governor said.")
    n = note_for(date(2025, 3, 4), 1, quote, "Kharkiv", "Kharkiv", 2, True)
    assert n == "On 4 March 2025, Russian missiles struck a warehouse in the city, killing two guards in Kharkiv. " \
                "2 fatalities."


def test_link_words_and_reported_speech_openers_are_dropped():
    n = note_for(date(2025, 3, 4), 1, "Separately, police said that a grenade exploded at a bar in the town.",
                 "Goma", "Nord-Kivu", 0, False)
    assert n == "On 4 March 2025, a grenade exploded at a bar in the town in Goma (Nord-Kivu). Casualties unknown."
