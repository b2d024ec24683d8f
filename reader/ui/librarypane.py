"""The library pane: boards and their threads, a filter box and a sort order.

A QStandardItemModel holds boards → threads; a proxy filters on a custom search role (title and
tid) and sorts on a custom sort role. The selected thread is announced by ``thread_selected``.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..store import queries, userdata
from ..store.queries import ThreadInfo
from ..store.rulematch import RuleMatcher
from .plain import plain_tip, shown

TID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
BOARD_NAME_ROLE = Qt.ItemDataRole.UserRole + 6
SORT_ROLES = {"last_post": Qt.ItemDataRole.UserRole + 3, "title": Qt.ItemDataRole.UserRole + 4,
              "size": Qt.ItemDataRole.UserRole + 5}


def unreachable_icon() -> QIcon:
    pm = QPixmap(32, 32)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor("#c0392b"), 3.5))
    p.drawEllipse(5, 5, 22, 22)
    p.drawLine(9, 23, 23, 9)
    p.end()
    return QIcon(pm)


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
FILTER_AT_ONCE_MAX = 2000  # threads; above this the filter waits for a pause in typing
FILTER_PAUSE_MS = 150


class LibraryFilterProxy(QSortFilterProxyModel):
    """Keeps threads whose title or tid contains the filter text; boards sort by name."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLES["last_post"])
        # no Python lessThan: Qt compares the sort-role values itself (13,000 threads sorted by
        # a Python callback took most of a second); boards get a rank that keeps them A→Z


class LibraryPane(QWidget):
    thread_selected = Signal(int)
    thread_opened = Signal(int)  # chosen with Enter: the reader wants to read it now

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(self.tr("Filter by title or tid"))
        self.filter_box.setClearButtonEnabled(True)
        self.sort_box = QComboBox(self)
        for key, label in (("last_post", self.tr("Last post")), ("title", self.tr("Title")),
                           ("size", self.tr("Size"))):
            self.sort_box.addItem(label, key)
        self.source = QStandardItemModel(self)
        self.proxy = LibraryFilterProxy(self)
        self.proxy.setSourceModel(self.source)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setRootIsDecorated(True)
        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self._icon = unreachable_icon()
        self._selected_tid = 0
        # with thousands of threads each keystroke's filter pass is noticeable: filter once the
        # typing pauses (small libraries filter at once)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_PAUSE_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_box.textChanged.connect(self._filter_changed)
        self.filter_box.returnPressed.connect(self._filter_entered)
        self.sort_box.currentIndexChanged.connect(self._sort_changed)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

    # -- data

    def refresh(self) -> None:
        """Reload boards and threads from the library, keeping the selection."""
        keep = self._selected_tid
        self.source.clear()
        self.source.setHorizontalHeaderLabels(
            [self.tr("Thread"), self.tr("Posts"), self.tr("Last post"), self.tr("Unread")])
        boards: dict[str, QStandardItem] = {}
        hide = RuleMatcher(r for r in userdata.list_rules("title") if r.action == "hide")
        for t in queries.list_threads():
            if hide.rules and t.tid != keep and hide.first_match(t.title) is not None:
                continue  # a keyword rule hides threads with this title
            board = boards.get(t.board)
            if board is None:
                board = boards[t.board] = QStandardItem(shown(t.board))
                board.setData("", SEARCH_ROLE)
                board.setData(t.board, BOARD_NAME_ROLE)
            board.appendRow(self._thread_row(t))
        # boards join the model only when full: rows added to an item outside a model signal
        # nothing, while each row added under a shown board went through the proxy and the view
        for board in boards.values():
            board.setText(f"{board.text()} ({board.rowCount()})")
            self.source.appendRow([board, QStandardItem(), QStandardItem(), QStandardItem()])
        self._apply_sort_order()
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        if keep:
            self.select_tid(keep, emit=False)

    def _thread_row(self, t: ThreadInfo) -> list[QStandardItem]:
        title = QStandardItem(shown(t.title))
        title.setData(t.tid, TID_ROLE)
        title.setData(f"{t.title}\n{t.tid}", SEARCH_ROLE)
        title.setData(t.last_post_at.isoformat() if t.last_post_at else "", SORT_ROLES["last_post"])
        title.setData(t.title.lower(), SORT_ROLES["title"])
        title.setData(t.post_count, SORT_ROLES["size"])
        tip = f"{t.title}\ntid {t.tid} · {t.board}"
        if not t.reachable:
            title.setIcon(self._icon)
            title.setForeground(QColor("#8a8f98"))
            tip += "\n" + self.tr("No longer reachable on the forum (0无法访问)")
        title.setToolTip(plain_tip(tip))
        posts = QStandardItem(str(t.post_count))
        posts.setTextAlignment(_RIGHT)
        last = QStandardItem(t.last_post_at.date().isoformat() if t.last_post_at else "")
        unread = QStandardItem()
        unread.setTextAlignment(_RIGHT)
        self._set_unread(unread, t.unread)
        for item in (posts, last, unread):
            item.setData(t.tid, TID_ROLE)
        return [title, posts, last, unread]

    @staticmethod
    def _set_unread(item: QStandardItem, unread: int) -> None:
        item.setText(str(unread) if unread else "")
        f = item.font()
        if f.bold() != bool(unread):
            f.setBold(bool(unread))
            item.setFont(f)

    def update_thread(self, t: ThreadInfo) -> None:
        """Show a thread's new unread count (the reader just left it) without a reload."""
        for b in range(self.source.rowCount()):
            board = self.source.item(b, 0)
            for r in range(board.rowCount()):
                if board.child(r, 0).data(TID_ROLE) == t.tid:
                    self._set_unread(board.child(r, 3), t.unread)
                    return

    # -- selection

    def select_tid(self, tid: int, emit: bool = True) -> bool:
        """Make ``tid`` the one selected row; ``thread_selected`` only when ``emit``.

        The selection model's signals stay connected (blocking them would leave the view without
        its repaint of the old and new rows: two rows would look selected)."""
        index = self._index_of(tid)
        if index is None:
            return False
        if not emit:
            self._selected_tid = tid  # _current_changed then has nothing to announce
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.selectionModel().setCurrentIndex(index, flags)
        self.tree.scrollTo(index)
        return True

    def _index_of(self, tid: int) -> QModelIndex | None:
        for b in range(self.proxy.rowCount()):
            board = self.proxy.index(b, 0)
            for r in range(self.proxy.rowCount(board)):
                index = self.proxy.index(r, 0, board)
                if index.data(TID_ROLE) == tid:
                    return index
        return None

    def visible_tids(self) -> list[int]:
        """The threads the filter lets through, in display order."""
        out: list[int] = []
        for b in range(self.proxy.rowCount()):
            board = self.proxy.index(b, 0)
            out += [self.proxy.index(r, 0, board).data(TID_ROLE)
                    for r in range(self.proxy.rowCount(board))]
        return out

    def _filter_entered(self) -> None:
        """Enter in the filter box: the only match opens (keys go to the thread); with several,
        the list takes the keys so the arrows pick one."""
        if self._filter_timer.isActive():
            self._apply_filter()
        tids = self.visible_tids()
        if len(tids) == 1:
            self.select_tid(tids[0], emit=True)
            self.thread_opened.emit(tids[0])
        elif tids:
            self.tree.setFocus()
            if not self.tree.currentIndex().isValid() or self._index_of(self._selected_tid) is None:
                self.tree.setCurrentIndex(self._index_of(tids[0]))

    def selected_tid(self) -> int:
        return self._selected_tid

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        tid = current.data(TID_ROLE)
        if tid and tid != self._selected_tid:
            self._selected_tid = tid
            self.thread_selected.emit(tid)

    # -- filter and sort

    def _filter_changed(self, _text: str) -> None:
        if self.source.rowCount() and self._thread_count() > FILTER_AT_ONCE_MAX:
            self._filter_timer.start()
        else:
            self._apply_filter()

    def _thread_count(self) -> int:
        return sum(self.source.item(b).rowCount() for b in range(self.source.rowCount()))

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        text = self.filter_box.text().strip()
        if text == self.proxy.filterRegularExpression().pattern() and text:
            return
        if text:
            # boards closed while most of 13,000 rows leave: the view then drops them without
            # relaying out each expanded board (0.6 s -> 0.1 s for the first letter typed)
            self.tree.collapseAll()
        self.proxy.setFilterFixedString(text)
        self.proxy.invalidate()  # children of a board whose rows were mapped before could stay hidden
        self.tree.expandAll()

    def set_sort(self, key: str) -> None:
        i = self.sort_box.findData(key)
        if i >= 0:
            self.sort_box.setCurrentIndex(i)

    def sort_key(self) -> str:
        return self.sort_box.currentData() or "last_post"

    def _sort_changed(self, _i: int) -> None:
        self._apply_sort_order()

    def _apply_sort_order(self) -> None:
        key = self.sort_key()
        # boards stay A→Z; threads newest / biggest first, titles A→Z
        order = Qt.SortOrder.AscendingOrder if key == "title" else Qt.SortOrder.DescendingOrder
        names = sorted(self.source.item(b).data(BOARD_NAME_ROLE) or ""
                       for b in range(self.source.rowCount()))
        rank = {n: i for i, n in enumerate(names)}
        for b in range(self.source.rowCount()):
            item = self.source.item(b)
            r = rank[item.data(BOARD_NAME_ROLE) or ""]
            item.setData(r if order == Qt.SortOrder.AscendingOrder else -r, SORT_ROLES[key])
        self.proxy.setSortRole(SORT_ROLES[key])
        self.proxy.sort(0, order)
