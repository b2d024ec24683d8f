"""The authors of the open thread (a dock: post counts, search box, multi-select filters the
view) and an author's page across the library (a dialog: threads, boards, posts to jump to)."""

from __future__ import annotations

import html

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..store import authors
from .plain import plain_label, shown

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2


class AuthorsPanel(QWidget):
    """Emits ``authors_chosen(names)`` when the selection changes (empty: everyone)."""

    authors_chosen = Signal(list)
    author_page_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Find an author"))
        self.search.setClearButtonEnabled(True)
        self.source = QStandardItemModel(0, 2, self)
        self.source.setHorizontalHeaderLabels([self.tr("Author"), self.tr("Posts")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setSortRole(COUNT_ROLE)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSortingEnabled(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.hint = QLabel(self.tr("Click an author to show only their posts; Ctrl+click for "
                                   "several. Double-click: author page."), self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.tree.selectionModel().selectionChanged.connect(self._chosen)
        self.tree.doubleClicked.connect(
            lambda index: self.author_page_requested.emit(index.siblingAtColumn(0).data(NAME_ROLE)))
        self._quiet = False

    _waiting: list[tuple[str, int]] | None = None  # authors to list when the panel is shown

    def set_authors(self, counts: list[tuple[str, int]]) -> None:
        """The thread's authors; listed when the panel is on screen (a 175,000-post thread has
        thousands, and the panel is mostly closed)."""
        if not self.isVisible():
            self._waiting = counts
            return
        self._waiting = None
        self._fill(counts)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._waiting is not None:
            counts, self._waiting = self._waiting, None
            self._fill(counts)
        super().showEvent(event)

    def _fill(self, counts: list[tuple[str, int]]) -> None:
        self._quiet = True
        self.source.removeRows(0, self.source.rowCount())
        for name, n in counts:
            a = QStandardItem(shown(name))
            a.setData(name, NAME_ROLE)
            a.setData(n, COUNT_ROLE)
            c = QStandardItem(str(n))
            c.setData(n, COUNT_ROLE)
            c.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.source.appendRow([a, c])
        self.tree.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self._quiet = False

    def clear_selection(self) -> None:
        self._quiet = True
        self.tree.clearSelection()
        self._quiet = False

    def _chosen(self, *_args) -> None:
        if self._quiet:
            return
        names = sorted({i.data(NAME_ROLE) for i in self.tree.selectionModel().selectedRows(0)})
        self.authors_chosen.emit(names)


class AuthorPage(QDialog):
    """Everything one author wrote in the library; ``post_chosen(post_id)`` jumps there."""

    post_chosen = Signal(int)

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Author: %1").replace("%1", name))
        self.resize(760, 560)
        page = authors.author_page(name)
        layout = QVBoxLayout(self)
        if page is None:
            layout.addWidget(plain_label(self.tr("No posts by %1 in the library.").replace("%1", name),
                                          self))
        else:
            def day(d) -> str:
                return d.strftime("%Y-%m-%d") if d else "?"
            summary = (self.tr("%1 posts in %2 threads · first seen %3 · last seen %4")
                       .replace("%1", str(page.posts)).replace("%2", str(len(page.threads)))
                       .replace("%3", day(page.first_seen)).replace("%4", day(page.last_seen)))
            head = QLabel(f"<b>{html.escape(shown(name))}</b><br>{html.escape(summary)}", self)
            head.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(head)
            tabs = QTabWidget(self)
            posts = QTreeWidget(self)
            posts.setHeaderLabels([self.tr("Time"), self.tr("Thread"), self.tr("Floor"),
                                   self.tr("First line")])
            posts.setRootIsDecorated(False)
            for p in authors.author_posts(name, limit=1000):
                item = QTreeWidgetItem([p["posted_at"][:16].replace("T", " "), shown(p["title"]),
                                        str(p["floor"]), p["first_line"]])
                item.setData(0, Qt.ItemDataRole.UserRole, p["post_id"])
                posts.addTopLevelItem(item)
            posts.itemActivated.connect(self._jump)
            posts.itemDoubleClicked.connect(self._jump)
            threads = QTreeWidget(self)
            threads.setHeaderLabels([self.tr("Thread"), self.tr("Board"), self.tr("Posts"),
                                     self.tr("First"), self.tr("Last")])
            threads.setRootIsDecorated(False)
            for t in page.threads:
                threads.addTopLevelItem(QTreeWidgetItem([
                    shown(t["title"]), shown(t["board"]), str(t["posts"]), t["first_post_at"][:10],
                    t["last_post_at"][:10]]))
            boards = QTreeWidget(self)
            boards.setHeaderLabels([self.tr("Board"), self.tr("Posts"), self.tr("Threads")])
            boards.setRootIsDecorated(False)
            for b in page.boards:
                boards.addTopLevelItem(QTreeWidgetItem([b["board"], str(b["posts"]),
                                                        str(b["threads"])]))
            for tree in (posts, threads, boards):
                tree.header().setStretchLastSection(True)
                tree.resizeColumnToContents(0)
            tabs.addTab(posts, self.tr("Posts"))
            tabs.addTab(threads, self.tr("Threads"))
            tabs.addTab(boards, self.tr("Boards"))
            layout.addWidget(tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _jump(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        pid = item.data(0, Qt.ItemDataRole.UserRole)
        if pid:
            self.post_chosen.emit(int(pid))
