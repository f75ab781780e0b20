from pathlib import Path

from sitrep.sources.html import extract_article

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def test_article_page_gives_title_text_date_language_url_and_outlet():
    page = extract_article((PAGES / "article.html").read_bytes())
    assert page["title"] == "Floods cut road to Beledweyne"
    assert page["text"].startswith("Floodwater from the Shabelle river cut the main road")
    assert page["text"].endswith("since the river burst its banks over the weekend.")
    assert "Log in" not in page["text"] and "Cookie" not in page["text"]  # navigation and footer left out
    assert page["published"] == "2025-05-06"
    assert page["language"] == "en"
    assert page["url"] == "https://gazette.example.net/news/beledweyne-floods"
    assert page["outlet"] == "Test Gazette"


def test_str_and_bytes_give_the_same_record():
    path = PAGES / "article.html"
    assert extract_article(path.read_text("utf-8")) == extract_article(path.read_bytes())


def test_date_in_the_body_is_not_taken_as_publication_date():
    page = extract_article((PAGES / "no_date.html").read_bytes())
    assert page["text"].startswith("Traders in the town said on 3 March 2025")
    assert page["published"] == ""


def test_page_without_main_text_gives_empty_text():
    page = extract_article((PAGES / "no_text.html").read_bytes())
    assert page["text"] == ""
    assert page["published"] == "2025-05-06"


def test_url_argument_is_kept_when_page_has_no_canonical_link():
    page = extract_article((PAGES / "no_date.html").read_bytes(), url="https://x.example.org/report")
    assert page["url"] == "https://x.example.org/report"
    assert page["outlet"] == ""  # the host is not an outlet name


def test_empty_input():
    assert extract_article(b"") == {"title": "", "text": "", "published": "", "language": "", "url": "",
                                    "outlet": ""}
