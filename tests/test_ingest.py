import hashlib
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from schemas.article import ArticleSchema
from schemas.columns import ARTICLE_COLUMNS, QUARANTINE_COLUMNS
from schemas.quarantine import QuarantineSchema
from sitrep.articles import article_id_for, content_hash
from sitrep.cli import main
from sitrep.pipeline.ingest import ingest_sources, known_article_keys, read_raw_articles, read_raw_quarantine
from sitrep.settings import Settings, SourceConfig

DAY = date(2025, 11, 6)
NEXT_DAY = date(2025, 11, 7)

BATTLE = ("Ukrainian forces repelled a Russian assault near the village of Udachne in the Donetsk region on "
          "Thursday, the army said, adding that at least nine attackers were killed.")
SHELLING = ("Russian shelling killed two civilians and wounded seven others in the city of Kherson on Sunday, "
            "the regional governor said.")
FRENCH = ("Au moins six personnes ont été tuées lundi dans des affrontements près de Bukavu, dans l'est de la "
          "République démocratique du Congo, a indiqué mardi la société civile locale.")


def txt(published: str, title: str, body: str, *headers: str) -> str:
    return "\n".join([f" date {published} {title}", *(f" {h}" for h in headers), "", body, ""])


def write_inbox(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "01_battle.txt").write_text(txt("2025-03-14", "Assault repelled", BATTLE, "outlet Meridian Wire"),
                                          encoding="utf-8")
    records = [
        {"published": "2025-04-07", "title": "Shelling", "text": SHELLING,
         "url": "https://news.example.org/kherson?utm_source=feed"},
        {"id": "fr-1", "published": "2025-02-18", "title": "RDC", "text": FRENCH},
        {"id": "bad-date", "published": "sometime last week", "text": "Gunmen attacked a village on Monday."},
        "{not json",
    ]
    (folder / "02_batch.jsonl").write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n",
        encoding="utf-8")
    (folder / "03_no_date.txt").write_text("No date here\n\nBody.\n", encoding="utf-8")
    return folder


def settings_with(tmp_path: Path, *sources: SourceConfig, languages=("en",)) -> Settings:
    return Settings(data_dir=tmp_path / "data", samples_dir=tmp_path / "inbox", sql_dir=tmp_path / "sql",
                    sources=sources, languages=languages)


def folder_source(path: Path, name: str = "inbox", **config) -> SourceConfig:
    return SourceConfig(name=name, kind="folder", path=str(path), **config)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return settings_with(tmp_path, folder_source(write_inbox(tmp_path / "inbox"), source_scale="International"))


def raw_files(settings: Settings) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(settings.raw_dir.rglob("*.parquet"))}


def test_first_run_counts_and_files(settings):
    result = ingest_sources(settings, ingest_date=DAY)
    assert (result.seen, result.new, result.duplicates, result.rejected, result.unsupported_language) == (6, 3, 0, 3, 1)
    assert result.errors == []
    [report] = result.reports
    assert (report.name, report.items, report.rejected, report.errors) == ("inbox", 6, 3, [])

    expected_name = "part-" + hashlib.sha256("\n".join(sorted(result.new_ids)).encode()).hexdigest()[:16] + ".parquet"
    assert result.articles_file == settings.raw_dir / "articles" / "ingest_date=2025-11-06" / expected_name
    assert pq.read_schema(result.articles_file).names == ARTICLE_COLUMNS
    assert result.quarantine_file.parent == settings.raw_dir / "quarantine" / "ingest_date=2025-11-06"
    assert pq.read_schema(result.quarantine_file).names == QUARANTINE_COLUMNS


def test_articles_are_normalized_with_ids_from_url_or_text(settings):
    result = ingest_sources(settings, ingest_date=DAY)
    articles = read_raw_articles(settings).set_index("id")
    battle_id = article_id_for(None, BATTLE)
    shelling_id = article_id_for("https://news.example.org/kherson", SHELLING)
    assert result.new_ids == [battle_id, shelling_id, "fr-1"]
    assert battle_id == hashlib.sha256(BATTLE.encode()).hexdigest()[:16]        # no URL: hash of the text
    assert shelling_id == hashlib.sha256(b"https://news.example.org/kherson").hexdigest()[:16]  # canonical URL

    battle = articles.loc[battle_id]
    assert battle.to_dict() == {
        "published": "2025-03-14", "title": "Assault repelled", "text": BATTLE, "outlet": "Meridian Wire",
        "url": "", "language": "en", "fetched_at": "2025-11-06", "source_name": "inbox",
        "source_scale": "International", "ingest_date": "2025-11-06", "content_hash": content_hash(BATTLE)}
    assert articles.loc[shelling_id, "url"] == "https://news.example.org/kherson"
    assert articles.loc[shelling_id, "outlet"] == "inbox"   # no outlet anywhere: the file's folder
    assert articles.loc["fr-1", "language"] == "fr"         # unsupported, but stored


def test_rejected_inputs_are_quarantined_with_reasons(settings):
    ingest_sources(settings, ingest_date=DAY)
    quarantine = read_raw_quarantine(settings)
    assert list(quarantine.columns) == QUARANTINE_COLUMNS
    rows = {(r.origin, r.article_id): r for r in quarantine.itertuples()}
    # Keyed on the source's name and the path below its folder: no absolute path, stable if the inbox moves.
    assert set(rows) == {("inbox:02_batch.jsonl:3", "bad-date"), ("inbox:02_batch.jsonl:4", ""),
                         ("inbox:03_no_date.txt", "")}
    bad_date = rows[("inbox:02_batch.jsonl:3", "bad-date")]
    assert bad_date.reason == "unreadable publication date 'sometime last week'"
    assert json.loads(bad_date.payload)["text"] == "Gunmen attacked a village on Monday."
    assert set(quarantine["stage"]) == {"ingest"}
    assert set(quarantine["quarantined_at"]) == {"2025-11-06"}


def test_rerun_adds_no_articles_and_no_quarantine_rows(settings):
    ingest_sources(settings, ingest_date=DAY)
    before = raw_files(settings)
    again = ingest_sources(settings, ingest_date=NEXT_DAY)
    assert (again.seen, again.new, again.duplicates, again.rejected, again.quarantined) == (6, 0, 3, 3, 0)
    assert again.new_ids == [] and again.articles_file is None and again.quarantine_file is None
    assert raw_files(settings) == before
    assert len(read_raw_quarantine(settings)) == 3


def test_a_later_run_adds_a_new_file_and_leaves_the_old_ones_alone(settings):
    ingest_sources(settings, ingest_date=DAY)
    before = raw_files(settings)
    inbox = Path(settings.sources[0].path)
    (inbox / "04_new.txt").write_text(txt("2025-11-06", "New", "Police arrested a protest leader in the "
                                          "capital on Wednesday, his lawyer said."), encoding="utf-8")
    (inbox / "05_broken.txt").write_bytes(b"\xff\xfe broken")
    result = ingest_sources(settings, ingest_date=NEXT_DAY)
    assert (result.new, result.quarantined) == (1, 1)
    after = raw_files(settings)
    assert {p: after[p] for p in before} == before
    assert set(after) - set(before) == {result.articles_file, result.quarantine_file}
    assert result.articles_file.parent.name == "ingest_date=2025-11-07"


def test_duplicates_within_a_run_by_content_or_id(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(txt("2025-03-14", "A", BATTLE), encoding="utf-8")
    # the same text with other whitespace and another title: same content hash
    (inbox / "b.txt").write_text(txt("2025-03-15", "B", BATTLE.replace(" ", "  ")), encoding="utf-8")
    (inbox / "c.jsonl").write_text(
        json.dumps({"id": "same", "published": "2025-04-07", "text": SHELLING}) + "\n"
        + json.dumps({"id": "same", "published": "2025-04-07", "text": "Another text entirely, police said."})
        + "\n", encoding="utf-8")
    settings = settings_with(tmp_path, folder_source(inbox))
    result = ingest_sources(settings, ingest_date=DAY)
    assert (result.seen, result.new, result.duplicates) == (4, 2, 2)
    assert len(read_raw_articles(settings)) == 2


def test_same_url_with_tracking_parameters_is_a_duplicate(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.jsonl").write_text(
        json.dumps({"published": "2025-04-07", "text": SHELLING, "url": "https://news.example.org/k"}) + "\n"
        + json.dumps({"published": "2025-04-07", "text": SHELLING + " Updated.",
                      "url": "HTTPS://News.Example.org/k/?utm_campaign=x&fbclid=y"}) + "\n", encoding="utf-8")
    result = ingest_sources(settings_with(tmp_path, folder_source(inbox)), ingest_date=DAY)
    assert (result.new, result.duplicates) == (1, 1)


def test_a_failing_source_does_not_stop_the_others(tmp_path):
    good = write_inbox(tmp_path / "good")
    settings = settings_with(tmp_path, folder_source(tmp_path / "missing", name="missing"),
                             SourceConfig(name="odd", kind="carrier-pigeon"),
                             folder_source(good, name="good"))
    result = ingest_sources(settings, ingest_date=DAY)
    assert [(e.source, e.reason.split(":")[0]) for e in result.errors] == [
        ("missing", "FileNotFoundError"), ("odd", "ValueError")]
    assert [(r.name, r.items, len(r.errors)) for r in result.reports] == [("missing", 0, 1), ("odd", 0, 1),
                                                                         ("good", 6, 0)]
    assert result.new == 3


def test_only_the_given_sources_run(tmp_path):
    first, second = write_inbox(tmp_path / "first"), write_inbox(tmp_path / "second")
    settings = settings_with(tmp_path, folder_source(first, name="first"), folder_source(second, name="second"))
    result = ingest_sources(settings, [settings.sources[1]], ingest_date=DAY)
    assert [r.name for r in result.reports] == ["second"]


def test_language_from_the_record_or_config_is_kept(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.jsonl").write_text(
        json.dumps({"id": "tagged-de", "published": "2025-04-07", "text": SHELLING, "language": "de"}) + "\n",
        encoding="utf-8")
    (inbox / "b.txt").write_text(txt("2025-03-14", "A", BATTLE), encoding="utf-8")
    settings = settings_with(tmp_path, folder_source(inbox, language="uk"), languages=("en", "fr"))
    result = ingest_sources(settings, ingest_date=DAY)
    assert result.unsupported_language == 2
    assert dict(zip(*read_raw_articles(settings)[["id", "language"]].T.values, strict=True)) == {
        "tagged-de": "de", article_id_for(None, BATTLE): "uk"}


def test_more_languages_configured_means_fewer_unsupported(tmp_path):
    settings = settings_with(tmp_path, folder_source(write_inbox(tmp_path / "inbox")), languages=("en", "fr"))
    assert ingest_sources(settings, ingest_date=DAY).unsupported_language == 0


def test_readers_on_an_empty_zone(tmp_path):
    settings = settings_with(tmp_path)
    assert list(read_raw_articles(settings).columns) == ARTICLE_COLUMNS
    assert read_raw_articles(settings).empty
    assert list(read_raw_quarantine(settings).columns) == QUARANTINE_COLUMNS
    assert known_article_keys(settings) == (set(), set())


def test_read_raw_articles_by_ids_and_known_keys(settings):
    result = ingest_sources(settings, ingest_date=DAY)
    picked = read_raw_articles(settings, ids=["fr-1", "no-such-id"])
    assert list(picked["id"]) == ["fr-1"]
    ids, hashes = known_article_keys(settings)
    assert ids == set(result.new_ids)
    assert list(read_raw_articles(settings, ids=["fr-1"], columns=["text"])["text"]) == [FRENCH]
    metadata = read_raw_articles(settings, columns=["id", "title"])
    assert list(metadata.columns) == ["id", "title"] and set(metadata["id"]) == ids
    assert hashes == {content_hash(t) for t in (BATTLE, SHELLING, FRENCH)}


def test_ingest_command(tmp_path, capsys):
    write_inbox(tmp_path / "inbox")
    config = tmp_path / "sitrep.toml"
    config.write_text('data_dir = "data"\n\n[[sources]]\nname = "wires"\nkind = "folder"\npath = "inbox"\n',
                      encoding="utf-8")
    assert main(["--config", str(config), "ingest", "--date", "2025-11-06"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ingest 2025-11-06: 6 read, 3 new, 0 duplicates, 3 rejected, 1 in unsupported languages")
    assert "  wires: 6 read, 3 rejected" in out
    assert len(list((tmp_path / "data" / "raw" / "articles").rglob("*.parquet"))) == 1
    assert main(["--config", str(config), "ingest", "--source", "nope"]) == 1


def test_ingest_command_fails_when_a_source_fails(tmp_path, capsys):
    config = tmp_path / "sitrep.toml"
    config.write_text('data_dir = "data"\n\n[[sources]]\nname = "gone"\nkind = "folder"\npath = "gone"\n',
                      encoding="utf-8")
    assert main(["--config", str(config), "ingest", "--date", "2025-11-06"]) == 1
    assert "FAILED gone: FileNotFoundError" in capsys.readouterr().out


def test_sample_inbox_ingests_cleanly(tmp_path):
    samples = Path(__file__).resolve().parent.parent / "data" / "samples"
    settings = settings_with(tmp_path, folder_source(samples, name="samples"))
    result = ingest_sources(settings, ingest_date=DAY)
    assert (result.new, result.rejected, result.unsupported_language, result.errors) == (20, 4, 1, [])
    assert ingest_sources(settings, ingest_date=NEXT_DAY).new == 0


def test_raw_tables_meet_their_schemas(settings):
    ingest_sources(settings, ingest_date=DAY)
    ArticleSchema.validate(read_raw_articles(settings))
    QuarantineSchema.validate(read_raw_quarantine(settings))


def test_language_the_record_gives_is_not_detected_again(tmp_path, monkeypatch):
    """Detection (6-8 ms an article) runs only for records that do not say their language."""
    import sitrep.pipeline.ingest as ingest_module

    detected: list[str] = []
    real_detect = ingest_module.detect_language

    def counting_detect(text: str) -> str:
        detected.append(text)
        return real_detect(text)

    monkeypatch.setattr(ingest_module, "detect_language", counting_detect)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    records = [{"id": "says-en", "published": "2025-04-07", "text": SHELLING, "language": "en-GB"},
               {"id": "says-fr", "published": "2025-02-18", "text": FRENCH, "language": "fr"},
               {"id": "silent", "published": "2025-03-14", "text": BATTLE}]
    (inbox / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                   encoding="utf-8")
    settings = settings_with(tmp_path, folder_source(inbox), languages=("en", "fr"))
    ingest_sources(settings, ingest_date=DAY)
    assert detected == [BATTLE]
    ingest_sources(settings, ingest_date=NEXT_DAY)                # a rerun: all known, nothing detected again
    assert detected == [BATTLE]
    languages = dict(zip(*read_raw_articles(settings)[["id", "language"]].T.values, strict=True))
    assert languages == {"says-en": "en-GB", "says-fr": "fr", "silent": "en"}
