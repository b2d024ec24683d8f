"""Fetch and refresh threads from the forum into the library, page by page, resumable.

Each page is stored in one transaction together with the thread's ``followed_thread`` row
(``fetched_position``: every position up to it is stored), so an interrupted fetch (Ctrl+C, a
crash, a network error) loses at most the page in flight and the next fetch or refresh continues
after the last stored position. Pages are stored through ``importing.import_posts``: the same
identity rules as archive files (re-fetching a page adds nothing and updates edited posts),
bookmarks and reading state untouched.

Threads are fetched from the page that holds the position after the last stored one: for a
followed thread its ``fetched_position``, for a thread only imported from archive files its
highest floor. ``pages`` asks for explicit pages instead (e.g. to fill a gap).

Call these from a worker thread in the GUI (they block on the network); they use the library
opened by ``reader.store.db.open_library``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..parse.errors import FormatError
from ..parse.model import ThreadRef
from ..parse.paths import UNFILED_BOARD
from ..store.followed import (
    followed_threads,
    record_error,
    record_new_posts,
    record_page,
    stored_position,
)
from ..store.importing import import_posts
from ..store.importing.ids import LibraryIds
from ..store.models import database
from ..store.queries import board_and_title
from .answers import POSTS_PER_PAGE, ThreadPage, post_position
from .client import KIND_BAD_RESPONSE, ForumClient, ForumError
from .convert import forum_post
from .links import thread_url

STALE_PAGES = 3  # pages in a row without a new position end a fetch (a wrong maxposition)


def _with_floor(raw: dict, page: ThreadPage, index: int) -> dict:
    """A post without ``position`` and ``number`` gets its place on the page as its floor."""
    if post_position(raw):
        return raw
    return {**raw, "position": str((page.page - 1) * page.ppp + index + 1)}


class FetchCancelled(Exception):
    """Raised between pages when the caller asked to stop; stored pages stay stored.
    ``result`` tells what was stored before the stop."""

    def __init__(self, message: str, result: FetchResult) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """After each stored page: which page of how many, and the posts added so far."""

    tid: int
    title: str
    page: int
    last_page: int
    pages_done: int
    pages_total: int
    posts_added: int


@dataclass
class FetchResult:
    tid: int
    title: str = ""
    pages: list[int] = field(default_factory=list)  # pages stored, in order
    posts_added: int = 0
    posts_updated: int = 0
    fetched_position: int = 0
    last_position: int = 0  # the thread's highest post position on the forum
    cancelled: bool = False

    @property
    def complete(self) -> bool:
        return not self.cancelled and self.fetched_position >= self.last_position

    def as_dict(self) -> dict:
        return {
            "tid": self.tid,
            "title": self.title,
            "pages": self.pages,
            "posts_added": self.posts_added,
            "posts_updated": self.posts_updated,
            "fetched_position": self.fetched_position,
            "last_position": self.last_position,
            "complete": self.complete,
            "cancelled": self.cancelled,
        }


@dataclass
class RefreshOutcome:
    """One thread of a refresh: its result, or the error that stopped it."""

    tid: int
    result: FetchResult | None = None
    error: ForumError | None = None

    def as_dict(self) -> dict:
        return {
            "tid": self.tid,
            "ok": self.error is None,
            "result": self.result.as_dict() if self.result else None,
            "error": self.error.as_dict() if self.error else None,
        }


# ---------------------------------------------------------------- fetching


class ThreadFetcher:
    """Fetches threads with one client into the open library (one fetch at a time)."""

    def __init__(
        self,
        client: ForumClient,
        progress: Callable[[FetchProgress], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
        write: Callable[[Callable[[], Any]], Any] | None = None,
    ) -> None:
        """``write(fn)`` runs each write (a page's posts, the bookkeeping) and returns its result:
        by default here; the window passes its writer thread's ``call`` so that the network
        waits happen on a worker and only the short writes on the writer."""
        self.client = client
        self.progress = progress or (lambda p: None)
        self.should_cancel = should_cancel or (lambda: False)
        self.write = write or (lambda fn: fn())
        self.ids = LibraryIds()  # author and board ids, kept across the pages

    def _ref(self, tid: int, page: ThreadPage) -> ThreadRef:
        known = board_and_title(tid)
        board = known[0] if known else (page.forum_name or UNFILED_BOARD)
        title = page.subject or (known[1] if known else f"thread {tid}")
        return ThreadRef(tid=tid, part=1, title=title, board=board, reachable=True)

    def _store(self, tid: int, page: ThreadPage, result: FetchResult) -> None:
        source = thread_url(tid, page.page, page.base_url)
        try:
            posts = [forum_post(_with_floor(raw, page, i), page.author_id, page.base_url, source)
                     for i, raw in enumerate(page.posts)]
        except (FormatError, ValueError, TypeError, OverflowError, OSError) as e:
            raise ForumError(KIND_BAD_RESPONSE, f"a post on page {page.page} of thread {tid} could not "
                             f"be read ({e}); nothing of that page was stored", tid) from None
        ref = self._ref(tid, page)
        before = stored_position(tid)
        end = min(page.page * page.ppp, page.last_position)
        # the position only advances over contiguous pages: a page after a gap is stored, not counted
        fetched = max(before, end) if (page.page - 1) * page.ppp <= before else before
        def store():
            with database.atomic():
                r = import_posts(tid, ref, posts, self.ids)
                record_page(tid, page.base_url, ref.title, fetched, page.last_position)
            return r

        r = self.write(store)
        result.title = ref.title
        result.pages.append(page.page)
        result.posts_added += r.posts_added
        result.posts_updated += r.posts_updated
        result.fetched_position = fetched
        result.last_position = page.last_position

    def fetch(self, tid: int, pages: tuple[int, int | None] | None = None) -> FetchResult:
        """Fetch thread ``tid``: the pages after what is stored, or ``pages`` (first, last or None
        for "to the end"). Raises ForumError (nothing of the failing page is stored) or
        FetchCancelled (``result`` attribute: what was stored)."""
        result = FetchResult(tid)
        first = max(1, pages[0]) if pages is not None else stored_position(tid) // POSTS_PER_PAGE + 1
        page = self.client.thread_page(tid, first, fresh=True)
        if pages is None and page.ppp != POSTS_PER_PAGE:  # the forum chose another page size
            start = stored_position(tid) // page.ppp + 1
            if start != first:
                first = start
                page = self.client.thread_page(tid, first, fresh=True)
        last = page.last_page if pages is None or pages[1] is None else min(pages[1], page.last_page)
        total = max(1, last - first + 1)
        self._store(tid, page, result)
        self.progress(FetchProgress(tid, result.title, first, last, 1, total, result.posts_added))
        highest, stale = page.highest_position, 0
        if pages is None and page.count_unknown and last == first:
            last += 1  # no maxposition and a full page: look at the next one
        number = first
        while number < last:
            number += 1
            if self.should_cancel():
                result.cancelled = True
                raise FetchCancelled(f"fetch of thread {tid} stopped after page {number - 1}", result)
            page = self.client.thread_page(tid, number, fresh=number >= last)
            top = page.highest_position
            if top and top <= highest and page.max_position == 0 and pages is None:
                break  # no count, and the forum answered a page already stored: that was the end
            self._store(tid, page, result)
            # a page of deleted posts only is empty: it moves nothing on but is no sign of an end
            stale = stale + 1 if top and top <= highest else 0
            highest = max(highest, top)
            if stale >= STALE_PAGES:  # the forum keeps answering its last page: its count was wrong
                break
            if pages is None:
                last = max(last, page.last_page)
                if page.count_unknown and number == last:
                    last += 1
            self.progress(FetchProgress(tid, result.title, number, last, number - first + 1,
                                        max(total, last - first + 1), result.posts_added))
        self.write(lambda: record_new_posts(tid, result.posts_added))
        return result

    def refresh(self, tids: list[int] | None = None) -> list[RefreshOutcome]:
        """Fetch what is new in ``tids`` (default: every followed thread). One thread's failure
        is recorded on it and does not stop the others; cancelling stops between pages."""
        if tids is None:
            tids = [f.tid for f in followed_threads()]
        outcomes: list[RefreshOutcome] = []
        for tid in tids:
            if self.should_cancel():
                break
            try:
                outcomes.append(RefreshOutcome(tid, result=self.fetch(tid)))
            except ForumError as e:
                self.write(lambda t=tid, e=e: record_error(t, str(e)))
                outcomes.append(RefreshOutcome(tid, error=e))
        return outcomes
