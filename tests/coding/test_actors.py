from datetime import date

from sitrep.coding.actors import descriptors_in, find_actors, inter_for, state_force_name


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


def test_ended_regimes_carry_their_end_year_and_the():
    assert state_force_name("Philippines", "police", date(2022, 3, 1)) == "Police Forces of the Philippines (2016-2022)"
    assert state_force_name("Brazil", on=date(2021, 3, 1)) == "Military Forces of Brazil (2019-)"
    assert state_force_name("Nowhereland", on=date(2021, 3, 1)) == "Military Forces of Nowhereland"


def test_names_absorb_their_head_word_and_units_are_named():
    from sitrep.coding.actors import merge_adjacent
    acts = merge_adjacent(find_actors("FARDC soldiers clashed with M23 rebels near Goma.", "Democratic Republic of Congo",
                                      date(2022, 5, 1), True))
    assert [a.name for a in acts] == ["Military Forces of the Democratic Republic of Congo (2019-)",
                                      "M23: March 23 Movement"]
    acts = find_actors("The Nigerian Air Force bombed a camp.", "Nigeria", date(2022, 5, 1), True)
    assert acts[0].name == "Military Forces of Nigeria (2015-) Air Force"


def test_local_aliases_only_apply_at_home():
    assert find_actors("Separatists attacked a checkpoint.", "Ukraine", date(2022, 5, 1))[0].name.startswith("NAF")
    assert find_actors("Separatists attacked a checkpoint.", "Cameroon", date(2022, 5, 1))[0].name == \
        "Ambazonian Separatists (Cameroon)"
    assert find_actors("Separatists attacked a checkpoint.", "India", date(2022, 5, 1))[0].name == \
        "Unidentified Armed Group (India)"
    dpr = find_actors("DPR forces shelled the village.", "Ukraine", date(2022, 5, 1), True)[0]
    assert dpr.assoc == "Donbass People's Militia"


def test_roles_victim_second_and_protests_alone():
    from sitrep.coding.actors import assign_roles
    s = "Gunmen killed a farmer in the village."
    acts = find_actors(s, "Nigeria", date(2022, 5, 1))
    assert assign_roles("Attack", "Violence against civilians", acts, s.index("killed"), "killed", "Nigeria",
                        date(2022, 5, 1), [], s)[1:5] == ("Unidentified Armed Group (Nigeria)", "Political militia",
                                                           "Civilians (Nigeria)", "Civilians")
    s = "Hundreds of students marched in Nairobi."
    roles = assign_roles("Peaceful protest", "Protests", find_actors(s, "Kenya", date(2022, 5, 1)), 20, "marched",
                         "Kenya", date(2022, 5, 1), descriptors_in(s, "Kenya"), s)
    assert roles[1:6] == ("Protesters (Kenya)", "Protesters", "", "", "Students (Kenya)")
    s = "Residents beat a suspected thief to death."
    roles = assign_roles("Attack", "Violence against civilians", find_actors(s, "Kenya", date(2022, 5, 1)),
                         s.index("beat"), "beat", "Kenya", date(2022, 5, 1), [], s)
    assert roles[:2] == ("Mob violence", "Rioters (Kenya)")


def test_descriptors_use_acled_names():
    assert descriptors_in("Women, teachers and taxi drivers protested.", "Kenya") == [
        "Women (Kenya)", "Teachers (Kenya)", "Taxi/Bus Drivers (Kenya)"]


def test_demonym_before_a_military_act_is_the_forces_but_not_before_people():
    acts = find_actors("Ukrainian troops repelled Russian assaults near Pokrovsk.", "Ukraine", date(2025, 2, 1), True)
    assert [a.name for a in acts] == ["Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)"]
    assert [a.name for a in find_actors("Russian civilians were evacuated.", "Russia", date(2025, 2, 1), True)] == \
        ["Civilians (Russia)"]
