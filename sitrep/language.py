"""Language of an article's text (langdetect with a fixed seed, so the same text always gets the same answer),
and the rule for which articles the coder codes (`is_codable`)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from langdetect import DetectorFactory, LangDetectException, detect

from sitrep.settings import Settings

# langdetect samples n-grams at random; a fixed seed makes the result a pure function of the text.
DetectorFactory.seed = 0

# Enough text for a stable guess without paying for whole long articles.
_SAMPLE_CHARS = 2000


def detect_language(text: str) -> str:
    """ISO 639-1 code of text's language ("en", "fr", ...), or "" when it cannot be told (empty, digits only)."""
    sample = (text or "").strip()[:_SAMPLE_CHARS]
    if not sample:
        return ""
    try:
        code = detect(sample)
    except LangDetectException:
        return ""
    # langdetect names Chinese variants zh-cn / zh-tw; the article contract keeps the bare language code.
    return code.split("-")[0]


def is_codable(article: Mapping[str, Any], settings: Settings, near_duplicate_ids: Collection[str] = ()) -> bool:
    """The one rule for what the code stage codes, also used by ingest's counts.

    An article is coded unless its language is known and not one of settings.languages ("en-GB" counts as
    "en"), or it is a near-duplicate of an earlier article. An unknown language ("": detection failed on a
    short or digit-heavy text) is coded: the coder is tried rather than the article silently left out."""
    if str(article.get("id", "")) in near_duplicate_ids:
        return False
    language = article.get("language")
    if not isinstance(language, str) or not language.strip():
        return True
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    return primary in {code.lower() for code in settings.languages}
