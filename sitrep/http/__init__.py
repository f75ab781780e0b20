"""sitrep's fetcher: one polite, size-capped, address-checked HTTP client for every feed, page and snapshot.

    client.py      PoliteClient and HttpLimits: politeness, retries, redirects, streamed and capped bodies
    addresses.py   which addresses a connection may go to (public unicast unless allowed otherwise)
    transport.py   the httpx transport that checks each connection's address and bounds every socket step
    decoding.py    content encodings decoded a piece at a time, with a cap on the decoded size
    charset.py     bytes → text: the declared charset, else a detected one
    urls.py        what makes a URL fetchable, and its origin
    errors.py      the failures of a fetch, each with a one-sentence reason
"""

from sitrep.http.addresses import AddressPolicy, AddressRefused
from sitrep.http.client import FetchResponse, HttpLimits, OpenBody, PoliteClient, decode_body
from sitrep.http.errors import (
    FetchError,
    FetchTimeout,
    ForbiddenAddress,
    HttpStatusError,
    InvalidUrl,
    RedirectError,
    TooLarge,
    TransportFailure,
    UndecodableBody,
    WrongContentType,
)
from sitrep.http.urls import url_problem

__all__ = [
    "AddressPolicy", "AddressRefused", "FetchError", "FetchResponse", "FetchTimeout", "ForbiddenAddress",
    "HttpLimits", "HttpStatusError", "InvalidUrl", "OpenBody", "PoliteClient", "RedirectError", "TooLarge",
    "TransportFailure", "UndecodableBody", "WrongContentType", "decode_body", "url_problem",
]
