"""Repair of text damaged before it reached us: mojibake, HTML entities, decomposed accents.

Feeds and scraped pages often carry UTF-8 read as Windows-1252 ("CafÃ©", "the army‚Äôs", "â€™") and HTML
entities left in plain text ("&amp;", "&#8217;"). Both break matching (a gazetteer name with an accent, an
actor name with "&"), so articles are repaired once, at ingest, before their id and content hash are computed:
every later offset (sentences, places, quotes) is then an offset into the stored, repaired text.

ftfy does the work. Its settings here: unescape HTML entities always (our texts are plain text, so "<" in them
is a character, not markup, and ftfy's "auto" mode would leave entities alone once it sees one), normalise to
NFC (so "é" is one code point, as the gazetteer's names are), and keep typographic quotes as published
(uncurl_quotes off: repair damage, do not restyle the text).
"""

from __future__ import annotations

import ftfy

_CONFIG = ftfy.TextFixerConfig(
    unescape_html=True,
    uncurl_quotes=False,
    fix_character_width=False,  # full-width forms are rare in English news and are what the outlet printed
    normalization="NFC",
    explain=False,
)


def repair_text(text: str) -> str:
    """text with mojibake undone, HTML entities unescaped, control characters dropped, and NFC normalisation."""
    if not text:
        return text
    return ftfy.fix_text(text, config=_CONFIG)
