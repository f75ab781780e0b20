"""The village tier: the WOF build script on a hand-written fixture, the romanisation tables, the village store
and the tie rule between a city and its village namesakes (hand-made gazetteers, no shipped data needed)."""

import gzip
import json

import pytest

from sitrep.coding.places import villages_build as vb
from sitrep.coding.places.gazetteer import KIND_ADMIN1, KIND_PLACE, Gazetteer
from sitrep.coding.places.gazetteer_villages import build_village_store, is_village, read_village_file
from sitrep.coding.places.mentions import Mention
from sitrep.coding.places.names import normalise
from sitrep.coding.places.romanise import russian_latin, ukrainian_latin
from sitrep.coding.places.village_tier import (
    called_village,
    nearest_to,
    plausible,
    points_to_village,
    village_over_city,
)

# ---- romanisation ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Запоріжжя", "Zaporizhzhia"), ("Хмельницький", "Khmelnytskyi"), ("Згурівка", "Zghurivka"),
    ("Єнакієве", "Yenakiieve"), ("Костянтинівка", "Kostiantynivka"), ("Ізюм", "Izium"), ("Мар’їнка", "Marinka"),
    ("Нова Каховка", "Nova Kakhovka"),
])
def test_ukrainian_follows_the_2010_table(cyrillic, latin):
    assert ukrainian_latin(cyrillic) == latin


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Белгород", "Belgorod"), ("Екатеринбург", "Yekaterinburg"), ("Ельня", "Yelnya"), ("Заречный", "Zarechnyy"),
    ("Красногвардейское", "Krasnogvardeyskoye"), ("Подъячево", "Podyachevo"),
])
def test_russian_follows_bgn_pcgn_without_diacritics(cyrillic, latin):
    assert russian_latin(cyrillic) == latin


# ---- the build script on a WOF-like folder --------------------------------------------------------------------


def _record(folder, wof_id, **props):
    props = {"wof:id": wof_id, "wof:country": "UA", **props}
    path = folder / "data" / str(wof_id)[:3] / f"{wof_id}.geojson"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"type": "Feature", "properties": props,
                                "geometry": {"type": "Point", "coordinates": [0, 0]}}), encoding="utf-8")


@pytest.fixture()
def wof_folder(tmp_path):
    repo = tmp_path / "whosonfirst-data-admin-ua"
    _record(repo, 900001, **{"wof:placetype": "region", "wof:name": "Kharkivs'ka Oblast'",
                             "name:eng_x_preferred": ["Kharkiv"]})
    _record(repo, 900002, **{"wof:placetype": "county", "wof:name": "Chuhuivskyi"})
    # A village whose WOF name is the Russian form; its Ukrainian name (Cyrillic) is the one shipped first.
    _record(repo, 900003, **{"wof:placetype": "locality", "wof:name": "Sokolovka", "mz:is_current": -1,
                             "name:ukr_x_preferred": ["Соколівка"], "name:rus_x_preferred": ["Соколовка"],
                             "name:und_x_variant": ["Sokolovka", "KHV"], "geom:latitude": 49.812345,
                             "geom:longitude": 36.7654321, "gn:population": 0,
                             "wof:concordances": {"gn:id": 700001},
                             "wof:hierarchy": [{"region_id": 900001, "county_id": 900002}]})
    # Deprecated, and a neighbourhood: neither is a village.
    _record(repo, 900004, **{"wof:placetype": "locality", "wof:name": "Staryi Khutir", "edtf:deprecated": "2019",
                             "geom:latitude": 49.9, "geom:longitude": 36.9})
    _record(repo, 900005, **{"wof:placetype": "neighbourhood", "wof:name": "Saltivka",
                             "geom:latitude": 50.0, "geom:longitude": 36.3})
    return repo


def test_build_keeps_current_localities_with_romanised_names_and_units(wof_folder, tmp_path):
    out = tmp_path / "villages"
    done = vb.build([wof_folder], out)
    assert done == {"UA": ("whosonfirst-data/whosonfirst-data-admin-ua", "folder", 1)}
    (row,) = list(read_village_file(out / "UA.tsv.gz"))
    assert row.name == "Sokolivka" and row.gn_id == 700001
    assert (row.latitude, row.longitude) == (49.8123, 36.7654)
    assert row.region == "Kharkiv" and row.county == "Chuhuivskyi"
    assert row.aliases == ("Sokolovka",)  # the code "KHV" and the duplicate are left out
    assert "UA\twhosonfirst-data/whosonfirst-data-admin-ua\tfolder\t1" in (out / "MANIFEST.tsv").read_text()


def test_build_is_deterministic(wof_folder, tmp_path):
    vb.build([wof_folder], tmp_path / "a")
    vb.build([wof_folder], tmp_path / "b")
    assert (tmp_path / "a" / "UA.tsv.gz").read_bytes() == (tmp_path / "b" / "UA.tsv.gz").read_bytes()


def test_country_comes_from_the_repository_name(tmp_path):
    assert vb.country_of(tmp_path / "whosonfirst-data+whosonfirst-data-admin-ml" / "repo") == "ML"
    with pytest.raises(ValueError):
        vb.country_of(tmp_path / "elsewhere")


# ---- the store and the tie rule on a hand-made gazetteer -------------------------------------------------------


def _gazetteer(places):
    g = Gazetteer([], [], [], [], [], [], [], [], [], {}, [], {}, {}, {})
    index = {}
    for name, cc, admin1, admin2, lat, lon, pop, kind in places:
        for column, value in ((g.name, name), (g.country, cc), (g.admin1, admin1), (g.admin2, admin2),
                              (g.latitude, lat), (g.longitude, lon), (g.population, pop), (g.kind, kind),
                              (g.seat, -1), (g.key, normalise(name))):
            column.append(value)
        index.setdefault(normalise(name), []).append(len(g.name) - 1)
    g.index = {k: tuple(v) for k, v in index.items()}
    return g


def _village_files(folder, rows):
    folder.mkdir(parents=True, exist_ok=True)
    text = "\t".join(vb.COLUMNS) + "\n" + "".join("\t".join(map(str, r)) + "\n" for r in rows)
    (folder / "UA.tsv.gz").write_bytes(gzip.compress(text.encode()))


@pytest.fixture()
def tiered(tmp_path):
    """A town "Dubove" (pop. 20,000) in Kyiv oblast, and two villages "Dubove" (Kharkiv oblast, Odesa oblast)."""
    g = _gazetteer([
        ("Dubove", "UA", "Kyiv", "Bilotserkivskyi", 49.80, 30.10, 20_000, KIND_PLACE),
        ("Kharkiv", "UA", "Kharkiv", "Kharkivskyi", 49.99, 36.23, 1_400_000, KIND_PLACE),
        ("Izium", "UA", "Kharkiv", "Iziumskyi", 49.21, 37.25, 45_000, KIND_PLACE),
        ("Odesa", "UA", "Odesa", "Odeskyi", 46.48, 30.73, 1_000_000, KIND_PLACE),
        ("Kharkiv", "UA", "Kharkiv", "", 49.99, 36.23, 1_400_000, KIND_ADMIN1),
    ])
    _village_files(tmp_path / "villages", [
        (800001, 1, "Dubove", "49.3000", "37.1000", 0, "Kharkiv", "Iziumskyi", "Dubovoye"),
        (800002, 2, "Dubove", "46.9000", "30.5000", 0, "Odesa", "Odeskyi", ""),
        (700001, 3, "Izium", "49.2100", "37.2500", 0, "Kharkiv", "Iziumskyi", "Izyum"),  # the city, by gn id
    ])
    g.villages = build_village_store(g, {700001: 2}, lambda cc, raw: raw, tmp_path / "villages")
    g.first_village = len(g.name)
    return g


def test_store_keeps_villages_apart_and_points_city_aliases_at_the_city(tiered):
    g = tiered
    villages = g.villages.lookup(g, "dubove")
    assert len(villages) == 2 and all(is_village(g, e) for e in villages)
    assert {g.admin1[e] for e in villages} == {"Kharkiv", "Odesa"}
    assert "dubove" in g.index and len(g.index["dubove"]) == 1  # the city index is unchanged
    assert g.villages.lookup(g, "izyum") == (2,)  # a WOF name the city lacked, pointing at the city
    assert g.villages.lookup(g, "izium") == ()    # its own name is the city index's business
    assert g.villages.lookup(g, "dubove") == villages  # materialised once


def _mention(text, name):
    start = text.index(name)
    return Mention(start, start + len(name), normalise(name), ())


def test_city_wins_a_tie_by_default(tiered):
    g = tiered
    text = "Protesters gathered in Dubove on Monday."
    villages = g.villages.lookup(g, "dubove")
    assert village_over_city(g, text, _mention(text, "Dubove"), 0, villages, frozenset({"dubove"}), []) is None


def test_village_wins_when_its_admin1_is_named(tiered):
    g = tiered
    text = "Shelling hit Dubove in Kharkiv oblast."
    villages = g.villages.lookup(g, "dubove")
    won = village_over_city(g, text, _mention(text, "Dubove"), 0, villages, frozenset({"kharkiv"}), [])
    assert won is not None and g.admin1[won] == "Kharkiv"


def test_village_wins_when_a_place_is_named_near_it(tiered):
    g = tiered
    text = "Troops shelled Dubove and Izium."
    villages = g.villages.lookup(g, "dubove")
    izium = (g.latitude[2], g.longitude[2])
    won = village_over_city(g, text, _mention(text, "Dubove"), 0, villages, frozenset(), [izium])
    assert won is not None and g.admin1[won] == "Kharkiv"  # the namesake 25 km from Izium, not Odesa's


def test_village_wins_when_called_a_village(tiered):
    g = tiered
    text = "Residents of the village of Dubove fled."
    m = _mention(text, "Dubove")
    assert called_village(text, m) and points_to_village(text, m)
    assert village_over_city(g, text, m, 0, g.villages.lookup(g, "dubove"), frozenset(), []) is not None


def test_bare_name_does_not_point_to_a_village(tiered):
    text = "Dubove said on Monday that talks would go on."
    assert not points_to_village(text, _mention(text, "Dubove"))


def test_villages_abroad_are_not_plausible(tiered):
    g = tiered
    villages = g.villages.lookup(g, "dubove")
    assert plausible(g, villages, frozenset({"RU"})) == ()
    assert plausible(g, (0, *villages), frozenset({"RU"})) == (0,)  # cities pass
    nearest, km = nearest_to(g, villages, [(46.48, 30.73)])
    assert g.admin1[nearest] == "Odesa" and km < 50


# ---- the finder with the shipped village files (team-written sentences) --------------------------------------


def test_finder_places_a_village_called_so_near_a_known_town():
    from sitrep.coding.places.finder import find_places

    places = find_places("Armed men attacked the village of Boni, east of Douentza, in Mopti region.")
    boni = next(p for p in places if p.location == "Boni")
    assert (boni.country, boni.admin1, boni.geo_precision) == ("Mali", "Mopti", 1)


def test_finder_keeps_a_bare_village_name_out_without_a_pointer():
    from sitrep.coding.places.finder import find_places

    # "Boni" is a village in many countries: named bare, none of them is read (the city pass is unchanged).
    assert "Boni" not in [p.location for p in find_places("Boni said the talks would resume next week.")]
