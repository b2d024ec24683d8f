"""Global search in the window: a search field in the toolbar (Ctrl+Shift+F) and a results dock.

Results come as you type: each edit restarts a 250 ms timer, then the query runs on the thread
pool (``reader.store.search.search`` as a read operation, ``services.ops.read``). Every query
carries a generation number; a result whose generation is not the latest is dropped, so a slow
old query never overwrites a newer one. Hits show thread, floor, author, time and the snippet with the terms
highlighted; "Load more" fetches the next page; Enter or a double-click opens the post through
``services.go_to_post(post_id, highlight=term)``. Query errors are shown inline.

Hits by blocked users (the block list of ``reader.store.userdata``) are collapsed, as they are in
the thread view: one line naming the author, no snippet; a click (or Enter) shows the hit, and
a second Enter or a double-click opens it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..store import operations, userdata, watches
from ..store.search import QueryError, SearchHit, SearchResult, parse_query, search
from .palette import MUTED_TOKEN, MutedLabel
from .plain import plain_tip
from .richlist import RichTextDelegate, esc
from .services import WindowServices

DEBOUNCE_MS = 250
PAGE = 30
POST_ROLE = Qt.ItemDataRole.UserRole + 1
BLOCKED_ROLE = Qt.ItemDataRole.UserRole + 2  # the hit is by a blocked user and still collapsed
HIT_ROLE = Qt.ItemDataRole.UserRole + 3  # the SearchHit itself
NEW_ROLE = Qt.ItemDataRole.UserRole + 4  # the hit arrived since its saved search was opened
NEW_BADGE = "#d9480f"
MARK_BG, MARK_FG = "#ffd966", "#1f2328"


def snippet_html(hit: SearchHit) -> str:
    """The snippet with each highlighted range wrapped in a marked span."""
    out, pos = [], 0
    for start, end in hit.highlights:
        if start < pos:
            continue
        out.append(esc(hit.snippet[pos:start]))
        out.append(f'<span style="background:{MARK_BG}; color:{MARK_FG}">'
                   f"{esc(hit.snippet[start:end])}</span>")
        pos = end
    out.append(esc(hit.snippet[pos:]))
    return "".join(out)


class SearchPanel(QWidget):
    """Results of one query; ``hit_activated(post_id)`` when one is opened."""

    hit_activated = Signal(int)
    more_requested = Signal()
    order_changed = Signal(str)
    save_requested = Signal()  # the ☆: save the query shown as a saved search (关注)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.relevance = QRadioButton(self.tr("Relevance"), self)
        self.newest = QRadioButton(self.tr("Newest"), self)
        self.relevance.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.relevance)
        group.addButton(self.newest)
        self.relevance.toggled.connect(
            lambda _c: self.order_changed.emit(self.order()))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.results = QListWidget(self)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self.reveal)
        self.more_button = QPushButton(self.tr("Load more"), self)
        self.more_button.clicked.connect(self.more_requested)
        self.more_button.hide()
        self.help = MutedLabel(self.tr(
            "Words must all appear; \"exact phrase\"; -word excludes; filters: author:NAME "
            "board:NAME thread:TID before:2023-06-01 after:2023-01-01 in:quote -in:quote"), self)
        self.help.setWordWrap(True)
        # the help wraps to the panel's width and never asks the dock for its one-line width
        # (530 px: the posts beside the dock got 360 px at the default window size)
        self.help.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.star = QToolButton(self)
        self.star.setObjectName("saveSearch")
        self.star.setAutoRaise(True)
        self.star.clicked.connect(self.save_requested)
        self.set_saved(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sort:"), self))
        top.addWidget(self.relevance)
        top.addWidget(self.newest)
        top.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 6)
        col.setSpacing(4)
        col.addLayout(top)
        col.addWidget(self.status)
        col.addWidget(self.results, 1)
        col.addWidget(self.more_button)
        col.addWidget(self.help)

    def order(self) -> str:
        return "newest" if self.newest.isChecked() else "relevance"

    def set_saved(self, saved: bool) -> None:
        """★ when the query shown is a saved search, ☆ (click to save it) otherwise."""
        self.star.setText("★" if saved else "☆")
        self.star.setToolTip(self.tr("A saved search (关注): its new posts are counted in the "
                                     "library pane") if saved
                             else self.tr("Save this search (关注): the library pane then counts "
                                          "the posts that arrive for it"))

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "")

    def clear(self) -> None:
        self.results.clear()
        self.more_button.hide()

    def add_hits(self, hits: list[SearchHit], blocked: set[str] | frozenset[str] = frozenset(),
                 new: bool = False) -> None:
        """Add hits to the list; ``new``: they arrived since their saved search was opened."""
        for hit in hits:
            item = QListWidgetItem(self.results)
            item.setData(POST_ROLE, hit.post_id)
            item.setData(HIT_ROLE, hit)
            item.setData(NEW_ROLE, new)
            self._render(item, hit, collapsed=hit.author in blocked)
            item.setToolTip(plain_tip(f"{hit.title}\n#{hit.floor} · {hit.author} · tid {hit.tid}"))
        if self.results.currentRow() < 0 and self.results.count():
            self.results.setCurrentRow(0)

    def _render(self, item: QListWidgetItem, hit: SearchHit, collapsed: bool) -> None:
        muted = MUTED_TOKEN  # the delegate paints it in a colour that reads on the row
        item.setData(BLOCKED_ROLE, collapsed)
        if collapsed:
            label = self.tr("Blocked: %1").replace("%1", hit.author)
            item.setData(Qt.ItemDataRole.DisplayRole, f"{hit.title} #{hit.floor} {label}")
            item.setData(RichTextDelegate.HTML_ROLE, (
                f'<span style="color:{muted}">{esc(hit.title)} · #{hit.floor} · {esc(label)} · '
                f"{esc(self.tr('click to show'))}</span>"))
            item.setToolTip(self.tr("A post by a blocked user: click to show it"))
            return
        new = bool(item.data(NEW_ROLE))
        badge = self.tr("new")
        item.setData(Qt.ItemDataRole.DisplayRole,
                     (f"[{badge}] " if new else "") + f"{hit.title} #{hit.floor} {hit.author}: {hit.snippet}")
        item.setData(RichTextDelegate.HTML_ROLE, (
            (f'<b style="color:{NEW_BADGE}">{esc(badge)}</b> ' if new else "")
            + f"<b>{esc(hit.title)}</b><br>"
            f'<span style="color:{muted}">#{hit.floor} · {esc(hit.author)} · '
            f"{hit.posted_at:%Y-%m-%d %H:%M} · {esc(hit.board)}</span><br>"
            f"{snippet_html(hit)}"))
        item.setToolTip(plain_tip(f"{hit.title}\n#{hit.floor} · {hit.author} · tid {hit.tid}"))

    def reveal(self, item: QListWidgetItem) -> bool:
        """Show a collapsed hit of a blocked user; False when it was not collapsed."""
        if not item.data(BLOCKED_ROLE):
            return False
        self._render(item, item.data(HIT_ROLE), collapsed=False)
        return True

    def post_ids(self) -> list[int]:
        return [self.results.item(i).data(POST_ROLE) for i in range(self.results.count())]

    def _activate(self, item: QListWidgetItem) -> None:
        if self.reveal(item):
            return  # the first Enter on a blocked user's hit shows it, the next opens it
        self.hit_activated.emit(int(item.data(POST_ROLE)))

    def activate_current(self) -> bool:
        item = self.results.currentItem()
        if item is None:
            return False
        self._activate(item)
        return True


class SearchFlow(QObject):
    """Owns the toolbar search field and the results dock of the window."""

    searched = Signal(object)  # a SearchResult was shown (for tests and the status bar)
    saved_shown = Signal(object)  # a saved search was opened (a watches.Opened)

    def __init__(self, services: WindowServices) -> None:
        super().__init__(services.parent)
        self.s = services
        window = services.parent
        self.generation = 0
        self.query = ""
        self.loaded = 0
        self.total = 0
        self.running = False
        self.field = QLineEdit(window)
        self.field.setObjectName("globalSearch")
        self.field.setPlaceholderText(self.tr("Search all threads (Ctrl+Shift+F)"))
        self.field.setClearButtonEnabled(True)
        self.field.setMaximumWidth(420)
        self.field.setMinimumWidth(240)
        self.field.installEventFilter(self)
        self.toolbar = QToolBar(self.tr("Search"), window)
        self.toolbar.setObjectName("searchToolbar")
        self.toolbar.setMovable(False)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                             spacer.sizePolicy().Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.field)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.panel = SearchPanel(window)
        # the ☆ beside the field the query is typed in (in the dock's own row it made the
        # dock keep its first, wider size)
        self.toolbar.addWidget(self.panel.star)
        self.dock = QDockWidget(self.tr("Search"), window)
        self.dock.setObjectName("searchDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        bookmarks = window.findChild(QDockWidget, "bookmarksDock")
        if bookmarks is not None:
            window.tabifyDockWidget(bookmarks, self.dock)
        self.dock.hide()
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)
        self.field.textChanged.connect(self._edited)
        self.field.returnPressed.connect(self._enter)
        self.panel.hit_activated.connect(self.open_hit)
        self.panel.more_requested.connect(self.load_more)
        self.panel.order_changed.connect(lambda _o: self.run())
        self.panel.save_requested.connect(self.save_query)
        self.saved_queries: dict[str, str] = {}  # query -> name of the saved searches

    # -- saved searches (关注)

    def set_saved_queries(self, pairs: list[tuple[str, str]]) -> None:
        """The saved searches as (name, query) (the library pane reads them after each change:
        ``LibraryPane.watches_loaded``); the ☆ shows whether the query shown is one."""
        self.saved_queries = {q: n for n, q in pairs}
        self.panel.set_saved(bool(self.query) and self.query in self.saved_queries)

    def save_query(self, name: str | None = None) -> None:
        """The ☆: save the query shown (under its own text unless ``name`` is given)."""
        query = self.query or self.field.text().strip()
        if not query or query in self.saved_queries:
            return
        name = (name or query)[: watches.MAX_NAME]

        def saved(info) -> None:
            self.saved_queries[info.query] = info.name
            self.panel.set_saved(self.query == info.query)
            self.s.status(self.tr("Saved the search %1: the library pane counts its new posts.")
                          .replace("%1", info.name), 6000)

        def failed(error: BaseException) -> None:
            if isinstance(error, (QueryError, watches.WatchError)):
                self.panel.show_status(str(error), error=True)
            else:
                self.s.ops.show_failure(error)

        self.s.ops.write(operations.add_watch, name, query, success=saved, failure=failed,
                         initiator=self)

    def show_saved(self, name: str) -> None:
        """Open a saved search: the posts that arrived since it was last opened first (marked
        new), then the rest of its hits; they count as seen from now on."""
        self.generation += 1
        generation = self.generation

        def opened(result: watches.Opened) -> None:
            if generation != self.generation:
                return
            self.field.blockSignals(True)
            self.field.setText(result.info.query)
            self.field.blockSignals(False)
            self.query = result.info.query
            self.panel.set_saved(True)
            self._show_dock()
            self.panel.clear()
            blocked = userdata.blocked_names()
            self.panel.add_hits(result.new, blocked, new=True)
            self.panel.add_hits(result.others.hits, blocked)
            self.loaded = self.total = self.panel.results.count()
            self.panel.show_status(
                self.tr("%1: %2 new posts since you last opened it; %3 posts match in all.")
                .replace("%1", result.info.name).replace("%2", str(len(result.new)))
                .replace("%3", str(result.info.total)))
            self.saved_shown.emit(result)

        self.s.ops.write(operations.open_watch, name, PAGE, success=opened,
                         failure=lambda e: self._failed(e, generation), initiator=self)

    # -- the action

    def show_search(self) -> None:
        """Ctrl+Shift+F: focus the search field (and show the results if there are any)."""
        if self.field.text().strip():
            self._show_dock()
        self.field.setFocus()
        self.field.selectAll()

    def _show_dock(self) -> None:
        if not self.dock.isVisible():
            self.dock.show()
        self.dock.raise_()

    # -- typing

    def _edited(self, text: str) -> None:
        self.generation += 1  # whatever is running is stale now
        if not text.strip():
            self._timer.stop()
            self.query = ""
            self.panel.clear()
            self.panel.show_status("")
            return
        self._timer.start()

    def _enter(self) -> None:
        if self._timer.isActive() or self.field.text().strip() != self.query:
            self.run()  # Enter before the debounce fired: run now, open the first hit then
            self._open_when_done = True
            return
        self._show_dock()
        if self.panel.activate_current():
            return

    _open_when_done = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.panel.results.count():
                row = self.panel.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.panel.results.setCurrentRow(max(0, min(row, self.panel.results.count() - 1)))
                return True
            if key == Qt.Key.Key_Escape:
                self.dock.hide()
                self.s.focus_posts()
                return True
        return super().eventFilter(obj, event)

    # -- running queries

    def run(self) -> None:
        """Run the field's query from its first page."""
        self._timer.stop()
        text = self.field.text().strip()
        if not text:
            return
        self.generation += 1
        self.query = text
        self.panel.set_saved(text in self.saved_queries)
        self.loaded = 0
        self._start(text, 0, self.generation, replace=True)

    def load_more(self) -> None:
        if self.query and self.loaded < self.total:
            self._start(self.query, self.loaded, self.generation, replace=False)

    def _start(self, text: str, offset: int, generation: int, replace: bool) -> None:
        order = self.panel.order()
        self.running = True
        self.panel.more_button.setEnabled(False)
        if replace:
            self.panel.show_status(self.tr("Searching…"))
        self.s.ops.read(search, text, PAGE, offset, order,
                        success=lambda result: self._shown(result, generation, replace),
                        failure=lambda error: self._failed(error, generation))

    def _shown(self, result: SearchResult, generation: int, replace: bool) -> None:
        if generation != self.generation:
            return  # a newer query was started; drop this one
        self.running = False
        self._show_dock()
        if replace:
            self.panel.clear()
        self.panel.add_hits(result.hits, userdata.blocked_names())
        self.loaded = result.offset + len(result.hits)
        self.total = result.total
        if result.total == 0:
            self.panel.show_status(self.tr("No posts found."))
        else:
            found = (self.tr("About %1 posts found; showing %2.") if result.total_is_estimate
                     else self.tr("%1 posts found; showing %2."))
            self.panel.show_status(found.replace("%1", f"{result.total:,}" if result.total_is_estimate
                                                 else str(result.total))
                                   .replace("%2", str(self.loaded)))
        self.panel.more_button.setVisible(self.loaded < result.total)
        self.panel.more_button.setEnabled(True)
        self.searched.emit(result)
        if self._open_when_done:
            self._open_when_done = False
            self.panel.activate_current()

    def _failed(self, error: BaseException, generation: int) -> None:
        if generation != self.generation:
            return
        self.running = False
        self._open_when_done = False
        self._show_dock()
        self.panel.clear()
        if isinstance(error, QueryError):
            self.panel.show_status(str(error), error=True)
        else:
            self.panel.show_status(self.tr("Search failed: %1").replace("%1", str(error)),
                                   error=True)
        self.searched.emit(None)

    # -- opening a hit

    def terms(self) -> list[str]:
        try:
            return parse_query(self.query).terms
        except QueryError:
            return []

    def open_hit(self, post_id: int) -> None:
        # go_to_post marks one literal text: the longest term of the query
        terms = self.terms()
        self.s.go_to_post(post_id, highlight=max(terms, key=len) if terms else None)
        self.s.focus_posts()
