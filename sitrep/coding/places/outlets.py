"""The country a news outlet mostly reports on, read from resources/outlets.csv.

A national newspaper, broadcaster or agency mostly reports its own country, so its country is a weak prior for
places the text leaves ambiguous (Tripoli: Lebanon or Libya). The CSV is analyst-editable: one row per outlet
with `aliases` joined by "|", the ACLED `country` (empty for international outlets such as wire services,
which report everywhere) and optional web domains (`domain`, joined by "|"). Lines whose outlet starts with "#"
are comments.

Resolution order: the outlet's name ("X (Country)" names its country outright), then the article URL's domain,
then a country named in the outlet's own name ("Kenya News Agency"), then the URL's country-code domain.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from typing import NamedTuple
from urllib.parse import urlsplit

from sitrep.coding.countries import all_countries, country_by_iso2, country_by_name
from sitrep.coding.resource_tables import TABLES
from sitrep.settings import RESOURCES_DIR

OUTLETS_CSV = RESOURCES_DIR / "outlets.csv"

# Country-code domains sold worldwide as generic ones (.tv, .io, .me …): they say where a site is only under a
# national second level ("com.co" is Colombian, "x.co" is anyone's).
_GENERIC_CCTLDS = frozenset({"tv", "io", "co", "me", "fm", "ai", "cc", "ws", "to", "nu", "gg", "im", "st", "sh",
                             "ac", "vc", "ms", "pw", "tk", "cf", "gq", "eu", "su"})
_NATIONAL_SECOND_LEVEL = frozenset({"com", "co", "gov", "gob", "org", "net", "edu", "ac", "go", "or", "ne", "info"})
# The few ccTLDs that are not the country's ISO code.
_TLD_ISO2 = {"uk": "GB"}
# Ambiguous names (several outlets of that name in different countries) are marked with this.
_AMBIGUOUS = "?"

_PARENTHESIS = re.compile(r"\(([^()]*)\)\s*$")


def normalise_outlet(name: str) -> str:
    """A lookup key: lower case, no accents or punctuation, "&" as "and", no leading "the"."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text.replace("'", "").replace("’", ""))
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _host(domain_or_url: str) -> str:
    """The host of a URL or bare domain, lower case, without "www." and port."""
    text = (domain_or_url or "").strip().lower()
    if not text:
        return ""
    host = urlsplit(text if "//" in text else "//" + text).hostname or ""
    return host[4:] if host.startswith("www.") else host


class OutletTables(NamedTuple):
    """Countries by outlet name key and by web domain: "" for international outlets, "?" for a clash."""
    by_name: dict[str, str]
    by_domain: dict[str, str]


class CountryWords(NamedTuple):
    pattern: re.Pattern[str]       # every word below, longest first
    country: dict[str, str]        # normalised country name, alias or demonym → ACLED name ("?" for a clash)


def _tables() -> OutletTables:
    return TABLES.get(_load_tables)


def _load_tables() -> OutletTables:
    """(name key → country, domain → country); country "" for international outlets, "?" for a clash."""
    by_name: dict[str, str] = {}
    by_domain: dict[str, str] = {}

    def put(table: dict[str, str], key: str, country: str) -> None:
        if key:
            table[key] = country if table.get(key, country) == country else _AMBIGUOUS

    with open(OUTLETS_CSV, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("outlet") or "").strip()
            if not name or name.startswith("#"):
                continue
            country_name = (row.get("country") or "").strip()
            found = country_by_name(country_name) if country_name else None
            if country_name and found is None:  # a typo would silently make a national outlet international
                raise ValueError(f"{OUTLETS_CSV}: outlet {name!r} has unknown country {country_name!r}")
            country = found.name if found is not None else ""
            for alias in (name, *(row.get("aliases") or "").split("|")):
                put(by_name, normalise_outlet(alias), country)
            for domain in (row.get("domain") or "").split("|"):
                put(by_domain, _host(domain), country)
    return OutletTables(by_name, by_domain)


def _named_country(words: str) -> str | None:
    """The country words spell outright: "Nigeria", "DR Congo", "DRC" (ACLED name, alias or upper-case code)."""
    words = words.strip()
    country = country_by_name(words) if len(words) > 3 or words.isupper() else None
    return country.name if country is not None else None


def _country_words() -> CountryWords:
    return TABLES.get(_load_country_words)


def _load_country_words() -> CountryWords:
    """Country names, aliases and demonyms as normalised words → ACLED name, longest first."""
    words: dict[str, str] = {}
    for country in all_countries():
        for form in (country.name, *country.aliases, *country.demonyms):
            key = normalise_outlet(form)
            if len(key) > 3:  # "UK", "DRC": too short to trust inside an outlet's name
                words[key] = country.name if words.get(key, country.name) == country.name else _AMBIGUOUS
    alternatives = sorted(words, key=len, reverse=True)
    return CountryWords(re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b"), words)


def _country_in_name(key: str) -> str | None:
    """The one country an outlet's name contains ("kenya news agency", "nigerian tribune"), else None."""
    pattern, words = _country_words()
    found = {words[m.group(0)] for m in pattern.finditer(key)}
    return found.pop() if len(found) == 1 and _AMBIGUOUS not in found else None


class DomainCountry(NamedTuple):
    known: bool               # the host (or a parent domain) is in the table
    country: str | None       # its country (None: international or ambiguous)


def _domain_country(host: str) -> DomainCountry:
    """Whether a host is listed in the table (it or any parent domain), and its country."""
    by_domain = _tables().by_domain
    labels = host.split(".")
    for i in range(len(labels) - 1):
        country = by_domain.get(".".join(labels[i:]))
        if country is not None:
            return DomainCountry(True, (country or None) if country != _AMBIGUOUS else None)
    return DomainCountry(False, None)


def _cctld_country(host: str) -> str | None:
    """The country of a country-code top-level domain (lemonde.fr, bbc.co.uk, punchng.com.ng); None if generic."""
    labels = host.split(".")
    if len(labels) < 2:
        return None
    tld = labels[-1]
    if len(tld) != 2:
        return None  # .com, .org, .news …
    if tld in _GENERIC_CCTLDS and not (len(labels) >= 3 and labels[-2] in _NATIONAL_SECOND_LEVEL):
        return None
    country = country_by_iso2(_TLD_ISO2.get(tld, tld.upper()))
    return country.name if country is not None else None


def outlet_country(outlet: str, url: str | None = None) -> str | None:
    """The ACLED country an outlet mostly reports on, or None (international, ambiguous or unknown)."""
    by_name = _tables().by_name
    name = (outlet or "").strip()
    paren = _PARENTHESIS.search(name)
    if paren:
        # "Guardian (Nigeria)": the outlet's own country, as ACLED source names write it.
        named = _named_country(paren.group(1))
        if named:
            return named
    for candidate in (name, name[:paren.start()] if paren else ""):
        key = normalise_outlet(candidate)
        if key in by_name:
            country = by_name[key]
            return country if country and country != _AMBIGUOUS else None
    host = _host(url or "")
    if host:
        known, domain_country = _domain_country(host)
        if known:
            return domain_country
    in_name = _country_in_name(normalise_outlet(name)) if name else None
    if in_name:
        return in_name
    return _cctld_country(host) if host else None
