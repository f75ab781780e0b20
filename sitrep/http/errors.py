"""The failures of a fetch (sitrep.http re-exports them): each has a `reason`, one sentence fit for a quarantine
row, and says whether it is worth trying again on a later run (`transient`)."""

from __future__ import annotations


class FetchError(Exception):
    """A URL that could not be fetched; `reason` says why in one sentence."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{reason} ({url})")
        self.url = url
        self.reason = reason
        self.status = status

    @property
    def transient(self) -> bool:
        """Worth trying again on a later run (server trouble), as opposed to a permanent refusal."""
        return False


class HttpStatusError(FetchError):
    @property
    def transient(self) -> bool:
        return self.status is not None and (self.status >= 500 or self.status == 429)


class TransportFailure(FetchError):
    """No answer: connection refused or reset, DNS failure, timeout."""

    @property
    def transient(self) -> bool:
        return True


class FetchTimeout(FetchError):
    """The server accepted the connection but did not answer in time: a read timeout, or the whole answer not
    complete within the total deadline (not retried within a run)."""

    @property
    def transient(self) -> bool:
        return True


class TooLarge(FetchError):
    pass


class WrongContentType(FetchError):
    pass


class RedirectError(FetchError):
    pass


class ForbiddenAddress(FetchError):
    """The host is (or resolves to) an address the policy refuses: loopback, private, link-local … Not retried."""


class InvalidUrl(FetchError):
    """Not a URL we can fetch: malformed, not http(s), spaces or control characters, no host."""


class UndecodableBody(FetchError):
    pass
