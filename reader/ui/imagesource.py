"""Where post images come from: a provider interface and drawn placeholders.

Today nothing is cached on disk, so :class:`ImageSource` returns None for every smiley and image
and the delegate shows a placeholder instead. A later image cache subclasses ImageSource (or
passes lookup functions) returning QImages; everything else stays as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

from .palette import CardColors

Lookup = Callable[[str], "QImage | None"]


class ImageSource:
    """Gives QImages for smileys (by ``pack/name`` key) and images (by URL), or placeholders."""

    def __init__(self, smiley_lookup: Lookup | None = None,
                 image_lookup: Lookup | None = None) -> None:
        self._smiley_lookup = smiley_lookup or (lambda key: None)
        self._image_lookup = image_lookup or (lambda url: None)
        self._placeholders: dict[tuple, QImage] = {}

    def smiley(self, key: str, line_px: int, colors: CardColors, font: QFont) -> QImage:
        found = self._smiley_lookup(key)
        if found is not None and not found.isNull():
            return found.scaledToHeight(line_px, Qt.TransformationMode.SmoothTransformation)
        return self._cached(("s", key, line_px, colors.dark),
                            lambda: self._smiley_placeholder(key, line_px, colors, font))

    def image(self, url: str, max_width: int, colors: CardColors, font: QFont) -> QImage:
        found = self._image_lookup(url)
        if found is not None and not found.isNull():
            if found.width() > max_width:
                return found.scaledToWidth(max_width, Qt.TransformationMode.SmoothTransformation)
            return found
        return self._cached(("i", urlsplit(url).netloc, colors.dark, font.pointSizeF()),
                            lambda: self._image_placeholder(url, colors, font))

    def clear(self) -> None:
        self._placeholders.clear()

    # -- placeholders

    def _cached(self, key: tuple, make: Callable[[], QImage]) -> QImage:
        img = self._placeholders.get(key)
        if img is None:
            img = self._placeholders[key] = make()
        return img

    @staticmethod
    def _canvas(w: int, h: int) -> QImage:
        img = QImage(w * 2, h * 2, QImage.Format.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(2.0)
        img.fill(Qt.GlobalColor.transparent)
        return img

    def _smiley_placeholder(self, key: str, line_px: int, colors: CardColors,
                            font: QFont) -> QImage:
        label = f"[{key.rsplit('.', 1)[0]}]"
        f = QFont(font)
        f.setPointSizeF(max(6.0, font.pointSizeF() * 0.62))
        fm = QFontMetrics(f)
        w, h = fm.horizontalAdvance(label) + 8, max(line_px - 2, fm.height() + 2)
        img = self._canvas(w, h)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(colors.placeholder_border), 1))
        p.setBrush(QColor(colors.placeholder_bg))
        p.drawRoundedRect(QRectF(0.5, 0.5, w - 1, h - 1), 4, 4)
        p.setFont(f)
        p.setPen(QColor(colors.muted))
        p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, label)
        p.end()
        return img

    def _image_placeholder(self, url: str, colors: CardColors, font: QFont) -> QImage:
        title = QCoreApplication.translate("ImageSource", "Image not cached")
        host = urlsplit(url).netloc
        f = QFont(font)
        f.setPointSizeF(font.pointSizeF() * 0.86)
        fm = QFontMetrics(f)
        w = max(200, fm.horizontalAdvance(title) + 40, fm.horizontalAdvance(host) + 40)
        h = 96
        img = self._canvas(w, h)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(colors.placeholder_border), 1, Qt.PenStyle.DashLine))
        p.setBrush(QColor(colors.placeholder_bg))
        p.drawRoundedRect(QRectF(0.5, 0.5, w - 1, h - 1), 8, 8)
        # a small picture glyph: frame, sun and hill
        p.setPen(QPen(QColor(colors.muted), 1.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        gx, gy = w / 2 - 14, 14
        p.drawRoundedRect(QRectF(gx, gy, 28, 22), 3, 3)
        p.drawEllipse(QRectF(gx + 5, gy + 4, 6, 6))
        p.drawPolyline([QRectF(gx + 3, gy + 19, 0, 0).topLeft(),
                        QRectF(gx + 12, gy + 11, 0, 0).topLeft(),
                        QRectF(gx + 18, gy + 16, 0, 0).topLeft(),
                        QRectF(gx + 25, gy + 9, 0, 0).topLeft()])
        p.setFont(f)
        p.setPen(QColor(colors.text))
        p.drawText(QRectF(0, 42, w, fm.height() + 2), Qt.AlignmentFlag.AlignCenter, title)
        p.setPen(QColor(colors.muted))
        p.drawText(QRectF(6, 44 + fm.height(), w - 12, fm.height() + 2),
                   Qt.AlignmentFlag.AlignCenter, fm.elidedText(host, Qt.TextElideMode.ElideMiddle,
                                                               w - 12))
        p.end()
        return img
