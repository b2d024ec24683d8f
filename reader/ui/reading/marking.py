"""Marking users and posts: block and unblock an author, highlight one, the marks dialog (with
the quote folding depth and what blocking does), and reading the marks again when they change.
The thread model loads the marks of each thread it opens from here (``marks_for``)."""

from __future__ import annotations

from collections.abc import Callable

from ...store import userdata
from ...store.postmarks import BLOCK_COLLAPSE, UserMarks
from ..marksdialog import MarksDialog
from ..settings import AppSettings, Option
from ..thread.view import ThreadView
from ..worker import NotWritten, write_now
from .services import WindowServices, tr

FOLD_LINES = Option("quotes/fold_lines", int, 4)
BLOCK_MODE = Option("filters/blocked_posts", str, BLOCK_COLLAPSE)  # collapse | hide
HIGHLIGHT_COLOR = "#e8a317"


class Marking:
    def __init__(self, view: ThreadView, services: WindowServices, settings: AppSettings,
                 library_changed: Callable[[], None]) -> None:
        self.view = view
        self.s = services
        self.settings = settings
        self.library_changed = library_changed  # the library list shows blocked counts
        self.block_mode = settings.get(BLOCK_MODE)
        view.set_fold_lines(settings.get(FOLD_LINES))
        view.thread_model.set_marks(UserMarks.load(None))
        view.thread_model.set_marks_source(self.marks_for)

    def marks_for(self, tid: int, rows: list[tuple[int, str]]) -> UserMarks:
        return UserMarks.load(tid, self.block_mode, rows)

    def report_slow_rules(self) -> None:
        too_slow = self.view.thread_model.marks.too_slow
        if too_slow:
            self.s.status(
                tr("ReadingTools", "Keyword rule %1 took too long and was skipped; simplify it in "
                   "Thread → Blocked users, highlights and rules…")
                .replace("%1", ", ".join(too_slow)[:120]), 15000)

    def refresh(self) -> None:
        """Marks, rules or bookmarks changed: re-read them, keep the reader's place."""
        model = self.view.thread_model
        marks = self.marks_for(model.tid, list(zip(model.all_ids, model.all_authors, strict=True)))
        if marks.hidden_posts != model.hidden:
            self.view.set_filter(model.filter, marks.hidden_posts)
        model.set_marks(marks)  # the view lays the rows out again, keeping the reader's place
        self.report_slow_rules()

    def row_author(self, row: int | None) -> str | None:
        row = self.view.current_row() if row is None else row
        return self.view.thread_model.author(row) if row >= 0 else None

    def block_author(self, row: int | None = None) -> None:
        name = self.row_author(row)
        if name:
            try:
                write_now(userdata.mark_user, name, "block")
            except NotWritten:
                return
            self.refresh()
            self.s.status(tr("ReadingTools", "Blocked %1").replace("%1", name), 5000)

    def unblock_author(self, row: int | None = None) -> None:
        name = self.row_author(row)
        try:
            if name and write_now(userdata.unmark_user, name, "block"):
                self.refresh()
        except NotWritten:
            return

    def highlight_author(self, row: int | None = None) -> None:
        name = self.row_author(row)
        if not name:
            return
        try:
            if name in self.view.thread_model.marks.highlights:
                write_now(userdata.unmark_user, name, "highlight")
            else:
                write_now(userdata.mark_user, name, "highlight", color=HIGHLIGHT_COLOR)
        except NotWritten:
            return
        self.refresh()

    def manage(self) -> None:
        dlg = MarksDialog(self.view.thread_model.fold_lines, self.block_mode, self.s.parent)
        dlg.exec()
        self.block_mode = dlg.block_mode()
        self.settings.set(BLOCK_MODE, self.block_mode)
        self.settings.set(FOLD_LINES, dlg.fold_lines())
        self.view.set_fold_lines(dlg.fold_lines())
        self.refresh()
        self.library_changed()
