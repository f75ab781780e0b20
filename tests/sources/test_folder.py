import json
import shutil
from pathlib import Path

import pytest

from sitrep.settings import Settings, SourceConfig
from sitrep.sources import Fetched, Rejected
from sitrep.sources.folder import parse_text_article, read_folder

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"

SEED_STYLE = (
    " date 2025-02-07 Shelling hits Kherson market\n"
    "\n"
    "Russian shelling hit a market in Kherson on Thursday, killing two people.\n"
    "\n"
    "  Aftermath \n"
    "\n"
    "Officials said seven people were wounded.\n"
)


def settings_for(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", samples_dir=tmp_path, sql_dir=tmp_path, sources=())


def read(inbox: Path, tmp_path: Path, **config) -> list:
    source = SourceConfig(name="inbox", kind="folder", path=str(inbox), **config)
    return list(read_folder(source, settings_for(tmp_path)))


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "wires"
    folder.mkdir()
    return folder


def test_txt_in_seed_format(inbox, tmp_path):
    (inbox / "a.txt").write_text(SEED_STYLE, encoding="utf-8")
    [item] = read(inbox, tmp_path)
    assert isinstance(item, Fetched)
    assert item.origin == "inbox:a.txt"  # source name and path below the inbox: no absolute path
    assert item.record == {
        "published": "2025-02-07",
        "title": "Shelling hits Kherson market",
        "text": "Russian shelling hit a market in Kherson on Thursday, killing two people.\n\n  Aftermath \n\n"
                "Officials said seven people were wounded.",
        "outlet": "wires",  # no outlet configured: the file's folder names it
        "source_name": "inbox",
    }


def test_txt_header_lines_fill_outlet_scale_url_language(inbox, tmp_path):
    (inbox / "a.txt").write_text(
        " date 2025-02-07T06:30:00Z Title here\n outlet Meridian Wire\n scale National\n"
        " url https://example.org/a\n language en\n\nBody text.\n", encoding="utf-8")
    [item] = read(inbox, tmp_path, outlet="Configured Outlet", source_scale="Local")
    assert item.record["published"] == "2025-02-07T06:30:00Z"
    assert item.record["outlet"] == "Meridian Wire"        # the file's own header wins over the config
    assert item.record["source_scale"] == "National"
    assert item.record["url"] == "https://example.org/a"
    assert item.record["language"] == "en"
    assert item.record["text"] == "Body text."


def test_source_config_fills_what_the_file_lacks(inbox, tmp_path):
    (inbox / "a.txt").write_text(SEED_STYLE, encoding="utf-8")
    [item] = read(inbox, tmp_path, outlet="Configured Outlet", source_scale="Regional", language="en")
    assert (item.record["outlet"], item.record["source_scale"], item.record["language"]) == (
        "Configured Outlet", "Regional", "en")


def test_body_line_starting_with_a_header_word_after_the_blank_line_is_body(inbox, tmp_path):
    (inbox / "a.txt").write_text(" date 2025-02-07 T\n\noutlet of the river flooded on Monday.\n", encoding="utf-8")
    [item] = read(inbox, tmp_path)
    assert item.record["text"] == "outlet of the river flooded on Monday."
    assert item.record["outlet"] == "wires"


@pytest.mark.parametrize("content, reason", [
    ("Title without a date\n\nBody.\n", "no date line"),
    (" date yesterday Title\n\nBody.\n", "no date line"),
    (" date 2025-02-07 Title only\n", "no article text"),
])
def test_txt_without_date_or_body_is_rejected(inbox, tmp_path, content, reason):
    (inbox / "a.txt").write_text(content, encoding="utf-8")
    [item] = read(inbox, tmp_path)
    assert isinstance(item, Rejected)
    assert item.reason.startswith(reason)
    assert item.payload == content


def test_empty_file_is_rejected(inbox, tmp_path):
    (inbox / "a.txt").write_text("  \n\n", encoding="utf-8")
    (inbox / "b.jsonl").write_text("\n", encoding="utf-8")
    assert [(type(i), i.reason) for i in read(inbox, tmp_path)] == [(Rejected, "empty file")] * 2


def test_non_utf8_file_is_rejected_with_a_readable_payload(inbox, tmp_path):
    (inbox / "a.txt").write_bytes(" date 2025-02-07 Caf\xe9 attack\n\nBody.\n".encode("latin-1"))
    [item] = read(inbox, tmp_path)
    assert isinstance(item, Rejected)
    assert item.reason.startswith("not UTF-8 text")
    assert item.payload.startswith(" date 2025-02-07 Caf\ufffd attack")


def test_unreadable_file_is_rejected_and_the_next_file_still_read(inbox, tmp_path, monkeypatch):
    (inbox / "a.txt").write_text(SEED_STYLE, encoding="utf-8")
    (inbox / "b.txt").write_text(SEED_STYLE, encoding="utf-8")
    import sitrep.sources.folder as folder_module
    real_read_capped = folder_module.read_capped

    def failing_read_capped(path, limit):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real_read_capped(path, limit)

    monkeypatch.setattr(folder_module, "read_capped", failing_read_capped)
    first, second = read(inbox, tmp_path)
    assert isinstance(first, Rejected) and first.reason == "unreadable file: Permission denied"
    assert isinstance(second, Fetched)


def test_jsonl_one_item_per_line_and_each_bad_line_rejected_on_its_own(inbox, tmp_path):
    good = {"published": "2025-03-01", "title": "T", "text": "Body one.", "url": "https://example.org/1"}
    lines = [json.dumps(good), '{"published": "2025-03-01", "text": "cut', "", json.dumps([1, 2]),
             json.dumps({"id": "x2", "published": "2025-03-02", "text": "Body two.", "outlet": "Own Outlet"})]
    (inbox / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(inbox, tmp_path, outlet="Configured", source_scale="International")
    assert [type(i) for i in items] == [Fetched, Rejected, Rejected, Fetched]
    assert [i.origin for i in items] == [f"inbox:batch.jsonl:{n}" for n in (1, 2, 4, 5)]
    assert items[0].record == {**good, "outlet": "Configured", "source_scale": "International",
                               "source_name": "inbox"}
    assert items[1].reason.startswith("line 2: invalid JSON")
    assert items[1].payload == lines[1]
    assert items[2].reason == "line 4: a record must be a JSON object, not list"
    assert items[3].record["outlet"] == "Own Outlet"


def test_html_page(inbox, tmp_path):
    shutil.copy(PAGES / "article.html", inbox / "page.html")
    [item] = read(inbox, tmp_path, outlet="Configured", source_scale="National")
    assert isinstance(item, Fetched)
    assert item.record["title"] == "Floods cut road to Beledweyne"
    assert item.record["published"] == "2025-05-06"
    assert item.record["outlet"] == "Test Gazette"
    assert item.record["source_scale"] == "National"
    assert item.record["url"] == "https://gazette.example.net/news/beledweyne-floods"
    assert item.record["text"].startswith("Floodwater from the Shabelle river")


@pytest.mark.parametrize("fixture, reason", [
    ("no_date.html", "no publication date in page metadata"),
    ("no_text.html", "no main text found in page"),
])
def test_html_page_without_date_or_text_is_rejected(inbox, tmp_path, fixture, reason):
    shutil.copy(PAGES / fixture, inbox / "page.htm")
    [item] = read(inbox, tmp_path)
    assert isinstance(item, Rejected) and item.reason == reason
    assert item.payload.startswith("<!DOCTYPE html>")


def test_files_in_path_order_subfolders_included_readme_hidden_skipped_other_types_rejected(inbox, tmp_path):
    (inbox / "b.txt").write_text(SEED_STYLE.replace("Kherson market", "B"), encoding="utf-8")
    (inbox / "a").mkdir()
    (inbox / "a" / "z.txt").write_text(SEED_STYLE.replace("Kherson market", "AZ"), encoding="utf-8")
    (inbox / "README.md").write_text("# about this inbox\n", encoding="utf-8")
    (inbox / ".partial.txt").write_text("half written", encoding="utf-8")
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4")
    items = read(inbox, tmp_path)
    assert [i.origin for i in items] == ["inbox:a/z.txt", "inbox:b.txt", "inbox:scan.pdf"]
    assert items[0].record["outlet"] == "a"
    assert isinstance(items[2], Rejected) and items[2].reason.startswith("unsupported file type .pdf")


def test_missing_folder_raises_at_once(tmp_path):
    source = SourceConfig(name="gone", kind="folder", path=str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="inbox folder .*nowhere does not exist"):
        read_folder(source, settings_for(tmp_path))  # not only when iterated


def test_parse_text_article_keeps_the_body_but_trims_its_ends():
    record = parse_text_article("\n date 2025-01-01 T\n\n  Indented first line.\nSecond line.  \n\n")
    assert record == {"published": "2025-01-01", "title": "T", "text": "Indented first line.\nSecond line."}


def test_jsonl_lines_end_only_at_newline_with_bom_and_crlf_tolerated(inbox, tmp_path):
    # U+2028 is allowed raw inside a JSON string: it must not split the record (str.splitlines would).
    first = json.dumps({"published": "2025-03-01", "text": "Para one.\u2028Para two."}, ensure_ascii=False)
    second = json.dumps({"published": "2025-03-02", "text": "Body two."})
    (inbox / "batch.jsonl").write_bytes(b"\xef\xbb\xbf" + first.encode() + b"\r\n" + second.encode() + b"\r\n")
    items = read(inbox, tmp_path)
    assert [type(i) for i in items] == [Fetched, Fetched]
    assert items[0].record["text"] == "Para one.\u2028Para two."
    assert [i.origin for i in items] == ["inbox:batch.jsonl:1", "inbox:batch.jsonl:2"]


def test_a_non_utf8_jsonl_line_is_rejected_alone(inbox, tmp_path):
    good = json.dumps({"published": "2025-03-01", "text": "Body."}).encode()
    (inbox / "batch.jsonl").write_bytes(good + b"\n" + '{"text": "Caf\xe9"}'.encode("latin-1") + b"\n" + good + b"\n")
    items = read(inbox, tmp_path)
    assert [type(i) for i in items] == [Fetched, Rejected, Fetched]
    assert items[1].reason.startswith("line 2: not UTF-8 text")
