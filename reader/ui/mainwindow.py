"""The main window: library pane | the open thread's pages (its posts, digest and gallery), menus
built from the action table, import by menu or drag-and-drop, reading position kept per thread.

Each slot gathers its inputs, calls the store and renders the result; nothing else lives here.
The window only reads on the GUI thread; every write is an operation (``reader.ui.operations``,
``self.ops``) on the library's one writer thread, never waited for: a visit, the reading
position, the demo at start. What a write changed is published by ``self.ops.changed``; the
window, the library pane and each flow refresh from it what they show (``_changes``). Closing
waits a bounded time for the queued writes (the one wait on the writer).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..config import DEMO_DIR, Paths, demo_files
from ..forum.links import ForumLink, forum_link
from ..store import operations, queries, readstate
from ..store.changes import BOOKMARKS, MARKS, RULES, Changes
from ..store.importing import ImportResult
from ..store.readstate import ReadPosition
from . import settings as opt
from .aboutdialog import show_about
from .accountflow import AccountFlow
from .actions import build_actions
from .appicon import app_icon
from .digestflow import POSTS, DigestFlow
from .forumflow import ForumFlow
from .importflow import ImportFlow
from .librarypane import LibraryPane
from .mediaflow import MediaFlow
from .operations import Operations
from .palette import apply_theme
from .plain import open_external, plain_box, plain_label, shown
from .postviewer import PostViewer
from .readingtools import ReadingTools
from .searchflow import SearchFlow
from .services import WindowServices
from .settings import AppSettings
from .settingsdialog import SettingsDialog
from .shortcutsdialog import show_shortcuts
from .smileyanimation import SmileyAnimation
from .thread.links import FloorLink, ImageLink, parse
from .thread.model import ThreadLoad
from .thread.posthtml import post_plain_text
from .thread.view import ThreadView
from .translation import install_translator
from .updateflow import UpdateFlow
from .userdataflow import UserDataFlow
from .welcome import ImportBanner, SmileyOffer

DEMO_TID = 9999999
SAVE_DELAY_MS = 800
CLOSE_WAIT_S = 30  # closing waits this long at most for the queued small writes
DOCK_MIN_WIDTH, DOCK_MAX_WIDTH = 260, 420
ZOOM_STEPS = (0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)


LIBRARY_LATER_MIN = 2000  # threads; a bigger library is listed after the thread is painted
OPEN_LATER_MIN = 100_000  # posts; a bigger thread is read on the pool before it is shown


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, just after ``widget`` has painted for the first time."""

    def __init__(self, widget, then) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class MainWindow(QMainWindow):
    """Signals: ``page_changed(name)`` when another page of the thread is shown ("posts",
    "digest", "gallery")."""

    page_changed = Signal(str)

    def __init__(self, paths: Paths, settings: AppSettings, record_reading: bool = True) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.record_reading = record_reading
        self.tid: int | None = None
        self.read_floor = 0  # how far the open thread has been read (readstate.read_floor)
        # reading positions and visits queued and not written yet: a thread opened again
        # meanwhile starts from them, not from the stale stored ones ((last_floor, read_floor)
        # of a position; the highest floor seen at a visit)
        self._unsaved_floor: dict[int, tuple[int, int]] = {}
        self._unsaved_visit: dict[int, int] = {}
        self.setWindowTitle("s1reader")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.resize(1280, 860)

        self.ops = Operations(self)
        self.library = LibraryPane(self, read=self.ops.read)
        self.view = ThreadView(self)
        self.title_label = plain_label("", self)
        self.title_label.setWordWrap(True)
        f = self.title_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.title_label.setFont(f)
        self.title_label.setContentsMargins(16, 10, 16, 4)
        self.banner = ImportBanner(self.import_files, self.import_folder, self)
        self.banner.hide()
        right = QWidget(self)
        col = QVBoxLayout(right)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.banner)
        self.smiley_offer = SmileyOffer(lambda: self.media_flow.download_all_smileys(),
                                        lambda: self.media_flow.smileys_answered(), self)
        col.addWidget(self.smiley_offer)
        col.addWidget(self.title_label)
        # the thread's pages: its posts (the view, with the bars ReadingTools puts over it),
        # then the digest and the gallery (DigestFlow adds them)
        posts = QWidget(self)
        posts_col = QVBoxLayout(posts)
        posts_col.setContentsMargins(0, 0, 0, 0)
        posts_col.setSpacing(0)
        posts_col.addWidget(self.view, 1)
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self._page_names: list[str] = []
        self.add_page(POSTS, posts, self.tr("Posts"))
        self.pages.currentChanged.connect(self._page_shown)
        col.addWidget(self.pages, 1)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 900])
        self.setCentralWidget(self.splitter)
        self.floor_label = plain_label("", self)
        self.statusBar().addPermanentWidget(self.floor_label)

        self.actions: dict = {}  # the action registry, filled from the table below
        # what the flows and tools get of the window (not the window itself)
        self.services = WindowServices(
            parent=self, actions=self.actions,
            status=lambda text, ms: self.statusBar().showMessage(text, ms),
            current_tid=lambda: self.tid, open_thread=self.open_thread,
            show_page=self.show_page, current_page=self.current_page,
            colors=lambda: self.colors, open_link=self._link_activated, ops=self.ops,
            go_to_post=self.go_to_post, focus_posts=self.view.setFocus, paths=paths,
            settings=settings)
        # the views refresh from what each write changed: the library list first, then the
        # window (the open thread), then each flow (subscribed as it is built)
        self.ops.changed.connect(lambda changes, _initiator: self.library.apply_changes(changes))
        self.ops.changed.connect(self._changes)
        self.userdata_flow = UserDataFlow(self.services, self.view)
        self.search_flow = SearchFlow(self.services)
        self.media_flow = MediaFlow(self.services, self.view)
        self.forum_flow = ForumFlow(self.services, self.media_flow)
        self.account_flow = AccountFlow(self.services)
        self.reading = ReadingTools(self, self.services)
        self.digest_flow = DigestFlow(self.services, self.view, self.media_flow, self.add_page,
                                      self.reading.only_author, self.reading.toggle_only_op,
                                      lambda: self.read_floor)
        self.page_changed.connect(self.digest_flow.page_shown)
        self.smiley_animation = SmileyAnimation(self.services, self.view, self.media_flow.cache)
        # the import flow and what keeps the library current, before the actions that name them
        self.import_flow = ImportFlow(self.services)
        self.import_flow.imported.connect(self._imported)
        self.update_flow = UpdateFlow(self.services, self.import_flow, self.library)
        self.library.watch_opened.connect(self.search_flow.show_saved)
        self.library.watches_loaded.connect(self.search_flow.set_saved_queries)
        self.actions.update(build_actions(self, self.menuBar()))
        self.reading.connect_window()
        self.media_flow.offer_smileys.connect(self.smiley_offer.offer)
        self.media_flow.connect_window()
        self.smiley_animation.connect_window()
        self.library.thread_selected.connect(self.open_thread)
        self.library.thread_opened.connect(self._thread_opened)
        self.view.floor_changed.connect(self._floor_changed)
        self.view.seen_changed.connect(self._seen)
        self.view.post_activated.connect(self.view_post)
        self.view.link_activated.connect(self._link_activated)
        self.view.setContextMenuPolicy(self.view.contextMenuPolicy().CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_position)
        self._base_font = QFont(QGuiApplication.font())
        self.zoom = float(settings.get(opt.ZOOM))
        self.theme = settings.get(opt.THEME)
        self.colors = apply_theme(self.theme)
        self.view.set_colors(self.colors)
        self.digest_flow.set_colors(self.colors)
        self.reading.update_icons()
        self._apply_zoom()
        self.library.set_sort(settings.get(opt.SORT))
        self._restore_geometry()
        for dock in self.findChildren(QDockWidget):
            dock.visibilityChanged.connect(
                lambda visible, d=dock: visible and QTimer.singleShot(0, lambda: self.fit_dock(d)))

    def fit_dock(self, dock: QDockWidget) -> None:
        """A side panel takes at most a quarter of the window (its own size hint would leave the
        posts ~330 px at 1280 px wide); the posts keep at least half of the width."""
        if dock.isFloating() or not dock.isVisible():
            return
        target = max(DOCK_MIN_WIDTH, min(DOCK_MAX_WIDTH, self.width() // 4))
        if dock.width() > target:
            self.resizeDocks([dock], [target], Qt.Orientation.Horizontal)

    # -- start-up

    def start(self, tid: int | None = None, floor: int | None = None) -> None:
        """Fill the library (the demo thread if it is empty) and open a thread; an empty
        library shows as it is until the demo is in (an operation, not waited for)."""
        # the forum account in the status bar, read on the pool once the event loop runs
        QTimer.singleShot(0, self.account_flow.load)
        if operations.needs_filling(DEMO_DIR):
            self.ops.write(operations.fill_empty_library, demo_files(), DEMO_DIR,
                           success=lambda _retired: self._show_start(tid, floor),
                           failure=lambda e: (self._show_start(tid, floor),
                                              self.ops.show_failure(e)),
                           initiator=self)
            return
        self._show_start(tid, floor)

    def bring_to_front(self, request: dict) -> None:
        """s1reader was started again on this library: this window comes to the front (and
        opens the thread the second start was given) instead of a second window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        tid, floor = request.get("thread"), request.get("floor")
        if tid and queries.get_thread(tid) is not None:
            self.open_thread(tid, floor)
        self.statusBar().showMessage(
            self.tr("s1reader was started again: this window already has the library open"), 8000)

    def _show_start(self, tid: int | None, floor: int | None) -> None:
        self.library.refresh_watches()
        if self.settings.get(opt.WATCH_FOLDERS):
            self.update_flow.set_watching(True)
        big = queries.thread_count() > LIBRARY_LATER_MIN
        if not big:
            self.library.refresh()
        self._update_banner()
        tid = tid or self.settings.get(opt.LAST_TID) or None
        if tid is None or queries.get_thread(tid) is None:
            tid = queries.latest_tid()
        if tid is not None:
            self.open_thread(tid, floor)
        self.view.setFocus()
        if big:
            # thousands of threads take a moment to list: the thread is painted first, the
            # library right after (or after a second if the view never paints, e.g. minimised)
            self._library_pending = True
            self._after_paint = _AfterFirstPaint(self.view.viewport(), self._fill_library)
            QTimer.singleShot(1000, self._fill_library)

    def _fill_library(self) -> None:
        if not getattr(self, "_library_pending", False):
            return
        self._library_pending = False
        self.library.refresh()
        tid = self.view.thread_model.tid
        if tid:
            self.library.select_tid(tid, emit=False)

    def _update_banner(self) -> None:
        """The first-run banner while the library holds only the demo; its explanation unfolds
        each time the banner appears (it starts hidden: a library with threads never lays it out)."""
        tids = queries.some_tids(2)
        show = tids in ([], [DEMO_TID])
        if show and self.banner.isHidden():
            self.banner.set_expanded(True)
        self.banner.setVisible(show)

    # -- threads and reading position

    def open_thread(self, tid: int, floor: int | None = None,
                    then: Callable[[], None] | None = None) -> None:
        """Open a thread (at ``floor``, else where the reader left it); ``then()`` once it is
        shown. A thread of ``OPEN_LATER_MIN`` posts or more is read on the pool first (175,000
        posts take a few hundred ms to read): the window answers meanwhile, and opening another
        thread before it is shown drops it."""
        info = queries.get_thread(tid)
        if info is None:
            return
        self._opening += 1
        self._reading_thread = None
        if info.post_count < OPEN_LATER_MIN:
            self._show_thread(info, floor, None, then)
            return
        opening = self._opening
        self._reading_thread = tid
        self.statusBar().showMessage(self.tr("Opening %1…").replace("%1", info.title), 0)

        def loaded(load: ThreadLoad) -> None:
            if opening == self._opening:  # not overtaken by another thread
                self._reading_thread = None
                self.statusBar().clearMessage()
                self._show_thread(info, floor, load, then)

        def failed(error: BaseException) -> None:
            if opening == self._opening:
                self._reading_thread = None
            self.ops.show_failure(error)

        self.ops.read(self.view.thread_model.load_thread, tid, success=loaded, failure=failed)

    def opening(self) -> bool:
        """Whether a huge thread is being read before it is shown."""
        return self._reading_thread is not None

    _reading_thread: int | None = None

    def _show_thread(self, info, floor: int | None, load: ThreadLoad | None,
                     then: Callable[[], None] | None) -> None:
        tid = info.tid
        self.save_position()
        before = self._position_before_visit(tid)
        if self.record_reading:
            self._unsaved_visit[tid] = info.max_floor
            self.ops.write(operations.visit_thread, tid,
                           success=lambda _before: self._unsaved_visit.pop(tid, None),
                           failure=lambda e: self._not_saved(
                               e, self.tr("The visit was not recorded: %1")),
                           initiator=self)
        if floor is None:  # the first unread post, or where the reader left off
            floor = readstate.first_unread_floor(before, info.max_floor)
        new_after = before.seen_max_floor if before is not None else None
        self.read_floor = before.read_floor if before is not None else 0
        self.tid = tid
        self.title_label.setText(info.title)
        self.setWindowTitle(f"{shown(info.title)} — s1reader")
        self.reading.open_thread(tid, floor, new_after, load)
        self.library.select_tid(tid, emit=False)
        self.settings.set(opt.LAST_TID, tid)
        self._floor_changed(self.view.top_floor())
        self._seen(self.view.seen_floor())
        self.digest_flow.thread_opened(tid)
        if then is not None:
            then()

    _opening = 0  # generation of the thread being opened (a newer open drops an older one)

    def _position_before_visit(self, tid: int) -> ReadPosition | None:
        """The stored position of ``tid``, with the writes still queued for it applied."""
        stored = readstate.get_position(tid)
        unsaved, seen = self._unsaved_floor.get(tid), self._unsaved_visit.get(tid)
        if unsaved is None and seen is None:
            return stored
        base = stored or ReadPosition(tid, 0, 0, None)
        floor, read = unsaved if unsaved is not None else (base.last_floor, base.read_floor)
        return ReadPosition(tid, floor, base.seen_max_floor if seen is None else seen,
                            base.visited_at, max(base.read_floor, read))

    # -- the thread's pages

    def add_page(self, name: str, widget: QWidget, title: str) -> None:
        self._page_names.append(name)
        self.pages.addTab(widget, title)

    def current_page(self) -> str:
        return self._page_names[self.pages.currentIndex()]

    def show_page(self, name: str) -> None:
        """Show one page of the thread ("posts", "digest", "gallery")."""
        if name in self._page_names:
            self.pages.setCurrentIndex(self._page_names.index(name))
        if name == POSTS:
            self.view.setFocus()

    def _page_shown(self, index: int) -> None:
        if 0 <= index < len(self._page_names):
            self.page_changed.emit(self._page_names[index])

    def _thread_opened(self, tid: int) -> None:
        if tid != self.tid:
            self.open_thread(tid)
        self.view.setFocus()

    def go_to_post(self, post_id: int, highlight: str | None = None) -> None:
        """Show one post (opening its thread if needed): the entry point for search results,
        bookmarks, replies and quote links. ``highlight`` is text to mark in it. The place left
        goes into the back/forward history."""
        self.reading.go_to_post(post_id, highlight)

    def _changes(self, changes: Changes, _initiator: object) -> None:
        """A write changed the library: refresh what the window shows of it (the library pane
        and each flow refresh their own parts)."""
        if changes.library:
            self._update_banner()
        if changes.user_data_changed(BOOKMARKS, MARKS, RULES, tid=self.tid):
            self.reading.refresh_user_data()  # the open thread's stars, blocked users, rules
        if changes.posts_changed(self.tid):
            self._reload_open_thread()
        elif changes.media:
            self.view.relayout()  # pictures that were missing are there now

    def _reload_open_thread(self) -> None:
        """The open thread's posts changed: show them, at the same place (or, if the thread
        is gone, the newest thread)."""
        tid = self.tid
        if tid is None:
            return
        if queries.get_thread(tid) is None:
            self.tid = None
            latest = queries.latest_tid()
            if latest is not None:
                self.open_thread(latest)
            return
        floor = self.view.top_floor()
        self.save_position()
        self.open_thread(tid, floor or None)

    def _floor_changed(self, floor: int) -> None:
        model = self.view.thread_model
        shown, total = len(model.ids), len(model.all_ids)
        if shown == total:
            text = self.tr("Floor %1 · %n posts", "", total)
        else:  # a filter is on: how many of the thread's posts it shows
            text = self.tr("Floor %1 · %2 of %n posts", "", total).replace("%2", str(shown))
        self.floor_label.setText(text.replace("%1", str(floor)) if total else "")
        if self.record_reading:
            self._save_timer.start()

    def _seen(self, floor: int) -> None:
        """The posts up to ``floor`` have been on screen whole (or gone past): they are read
        from now on, whatever the reader does next (going back never makes them unread)."""
        if self.tid is not None and floor > self.read_floor:
            self.read_floor = floor
            self.digest_flow.reading_changed()
            if self.record_reading:
                self._save_timer.start()

    def save_position(self) -> None:
        """Queue the reading position of the open thread for the writer (never waited for)."""
        self._save_timer.stop()
        if self.tid is not None and self.record_reading and self.view.thread_model.ids:
            tid, floor, read = self.tid, self.view.top_floor(), self.read_floor
            if self._unsaved_floor.get(tid) == (floor, read):
                return
            self._unsaved_floor[tid] = (floor, read)

            def saved(_none: None) -> None:
                if self._unsaved_floor.get(tid) == (floor, read):
                    del self._unsaved_floor[tid]

            self.ops.write(operations.save_position, tid, floor, read, success=saved,
                           failure=lambda e: self._not_saved(
                               e, self.tr("The reading position was not saved: %1"), tid),
                           initiator=self)

    def _not_saved(self, error: BaseException, text: str, tid: int | None = None) -> None:
        # the next save (a scroll, opening a thread, closing) tries again
        if tid is not None:
            self._unsaved_floor.pop(tid, None)
        self.statusBar().showMessage(text.replace("%1", str(error)[:300]), 8000)

    # -- slots of the action table

    def import_files(self) -> None:
        start = self.settings.get(opt.LAST_IMPORT_DIR) or str(Path.home())
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import archive files"), start,
            self.tr("Thread archives (*.md *.txt);;All files (*)"))
        if files:
            self.settings.set(opt.LAST_IMPORT_DIR, str(Path(files[0]).parent))
            self.import_flow.start(files)

    def import_folder(self) -> None:
        start = self.settings.get(opt.LAST_IMPORT_DIR) or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"), start)
        if folder:
            self.settings.set(opt.LAST_IMPORT_DIR, folder)
            self.import_flow.start([folder])

    def _imported(self, result: ImportResult | None) -> None:
        """An import ended (None: it failed; the import flow said why). The views have
        refreshed from its changes; say what it did and show a real thread if none is open."""
        if result is not None:
            failed = len(result.failed)
            text = (self.tr("Imported %1 of %2 files: %3 new posts, %4 updated.") if failed
                    else self.tr("Imported %2 files: %3 new posts, %4 updated."))
            text = (text.replace("%1", str(max(0, result.files - failed))).replace("%2", str(result.files))
                    .replace("%3", str(result.posts_added)).replace("%4", str(result.posts_updated)))
            if failed:
                text += " " + self.tr("%1 could not be imported (see the list).").replace("%1", str(failed))
            if result.conflicts:
                text += " " + self.tr(
                    "%n conflicts: copies that differ with nothing to tell which is newer.", "",
                    len(result.conflicts))
            self.statusBar().showMessage(text, 8000)
        if self.tid in (None, DEMO_TID) and self.banner.isHidden():
            threads = queries.list_threads()
            if threads:
                self.open_thread(next((t.tid for t in threads if t.tid != DEMO_TID),
                                      threads[0].tid))

    def open_settings(self) -> None:
        from ..media.catalogue import catalogue_refs

        smileys = (self.media_flow.smileys_missing(), len(catalogue_refs()))
        dlg = SettingsDialog(self.settings.get(opt.LANGUAGE), self.theme, self, smileys=smileys)
        if dlg.exec():
            self.settings.set(opt.LANGUAGE, dlg.language())
            install_translator(dlg.language())
            self.set_theme(dlg.theme())
            task = {"smileys": self.media_flow.download_all_smileys,
                    "export_pictures": self.media_flow.export_pictures,
                    "import_pictures": self.media_flow.import_pictures}.get(dlg.chosen or "")
            if task is not None:
                QTimer.singleShot(0, task)

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        self.settings.set(opt.THEME, theme)
        self.colors = apply_theme(theme)
        self.view.set_colors(self.colors)
        self.digest_flow.set_colors(self.colors)
        self.reading.update_icons()

    def ask_floor(self) -> None:
        floors = self.view.thread_model.floors
        if not floors:
            return
        floor, ok = QInputDialog.getInt(self, self.tr("Go to floor"), self.tr("Floor:"),
                                        self.view.top_floor(), floors[0], floors[-1])
        if ok:
            self.jump_to_floor(floor)

    def jump_to_floor(self, floor: int) -> None:
        """Go to a floor of the open thread; the place left goes into the Back history."""
        here = self.reading.here()
        if here is not None:
            self.reading.history.push(here)
        self.show_page(POSTS)
        self.view.go_to_floor(floor)
        self.reading.update_nav()
        self.view.setFocus()

    def copy_post_text(self) -> None:
        """Ctrl+C: the text selected in the posts, else the whole current post."""
        if self.library.filter_box.hasFocus():
            self.library.filter_box.copy()
            return
        if self.view.has_selection():
            QGuiApplication.clipboard().setText(self.view.selected_text())
            self.statusBar().showMessage(self.tr("Selected text copied."), 3000)
            return
        self.copy_whole_post()

    def copy_whole_post(self) -> None:
        row = self.view.current_row()
        if row >= 0:
            QGuiApplication.clipboard().setText(post_plain_text(self.view.thread_model.post(row)))
            self.statusBar().showMessage(self.tr("Post text copied."), 3000)

    def view_current_post(self) -> None:
        self.view_post(self.view.current_row())

    def view_post(self, row: int) -> None:
        if row < 0:
            return
        model = self.view.thread_model
        viewer = PostViewer(model.post(row), model.quote_floors(row), self.colors,
                            self.view.delegate.font, self.view.delegate.images, self)
        viewer.show()

    def focus_filter(self) -> None:
        self.library.filter_box.setFocus()
        self.library.filter_box.selectAll()

    def zoom_in(self) -> None:
        self._set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 1e-6), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        smaller = [z for z in ZOOM_STEPS if z < self.zoom - 1e-6]
        self._set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def zoom_reset(self) -> None:
        self._set_zoom(1.0)

    def _set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self.settings.set(opt.ZOOM, zoom)
        self._apply_zoom()
        self.statusBar().showMessage(self.tr("Zoom %1%").replace("%1", str(round(zoom * 100))),
                                     2000)

    def _apply_zoom(self) -> None:
        font = QFont(self._base_font)
        font.setPointSizeF(max(6.0, self._base_font.pointSizeF() * 1.1 * self.zoom))
        self.view.delegate.set_font(font)
        self.view.relayout()

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ self.windowState().WindowFullScreen)

    def show_about(self) -> None:
        self._about = show_about(self, self.paths)

    def show_shortcuts(self) -> None:
        self._shortcuts = show_shortcuts(self, self.actions)

    # -- links, context menu

    def _link_activated(self, href: str) -> None:
        if self.reading.handle_link(href):  # in the library: opened in place
            return
        link = parse(href)
        if isinstance(link, FloorLink):
            self.jump_to_floor(link.floor)
        elif isinstance(link, ImageLink):
            self.media_flow.open_image(link.url)
        elif (forum := forum_link(href)) is not None:
            self._offer_forum_link(href, forum)
        elif not open_external(href):
            self.statusBar().showMessage(
                self.tr("Not opened: %1 (only web links, http and https, open in the browser)")
                .replace("%1", href[:200]), 8000)

    def _offer_forum_link(self, href: str, link: ForumLink) -> None:
        """A link to a thread or post of the forum that the library does not hold: open it in
        the browser, or save the thread from the forum (then it opens here)."""
        if link.tid is not None:
            text = self.tr("Thread %1 is not in the library.").replace("%1", str(link.tid))
        else:
            text = self.tr("This post is not in the library.")
        box = plain_box(QMessageBox(QMessageBox.Icon.Question, "s1reader", text,
                                    QMessageBox.StandardButton.Cancel, self))
        box.setInformativeText(shown(href[:300]))
        browser = box.addButton(self.tr("Open in the browser"), QMessageBox.ButtonRole.AcceptRole)
        save = None
        if link.tid is not None:
            save = box.addButton(self.tr("Save from the forum"), QMessageBox.ButtonRole.ActionRole)
            box.setDefaultButton(save)

        def chosen(button) -> None:
            if button is browser:
                open_external(href)
            elif save is not None and button is save:
                self.forum_flow.fetch([link.tid], open_after=True)

        box.buttonClicked.connect(chosen)
        self.link_box = box
        box.open()

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.actions["copy_post"])  # the selection, else the post
        if self.view.has_selection():
            menu.addAction(self.actions["copy_whole_post"])
        menu.addAction(self.actions["view_post"])
        menu.addAction(self.actions["bookmark_post"])
        menu.addSeparator()
        menu.addAction(self.actions["go_to_floor"])
        self.reading.extend_context_menu(menu, index.row() if index.isValid() else -1)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # -- drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_flow.start(paths)

    # -- geometry

    def _restore_geometry(self) -> None:
        geometry = self.settings.get(opt.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = self.settings.get(opt.SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.save_position()
        # nothing the reader did may be lost: a running import or fetch stops at its next
        # thread or page (what is stored stays; the rest is abandoned with the process), and
        # the queued small writes (this position, a bookmark) are written: the one wait on the
        # writer, bounded
        self.import_flow.shutdown()
        self.forum_flow.cancel()
        if self.ops.writes_pending():
            self.statusBar().showMessage(self.tr("Saving…"))
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.ops.finish_writes(CLOSE_WAIT_S)
            finally:
                QGuiApplication.restoreOverrideCursor()
        self.settings.set(opt.GEOMETRY, self.saveGeometry())
        self.settings.set(opt.SPLITTER, self.splitter.saveState())
        self.settings.set(opt.SORT, self.library.sort_key())
        self.settings.sync()
        super().closeEvent(event)
