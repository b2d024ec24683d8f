"""The library pane: boards and their threads, a filter box and a sort order.

A QStandardItemModel holds boards → threads; a proxy filters on a custom search role (title and
tid) and sorts on a custom sort role. The selected thread is announced by ``thread_selected``.
``apply_changes`` shows what a write changed (``reader.store.changes``): the rows of a few
threads in place, the whole list only when threads came or went or a title rule changed.

A library of more than ``LIST_LATER_MIN`` threads (a year of the archive: 13,000) is read on the
thread pool (``read``, the window's ``ops.read``) and listed a slice of rows per turn of the event
loop, then its boards are shown one per turn: listing it never holds the window (it took about
two seconds in one go). Until then the list shown is the previous one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPen,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..store import queries, userdata
from ..store.changes import READ_STATE, RULES, WATCHES, Changes
from ..store.queries import ThreadInfo
from ..store.rulematch import RuleMatcher
from .plain import plain_tip, shown

TID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
BOARD_NAME_ROLE = Qt.ItemDataRole.UserRole + 6
WATCH_ROLE = Qt.ItemDataRole.UserRole + 7  # the name of a saved search in the 关注 list
NEW_MARK = "\x01new"  # in the search role of a thread with new replies (the 新回复 filter)
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
ROWS_IN_PLACE_MAX = 50  # threads changed; more are shown by listing the library again
LIST_LATER_MIN = 2000  # threads; a bigger library is read on the pool and listed in slices
LIST_SLICE = 300  # threads made into rows per turn of the event loop


def library_threads(keep: int | None = None) -> list[ThreadInfo]:
    """The threads the list shows: every thread but those a title rule hides (not ``keep``,
    the one open). A read of the store: runs on any thread."""
    hide = RuleMatcher(r for r in userdata.list_rules("title") if r.action == "hide")
    return [t for t in queries.list_threads()
            if not (hide.rules and t.tid != keep and hide.first_match(t.title) is not None)]


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


def watch_counts() -> list[tuple[str, str, int]]:
    """(name, query, new posts) of each saved search (a read: runs on the pool)."""
    from ..store import watches

    return [(w.name, w.query, w.new) for w in watches.list_watches(total=False)]


class LibraryPane(QWidget):
    """Signals: ``thread_selected(tid)``, ``thread_opened(tid)`` (Enter), ``watch_opened(name)``
    (a saved search picked in the 关注 list)."""

    thread_selected = Signal(int)
    thread_opened = Signal(int)  # chosen with Enter: the reader wants to read it now
    watch_opened = Signal(str)
    watches_shown = Signal()  # the 关注 list shows the counts read now (for tests)
    watches_loaded = Signal(list)  # (name, query) of every saved search, after each read

    def __init__(self, parent=None, read: Callable[..., None] | None = None) -> None:
        """``read(fn, *args, success=...)`` runs a read off the GUI thread (``ops.read``); without
        it every library is listed at once."""
        super().__init__(parent)
        self._read = read
        self._listing = 0  # generation of the listing under way (a newer one drops older ones)
        # where each thread's row is in the source model: (board name, row under the board),
        # and each board's row (looking a thread up must not walk 13,000 rows)
        self._places: dict[int, tuple[str, int]] = {}
        self._board_rows: dict[str, int] = {}
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(self.tr("Filter by title or tid"))
        self.filter_box.setClearButtonEnabled(True)
        self.sort_box = QComboBox(self)
        for key, label in (("last_post", self.tr("Last post")), ("title", self.tr("Title")),
                           ("size", self.tr("Size"))):
            self.sort_box.addItem(label, key)
        # 新回复: only the threads the reader has opened that have posts they have not read
        self.new_only = QToolButton(self)
        self.new_only.setObjectName("newRepliesOnly")
        self.new_only.setText(self.tr("New replies"))
        self.new_only.setCheckable(True)
        self.new_only.setToolTip(self.tr("Show only the threads you have opened that have new "
                                         "replies you have not read"))
        self.new_only.toggled.connect(lambda _on: self._apply_filter(force=True))
        # 关注: the saved searches, each with the posts that arrived since it was opened
        self.watch_list = QListWidget(self)
        self.watch_list.setObjectName("savedSearches")
        self.watch_list.setToolTip(self.tr("Saved searches (关注): the number is the matching "
                                           "posts that arrived since you last opened it"))
        self.watch_list.itemActivated.connect(self._watch_activated)
        self.watch_list.itemClicked.connect(self._watch_activated)
        self.watch_list.hide()
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
        top.addWidget(self.new_only)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.watch_list)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self._icon = unreachable_icon()
        self._selected_tid = 0
        self._filtering = False  # a filter pass is moving rows (and Qt the current row)
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
        """Reload boards and threads from the library, keeping the selection (a big library:
        read on the pool and listed in slices; see the module docstring)."""
        keep = self._selected_tid
        self._listing += 1
        if self._read is None or queries.thread_count() <= LIST_LATER_MIN:
            boards: dict[str, QStandardItem] = {}
            places: dict[int, tuple[str, int]] = {}
            for t in library_threads(keep):
                self._add_row(boards, places, t)
            self._show_boards(boards, places, expand_later=False)
            return
        listing = self._listing
        self._listing_pending = True
        self._read(library_threads, keep, success=lambda threads: self._list_in_slices(
            listing, threads, {}, {}, 0), failure=lambda _e: None)

    def listing(self) -> bool:
        """Whether a big library is still being listed."""
        return self._listing_pending

    _listing_pending = False
    _changed_while_listing: Changes | None = None

    def _list_in_slices(self, listing: int, threads: list[ThreadInfo],
                        boards: dict[str, QStandardItem], places: dict[int, tuple[str, int]],
                        start: int) -> None:
        if listing != self._listing:
            return  # a newer listing started
        self._listing_pending = True
        for t in threads[start:start + LIST_SLICE]:
            self._add_row(boards, places, t)
        if start + LIST_SLICE < len(threads):
            QTimer.singleShot(0, lambda: self._list_in_slices(listing, threads, boards, places,
                                                              start + LIST_SLICE))
        else:
            self._show_boards(boards, places, expand_later=True)

    def _add_row(self, boards: dict[str, QStandardItem], places: dict[int, tuple[str, int]],
                 t: ThreadInfo) -> None:
        # rows join a board before the board joins the model: rows added to an item outside
        # a model signal nothing, while each row added under a shown board went through the
        # proxy and the view
        board = boards.get(t.board)
        if board is None:
            board = boards[t.board] = QStandardItem(shown(t.board))
            board.setData("", SEARCH_ROLE)
            board.setData(t.board, BOARD_NAME_ROLE)
        places[t.tid] = (t.board, board.rowCount())
        board.appendRow(self._thread_row(t))

    def _show_boards(self, boards: dict[str, QStandardItem], places: dict[int, tuple[str, int]],
                     expand_later: bool) -> None:
        keep = self._selected_tid
        self.source.clear()
        # header items made here, never by Qt: an item Qt made (setHorizontalHeaderLabels) and
        # Python once looked at keeps a wrapper that outlives clear(), and a later object at
        # the same address came back as that QStandardItem ("no attribute 'draw'" in a paint)
        labels = [self.tr("Thread"), self.tr("Posts"), self.tr("Last post"), self.tr("Unread")]
        for col, label in enumerate(labels):
            self.source.setHorizontalHeaderItem(col, QStandardItem(label))
        self._places, self._board_rows = places, {}
        for board in boards.values():
            self._board_rows[board.data(BOARD_NAME_ROLE)] = self.source.rowCount()
            board.setText(f"{board.text()} ({board.rowCount()})")
            self.source.appendRow([board, QStandardItem(), QStandardItem(), QStandardItem()])
        self._apply_sort_order()
        if self.filter_box.text().strip():
            self._count_boards(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # the number columns as wide as their widest possible text, not measured row by row
        # (ResizeToContents asks every one of 13,000 rows at each layout)
        bold = QFont(self.tree.font())
        bold.setBold(True)  # unread counts are bold
        plain, strong, pad = self.tree.fontMetrics(), QFontMetrics(bold), 10
        for col, sample, metrics in ((1, "000000", plain), (2, "0000-00-00", plain),
                                     (3, "000000", strong)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, max(metrics.horizontalAdvance(sample),
                                          header.fontMetrics().horizontalAdvance(labels[col]))
                                 + pad)
        header.setStretchLastSection(False)
        if not expand_later:
            self.tree.expandAll()
            self._listing_pending = False
            if keep:
                self.select_tid(keep, emit=False)
            return
        # a board's thousands of rows laid out by the view: one board per turn
        listing = self._listing
        names = [self.proxy.index(b, 0).data(BOARD_NAME_ROLE) for b in range(self.proxy.rowCount())]

        def expand(i: int) -> None:
            if listing != self._listing:
                return
            if i < len(names):
                index = self._board_index(names[i])
                if index is not None:
                    self.tree.expand(index)
                QTimer.singleShot(0, lambda: expand(i + 1))
                return
            self._listing_pending = False
            if self._selected_tid:
                self.select_tid(self._selected_tid, emit=False)
            changed, self._changed_while_listing = self._changed_while_listing, None
            if changed is not None:
                self.apply_changes(changed)  # what was written while it was read and listed

        expand(0)

    def _board_index(self, name: str) -> QModelIndex | None:
        for b in range(self.proxy.rowCount()):
            index = self.proxy.index(b, 0)
            if index.data(BOARD_NAME_ROLE) == name:
                return index
        return None

    def _thread_row(self, t: ThreadInfo) -> list[QStandardItem]:
        title = QStandardItem(shown(t.title))
        title.setData(t.tid, TID_ROLE)
        title.setData(f"{t.title}\n{t.tid}" + (NEW_MARK if t.new_replies else ""), SEARCH_ROLE)
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

    def apply_changes(self, changes: Changes) -> None:
        """Show what a write changed: the changed threads' rows in place (their counts, title,
        unread posts), or the whole list when threads came or went, too many changed, or a
        rule that hides titles changed."""
        if changes.library or changes.user_data_changed(WATCHES):
            self.refresh_watches()
        if self._listing_pending:  # shown once the listing is on screen
            before = self._changed_while_listing
            self._changed_while_listing = changes if before is None else before | changes
            return
        if not self.source.rowCount():
            return  # not listed yet (a big library is listed after the first paint)
        if self.new_only.isChecked() and changes.user_data_changed(READ_STATE):
            QTimer.singleShot(0, lambda: self._apply_filter(force=True))
        if (changes.all_threads or changes.user_data_changed(RULES)
                or len(changes.threads) > ROWS_IN_PLACE_MAX):
            self.refresh()
            return
        for tid in changes.threads:
            info = queries.get_thread(tid)
            if info is None or not self.update_thread(info):
                self.refresh()  # a thread came or went
                return
        if changes.user_data_changed(READ_STATE) and len(changes.user_data_of) <= ROWS_IN_PLACE_MAX:
            for tid in changes.user_data_of - changes.threads:
                info = queries.get_thread(tid)
                if info is not None:
                    self.update_thread(info)  # unread: the posts after where the reader is
        elif changes.user_data_changed(READ_STATE):
            self.refresh()

    def _source_row(self, tid: int) -> tuple[QStandardItem, int] | None:
        """The board item of a listed thread and the thread's row under it."""
        place = self._places.get(tid)
        if place is None or place[0] not in self._board_rows:
            return None
        board = self.source.item(self._board_rows[place[0]], 0)
        if board is None or board.child(place[1], 0) is None \
                or board.child(place[1], 0).data(TID_ROLE) != tid:
            return None
        return board, place[1]

    def update_thread(self, t: ThreadInfo) -> bool:
        """Show a thread's row as stored now without a reload; False if it is not listed."""
        found = self._source_row(t.tid)
        if found is None:
            return False
        board, row = found
        if board.data(BOARD_NAME_ROLE) != t.board:
            return False  # moved to another board: listed again
        for col, item in enumerate(self._thread_row(t)):
            board.setChild(row, col, item)
        return True

    # -- saved searches (关注)

    def refresh_watches(self) -> None:
        """Read the saved searches' new counts (off the GUI thread when it can) and show them."""
        if self._read is None:
            self._show_watches(watch_counts())
            return
        self._read(watch_counts, success=self._show_watches, failure=lambda _e: None)

    def _show_watches(self, counts: list[tuple[str, str, int]]) -> None:
        current = self.watch_list.currentItem()
        keep = current.data(WATCH_ROLE) if current is not None else None
        self.watch_list.clear()
        for name, query, new in counts:
            text = f"☆ {name}" + (f"  ({new})" if new else "")
            item = QListWidgetItem(text, self.watch_list)
            item.setData(WATCH_ROLE, name)
            item.setToolTip(plain_tip(self.tr("%1\n%2 new posts since you last opened it")
                                      .replace("%1", query).replace("%2", str(new))))
            if new:
                f = item.font()
                f.setBold(True)
                item.setFont(f)
            if name == keep:
                self.watch_list.setCurrentItem(item)
        self.watch_list.setVisible(bool(counts))
        self.watches_loaded.emit([(name, query) for name, query, _new in counts])
        rows = min(len(counts), 5)
        if rows:
            self.watch_list.setFixedHeight(self.watch_list.sizeHintForRow(0) * rows
                                           + 2 * self.watch_list.frameWidth() + 2)
        self.watches_shown.emit()

    def watch_texts(self) -> list[str]:
        return [self.watch_list.item(i).text() for i in range(self.watch_list.count())]

    def _watch_activated(self, item: QListWidgetItem) -> None:
        self.watch_opened.emit(item.data(WATCH_ROLE))

    # -- selection

    def select_tid(self, tid: int, emit: bool = True) -> bool:
        """Make ``tid`` the one selected row; ``thread_selected`` only when ``emit``.

        The selection model's signals stay connected (blocking them would leave the view without
        its repaint of the old and new rows: two rows would look selected)."""
        index = self._index_of(tid)
        if index is None:
            if not emit:
                self._selected_tid = tid  # selected when the list shows it (a listing under way)
            return False
        if not emit:
            self._selected_tid = tid  # _current_changed then has nothing to announce
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.selectionModel().setCurrentIndex(index, flags)
        self.tree.scrollTo(index)
        return True

    def _index_of(self, tid: int) -> QModelIndex | None:
        """The thread's row in the view (None: not listed, or filtered out)."""
        found = self._source_row(tid)
        if found is None:
            return None
        board, row = found
        index = self.proxy.mapFromSource(board.child(row, 0).index())
        return index if index.isValid() else None

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
        if self._filtering:
            return  # the filter moved the current row: nothing was picked
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

    def _count_boards(self, filtered: bool) -> None:
        """Each board's count: its threads, or while a filter is on, those the filter shows of
        them ("外野 (3 / 120)")."""
        for b in range(self.source.rowCount()):
            board = self.source.item(b)
            name, total = board.data(BOARD_NAME_ROLE), board.rowCount()
            visible = total
            if filtered:
                index = self.proxy.mapFromSource(self.source.index(b, 0))
                visible = self.proxy.rowCount(index) if index.isValid() else 0
            name = shown(name)
            label = f"{name} ({visible} / {total})" if filtered else f"{name} ({total})"
            if board.text() != label:
                board.setText(label)

    def _thread_count(self) -> int:
        return sum(self.source.item(b).rowCount() for b in range(self.source.rowCount()))

    def _filter_pattern(self, text: str) -> str:
        """The filter as a pattern over the search role: the text typed, and with 新回复 on,
        the mark of a thread with new replies."""
        words = QRegularExpression.escape(text)
        if not self.new_only.isChecked():
            return words
        return f"^(?=[\\s\\S]*{QRegularExpression.escape(NEW_MARK)})(?=[\\s\\S]*{words})"

    def _apply_filter(self, force: bool = False) -> None:
        self._filter_timer.stop()
        text = self.filter_box.text().strip()
        pattern = self._filter_pattern(text)
        if not force and pattern == self.proxy.filterRegularExpression().pattern() and pattern:
            return
        # Filtering only filters. When the open thread's row leaves, Qt moves the current row to
        # a neighbour (another thread of the board); that is no choice of the reader's and opens
        # nothing: the open thread stays selected while it is listed, and is selected again when
        # the filter lets it back.
        big = self._thread_count() > FILTER_AT_ONCE_MAX
        self._filtering = True
        try:
            if pattern or big:
                # boards closed while most of 13,000 rows leave (or come back): the view then
                # drops or adds them without relaying out each expanded board
                self.tree.collapseAll()
            self.proxy.setFilterRegularExpression(QRegularExpression(
                pattern, QRegularExpression.PatternOption.CaseInsensitiveOption))
            self.proxy.invalidate()  # children of a board whose rows were mapped before could stay hidden
            self._count_boards(bool(text))
            if not big:
                self.tree.expandAll()
            if not (self._selected_tid and self.select_tid(self._selected_tid, emit=False)):
                self.tree.selectionModel().clear()  # no other thread looks chosen
        finally:
            self._filtering = False
        if not big:
            return
        # a big library's boards open one per turn of the event loop (one board of thousands
        # of rows laid out at a time, the window answering in between)
        self._expanding += 1
        expanding = self._expanding
        names = [self.proxy.index(b, 0).data(BOARD_NAME_ROLE) for b in range(self.proxy.rowCount())]

        def expand(i: int) -> None:
            if expanding != self._expanding or i >= len(names):
                return
            index = self._board_index(names[i])
            if index is not None:
                self.tree.expand(index)
            QTimer.singleShot(0, lambda: expand(i + 1))

        expand(0)

    _expanding = 0

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
