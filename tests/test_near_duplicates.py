from datetime import date
from pathlib import Path

from sitrep.near_duplicates import (
    NearDuplicateIndex,
    NearDuplicateLinker,
    duplicate_ids,
    signature,
    similarity,
    write_links,
)
from sitrep.settings import Settings

WIRE = ("Gunmen attacked a village in the north of the country on Tuesday, killing at least 12 people and burning "
        "dozens of homes, local officials said. The attackers arrived on motorcycles shortly after dawn and opened "
        "fire on residents gathered at the market, according to a district administrator. Security forces were "
        "deployed to the area later in the day, and a search for the attackers was under way. No group has claimed "
        "responsibility for the attack, the third in the province this month.")
# The same wire story as another outlet runs it: a dateline, one edited phrase, a footer.
COPY = ("NIAMEY (Wire) - " + WIRE.replace("local officials said", "officials said")
        + " Reporting by a correspondent; editing by a desk editor.")
# The same event told by another outlet in its own words: not a copy.
SAME_EVENT = ("At least 12 villagers died when armed men on motorbikes stormed a northern settlement at dawn on "
              "Tuesday, setting houses alight and shooting at people in the market, a local administrator told "
              "reporters. Troops were sent to hunt the assailants. The raid is the province's third this month, "
              "and nobody has said they carried it out.")


def test_a_wire_copy_matches_and_a_retelling_does_not():
    index = NearDuplicateIndex.from_texts([("first", WIRE)])
    match = index.match(COPY)
    assert match is not None and match[0] == "first" and match[1] >= 0.5
    assert index.find(SAME_EVENT) is None
    assert similarity(signature(WIRE), signature(SAME_EVENT)) < 0.1


def test_signatures_are_deterministic_and_short_texts_are_not_compared():
    assert (signature(WIRE) == signature(WIRE)).all()
    assert signature("Clashes reported in the north.") is None
    assert NearDuplicateIndex.from_texts([("a", "Clashes reported.")]).find("Clashes reported.") is None


def _settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, samples_dir=tmp_path, sql_dir=tmp_path, sources=())


def test_linker_links_copies_to_the_first_and_saves_links(tmp_path):
    settings = _settings(tmp_path)
    linker = NearDuplicateLinker(settings)
    assert linker.link("first", WIRE) is None
    assert linker.link("second", COPY) == "first"
    assert linker.link("third", COPY + " Updated.") == "first"     # links to the first copy, not the second
    assert linker.link("other", SAME_EVENT) is None
    linker.save(date(2025, 2, 6))
    assert duplicate_ids(settings) == {"second", "third"}


def test_duplicate_ids_of_an_empty_raw_zone(tmp_path):
    settings = _settings(tmp_path)
    assert duplicate_ids(settings) == set()
    assert write_links(settings, [], date(2025, 2, 6)) is None
