"""The Bookmarks panel: every bookmark with its thread, floor, author, first line, note, tags and
date; filter by text and tag, sort by date added or thread; jump, edit, remove with undo.

The panel reads through ``reader.store.userdata`` and never caches bookmarks between refreshes
(there are hundreds at most). Bookmarks whose post is no longer in the library stay listed, marked
"not in the local archive". Signals: ``post_activated(post_id)`` when a bookmark is opened,
``edit_requested(bookmark_id)``. A removal and its undo are operations (``reader.ui.operations``):
the list is shown again when their change is published (the user-data flow refreshes it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..store import operations, userdata
from ..store.userdata import BookmarkInfo
from .operations import Operations
from .palette import MUTED_TOKEN
from .plain import plain_label, plain_tip
from .richlist import RichTextDelegate, esc

ID_ROLE = Qt.ItemDataRole.UserRole + 1
POST_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_DELAY_MS = 150


class UndoBar(QFrame):
    """A one-line bar: what was just done, and an Undo button."""

    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setStyleSheet("#undoBar { background: palette(alternate-base); "
                           "border-top: 1px solid palette(mid); }")
        self.label = plain_label("", self)
        # the message names a thread, whose title may be long and without spaces: it wraps in
        # the width the panel has and never asks for more (a label on one line made the dock
        # as wide as the title, squeezing the posts to a strip)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(self.tr("Undo"), self)
        self.button.clicked.connect(self.undo_requested)
        close = QPushButton("×", self)
        close.setFlat(True)
        close.setFixedWidth(28)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        row.addWidget(close)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(plain_tip(text))
        self.show()


class BookmarksPanel(QWidget):
    post_activated = Signal(int)
    edit_requested = Signal(int)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self._removed: list[BookmarkInfo] = []  # undo stack, most recent last
        self._row_after_removal: int | None = None
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(self.tr("Filter bookmarks"))
        self.filter_box.setClearButtonEnabled(True)
        self.tag_box = QComboBox(self)
        self.tag_box.setToolTip(self.tr("Show only bookmarks with this tag"))
        self.sort_box = QComboBox(self)
        self.sort_box.addItem(self.tr("Date added"), "created")
        self.sort_box.addItem(self.tr("Thread"), "thread")
        self.sort_box.setToolTip(self.tr("Sort order"))
        self.tree = QListWidget(self)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegate(RichTextDelegate(self.tree))
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setWordWrap(True)
        self.tree.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.empty_label = QLabel(self.tr("No bookmarks yet. Press Ctrl+D on a post to add one."),
                                  self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.undo_bar = UndoBar(self)

        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.tag_box)
        top.addWidget(self.sort_box)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.remove_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 0)
        col.setSpacing(4)
        col.addLayout(top)
        col.addWidget(self.tree, 1)
        col.addWidget(self.empty_label)
        col.addLayout(bottom)
        col.addWidget(self.undo_bar)

        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.refresh)
        self.filter_box.textChanged.connect(lambda _t: self._filter_timer.start())
        self.tag_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.sort_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_bar.undo_requested.connect(self.undo)
        QShortcut(QKeySequence.StandardKey.Delete, self.tree, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_buttons()

    # -- filling

    def refresh(self) -> None:
        """Reload from the store, keeping the selected bookmark selected."""
        self._filter_timer.stop()
        selected = self.selected_id()
        self._refresh_tags()
        items = userdata.list_bookmarks(text=self.filter_box.text().strip() or None,
                                        tag=self.tag_box.currentData() or None,
                                        order=self.sort_box.currentData() or "created")
        self.tree.clear()
        rows = []
        for b in items:
            item = QListWidgetItem(self.tree)
            item.setData(Qt.ItemDataRole.DisplayRole, self._plain(b))
            item.setData(RichTextDelegate.HTML_ROLE, self._html(b))
            item.setData(ID_ROLE, b.id)
            item.setData(POST_ROLE, b.post_id)
            tip = f"{b.thread_title or b.tid}\n#{b.floor} · {b.author} · {b.posted_at:%Y-%m-%d %H:%M}"
            item.setToolTip(plain_tip(tip + ("\n\n" + b.note if b.note else "")))
            rows.append(item)
            if b.id == selected:
                self.tree.setCurrentItem(item)
        after, self._row_after_removal = self._row_after_removal, None
        if after is not None and self.tree.currentItem() is None and rows:
            self.tree.setCurrentRow(min(after, len(rows) - 1))
        filtered = bool(self.filter_box.text().strip() or self.tag_box.currentData())
        self.empty_label.setText(self.tr("No bookmark matches the filter.") if filtered else
                                 self.tr("No bookmarks yet. Press Ctrl+D on a post to add one."))
        self.empty_label.setVisible(not rows)
        self._update_buttons()

    def _title(self, b: BookmarkInfo) -> str:
        return b.thread_title or self.tr("Thread %1").replace("%1", str(b.tid))

    def _plain(self, b: BookmarkInfo) -> str:
        first = self.tr("Not in the local archive") if b.missing else b.first_line
        return " · ".join(x for x in (self._title(b), f"#{b.floor}", b.author, first, b.note,
                                      ", ".join(b.tags)) if x)

    def _html(self, b: BookmarkInfo) -> str:
        """Three lines: thread and floor; the post's first line; note, tags and date."""
        muted = f'style="color:{MUTED_TOKEN}"'
        head = (f"<b>{esc(self._title(b))}</b> &nbsp;<span {muted}>#{b.floor} · "
                f"{esc(b.author)}</span>")
        if b.missing:
            first = f'<i {muted}>{esc(self.tr("Not in the local archive"))}</i>'
        else:
            first = esc(b.first_line) or "&nbsp;"
        tail = [f'<span style="color:#b26a00">✎ {esc(b.note)}</span>'] if b.note else []
        tail += [f'<span style="background:#e4ecf7; color:#1d4e89">&nbsp;{esc(t)}&nbsp;</span>'
                 for t in b.tags]
        tail.append(f'<span {muted}>{b.created_at:%Y-%m-%d %H:%M}</span>')
        return f"{head}<br>{first}<br>{' '.join(tail)}"

    def _refresh_tags(self) -> None:
        tags = sorted({t for b in userdata.list_bookmarks() for t in b.tags})
        current = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem(self.tr("All tags"), "")
        for t in tags:
            self.tag_box.addItem(t, t)
        index = self.tag_box.findData(current) if current else 0
        self.tag_box.setCurrentIndex(max(0, index))
        self.tag_box.blockSignals(False)

    def known_tags(self) -> list[str]:
        return [self.tag_box.itemData(i) for i in range(1, self.tag_box.count())]

    def row_count(self) -> int:
        return self.tree.count()

    # -- actions

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        has = self.tree.currentItem() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def _activate(self, item: QListWidgetItem) -> None:
        post_id = item.data(POST_ROLE)
        if post_id is not None:
            self.post_activated.emit(int(post_id))

    def edit_selected(self) -> None:
        bid = self.selected_id()
        if bid is not None:
            self.edit_requested.emit(bid)

    def remove_selected(self) -> None:
        bid = self.selected_id()
        if bid is None:
            return
        self._row_after_removal = self.tree.currentRow()  # selected when the list is shown again
        self.remove(bid)

    def remove(self, bookmark_id: int) -> None:
        self.ops.write(operations.remove_bookmark, bookmark_id, success=self._removed_one,
                       context=self)

    def _removed_one(self, info: BookmarkInfo) -> None:
        self._removed.append(info)
        what = info.thread_title or str(info.tid)
        self.undo_bar.show_message(self.tr("Removed the bookmark of #%1 in %2.")
                                   .replace("%1", str(info.floor)).replace("%2", what))

    def undo(self) -> None:
        if not self._removed:
            return
        info = self._removed.pop()
        if self._removed:
            self.undo_bar.show_message(self.tr("Bookmark restored."))
        else:
            self.undo_bar.hide()
        self.ops.write(operations.restore_bookmark, info,
                       success=lambda _none: self._restored(info.id),
                       failure=lambda e: self._not_restored(info, e), context=self)

    def _restored(self, bookmark_id: int) -> None:
        for i in range(self.tree.count()):
            if self.tree.item(i).data(ID_ROLE) == bookmark_id:
                self.tree.setCurrentRow(i)

    def _not_restored(self, info: BookmarkInfo, error: BaseException) -> None:
        self._removed.append(info)  # still undoable
        self.undo_bar.show_message(self.tr("Removed the bookmark of #%1 in %2.")
                                   .replace("%1", str(info.floor))
                                   .replace("%2", info.thread_title or str(info.tid)))
        self.ops.show_failure(error)
