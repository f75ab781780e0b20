"""Bytes as text: the charset the server declared, else the one the document declares, else UTF-8, else a
detected one (sitrep.http.decode_body wraps decode_text)."""

from __future__ import annotations

import codecs
import re

_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class UndecodableText(ValueError):
    """No charset reads the bytes; sitrep.http.decode_body turns it into UndecodableBody."""


def decode_text(content: bytes, declared: str | None = None) -> str:
    """Bytes as text: the charset the server declared, else the one the document declares, else UTF-8, else a
    detected one. Bytes none of these can read raise UndecodableText."""
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(content[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", "replace"))
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates.insert(0, "utf-16")
    candidates.append("utf-8-sig")
    for name in candidates:
        try:
            return content.decode(_codec_name(name))
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return content.decode(best.encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    raise UndecodableText("body is not text in any charset it declares or that could be detected")


def _codec_name(name: str) -> str:
    # Servers that say iso-8859-1 usually mean windows-1252 (as browsers assume).
    lowered = name.strip().lower()
    return "cp1252" if lowered in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else lowered
