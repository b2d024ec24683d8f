"""The activity chart of a thread's digest: posts per day (per hour for a thread of a few days),
drawn with QPainter so it can be read: a y axis with round ticks, dates under the bars, the value
of the bar under the mouse, the reader's position and the unread posts (those above how far the
thread has been read, ``readstate.read_floor``).

Days without posts are drawn as gaps (the axis is continuous). When there are more days than
pixels to give them, neighbouring days share a bar (the tooltip names the range). A click on a
bar emits ``bucket_clicked`` with the first post of that day (or of the first day of the bar).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from ..store.digest import ActivityBucket
from .palette import LIGHT, CardColors

MIN_BAR_PX = 3  # a bar narrower than this shares its place with the next days


@dataclass(frozen=True, slots=True)
class Column:
    """One bar: the days (or hours) ``start`` … ``end`` inclusive."""

    start: datetime
    end: datetime
    posts: int
    first_post_id: int | None  # the first post of the first day of the bar that has posts
    first_floor: int | None


def _nice_step(top: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5 × 10^k) that splits 0 … top into at most ``ticks`` parts."""
    if top <= 0:
        return 1
    raw = top / ticks
    base = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for m in (1, 2, 5, 10):
        if m * base >= raw:
            return max(1, int(m * base))
    return int(10 * base)


class ActivityChart(QWidget):
    """Set the data with ``set_activity`` and the reader's place with ``set_reading``."""

    bucket_clicked = Signal(int)  # post id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors: CardColors = LIGHT
        self.hourly = False
        self.slots: list[ActivityBucket | None] = []  # one per day/hour, None when no posts
        self.slot_starts: list[datetime] = []
        self.columns: list[Column] = []
        self.position_floor: int | None = None
        self.read_floor = 0
        self.last_floor: int | None = None
        self.hovered = -1
        self.hover_text = ""
        self.setMouseTracking(True)
        self.setMinimumHeight(170)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(600, 230)

    # -- data

    def set_colors(self, colors: CardColors) -> None:
        self.colors = colors
        self.update()

    def set_activity(self, buckets: Sequence[ActivityBucket], hourly: bool) -> None:
        """The thread's buckets (days or hours with posts, in time order)."""
        self.hourly = hourly
        self.slots, self.slot_starts = [], []
        if buckets:
            step = timedelta(hours=1) if hourly else timedelta(days=1)
            by_start = {b.start: b for b in buckets}
            t, end = buckets[0].start, buckets[-1].start
            while t <= end:
                self.slot_starts.append(t)
                self.slots.append(by_start.get(t))
                t += step
        self.hovered = -1
        self._layout_columns()
        self.update()

    def set_reading(self, position_floor: int | None, read_floor: int,
                    last_floor: int | None) -> None:
        """The floor the reader is at (the line), how far the thread is read and its last floor:
        the posts above ``read_floor`` are unread (none once the last floor is read)."""
        self.position_floor = position_floor
        self.read_floor = read_floor
        self.last_floor = last_floor
        self.update()

    # -- geometry

    def _plot(self) -> QRectF:
        fm = QFontMetrics(self.font())
        top_label = str(self._y_top())
        left = fm.horizontalAdvance(f"{top_label}0") + 10
        return QRectF(left, fm.height() * 1.6 + 6, max(10, self.width() - left - 12),
                      max(10, self.height() - fm.height() * 1.6 - 6 - fm.height() * 2.4 - 8))

    def _layout_columns(self) -> None:
        """Group slots into bars at least MIN_BAR_PX wide for the current width."""
        n = len(self.slots)
        if not n:
            self.columns = []
            return
        width = max(10, self.width() - 60)
        per = max(1, math.ceil(n * MIN_BAR_PX / width))
        cols: list[Column] = []
        for i in range(0, n, per):
            group = [s for s in self.slots[i:i + per] if s is not None]
            first = group[0] if group else None
            cols.append(Column(self.slot_starts[i], self.slot_starts[min(n, i + per) - 1],
                               sum(s.posts for s in group), first.first_post_id if first else None,
                               first.first_floor if first else None))
        self.columns = cols

    def _y_top(self) -> int:
        peak = max((c.posts for c in self.columns), default=0)
        step = _nice_step(peak)
        return max(step, math.ceil(peak / step) * step)

    def column_at(self, x: float) -> int:
        """The bar under ``x`` (widget coordinates), or -1."""
        plot = self._plot()
        if not self.columns or not plot.left() <= x < plot.right():
            return -1
        return min(len(self.columns) - 1, int((x - plot.left()) / plot.width() * len(self.columns)))

    def column_rect(self, i: int) -> QRectF:
        """Where bar ``i`` is drawn (its full height band)."""
        plot = self._plot()
        w = plot.width() / max(1, len(self.columns))
        return QRectF(plot.left() + i * w, plot.top(), w, plot.height())

    def column_for_floor(self, floor: int) -> int:
        """The bar holding ``floor``: the latest bar whose first floor is at or below it."""
        found = -1
        for i, c in enumerate(self.columns):
            if c.first_floor is not None and c.first_floor <= floor:
                found = i
        return found

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._layout_columns()

    # -- text

    def _when(self, c: Column) -> str:
        if self.hourly:
            text = c.start.strftime("%Y-%m-%d %H:00")
            return text if c.end == c.start else f"{text} – {c.end:%H:59}"
        text = c.start.strftime("%Y-%m-%d")
        return text if c.end == c.start else f"{text} – {c.end:%Y-%m-%d}"

    def column_text(self, i: int) -> str:
        c = self.columns[i]
        text = self.tr("%1: %n posts", "", c.posts).replace("%1", self._when(c))
        if c.first_floor is not None:
            text += "\n" + self.tr("from floor %1 (click to read)").replace("%1", str(c.first_floor))
        return text

    # -- painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        c = self.colors
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(self.rect(), QColor(c.card))
        fm = QFontMetrics(self.font())
        plot = self._plot()
        title = self.tr("Posts per hour") if self.hourly else self.tr("Posts per day")
        p.setPen(QColor(c.text))
        p.drawText(QPointF(8, fm.ascent() + 4), title)
        if not self.columns:
            p.setPen(QColor(c.muted))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No posts"))
            p.end()
            return
        self._paint_legend(p, fm, fm.horizontalAdvance(title) + 24)
        top = self._y_top()
        step = _nice_step(top)
        # horizontal grid and y labels
        for v in range(0, top + 1, step):
            y = plot.bottom() - v / top * plot.height()
            p.setPen(QPen(QColor(c.card_border), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor(c.muted))
            p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{v:,}")
        unread_from = self._unread_from()
        position = self.column_for_floor(self.position_floor) if self.position_floor else -1
        if unread_from is not None:
            band = self.column_rect(unread_from).united(self.column_rect(len(self.columns) - 1))
            p.fillRect(band, self._alpha(c.op_badge, 38))
        w = plot.width() / len(self.columns)
        gap = 1 if w >= 4 else 0
        for i, col in enumerate(self.columns):
            if not col.posts:
                continue
            h = max(1.0, col.posts / top * plot.height())
            rect = QRectF(plot.left() + i * w + gap / 2, plot.bottom() - h, max(1.0, w - gap), h)
            unread = unread_from is not None and i >= unread_from
            color = QColor(c.op_badge if unread else c.link)
            if i == self.hovered:
                color = color.lighter(125)
            p.fillRect(rect, color)
        # the x axis and its date labels
        p.setPen(QPen(QColor(c.muted), 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        self._paint_x_labels(p, fm, plot, w)
        if position >= 0:
            x = self.column_rect(position).center().x()
            p.setPen(QPen(QColor(c.new_badge), 2))
            p.drawLine(QPointF(x, plot.top() - 2), QPointF(x, plot.bottom()))
        if 0 <= self.hovered < len(self.columns):
            self._paint_hover(p, fm, plot, w)
        p.end()

    def _alpha(self, color: str, alpha: int) -> QColor:
        q = QColor(color)
        q.setAlpha(alpha)
        return q

    def _unread_from(self) -> int | None:
        """The bar of the first unread post, None when every post is read."""
        if self.last_floor is None or self.read_floor >= self.last_floor:
            return None
        return max(0, self.column_for_floor(self.read_floor + 1))

    def _paint_legend(self, p: QPainter, fm: QFontMetrics, x: float) -> None:
        c = self.colors
        y = fm.ascent() + 4
        items = [(c.link, self.tr("posts"), False), (c.op_badge, self.tr("unread"), False),
                 (c.new_badge, self.tr("you are here"), True)]
        for color, text, line in items:
            if line:
                p.setPen(QPen(QColor(color), 2))
                p.drawLine(QPointF(x + 5, y - fm.ascent() + 2), QPointF(x + 5, y + 1))
            else:
                p.fillRect(QRectF(x, y - fm.ascent() + 3, 10, 10), QColor(color))
            p.setPen(QColor(self.colors.muted))
            p.drawText(QPointF(x + 15, y), text)
            x += 15 + fm.horizontalAdvance(text) + 16

    def _paint_x_labels(self, p: QPainter, fm: QFontMetrics, plot: QRectF, w: float) -> None:
        c = self.colors
        sample = "00:00" if self.hourly else "00-00"
        every = max(1, math.ceil((fm.horizontalAdvance(sample) + 14) / w))
        if not self.hourly and every > 1:  # round steps: 2, 7, 14 days, then months
            every = next((s for s in (2, 7, 14, 28, 56, 91, 182, 364) if s >= every), every)
        y1 = plot.bottom() + 4 + fm.ascent()
        y2 = y1 + fm.height()
        last_big = ""
        for i, col in enumerate(self.columns):
            big = col.start.strftime("%m-%d") if self.hourly else col.start.strftime("%Y")
            if i % every == 0:
                x = plot.left() + i * w + w / 2
                p.setPen(QPen(QColor(c.muted), 1))
                p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3))
                small = col.start.strftime("%H:00") if self.hourly else col.start.strftime("%m-%d")
                tw = fm.horizontalAdvance(small)
                left = min(max(plot.left() - 4, x - tw / 2), self.width() - tw - 2)
                p.setPen(QColor(c.text))
                p.drawText(QPointF(left, y1), small)
                if big != last_big:  # the year (or the day of hours) under its first label
                    p.setPen(QColor(c.muted))
                    p.drawText(QPointF(left, y2), big)
                    last_big = big

    def _paint_hover(self, p: QPainter, fm: QFontMetrics, plot: QRectF, w: float) -> None:
        c = self.colors
        col = self.columns[self.hovered]
        rect = self.column_rect(self.hovered)
        p.fillRect(rect, self._alpha(c.text, 18))
        top = self._y_top()
        label = f"{col.posts:,}"
        tw = fm.horizontalAdvance(label) + 8
        x = min(max(plot.left(), rect.center().x() - tw / 2), plot.right() - tw)
        y = max(plot.top() - fm.height(), plot.bottom() - col.posts / top * plot.height() - fm.height() - 2)
        box = QRectF(x, y, tw, fm.height())
        p.fillRect(box, QColor(c.card))
        p.setPen(QColor(c.text))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    # -- mouse

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        i = self.column_at(event.position().x())
        if i != self.hovered:
            self.hovered = i
            self.update()
        self.hover_text = self.column_text(i) if i >= 0 else ""
        if self.hover_text:
            QToolTip.showText(event.globalPosition().toPoint(), self.hover_text, self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.hovered = -1
        self.hover_text = ""
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        i = self.column_at(event.position().x())
        if i >= 0 and self.columns[i].first_post_id is not None:
            self.bucket_clicked.emit(self.columns[i].first_post_id)
