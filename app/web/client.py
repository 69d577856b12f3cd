"""The client's address: the one place that reads `X-Forwarded-For`.

The header is believed only when the peer that sent the request is a configured proxy
(`Settings.trusted_proxies`, empty by default). Behind such a proxy we walk the header from the
right, skipping our own proxies, and take the first address that is not one of them: everything
to the left of that was written by the client and could be anything."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from fastapi import Request

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
UNKNOWN = "onbekend"


def client_address(request: Request) -> str:
    """The address throttles, sessions and audit events record for this request."""
    peer = request.client.host if request.client else ""
    trusted: tuple[str, ...] = request.app.state.settings.trusted_proxies
    forwarded = request.headers.getlist("x-forwarded-for")
    return resolve_client(peer, forwarded, trusted) or UNKNOWN


def resolve_client(peer: str, forwarded: list[str], trusted: tuple[str, ...]) -> str:
    """The client behind a chain of trusted proxies; the peer itself when it is not one."""
    networks = _networks(trusted)
    if not _is_trusted(_parse(peer), networks):
        return peer
    hops = [hop.strip() for header in forwarded for hop in header.split(",")]
    address = peer
    for hop in reversed(hops):
        parsed = _parse(hop)
        if parsed is None:  # garbage in the header: keep the last address we can vouch for
            break
        address = str(parsed)
        if not _is_trusted(parsed, networks):
            break
    return address


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _parse(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(address: IPAddress | None, networks: tuple[IPNetwork, ...]) -> bool:
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address.version == net.version and address in net for net in networks)
