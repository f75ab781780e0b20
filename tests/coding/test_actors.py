from datetime import date

from sitrep.coding.actors import find_actors, inter_for, state_force_name


def test_state_force_names_follow_the_regime_in_power():
    assert state_force_name("Ukraine", on=date(2025, 2, 6)) == "Military Forces of Ukraine (2019-)"
    assert state_force_name("Russia", "police", date(2022, 1, 1)) == "Police Forces of Russia (2000-)"
    assert state_force_name("Pakistan", on=date(2021, 1, 1)) == "Military Forces of Pakistan (2018-)"
    assert state_force_name("Pakistan", on=date(2023, 1, 1)) == "Military Forces of Pakistan (2022-)"


def test_forces_abroad_are_external():
    acts = find_actors("Russian troops clashed with Ukrainian forces.", "Russia", date(2025, 2, 6))
    names = {a.name: inter_for(a, "Russia") for a in acts}
    assert names == {"Military Forces of Russia (2000-)": "State forces",
                     "Military Forces of Ukraine (2019-)": "External/Other forces"}


def test_named_and_generic_actors():
    acts = find_actors("Al Shabaab militants attacked villagers.", "Somalia", date(2024, 1, 1))
    assert [a.name for a in acts][:1] == ["Al Shabaab"]
    assert "Civilians (Somalia)" in [a.name for a in acts]
    acts = find_actors("Unknown gunmen shot a trader.", "Nigeria", date(2024, 1, 1))
    assert acts[0].name == "Unidentified Armed Group (Nigeria)"
