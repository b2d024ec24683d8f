"""The thread view: a one-column QTableView of post cards that scrolls per pixel and jumps by
floor.

Row heights live in the (hidden) vertical header, in C++: a QListView re-asks the delegate for
the size of every row whenever one row changes, which costs a Python call per row (≈170 ms on a
30,000-post thread); a QHeaderView keeps the sizes itself, so changing one row is one
``resizeSection`` call. Rows start with an estimate from the stored body length (set in one
batch with the header's updates off) and are measured exactly when they come near the viewport.
Every change of row heights keeps the post the reader is looking at where it was on screen
(``_keep_anchor``), so measuring rows, folding quotes or blocking users never make the text
jump. A thread of more than ``HEIGHTS_AT_ONCE`` posts gets the estimates of the rows around the
reader's place at once and the others a slice per turn of the event loop, so opening or laying
out a 175,000-post thread never holds the window for the whole list. Changes of the model's
reading state arrive as ``dataChanged`` with their roles (``_state_changed``): rows whose folds
or collapsed state changed are measured again, rows whose highlighted text changed are rendered
again, the rest is repainted.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QMouseEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView

from ..palette import CardColors
from .delegate import MARGIN_Y, PostDelegate
from .links import FoldLink, PeekLink, parse
from .model import LAYOUT_ROLES, PostFilter, PostRole, ThreadLoad, ThreadModel

HOT_BEFORE, HOT_AFTER = 3, 6  # rows measured around the viewport
HEIGHTS_AT_ONCE = 20_000  # rows given their heights in one go; bigger threads get them in slices
HEIGHTS_NEAR = 2_000  # rows around the reader's place given theirs at once in a big thread
HEIGHTS_SLICE = 8_000  # rows per turn of the event loop after that
FLASH_MS = 1400


class ThreadView(QTableView):
    """Signals: ``floor_changed(floor)`` when the post at the top changes, ``painted()`` after
    each paint, ``post_activated(row)`` on Enter or double-click, ``link_activated(href)``,
    ``back_requested``/``forward_requested`` from the mouse's side buttons."""

    floor_changed = Signal(int)
    painted = Signal()
    post_activated = Signal(int)
    link_activated = Signal(str)
    back_requested = Signal()
    forward_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._last_floor = -1
        self._adjusting = False
        self.thread_model = ThreadModel(self)
        self.delegate = PostDelegate(self.thread_model, parent=self)
        self.setModel(self.thread_model)
        self.setItemDelegate(self.delegate)
        header = self.verticalHeader()
        header.hide()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setMinimumSectionSize(1)
        header.setDefaultSectionSize(120)
        columns = self.horizontalHeader()
        columns.hide()
        columns.setStretchLastSection(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setAutoScroll(False)
        self.delegate.link_activated.connect(self._link)
        self.thread_model.dataChanged.connect(self._rows_changed)
        self.thread_model.reading_changed.connect(self._reading_changed)
        self.doubleClicked.connect(lambda index: self.post_activated.emit(index.row()))
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._heights_pending: list[tuple[int, int]] = []
        self._heights_timer = QTimer(self, singleShot=True, interval=0)
        self._heights_timer.timeout.connect(self._next_heights)
        self._correction = QTimer(self, singleShot=True, interval=0)
        self._correction.timeout.connect(self.measure_visible)
        self._flash = QTimer(self, interval=40)
        self._flash.timeout.connect(self._fade)

    # -- opening and jumping

    def set_colors(self, colors: CardColors) -> None:
        self.delegate.set_colors(colors)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(colors.background))
        # the card draws its own current-post border; no selection fill behind it
        pal.setColor(QPalette.ColorRole.Highlight, QColor(colors.background))
        self.setPalette(pal)
        self.relayout()

    def open_thread(self, tid: int, floor: int | None = None,
                    new_after_floor: int | None = None, hidden: set[int] | None = None,
                    loaded: ThreadLoad | None = None) -> None:
        """Show a thread (``loaded``: what ``thread_model.load_thread`` read, maybe elsewhere)."""
        model = self.thread_model
        self._last_floor = -1
        self.delegate.prepare(self.viewport().width())
        model.open_thread(tid, new_after_floor, hidden, loaded)
        row = max(0, model.row_for_floor(floor)) if floor and model.ids else 0
        self._apply_heights(near=row)
        if model.ids:
            self.scroll_to_row(row)

    def set_filter(self, post_filter: PostFilter, hidden: set[int] | None = None,
                   post_id: int | None = None, offset: int = 0) -> None:
        """Show only some posts; keep the top post (or show ``post_id``) at the same place."""
        model = self.thread_model
        if post_id is None and model.ids:
            row = self.top_row()
            post_id = model.ids[row]
            offset = self.rowViewportPosition(row)
            offset = -offset if offset < 0 else 0
        model.set_filter(post_filter, hidden)
        self._last_floor = -1  # the counts shown with the floor changed: say it again
        row = model.nearest_row_for_post(post_id) if post_id is not None and model.ids else 0
        self._apply_heights(near=max(0, row))
        if model.ids:
            self.scroll_to_row(max(0, row), offset if model.row_for_post(post_id or -1) >= 0 else 0)

    def _apply_heights(self, near: int | None = None) -> None:
        """Give every row its measured or estimated height: in one batch, or for a big thread
        the rows around ``near`` (default: the top row) now and the others in slices, each
        keeping the reader's place (a newer call drops the slices left of an older one)."""
        self._heights_pending = []
        n = len(self.thread_model.ids)
        if n <= HEIGHTS_AT_ONCE:
            self._set_heights(0, n)
        else:
            near = self.top_row() if near is None else near
            first, last = max(0, near - HEIGHTS_NEAR), min(n, near + HEIGHTS_NEAR)
            self._set_heights(first, last)
            self._heights_pending = [(a, min(a + HEIGHTS_SLICE, first)) for a in
                                     range(0, first, HEIGHTS_SLICE)]
            self._heights_pending += [(a, min(a + HEIGHTS_SLICE, n)) for a in
                                      range(last, n, HEIGHTS_SLICE)]
            self._heights_timer.start()
        self.updateGeometries()
        self.viewport().update()

    def _set_heights(self, first: int, last: int) -> None:
        header = self.verticalHeader()
        heights = self.delegate.estimates(first, last)
        header.setUpdatesEnabled(False)
        resize = header.resizeSection
        for row, h in enumerate(heights, first):
            resize(row, h)
        header.setUpdatesEnabled(True)

    def _next_heights(self) -> None:
        """One slice of a big thread's heights, the reader's place kept."""
        if not self._heights_pending:
            return
        first, last = self._heights_pending.pop(0)
        if last > len(self.thread_model.ids):
            self._heights_pending = []
            return
        with self._keep_anchor():
            self._set_heights(first, last)
        if self._heights_pending:
            self._heights_timer.start()

    def heights_pending(self) -> bool:
        """Whether rows of a big thread still wait for their estimated height."""
        return bool(self._heights_pending)

    def scroll_to_row(self, row: int, offset: int = 0) -> None:
        """Put ``row`` at the top of the viewport, ``offset`` pixels into it."""
        model = self.thread_model
        if not 0 <= row < len(model.ids):
            return
        self._measure(range(row - HOT_BEFORE, row + 1))
        self._adjusting = True
        try:
            self.setCurrentIndex(model.index(row))
            self.verticalScrollBar().setValue(self.verticalHeader().sectionPosition(row) + offset)
        finally:
            self._adjusting = False
        self.measure_visible()
        self._scrolled()

    def go_to_floor(self, floor: int) -> None:
        self.scroll_to_row(self.thread_model.row_for_floor(floor))

    def show_post(self, post_id: int, flash: bool = True) -> bool:
        row = self.thread_model.row_for_post(post_id)
        if row < 0:
            return False
        self.scroll_to_row(row)
        if flash:
            self.flash(post_id)
        return True

    def flash(self, post_id: int) -> None:
        """Highlight a post briefly (where a jump landed)."""
        self.thread_model.set_flash(post_id, 1.0)
        self._flash.start()

    def _fade(self) -> None:
        state = self.thread_model.state
        level = state.flash_level - 40 / FLASH_MS
        if level <= 0:
            self._flash.stop()
        self.thread_model.set_flash(state.flash_id, level)

    # -- measuring rows near the viewport

    def _measure(self, rows: range) -> bool:
        """Measure rows (clipped to the model); True if any height changed."""
        header, delegate = self.verticalHeader(), self.delegate
        changed = False
        for row in range(max(0, rows.start), min(len(self.thread_model.ids), rows.stop)):
            h = delegate.measure(row)
            if header.sectionSize(row) != h:
                header.resizeSection(row, h)
                changed = True
        if changed:
            self.updateGeometries()
        return changed

    @contextmanager
    def _keep_anchor(self, row: int | None = None):
        """Keep a row (default: the first fully measured row on screen) at its screen position
        while the body changes row heights."""
        model = self.thread_model
        if not model.ids:
            yield
            return
        if row is None:
            row = self.top_row()
        y = self.rowViewportPosition(row)
        post_id = model.ids[row]
        yield
        row = model.row_for_post(post_id)
        if row >= 0:
            self._adjusting = True
            try:
                self.updateGeometries()
                self.verticalScrollBar().setValue(self.verticalHeader().sectionPosition(row) - y)
            finally:
                self._adjusting = False
            self._announce_floor()

    def measure_visible(self) -> None:
        """Measure the rows on screen (and a few around), keeping what the reader sees in place."""
        model = self.thread_model
        if not model.ids:
            return
        header = self.verticalHeader()
        top = self.top_row()
        anchor = top
        # anchor on a row already measured (its content is what the reader sees)
        for row in range(top, min(len(model.ids), top + 4)):
            if header.sectionSize(row) == self.delegate.measured_height(row):
                anchor = row
                break
        with self._keep_anchor(anchor):
            height = self.viewport().height()
            self._measure(range(top - HOT_BEFORE, top))
            row = top
            while row < len(model.ids):
                self._measure(range(row, row + 1))
                if self.rowViewportPosition(row) > height:
                    break
                row += 1
            self._measure(range(row, row + HOT_AFTER))

    # -- where we are

    def top_row(self) -> int:
        row = self.rowAt(MARGIN_Y + 1)
        if row < 0:
            row = self.rowAt(1)
        return row if row >= 0 else (0 if self.thread_model.ids else -1)

    def top_floor(self) -> int:
        row = self.top_row()
        return self.thread_model.floors[row] if row >= 0 else 0

    def position(self) -> tuple[int, int] | None:
        """(post id at the top, pixels of it scrolled above the viewport): a place that survives
        filtering, re-measuring and reopening."""
        row = self.top_row()
        if row < 0:
            return None
        return self.thread_model.ids[row], -self.rowViewportPosition(row)

    def restore_position(self, post_id: int, offset: int) -> None:
        row = self.thread_model.nearest_row_for_post(post_id)
        if row >= 0:
            exact = self.thread_model.ids[row] == post_id
            self.scroll_to_row(row, offset if exact else 0)

    def current_row(self) -> int:
        index = self.currentIndex()
        if index.isValid() and self.visualRect(index).intersects(self.viewport().rect()):
            return index.row()
        return self.top_row()

    def _scrolled(self, *_args) -> None:
        if self._adjusting:
            return
        self.measure_visible()
        self._announce_floor()

    def _announce_floor(self) -> None:
        """``floor_changed`` when the post on top is another one than last said: after scrolling,
        and after any re-layout that moved the rows (a panel closed, a filter changed)."""
        floor = self.top_floor()
        if floor != self._last_floor and self.thread_model.ids:
            self._last_floor = floor
            self.floor_changed.emit(floor)

    # -- layout that keeps the reader's place

    def relayout(self) -> None:
        """Lay every post out again (font, colours, folding mode or marks changed)."""
        self.delegate.invalidate()
        self.delegate.prepare(self.viewport().width())
        self._relayout_kept()

    def _relayout_kept(self) -> None:
        """New heights for every row, the reader's post kept in place; then the rows on screen
        (those around the reader's post, once it is back where it was) are measured."""
        anchor = self.top_row()
        with self._keep_anchor(anchor if anchor >= 0 else None):
            self._apply_heights(near=max(0, anchor))
        self.measure_visible()

    def refresh_rows(self, post_ids: set[int] | None = None) -> None:
        """Re-measure some posts (all when None) in place, keeping the reader's place."""
        if post_ids is None:
            self.relayout()
            return
        for pid in post_ids:
            self.delegate.forget(pid)
        model = self.thread_model
        rows = sorted(r for r in (model.row_for_post(p) for p in post_ids) if r >= 0)
        with self._keep_anchor():
            for row in rows:
                self._measure(range(row, row + 1))
        self.viewport().update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        old = self.delegate.width
        super().resizeEvent(event)
        width = self.viewport().width()
        if width != old and self.thread_model.ids:
            self.delegate.prepare(width)
            self.delegate.forget_documents()
            self._relayout_kept()
        else:
            self.delegate.prepare(width)

    def updateGeometries(self) -> None:  # noqa: N802 (Qt API)
        super().updateGeometries()
        bar = self.verticalScrollBar()
        bar.setSingleStep(max(16, self.fontMetrics().lineSpacing()))
        bar.setPageStep(max(40, self.viewport().height() - 3 * self.fontMetrics().lineSpacing()))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        model, header = self.thread_model, self.verticalHeader()
        top = self.top_row()
        for row in range(max(0, top), min(len(model.ids), top + 3)):
            if header.sectionSize(row) != self.delegate.measured_height(row):
                self._correction.start()
                break
        self.painted.emit()

    # -- the model's reading state changed

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        model = self.thread_model
        first, last = top.row(), bottom.row()
        if not roles or not 0 <= first <= last < len(model.ids):
            return
        changed = set(roles)
        if changed & LAYOUT_ROLES:
            self.refresh_rows(set(model.ids[first:last + 1]))
        elif PostRole.MARK_TEXT in changed:
            self.delegate.forget_documents()
            self.viewport().update()
        # other roles (the flash): Qt repaints the rows itself

    def _reading_changed(self, roles: list[int]) -> None:
        changed = set(roles)
        if changed & LAYOUT_ROLES:
            self.relayout()
        elif PostRole.MARK_TEXT in changed:
            self.delegate.forget_documents()
            self.viewport().update()
        else:
            self.viewport().update()

    # -- clicks handled here: folds and peeks

    def _link(self, href: str) -> None:
        match parse(href):
            case FoldLink(ordinal, folded, int(row)) if 0 <= row < len(self.thread_model.ids):
                self.thread_model.set_fold(row, ordinal, folded)
            case PeekLink(row) if 0 <= row < len(self.thread_model.ids):
                self.thread_model.set_peeked(row, True)
            case FoldLink() | PeekLink():
                pass
            case _:
                self.link_activated.emit(href)

    def toggle_current_folds(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        model = self.thread_model
        if model.is_peeked(row) or model.collapsed(row):
            model.set_peeked(row, not model.is_peeked(row))
        else:
            model.toggle_post_folds(row, self.delegate.chars_per_line())

    def set_expand_all(self, expand: bool) -> None:
        self.thread_model.set_fold_mode(expand_all=expand)

    def set_fold_lines(self, lines: int) -> None:
        """Fold quotes longer than ``lines`` lines (0: never)."""
        self.thread_model.set_fold_mode(fold_lines=lines)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.BackButton:
            self.back_requested.emit()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.forward_requested.emit()
        else:
            super().mousePressEvent(event)

    # -- keyboard

    def _step(self, delta: int) -> None:
        row = self.top_row()
        if row < 0:
            return
        if delta < 0 and self.rowViewportPosition(row) < -MARGIN_Y:
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
            step = -bar.pageStep() if mods & Qt.KeyboardModifier.ShiftModifier else bar.pageStep()
            bar.setValue(bar.value() + step)
        elif key == Qt.Key.Key_PageDown:
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
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and mods & Qt.KeyboardModifier.AltModifier:
            event.ignore()  # Back / Forward actions
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def scroll_to_end(self) -> None:
        n = len(self.thread_model.ids)
        if not n:
            return
        last = n - 1
        self._measure(range(max(0, last - HOT_AFTER), n))
        self._adjusting = True
        try:
            self.setCurrentIndex(self.thread_model.index(last))
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())
        finally:
            self._adjusting = False
        self.measure_visible()
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
