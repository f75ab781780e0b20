from datetime import date

import pytest

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
    acts = merge_adjacent(find_actors("FARDC soldiers clashed with M23 rebels near Goma.",
                                      "Democratic Republic of Congo", date(2022, 5, 1), True))
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
    s = "Two armed men on a motorbike shot a shopkeeper dead in a drive-by attack."
    assert _roles("Attack", "Violence against civilians", s, "Mexico", "shot")[1] == "Unidentified Gang (Mexico)"
    assert _roles("Attack", "Violence against civilians", s, "Kenya", "shot")[1] == "Unidentified Armed Group (Kenya)"
    # Colombia's many armed groups: ACLED names its unseen killers an armed group, not a gang
    assert _roles("Attack", "Violence against civilians", s, "Colombia", "shot")[1] == \
        "Unidentified Armed Group (Colombia)"


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
                   "Ukrainian troops shot down a Russian reconnaissance drone above the village.", "Ukraine", "shot")
    assert roles[1:5] == ("Military Forces of Ukraine (2019-)", "State forces", "Military Forces of Russia (2000-)",
                          "External/Other forces")
    roles = _roles("Disrupted weapons use", "Strategic developments", "Soldiers defused a bomb near the market.",
                   "Niger", "defused")
    assert roles[3] == "Unidentified Armed Group (Niger)"
    roles = _roles("Looting/property destruction", "Strategic developments",
                   "Soldiers seized and destroyed a cocaine laboratory.", "Honduras", "seized")
    assert roles[3] == "Unidentified Gang (Honduras)"


def test_regional_forces_are_units_of_the_state():
    acts = find_actors("TPLF fighters and Afar regional special forces exchanged fire near a water point.", "Ethiopia",
                       date(2022, 2, 1), True)
    assert [a.name for a in acts][-1] == "Police Forces of Ethiopia (2018-) Afar Special Forces"


def test_states_named_in_an_agreement_are_its_parties():
    roles = _roles("Agreement", "Strategic developments", "Russia and Ukraine exchanged 100 prisoners each on Friday.",
                   "Ukraine", "exchanged")
    assert roles[1:5] == ("Military Forces of Russia (2000-)", "External/Other forces",
                          "Military Forces of Ukraine (2019-)", "State forces")


# ---------------------------------------------------------------------------------------------- round 4 conventions

def _roles4(sub: str, etype: str, s: str, trigger: str, country: str, on: date = date(2022, 5, 1), admin1: str = ""):
    from sitrep.coding.actors import assign_roles
    acts = find_actors(s.split(". ")[0], country, on, etype in ("Battles", "Explosions/Remote violence"), admin1=admin1)
    return assign_roles(sub, etype, acts, s.index(trigger), trigger, country, on, [], s)


def test_party_supporters_riot_as_rioters_with_the_party_as_associate():
    r = _roles4("Attack", "Violence against civilians", "BJP workers beat up a shopkeeper in the market.", "beat",
               "India")
    assert r[:3] == ("Mob violence", "Rioters (India)", "Rioters")
    assert r[3] == "Civilians (India)" and "BJP: Bharatiya Janata Party" in r[5]
    r = _roles4("Armed clash", "Battles", "Awami League activists clashed with BNP activists in the town.", "clashed",
               "Bangladesh")
    assert r[1] == r[3] == "Rioters (Bangladesh)" and r[5] == "Awami League" and r[6].startswith("BNP")
    r = _roles4("Attack", "Violence against civilians", "TMC workers shot dead a villager.", "shot", "India")
    assert r[1:3] == ("Unidentified Armed Group (India)", "Political militia") and r[5].startswith("TMC")


def test_a_name_in_brackets_or_presumed_says_who_the_armed_men_were():
    acts = find_actors("Riders (assumed Darfur communal militia) stole camels from a herder.", "Sudan",
                       date(2022, 5, 1))
    assert acts[0].name == "Darfur Communal Militia (Sudan)"
    acts = find_actors("Raiders presumed to be Tiv ethnic militiamen burned a farm settlement.", "Nigeria",
                       date(2022, 5, 1))
    assert acts[0].name == "Tiv Ethnic Militia (Nigeria)"


def test_regional_insurgents_and_local_factions_get_their_acled_names():
    acts = find_actors("Militants lobbed a grenade at a police post.", "India", date(2022, 5, 1),
                       admin1="Jammu and Kashmir")
    assert acts[0].name == "Kashmir Rebels (India)" and acts[0].inter == "Rebel group"
    acts = find_actors("Militants lobbed a grenade at a police post.", "India", date(2022, 5, 1), admin1="Punjab")
    assert acts[0].name == "Unidentified Armed Group (India)"
    assert find_actors("Mai-Mai Kifuafua fighters raided the village.", "Democratic Republic of Congo",
                       date(2022, 5, 1))[0].name == "Mayi Mayi Militia (Kifuafua)"
    assert find_actors("The Gangaw PDF ambushed a convoy.", "Myanmar", date(2022, 5, 1))[0].name == \
        "People's Defense Force - Gangaw"
    assert find_actors("Local defence forces ambushed a convoy.", "Myanmar", date(2022, 5, 1))[0].name == \
        "Unidentified Anti-Coup Armed Group"


def test_boko_haram_unqualified_is_either_lake_chad_group_after_2021():
    late = find_actors("Boko Haram fighters attacked the town.", "Nigeria", date(2022, 5, 1))[0].name
    assert late.startswith("Islamic State (West Africa) - Lake Chad Faction and/or Boko Haram")
    assert find_actors("Boko Haram fighters attacked the town.", "Nigeria", date(2020, 5, 1))[0].name.startswith(
        "Boko Haram - Jamaatu")
    assert find_actors("Boko Haram (JAS) fighters attacked the town.", "Nigeria", date(2022, 5, 1))[0].name \
        .startswith("Boko Haram - Jamaatu")


def test_coordinated_demonyms_name_both_forces():
    acts = find_actors("Russian and Ukrainian forces fought near Vuhledar overnight.", "Ukraine",
                       date(2022, 5, 1), True)
    assert [a.name for a in acts] == ["Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"]


def test_forces_operating_under_an_operation_are_named_after_it():
    r = _roles4("Shelling/artillery/missile attack", "Explosions/Remote violence",
               "Turkish forces operating under OPS shelled SDF positions near the town.", "shelled", "Syria")
    assert r[1:3] == ("Operation Peace Spring", "Rebel group") and r[3].startswith("QSD")


def test_a_by_phrase_of_another_clause_does_not_take_the_subjects_place():
    r = _roles4("Armed clash", "Battles", "PKK fighters attacked Turkish soldiers on a hilltop, during artillery fire "
               "carried out by Turkish forces.", "attacked", "Iraq")
    assert r[1] == "PKK: Kurdistan Workers Party" and r[3] == "Military Forces of Turkey (2016-)"
    r = _roles4("Attack", "Violence against civilians", "Two farmers were killed by Fulani gunmen.", "killed",
                "Nigeria")
    assert r[1] == "Fulani Ethnic Militia (Nigeria)"


def test_groups_named_only_as_a_link_of_the_victim_are_no_party():
    r = _roles4("Arrests", "Strategic developments", "Soldiers arrested a broker on suspicion of financing the PDF.",
               "arrested", "Myanmar")
    assert r[3] == "Civilians (Myanmar)"


def test_strike_victims_may_be_named_in_a_later_sentence():
    r = _roles4("Shelling/artillery/missile attack", "Explosions/Remote violence",
               "Russian forces shelled the town. Houses were damaged. Two civilians were killed.", "shelled", "Ukraine")
    assert r[3:5] == ("Civilians (Ukraine)", "Civilians")
    r = _roles4("Shelling/artillery/missile attack", "Explosions/Remote violence",
               "Russian forces shelled the town. Houses were damaged.", "shelled", "Ukraine")
    assert r[3] == ""


def test_victims_said_to_be_gang_members_make_a_fight_between_armed_groups():
    r = _roles4("Attack", "Violence against civilians", "Armed men shot and killed a man in the market. The victim "
                "was a drug dealer.", "shot", "Mexico")
    assert r[0] == "Armed clash" and r[3] == "Unidentified Gang (Mexico)"
    r = _roles4("Attack", "Violence against civilians", "Armed men shot and killed a man. The victim was a teacher.",
                "shot", "Mexico")
    assert r[0] == "Attack" and r[3] == "Civilians (Mexico)"


def test_settlers_riot_as_israeli_rioters_and_demonyms_before_machines_name_forces():
    r = _roles4("Attack", "Violence against civilians", "Israeli settlers beat a Palestinian farmer near the village.",
                "beat", "Palestine")
    assert r[:2] == ("Mob violence", "Rioters (Israel)") and "Settlers (Israel)" in r[5]
    acts = find_actors("Israeli gunboats opened fire at fishing boats.", "Palestine", date(2022, 5, 1))
    assert acts[0].name == "Military Forces of Israel (2021-)"


def test_an_ied_victim_is_not_its_user_and_former_members_are_civilians():
    r = _roles4("Remote explosive/landmine/IED", "Explosions/Remote violence",
                "An IED detonated, killing two soldiers during a patrol.", "IED", "Somalia")
    assert r[1] == "Unidentified Armed Group (Somalia)" and r[3].startswith("Military Forces of Somalia")
    r = _roles4("Arrests", "Strategic developments", "Three former army officers were arrested by the Taliban at home.",
                "arrested", "Afghanistan")
    assert r[3] == "Civilians (Afghanistan)"


def test_mission_contingents_and_words_that_are_no_forces():
    acts = find_actors("Ugandan ATMIS troops clashed with Al Shabaab.", "Somalia", date(2022, 6, 1), True)
    assert acts[0].name == "ATMIS: African Union Transition Mission in Somalia (2022-) (Uganda)"
    acts = find_actors("Crowds denounced the military coup. Police forces fired tear gas.", "Sudan", date(2022, 6, 1))
    assert [a.name for a in acts if a.kind == "state"] == ["Police Forces of Sudan (2019-)"]


def test_unseen_killers_of_drug_suspects_are_vigilantes_in_the_philippines():
    r = _roles4("Attack", "Violence against civilians", "A drug suspect was shot dead by unidentified gunmen.", "shot",
                "Philippines")
    assert r[:5] == ("Attack", "Anti-Drug Vigilantes (Philippines)", "Political militia", "Civilians (Philippines)",
                     "Civilians")


def test_the_side_held_off_is_the_initiator():
    ukr, rus = "Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)"
    s = "Moscow said its soldiers foiled a fresh counter-offensive launched by Ukraine near the border."
    assert _roles("Armed clash", "Battles", s, "Russia", "foiled")[1:4:2] == (ukr, rus)
    s = "Russian troops repelled the assault of Ukrainian troops on the hill."
    assert _roles("Armed clash", "Battles", s, "Russia", "repelled")[1:4:2] == (ukr, rus)
    s = "Police beat back an attack by gunmen on their station overnight."
    assert _roles("Armed clash", "Battles", s, "Kenya", "attack")[1] == "Unidentified Armed Group (Kenya)"
    s = "Al Shabaab fighters attempted to advance on the base but were repulsed by soldiers."
    assert _roles("Armed clash", "Battles", s, "Somalia", "advance")[1] == "Al Shabaab"
    s = "An offensive by Russian forces was repelled by Ukrainian troops near the river."
    assert _roles("Armed clash", "Battles", s, "Ukraine", "offensive")[1:4:2] == (rus, ukr)


def test_a_side_that_attacks_and_is_then_held_off_stays_first():
    s = "Gunmen attacked the police post, and officers repelled them after an hour."
    assert _roles("Armed clash", "Battles", s, "Kenya", "attacked")[1] == "Unidentified Armed Group (Kenya)"
    s = "Ukrainian forces clashed with Russian troops near the village."
    assert _roles("Armed clash", "Battles", s, "Ukraine", "clashed")[1] == "Military Forces of Ukraine (2019-)"



def test_who_planted_a_device_is_first_and_who_ran_into_it_second():
    army = "Military Forces of Mali (2021-)"
    s = "An army patrol struck an IED planted by JNIM fighters on the track to Boni."
    r = _roles("Remote explosive/landmine/IED", "Explosions/Remote violence", s, "Mali", "IED")
    assert r[1:4:2] == ("JNIM: Group for Support of Islam and Muslims", army)
    s = "A military convoy hit a landmine on the road."
    r = _roles("Remote explosive/landmine/IED", "Explosions/Remote violence", s, "Mali", "landmine")
    assert r[1:4:2] == ("Unidentified Armed Group (Mali)", army)
    s = "JNIM militants detonated an IED against a patrol."
    r = _roles("Remote explosive/landmine/IED", "Explosions/Remote violence", s, "Mali", "IED")
    assert r[1] == "JNIM: Group for Support of Islam and Muslims"


def test_regional_and_special_units_are_named_as_units_of_the_state():
    on = date(2022, 6, 10)
    acts = find_actors("Jubaland forces clashed with Al Shabaab fighters.", "Somalia", on, True)
    assert acts[0].name == "Military Forces of Somalia (2022-) Jubaland Security Force"
    acts = find_actors("State police arrested two men in the town.", "Mexico", on)
    assert acts[0].name == "Police Forces of Mexico (2018-) State Police"
    acts = find_actors("State police arrested two men in the town.", "Nigeria", on)
    assert acts[0].name == "Police Forces of Nigeria (2015-)"


def test_well_known_groups_carry_their_acled_names():
    on = date(2022, 6, 10)
    assert find_actors("MNJTF troops repelled the attack.", "Chad", on, True)[0].name == \
        "MNJTF: Multinational Joint Task Force"
    assert find_actors("Security guards exchanged fire with robbers.", "Kenya", on, True)[0].name == \
        "Private Security Forces (Kenya)"
    assert find_actors("Barrio 18 members shot a bus driver.", "Honduras", on)[0].name == "B-18: Barrio-18"


def test_non_violent_state_acts_without_forces_belong_to_the_government():
    from sitrep.coding.actors import government_name
    assert government_name("Kenya", date(2022, 1, 5)) == "Government of Kenya (2013-)"
    s = "A dusk-to-dawn curfew was declared in the county for thirty days."
    assert _roles("Change to group/activity", "Strategic developments", s, "Kenya", "curfew")[1] == \
        "Government of Kenya (2013-2022)"
    s = "Soldiers set up new checkpoints around the town."
    assert _roles("Change to group/activity", "Strategic developments", s, "Kenya", "set up")[1] == \
        "Military Forces of Kenya (2013-2022)"


def test_factions_and_unnamed_local_forces():
    on = date(2022, 6, 10)
    assert find_actors("A local PDF fired on a military column.", "Myanmar", on, True)[0].name == \
        "Unidentified Anti-Coup Armed Group"
    assert find_actors("The Monywa PDF fired on a military column.", "Myanmar", on, True)[0].name == \
        "People's Defense Force - Monywa"
    assert find_actors("PKK-YJA STAR militants attacked a patrol.", "Turkey", on, True)[0].name == \
        "PKK-YJA STAR: Kurdistan Workers Party-YJA STAR"


@pytest.mark.parametrize("sentence, word", [
    ("Fighting was reported near Kyauk Man Taung village on Sunday.", "Man"),
    ("The Southern Valley People Defense Force ambushed a convoy.", "People"),
    ("Gunmen attacked a local vigilance committee near the market.", "local"),
])
def test_people_words_inside_names_or_before_nouns_are_no_civilians(sentence, word):
    at = sentence.index(word)
    found = find_actors(sentence, "Myanmar")
    assert not any(a.kind == "civilian" and a.start <= at < a.end for a in found)


def test_people_words_that_name_people_stay_civilians():
    sentence = "Soldiers detained a local and two men in the market. Villagers fled."
    kinds = [(sentence[a.start:a.end], a.kind) for a in find_actors(sentence, "Myanmar")]
    assert ("a local", "civilian") in kinds and ("Villagers", "civilian") in kinds


def test_roles_are_named_and_a_recast_keeps_the_question():
    from sitrep.coding.actors import Roles, assign_roles
    s = "Settlers attacked Palestinian farmers near the village."
    roles = assign_roles("Attack", "Violence against civilians", find_actors(s, "Palestine", date(2022, 5, 1)),
                         s.index("attacked"), "attacked", "Palestine", date(2022, 5, 1), [], s)
    assert isinstance(roles, Roles)
    assert roles.sub_event_type == roles[0] == "Mob violence"
    assert roles.actor1 == "Rioters (Israel)" and "Settlers (Israel)" in roles.assoc1


def test_role_cues_file_must_name_every_cue(tmp_path, monkeypatch):
    from sitrep.coding.actors import role_cues
    from sitrep.coding.resource_tables import TABLES
    path = tmp_path / "cues.toml"
    path.write_text(role_cues.ROLE_CUES_TOML.read_text(encoding="utf-8").replace("firearms =", "fire_arms ="),
                    encoding="utf-8")
    monkeypatch.setattr(role_cues, "ROLE_CUES_TOML", path)
    with pytest.raises(ValueError, match="missing \\['firearms'\\], unknown \\['fire_arms'\\]"):
        role_cues.load_role_cues()
    TABLES.clear()


def test_country_conventions_are_read_from_their_file():
    from sitrep.coding.actors.conventions import conventions
    c = conventions()
    assert c.faceless_killers["Brazil"].inter == "Political militia"
    assert c.regional_rebels[("India", "Jammu and Kashmir")].name == "Kashmir Rebels (India)"
    assert c.country_words["Kremlin"] == "Russia" and c.community_word["Somalia"] == "Clan"
