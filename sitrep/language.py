"""Language of an article's text: langdetect with a fixed seed, so the same text always gets the same answer."""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect

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
