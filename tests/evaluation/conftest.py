"""Tiny gold sets written for these tests (invented texts; nothing from ../shared/eval)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
                "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
                "notes,fatalities,tags,timestamp")
# Article A has two gold events (one text split over two towns); article B has one.
TEXT_A = "On 3 March 2022, soldiers fought rebels in Alpha town and Beta village (Northland). 2 were killed."
TEXT_B = "On 5 March 2022, teachers marched in Gamma city (Southland) demanding pay. [size=no report]"
ACLED_ROWS = [
    f'TST1,2022-03-03,2022,1,Political violence,Battles,Armed clash,Military Forces of Testland (2010-),,1,'
    f'Rebel Army,,2,12,,999,Nowhere,Testland,Northland,,,Alpha,10.0,20.0,1,Daily Test; Other Paper,National,'
    f'"{TEXT_A}",2,,1646438400',
    f'TST2,2022-03-03,2022,1,Political violence,Battles,Armed clash,Military Forces of Testland (2010-),,1,'
    f'Rebel Army,,2,12,,999,Nowhere,Testland,Northland,,,Beta,10.5,20.5,2,Daily Test; Other Paper,National,'
    f'"{TEXT_A}",0,,1646438400',
    f'TST3,2022-03-05,2022,1,Demostrations,Protests,Peaceful protest,Protesters (Testland),Teachers (Testland),6,'
    f',,0,60,,999,Nowhere,Testland,Southland,,,Gamma,-5.0,30.0,1,Gamma Herald,Subnational,"{TEXT_B}",0,,1646524800',
]

CASE_TSV = (
    "id\tsnippet\tcase_label\tsub_event_type\n"
    "1\tPolice fired tear gas at marchers in the square.\tPROTEST_WITH_INTERVENTION\tProtest with intervention\n"
    "2\tRebels shelled the outskirts of the town overnight.\tARTILLERY_MISSILE_ATTACK\t"
    "Shelling/artillery/missile attack\n"
    "3\tA flood swept away two bridges.\tNATURAL_DISASTER\t\n"
    "4\tThousands rallied peacefully for new elections.\tPEACEFUL_PROTEST\tPeaceful protest\n"
)

SEED_TEXT = (" date 2025-02-07 Army says it repelled attack near Testville\n\n"
             "The army said on Thursday it repelled an attack near Testville. "
             "More than 200 people were evacuated, officials said.\n")
SEED_GOLD = {
    "article": "000_test.txt", "published": "2025-02-07", "outlet": "Test Wire", "source_scale": "International",
    "events": [{
        "event_date": "2025-02-06", "accept_dates": ["2025-02-05", "2025-02-06"], "time_precision": 1,
        "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actors": ["Military Forces of Testland (2010-)", "Rebel Army"],
        "inter": {"Military Forces of Testland (2010-)": "State forces", "Rebel Army": "Rebel group"},
        "interaction": "State forces-Rebel group", "country": "Testland", "admin1": "Northland",
        "location": "Testville", "latitude": 10.0, "longitude": 20.0, "accept_within_km": 20,
        "geo_precision": 2, "fatalities": 0,
    }],
    "figures": [{"kind": "evacuated", "value": 200, "qualifier": "more than", "who": "officials"}],
    "not_events": ["the statement itself"],
}


@pytest.fixture
def acled_csv(tmp_path: Path) -> Path:
    path = tmp_path / "gold.csv"
    path.write_text("\n".join([ACLED_HEADER, *ACLED_ROWS]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def case_tsv(tmp_path: Path) -> Path:
    path = tmp_path / "snippets.tsv"
    path.write_text(CASE_TSV, encoding="utf-8")
    return path


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    folder.mkdir()
    (folder / "000_test.txt").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "gold.json").write_text(json.dumps(SEED_GOLD), encoding="utf-8")
    return folder


# Gold articles (JSONL records with a `gold` member), with the rows a coder might predict for them. The
# expected scores are worked out by hand in test_article_scoring.py.
VAC, ERV = "Violence against civilians", "Explosions/Remote violence"
MUC_SCOPE = [VAC, ERV]


def gold_event(types: list[str], date_from: str | None, date_to: str | None = None, places: tuple[str, ...] = (),
               fatalities: int | None = None, optional: bool = False, country: str = "Testland") -> dict:
    return {"event_type": types, "sub_event_type": None, "date_from": date_from, "date_to": date_to or date_from,
            "country": country, "places": list(places), "fatalities": fatalities, "actors": [], "optional": optional}


def gold_article(article_id: str, text: str, has_event: bool | None, scope: list[str] | None,
                 events: list[dict]) -> dict:
    return {"id": article_id, "published": "2021-05-08", "title": "", "text": text, "outlet": "Test Wire",
            "url": "", "gold": {"has_event": has_event, "scope": scope, "events": events}}


GOLD_ARTICLES = [
    gold_article("art-1", "Gunmen attacked a bus near Ñorville and a bomb went off in Beta.", True, MUC_SCOPE, [
        gold_event([VAC, ERV], "2021-05-03", "2021-05-05", ("Northland", "Ñorville"), fatalities=2),
        gold_event([ERV], "2021-05-04", places=("Beta",)),
        gold_event([VAC], "2021-05-01", optional=True),
    ]),
    gold_article("art-2", "The minister opened a new school in Delta.", False, MUC_SCOPE, []),
    gold_article("art-3", "A kidnapping was reported, date unknown.", None, MUC_SCOPE,
                 [gold_event([VAC], None, optional=True)]),
    gold_article("art-4", "Teachers marched in Gamma.", True, None,
                 [gold_event(["Protests"], "2021-07-01", places=("Gamma",), fatalities=0)]),
    gold_article("art-5", "Rebels burned a village in Epsilon.", True, MUC_SCOPE,
                 [gold_event([VAC], "2021-05-07", places=("Epsilon",))]),
    gold_article("art-6", "Soldiers and rebels fought near Zeta.", False, MUC_SCOPE, []),
]


def predicted(article_id: str, event_type: str, sub_event_type: str, event_date: str, quote: str,
              country: str = "Testland", location: str = "", place_text: str = "", fatalities: int = 0,
              admin1: str = "") -> dict:
    return {"article_id": article_id, "event_type": event_type, "sub_event_type": sub_event_type,
            "event_date": event_date, "country": country, "admin1": admin1, "admin2": "", "admin3": "",
            "location": location, "place_text": place_text, "fatalities": fatalities, "quote": quote}


PREDICTIONS = [
    predicted("art-1", VAC, "Attack", "2021-05-06", "Gunmen attacked a bus", country="TESTLAND",
              location="Norville", fatalities=2),
    predicted("art-1", ERV, "Remote explosive/landmine/IED", "2021-05-10", "a bomb went off",
              location="Northland", place_text="near Beta village", fatalities=0),
    predicted("art-1", VAC, "Attack", "2021-05-01", "an earlier attack"),
    predicted("art-1", "Battles", "Armed clash", "2021-05-04", "troops fought back"),
    predicted("art-1", VAC, "Attack", "2021-06-01", "a later attack abroad", country="Otherland"),
    predicted("art-2", ERV, "Remote explosive/landmine/IED", "2021-05-08", "opened a new school"),
    predicted("art-2", VAC, "Attack", "2021-05-08", "the minister opened"),
    predicted("art-2", "Battles", "Armed clash", "2021-05-08", "a new school"),
    predicted("art-3", VAC, "Abduction/forced disappearance", "2021-05-08", "A kidnapping was reported"),
    predicted("art-4", "Protests", "Peaceful protest", "2021-07-02", "Teachers marched", location="Delta",
              admin1="Gamma Province", fatalities=1),
    predicted("art-6", "Battles", "Armed clash", "2021-05-08", "Soldiers and rebels fought"),
]


@pytest.fixture
def gold_articles_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "gold_articles.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in GOLD_ARTICLES), encoding="utf-8")
    return path
