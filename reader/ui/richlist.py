"""A list delegate that draws each item as a few lines of rich text (``HTML_ROLE``), for the
Bookmarks and Search panels: bold titles, muted details and highlighted terms in a narrow dock.

Documents are laid out per (row text, width) and kept in a small cache, so scrolling a few hundred
items never lays text out twice.
"""

from __future__ import annotations

import html
from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .palette import MUTED_TOKEN, muted
from .plain import shown

PAD_X, PAD_Y = 8, 6
MAX_DOCS = 500


def esc(text: str) -> str:
    return html.escape(shown(text), quote=False)


class RichTextDelegate(QStyledItemDelegate):
    HTML_ROLE = Qt.ItemDataRole.UserRole + 50

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._docs: OrderedDict[tuple[str, int], QTextDocument] = OrderedDict()

    def _doc(self, option: QStyleOptionViewItem, index: QModelIndex, selected: bool = False) -> QTextDocument:
        text = index.data(self.HTML_ROLE) or esc(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if MUTED_TOKEN in text:  # details in a colour that reads on this row's background
            pal = option.palette
            role = QPalette.ColorRole
            fg, bg = ((pal.color(role.HighlightedText), pal.color(role.Highlight)) if selected
                      else (pal.color(role.Text), pal.color(role.Base)))
            text = text.replace(MUTED_TOKEN, muted(fg, bg).name())
        width = max(80, option.rect.width() - 2 * PAD_X)
        key = (text, width)
        doc = self._docs.get(key)
        if doc is None:
            doc = QTextDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(option.font)
            doc.setHtml(text)
            doc.setTextWidth(width)
            self._docs[key] = doc
            while len(self._docs) > MAX_DOCS:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(key)
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = self.parent()
        if opt.rect.width() <= 0 and view is not None:
            opt.rect.setWidth(view.viewport().width())
        doc = self._doc(opt, index)
        return QSize(opt.rect.width(), int(doc.size().height()) + 2 * PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        doc = self._doc(option, index, selected)
        painter.save()
        painter.translate(QPointF(opt.rect.left() + PAD_X, opt.rect.top() + PAD_Y))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        ctx.clip = QRectF(0, 0, opt.rect.width(), opt.rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        # a thin separator between items
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def clear(self) -> None:
        self._docs.clear()
