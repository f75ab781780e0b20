"""Content-Encoding decoding that never inflates more than it is asked for.

httpx decodes a whole network chunk at once, so a few kilobytes of `Content-Encoding: gzip, gzip` become gigabytes
in memory before any size check can run. Here each layer inflates at most PIECE bytes per step (zlib's
max_length, the rest stays in unconsumed_tail) and the layers are chained lazily, so the reader that counts the
decoded bytes stops the whole stack as soon as its cap is passed.

Accepted encodings: gzip (x-gzip), deflate (zlib-wrapped or raw, as servers send both) and identity, at most
MAX_LAYERS of them. Anything else (br, zstd, compress …) is refused: we never ask for it, and passing undecoded
bytes on as a page would store garbage."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

ACCEPT_ENCODING = "gzip, deflate"
MAX_LAYERS = 3
PIECE = 64 * 1024
_IDENTITY = {"", "identity", "none"}


class DecodingRefused(ValueError):
    """A Content-Encoding we do not decode, too many layers, or bytes that are not what the encoding says."""


class _ZlibLayer:
    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._raw_fallback = encoding == "deflate"   # "deflate" is zlib-wrapped by the spec, raw by many servers
        self._started = False
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16 if encoding == "gzip" else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes of data, PIECE bytes at a time; b"" at the end of the stream drains what is left."""
        while True:
            try:
                piece = self._inflater.decompress(data, PIECE)
            except zlib.error as exc:
                if self._raw_fallback and not self._started:
                    self._raw_fallback = False
                    self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise DecodingRefused(f"body is not valid {self.encoding} data ({exc})") from exc
            self._started = True
            if piece:
                yield piece
            data = self._inflater.unconsumed_tail
            if not data and len(piece) < PIECE:
                return


def parse_encodings(header: str | None) -> list[str]:
    """The codings of a Content-Encoding header in the order they were applied; DecodingRefused if unsupported."""
    codings = [c.strip().lower() for c in (header or "").split(",")]
    codings = ["gzip" if c == "x-gzip" else c for c in codings if c not in _IDENTITY]
    if len(codings) > MAX_LAYERS:
        raise DecodingRefused(f"{len(codings)} stacked content encodings (at most {MAX_LAYERS} are decoded)")
    unknown = sorted({c for c in codings if c not in ("gzip", "deflate")})
    if unknown:
        raise DecodingRefused(f"unsupported content encoding {', '.join(unknown)!r}")
    return codings


class BoundedDecoder:
    """Decode a body chunk by chunk; the last layer applied (the header's last coding) is undone first."""

    def __init__(self, content_encoding: str | None) -> None:
        self._layers = [_ZlibLayer(c) for c in reversed(parse_encodings(content_encoding))]

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        return self._through(chunk, 0)

    def finish(self) -> Iterator[bytes]:
        """Whatever the layers still hold once the raw body has ended."""
        for depth in range(len(self._layers)):
            yield from self._drain(depth)

    def _drain(self, depth: int) -> Iterator[bytes]:
        for piece in self._layers[depth].feed(b""):
            yield from self._through(piece, depth + 1)

    def _through(self, data: bytes, depth: int) -> Iterator[bytes]:
        if depth == len(self._layers):
            if data:
                yield data
            return
        for piece in self._layers[depth].feed(data):
            yield from self._through(piece, depth + 1)
