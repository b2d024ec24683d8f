"""Small bars shown over the thread view: the filter bar ("only this author", with a way back)
and the find-in-thread bar (match count, next/previous)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QWidget

from .plain import plain_label


class _Bar(QWidget):
    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#{name} {{ background: palette(alternate-base); "
                           "border-bottom: 1px solid palette(mid); }")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(14, 5, 10, 5)


class FilterBar(_Bar):
    """Says which filter is on; ``back_clicked`` when the reader wants every post again."""

    back_clicked = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__("filterBar", parent)
        self.label = plain_label("", self)
        self.back = QPushButton(self.tr("Show all posts"), self)
        self.back.clicked.connect(self.back_clicked)
        self.row.addWidget(self.label, 1)
        self.row.addWidget(self.back)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()


class FindBar(_Bar):
    """Ctrl+F: a text box; ``find_requested(text)`` as one types, ``step(+1/-1)``."""

    find_requested = Signal(str)
    step = Signal(int)
    closed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__("findBar", parent)
        self.box = QLineEdit(self)
        self.box.setPlaceholderText(self.tr("Find in thread"))
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self.find_requested)
        self.box.installEventFilter(self)
        self.count = QLabel(self)
        prev_b = QToolButton(self)
        prev_b.setText("▲")
        prev_b.setToolTip(self.tr("Previous match (Shift+Enter)"))
        prev_b.clicked.connect(lambda: self.step.emit(-1))
        next_b = QToolButton(self)
        next_b.setText("▼")
        next_b.setToolTip(self.tr("Next match (Enter, F3)"))
        next_b.clicked.connect(lambda: self.step.emit(1))
        close = QToolButton(self)
        close.setText("✕")
        close.clicked.connect(self.close_bar)
        self.row.addWidget(self.box, 1)
        self.row.addWidget(self.count)
        self.row.addWidget(prev_b)
        self.row.addWidget(next_b)
        self.row.addWidget(close)
        self.hide()

    def open(self) -> None:
        self.show()
        self.box.setFocus()
        self.box.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_count(self, current: int, total: int, searching: bool = False) -> None:
        """"3 of 120", or with ``searching`` "3 of 120…" (more may come) and "…" before any."""
        self.count.setToolTip("")
        if not self.box.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText("…" if searching else self.tr("No matches"))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", str(current))
                               .replace("%2", str(total)) + ("…" if searching else ""))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.box and isinstance(event, QKeyEvent) and event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.step.emit(-1 if shift else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(obj, event)
