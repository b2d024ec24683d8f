"""The thread view: a QListView of post cards that scrolls per pixel and jumps by floor.

Row heights of posts not yet shown are estimates, corrected when a post is laid out for real.
Every relayout keeps the post at the top of the viewport where it was (``doItemsLayout``), so
corrections never make the text jump. Very long threads are laid out in batches the first time,
so the first posts are painted before the last ones are even estimated.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView

from .palette import CardColors
from .postdelegate import MARGIN_X, MARGIN_Y, PostDelegate
from .threadmodel import ThreadModel

BATCHED_ABOVE = 3000  # rows: above this the first layout runs in batches
HOT_BEFORE, HOT_AFTER = 3, 10  # rows around the top row measured exactly before a layout


class ThreadView(QListView):
    """Signals: ``floor_changed(floor)`` when the post at the top changes, ``painted()`` after
    each paint, ``post_activated(row)`` on Enter or double-click, ``link_activated(href)``."""

    floor_changed = Signal(int)
    painted = Signal()
    post_activated = Signal(int)
    link_activated = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._last_floor = -1
        self._fresh = True  # the next layout has no place to keep (new thread, or a jump)
        self.thread_model = ThreadModel(self)
        self.delegate = PostDelegate(self.thread_model, parent=self)
        self.setModel(self.thread_model)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setBatchSize(2000)
        self.delegate.link_activated.connect(self.link_activated)
        self.doubleClicked.connect(lambda index: self.post_activated.emit(index.row()))
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._correction = QTimer(self, singleShot=True, interval=0)
        self._correction.timeout.connect(self.doItemsLayout)
        self._finish_batches = QTimer(self, interval=40)
        self._finish_batches.timeout.connect(self._check_batches_done)

    # -- opening and jumping

    def set_colors(self, colors: CardColors) -> None:
        self.delegate.set_colors(colors)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(colors.background))
        self.setPalette(pal)
        self.relayout()

    def open_thread(self, tid: int, floor: int | None = None,
                    new_after_floor: int | None = None) -> None:
        model = self.thread_model
        self._last_floor = -1
        self._finish_batches.stop()
        model.open_thread(tid, new_after_floor)
        self.delegate.prepare(self.viewport().width())
        row = max(0, model.row_for_floor(floor)) if floor else 0
        self.delegate.measure_rows(self._hot_rows(row))
        if len(model.ids) > BATCHED_ABOVE and row == 0:
            # first paint after the first batch; the rest is laid out between events
            self.setLayoutMode(QListView.LayoutMode.Batched)
            self._fresh = True
            self.doItemsLayout()
            self._finish_batches.start()
        else:
            self.setLayoutMode(QListView.LayoutMode.SinglePass)
            self._fresh = True
            self.doItemsLayout()
        if model.ids:
            self._place(row)

    def _hot_rows(self, row: int) -> range:
        visible = max(4, self.viewport().height() // 80)
        return range(max(0, row - HOT_BEFORE), row + visible + HOT_AFTER)

    def _check_batches_done(self) -> None:
        model = self.thread_model
        if not model.ids or self.visualRect(model.index(len(model.ids) - 1)).isValid():
            self._finish_batches.stop()
            self.setLayoutMode(QListView.LayoutMode.SinglePass)

    def ensure_laid_out(self) -> None:
        """Finish a batched first layout now (needed before jumping far into the thread)."""
        if self.layoutMode() == QListView.LayoutMode.Batched:
            self._finish_batches.stop()
            self.setLayoutMode(QListView.LayoutMode.SinglePass)
            self._fresh = True
            self.doItemsLayout()

    def scroll_to_row(self, row: int) -> None:
        model = self.thread_model
        if not 0 <= row < len(model.ids):
            return
        self.ensure_laid_out()
        if self.delegate.measure_rows(self._hot_rows(row)):
            self._fresh = True
            self.doItemsLayout()
        self._place(row)

    def _place(self, row: int) -> None:
        index = self.thread_model.index(row)
        self.setCurrentIndex(index)
        rect = self.visualRect(index)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top())
        self._scrolled()

    def go_to_floor(self, floor: int) -> None:
        self.scroll_to_row(self.thread_model.row_for_floor(floor))

    # -- where we are

    def top_row(self) -> int:
        index = self.indexAt(QPoint(MARGIN_X + 1, MARGIN_Y + 1))
        if not index.isValid():
            index = self.indexAt(QPoint(MARGIN_X + 1, 1))
        return index.row() if index.isValid() else (0 if self.thread_model.ids else -1)

    def top_floor(self) -> int:
        row = self.top_row()
        return self.thread_model.floors[row] if row >= 0 else 0

    def current_row(self) -> int:
        index = self.currentIndex()
        if index.isValid() and self.visualRect(index).intersects(self.viewport().rect()):
            return index.row()
        return self.top_row()

    def _scrolled(self, *_args) -> None:
        floor = self.top_floor()
        if floor != self._last_floor and self.thread_model.ids:
            self._last_floor = floor
            self.floor_changed.emit(floor)

    # -- layout that keeps the reader's place

    def relayout(self) -> None:
        self.delegate.invalidate()
        self.doItemsLayout()


    def _anchor(self) -> tuple[int, int] | None:
        if not self.thread_model.ids:
            return None
        row = self.top_row()
        if row < 0:
            return None
        return row, self.visualRect(self.thread_model.index(row)).top()

    def doItemsLayout(self) -> None:  # noqa: N802 (Qt API)
        """Lay all rows out, measuring the rows on screen first and keeping the top post put."""
        fresh, self._fresh = self._fresh, False
        width = self.viewport().width()
        if width != self.delegate.width:
            self.delegate.prepare(width)
        anchor = None
        if not fresh and self.layoutMode() == QListView.LayoutMode.SinglePass:
            anchor = self._anchor()
            if anchor is not None:
                self.delegate.measure_rows(self._hot_rows(anchor[0]))
        super().doItemsLayout()
        if anchor is not None:
            rect = self.visualRect(self.thread_model.index(anchor[0]))
            if rect.isValid():
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + rect.top() - anchor[1])

    def updateGeometries(self) -> None:  # noqa: N802 (Qt API)
        super().updateGeometries()
        bar = self.verticalScrollBar()
        bar.setSingleStep(max(16, self.fontMetrics().lineSpacing()))
        bar.setPageStep(max(40, self.viewport().height() - 3 * self.fontMetrics().lineSpacing()))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.delegate.mismatched_paint = False
        super().paintEvent(event)
        if self.delegate.mismatched_paint and not self._correction.isActive():
            self._correction.start()
        self.painted.emit()

    # -- keyboard

    def _step(self, delta: int) -> None:
        row = self.top_row()
        if row < 0:
            return
        rect = self.visualRect(self.thread_model.index(row))
        if delta < 0 and rect.top() < -MARGIN_Y:
            target = row  # first go back to the top of the post we are in
        else:
            target = max(0, min(len(self.thread_model.ids) - 1, row + delta))
        self.scroll_to_row(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key, mods = event.key(), event.modifiers()
        plain = not (mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        bar = self.verticalScrollBar()
        if plain and key in (Qt.Key.Key_J, Qt.Key.Key_Down):
            self._step(1)
        elif plain and key in (Qt.Key.Key_K, Qt.Key.Key_Up):
            self._step(-1)
        elif plain and key == Qt.Key.Key_Space:
            self.ensure_laid_out()
            step = -bar.pageStep() if mods & Qt.KeyboardModifier.ShiftModifier else bar.pageStep()
            bar.setValue(bar.value() + step)
        elif key == Qt.Key.Key_PageDown:
            self.ensure_laid_out()
            bar.setValue(bar.value() + bar.pageStep())
        elif key == Qt.Key.Key_PageUp:
            bar.setValue(bar.value() - bar.pageStep())
        elif key == Qt.Key.Key_Home:
            self.scroll_to_row(0)
        elif key == Qt.Key.Key_End:
            self.scroll_to_end()
        elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.post_activated.emit(self.current_row())
        elif event.matches(QKeySequence.StandardKey.Copy):
            event.ignore()  # the window's Copy action handles it
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def scroll_to_end(self) -> None:
        n = len(self.thread_model.ids)
        if not n:
            return
        self.ensure_laid_out()
        last = n - 1
        if self.delegate.measure_rows(range(max(0, last - HOT_AFTER), n)):
            self._fresh = True
            self.doItemsLayout()
        self.setCurrentIndex(self.thread_model.index(last))
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
        self._scrolled()

    def event(self, e: QEvent) -> bool:
        # Space and j/k must reach keyPressEvent even though they are "printable" shortcuts
        if (e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent)
                and e.key() in (Qt.Key.Key_J, Qt.Key.Key_K, Qt.Key.Key_Space)
                and not e.modifiers() & Qt.KeyboardModifier.ControlModifier):
            e.accept()
            return True
        return super().event(e)

    def current_index_for_row(self, row: int) -> QModelIndex:
        return self.thread_model.index(row)
