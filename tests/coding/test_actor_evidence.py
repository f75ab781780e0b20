"""Named actors as evidence for where a text is, and the dictionary's names found region by region. Sentences are
the team's own; the places are namesakes the shipped gazetteer holds in two countries."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.coding import code_article
from sitrep.coding.actors import find_actors, inter_for
from sitrep.coding.places import find_places


def _countries(text: str) -> list[str]:
    return [p.country for p in find_places(text)]


def test_a_known_group_of_one_country_outweighs_a_larger_namesake_abroad():
    # Las Piedras: a city of Uruguay and a village of Mexico.
    assert _countries("Gunmen attacked a police patrol in Las Piedras on Monday.") == ["Uruguay"]
    assert _countries("CJNG gunmen attacked a police patrol in Las Piedras on Monday.") == ["Mexico"]
    places = find_places("Jalisco New Generation Cartel gunmen attacked a police patrol in Las Piedras.")
    assert {(p.location, p.country) for p in places} >= {("Las Piedras", "Mexico")}
    assert {p.country for p in places} == {"Mexico"}


def test_a_group_at_home_nowhere_near_the_namesakes_leaves_the_choice_to_the_place():
    # Sinaloa Cartel is at home in Mexico: a namesake in Mexico is taken, a town only abroad stays abroad.
    assert _countries("Sinaloa Cartel gunmen attacked a police patrol in Montevideo.") == ["Uruguay"]


def test_a_named_group_places_a_text_that_names_no_place_in_its_country():
    places = find_places("Soldiers clashed with Dawlah Islamiyah militants this morning, killing two of them.")
    assert [(p.country, p.geo_precision) for p in places] == [("Philippines", 3)]


def test_the_evidence_of_a_group_that_fights_in_several_countries_is_shared():
    from sitrep.coding.places.country_evidence import group_countries
    ((_, _, homes),) = group_countries("Jama'at Nusrat al-Islam wal-Muslimin claimed the attack.")
    assert {"ML", "BF", "NE"} <= homes
    ((_, _, homes),) = group_countries("Fano militiamen attacked the town.")
    assert homes == {"ET"}
    assert group_countries("Armed settlers attacked farmers.") == []  # lower-case words are no names


def _code(text: str) -> dict:
    (event,) = code_article({"id": "t", "published": "2024-03-12", "text": text}).events
    return event


def test_a_generic_actor_takes_the_country_of_the_place_not_of_the_group_named():
    e = _code("Hundreds of BNP supporters protested outside the Bangladesh High Commission in London on Saturday, "
              "demanding new elections.")
    assert (e["actor1"], e["country"]) == ("Protesters (United Kingdom)", "United Kingdom")
    assert "BNP: Bangladesh Nationalist Party" in e["assoc_actor_1"]


def test_the_group_decides_the_country_of_the_event_and_of_its_victims():
    e = _code("CJNG gunmen attacked a police patrol in Las Piedras on Monday, killing two officers.")
    assert (e["actor1"], e["country"], e["actor2"]) == ("CJNG: Jalisco New Generation Cartel", "Mexico",
                                                         "Police Forces of Mexico (2018-)")


ON = date(2024, 5, 1)


@pytest.mark.parametrize("sentence, country, name, inter", [
    # Western and Middle Africa
    ("JNIM militants attacked an army post near Djibo.", "Burkina Faso",
     "JNIM: Group for Support of Islam and Muslims", "Rebel group"),
    ("Vikings cultists killed two rivals in a clash.", "Nigeria", "Vikings Militia (Nigeria)", "Political militia"),
    ("Mobondo militiamen attacked villagers in Kwamouth.", "Democratic Republic of Congo", "Mobondo Militia",
     "Political militia"),
    ("Ex-Seleka fighters attacked a convoy.", "Central African Republic", "Seleka Militia", "Rebel group"),
    # Eastern and Northern Africa
    ("Murle gunmen raided cattle camps.", "South Sudan", "Murle Ethnic Militia (South Sudan)", "Identity militia"),
    ("Abgaal clan militia fought rival gunmen.", "Somalia", "Abgaal Clan Militia (Somalia)", "Identity militia"),
    ("SLA-Minawi forces clashed with the RSF.", "Sudan",
     "SLM/A-Minawi: Sudan Liberation Movement/Army (Minni Minawi Faction)", "Rebel group"),
    ("Rada Special Deterrence Forces clashed with another militia.", "Libya", "Rada Special Deterrence Forces",
     "Political militia"),
    # Middle East
    ("Asaib Ahl al-Haq fighters attacked a convoy.", "Iraq", "Asaib Ahl al Haq", "Political militia"),
    ("The Jenin Battalion said its fighters opened fire on troops.", "Palestine", "Jenin Battalion", "Rebel group"),
    ("Sultan Murad Division fighters shelled a village.", "Syria", "Sultan Murad Division", "Political militia"),
    # Asia
    ("TNLA fighters seized the town after heavy fighting.", "Myanmar", "TNLA: Taang National Liberation Army",
     "Rebel group"),
    ("Jamaat-ul-Ahrar militants attacked a checkpoint.", "Pakistan", "JuA: Jamaat-ul-Ahrar", "Rebel group"),
    ("Chhatra Dal activists clashed with rivals.", "Bangladesh", "JCD: Jatiyatabadi Chhatra Dal", "Political militia"),
    ("BIFF-Karialan faction gunmen attacked soldiers.", "Philippines", "BIFF-Karialan Faction", "Rebel group"),
    ("KNF militants ambushed an army patrol in Bandarban.", "Bangladesh", "KNF: Kuki-Chin National Front",
     "Rebel group"),
    # Europe and the Caucasus
    ("Russian Volunteer Corps fighters crossed the border.", "Russia", "RDK: Russian Volunteer Corps", "Rebel group"),
    ("New IRA members planted a bomb under a car.", "United Kingdom", "New IRA: New Irish Republican Army",
     "Political militia"),
    # The Americas
    ("Los Chapitos gunmen killed three men.", "Mexico", "Los Chapitos", "Political militia"),
    ("Comandos de la Frontera attacked soldiers.", "Colombia", "Comandos de la Frontera", "Rebel group"),
    ("5 Segonn gang members attacked residents.", "Haiti", "5 Segonn Gang", "Political militia"),
    ("Primeiro Comando do Maranhao members shot a man.", "Brazil", "PCM: First Command of Maranhao",
     "Political militia"),
])
def test_each_region_s_groups_are_found_with_their_acled_name_and_inter(sentence, country, name, inter):
    first = find_actors(sentence, country, ON, True)[0]
    assert (first.name, inter_for(first, country)) == (name, inter)


def test_an_alias_shared_by_two_countries_names_each_country_s_own_group():
    assert find_actors("APC supporters attacked a rally.", "Nigeria", ON)[0].name == "APC: All Progressives Congress"
    assert find_actors("APC supporters attacked a rally.", "Sierra Leone", ON)[0].name == "APC: All People's Congress"
    # …and the armoured vehicle is no party anywhere
    assert all(a.name.startswith("Military") or a.kind != "named"
               for a in find_actors("An APC was hit by a mine.", "Nigeria", ON, True))


def test_a_group_ends_and_its_successor_begins_on_their_dates():
    assert find_actors("Border Guard Force troops clashed with the KNLA.", "Myanmar", date(2023, 5, 1), True)[0].name \
        == "BGF: Border Guard Force"
    assert find_actors("Karen National Army troops clashed with the KNLA.", "Myanmar", date(2024, 5, 1), True)[0].name \
        == "KNA: Karen National Army"
