"""Media URLs to cache keys: one key per picture, whatever host alias or broken prefix a post used.

Rules (applied by :func:`media_ref`):

* the archive's damage is undone first (HTML entities, the ``httphttps://`` prefix), and
  protocol-relative ``//host/path`` URLs get a scheme;
* ``http`` becomes ``https``, the host is lower-cased, a default port and the fragment dropped;
* the forum's aliased domains map to one: any ``*.saraba1st.com`` host becomes the same host on
  ``stage1st.com`` (``static.saraba1st.com`` ⇄ ``static.stage1st.com``,
  ``img.saraba1st.com`` ⇄ ``img.stage1st.com``), the domain the forum serves today;
* a smiley (any URL with ``/image/smiley/PACK/NAME``) is keyed host-independently by
  ``PACK/NAME`` (``face2017/067.png``) and always fetched from
  ``https://static.stage1st.com/image/smiley/PACK/NAME``, so a smiley cached from a 2023 thread
  shows in a 2026 thread.

:func:`origin_url` rewrites a canonical URL to a test or mirror server: with an origin such as
``http://127.0.0.1:8123`` the URL ``https://HOST/PATH?Q`` is fetched as
``http://127.0.0.1:8123/HOST/PATH?Q`` (the original host becomes the first path segment).
"""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from ..parse.inline import inline_image_url, repair_url

ORIGIN_ENV = "S1READER_MEDIA_ORIGIN"
SMILEY_HOST = "static.stage1st.com"
SMILEY_PATH = "/image/smiley/"
KIND_SMILEY = "smiley"
KIND_IMAGE = "image"
_ALIAS_DOMAIN = "saraba1st.com"
_CANONICAL_DOMAIN = "stage1st.com"


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A picture as the cache knows it.

    ``key`` is the cache key (``pack/name`` for smileys, the canonical URL for images), ``url`` the
    canonical URL to fetch, ``label`` a short name for placeholders (``[face2017/067]``).
    """

    key: str
    kind: str
    url: str
    label: str

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


def canonical_host(host: str) -> str:
    """The host the forum serves today for ``host`` (``*.saraba1st.com`` → ``*.stage1st.com``)."""
    host = host.lower().rstrip(".")
    if host == _ALIAS_DOMAIN:
        return _CANONICAL_DOMAIN
    if host.endswith("." + _ALIAS_DOMAIN):
        return host[: -len(_ALIAS_DOMAIN)] + _CANONICAL_DOMAIN
    return host


# names that always mean this machine or its local network (RFC 6761, 6762, 8375)
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
_LOCAL_SUFFIXES = (".localhost", ".local", ".home.arpa", ".internal", ".lan")


def address_of(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address ``host`` spells, in any form a URL may use (``127.0.0.1``, ``127.1``,
    ``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``::1``); None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if host and all(c in "0123456789abcdefxABCDEFX." for c in host):
        try:  # the classic inet_aton forms that browsers and the socket layer accept
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def is_public_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether ``ip`` is on the internet, not this machine or a private or special network."""
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_global


def local_network_host(host: str) -> bool:
    """Whether ``host`` names this machine or its local network by its form alone (no lookup):
    an address that is not public, ``localhost`` or a ``.local``-style name."""
    host = host.lower().rstrip(".")
    ip = address_of(host)
    if ip is not None:
        return not is_public_address(ip)
    return not host or host in _LOCAL_NAMES or host.endswith(_LOCAL_SUFFIXES)


def smiley_ref(key: str) -> MediaRef:
    """The ref of a smiley by its ``pack/name`` key (as in ``reader.parse.model.Smiley.key``)."""
    pack, _, name = key.partition("/")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return MediaRef(key=key, kind=KIND_SMILEY, url=f"https://{SMILEY_HOST}{SMILEY_PATH}{key}",
                    label=f"[{pack}/{stem}]")


def media_ref(url: str) -> MediaRef | None:
    """The normalised ref of an image or smiley URL as found in a post; None if it is no URL,
    or a picture pasted into the post (``data:``, decoded locally, never fetched)."""
    if inline_image_url(url) is not None:
        return None
    url = repair_url(url)
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    i = parts.path.find(SMILEY_PATH)
    if i >= 0:
        pack, _, name = parts.path[i + len(SMILEY_PATH):].partition("/")
        if pack and name and "/" not in name:
            return smiley_ref(f"{pack}/{name}")
    host = canonical_host(parts.hostname)
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    canonical = urlunsplit(("https", netloc, parts.path or "/", parts.query, ""))
    name = parts.path.rsplit("/", 1)[-1] or host
    return MediaRef(key=canonical, kind=KIND_IMAGE, url=canonical, label=f"[{name}]")


def media_origin(origin: str | None = None) -> str | None:
    """The origin override in force: the argument, else $S1READER_MEDIA_ORIGIN, else None."""
    value = origin if origin is not None else os.environ.get(ORIGIN_ENV, "")
    return value.rstrip("/") or None


def origin_url(url: str, origin: str | None) -> str:
    """Where to fetch ``url`` from: itself, or ``ORIGIN/HOST/PATH?QUERY`` under an override."""
    if not origin:
        return url
    parts = urlsplit(url)
    tail = f"/{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return origin + tail
