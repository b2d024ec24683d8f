"""A polite client for the forum's Discuz! mobile API (``api/mobile/index.php?module=viewthread``).

Polite by default: a real User-Agent; guest answers cached in their own requests-cache file
(short expiry, and never for error answers); one request at a time per host with a pause between
requests (shared by every client in the process, so GUI workers queue up too); retries with
exponential backoff on timeouts, broken connections, HTTP 429 and 5xx. With no network at all
(the forum's name cannot be looked up) it says so at once instead of retrying.

Guest by default. Given a ``ForumSession`` (``reader.forum.account``) for the forum's host, it
sends that session's cookies with each request, and nothing is cached then (a logged-in answer
holds session values, and the HTTP cache must never hold a credential). Cookies the forum sets
are never kept: the session refuses every cookie and ``Set-Cookie`` is dropped from answers.

The forum is not trusted either: ``timeout`` bounds the whole answer (connecting, headers and
body: ``reader.netdeadline``), an answer is read in chunks up to ``MAX_REPLY_BYTES``, redirects
to another host (or from https to http) are refused, JSON nested too deeply and numbers out of
range are a ``bad_response`` error, and an answer about another thread than the one asked for
is refused (``reader.forum.answers``).
"""

from __future__ import annotations

import contextlib
import errno
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import requests_cache
import urllib3
from requests_cache.policy.expiration import get_expiration_datetime

from .. import __version__
from ..config import resolve_paths
from ..netdeadline import DeadlineAdapter, answer_deadline
from .account import ForumSession
from .answers import (  # noqa: F401 (read by callers from here)
    MAX_NUMBER,
    POSTS_PER_PAGE,
    ThreadPage,
    classify_message,
    parse_thread_page,
)
from .errors import (  # noqa: F401 (the client's errors, imported from here by callers)
    KIND_BAD_RESPONSE,
    KIND_FORUM_MESSAGE,
    KIND_HTTP,
    KIND_LOGIN,
    KIND_NETWORK,
    KIND_NO_PERMISSION,
    KIND_NOT_FOUND,
    KIND_OFFLINE,
    KIND_SESSION_EXPIRED,
    ForumError,
)
from .links import api_url, forum_base

USER_AGENT = f"s1reader/{__version__} (offline reader for Stage1st threads; one request at a time)"
CACHE_NAME = "forum_api.sqlite3"
MAX_REPLY_BYTES = 16 * 1024 * 1024  # a page of 40 posts is well under 1 MB
MAX_REDIRECTS = 3
CHUNK = 64 * 1024
_NO_NETWORK_ERRNOS = {errno.ENETUNREACH, errno.ENETDOWN}


class _HostGate:
    """One request at a time to a host, ``delay`` seconds apart."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last = 0.0


_GATES: dict[str, _HostGate] = {}
_GATES_LOCK = threading.Lock()


def _gate(host: str) -> _HostGate:
    with _GATES_LOCK:
        return _GATES.setdefault(host, _HostGate())


@dataclass
class ClientStats:
    requests: int = 0  # sent over the network
    cache_hits: int = 0
    retries: int = 0
    pages: list[tuple[int, int]] = field(default_factory=list)  # (tid, page) sent over the network


def host_of(base_url: str | None) -> str:
    """The host (with its port, if any) that sessions of this forum address are kept under."""
    return urlsplit(api_url(base_url)).netloc.lower()


def no_network(error: BaseException) -> bool:
    """Whether a connection error means there is no network at all (the name cannot be looked
    up, the network is unreachable), as opposed to a forum that is slow or down."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, socket.gaierror | urllib3.exceptions.NameResolutionError):
            return True
        if isinstance(e, OSError) and e.errno in _NO_NETWORK_ERRNOS:
            return True
        todo += [e.__cause__, e.__context__, getattr(e, "reason", None)]
        todo += [a for a in getattr(e, "args", ()) if isinstance(a, BaseException)]
    return False


def new_session(cache_path: Path | None, cache_seconds: float) -> requests.Session:
    """The HTTP session: requests-cache over SQLite (None: no cache), our User-Agent, no cookie
    kept, the answer deadline on every connection."""
    if cache_path is None:
        session: requests.Session = requests.Session()
    else:
        session = requests_cache.CachedSession(
            str(cache_path),
            backend="sqlite",
            expire_after=timedelta(seconds=cache_seconds),
            allowable_codes=(200,),
            allowable_methods=("GET",),
            stale_if_error=False,
            filter_fn=lambda _response: False,  # stored by _keep after a capped read and a good parse
        )
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))  # no cookie kept
    session.hooks["response"].append(_drop_cookies)
    adapter = DeadlineAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class ForumClient:
    """Fetch thread pages from the forum at ``base_url`` (default: $S1READER_FORUM_BASE or stage1st).

    ``cache_path`` defaults to ``<cache dir>/forum_api.sqlite3``; ``cache_seconds`` is how long an
    answer is reused; ``delay`` the pause between two requests to the host; ``timeout`` the most
    seconds one answer may take, whole; ``retries`` how often a failed request is tried again,
    waiting ``backoff``, 2×, 4× … seconds (or what Retry-After asks). ``session``: a logged-in
    session for this forum's host (None: a guest).
    """

    def __init__(
        self,
        base_url: str | None = None,
        cache_path: str | Path | None = None,
        delay: float = 1.0,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 2.0,
        cache_seconds: float = 300.0,
        session: ForumSession | None = None,
    ) -> None:
        self.base_url = forum_base(base_url)
        self.api = api_url(self.base_url)
        self.host = urlsplit(self.api).netloc
        self.delay = delay
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.stats = ClientStats()
        self.account = session if session is not None and session.host == host_of(self.base_url) else None
        if cache_path is None:
            cache_path = resolve_paths().ensure().cache / CACHE_NAME
        Path(cache_path).parent.mkdir(parents=True, exist_ok=True)
        self.cache_seconds = cache_seconds
        # a logged-in client caches nothing: its answers hold session values
        self.session = new_session(None if self.account else Path(cache_path), cache_seconds)
        self.session_refused = False  # set when the forum answered a session as a guest

    @property
    def username(self) -> str | None:
        return self.account.username if self.account else None

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> ForumClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests

    def _params(self, tid: int, page: int) -> dict[str, str]:
        return {"version": "4", "module": "viewthread", "tid": str(tid), "page": str(page),
                "ppp": str(POSTS_PER_PAGE)}

    def thread_page(self, tid: int, page: int, fresh: bool = False) -> ThreadPage:
        """Page ``page`` of thread ``tid``. ``fresh`` skips the cache (pages that may have grown)."""
        params = self._params(tid, page)
        cached_session = isinstance(self.session, requests_cache.CachedSession)
        if not fresh and cached_session:
            cached = self.session.get(self.api, params=params, only_if_cached=True)
            if cached.status_code == 200:
                try:
                    result = parse_thread_page(tid, page, cached.json(), self.base_url, True)
                except (ForumError, ValueError):
                    pass  # never reuse a refusal; ask again
                else:
                    self.stats.cache_hits += 1
                    return result
        response, data = self.get_json(params, f"thread {tid} page {page}", tid)
        self.stats.pages.append((tid, page))
        try:
            result = parse_thread_page(tid, page, data, self.base_url, account=self.username)
        except ForumError:
            self._forget(response)
            raise
        if result.session_refused:
            self.session_refused = True
        elif cached_session:
            self._keep(response)
        return result

    def _keep(self, response: requests.Response) -> None:
        """Cache a good answer for ``cache_seconds`` (refusals and broken answers never are)."""
        with contextlib.suppress(Exception):  # the cache is an optimisation; never fail over it
            cache = self.session.cache
            cache.save_response(response, cache.create_key(response.request),
                                get_expiration_datetime(timedelta(seconds=self.cache_seconds)))

    def _forget(self, response: requests.Response) -> None:
        """Drop an answer from the cache (a refusal must be asked again next time)."""
        with contextlib.suppress(Exception):  # the cache is an optimisation; never fail over it
            self.session.cache.delete(requests=[response.request])

    def _send(self, params: dict[str, str]) -> requests.Response:
        """One answer, its body read (capped) within ``timeout`` seconds in all; redirects are
        followed only on the same host and never from https to http."""
        url = self.api
        headers = {"Cookie": self.account.cookie_header()} if self.account else {}
        extra = {"force_refresh": True} if isinstance(self.session, requests_cache.CachedSession) else {}
        with answer_deadline(self.timeout) as deadline:
            try:
                for _ in range(MAX_REDIRECTS + 1):
                    self.stats.requests += 1
                    response = self.session.get(url, params=params, headers=headers, stream=True,
                                                timeout=(min(self.timeout, 10.0), self.timeout),
                                                allow_redirects=False, **extra)
                    if not response.is_redirect:
                        if response.status_code == 200:
                            _read_capped(response)
                        break
                    target = urljoin(response.url, response.headers.get("Location", ""))
                    response.close()
                    old, new = urlsplit(url), urlsplit(target)
                    if (new.hostname, new.port) != (old.hostname, old.port) or (
                            new.scheme != old.scheme and new.scheme != "https"):
                        raise _Redirected(target)
                    url, params = target, {}
                else:
                    raise _Redirected(url, too_many=True)
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError):
                if deadline.expired:
                    raise requests.Timeout("the answer took too long") from None
                raise
            if deadline.expired:  # a body without a length ends quietly when it is cut
                response.close()
                raise requests.Timeout("the answer took too long")
        return response

    def get_json(self, params: dict[str, str], what: str, tid: int | None = None
                 ) -> tuple[requests.Response, Any]:
        """The answer to a GET of the API and its decoded JSON; timeouts, broken connections,
        429, 5xx and non-JSON answers (a maintenance page) are retried with backoff; other HTTP
        errors and having no network at all are raised at once."""
        gate = _gate(self.host)
        error: ForumError | None = None
        for attempt in range(self.retries + 1):
            wait_after = self.backoff * (2**attempt)
            response = None
            with gate.lock:
                pause = gate.last + self.delay - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                try:
                    response = self._send(params)
                except _TooLarge:
                    raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer for {what} is larger than "
                                     f"{MAX_REPLY_BYTES // 2**20} MiB, so it was not read (not a normal "
                                     "page)", tid) from None
                except _Redirected as e:
                    raise ForumError(KIND_HTTP, e.describe(self.host), tid) from None
                except requests.Timeout:
                    error = ForumError(KIND_NETWORK, f"the forum at {self.host} did not answer within "
                                       f"{self.timeout:g} s ({what})", tid)
                except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as e:
                    if no_network(e):
                        raise ForumError(KIND_OFFLINE, f"no network: the forum's address {self.host} "
                                         "cannot be looked up or reached (this computer seems to be "
                                         "offline, or the address is mistyped); connect to the "
                                         "network and try again", tid) from None
                    error = ForumError(KIND_NETWORK, f"cannot reach the forum at {self.host}: "
                                       f"{_short(e)}", tid)
                finally:
                    gate.last = time.monotonic()
            if response is not None:
                code = response.status_code
                if code == 200:
                    try:
                        return response, json.loads(response.content)
                    except (ValueError, RecursionError):
                        self._forget(response)
                        error = ForumError(KIND_BAD_RESPONSE, f"the forum's answer for {what} is not "
                                           "JSON (a maintenance page or a block by the site?)", tid)
                else:
                    reason = f"HTTP {code} {response.reason or ''}".rstrip()
                    error = ForumError(KIND_HTTP, f"the forum answered {reason} for {what}", tid)
                    if code != 429 and code < 500:
                        raise error  # 403, 404 …: asking again will not help
                    retry_after = response.headers.get("Retry-After", "")
                    if retry_after.isdigit():
                        wait_after = max(wait_after, min(float(retry_after), 300.0))
            if attempt < self.retries:
                self.stats.retries += 1
                time.sleep(wait_after)
        assert error is not None
        raise ForumError(error.kind, f"{error} (gave up after {self.retries + 1} attempts)", tid)


class _TooLarge(Exception):
    pass


class _Redirected(Exception):
    """A redirect that is not followed (another host, https to http, or too many)."""

    def __init__(self, target: str, too_many: bool = False) -> None:
        super().__init__(target)
        self.target = target[:200]
        self.too_many = too_many

    def describe(self, host: str) -> str:
        if self.too_many:
            return f"the forum at {host} redirected more than {MAX_REDIRECTS} times; nothing was read"
        return (f"the forum at {host} sent s1reader to another address ({self.target}); it is not "
                "followed, so that no request (or session) goes elsewhere. If the forum has moved, "
                "give its new address with --base (Stage1st is at https://stage1st.com/2b/ since 2025)")


def _short(error: BaseException) -> str:
    """A network error in a line, without urllib3's nested reprs."""
    inner = getattr(error, "reason", None) or (error.args[0] if error.args else None)
    inner = getattr(inner, "reason", inner)
    text = str(inner if isinstance(inner, BaseException) else error)
    if "Connection refused" in text:
        return "the connection was refused (the forum is down, or the address is wrong)"
    if "RemoteDisconnected" in text or "Connection aborted" in text:
        return "the connection was closed before an answer came"
    return f"{type(error).__name__}: {text[:200]}"


def _read_capped(response: requests.Response) -> None:
    """Read the body in chunks; _TooLarge (and the connection closed) past MAX_REPLY_BYTES."""
    if getattr(response, "from_cache", False):
        return
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_content(CHUNK):
        size += len(chunk)
        if size > MAX_REPLY_BYTES:
            response.close()
            raise _TooLarge
        parts.append(chunk)
    response._content = b"".join(parts)
    response._content_consumed = True


def _drop_cookies(response: requests.Response, *args: object, **kwargs: object) -> requests.Response:
    """Response hook: forget Set-Cookie before anything (the cache) sees the headers."""
    response.headers.pop("Set-Cookie", None)
    response.cookies.clear()  # requests parses them into the response too
    return response
