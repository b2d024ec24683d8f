"""Bookmarks, history and user-data backup in the window: the slots behind Ctrl+D, Ctrl+B, Ctrl+H
and File → Export/Import user data, and the two docks they show.

One slot per user action; each writes through ``reader.store.userdata`` on the library's writer
thread (``worker.write_now``: one small transaction, the window painted while it waits) and then
calls ``MainWindow.refresh_user_data`` so the thread view (stars) and the library redraw.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMessageBox

from ..store import userdata
from ..store.userdata import UserDataError
from .bookmarkdialog import BookmarkDialog
from .bookmarkpanel import BookmarksPanel
from .historypanel import HistoryPanel
from .worker import NotWritten, write_now


class UserDataFlow(QObject):
    """Owns the Bookmarks and History docks of ``window`` (a MainWindow)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bookmarks = BookmarksPanel(window)
        self.history = HistoryPanel(window)
        self.bookmarks_dock = self._dock("bookmarksDock", self.tr("Bookmarks"), self.bookmarks)
        self.history_dock = self._dock("historyDock", self.tr("History"), self.history)
        window.tabifyDockWidget(self.bookmarks_dock, self.history_dock)
        self.bookmarks.post_activated.connect(self._go_to_post)
        self.bookmarks.edit_requested.connect(self.edit_bookmark)
        self.bookmarks.changed.connect(self._changed_elsewhere)
        self.history.thread_activated.connect(self._open_thread)
        self._pending_history = QTimer(self, singleShot=True, interval=0)
        self._pending_history.timeout.connect(self._refresh_history_if_shown)

    def connect_window(self) -> None:
        """Called once the window's view exists: keep History current as threads open."""
        self.window.view.thread_model.modelReset.connect(self._pending_history.start)

    def _dock(self, name: str, title: str, panel) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(panel)
        dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea
                             | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
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
            self.window.view.setFocus()
            return
        dock.show()
        dock.raise_()
        panel.refresh()

    def _refresh_history_if_shown(self) -> None:
        if self.history_dock.isVisible():
            self.history.refresh()

    # -- bookmarks

    def bookmark_current_post(self) -> None:
        """Ctrl+D: bookmark the current post, or edit its bookmark if it has one."""
        view = self.window.view
        row = view.current_row()
        if row < 0:
            return
        post = view.thread_model.post(row)
        existing = next((b for b in userdata.list_bookmarks(tid=post.tid) if b.post_id == post.id),
                        None)
        if existing is not None:
            self.edit_bookmark(existing.id)
            return
        label = self._post_label(post.tid, post.floor, post.author)
        dlg = BookmarkDialog(label, known_tags=self._known_tags(), parent=self.window)
        if not dlg.exec():
            return
        try:
            write_now(userdata.add_bookmark, post.tid, post.floor, dlg.note(), dlg.tags(),
                      author=post.author)
        except NotWritten:
            return
        except UserDataError as e:
            self._error(self.tr("Could not bookmark the post"), str(e))
            return
        self.window.statusBar().showMessage(
            self.tr("Bookmarked #%1.").replace("%1", str(post.floor)), 4000)
        self.changed()

    def edit_bookmark(self, bookmark_id: int) -> None:
        try:
            b = userdata.get_bookmark(bookmark_id)
        except UserDataError:
            self.changed()
            return
        dlg = BookmarkDialog(self._post_label(b.tid, b.floor, b.author, b.thread_title), b.note,
                             b.tags, self._known_tags(), editing=True, parent=self.window)
        if not dlg.exec():
            return
        if dlg.removed:
            self.bookmarks.remove(bookmark_id)  # offers undo in the panel
            if not self.bookmarks_dock.isVisible():
                self.window.statusBar().showMessage(
                    self.tr("Bookmark removed (undo in the Bookmarks panel, Ctrl+B)."), 6000)
        else:
            with contextlib.suppress(NotWritten):  # the user has been told
                write_now(userdata.update_bookmark, bookmark_id, note=dlg.note(), tags=dlg.tags())
        self.changed()

    def _post_label(self, tid: int, floor: int, author: str, title: str | None = None) -> str:
        if title is None:
            info = self.window.view.thread_model
            title = self.window.title_label.text() if info.tid == tid else str(tid)
        return f"{title}\n#{floor} · {author}"

    def _known_tags(self) -> list[str]:
        return sorted({t for b in userdata.list_bookmarks() for t in b.tags})

    def _go_to_post(self, post_id: int) -> None:
        self.window.go_to_post(post_id)
        self.window.view.setFocus()

    def _open_thread(self, tid: int, floor: int) -> None:
        self.window.open_thread(tid, floor or None)
        self.window.view.setFocus()

    # -- change propagation

    def changed(self) -> None:
        """User data changed here: redraw the window and the visible panels."""
        self.window.refresh_user_data()
        if self.bookmarks_dock.isVisible():
            self.bookmarks.refresh()
        if self.history_dock.isVisible():
            self.history.refresh()

    def _changed_elsewhere(self) -> None:
        self.window.refresh_user_data()

    # -- backup

    def export_userdata(self, path: str | None = None) -> None:
        if path is None:
            start = str(Path.home() / f"s1reader-userdata-{date.today():%Y%m%d}.json")
            path, _ = QFileDialog.getSaveFileName(
                self.window, self.tr("Export user data"), start, self.tr("JSON backup (*.json)"))
            if not path:
                return
        try:
            counts = userdata.export_userdata(path)
        except (OSError, UserDataError) as e:
            self._error(self.tr("Export failed"), str(e))
            return
        self.window.statusBar().showMessage(
            self.tr("Exported %1 bookmarks, %2 reading positions and %3 user marks and rules.")
            .replace("%1", str(counts["bookmarks"])).replace("%2", str(counts["read_state"]))
            .replace("%3", str(counts["user_marks"] + counts["filter_rules"])), 8000)

    def import_userdata(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window, self.tr("Import user data"), str(Path.home()),
                self.tr("JSON backup (*.json);;All files (*)"))
            if not path:
                return
        try:
            counts = write_now(userdata.import_userdata, path)
        except NotWritten:
            return
        except (OSError, UserDataError) as e:
            self._error(self.tr("Import failed"), str(e))
            return
        self.window.statusBar().showMessage(
            self.tr("Merged %1 bookmarks, %2 reading positions and %3 user marks and rules.")
            .replace("%1", str(counts["bookmarks"])).replace("%2", str(counts["read_state"]))
            .replace("%3", str(counts["user_marks"] + counts["filter_rules"])), 8000)
        self.changed()

    def _error(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setModal(False)
        box.show()
