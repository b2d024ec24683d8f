"""Find in thread: every post holding the text is a match (asked of the store), the text is
highlighted in every card, and F3 / Shift+F3 step through the matches from where the reader is."""

from __future__ import annotations

from collections.abc import Callable

from ...store import queries
from ..thread.view import ThreadView
from ..threadbars import FindBar


class FindInThread:
    def __init__(self, view: ThreadView, bar: FindBar, current_tid: Callable[[], int | None],
                 show_all_posts: Callable[..., None],
                 find_in_thread: Callable[[int, str], list[int]] = queries.find_in_thread) -> None:
        self.view = view
        self.bar = bar
        self.current_tid = current_tid
        self.show_all_posts = show_all_posts  # a match the filter hides lifts it
        self.find_in_thread = find_in_thread
        self.matches: list[int] = []
        self.match_index = -1
        bar.find_requested.connect(self.find_text)
        bar.step.connect(self.step)
        bar.closed.connect(self._closed)

    def open(self) -> None:
        self.bar.open()

    def thread_opened(self) -> None:
        if self.bar.isVisible() and self.bar.box.text():
            self.find_text(self.bar.box.text())

    def find_text(self, text: str) -> None:
        tid = self.current_tid()
        self.matches = self.find_in_thread(tid, text) if tid is not None and text else []
        self.view.thread_model.set_find_text(text or None)
        self.match_index = -1
        if self.matches:
            self.step(1, from_top=True)
        else:
            self.bar.set_count(0, 0)

    def step(self, delta: int, from_top: bool = False) -> None:
        if not self.matches:
            return
        model = self.view.thread_model
        if from_top or self.match_index < 0:
            top = model.ids[self.view.top_row()] if model.ids else 0
            rows = [model.nearest_row_for_post(p) for p in self.matches]
            here = model.row_for_post(top)
            i = next((k for k, r in enumerate(rows) if r >= here), 0)
            self.match_index = i if delta > 0 or from_top else (i - 1) % len(self.matches)
        else:
            self.match_index = (self.match_index + delta) % len(self.matches)
        post_id = self.matches[self.match_index]
        if model.row_for_post(post_id) < 0:
            self.show_all_posts(restore=False)
        self.view.show_post(post_id, flash=False)
        self.bar.set_count(self.match_index + 1, len(self.matches))

    def next(self) -> None:
        if not self.bar.isVisible():
            self.bar.open()
        self.step(1)

    def previous(self) -> None:
        self.step(-1)

    def _closed(self) -> None:
        self.matches = []
        self.view.thread_model.set_find_text(None)
        self.view.setFocus()
