from datetime import date

from sitrep.coding.notes import note_for


def test_exact_day_and_unknown_casualties():
    n = note_for(date(2025, 2, 6), 1, "Troops repelled an attack near the town.", "Sudzha", "Kursk", 0, False)
    assert n == "On 6 February 2025, troops repelled an attack near the town in Sudzha (Kursk). Casualties unknown."


def test_around_for_imprecise_dates_and_fatalities():
    n = note_for(date(2022, 3, 15), 3, "Gunmen killed 3 people in Jos.", "Jos", "Plateau", 3, True)
    assert n.startswith("Around 15 March 2022, gunmen killed") and n.endswith("3 fatalities.")
