from pathlib import Path

import pytest

from schemas.columns import EVENT_COLUMNS, FIGURE_COLUMNS
from sitrep.coding import CODER_VERSION, code_article, code_articles

SEED = Path(__file__).resolve().parents[3] / "shared" / "eval" / "seed" / "000_268abbd1d80c42fa.txt"

ARTICLE = {
    "id": "a1", "published": "2024-03-08", "outlet": "Test Wire", "source_scale": "International",
    "text": ("Russian forces shelled the town of Kupiansk on Thursday, killing two civilians, local officials said.\n\n"
             "The governor threatened to retaliate."),
}


def test_rows_carry_every_column_and_are_deterministic():
    a, b = code_article(ARTICLE), code_article(ARTICLE)
    assert a.status == "coded" and a.events == b.events and a.figures == b.figures
    (e,) = a.events
    assert list(e) == EVENT_COLUMNS and all(list(f) == FIGURE_COLUMNS for f in a.figures)
    assert e["sub_event_type"] == "Shelling/artillery/missile attack"
    assert e["event_date"] == "2024-03-07" and e["fatalities"] == 2
    assert e["actor1"] == "Military Forces of Russia (2000-)" and e["inter1"] == "External/Other forces"
    assert e["actor2"] == "Civilians (Ukraine)" and e["civilian_targeting"] == "Civilian targeting"
    assert e["event_id_cnty"].startswith("UKR") and e["coder_version"] == CODER_VERSION
    assert ARTICLE["text"][e["quote_start"]:e["quote_end"]] == e["quote"]


def test_statements_only_give_no_event():
    coded = code_article({"id": "a2", "published": "2024-03-08", "text": "Kyiv said it was ready to talk to Moscow."})
    assert coded.status == "no_event" and coded.events == []


def test_code_articles_frames():
    events, figures, status = code_articles([ARTICLE])
    assert list(events.columns) == EVENT_COLUMNS and len(events) == 1
    assert list(figures.columns) == FIGURE_COLUMNS
    assert status.loc[0, "status"] == "coded"


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_gives_its_gold_event_only():
    first, text = SEED.read_text(encoding="utf-8").split("\n", 1)
    coded = code_article({"id": "seed", "published": first.split()[1], "text": text, "outlet": "AFP",
                          "source_scale": "International"})
    (e,) = coded.events
    assert (e["event_type"], e["sub_event_type"]) == ("Battles", "Armed clash")
    assert {e["actor1"]: e["inter1"], e["actor2"]: e["inter2"]} == {
        "Military Forces of Ukraine (2019-)": "External/Other forces",
        "Military Forces of Russia (2000-)": "State forces"}
    assert e["interaction"] == "State forces-External/Other forces"
    assert (e["country"], e["admin1"], e["location"], e["geo_precision"]) == ("Russia", "Kursk", "Sudzha", 2)
    assert e["event_date"] in ("2025-02-05", "2025-02-06") and e["fatalities"] == 0
    kinds = {(f["kind"], f["value"]) for f in coded.figures}
    assert {("captured", 909), ("civilians present", 1500), ("civilians present", 6_000_000),
            ("civilians present", 1_500_000)} <= kinds


def _events(text: str, published: str = "2024-05-10") -> list[dict]:
    return code_article({"id": "t", "published": published, "text": text}).events


def test_elaborating_sentences_join_the_event_they_describe():
    events = _events("On 8 May 2024, gunmen attacked the village of Bokkos in Plateau state, Nigeria. "
                     "The attackers burned houses and stole cattle. Four residents were killed. "
                     "They also abducted two women.")
    (e,) = events
    assert e["sub_event_type"] == "Attack" and e["fatalities"] == 4 and e["event_date"] == "2024-05-08"


def test_a_protest_met_by_police_is_one_event_of_the_higher_type():
    (e,) = _events("On 8 May 2024, teachers protested in Nairobi over unpaid wages. "
                   "Police dispersed them with tear gas.")
    assert e["sub_event_type"] == "Protest with intervention"


def test_another_day_makes_another_event():
    events = _events("On 6 May 2024, Russian forces shelled Kupiansk in Kharkiv region. "
                     "On 8 May 2024, Russian forces shelled Kupiansk again, killing two civilians.")
    assert sorted(e["event_date"] for e in events) == ["2024-05-06", "2024-05-08"]


def test_a_quotation_and_a_reporting_date_make_no_new_event():
    events = _events("Gunmen killed three farmers near Bokkos in Plateau state on Wednesday.\n\n"
                     "\"They shot everyone they saw and burned our houses to the ground,\" a villager told reporters "
                     "in Jos on Thursday.")
    (e,) = events
    assert e["event_date"] == "2024-05-08" and e["fatalities"] == 3


def test_economic_deals_and_habitual_reports_are_no_events():
    assert _events("The IMF reached a staff-level agreement with Ukraine on a new loan programme on Tuesday.") == []
    assert _events("Belgorod region has been hit regularly by drones.") == []


def test_two_events_in_one_lead_sentence_become_two_rows():
    events = _events("Gunmen killed six villagers in Plateau state on Wednesday, while two soldiers died when their "
                     "vehicle hit a roadside bomb in Borno state the following day, officials said.")
    assert [(e["sub_event_type"], e["admin1"], e["event_date"], e["fatalities"]) for e in events] == [
        ("Attack", "Plateau", "2024-05-08", 6), ("Remote explosive/landmine/IED", "Borno", "2024-05-09", 2)]


def test_a_list_of_places_gives_one_event_per_place_with_the_total_split():
    events = _events("On 8 May 2024, soldiers clashed with gunmen in Bama, Dikwa and Monguno (Borno). "
                     "7 people were killed.")
    assert [(e["location"], e["fatalities"]) for e in events] == [("Bama", 3), ("Dikwa", 2), ("Monguno", 2)]
    assert len({e["event_id_cnty"] for e in events}) == 3


def test_a_town_and_its_region_or_a_route_are_not_a_list():
    assert len(_events("On 8 May 2024, Russian artillery hit a school and a water tower in Kupiansk, Kharkiv.")) == 1
    assert len(_events("On 8 May 2024, gunmen ambushed a bus on the road between Bama and Dikwa (Borno).")) == 1


def test_places_coded_separately_make_no_rows_here():
    (e,) = _events("On 8 May 2024, teachers protested in Nairobi. Similar protests were held in Kisumu and Nakuru "
                   "(coded separately).")
    assert e["location"] == "Nairobi"


def test_a_lower_toll_paragraphs_later_is_part_of_the_event_and_the_lowest_wins():
    (e,) = _events("Gunmen killed at least 15 people in Plateau state on Wednesday, residents said.\n\n"
                   "The attackers shot villagers in Bokkos at night.\n\n"
                   "A survivor said he hid in the bush.  They shot everyone,  he said.\n\n"
                   "Police confirmed the attack but gave a lower toll of nine dead.")
    assert e["fatalities"] == 9
    assert e["location"] == "Bokkos"  # the elaborating sentence says where in the region it happened


def test_a_neighbouring_country_is_not_the_scene():
    (e,) = _events("Fighters attacked an army post near the border with Niger in Mali's Mopti region on Wednesday.")
    assert e["country"] == "Mali"


def test_a_definite_reference_with_a_later_date_is_the_same_event():
    (e,) = _events("Police arrested opposition leader John Doe in Kampala on Wednesday, his party said.\n\n"
                   "A police spokesman confirmed the arrest on Thursday, saying Doe had been charged over a speech "
                   "last week.")
    assert e["event_date"] == "2024-05-08"


def test_who_was_among_the_dead_and_the_toll_of_the_war_are_no_counts():
    (e,) = _events("A drone strike killed nine civilians at a market in El Fasher on Wednesday. Five women were "
                   "among the dead. The war has killed tens of thousands of people.")
    assert e["fatalities"] == 9


def test_non_lethal_events_carry_no_fatalities():
    (e,) = _events("Russia and Ukraine exchanged 90 prisoners on Wednesday. Ukraine also received the bodies of "
                   "500 soldiers killed in action.")
    assert e["sub_event_type"] == "Agreement" and e["fatalities"] == 0


def test_confidence_is_higher_for_a_town_named_in_the_event_sentence_than_for_a_borrowed_place():
    (exact,) = _events("On 8 May 2024, gunmen killed three farmers in Bokkos (Plateau).")
    (vague,) = _events("Gunmen killed three farmers on Wednesday. Plateau is a farming state.")
    assert 0 <= vague["confidence"] < exact["confidence"] <= 1


def test_an_arrest_of_someone_else_does_not_make_a_protest_one_with_intervention():
    (e,) = _events("On 8 May 2024, hundreds of residents protested in Nairobi over the killing of a boda boda rider. "
                   "The officer was arrested for the death of the rider.")
    assert e["sub_event_type"] == "Peaceful protest"
    (e,) = _events("On 8 May 2024, hundreds of residents protested in Nairobi over the killing of a boda boda rider. "
                   "Police arrested five protesters.")
    assert e["sub_event_type"] == "Protest with intervention"


def test_the_month_march_is_no_protest():
    (e,) = _events("On 15 March 2024, police detained 40 migrants without residence papers in Athens, Greece.",
                   published="2024-03-20")
    assert e["event_type"] == "Strategic developments"


def test_a_victim_dying_later_in_hospital_is_no_new_event():
    events = _events("On 6 May 2024, gunmen shot a trader in Jos, Plateau state, Nigeria. "
                     "On 8 May 2024, the trader, who had been shot twice, died of his wounds in hospital.")
    assert len(events) == 1 and events[0]["event_date"] == "2024-05-06"


def test_an_event_named_as_coded_separately_gives_no_row_of_its_own_type():
    (e,) = _events("On 8 May 2024, in Nova Iguacu, Brazil, after the abduction of two traders (coded "
                   "separately), military police officers arrested four suspects.")
    assert e["sub_event_type"] == "Arrests"


def test_a_facility_or_home_named_before_the_town_of_the_scene_is_not_the_location():
    (hospital,) = _events("About 200 nurses protested outside the Kisumu District Hospital in Kakamega on Wednesday.")
    (home,) = _events("Youths living in Mombasa staged a protest in Malindi on Wednesday.")
    assert hospital["location"] == "Kakamega" and home["location"] == "Malindi"


def test_a_town_marked_by_a_unit_word_stays_the_scene():
    (e,) = _events("Hundreds of farmers protested in Ruiru town in Thika on Wednesday.")
    assert e["location"] == "Ruiru"
