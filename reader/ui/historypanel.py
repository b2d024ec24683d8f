"""The History panel: recently opened threads, newest first, with the last floor read.

Activating a row emits ``thread_activated(tid, floor)`` so the window opens it where the reader
left off. The list comes from ``reader.store.queries.reading_history`` on each refresh.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..store import queries
from .plain import plain_tip, shown

TID_ROLE = Qt.ItemDataRole.UserRole + 1
FLOOR_ROLE = Qt.ItemDataRole.UserRole + 2


def when_text(at: datetime, now: datetime | None = None) -> str:
    now = now or datetime.now()
    if at.date() == now.date():
        return at.strftime("%H:%M")
    if at.year == now.year:
        return at.strftime("%m-%d %H:%M")
    return at.strftime("%Y-%m-%d")


class HistoryPanel(QWidget):
    thread_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(self.tr("Filter history"))
        self.filter_box.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([self.tr("Thread"), self.tr("Read up to"), self.tr("Opened")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(self.tr("No threads opened yet."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 6)
        col.setSpacing(4)
        col.addWidget(self.filter_box)
        col.addWidget(self.tree, 1)
        col.addWidget(self.empty_label)
        self.filter_box.textChanged.connect(lambda _t: self.refresh())
        self.tree.itemActivated.connect(self._activate)

    def refresh(self) -> None:
        needle = self.filter_box.text().strip().lower()
        current = self.tree.currentItem()
        selected = current.data(0, TID_ROLE) if current is not None else None
        self.tree.clear()
        now = datetime.now()
        rows = []
        for info, at in queries.reading_history():
            if needle and needle not in info.title.lower() and needle != str(info.tid):
                continue
            floor = info.last_floor_read
            read = (self.tr("#%1 of %2").replace("%1", str(floor)).replace("%2", str(info.max_floor))
                    if floor > 0 else self.tr("start"))
            item = QTreeWidgetItem([shown(info.title), read, when_text(at, now)])
            item.setData(0, TID_ROLE, info.tid)
            item.setData(0, FLOOR_ROLE, floor)
            item.setToolTip(0, plain_tip(f"{info.title}\n{info.board} · tid {info.tid}"))
            item.setToolTip(2, at.strftime("%Y-%m-%d %H:%M"))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            rows.append(item)
        self.tree.addTopLevelItems(rows)
        for item in rows:
            if item.data(0, TID_ROLE) == selected:
                self.tree.setCurrentItem(item)
        self.empty_label.setVisible(not rows)

    def row_count(self) -> int:
        return self.tree.topLevelItemCount()

    def tids(self) -> list[int]:
        return [self.tree.topLevelItem(i).data(0, TID_ROLE) for i in range(self.row_count())]

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.thread_activated.emit(int(item.data(0, TID_ROLE)), int(item.data(0, FLOOR_ROLE) or 0))
