"""Keeping the library current from the window: Library → Update, the 新回复 view, the folder
watcher, saved searches opened from the library pane.

* Update (``ImportFlow.update``): every remembered folder and file scanned again as the
  writer's long job, with progress and Cancel; the status bar then says "N threads, M new posts"
  and names a remembered folder that is gone (its threads are kept).
* 新回复 (a dock): the threads the reader has opened that have posts they have not read, most
  unread first (``queries.unread_threads``); a row opens its thread at the first unread post.
  It follows what each write changed (threads written, reading positions).
* The watcher (``folderwatch.FolderWatcher``, the setting ``library/watch``): an update in the
  background once the watched folders have been quiet for a moment after a change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..store import queries
from ..store.changes import READ_STATE, Changes
from ..store.queries import ThreadInfo
from . import settings as opt
from .folderwatch import FolderWatcher
from .importflow import ImportFlow
from .plain import plain_tip, shown
from .services import WindowServices

TID_ROLE = Qt.ItemDataRole.UserRole + 1


class NewRepliesPanel(QWidget):
    """The 新回复 list; ``thread_activated(tid)`` when a row is opened."""

    thread_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("newReplies")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([self.tr("Thread"), self.tr("New"), self.tr("Board")])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        for col in (1, 2):
            self.tree.header().setSectionResizeMode(col, self.tree.header().ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda item, _c: self.thread_activated.emit(item.data(0, TID_ROLE)))
        self.empty = QLabel(self.tr("No new replies in the threads you have opened."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 6)
        col.addWidget(self.tree, 1)
        col.addWidget(self.empty)

    def show_threads(self, threads: list[ThreadInfo]) -> None:
        self.tree.clear()
        for t in threads:
            item = QTreeWidgetItem([shown(t.title), str(t.new_replies), shown(t.board)])
            item.setData(0, TID_ROLE, t.tid)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, plain_tip(self.tr("%1\n%2 new posts from floor %3")
                                         .replace("%1", t.title).replace("%2", str(t.new_replies))
                                         .replace("%3", str(t.read_floor + 1))))
            self.tree.addTopLevelItem(item)
        self.tree.setVisible(bool(threads))
        self.empty.setVisible(not threads)

    def rows(self) -> list[tuple[int, int]]:
        """(tid, new posts) of the rows shown, in order."""
        return [(self.tree.topLevelItem(i).data(0, TID_ROLE), int(self.tree.topLevelItem(i).text(1)))
                for i in range(self.tree.topLevelItemCount())]


class UpdateFlow(QObject):
    """Signals: ``new_replies_shown()`` when the 新回复 list shows what was read for it."""

    new_replies_shown = Signal()

    def __init__(self, services: WindowServices, import_flow: ImportFlow, library) -> None:
        super().__init__(services.parent)
        self.s = services
        self.import_flow = import_flow
        self.library = library
        window = services.parent
        self.panel = NewRepliesPanel(window)
        self.dock = QDockWidget(self.tr("New replies"), window)
        self.dock.setObjectName("newRepliesDock")
        self.dock.setWidget(self.panel)
        self.dock.hide()
        self._placed = False  # put in the window when first shown (a hidden dock there
        # already takes part in how the right-hand docks share their width)
        self.dock.visibilityChanged.connect(lambda visible: visible and self.refresh())
        self.panel.thread_activated.connect(self.open_thread)
        self.watcher = FolderWatcher(services.ops.read, self)
        self.watcher.changed.connect(self._folders_changed)
        self._again = False  # a change arrived during an update: update once more after it
        import_flow.updated.connect(self._updated)
        services.ops.changed.connect(self._changes)

    # -- Library → Update

    def update(self) -> bool:
        return self.import_flow.update()

    def _updated(self, done) -> None:
        if done is None:
            return
        if done.result is None and not done.gone:
            self.s.status(self.tr("Nothing to update: import your archive folder once (File → "
                                  "Import folder); from then on Update scans it again."), 10000)
            return
        text = (self.tr("Updated: %1 threads, %2 new posts.").replace("%1", str(done.threads))
                .replace("%2", str(done.posts_added)))
        if done.result is not None and done.result.cancelled:
            text = self.tr("Update cancelled: %1 threads, %2 new posts so far.").replace(
                "%1", str(done.threads)).replace("%2", str(done.posts_added))
        if done.gone:
            text += " " + self.tr("Not found (unplugged or moved?), its threads kept: %1").replace(
                "%1", ", ".join(r.path for r in done.gone))
        self.s.status(text, 15000)
        if self.watcher.active:
            self.watcher.start()  # folders that appeared are watched too
        if self._again:
            self._again = False
            self._folders_changed()

    # -- watching the folders

    def set_watching(self, on: bool) -> None:
        """The setting: watch the remembered folders while the window is open."""
        self.s.settings.set(opt.WATCH_FOLDERS, bool(on))
        action = self.s.actions.get("watch_folders")
        if action is not None and action.isChecked() != bool(on):
            action.setChecked(bool(on))
        if on:
            self.watcher.start()
        else:
            self.watcher.stop()

    def toggle_watching(self) -> None:
        action = self.s.actions.get("watch_folders")
        self.set_watching(action.isChecked() if action is not None else not self.watcher.active)

    def _folders_changed(self) -> None:
        if not self.import_flow.update(quiet=True):
            self._again = True  # an import or update runs: once more after it

    # -- 新回复

    def toggle_new_replies(self) -> None:
        if self.dock.isVisible():
            self.dock.hide()
            return
        if not self._placed:
            # a tab beside the search results, not a strip under them
            self._placed = True
            window = self.s.parent
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            search = window.findChild(QDockWidget, "searchDock")
            if search is not None:
                window.tabifyDockWidget(search, self.dock)
            self.dock.visibilityChanged.connect(
                lambda visible: visible and QTimer.singleShot(0, lambda: window.fit_dock(self.dock)))
        self.dock.show()
        self.dock.raise_()

    def refresh(self) -> None:
        def shown_now(threads: list[ThreadInfo]) -> None:
            self.panel.show_threads(threads)
            self.dock.setWindowTitle(self.tr("New replies (%1)").replace("%1", str(len(threads)))
                                     if threads else self.tr("New replies"))
            self.new_replies_shown.emit()

        self.s.ops.read(queries.unread_threads, success=shown_now, failure=lambda _e: None)

    def open_thread(self, tid: int) -> None:
        """Open a thread of the list at its first unread post (the window's default)."""
        self.s.open_thread(tid)

    def _changes(self, changes: Changes, _initiator: object) -> None:
        if self.dock.isVisible() and (changes.library or changes.user_data_changed(READ_STATE)):
            self.refresh()
