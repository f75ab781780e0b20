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
    "2\tRebels shelled the outskirts of the town overnight.\tARTILLERY_MISSILE_ATTACK\tShelling/artillery/missile attack\n"
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
