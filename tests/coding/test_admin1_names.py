"""ACLED's admin1 names for GeoNames units, region by region: the exceptions of admin1_names.csv, the units ACLED
divides (admin1_splits.csv) and the places that end up in them in the built gazetteer."""

import csv

import pytest

from sitrep.coding.places.gazetteer_build import Admin1Naming, split_admin1
from sitrep.coding.places.gazetteer_cache import get_gazetteer
from sitrep.coding.places.gazetteer_sources import ADMIN1_NAMES_CSV, read_admin1_overrides, read_admin1_splits


@pytest.fixture(scope="module")
def naming() -> Admin1Naming:
    return Admin1Naming(read_admin1_overrides())


@pytest.mark.parametrize("cc, geonames, acled", [
    # Africa
    ("ZA", "Orange Free State", "Free State"), ("KE", "Tharaka District", "Tharaka-Nithi"),
    ("TD", "Biltine", "Wadi Fira"), ("ML", "Tombouctou", "Timbuktu"), ("DZ", "Wilaya de M'Sila", "M'Sila"),
    ("CI", "Dix-Huit Montagnes", "Montagnes"), ("CI", "Worodougou", "Woroba"), ("CI", "Sud-Comoe", "Comoe"),
    ("CI", "Haut-Sassandra", "Sassandra-Marahoue"), ("NG", "Borno", "Borno"), ("NG", "Nassarawa", "Nasarawa"),
    ("BJ", "Queme", "Oueme"), ("CM", "Far North", "Extreme-Nord"),
    # Middle East
    ("SA", "Mintaqat `Asir", "Asir"), ("AE", "Ash Shariqah", "Sharjah"), ("OM", "Zufar", "Dhofar"),
    ("SY", "Idlib", "Idleb"),
    # Asia
    ("TH", "Changwat Ubon Ratchathani", "Ubon Ratchathani"), ("VN", "Huyen Dien Bien", "Dien Bien"),
    ("KP", "Hamgyong-bukto", "North Hamgyong"), ("BT", "Samchi", "Samtse"), ("MN", "OEmnoegovi", "Omnogovi"),
    ("IN", "Daman and Diu", "Dadra and Nagar Haveli and Daman and Diu"), ("HK", "Wanchai", "Wan Chai"),
    # Caucasus, Central Asia and Europe
    ("KZ", "Ongtustik Qazaqstan", "Turkistan"), ("KG", "Ysyk-Koel", "Issyk-Kul"), ("TJ", "Viloyati Sughd", "Sughd"),
    ("AM", "Syunik'i Marz", "Syunik"), ("RU", "North Ossetia", "Republic of North Ossetia-Alania"),
    ("RU", "Khanty-Mansiyskiy Avtonomnyy Okrug", "Khanty-Mansi"), ("EE", "Ida-Virumaa", "Ida-Viru"),
    ("HU", "Csongrad", "Csongrad-Csanad"), ("UA", "Kiev", "Kyiv"),
    # Americas
    ("HT", "Grandans", "Grand'Anse"), ("BO", "El Beni", "Beni"), ("JM", "St. Elizabeth", "Saint Elizabeth"),
    ("NI", "Atlantico Norte (RAAN)", "Atlantico Norte"), ("MX", "Veracruz", "Veracruz de Ignacio de la Llave"),
])
def test_acled_spelling_of_geonames_admin1(naming, cc, geonames, acled):
    assert naming.acled(cc, geonames) == acled


@pytest.mark.parametrize("cc, unit, lat, lon, acled", [
    ("CI", "Lagunes", 5.34, -4.03, "Abidjan"), ("CI", "Lagunes", 5.93, -4.22, "Lagunes"),
    ("CI", "Lacs", 6.82, -5.28, "Yamoussoukro"), ("CI", "Lacs", 6.65, -4.71, "Lacs"),
    ("GH", "Northern", 9.08, -1.82, "Savannah"), ("GH", "Northern", 10.50, -0.38, "North East"),
    ("GH", "Northern", 9.40, -0.85, "Northern"), ("GH", "Brong-Ahafo", 7.59, -1.94, "Bono East"),
    ("GH", "Volta", 8.07, 0.18, "Oti"), ("GH", "Western", 6.21, -2.49, "Western North"),
    ("ZM", "Northern", -10.55, 32.07, "Muchinga"), ("ZM", "Northern", -10.21, 31.18, "Northern"),
    ("BD", "Dhaka", 24.75, 90.40, "Mymensingh"), ("BD", "Dhaka", 23.81, 90.41, "Dhaka"),
    ("MM", "Mandalay", 19.75, 96.12, "Nay Pyi Taw"), ("IN", "Jammu and Kashmir", 34.16, 77.58, "Ladakh"),
    ("IN", "Jammu and Kashmir", 34.08, 74.80, "Jammu and Kashmir"), ("ML", "Gao", 15.92, 2.40, "Menaka"),
    ("ML", "Gao", 16.27, -0.04, "Gao"), ("TZ", "Mbeya", -9.30, 32.77, "Songwe"),
    ("KG", "Chui", 42.87, 74.60, "Bishkek"),
    ("PE", "Lima", -12.05, -77.13, "Callao"), ("PA", "Panama", 8.88, -79.78, "Panama Oeste"),
    ("PA", "Panama", 8.98, -79.52, "Panama"),
])
def test_units_acled_divides_go_to_the_nearest_anchor(cc, unit, lat, lon, acled):
    assert split_admin1(read_admin1_splits()[(cc, unit)], lat, lon) == acled


@pytest.mark.parametrize("place, cc, acled", [
    ("bouake", "CI", "Vallee du Bandama"), ("man", "CI", "Montagnes"), ("abidjan", "CI", "Abidjan"),
    ("tamale", "GH", "Northern"), ("techiman", "GH", "Bono East"), ("bloemfontein", "ZA", "Free State"),
    ("mymensingh", "BD", "Mymensingh"), ("leh", "IN", "Ladakh"), ("timbuktu", "ML", "Timbuktu"),
    ("hat yai", "TH", "Songkhla"), ("sharjah", "AE", "Sharjah"), ("salalah", "OM", "Dhofar"),
    ("tunduma", "TZ", "Songwe"), ("bishkek", "KG", "Bishkek"), ("callao", "PE", "Callao"), ("lima", "PE", "Lima"),
    ("la chorrera", "PA", "Panama Oeste"), ("fes", "MA", "Fes-Meknes"), ("ouarzazate", "MA", "Draa-Tafilalet"),
    ("agadir", "MA", "Souss-Massa"), ("babanusa", "SD", "West Kordofan"), ("kadugli", "SD", "South Kordofan"),
    ("mazatenango", "GT", "Suchitepequez"),
])
def test_places_in_the_gazetteer_carry_acled_admin1(place, cc, acled):
    g = get_gazetteer()
    found = [e for e in g.index.get(place, ()) if g.country[e] == cc]
    assert found, place
    assert g.admin1[max(found, key=lambda e: g.population[e])] == acled


def test_no_geonames_name_is_given_two_acled_names():
    lines = [line for line in ADMIN1_NAMES_CSV.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.reader(lines))[1:]
    seen: dict[tuple[str, str], str] = {}
    for cc, geonames, acled in rows:
        assert seen.setdefault((cc, geonames), acled) == acled, (cc, geonames)


@pytest.mark.parametrize("cc, geonames_name, acled", [
    ("GH", "northern", "Northern"), ("ZM", "northern", "Northern"), ("PE", "lima", "Lima"), ("KG", "chui", "Chui"),
    ("CI", "lagunes", "Lagunes"), ("SN", "tambacounda", "Tambacounda"), ("GH", "volta", "Volta"),
])
def test_a_split_units_old_name_finds_the_unit_that_keeps_it(cc, geonames_name, acled):
    g = get_gazetteer()
    assert g.admin1[g.admin1_units[(cc, geonames_name)]] == acled
