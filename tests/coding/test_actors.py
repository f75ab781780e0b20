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


def _roles(sub: str, etype: str, s: str, country: str, trigger: str, admin1: str = "") -> tuple:
    from sitrep.coding.actors import assign_roles
    on = date(2022, 5, 1)
    acts = find_actors(s, country, on, etype in ("Battles", "Explosions/Remote violence"), admin1)
    return assign_roles(sub, etype, acts, s.index(trigger), trigger, country, on, descriptors_in(s, country), s)


def test_an_air_strike_is_a_weapon_not_a_party_and_the_air_force_unit_is_a_convention():
    roles = _roles("Air/drone strike", "Explosions/Remote violence",
                   "Turkish warplanes carried out air strikes on PKK positions in the mountains.", "Iraq", "carried")
    assert roles[1] == "Military Forces of Turkey (2016-)" and roles[3] == "PKK: Kurdistan Workers Party"
    roles = _roles("Air/drone strike", "Explosions/Remote violence",
                   "Russian forces launched an airstrike near the village.", "Ukraine", "launched")
    assert roles[1:5] == ("Military Forces of Russia (2000-) Air Force", "External/Other forces", "", "")


def test_strikes_on_property_have_no_civilian_victim_unless_someone_was_hurt():
    s = "Russian forces shelled civilian houses in the village."
    assert _roles("Shelling/artillery/missile attack", "Explosions/Remote violence", s, "Ukraine", "shelled")[3] == ""
    s = "Russian forces shelled the village, killing two civilians."
    assert _roles("Shelling/artillery/missile attack", "Explosions/Remote violence", s, "Ukraine",
                  "shelled")[3] == "Civilians (Ukraine)"


def test_a_fight_always_has_two_sides():
    roles = _roles("Armed clash", "Battles", "Soldiers clashed with an armed group near the border.", "Niger",
                   "clashed")
    assert roles[3] == "Unidentified Armed Group (Niger)"
    roles = _roles("Armed clash", "Battles", "A shoot-out between unknown gunmen took place in the market.",
                   "Honduras", "shoot-out")
    assert roles[1] == roles[3] == "Unidentified Armed Group (Honduras)"
    roles = _roles("Armed clash", "Battles", "Russian forces attacked the town but were repelled by Ukrainian forces.",
                   "Ukraine", "attacked")
    assert roles[1:4:2] == ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)")


def test_looting_arrests_and_counter_protests_have_a_second_actor():
    assert _roles("Looting/property destruction", "Strategic developments", "Gunmen looted shops in the town.",
                  "Mali", "looted")[3] == "Civilians (Mali)"
    roles = _roles("Peaceful protest", "Protests", "About 200 people marched while 30 held a counter-protest.",
                   "Germany", "marched")
    assert roles[1] == roles[3] == "Protesters (Germany)"


def test_agents_named_together_act_together():
    roles = _roles("Arrests", "Strategic developments", "The military and police arrested six villagers.", "Myanmar",
                   "arrested")
    assert roles[1] == "Military Forces of Myanmar (2021-)" and roles[3] == "Civilians (Myanmar)"


def test_gang_marks_name_unseen_killers_in_the_americas_only():
    s = "A man was shot dead by two armed men in a drive-by shooting."
    assert _roles("Attack", "Violence against civilians", s, "Mexico", "shot")[1] == "Unidentified Gang (Mexico)"
    assert _roles("Attack", "Violence against civilians", s, "Kenya", "shot")[1] == "Unidentified Armed Group (Kenya)"


def test_communities_name_their_militias_and_crowds_fight_as_rioters():
    assert find_actors("Katsina militiamen attacked miners.", "Nigeria", date(2022, 5, 1), False,
                       "Katsina")[0].name == "Katsina Communal Militia (Nigeria)"
    assert find_actors("Armed Fulani pastoralists killed a farmer.", "Nigeria", date(2022, 5, 1))[0].name == \
        "Fulani Ethnic Militia (Nigeria)"
    roles = _roles("Armed clash", "Battles", "Youths of two villages clashed with sticks over a land dispute.",
                   "Uganda", "clashed")
    assert roles[:4] == ("Mob violence", "Rioters (Uganda)", "Rioters", "Rioters (Uganda)")


def test_named_state_forces_abroad_are_external_and_labels_name_nobody():
    acts = find_actors("Houthi forces fired missiles at the port.", "Saudi Arabia", date(2022, 5, 1), True)
    assert [(a.name, inter_for(a, "Saudi Arabia")) for a in acts] == [
        ("Military Forces of Yemen (2016-) Supreme Political Council", "External/Other forces")]
    assert [a.name for a in find_actors("Movement of forces: a US military patrol took place near the field.",
                                        "Syria", date(2022, 5, 1))] == ["Global Coalition Against Daesh"]


def test_what_is_intercepted_or_seized_has_an_owner():
    roles = _roles("Disrupted weapons use", "Strategic developments",
                   "Ukrainian forces shot down a Russian drone over the city.", "Ukraine", "shot")
    assert roles[1:5] == ("Military Forces of Ukraine (2019-)", "State forces", "Military Forces of Russia (2000-)",
                          "External/Other forces")
    roles = _roles("Disrupted weapons use", "Strategic developments", "Soldiers defused a bomb near the market.",
                   "Niger", "defused")
    assert roles[3] == "Unidentified Armed Group (Niger)"
    roles = _roles("Looting/property destruction", "Strategic developments",
                   "Soldiers seized and destroyed a cocaine laboratory.", "Colombia", "seized")
    assert roles[3] == "Unidentified Gang (Colombia)"


def test_regional_forces_are_units_of_the_state():
    acts = find_actors("TPLF forces clashed with Afar regional special forces.", "Ethiopia", date(2022, 2, 1), True)
    assert [a.name for a in acts][-1] == "Police Forces of Ethiopia (2018-) Afar Special Forces"


def test_states_named_in_an_agreement_are_its_parties():
    roles = _roles("Agreement", "Strategic developments", "Russia and Ukraine exchanged 100 prisoners each on Friday.",
                   "Ukraine", "exchanged")
    assert roles[1:5] == ("Military Forces of Russia (2000-)", "External/Other forces",
                          "Military Forces of Ukraine (2019-)", "State forces")
