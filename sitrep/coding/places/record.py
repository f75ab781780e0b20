"""The Place record (ACLED's location columns) and making one from a gazetteer entry or a country."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.coding.countries import Country, country_by_iso2
from sitrep.coding.places.gazetteer import KIND_ADMIN1, KIND_ADMIN2, KIND_NAMES, KIND_PLACE, Gazetteer
from sitrep.coding.places.tables import largest_city, name_key, place_words


@dataclass(frozen=True)
class Place:
    location: str
    admin1: str
    admin2: str
    admin3: str
    country: str
    iso: int
    iso3: str
    region: str
    latitude: float
    longitude: float
    geo_precision: int
    text: str
    start: int
    end: int
    population: int
    kind: str            # "populated place" | "admin1" | "admin2" | "country"
    cue: str = ""        # the wording that introduced it: "in", "near", "unit", "paren", "" (bare mention)


def place_from_entry(g: Gazetteer, entry: int, text: str, start: int, end: int, precision: int, cue: str) -> Place:
    country = country_by_iso2(g.country[entry])
    seat = g.seat[entry]
    at = seat if seat >= 0 else entry
    kind = g.kind[entry]
    admin1, admin2 = g.admin1[entry], g.admin2[entry] if kind != KIND_ADMIN1 else ""
    territories = place_words().territories
    if g.country[entry] in territories:
        cc, admin1 = territories[g.country[entry]]
        country, admin2 = country_by_iso2(cc), g.admin1[entry]
        kind = KIND_PLACE if kind == KIND_ADMIN1 else kind
    lat, lon = g.latitude[at], g.longitude[at]
    return Place(
        location=g.name[at], admin1=admin1, admin2=admin2,
        admin3="", country=country.name if country else g.country[entry], iso=country.iso if country else 0,
        iso3=country.iso3 if country else "", region=country.region if country else "",
        latitude=lat, longitude=lon,
        geo_precision=3 if kind == KIND_ADMIN1 else (max(2, precision) if kind == KIND_ADMIN2 else precision),
        text=text[start:end], start=start, end=end, population=g.population[at], kind=KIND_NAMES[kind], cue=cue)


def country_place(g: Gazetteer, country: Country, text: str, start: int, end: int, cue: str) -> Place:
    # A country named as a place is coded to its largest city: the best point ACLED-style precision allows.
    same_name = [e for e in g.index.get(name_key(country.name), ()) if g.country[e] == country.iso2]
    if country.iso2 in place_words().territories and same_name:
        return place_from_entry(g, same_name[0], text, start, end, 3, cue)
    if same_name and g.kind[same_name[0]] != KIND_ADMIN1:
        # City-states and capitals named like their country (Luxembourg, Djibouti, Kuwait): the city.
        place = place_from_entry(g, same_name[0], text, start, end, 3, cue)
        return Place(**{**place.__dict__, "kind": "country"})
    seat = largest_city().get(country.iso2)
    lat, lon = (g.latitude[seat], g.longitude[seat]) if seat is not None else (0.0, 0.0)
    return Place(location=country.name, admin1="", admin2="", admin3="", country=country.name, iso=country.iso,
                 iso3=country.iso3, region=country.region, latitude=lat, longitude=lon, geo_precision=3,
                 text=text[start:end], start=start, end=end, population=0, kind="country", cue=cue)
