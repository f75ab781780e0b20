"""The named-actor dictionary (resources/actors/*.csv, one file a world region) read as a whole: every row
well-formed, in the file of its region, and no alias that two actors claim in the same place and time."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from itertools import combinations

import pytest

from sitrep.coding.actors.data import NAMED_ACTOR_COLUMNS, named_actor_files, read_named_actors, split_cell
from sitrep.coding.actors.phrases import word_tokens
from sitrep.settings import RESOURCES_DIR

INTER_CODES = {"State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
               "Civilians", "External/Other forces"}
ROLES = {"", "party", "umbrella"}
EVERYWHERE = frozenset({"*"})


def _regions() -> dict[str, str]:
    with open(RESOURCES_DIR / "countries.csv", newline="", encoding="utf-8") as f:
        return {r["country"]: r["region"] for r in csv.DictReader(f)}


def _slug(region: str) -> str:
    return "_".join("".join(c if c.isalpha() else " " for c in region.lower()).split())


ROWS = read_named_actors()


def test_the_loader_reads_every_region_file():
    files = named_actor_files()
    assert len(files) >= 12
    stems = {r["file"] for r in ROWS}
    assert stems == {f.stem for f in files}  # no file is empty or skipped
    assert len(ROWS) >= 1500


def test_a_file_with_other_columns_is_an_error(tmp_path):
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "a_region.csv").write_text("name,inter,country\nX,Rebel group,Mali\n", encoding="utf-8")
    with pytest.raises(ValueError, match="a_region.csv: columns"):
        read_named_actors(tmp_path)
    header = ",".join(NAMED_ACTOR_COLUMNS)
    (tmp_path / "actors" / "a_region.csv").write_text(f"{header}\nX,Rebel group,Mali,,X,,,,\n", encoding="utf-8")
    (tmp_path / "actors" / "b_region.csv").write_text(f"{header}\nY,Rebel group,Niger,,Y,,,,\n", encoding="utf-8")
    assert [(r["name"], r["file"]) for r in read_named_actors(tmp_path)] == [("X", "a_region"), ("Y", "b_region")]


def test_every_row_is_well_formed():
    regions = _regions()
    bad = []
    for r in ROWS:
        where = split_cell(r["where"])
        problems = [
            r["inter"] not in INTER_CODES and f"inter {r['inter']!r}",
            r["role"] not in ROLES and f"role {r['role']!r}",
            r["country"] and r["country"] not in regions and f"country {r['country']!r}",
            any(c not in regions for c in where) and f"where {where}",
            not r["name"].strip() and "no name",
            not split_cell(r["aliases"]) and "no aliases",
            not r["country"] and "{country}" not in r["name"] and r["inter"] not in ("External/Other forces",
                                                                                     "Rebel group",
                                                                                     "Political militia")
            and "no home country",
        ]
        since, until = (date.fromisoformat(r[k]) if r[k] else None for k in ("since", "until"))
        if since and until and since >= until:
            problems.append("since after until")
        if any(problems):
            bad.append((r["file"], r["name"], [p for p in problems if p]))
    assert not bad


def test_each_row_is_in_the_file_of_its_region():
    regions = _regions()
    misplaced = []
    for r in ROWS:
        countries = [r["country"]] if r["country"] else split_cell(r["where"]) if "{country}" in r["name"] else []
        expected = {_slug(regions[c]) for c in countries if c in regions}
        want = expected.pop() if len(expected) == 1 else "international"
        if r["file"] != want:
            misplaced.append((r["file"], r["name"], want))
    assert not misplaced


def _scope(row: dict[str, str], alias: str) -> frozenset[str]:
    """Where an alias names its row, as the phrase table applies it (phrases._add_named)."""
    where = frozenset(split_cell(row["where"]))
    if where:
        return where
    if row["country"] and alias[:1].islower():
        return frozenset({row["country"]})
    return EVERYWHERE


def _same_actor(a: dict[str, str], b: dict[str, str]) -> bool:
    """One actor under two rows: the same name, or a "({country})" template and its name in the other's home."""
    if a["name"] == b["name"]:
        return True
    for t, o in ((a, b), (b, a)):
        if "{country}" in t["name"] and o["country"] and t["name"].format(country=o["country"]) == o["name"]:
            return True
    return False


def _periods_overlap(a: dict[str, str], b: dict[str, str]) -> bool:
    lo = max(a["since"] or "0000", b["since"] or "0000")
    hi = min(a["until"] or "9999", b["until"] or "9999")
    return lo < hi


def _claims() -> dict[tuple[str, ...], list[tuple[dict[str, str], str]]]:
    claims: dict[tuple[str, ...], list[tuple[dict[str, str], str]]] = defaultdict(list)
    for r in ROWS:
        for alias in split_cell(r["aliases"]):
            claims[tuple(t.lower() for t in word_tokens(alias))].append((r, alias))
    return claims


def test_no_alias_names_two_actors_in_the_same_place_and_time():
    """Two rows may share an alias only when told apart: by where it applies (a country-specific alias is tried
    before one of no country, so those two do not clash), by period, or by being one actor."""
    clashes = []
    for key, claims in _claims().items():
        for (a, alias_a), (b, alias_b) in combinations(claims, 2):
            if _same_actor(a, b) or not _periods_overlap(a, b):
                continue
            sa, sb = _scope(a, alias_a), _scope(b, alias_b)
            if (sa == EVERYWHERE) != (sb == EVERYWHERE):
                continue  # the country-specific one wins where it applies
            if sa == EVERYWHERE or sa & sb:
                clashes.append((" ".join(key), a["name"], b["name"]))
    assert not clashes, clashes[:40]


def test_one_word_aliases_that_are_english_words_apply_only_where_the_row_says():
    """A capitalised alias matches in any case; one that is also a common English word ("Platform", "Ensemble")
    would name the group in every text, so it must carry the countries where it stands for the group."""
    from sitrep.coding.casing_dictionary import english_zipf

    zipf = english_zipf()
    if not zipf:
        pytest.skip("pyspellchecker not installed")
    loose = [(r["name"], alias) for r in ROWS for alias in split_cell(r["aliases"])
             if len(word_tokens(alias)) == 1 and not alias.isupper() and _scope(r, alias) == EVERYWHERE
             and alias[:1].isupper() and zipf.get(alias.lower(), 0.0) >= 2.5]
    assert not loose


def test_every_group_said_to_fight_abroad_is_in_the_dictionary_with_known_countries():
    from sitrep.coding.actors.conventions import conventions

    names, regions = {r["name"] for r in ROWS}, _regions()
    acts_in = conventions().acts_in
    assert acts_in and set(acts_in) <= names
    assert all(c in regions for countries in acts_in.values() for c in countries)
