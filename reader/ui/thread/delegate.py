"""Draws one post as a card: a painted header (avatar, author, badges, floor, time, edit note)
over the body laid out by a QTextDocument.

Documents and sizes live in a :class:`~reader.ui.thread.layout.LayoutCache` keyed by (post id,
content width), so scrolling never lays text out twice. Rows the view has not measured yet get
an estimate from the stored body length (``estimates``); the view measures the rows about to be
shown (``measure``) and stores the heights in its vertical header.

The delegate only paints and hit-tests: what it shows besides the post (folded quotes, a
collapsed one-line row for blocked users and keyword-rule matches, a coloured left edge for
highlighted users, a star on bookmarked posts, highlighted text, the flash on the post a jump
landed on) is the model's reading state, read through the model's direct accessors (the same
values its roles give, without a call through Qt per value and row). Clicks are reported
through ``link_activated`` as links of :mod:`~reader.ui.thread.links`: the header's author and
"N replies", a collapsed row (peek), a fold link of a given row, and body links as they are.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QToolTip

from ...store.queries import StoredPost
from ..imagesource import ImageSource
from ..palette import LIGHT, CardColors
from ..plain import shown
from .layout import LayoutCache
from .links import (
    AuthorLink,
    FloorLink,
    FoldLink,
    ImageLink,
    PeekLink,
    QuoteLink,
    RepliesLink,
    WebLink,
    build,
    parse,
)
from .model import ThreadModel
from .posthtml import PostHtml
from .postpreview import preview_html

MARGIN_X, MARGIN_Y = 14, 6  # around a card
PAD_X, PAD_TOP, PAD_BOTTOM = 18, 14, 12  # inside a card
AVATAR = 36
EDGE = 5  # width of the highlight edge
_HEADER_LINKS = {"author": AuthorLink, "replies": RepliesLink}  # clickable header parts


class PostDelegate(QStyledItemDelegate):
    """Paints posts of a :class:`ThreadModel`; emits ``link_activated`` when a link is clicked."""

    link_activated = Signal(str)

    def __init__(self, model: ThreadModel, images: ImageSource | None = None, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.images = images or ImageSource()
        self.colors: CardColors = LIGHT
        self.width = 600  # width of the viewport the rows are laid out for
        self.cache = LayoutCache()
        # (row, body length) -> the characters of the body selected with the mouse, or None;
        # the view sets it (it keeps the selection)
        self.selection_span: Callable[[int, int], tuple[int, int] | None] = lambda _r, _n: None
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
        self.cache.clear()

    def forget(self, post_id: int) -> None:
        """Forget one post's document and size (its folding or collapsed state changed)."""
        self.cache.forget(post_id)

    def forget_documents(self) -> None:
        """Render the documents again (highlighted text changed) but keep the sizes."""
        self.cache.forget_documents()

    # -- geometry

    def prepare(self, width: int) -> None:
        self.width = width

    def estimates(self, first: int = 0, last: int | None = None) -> list[int]:
        """A height for each visible row from ``first`` to ``last`` (default: all): measured
        where known, else estimated from the body length. One list comprehension over ints:
        cheap for 30,000 rows."""
        width, chrome, line = self.width, self._chrome(), self._line
        per_line = max(8, self.body_width() // self._cjk)
        k = 0.75 / per_line + 0.75 / 90
        heights = [chrome + int((1 + n * k) * line) for n in self.model.lengths[first:last]]
        self.cache.fill_heights(self.model.ids[first:last], width, heights)
        return heights

    def measured_height(self, row: int) -> int | None:
        """The row's exact height at the current width, if measured (never lays out)."""
        return self.cache.height(self.model.ids[row], self.width)

    def _collapsed_height(self) -> int:
        return 2 * MARGIN_Y + 2 * 9 + QFontMetrics(self.small).height() + 4

    def body_width(self) -> int:
        return max(120, self.width - 2 * MARGIN_X - 2 * PAD_X)

    def _chrome(self) -> int:
        return 2 * MARGIN_Y + PAD_TOP + self._header + 10 + PAD_BOTTOM

    def is_measured(self, row: int) -> bool:
        return self.measured_height(row) is not None

    def measure(self, row: int) -> int:
        """The exact height of a row at the current width (laying the post out if needed)."""
        pid = self.model.ids[row]
        h = self.cache.height(pid, self.width)
        if h is None:
            if self.model.collapsed(row):
                h = self._collapsed_height()
                self.cache.set_height(pid, self.width, h)
            else:
                self.document(row)
                h = self.cache.height(pid, self.width) or self._chrome()
        return h

    def sizeHint(self, option, index: QModelIndex) -> QSize:  # noqa: N802 (Qt API)
        h = self.measured_height(index.row()) if index.isValid() else None
        return QSize(self.width, h or self._chrome())

    def chars_per_line(self) -> int:
        """How many CJK characters fit on a line of a post's body (to count a quote's lines)."""
        return max(8, self.body_width() // self._cjk)

    # -- documents

    def document(self, row: int) -> QTextDocument:
        doc = self.cache.document(self.model.ids[row], self.width)
        if doc is not None:
            return doc
        post = self.model.post(row)
        rendered = PostHtml(self.colors, self.font.pointSizeF(),
                            self.model.quote_options(row, self.chars_per_line())).render(
            post, self.model.quote_targets(row), self.model.tid)
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
            doc.addResource(image_type, QUrl(build(ImageLink(url))),
                            self.images.image(url, self.body_width(), self.colors, self.font))
        doc.setHtml(rendered.html)
        doc.setTextWidth(self.body_width())
        self.cache.put_document(post.id, self.width, doc,
                                self._chrome() + math.ceil(doc.size().height()),
                                frozenset(rendered.smileys))
        return doc

    def cached_document(self, row: int) -> QTextDocument | None:
        """The laid-out document of a row if there is one (never lays one out)."""
        return self.cache.document(self.model.ids[row], self.width, touch=False)

    def smileys_in(self, row: int) -> frozenset[str]:
        """The smiley keys of a row's laid-out document (empty when not laid out yet)."""
        return self.cache.smileys(self.model.ids[row])

    def line_height(self) -> int:
        """The height smileys are drawn at: one line of text."""
        return self._line

    def _card_rect(self, rect) -> QRectF:
        return QRectF(rect.left() + MARGIN_X, rect.top() + MARGIN_Y,
                      rect.width() - 2 * MARGIN_X, rect.height() - 2 * MARGIN_Y)

    def _body_origin(self, rect) -> QPointF:
        card = self._card_rect(rect)
        return QPointF(card.left() + PAD_X, card.top() + PAD_TOP + self._header + 10)

    # -- painting

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        row = index.row()
        rect = option.rect
        c = self.colors
        post = self.model.post(row)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = self._card_rect(rect)
        current = bool(option.state & QStyle.StateFlag.State_HasFocus) or bool(
            option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(QColor(c.current_border if current else c.card_border),
                            1.6 if current else 1.0))
        why = self.model.collapsed(row)
        if why:
            painter.setBrush(QColor(c.notice_bg))
            painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
            self._paint_collapsed(painter, card, post, why)
            painter.restore()
            return
        doc = self.document(row)
        painter.setBrush(QColor(c.notice_bg if (post.banned or post.hidden) else c.card))
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)
        edge = self.model.highlight(row)
        if edge:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(edge))
            painter.drawRoundedRect(QRectF(card.left() + 1, card.top() + 1, EDGE + 6,
                                           card.height() - 2), 4, 4)
            painter.setBrush(QColor(c.notice_bg if (post.banned or post.hidden) else c.card))
            painter.drawRect(QRectF(card.left() + 1 + EDGE, card.top() + 1, 6, card.height() - 2))
        flash_level = self.model.flash(row)
        if flash_level:
            flash = QColor(c.current_border)
            flash.setAlphaF(0.22 * flash_level)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(flash)
            painter.drawRoundedRect(card, 10, 10)
        self._paint_header(painter, card, post, index)
        origin = self._body_origin(rect)
        painter.translate(origin)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, QColor(c.text))
        ctx.clip = QRectF(0, 0, self.body_width(), max(0.0, card.bottom() - origin.y()))
        span = self.selection_span(row, doc.characterCount() - 1)
        if span is not None:
            ctx.selections = [self._selection(doc, *span)]
        painter.setClipRect(ctx.clip)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    @staticmethod
    def _selection(doc: QTextDocument, start: int, end: int) -> QAbstractTextDocumentLayout.Selection:
        """The characters [start, end) of a body drawn as selected, in the system's colours."""
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        palette = QGuiApplication.palette()
        fmt = QTextCharFormat()
        fmt.setBackground(palette.color(QPalette.ColorRole.Highlight))
        fmt.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        selection = QAbstractTextDocumentLayout.Selection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _paint_collapsed(self, p: QPainter, card: QRectF, post: StoredPost, why: str) -> None:
        if why == "block":
            text = self.tr("Blocked: %1").replace("%1", shown(post.author))
        else:
            text = self.tr("Hidden by a keyword rule: %1").replace("%1", shown(post.author))
        text += f" · #{post.floor} · " + self.tr("click to peek")
        p.setFont(self.small)
        p.setPen(QColor(self.colors.muted))
        fm = QFontMetrics(self.small)
        p.drawText(card.adjusted(PAD_X, 0, -PAD_X, 0),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(text, Qt.TextElideMode.ElideRight, int(card.width()) - 2 * PAD_X))

    def _header_layout(self, card: QRectF, post: StoredPost, index: QModelIndex
                       ) -> dict[str, QRectF]:
        """Where the clickable parts of a header are: author name, replies, star."""
        x, y = card.left() + PAD_X, card.top() + PAD_TOP
        tx = x + AVATAR + 10
        fm_b, fm_s = QFontMetrics(self.bold), QFontMetrics(self.small)
        right = card.right() - PAD_X
        floor_w = fm_b.horizontalAdvance(f"#{post.floor}")
        out: dict[str, QRectF] = {}
        r = right - floor_w - 10
        n = self.model.reply_count(index.row())
        if n:
            text = self.tr("%n replies", "", n)
            w = fm_s.horizontalAdvance(text) + 12
            out["replies"] = QRectF(r - w, y, w, fm_b.height())
            r -= w + 6
        if self.model.is_bookmarked(index.row()):
            w = fm_b.horizontalAdvance("★")
            out["star"] = QRectF(r - w, y, w, fm_b.height())
            r -= w + 6
        name = fm_b.elidedText(shown(post.author), Qt.TextElideMode.ElideRight, int(max(40, r - tx - 80)))
        out["author"] = QRectF(tx, y, fm_b.horizontalAdvance(name), fm_b.height())
        return out

    def _paint_header(self, p: QPainter, card: QRectF, post: StoredPost,
                      index: QModelIndex) -> None:
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
        hits = self._header_layout(card, post, index)
        # floor number at the right
        floor = f"#{post.floor}"
        p.setFont(self.bold)
        p.setPen(QColor(c.muted))
        fw = fm_b.horizontalAdvance(floor)
        right = card.right() - PAD_X
        p.drawText(QPointF(right - fw, y + fm_b.ascent()), floor)
        if "star" in hits:
            p.setPen(QColor("#e3a008"))
            p.drawText(QPointF(hits["star"].left(), y + fm_b.ascent()), "★")
        if "replies" in hits:
            box = hits["replies"]
            p.setPen(QColor(c.link))
            p.setFont(self.small)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter,
                       self.tr("%n replies", "", self.model.reply_count(index.row())))
            p.setFont(self.bold)
        # author and badges
        author = hits["author"]
        p.setPen(QColor(self.model.highlight(index.row()) or c.text))
        name = fm_b.elidedText(shown(post.author), Qt.TextElideMode.ElideRight, int(author.width()) + 1)
        p.drawText(QPointF(tx, y + fm_b.ascent()), name)
        bx = author.right() + 8
        badges = []
        if post.is_op:
            badges.append((self.tr("OP"), c.op_badge))
        if self.model.is_new(index.row()):
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
        """The link under ``pos``: a body link, or a pseudo link for the header's parts."""
        row = index.row()
        card = self._card_rect(rect)
        if self.model.collapsed(row):
            return build(PeekLink(row)) if card.contains(pos) else ""
        post = self.model.post(row)
        for part, box in self._header_layout(card, post, index).items():
            if part in _HEADER_LINKS and box.adjusted(-2, -2, 2, 2).contains(pos):
                return build(_HEADER_LINKS[part](row))
        doc = self.document(row)
        local = QPointF(pos) - self._body_origin(rect)
        if local.y() < 0:
            return ""
        href = doc.documentLayout().anchorAt(local)
        link = parse(href) if href else None
        if isinstance(link, FoldLink):  # which post's quote: the row it was clicked in
            return build(replace(link, row=row))
        return href

    def _over_text(self, index: QModelIndex, rect, pos: QPointF) -> bool:
        """Whether ``pos`` is over the body of a post (where dragging selects text)."""
        row = index.row()
        if self.model.collapsed(row):
            return False
        doc = self.cached_document(row)
        local = QPointF(pos) - self._body_origin(rect)
        return doc is not None and 0 <= local.x() <= doc.textWidth() and 0 <= local.y() <= doc.size().height()

    def editorEvent(self, event: QEvent, model, option, index: QModelIndex) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            assert isinstance(event, QMouseEvent)
            href = self.anchor_at(index, option.rect, event.position())
            view = self.parent()
            if isinstance(view, QAbstractItemView):
                shape = (Qt.CursorShape.PointingHandCursor if href
                         else Qt.CursorShape.IBeamCursor if self._over_text(index, option.rect,
                                                                            event.position())
                         else Qt.CursorShape.ArrowCursor)
                view.viewport().setCursor(shape)
            if (href and event.type() == QEvent.Type.MouseButtonRelease
                    and event.button() == Qt.MouseButton.LeftButton):
                self.link_activated.emit(href)
                return True
        return super().editorEvent(event, model, option, index)

    def helpEvent(self, event: QHelpEvent, view, option, index: QModelIndex) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            href = self.anchor_at(index, option.rect, QPointF(event.pos()))
            text = ""
            match parse(href) if href else None:
                case QuoteLink(post_id):
                    text = self.quote_preview(post_id)
                case FloorLink(floor):
                    text = self.tr("Go to floor %1").replace("%1", str(floor))
                case AuthorLink():
                    text = self.tr("Only this author · right-click for more")
                case RepliesLink():
                    text = self.tr("List the replies")
                case ImageLink(url) | WebLink(url):
                    text = url
            if text:
                QToolTip.showText(event.globalPos(), text, view)
            else:
                QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)

    def quote_preview(self, post_id: int) -> str:
        """Rich text for a tooltip: the quoted post as the view shows it (header, body with its
        quotes, links, smileys and pictures), cut after ``postpreview.PREVIEW_CHARS``
        characters; empty if the post is not stored."""
        found = self.model.quoted_post(post_id)
        if found is None:
            return ""
        post, targets = found
        return preview_html(post, targets, self.colors, self.font, self.images)

