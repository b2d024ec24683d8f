"""MediaCache: cache-only lookups for the view, and bounded, retrying downloads for prefetch.

Threading: every public method may be called from any thread. ``lookup`` never touches the
network and returns quickly (one index row, one stored response). ``fetch`` blocks its caller
while a shared pool of ``workers`` threads downloads (at most ``per_host`` at a time per host);
progress and cancel callbacks run on the caller's thread. Two concurrent fetches of the same
key download it once.

Offline: while ``offline`` is true no session is created and no request is sent; a fetch reports
the missing items as missing. The flag may be flipped at any time (the GUI toggle); downloads in
flight stop before their next attempt.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from ..config import Paths
from ..netdeadline import answer_deadline, current_deadline
from .http import build_session, declared_length, open_backend
from .index import (
    STORED_CACHED,
    STORED_FAILED,
    STORED_GONE,
    STORED_INVALID,
    IndexRow,
    MediaIndex,
)
from .inline import decode_inline, inline_label, is_inline
from .urls import (
    KIND_IMAGE,
    KIND_SMILEY,
    MediaRef,
    address_of,
    is_public_address,
    local_network_host,
    media_origin,
    media_ref,
    origin_url,
    smiley_ref,
)
from .validate import (
    MAX_BYTES,
    MAX_PIXELS,
    ImageInfo,
    InvalidImage,
    needs_thumbnail,
    thumbnail_path,
    validate_image,
    write_thumbnail,
)

INDEX_NAME = "media_index.sqlite3"

STATUS_CACHED = "cached"  # bytes are here and valid
STATUS_MISSING = "missing"  # not cached (never fetched, offline, or the last download failed)
STATUS_GONE = "gone"  # the server said 404/410; not asked again
STATUS_INVALID = "invalid"  # downloaded but unfit to show (corrupt, too large, bomb)

_RETRYABLE = (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError,
              urllib3.exceptions.HTTPError, OSError)  # a stalled body can surface as urllib3's own
MAX_REDIRECTS = 3
CHUNK = 64 * 1024
_DONE, _RETRY, _STOP = "done", "retry", "stop"  # what one try of a download came to


class _TooLarge(Exception):
    pass


@dataclass(frozen=True, slots=True)
class MediaSettings:
    """How the cache behaves; every field has a default fit for the real forum."""

    offline: bool = False
    origin: str | None = None  # fetch from ORIGIN/HOST/PATH instead (default $S1READER_MEDIA_ORIGIN)
    workers: int = 8
    per_host: int = 4
    attempts: int = 3  # tries per URL on 5xx, 429, timeouts and connection errors
    backoff: float = 0.5  # seconds before the 2nd try; doubles each time
    connect_timeout: float = 5.0
    read_timeout: float = 20.0  # the longest wait for one piece of an answer
    answer_timeout: float = 60.0  # the longest one answer may take, whole (headers and body)
    max_bytes: int = MAX_BYTES
    max_pixels: int = MAX_PIXELS
    smiley_expiry: timedelta = timedelta(days=3650)
    image_expiry: timedelta = timedelta(days=90)


@dataclass(frozen=True, slots=True)
class MediaItem:
    """What the view needs to show one smiley or image, or its placeholder.

    ``data`` holds the raw file bytes (animated GIFs with all frames) when ``status`` is
    "cached" and the lookup asked for them; ``thumbnail`` is a PNG file for large images.
    """

    key: str
    kind: str  # "smiley" | "image"
    url: str  # canonical URL: the hover text of a placeholder
    label: str  # "[face2017/067]", "[name.jpg]"
    status: str  # "cached" | "missing" | "gone" | "invalid"
    data: bytes | None = None
    format: str | None = None  # PNG, GIF, JPEG, WEBP …
    width: int = 0
    height: int = 0
    frames: int = 0
    size: int = 0  # bytes of the file
    thumbnail: Path | None = None
    error: str | None = None

    @property
    def cached(self) -> bool:
        return self.status == STATUS_CACHED

    @property
    def placeholder_text(self) -> str:
        """Text for the placeholder shown instead of the picture."""
        if self.kind == KIND_SMILEY:
            return self.label
        return {STATUS_GONE: "图片已失效", STATUS_INVALID: "图片无法显示"}.get(self.status, "图片未缓存")


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Passed to the progress callback after each item of a fetch."""

    done: int
    total: int
    item: MediaItem  # the item just finished (without data)
    downloaded: int
    failed: int


@dataclass(slots=True)
class FetchSummary:
    total: int = 0  # distinct keys asked for
    already: int = 0  # cached before this fetch (skipped)
    refreshed: int = 0  # cached but past its expiry: asked again (the old copy stays on failure)
    downloaded: int = 0  # newly cached
    missing: int = 0  # still not cached: failed downloads, or offline
    gone: int = 0
    invalid: int = 0
    cancelled: bool = False
    requests: int = 0  # HTTP requests sent
    bytes: int = 0  # bytes downloaded and kept
    seconds: float = 0.0
    errors: dict[str, str] = field(default_factory=dict)  # key → last error of missing items

    def as_dict(self) -> dict:
        return {
            "total": self.total, "already_cached": self.already,
            "refreshed": self.refreshed, "downloaded": self.downloaded,
            "missing": self.missing, "gone": self.gone, "invalid": self.invalid,
            "cancelled": self.cancelled, "requests": self.requests, "bytes": self.bytes,
            "seconds": round(self.seconds, 3), "errors": self.errors,
        }


Progress = Callable[[FetchProgress], None]
Cancel = Callable[[], bool]


CLOSE_WAIT_S = 2.0  # close() waits at most this for downloads it has unblocked


class MediaCache:
    """The smiley and image cache of one ``Paths`` (see the package docstring for the rules)."""

    def __init__(self, paths: Paths, settings: MediaSettings | None = None) -> None:
        self.settings = settings or MediaSettings()
        self.offline = self.settings.offline
        self.origin = media_origin(self.settings.origin)
        self.thumbnails_dir = paths.thumbnails
        self.http_cache_path = paths.http_cache
        self.index_path = paths.cache / INDEX_NAME
        self._backend = open_backend(paths.http_cache)
        self._index = MediaIndex(self.index_path)
        self._lock = threading.Lock()
        self._session = None
        self._pool: ThreadPoolExecutor | None = None
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._inflight: dict[str, Future[MediaItem]] = {}
        self._stop = threading.Event()
        self._requests = 0
        self._active: dict[int, requests.Response] = {}  # responses being read: closed on close()
        self._threads: list[threading.Thread] = []  # download threads of stopped pools
        self._resolved: dict[str, str | None] = {}  # host -> why refused (local network) or None

    # ------------------------------------------------------------ lookups (never networked)

    def lookup(self, url: str, load: bool = True) -> MediaItem:
        """The cached state of the picture at ``url`` (any alias); bytes too when ``load``.
        A picture pasted into the post (a ``data:`` URL) is decoded here (``inline.py``):
        without ``load`` it is taken as there, and checked when its bytes are asked for."""
        if is_inline(url):
            return self._inline(url, load)
        ref = media_ref(url)
        if ref is None:
            return MediaItem(key=url, kind="image", url=url, label="[?]", status=STATUS_INVALID,
                             error="not an http(s) URL")
        return self.lookup_ref(ref, load)

    def _inline(self, url: str, load: bool) -> MediaItem:
        base = MediaItem(key=url, kind=KIND_IMAGE, url="", label=inline_label(url),
                         status=STATUS_CACHED)
        if not load:
            return base
        try:
            data, info = decode_inline(url, self.settings.max_bytes, self.settings.max_pixels)
        except InvalidImage as e:
            return replace(base, status=STATUS_INVALID, error=str(e))
        return replace(base, data=data, format=info.format, width=info.width,
                       height=info.height, frames=info.frames, size=len(data))

    def lookup_smiley(self, key: str, load: bool = True) -> MediaItem:
        """The cached state of a smiley by its ``pack/name`` key (``face2017/067.png``)."""
        return self.lookup_ref(smiley_ref(key), load)

    def lookup_ref(self, ref: MediaRef, load: bool = True) -> MediaItem:
        row = self._index.get(ref.key)
        return self._item(ref, row, load)

    def _item(self, ref: MediaRef, row: IndexRow | None, load: bool) -> MediaItem:
        base = MediaItem(key=ref.key, kind=ref.kind, url=ref.url, label=ref.label,
                         status=STATUS_MISSING)
        if row is None:
            return base
        if row.status == STATUS_GONE or row.status == STATUS_INVALID:
            return replace(base, status=row.status, error=row.error)
        if row.status != STORED_CACHED or not row.cache_key:
            return replace(base, error=row.error)
        data: bytes | None = None
        if load:
            response = self._backend.responses.get(row.cache_key)
            if response is None:  # the HTTP cache was cleared behind our back
                self._index.forget(ref.key)
                return replace(base, error="no longer in the HTTP cache")
            data = response.content
        thumb = self.thumbnails_dir / row.thumbnail if row.thumbnail else None
        if thumb is not None and not thumb.is_file():
            thumb = None
        return replace(base, status=STATUS_CACHED, data=data, format=row.format, width=row.width,
                       height=row.height, frames=row.frames, size=row.bytes, thumbnail=thumb)

    # ------------------------------------------------------------ fetching

    def fetch(self, urls: Iterable[str | MediaRef], progress: Progress | None = None,
              cancel: Cancel | None = None, retry_gone: bool = False,
              retry_invalid: bool = False) -> FetchSummary:
        """Download what is not cached yet; return what happened. Blocks until done or cancelled.

        Cached items are skipped, so an interrupted fetch resumes where it stopped, unless they
        are older than their expiry (``smiley_expiry`` / ``image_expiry``): those are asked for
        again, and keep their old bytes if the answer is not a valid picture. Gone and invalid
        items are skipped too unless ``retry_gone`` / ``retry_invalid``.
        """
        started = time.perf_counter()
        refs: dict[str, MediaRef] = {}
        for u in urls:
            ref = u if isinstance(u, MediaRef) else media_ref(u)
            if ref is not None:
                refs.setdefault(ref.key, ref)
        summary = FetchSummary(total=len(refs))
        rows = self._index.get_many(list(refs))
        todo: list[tuple[MediaRef, IndexRow | None]] = []
        now = time.time()
        for key, ref in refs.items():
            row = rows.get(key)
            status = row.status if row else None
            if status == STORED_CACHED and row is not None and row.cache_key in self._backend.responses:
                if self.offline or now - row.checked_at < self._expiry(ref).total_seconds():
                    summary.already += 1
                else:
                    todo.append((ref, row))
            elif status == STORED_GONE and not retry_gone:
                summary.gone += 1
            elif status == STORED_INVALID and not retry_invalid:
                summary.invalid += 1
            else:
                todo.append((ref, None))
        requests_before = self._requests
        stopped = self.offline or self._stop.is_set()
        futures = {self._submit(ref, previous): (ref, previous) for ref, previous in todo} \
            if not stopped else {}
        if stopped:
            summary.missing += len(todo)
        done = summary.total - len(futures)
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            if self._stop.is_set():  # the cache is closing: nobody waits for the rest
                summary.cancelled = True
                summary.missing += len(pending)
                pending = set()
            if cancel is not None and cancel():
                # queued downloads are dropped; running ones finish in the background (their
                # result still reaches the index) but count as missing here
                summary.cancelled = True
                for f in pending:
                    f.cancel()
                summary.missing += sum(1 for f in pending if not f.cancelled())
                finished |= {f for f in pending if f.cancelled()}
                pending = set()
            for f in finished:
                ref, previous = futures[f]
                if f.cancelled():
                    summary.missing += 1
                    continue
                item = f.result()
                if item.status == STATUS_CACHED and previous is not None:
                    summary.refreshed += 1
                elif item.status == STATUS_CACHED:
                    summary.downloaded += 1
                    summary.bytes += item.size
                elif item.status == STATUS_GONE:
                    summary.gone += 1
                elif item.status == STATUS_INVALID:
                    summary.invalid += 1
                else:
                    summary.missing += 1
                    if item.error:
                        summary.errors[ref.key] = item.error
                done += 1
                if progress is not None:
                    progress(FetchProgress(done, summary.total, item, summary.downloaded,
                                           summary.missing + summary.invalid))
        summary.requests = self._requests - requests_before
        summary.seconds = time.perf_counter() - started
        return summary

    def _expiry(self, ref: MediaRef) -> timedelta:
        return self.settings.smiley_expiry if ref.kind == KIND_SMILEY else self.settings.image_expiry

    def _submit(self, ref: MediaRef, previous: IndexRow | None = None) -> Future[MediaItem]:
        with self._lock:
            running = self._inflight.get(ref.key)
            if running is not None:
                return running
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.settings.workers, thread_name_prefix="media")
            future = self._pool.submit(self._download, ref, previous)
            self._inflight[ref.key] = future
        future.add_done_callback(lambda _f, key=ref.key: self._inflight.pop(key, None))
        return future

    def _host_slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.BoundedSemaphore(self.settings.per_host)
            return slot

    def _http(self):
        with self._lock:
            if self._session is None:
                self._session = build_session(self._backend, self.settings.workers,
                                              self.settings.max_bytes)
            return self._session

    def _download(self, ref: MediaRef, previous: IndexRow | None = None) -> MediaItem:
        """Download one picture and record the outcome in the index.

        ``previous`` is the row of an expired cached copy being refreshed: if the new answer is
        not a valid picture (gone, invalid, failed), the old stored response is put back and the
        old row kept, because an offline archive would rather show an old copy than nothing.
        """
        old_response = None
        if previous is not None and previous.cache_key:
            old_response = self._backend.responses.get(previous.cache_key)
        try:
            with self._host_slot(ref.host):
                row = self._attempts(ref, refresh=previous is not None)
        except Exception as e:  # noqa: BLE001 (one picture's failure never ends the whole fetch)
            row = IndexRow(ref.key, ref.kind, ref.url, STORED_FAILED, error=f"{type(e).__name__}: {e}")
        if self._stop.is_set():  # closing: the files may be closed already; it stays missing
            return self._item(ref, None, load=False)
        if previous is not None and row.status != STORED_CACHED:
            if old_response is not None and previous.cache_key:
                self._backend.save_response(old_response, previous.cache_key, old_response.expires)
            row = replace(previous, checked_at=time.time(), error=row.error)
        self._index.put(row)
        return self._item(ref, row, load=False)

    def _attempts(self, ref: MediaRef, refresh: bool = False) -> IndexRow:
        """Up to ``attempts`` tries (backoff between them), then validation of a 200 answer.

        ``refresh`` sends a new request even if requests-cache holds a fresh copy (our index, not
        requests-cache, decides what is expired). Each try, its body included, ends within
        ``answer_timeout`` seconds (``reader.netdeadline``): a server that sends a byte now and
        then cannot hold a download, or its host's slot, for longer.
        """
        s = self.settings
        refused = self._local_network(ref)
        if refused:
            return IndexRow(ref.key, ref.kind, ref.url, STORED_INVALID, error=refused)
        url = origin_url(ref.url, self.origin)
        error = "not tried"
        for attempt in range(s.attempts):
            if self.offline or self._stop.is_set():
                error = "offline" if self.offline else "stopped"
                break
            if attempt:
                time.sleep(s.backoff * 2 ** (attempt - 1))
            with answer_deadline(s.answer_timeout) as deadline:
                outcome, result = self._attempt(url, ref, refresh)
                if deadline.expired and outcome != _DONE:
                    outcome, result = _RETRY, f"timed out: no whole answer within {s.answer_timeout:g} s"
            if outcome == _DONE:
                return result
            error = result
            if outcome == _STOP:
                break
        return IndexRow(ref.key, ref.kind, ref.url, STORED_FAILED, error=error)

    def _local_network(self, ref: MediaRef) -> str | None:
        """Why a picture is not requested when its host is this machine or the local network
        (a post could otherwise make the reader knock at a router or a local service); None
        when it may be. With no origin override the host's addresses are looked up too."""
        host = ref.host
        if local_network_host(host):
            return f"a local network address ({host[:100]}): not requested"
        if self.origin or self.offline:
            return None
        with self._lock:
            if host in self._resolved:  # one look-up per host and cache, not one per picture
                return self._resolved[host]
        verdict = None
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return None  # not found: the request fails as any unreachable host does
        for *_, sockaddr in infos:
            ip = address_of(str(sockaddr[0]).split("%", 1)[0])
            if ip is not None and not is_public_address(ip):
                verdict = f"{host[:100]} is a local network address ({ip}): not requested"
                break
        with self._lock:
            self._resolved[host] = verdict
        return verdict

    def _attempt(self, url: str, ref: MediaRef, refresh: bool) -> tuple[str, Any]:
        """One try: (_DONE, IndexRow), or (_RETRY | _STOP, the error in words)."""
        s = self.settings
        try:
            response = self._get(url, ref, refresh)
        except _Redirect as e:
            return _DONE, IndexRow(ref.key, ref.kind, ref.url, STORED_FAILED, error=str(e))
        except _RETRYABLE as e:
            self._count_request()
            return _RETRY, f"{type(e).__name__}: {e}"
        except requests.RequestException as e:
            self._count_request()
            return _STOP, f"{type(e).__name__}: {e}"
        if not getattr(response, "from_cache", False):
            self._count_request()
        code = response.status_code
        if code != 200:
            _discard(response)
            error = f"HTTP {code}"
            if code in (404, 410):
                return _DONE, IndexRow(ref.key, ref.kind, ref.url, STORED_GONE, http_status=code,
                                       error=error)
            return (_RETRY if code >= 500 or code == 429 else _STOP), error
        length = declared_length(response)
        if length is not None and length > s.max_bytes:
            response.close()
            return _DONE, IndexRow(ref.key, ref.kind, ref.url, STORED_INVALID, http_status=code,
                                   error=f"too large: {length} bytes > {s.max_bytes}")
        try:
            data = self._read_capped(response, s.max_bytes)
        except _TooLarge:
            return _DONE, IndexRow(ref.key, ref.kind, ref.url, STORED_INVALID, http_status=code,
                                   error=f"too large: over {s.max_bytes} bytes")
        except _RETRYABLE as e:
            return _RETRY, f"{type(e).__name__}: {e}"
        if getattr(current_deadline(), "expired", False):
            response.close()  # cut short: what was read is not the whole picture
            return _RETRY, "timed out"
        return _DONE, self._validated(ref, response, data)

    def _get(self, url: str, ref: MediaRef, refresh: bool) -> requests.Response:
        """GET ``url``, following at most MAX_REDIRECTS redirects and only within its host."""
        s = self.settings
        for _ in range(MAX_REDIRECTS + 1):
            response = self._http().get(url, timeout=(s.connect_timeout, s.read_timeout), stream=True,
                                        expire_after=self._expiry(ref), force_refresh=refresh,
                                        allow_redirects=False)
            if not response.is_redirect:
                return response
            if not getattr(response, "from_cache", False):
                self._count_request()
            target = urljoin(url, response.headers.get("Location", ""))
            _discard(response)
            old, new = urlsplit(url), urlsplit(target)
            if new.scheme not in ("http", "https") or (new.hostname, new.port) != (old.hostname, old.port):
                raise _Redirect(f"redirect to another host refused: {target[:200]}")
            url = target
        raise _Redirect(f"more than {MAX_REDIRECTS} redirects")

    def _read_capped(self, response: requests.Response, max_bytes: int) -> bytes:
        """The body, read in chunks; raises _TooLarge (and closes) past ``max_bytes``."""
        if getattr(response, "from_cache", False) or response._content_consumed:
            data = response.content
            if len(data) > max_bytes:
                raise _TooLarge
            return data
        parts: list[bytes] = []
        size = 0
        with self._lock:
            self._active[id(response)] = response
        try:
            for chunk in response.iter_content(CHUNK):
                if self._stop.is_set():
                    raise requests.ConnectionError("stopped")
                size += len(chunk)
                if size > max_bytes:
                    response.close()
                    raise _TooLarge
                parts.append(chunk)
        finally:
            with self._lock:
                self._active.pop(id(response), None)
        data = b"".join(parts)
        response._content = data  # so requests-cache can store it (it reads .content)
        response._content_consumed = True
        return data

    def _count_request(self) -> None:
        with self._lock:
            self._requests += 1

    def _validated(self, ref: MediaRef, response: requests.Response, data: bytes) -> IndexRow:
        """Check a 200 answer; keep it (with a thumbnail if large) or drop it as invalid."""
        cache = self._backend
        cache_key = getattr(response, "cache_key", None) or cache.create_key(response.request)
        try:
            info: ImageInfo = validate_image(data, self.settings.max_bytes, self.settings.max_pixels)
        except InvalidImage as e:
            cache.delete(cache_key, vacuum=False)
            return IndexRow(ref.key, ref.kind, ref.url, STORED_INVALID, http_status=200,
                            bytes=len(data), error=str(e))
        if cache_key not in cache.responses:  # not stored by requests-cache (headers): store it
            cache.save_response(response, cache_key, expires=None)
        thumb: str | None = None
        if needs_thumbnail(info):
            target = thumbnail_path(self.thumbnails_dir, ref.key)
            try:
                write_thumbnail(data, info, target)
                thumb = str(target.relative_to(self.thumbnails_dir))
            except Exception:  # a thumbnail is a convenience: the full image still shows
                thumb = None
        return IndexRow(ref.key, ref.kind, ref.url, STORED_CACHED, cache_key=cache_key,
                        format=info.format, width=info.width, height=info.height,
                        frames=info.frames, bytes=len(data), thumbnail=thumb, http_status=200)

    # ------------------------------------------------------------ statistics and life cycle

    def stats(self) -> dict:
        """Counts and sizes from the index (no network, no library)."""
        counts = self._index.counts()

        def total(status: str, kind: str | None = None) -> tuple[int, int]:
            rows = [v for (s, k), v in counts.items() if s == status and (kind is None or k == kind)]
            return sum(n for n, _ in rows), sum(b for _, b in rows)

        cached, cached_bytes = total(STORED_CACHED)
        thumbs = [p for p in self.thumbnails_dir.rglob("*.png")] if self.thumbnails_dir.is_dir() else []
        return {
            "cached": cached,
            "cached_smileys": total(STORED_CACHED, KIND_SMILEY)[0],
            "cached_images": total(STORED_CACHED, "image")[0],
            "bytes": cached_bytes,
            "gone": total(STORED_GONE)[0],
            "invalid": total(STORED_INVALID)[0],
            "failed": total(STORED_FAILED)[0],
            "thumbnails": len(thumbs),
            "thumbnail_bytes": sum(p.stat().st_size for p in thumbs),
            "http_cache_path": str(self.http_cache_path),
            "http_cache_bytes": _file_size(self.http_cache_path),
            "index_path": str(self.index_path),
        }

    # ------------------------------------------------------------ carrying (reader.media.carry)

    def cached_rows(self) -> list[IndexRow]:
        """The index rows of every cached picture (smileys first)."""
        return self._index.rows_with_status(STORED_CACHED)

    def cached_bytes(self, row: IndexRow) -> bytes | None:
        """The stored bytes of a cached picture's row; None when they are no longer stored."""
        response = self._backend.responses.get(row.cache_key) if row.cache_key else None
        return response.content if response is not None else None

    def store(self, ref: MediaRef, data: bytes) -> MediaItem:
        """Keep ``data`` as the picture of ``ref`` as if it had been downloaded (checked as a
        download is: an unusable picture is not kept and comes back with status "invalid")."""
        request = requests.Request("GET", ref.url).prepare()
        response = requests.Response()
        response.status_code = 200
        response.url = ref.url
        response.request = request
        response.reason = "OK"
        response.headers["Content-Length"] = str(len(data))
        response.raw = urllib3.HTTPResponse(body=b"", headers=dict(response.headers), status=200,
                                            reason="OK", request_url=ref.url, preload_content=False)
        response._content = data
        response._content_consumed = True
        response.cache_key = self._backend.create_key(request)  # type: ignore[attr-defined]
        try:
            row = self._validated(ref, response, data)
        except Exception as e:  # noqa: BLE001 (one picture never ends an import)
            row = IndexRow(ref.key, ref.kind, ref.url, STORED_INVALID, error=f"{type(e).__name__}: {e}")
        if row.status == STORED_CACHED or self._index.get(ref.key) is None:
            self._index.put(row)
        return self._item(ref, row, load=False)

    def known(self, keys: list[str]) -> dict[str, str]:
        """Stored status (cached/gone/invalid/failed) of those ``keys`` the index has a row for."""
        return {k: r.status for k, r in self._index.get_many(keys).items()}

    def stop(self) -> None:
        """Stop downloading without waiting for anything: queued downloads are dropped, bodies
        being read are cut (their sockets shut); a download still connecting or waiting for an
        answer ends at its timeout, and its result is dropped. ``fetch`` calls return at once."""
        self._stop.set()
        with self._lock:
            pool, self._pool = self._pool, None
            active, self._active = list(self._active.values()), {}
        for response in active:  # a stalled body: unblock its reader now
            _abort(response)
        if pool is not None:
            self._threads.extend(getattr(pool, "_threads", ()))
            pool.shutdown(wait=False, cancel_futures=True)

    def busy(self) -> bool:
        """Whether a download thread is still running (after ``stop``: one not yet timed out)."""
        return any(t.is_alive() for t in self._threads)

    def close(self) -> None:
        """Stop downloads, give the cut ones a moment to end, and close the files (left open
        while a download thread still runs: closing SQLite under it would crash the process)."""
        self.stop()
        # the unblocked downloads end in moments; their threads still hold the cache files
        deadline = time.monotonic() + CLOSE_WAIT_S
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()
        if not self.busy():  # else left open: a thread still stuck in connect() may touch them
            self._index.close()
            self._backend.close()

    def __enter__(self) -> MediaCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Redirect(Exception):
    """A redirect that is not followed (another host, or too many)."""


def _abort(response: requests.Response) -> None:
    """Shut the socket of a response another thread is reading, so that read ends at once."""
    raw = getattr(response, "raw", None)
    conn = getattr(raw, "_connection", None) or getattr(raw, "connection", None)
    sock = getattr(conn, "sock", None)
    with contextlib.suppress(OSError, AttributeError):
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(Exception):
        response.close()


def _discard(response: requests.Response) -> None:
    """Close an unwanted response; read a short body first so its connection can be reused."""
    length = declared_length(response)
    if length is not None and length <= 65536:
        with contextlib.suppress(requests.RequestException):
            response.content  # noqa: B018 (read for the side effect)
    response.close()


def _file_size(path: Path) -> int:
    total = 0
    for p in (path, path.with_name(path.name + "-wal")):
        if p.is_file():
            total += p.stat().st_size
    return total
