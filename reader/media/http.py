"""The one HTTP session of the media cache: requests-cache over SQLite, a real User-Agent, pools.

Responses are stored in ``Paths.http_cache`` (a requests-cache SQLite file, WAL). Only 200
responses are stored; 404 and 5xx never are. The expiry is set per request by the caller
(long for smileys, shorter for other images); expired entries are still shown offline, because
lookups read the stored response directly and nothing here deletes expired rows.

requests-cache never stores a response by itself (``filter_fn`` refuses all): it would read the
whole body inside the request, before any size check and where closing cannot interrupt it. The
media cache reads each body in chunks under its size cap and stores it once it is a valid picture.
"""

from __future__ import annotations

from pathlib import Path

import requests
from requests_cache import CachedSession, SQLiteCache

from .. import __version__
from ..netdeadline import DeadlineAdapter

USER_AGENT = f"s1reader/{__version__} (+offline reader)"


def open_backend(path: Path) -> SQLiteCache:
    """The requests-cache SQLite backend at ``path`` (opened without any network)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteCache(path, wal=True, busy_timeout=10_000)


def declared_length(response: requests.Response) -> int | None:
    value = response.headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def build_session(backend: SQLiteCache, pool_size: int, max_bytes: int) -> CachedSession:
    """A CachedSession on ``backend`` with connection pools sized for ``pool_size`` workers."""

    def stored_by_caller(_response: requests.Response) -> bool:
        return False

    session = CachedSession(
        backend=backend,
        allowable_codes=(200,),
        allowable_methods=("GET",),
        cache_control=False,  # our expiry, not the image host's
        filter_fn=stored_by_caller,
    )
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "image/avif,image/webp,image/png,image/*;q=0.8,*/*;q=0.5"
    # every connection obeys the answer deadline of the download it serves (reader.netdeadline)
    adapter = DeadlineAdapter(pool_connections=16, pool_maxsize=max(4, pool_size), max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def network_reachable(origin: str | None = None, timeout: float = 1.5) -> bool:
    """Whether the image host (or the origin override) accepts a TCP connection within ``timeout``.

    The window uses it once at start to pick offline mode when there is no network.
    """
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(origin or "https://static.stage1st.com")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            return True
    except OSError:
        return False
