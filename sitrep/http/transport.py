"""The network layer under sitrep's HTTP client: checked addresses and one deadline for the whole request.

`GuardedBackend` is an httpcore network backend. For every new connection it resolves the host through the
AddressPolicy (which refuses non-public addresses), connects to one of exactly those checked addresses, and checks
the connected socket's peer address again. TLS still verifies the certificate against the host name (httpcore
passes the URL's host as server_hostname), so connecting by address loses nothing.

Every socket operation it hands out is bounded by the client's current deadline (`Deadline`): connect, the
TLS handshake, each read of status line, headers and body, each write. A server that sends its headers one byte
a second hits the deadline like one that drips its body; no watchdog thread is needed because every blocking
call gets at most the time that is left (CPython bounds a whole TLS handshake or sendall by the socket
timeout, and each recv returns as soon as any byte arrives).

`guarded_transport` builds the httpx transport on it. No proxy is used (one would make the policy check the
proxy's address instead of the server's)."""

from __future__ import annotations

import socket
import ssl
import time
import typing

import httpcore
import httpx

from sitrep.http.addresses import AddressPolicy, AddressRefused, ResolutionFailed

SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]


class Deadline:
    """The instant (time.monotonic) by which the current request must be complete; None: no total limit."""

    def __init__(self) -> None:
        self.at: float | None = None
        self.total_s: float = 0.0

    def start(self, seconds: float) -> None:
        self.total_s = seconds
        self.at = time.monotonic() + seconds

    def extend(self, seconds: float) -> None:
        if self.at is not None:
            self.at += seconds

    def clear(self) -> None:
        self.at = None

    @property
    def passed(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def bound(self, timeout: float | None, error: type[Exception]) -> float | None:
        """The timeout to give one socket operation: the smaller of its own and what is left of the deadline."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise error(f"no complete answer within the {self.total_s:g}s total deadline")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation is cut off at the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        bounded = self._deadline.bound(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded), self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Connects only to addresses the policy allows, within the deadline."""

    def __init__(self, policy: AddressPolicy, deadline: Deadline) -> None:
        self.policy = policy
        self.deadline = deadline
        self._plain = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: typing.Iterable[SocketOption] | None = None) -> httpcore.NetworkStream:
        try:
            addresses = self.policy.resolve(host, port, self.deadline.bound(timeout, httpcore.ConnectTimeout))
        except ResolutionFailed as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        failure: Exception | None = None
        for address in addresses:
            try:
                # An address literal: the plain backend connects to it without another lookup.
                stream = self._plain.connect_tcp(address, port, self.deadline.bound(timeout, httpcore.ConnectTimeout),
                                                 local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            self._check_peer(host, stream)
            return _DeadlineStream(stream, self.deadline)
        assert failure is not None
        raise failure

    def _check_peer(self, host: str, stream: httpcore.NetworkStream) -> None:
        sock = stream.get_extra_info("socket")
        peer = sock.getpeername()[0] if isinstance(sock, socket.socket) else None
        why = self.policy.refusal(str(peer)) if peer is not None else None
        if why:
            stream.close()
            raise AddressRefused(host, f"refused: connected to {why}")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: typing.Iterable[SocketOption] | None = None) -> httpcore.NetworkStream:
        raise AddressRefused(path, "refused: unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport (exception mapping, streaming) over a connection pool that uses GuardedBackend."""

    def __init__(self, backend: GuardedBackend) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=20, max_keepalive_connections=10, keepalive_expiry=5.0,
            network_backend=backend,
        )


def guarded_transport(policy: AddressPolicy, deadline: Deadline) -> GuardedTransport:
    return GuardedTransport(GuardedBackend(policy, deadline))
