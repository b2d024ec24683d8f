"""A polite client for the forum's Discuz! mobile API (``api/mobile/index.php?module=viewthread``).

Polite by default: a real User-Agent; answers cached in their own requests-cache file (short
expiry, and never for error answers); one request at a time per host with a pause between
requests (shared by every client in the process, so GUI workers queue up too); timeouts; retries
with exponential backoff on network errors, HTTP 429 and 5xx. Guest access only: no login, no
cookies kept (the session refuses every cookie and ``Set-Cookie`` is dropped before an answer is
cached), no credentials anywhere.

The forum is not trusted either: an answer is read in chunks up to ``MAX_REPLY_BYTES``; JSON nested
too deeply and numbers out of range are a ``bad_response`` error, never a crash.

The forum's refusals arrive as HTTP 200 with ``Message.messageval``/``messagestr``; they become a
``ForumError`` whose ``kind`` says what happened (``login_required``, ``not_found``,
``no_permission``, ``forum_message``) and whose text says it in words.
"""

from __future__ import annotations

import contextlib
import html
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import requests_cache
import urllib3
from requests_cache.policy.expiration import get_expiration_datetime

from .. import __version__
from ..config import resolve_paths
from .errors import (  # noqa: F401 (the client's errors, imported from here by callers)
    KIND_BAD_RESPONSE,
    KIND_FORUM_MESSAGE,
    KIND_HTTP,
    KIND_LOGIN,
    KIND_NETWORK,
    KIND_NO_PERMISSION,
    KIND_NOT_FOUND,
    ForumError,
)
from .links import api_url, forum_base

USER_AGENT = f"s1reader/{__version__} (offline reader for Stage1st threads; guest, one request at a time)"
CACHE_NAME = "forum_api.sqlite3"
POSTS_PER_PAGE = 40
MAX_REPLY_BYTES = 16 * 1024 * 1024  # a page of 40 posts is well under 1 MB
MAX_NUMBER = 100_000_000  # no thread has more positions; larger numbers are a broken answer
CHUNK = 64 * 1024

def _int(value: Any, default: int = 0) -> int:
    """Discuz sends every number as a string (sometimes empty or null); out of range: ``default``."""
    try:
        number = int(str(value).strip()[:20])
    except (TypeError, ValueError):
        return default
    return number if 0 <= number <= MAX_NUMBER else default


def _count(thread: dict, key: str, tid: int) -> int:
    """A count of the thread (maxposition, replies); an impossible one is a broken answer."""
    raw = thread.get(key)
    number = _int(raw, -1)
    if number < 0 and raw not in (None, ""):
        raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer for thread {tid} has an impossible "
                         f"{key} ({str(raw)[:30]}); try again later", tid)
    return max(0, number)


@dataclass(frozen=True, slots=True)
class ThreadPage:
    """One page of a thread as the API returned it (posts are the raw ``postlist`` entries)."""

    tid: int
    page: int
    ppp: int
    subject: str
    author_id: str
    max_position: int
    replies: int
    forum_name: str | None
    posts: tuple[dict, ...]
    base_url: str
    from_cache: bool = False

    @property
    def last_position(self) -> int:
        """The highest post position the thread has (deleted posts keep theirs)."""
        return max(self.max_position, self.replies + 1)

    @property
    def last_page(self) -> int:
        return max(1, -(-self.last_position // self.ppp))


def classify_message(tid: int, messageval: str, messagestr: str) -> ForumError:
    """A Discuz refusal (``Message``) as a ForumError that says what it means for the user."""
    said = html.unescape(messagestr or messageval).strip()
    val = (messageval or "").lower()
    quoted = f" (the forum says: {said})" if said else ""
    if "login" in val or "登录" in said:
        return ForumError(KIND_LOGIN, f"thread {tid} can only be read when logged in{quoted}; "
                          "s1reader reads the forum as a guest", tid, said)
    if "nonexist" in val or "not_exist" in val or "delete" in val or "不存在" in said or "删除" in said:
        return ForumError(KIND_NOT_FOUND, f"thread {tid} does not exist on the forum: it was deleted, "
                          f"is awaiting moderation, or the id is wrong{quoted}", tid, said)
    if "perm" in val or "noallow" in val or "权限" in said or "没有" in said:
        return ForumError(KIND_NO_PERMISSION, f"no permission to read thread {tid} as a guest{quoted}",
                          tid, said)
    return ForumError(KIND_FORUM_MESSAGE, f"the forum refused thread {tid}{quoted} [{messageval}]", tid, said)


def parse_thread_page(tid: int, page: int, data: Any, base_url: str, from_cache: bool = False) -> ThreadPage:
    """Read the JSON envelope of a viewthread answer; ForumError for refusals and odd answers."""
    if not isinstance(data, dict):
        raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer for thread {tid} is not a JSON object", tid)
    variables = data.get("Variables") or {}
    message = data.get("Message") or {}
    thread = variables.get("thread") if isinstance(variables, dict) else None
    postlist = variables.get("postlist") if isinstance(variables, dict) else None
    if isinstance(message, dict) and message.get("messageval") and not (thread and postlist):
        raise classify_message(
            tid, str(message.get("messageval") or ""), str(message.get("messagestr") or "")
        )
    if not isinstance(thread, dict) or not isinstance(postlist, list):
        raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer for thread {tid} page {page} has no "
                         "thread or post list (an API change, or a page the forum would not give)", tid)
    forum = variables.get("forum")
    forum_name = None
    if isinstance(forum, dict) and forum.get("name"):
        forum_name = html.unescape(str(forum["name"]))
    return ThreadPage(
        tid=_int(thread.get("tid"), tid),
        page=page,
        ppp=_int(variables.get("ppp"), POSTS_PER_PAGE) or POSTS_PER_PAGE,
        subject=html.unescape(str(thread.get("subject") or "")),
        author_id=str(thread.get("authorid") or ""),
        max_position=_count(thread, "maxposition", tid),
        replies=_count(thread, "replies", tid),
        forum_name=forum_name,
        posts=tuple(p for p in postlist if isinstance(p, dict)),
        base_url=base_url,
        from_cache=from_cache,
    )


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


class ForumClient:
    """Fetch thread pages from the forum at ``base_url`` (default: $S1READER_FORUM_BASE or stage1st).

    ``cache_path`` defaults to ``<cache dir>/forum_api.sqlite3``; ``cache_seconds`` is how long an
    answer is reused; ``delay`` the pause between two requests to the host; ``timeout`` seconds
    to connect and to read; ``retries`` how often a failed request is tried again, waiting
    ``backoff``, 2×, 4× … seconds (or what Retry-After asks).
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
    ) -> None:
        self.base_url = forum_base(base_url)
        self.api = api_url(self.base_url)
        self.host = urlsplit(self.api).netloc
        self.delay = delay
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.stats = ClientStats()
        if cache_path is None:
            cache_path = resolve_paths().ensure().cache / CACHE_NAME
        Path(cache_path).parent.mkdir(parents=True, exist_ok=True)
        self.cache_seconds = cache_seconds
        self.session = requests_cache.CachedSession(
            str(cache_path),
            backend="sqlite",
            expire_after=timedelta(seconds=cache_seconds),
            allowable_codes=(200,),
            allowable_methods=("GET",),
            stale_if_error=False,
            filter_fn=lambda _response: False,  # stored by _keep after a capped read and a good parse
        )
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        self.session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))  # no cookie kept
        self.session.hooks["response"].append(_drop_cookies)

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
        if not fresh:
            cached = self.session.get(self.api, params=params, only_if_cached=True)
            if cached.status_code == 200:
                try:
                    result = parse_thread_page(tid, page, cached.json(), self.base_url, True)
                except (ForumError, ValueError):
                    pass  # never reuse a refusal; ask again
                else:
                    self.stats.cache_hits += 1
                    return result
        response, data = self._get(tid, page, params)
        try:
            result = parse_thread_page(tid, page, data, self.base_url)
        except ForumError:
            self._forget(response)
            raise
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

    def _get(self, tid: int, page: int, params: dict[str, str]) -> tuple[requests.Response, Any]:
        """The answer and its decoded JSON; network errors, 429, 5xx and non-JSON answers (a
        maintenance page) are retried with backoff, other HTTP errors raised at once."""
        gate = _gate(self.host)
        error: ForumError | None = None
        for attempt in range(self.retries + 1):
            wait_after = self.backoff * (2**attempt)
            with gate.lock:
                pause = gate.last + self.delay - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                try:
                    self.stats.requests += 1
                    self.stats.pages.append((tid, page))
                    response = self.session.get(self.api, params=params, timeout=self.timeout,
                                                force_refresh=True, stream=True)
                    if response.status_code == 200:
                        _read_capped(response)
                except _TooLarge:
                    raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer for thread {tid} page {page} "
                                     f"is larger than {MAX_REPLY_BYTES // 2**20} MiB, so it was not read "
                                     "(not a normal page)", tid) from None
                except requests.Timeout:
                    error = ForumError(KIND_NETWORK, f"the forum at {self.host} did not answer within "
                                       f"{self.timeout:g} s (thread {tid} page {page})", tid)
                    response = None
                except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as e:
                    error = ForumError(KIND_NETWORK, f"cannot reach the forum at {self.host}: "
                                       f"{type(e).__name__}: {e}", tid)
                    response = None
                finally:
                    gate.last = time.monotonic()
            if response is not None:
                code = response.status_code
                if code == 200:
                    try:
                        return response, json.loads(response.content)
                    except (ValueError, RecursionError):
                        self._forget(response)
                        error = ForumError(KIND_BAD_RESPONSE, f"the forum's answer for thread {tid} page "
                                           f"{page} is not JSON (a maintenance page or a block by the "
                                           "site?)", tid)
                else:
                    reason = f"HTTP {code} {response.reason or ''}".rstrip()
                    error = ForumError(KIND_HTTP, f"the forum answered {reason} for thread {tid} page "
                                       f"{page}", tid)
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
