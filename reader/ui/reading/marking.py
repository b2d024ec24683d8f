"""Marking users and posts: block and unblock an author, highlight one, the marks dialog (with
the quote folding depth and what blocking does), and reading the marks again when they change.
The thread model loads the marks of each thread it opens from here (``marks_for``).

Blocking and highlighting are operations (``services.ops``), not waited for; the window reads
the marks again (``refresh``) when the change is published, wherever it came from."""

from __future__ import annotations

from ...store import operations
from ...store.postmarks import BLOCK_COLLAPSE, UserMarks
from ..marksdialog import MarksDialog
from ..settings import AppSettings, Option
from ..thread.view import ThreadView
from .services import WindowServices, tr

FOLD_LINES = Option("quotes/fold_lines", int, 4)
BLOCK_MODE = Option("filters/blocked_posts", str, BLOCK_COLLAPSE)  # collapse | hide
HIGHLIGHT_COLOR = "#e8a317"


class Marking:
    def __init__(self, view: ThreadView, services: WindowServices, settings: AppSettings) -> None:
        self.view = view
        self.s = services
        self.settings = settings
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
            self.s.ops.write(operations.mark_user, name, "block",
                             success=lambda _mark: self.s.status(
                                 tr("ReadingTools", "Blocked %1").replace("%1", name), 5000))

    def unblock_author(self, row: int | None = None) -> None:
        name = self.row_author(row)
        if name:
            self.s.ops.write(operations.unmark_users, [name], "block")

    def highlight_author(self, row: int | None = None) -> None:
        name = self.row_author(row)
        if not name:
            return
        if name in self.view.thread_model.marks.highlights:
            self.s.ops.write(operations.unmark_users, [name], "highlight")
        else:
            self.s.ops.write(operations.mark_user, name, "highlight", "", HIGHLIGHT_COLOR)

    def manage(self) -> None:
        """The marks dialog; its writes are published as they are made, its settings (what
        blocking does, the folding depth) apply when it closes."""
        dlg = MarksDialog(self.view.thread_model.fold_lines, self.block_mode, self.s.ops,
                          self.s.parent)
        dlg.exec()
        dlg.deleteLater()
        self.block_mode = dlg.block_mode()
        self.settings.set(BLOCK_MODE, self.block_mode)
        self.settings.set(FOLD_LINES, dlg.fold_lines())
        self.view.set_fold_lines(dlg.fold_lines())
        self.refresh()
