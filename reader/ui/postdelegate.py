"""Draws one post as a card: a painted header (avatar, author, badges, floor, time, edit note)
over the body laid out by a QTextDocument.

Sizes are cached per (post id, content width), so scrolling never lays text out twice. Rows the
view has not measured yet get an estimate from the stored body length; before each layout the
view measures the rows about to be shown (``measure_rows``), so those are exact.
"""

from __future__ import annotations

import math
import zlib
from collections import OrderedDict

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QToolTip

from ..store.queries import StoredPost
from .imagesource import ImageSource
from .palette import LIGHT, CardColors
from .posthtml import PostHtml
from .threadmodel import ThreadModel

MARGIN_X, MARGIN_Y = 14, 6  # around a card
PAD_X, PAD_TOP, PAD_BOTTOM = 18, 14, 12  # inside a card
AVATAR = 36
MAX_DOCS = 400


class PostDelegate(QStyledItemDelegate):
    """Paints posts of a :class:`ThreadModel`; emits ``link_activated`` when a link is clicked."""

    link_activated = Signal(str)

    def __init__(self, model: ThreadModel, images: ImageSource | None = None, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.images = images or ImageSource()
        self.colors: CardColors = LIGHT
        self.width = 600  # width of the viewport the rows are laid out for
        self._row_h: list[int] = []
        self._docs: OrderedDict[tuple[int, int], QTextDocument] = OrderedDict()
        self._heights: dict[tuple[int, int], int] = {}
        self.mismatched_paint = False  # set when a row was drawn into a slot of the wrong height
        self.set_font(QFont())

    # -- configuration

    def set_font(self, font: QFont) -> None:
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(font.pointSizeF() * 0.86)
        fm = QFontMetrics(self.font)
        self._line = fm.lineSpacing()
        self._cjk = max(1, fm.horizontalAdvance("中"))
        self._header = max(AVATAR, QFontMetrics(self.bold).height()
                           + QFontMetrics(self.small).height() + 4)
        self.invalidate()

    def set_colors(self, colors: CardColors) -> None:
        self.colors = colors
        self.images.clear()
        self.invalidate()

    def invalidate(self) -> None:
        """Forget every laid-out document and measured size (font, colours or data changed)."""
        self._docs.clear()
        self._heights.clear()
        self.prepare(self.width)

    # -- geometry

    def prepare(self, width: int) -> None:
        """Row heights for laying rows out at ``width``: measured where known, else estimated.

        Called when the width or the thread changes; ``sizeHint`` then only indexes a list, which
        keeps a full layout of a 30,000-post thread cheap.
        """
        self.width = width
        chrome, line = self._chrome(), self._line
        per_line = max(8, self.body_width() // self._cjk)
        k = 0.75 / per_line + 0.75 / 90
        heights = [chrome + int((1 + n * k) * line) for n in self.model.lengths]
        measured = self._heights
        if measured:
            for row, pid in enumerate(self.model.ids):
                h = measured.get((pid, width))
                if h is not None:
                    heights[row] = h
        self._row_h = heights

    def body_width(self) -> int:
        return max(120, self.width - 2 * MARGIN_X - 2 * PAD_X)

    def _chrome(self) -> int:
        return 2 * MARGIN_Y + PAD_TOP + self._header + 10 + PAD_BOTTOM

    def is_measured(self, row: int) -> bool:
        return (self.model.ids[row], self.width) in self._heights

    def measure_rows(self, rows: range) -> bool:
        """Measure rows (clipped to the model); True if any height changed."""
        changed = False
        for row in range(max(0, rows.start), min(len(self.model.ids), rows.stop)):
            if not self.is_measured(row):
                before = self._row_h[row]
                self.document(row)
                changed |= self._row_h[row] != before
        return changed

    def sizeHint(self, option, index: QModelIndex) -> QSize:  # noqa: N802 (Qt API)
        try:
            return QSize(self.width, self._row_h[index.row()])
        except IndexError:
            return QSize(self.width, self._chrome())

    # -- documents

    def document(self, row: int) -> QTextDocument:
        key = (self.model.ids[row], self.width)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        post = self.model.post(row)
        rendered = PostHtml(self.colors, self.font.pointSizeF()).render(
            post, self.model.quote_floors(row))
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self.font)
        doc.setUndoRedoEnabled(False)
        doc.setDefaultStyleSheet(f"a {{ color: {self.colors.link}; }}")
        image_type = QTextDocument.ResourceType.ImageResource
        for key_ in set(rendered.smileys):
            doc.addResource(image_type, QUrl(f"smiley:{key_}"),
                            self.images.smiley(key_, self._line, self.colors, self.font))
        for url in set(rendered.images):
            doc.addResource(image_type, QUrl(f"image:{url}"),
                            self.images.image(url, self.body_width(), self.colors, self.font))
        doc.setHtml(rendered.html)
        doc.setTextWidth(self.body_width())
        h = self._heights[key] = self._chrome() + math.ceil(doc.size().height())
        if len(self._row_h) > row:
            self._row_h[row] = h
        self._docs[key] = doc
        while len(self._docs) > MAX_DOCS:
            self._docs.popitem(last=False)
        return doc

    def _card_rect(self, rect) -> QRectF:
        return QRectF(rect.left() + MARGIN_X, rect.top() + MARGIN_Y,
                      rect.width() - 2 * MARGIN_X, rect.height() - 2 * MARGIN_Y)

    def _body_origin(self, rect) -> QPointF:
        card = self._card_rect(rect)
        return QPointF(card.left() + PAD_X, card.top() + PAD_TOP + self._header + 10)

    # -- painting

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        row = index.row()
        doc = self.document(row)
        post = self.model.post(row)
        rect = option.rect
        if self._heights[(self.model.ids[row], self.width)] != rect.height():
            self.mismatched_paint = True
        c = self.colors
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = self._card_rect(rect)
        current = bool(option.state & QStyle.StateFlag.State_HasFocus) or bool(
            option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(QColor(c.current_border if current else c.card_border),
                            1.6 if current else 1.0))
        painter.setBrush(QColor(c.notice_bg if (post.banned or post.hidden) else c.card))
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)
        self._paint_header(painter, card, post, self.model.is_new(row))
        origin = self._body_origin(rect)
        painter.translate(origin)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, QColor(c.text))
        ctx.clip = QRectF(0, 0, self.body_width(), max(0.0, card.bottom() - origin.y()))
        painter.setClipRect(ctx.clip)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def _paint_header(self, p: QPainter, card: QRectF, post: StoredPost, is_new: bool) -> None:
        c = self.colors
        x, y = card.left() + PAD_X, card.top() + PAD_TOP
        # avatar: a coloured disc with the author's first character
        hue = zlib.crc32(post.author.encode()) % 360
        disc = QColor.fromHsl(hue, 120, 110 if c.dark else 150)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(disc)
        p.drawEllipse(QRectF(x, y, AVATAR, AVATAR))
        p.setPen(QColor("#ffffff"))
        p.setFont(self.bold)
        p.drawText(QRectF(x, y, AVATAR, AVATAR), Qt.AlignmentFlag.AlignCenter,
                   post.author[:1] or "?")
        tx = x + AVATAR + 10
        fm_b, fm_s = QFontMetrics(self.bold), QFontMetrics(self.small)
        # floor number at the right
        floor = f"#{post.floor}"
        p.setFont(self.bold)
        p.setPen(QColor(c.muted))
        fw = fm_b.horizontalAdvance(floor)
        right = card.right() - PAD_X
        p.drawText(QPointF(right - fw, y + fm_b.ascent()), floor)
        # author and badges
        p.setPen(QColor(c.text))
        name = fm_b.elidedText(post.author, Qt.TextElideMode.ElideRight,
                               int(right - fw - tx - 120))
        p.drawText(QPointF(tx, y + fm_b.ascent()), name)
        bx = tx + fm_b.horizontalAdvance(name) + 8
        badges = []
        if post.is_op:
            badges.append((self.tr("OP"), c.op_badge))
        if is_new:
            badges.append((self.tr("New"), c.new_badge))
        p.setFont(self.small)
        for text, color in badges:
            w = fm_s.horizontalAdvance(text) + 10
            h = fm_s.height() + 2
            box = QRectF(bx, y + (fm_b.height() - h) / 2, w, h)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(color))
            p.drawRoundedRect(box, 4, 4)
            p.setPen(QColor("#ffffff"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            bx += w + 6
        # second line: time and edit note
        line = post.posted_at.strftime("%Y-%m-%d %H:%M")
        if post.editor and post.edited_at:
            line += " · " + self.tr("edited by %1 at %2").replace("%1", post.editor).replace(
                "%2", post.edited_at.strftime("%Y-%m-%d %H:%M"))
        p.setPen(QColor(c.muted))
        y2 = y + fm_b.height() + 4
        p.drawText(QPointF(tx, y2 + fm_s.ascent()),
                   fm_s.elidedText(line, Qt.TextElideMode.ElideRight, int(right - tx)))

    # -- links and tooltips

    def anchor_at(self, index: QModelIndex, rect, pos: QPointF) -> str:
        doc = self.document(index.row())
        local = QPointF(pos) - self._body_origin(rect)
        if local.y() < 0:
            return ""
        return doc.documentLayout().anchorAt(local)

    def editorEvent(self, event: QEvent, model, option, index: QModelIndex) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            assert isinstance(event, QMouseEvent)
            href = self.anchor_at(index, option.rect, event.position())
            view = self.parent()
            if isinstance(view, QAbstractItemView):
                view.viewport().setCursor(Qt.CursorShape.PointingHandCursor if href
                                          else Qt.CursorShape.ArrowCursor)
            if (href and event.type() == QEvent.Type.MouseButtonRelease
                    and event.button() == Qt.MouseButton.LeftButton):
                self.link_activated.emit(href)
                return True
        return super().editorEvent(event, model, option, index)

    def helpEvent(self, event: QHelpEvent, view, option, index: QModelIndex) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            href = self.anchor_at(index, option.rect, QPointF(event.pos()))
            if href:
                text = href.removeprefix("image:")
                if href.startswith("floor:"):
                    text = self.tr("Go to floor %1").replace("%1", href[6:])
                QToolTip.showText(event.globalPos(), text, view)
                return True
            QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)
