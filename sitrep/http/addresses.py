"""Which addresses a fetch may connect to: public unicast only, unless the operator allows private ones.

A feed or a page is somebody else's input, and so are its links and redirects: without this policy a feed item
pointing at http://169.254.169.254/ (a cloud metadata service), http://127.0.0.1:8080/admin or an intranet host
would be fetched and stored as an article. `AddressPolicy.resolve` turns a host into the addresses to connect to
and refuses the host when ANY of them is non-public (so a name that resolves to a public and a private address
is refused too); the transport then connects to exactly those checked addresses (no second DNS lookup that
could answer differently: DNS rebinding).

The classification is our own list of the IANA special-purpose blocks rather than `ipaddress.is_global`, whose
answers changed between Python versions (3.11 calls ::127.0.0.1 and 2002:7f00:1:: global). IPv6 forms that carry
an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that address."""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int, float | None], list[str]]

_V4_NON_PUBLIC: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "'this network' (unspecified)"),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local (cloud metadata services live here)"),
    ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.0.2.0/24", "documentation"),
    ("192.88.99.0/24", "6to4 relay anycast (deprecated)"),
    ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved (incl. broadcast)"),
)
# Inside 2000::/3 (the only IPv6 block with public unicast today); everything outside it is refused.
_V6_NON_PUBLIC: tuple[tuple[str, str], ...] = (
    ("2001::/23", "IETF protocol assignments (Teredo, benchmarking, ORCHID)"),
    ("2001:db8::/32", "documentation"),
    ("3fff::/20", "documentation"),
)
_V6_OUTSIDE_GLOBAL: tuple[tuple[str, str], ...] = (
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("::/96", "IPv4-compatible (deprecated)"),
    ("64:ff9b:1::/48", "local-use NAT64"),
    ("100::/64", "discard-only"),
    ("fc00::/7", "unique-local"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local (deprecated)"),
    ("ff00::/8", "multicast"),
)
_V6_GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _networks(table: Iterable[tuple[str, str]]) -> tuple[tuple[IPNetwork, str], ...]:
    return tuple((ipaddress.ip_network(net), why) for net, why in table)


_V4_TABLE = _networks(_V4_NON_PUBLIC)
_V6_TABLE = _networks(_V6_NON_PUBLIC)
_V6_OUTSIDE_TABLE = _networks(_V6_OUTSIDE_GLOBAL)


def parse_address(text: str) -> IPAddress:
    """An address literal (brackets and an IPv6 zone '%eth0' allowed) as an ipaddress object; ValueError if not."""
    return ipaddress.ip_address(text.strip().strip("[]").split("%", 1)[0])


def non_public_reason(address: str | IPAddress) -> str | None:
    """Why this address is not a public unicast one (e.g. "loopback"), or None when it is public."""
    ip = parse_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            inner = non_public_reason(embedded)
            return f"carries the {inner} IPv4 address {embedded}" if inner else None
        if ip not in _V6_GLOBAL_UNICAST:
            for net, why in _V6_OUTSIDE_TABLE:
                if ip in net:
                    return why
            return "reserved (outside IPv6 global unicast)"
        table = _V6_TABLE
    else:
        table = _V4_TABLE
    for net, why in table:
        if ip in net:
            return why
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


class AddressRefused(Exception):
    """A host the policy will not connect to; `reason` says which address and why."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(reason)
        self.host = host
        self.reason = reason


class ResolutionFailed(OSError):
    """The host name has no address (or the lookup took longer than allowed)."""


def system_resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """The host's addresses from the system resolver, IP literals without a lookup. getaddrinfo cannot be
    interrupted, so it runs in a daemon thread and we stop waiting after `timeout` seconds."""
    try:
        return [str(parse_address(host))]
    except ValueError:
        pass
    found: list[list[str]] = []
    failure: list[BaseException] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.append(list(dict.fromkeys(str(info[4][0]) for info in infos)))
        except (OSError, UnicodeError) as exc:
            failure.append(exc)

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if found:
        return found[0]
    if failure:
        raise ResolutionFailed(f"cannot resolve {host}: {failure[0]}")
    raise ResolutionFailed(f"resolving {host} took longer than {timeout:g}s")


@dataclass(frozen=True)
class AddressPolicy:
    """allow_private: connect anywhere (an intranet feed, tests on 127.0.0.1). allowed_networks: exceptions an
    operator trusts (e.g. one intranet host) while everything else non-public stays refused. resolver: how host
    names become addresses (the system's; tests give a fixed table)."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()
    resolver: Resolver = system_resolve

    def refusal(self, address: str) -> str | None:
        """Why a connection to this address is refused, or None when it is allowed."""
        try:
            ip = parse_address(address)
        except ValueError:
            return f"{address!r} is not an IP address"
        if self.allow_private or any(ip in net for net in self.allowed_networks if ip.version == net.version):
            return None
        why = non_public_reason(ip)
        return f"{ip} is a non-public address ({why})" if why else None

    def resolve(self, host: str, port: int, timeout: float | None = None) -> list[str]:
        """The addresses to connect to for host, all checked; AddressRefused when any of them is refused."""
        addresses = self.resolver(host, port, timeout)
        if not addresses:
            raise ResolutionFailed(f"cannot resolve {host}: no address")
        for address in addresses:
            why = self.refusal(address)
            if why:
                named = "" if _is_literal(host) else f"{host} resolves to "
                raise AddressRefused(host, f"refused: {named}{why}; set [http] allow_private_addresses to fetch it")
        return addresses


def _is_literal(host: str) -> bool:
    try:
        parse_address(host)
        return True
    except ValueError:
        return False
