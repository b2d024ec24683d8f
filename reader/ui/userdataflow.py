"""Bookmarks, history and user-data backup in the window: the slots behind Ctrl+D, Ctrl+B, Ctrl+H
and File → Export/Import user data, and the two docks they show.

One slot per user action; each write is an operation (``services.ops``: ``reader.store.operations``
on the library's writer thread, never waited for). What it changed is published by
``ops.changed``: the thread view (stars) and the panels shown refresh from that, whoever wrote.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMessageBox

from ..store import operations, queries, userdata
from ..store.changes import BOOKMARKS, READ_STATE, Changes
from ..store.userdata import UserDataError
from .bookmarkdialog import BookmarkDialog
from .bookmarkpanel import BookmarksPanel
from .historypanel import HistoryPanel
from .services import WindowServices
from .thread.view import ThreadView


class UserDataFlow(QObject):
    """Owns the Bookmarks and History docks of the window; bookmarks the post of ``view``."""

    def __init__(self, services: WindowServices, view: ThreadView) -> None:
        super().__init__(services.parent)
        self.s = services
        self.view = view
        self.bookmarks = BookmarksPanel(services.ops, services.parent)
        self.history = HistoryPanel(services.parent)
        self.bookmarks_dock = self._dock("bookmarksDock", self.tr("Bookmarks"), self.bookmarks)
        self.history_dock = self._dock("historyDock", self.tr("History"), self.history)
        services.parent.tabifyDockWidget(self.bookmarks_dock, self.history_dock)
        self.bookmarks.post_activated.connect(self._go_to_post)
        self.bookmarks.edit_requested.connect(self.edit_bookmark)
        self.history.thread_activated.connect(self._open_thread)
        services.ops.changed.connect(self._changed)

    def _dock(self, name: str, title: str, panel) -> QDockWidget:
        dock = QDockWidget(title, self.s.parent)
        dock.setObjectName(name)
        dock.setWidget(panel)
        dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea
                             | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.s.parent.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        dock.visibilityChanged.connect(lambda visible, p=panel: visible and p.refresh())
        return dock

    # -- docks

    def toggle_bookmarks(self) -> None:
        self._toggle(self.bookmarks_dock, self.bookmarks)
        if self.bookmarks_dock.isVisible():
            self.bookmarks.filter_box.setFocus()

    def toggle_history(self) -> None:
        self._toggle(self.history_dock, self.history)
        if self.history_dock.isVisible():
            self.history.tree.setFocus()
            if self.history.tree.currentItem() is None and self.history.row_count():
                self.history.tree.setCurrentItem(self.history.tree.topLevelItem(0))

    def _toggle(self, dock: QDockWidget, panel) -> None:
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            dock.hide()
            self.s.focus_posts()
            return
        dock.show()
        dock.raise_()
        panel.refresh()

    # -- bookmarks

    def bookmark_current_post(self) -> None:
        """Ctrl+D: bookmark the current post, or edit its bookmark if it has one."""
        row = self.view.current_row()
        if row < 0:
            return
        post = self.view.thread_model.post(row)
        existing = next((b for b in userdata.list_bookmarks(tid=post.tid) if b.post_id == post.id),
                        None)
        if existing is not None:
            self.edit_bookmark(existing.id)
            return
        label = self._post_label(post.tid, post.floor, post.author)
        dlg = BookmarkDialog(label, known_tags=self._known_tags(), parent=self.s.parent)
        if not dlg.exec():
            return
        floor = post.floor
        self.s.ops.write(operations.add_bookmark, post.tid, floor, dlg.note(), dlg.tags(),
                         post.author, initiator=self,
                         success=lambda _info: self.s.status(
                             self.tr("Bookmarked #%1.").replace("%1", str(floor)), 4000),
                         failure=lambda e: self._failed(self.tr("Could not bookmark the post"), e))

    def edit_bookmark(self, bookmark_id: int) -> None:
        try:
            b = userdata.get_bookmark(bookmark_id)
        except UserDataError:  # removed meanwhile: show the list as it is
            self._refresh_bookmarks()
            return
        dlg = BookmarkDialog(self._post_label(b.tid, b.floor, b.author, b.thread_title), b.note,
                             b.tags, self._known_tags(), editing=True, parent=self.s.parent)
        if not dlg.exec():
            return
        if dlg.removed:
            self.bookmarks.remove(bookmark_id)  # offers undo in the panel
            if not self.bookmarks_dock.isVisible():
                self.s.status(
                    self.tr("Bookmark removed (undo in the Bookmarks panel, Ctrl+B)."), 6000)
        else:
            self.s.ops.write(operations.update_bookmark, bookmark_id, dlg.note(), dlg.tags(),
                             initiator=self,
                             failure=lambda e: self._failed(self.tr("Could not change the bookmark"), e))

    def _post_label(self, tid: int, floor: int, author: str, title: str | None = None) -> str:
        if title is None:
            info = queries.get_thread(tid)
            title = info.title if info is not None else str(tid)
        return f"{title}\n#{floor} · {author}"

    def _known_tags(self) -> list[str]:
        return sorted({t for b in userdata.list_bookmarks() for t in b.tags})

    def _go_to_post(self, post_id: int) -> None:
        self.s.go_to_post(post_id)
        self.s.focus_posts()

    def _open_thread(self, tid: int, floor: int) -> None:
        self.s.open_thread(tid, floor or None)
        self.s.focus_posts()

    # -- what changed

    def _changed(self, changes: Changes, _initiator: object) -> None:
        """Bookmarks or reading positions changed (here, in the panel or anywhere): the panels
        on screen show them again."""
        if changes.user_data_changed(BOOKMARKS) or changes.library:
            self._refresh_bookmarks()
        if (changes.user_data_changed(READ_STATE) or changes.library) \
                and self.history_dock.isVisible():
            self.history.refresh()

    def _refresh_bookmarks(self) -> None:
        if self.bookmarks_dock.isVisible():
            self.bookmarks.refresh()

    # -- backup

    def export_userdata(self, path: str | None = None) -> None:
        if path is None:
            start = str(Path.home() / f"s1reader-userdata-{date.today():%Y%m%d}.json")
            path, _ = QFileDialog.getSaveFileName(
                self.s.parent, self.tr("Export user data"), start, self.tr("JSON backup (*.json)"))
            if not path:
                return

        def exported(counts: dict) -> None:
            self.s.status(
                self.tr("Exported %1 bookmarks, %2 reading positions and %3 user marks and rules.")
                .replace("%1", str(counts["bookmarks"])).replace("%2", str(counts["read_state"]))
                .replace("%3", str(counts["user_marks"] + counts["filter_rules"])), 8000)

        self.s.ops.task(userdata.export_userdata, path, success=exported,
                        failure=lambda e: self._failed(self.tr("Export failed"), e),
                        finish_before_exit=True)

    def import_userdata(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.s.parent, self.tr("Import user data"), str(Path.home()),
                self.tr("JSON backup (*.json);;All files (*)"))
            if not path:
                return

        def merged(counts: dict) -> None:
            self.s.status(
                self.tr("Merged %1 bookmarks, %2 reading positions and %3 user marks and rules.")
                .replace("%1", str(counts["bookmarks"])).replace("%2", str(counts["read_state"]))
                .replace("%3", str(counts["user_marks"] + counts["filter_rules"])), 8000)

        self.s.ops.write(operations.import_userdata, path, success=merged, initiator=self,
                         failure=lambda e: self._failed(self.tr("Import failed"), e))

    def _failed(self, title: str, error: BaseException) -> None:
        """A user-data error (a bad backup, a post gone) or a file error in a message box;
        anything else as any failed operation."""
        if not isinstance(error, OSError | UserDataError):
            self.s.ops.show_failure(error)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(error),
                          QMessageBox.StandardButton.Ok, self.s.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setModal(False)
        box.show()
