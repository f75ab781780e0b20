from sitrep.coding.figures import fatalities_from, find_figures


def test_killed_with_qualifier_and_reporter():
    (f,) = [x for x in find_figures("At least 12 people were killed in the attack, police said.") if x.kind == "killed"]
    assert (f.value, f.qualifier, f.low, f.reported_by) == (12, "at least", 12, "police")


def test_captive_running_total_and_present_civilians():
    figs = find_figures("The army said it had taken 909 enemy soldiers captive during the operation.")
    assert [(f.kind, f.value) for f in figs] == [("captured", 909)]
    figs = find_figures("Around six million people, including 1.5 million children, live in areas under occupation.")
    assert [(f.kind, f.value, f.qualifier) for f in figs] == [("civilians present", 6_000_000, "about"),
                                                              ("civilians present", 1_500_000, None)]


def test_distances_and_years_are_not_counts():
    assert find_figures("The attack came 10 kilometres from the border in 2024.") == []


def test_fatality_rules():
    assert fatalities_from(["Gunmen killed a farmer near the market."])[0] == 1
    assert fatalities_from(["Dozens of people were killed."])[0] == 12
    assert fatalities_from(["Several soldiers died."])[0] == 3
    assert fatalities_from(["Five were killed, officials said.", "Seven were killed, a witness said."])[0] == 5
    assert fatalities_from(["Rebels attacked a base. 4 fatalities."])[0] == 4
    assert fatalities_from(["Troops clashed with rebels."]) == (0, 0, 0, False)
