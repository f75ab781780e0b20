"""Outlet → country prior: the table, name/URL resolution, and its weak effect on place resolution."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitrep.coding.coder import code_article
from sitrep.coding.countries import country_by_name
from sitrep.coding.places import find_places, outlets
from sitrep.coding.places.outlets import normalise_outlet, outlet_country
from sitrep.coding.resource_tables import TABLES

TINY_TABLE = """outlet,aliases,country,domain
# comment lines start with a hash
Wire Service One,WSO,,wireone.example
The Morning Herald,Morning Herald Daily,Kenya,morningherald.example
Evening Star,,Ghana,
Evening Star,,Malawi,
Le Quotidien Élégant,,France,quotidien.example|quotidien-elegant.example
"""


@pytest.fixture
def tiny_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "outlets.csv"
    path.write_text(TINY_TABLE, encoding="utf-8")
    monkeypatch.setattr(outlets, "OUTLETS_CSV", path)
    TABLES.clear()
    yield path
    TABLES.clear()


def test_normalise_outlet_folds_case_accents_article_and_punctuation():
    assert normalise_outlet("  The Morning-Herald!  ") == "morning herald"
    assert normalise_outlet("Le Quotidien Élégant") == "le quotidien elegant"
    assert normalise_outlet("Mail & Guardian") == "mail and guardian"
    assert normalise_outlet("L'Avenir") == "lavenir"


def test_name_and_alias_match_in_any_spelling(tiny_table: Path):
    assert outlet_country("Morning Herald") == "Kenya"
    assert outlet_country("the morning herald") == "Kenya"
    assert outlet_country("MORNING HERALD DAILY") == "Kenya"
    assert outlet_country("Le Quotidien Elegant") == "France"


def test_international_and_ambiguous_outlets_give_no_country(tiny_table: Path):
    assert outlet_country("Wire Service One") is None
    assert outlet_country("WSO", "https://www.wireone.example/world/article") is None
    assert outlet_country("Evening Star") is None  # two countries have one: no prior


def test_international_outlet_wins_over_its_country_code_domain(tiny_table: Path):
    # A wire service's national edition is still a wire service.
    assert outlet_country("Wire Service One", "https://wireone.example.fr/") is None


def test_parenthesis_names_the_country_outright(tiny_table: Path):
    assert outlet_country("Evening Star (Ghana)") == "Ghana"
    assert outlet_country("Sunrise Post (DRC)") == "Democratic Republic of Congo"
    assert outlet_country("Morning Herald (weekend edition)") == "Kenya"


def test_domain_of_url_then_country_code_domain(tiny_table: Path):
    assert outlet_country("", "https://www.morningherald.example/news/1") == "Kenya"
    assert outlet_country("Unknown Site", "https://live.quotidien-elegant.example/a") == "France"
    assert outlet_country("Unknown Site", "https://journal-local.fr/faits-divers") == "France"
    assert outlet_country("Unknown Site", "https://www.paper.co.uk/a") == "United Kingdom"
    assert outlet_country("Unknown Site", "http://dailyblog.com.ng/x") == "Nigeria"
    assert outlet_country("Unknown Site", "https://citynews.in/story") == "India"
    assert outlet_country("Unknown Site", "https://portal.com.co/") == "Colombia"


def test_generic_domains_give_no_country(tiny_table: Path):
    assert outlet_country("Unknown Site", "https://worldnews.com/a") is None
    assert outlet_country("Unknown Site", "https://stream.tv/a") is None
    assert outlet_country("Unknown Site", "https://short.co/a") is None
    assert outlet_country("Unknown Site", "not a url") is None
    assert outlet_country("", None) is None


def test_country_named_in_the_outlet_name(tiny_table: Path):
    assert outlet_country("Nigerian Evening Courier") == "Nigeria"
    assert outlet_country("South Sudan Weekly") == "South Sudan"  # not Sudan
    assert outlet_country("Kenya and Uganda Review") is None      # two countries: no prior


def test_unknown_country_in_table_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "outlets.csv"
    path.write_text("outlet,aliases,country,domain\nSome Paper,,Atlantis,\n", encoding="utf-8")
    monkeypatch.setattr(outlets, "OUTLETS_CSV", path)
    TABLES.clear()
    with pytest.raises(ValueError, match="Atlantis"):
        outlet_country("Some Paper")
    TABLES.clear()


def test_shipped_table_is_large_valid_and_knows_major_outlets():
    path = outlets.OUTLETS_CSV
    with open(path, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["outlet"] and not r["outlet"].startswith("#")]
    assert len(rows) >= 500
    countries = {r["country"] for r in rows if r["country"]}
    assert len(countries) >= 120
    for r in rows:
        if r["country"]:
            assert country_by_name(r["country"]) is not None and country_by_name(r["country"]).name == r["country"]
    assert outlet_country("Reuters") is None
    assert outlet_country("Agence France-Presse") is None
    assert outlet_country("Premium Times") == "Nigeria"
    assert outlet_country("L'Orient-Le Jour") == "Lebanon"
    assert outlet_country("Ukrinform") == "Ukraine"


# Place resolution: the outlet's country settles namesakes, and nothing else.
PROTEST = "Dozens of residents protested in Tripoli on Monday against power cuts."


def _countries(text: str, prior: str | None) -> list[str]:
    return [p.country for p in find_places(text, prior_country=prior)]


def test_prior_decides_between_namesakes():
    assert _countries(PROTEST, None) == ["Libya"]
    assert _countries(PROTEST, "Lebanon") == ["Lebanon"]
    assert _countries("Students marched in Laval on Friday.", "France") == ["France"]
    assert _countries("Farmers blocked a road in Beja.", "Portugal") == ["Portugal"]
    assert _countries("Farmers blocked a road in Beja.", "Tunisia") == ["Tunisia"]


def test_prior_never_overrides_the_texts_country():
    assert _countries("Dozens of residents protested in Tripoli, Libya, on Monday.", "Lebanon")[0] == "Libya"
    assert _countries("Libyan militias clashed in Tripoli on Monday.", "Lebanon") == ["Libya"]


def test_prior_keeps_unique_places_abroad():
    assert _countries("Gunmen attacked a bus near Kharkiv.", "France") == ["Ukraine"]


def test_coder_reads_the_outlet():
    article = {"id": "t1", "text": "On 3 May 2024, dozens of residents protested in Tripoli against power cuts.",
               "published": "2024-05-04", "outlet": "L'Orient-Le Jour"}
    events = code_article(article).events
    assert events and events[0]["country"] == "Lebanon"
    events = code_article({**article, "outlet": "Reuters"}).events
    assert events and events[0]["country"] == "Libya"
