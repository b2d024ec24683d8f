"""Find in thread: every post holding the text is a match, the text is highlighted in every card,
and F3 / Shift+F3 (Enter / Shift+Enter in the bar) step through the matches.

The posts are searched on the thread pool (``reader.store.threadfind``, a read submitted through
the window's operations, ``services.ops.read``, never waited for), from the reader's place
onward, and the matches arrive in batches: the first one is shown as soon as it is found, the
count grows as the others come ("3 of 120…" while searching). Each keystroke starts a new search
and cancels the one before, so typing never waits for a search. A match the author filter hides
lifts the filter; a match in a collapsed post (a blocked user's, a keyword rule's) is opened, and
its quotes unfolded when the text is only in them, so the match can be seen."""

from __future__ import annotations

import bisect
import itertools
import threading
from collections.abc import Callable

from ...parse.codec import plain_text
from ...store import threadfind
from ..services import WindowServices
from ..thread.view import ThreadView
from ..threadbars import FindBar

_searches = itertools.count(1)


class FindInThread:
    def __init__(self, view: ThreadView, services: WindowServices, bar: FindBar,
                 show_all_posts: Callable[..., None],
                 find_posts: Callable[..., bool] = threadfind.find_posts) -> None:
        self.view = view
        self.s = services
        self.bar = bar
        self.show_all_posts = show_all_posts  # a match the filter hides lifts it
        self.find_posts = find_posts
        self.text = ""
        self.order: list[int] = []  # the posts searched (post ids, reading order)
        self.found: list[int] = []  # indexes in ``order`` of the matches so far, in order
        self.current: int | None = None  # index in ``order`` of the match shown
        self.searching = False
        self._search = 0  # the running search; results of earlier ones are dropped
        self._cancel = threading.Event()
        bar.find_requested.connect(self.find_text)
        bar.step.connect(self.step)
        bar.closed.connect(self._closed)

    @property
    def matches(self) -> list[int]:
        """The post ids of the matches found so far, in reading order."""
        return [self.order[i] for i in self.found]

    def open(self) -> None:
        self.bar.open()

    def thread_opened(self) -> None:
        if self.bar.isVisible() and self.bar.box.text():
            self.find_text(self.bar.box.text())
        else:
            self._stop()
            self.text, self.order, self.found, self.current = "", [], [], None

    def _stop(self) -> None:
        self._cancel.set()
        self._search = 0
        self.searching = False

    def find_text(self, text: str) -> None:
        """Search the open thread for ``text`` (in the background; the first match is shown as
        soon as it is found)."""
        self._stop()
        model = self.view.thread_model
        model.set_find_text(text or None)
        self.text, self.found, self.current = text, [], None
        tid = self.s.current_tid()
        if not text.strip() or tid is None or not model.all_ids:
            self.order = []
            self._show_count()
            return
        hidden = model.hidden
        self.order = [p for p in model.all_ids if p not in hidden]
        top = model.ids[self.view.top_row()] if model.ids else self.order[0]
        start = bisect.bisect_left(self.order, model.full_row(top), key=model.full_row)
        self._search = search = next(_searches)
        self._cancel = cancel = threading.Event()
        self.searching = True
        self._show_count()
        order = list(self.order)
        self.s.ops.read(lambda report: self.find_posts(text, order, start, report, cancel.is_set),
                        success=lambda _done: self._finished(search),
                        failure=lambda error: self._failed(search, error),
                        report=lambda batch: self._found(search, batch))

    def _found(self, search: int, batch: list[int]) -> None:
        if search != self._search:
            return  # a search the reader has typed past
        first = not self.found
        self.found = sorted(self.found + batch) if self.found else list(batch)
        if first:
            self._show(batch[0])  # the first match from the reader's place on
        else:
            self._show_count()

    def _finished(self, search: int) -> None:
        if search == self._search:
            self.searching = False
            self._show_count()

    def _failed(self, search: int, error: BaseException) -> None:
        if search == self._search:
            self.searching = False
            self._show_count()
            self.bar.count.setToolTip(str(error)[:300])

    def _show_count(self) -> None:
        total = len(self.found)
        at = bisect.bisect_left(self.found, self.current) + 1 if self.current is not None else 0
        self.bar.set_count(at, total, self.searching)

    def step(self, delta: int, from_top: bool = False) -> None:
        if not self.found:
            return
        if from_top or self.current is None:
            model = self.view.thread_model
            top = model.ids[self.view.top_row()] if model.ids else self.order[0]
            here = bisect.bisect_left(self.order, model.full_row(top), key=model.full_row)
            i = bisect.bisect_left(self.found, here)
            i = i % len(self.found) if delta > 0 else (i - 1) % len(self.found)
        else:
            i = (bisect.bisect_left(self.found, self.current) + delta) % len(self.found)
        self._show(self.found[i])

    def _show(self, index: int) -> None:
        """Show the match at ``index`` of ``order``, opened so that the text can be seen."""
        self.current = index
        post_id = self.order[index]
        model = self.view.thread_model
        if model.row_for_post(post_id) < 0:
            self.show_all_posts(restore=False)
        row = model.row_for_post(post_id)
        if row >= 0:
            if model.collapsed(row):
                model.set_peeked(row, True)
            own, quoted = plain_text(model.post(row).blocks)
            needle = self.text.strip().lower()
            if needle not in own.lower() and needle in quoted.lower():
                model.unfold_quotes(row)
        self.view.show_post(post_id, flash=False)
        self._show_count()

    def next(self) -> None:
        if not self.bar.isVisible():
            self.bar.open()
        self.step(1)

    def previous(self) -> None:
        self.step(-1)

    def _closed(self) -> None:
        self._stop()
        self.found, self.current = [], None
        self.view.thread_model.set_find_text(None)
        self.view.setFocus()
