"""A simple full-size viewer for one cached picture: scrollable, zoom with buttons, Ctrl+wheel,
Ctrl+=/Ctrl+-, fit to the window, and the URL with a button to open it in the browser."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .plain import open_external

ZOOMS = (0.1, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)


class _Scroll(QScrollArea):
    def __init__(self, viewer: ImageViewer) -> None:
        super().__init__(viewer)
        self.viewer = viewer

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.viewer.zoom_in() if event.angleDelta().y() > 0 else self.viewer.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)


class ImageViewer(QDialog):
    """A picture at full size with zoom. ``note`` stands for a picture that is not there (the
    placeholder's words, said instead of the placeholder's pixel size)."""

    def __init__(self, image: QImage, url: str, parent: QWidget | None = None,
                 note: str | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.url = url
        self.note = note
        self.zoom = 1.0
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = _Scroll(self)
        self.scroll.setWidget(self.label)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setBackgroundRole(self.scroll.backgroundRole().Dark)
        self.info = QLabel(self)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Zoom out"), self.zoom_out), (self.tr("100%"), self.actual_size),
                           (self.tr("Fit"), self.fit), (self.tr("Zoom in"), self.zoom_in)):
            b = QPushButton(text, self)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addWidget(self.info, 1)
        browser = QPushButton(self.tr("Open in browser"), self)
        browser.clicked.connect(lambda: open_external(self.url))
        buttons.addWidget(browser)
        self.buttons = buttons
        col = QVBoxLayout(self)
        col.addWidget(self.scroll, 1)
        col.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, self.zoom_in)
        QShortcut(QKeySequence("Ctrl+="), self, self.zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, self.zoom_out)
        QShortcut(QKeySequence("Ctrl+0"), self, self.actual_size)
        screen = self.screen().availableGeometry() if self.screen() else None
        max_w = int(screen.width() * 0.85) if screen else 1200
        max_h = int(screen.height() * 0.85) if screen else 900
        self.resize(min(max_w, max(420, image.width() + 40)),
                    min(max_h, max(300, image.height() + 90)))
        self.set_image(image, url, note)

    def set_image(self, image: QImage, url: str, note: str | None = None) -> None:
        """Show another picture, fitted to the window when it is larger (``note``: a
        placeholder's words)."""
        self.image, self.url, self.note = image, url, note
        self.setWindowTitle(self.tr("Image — %1").replace("%1", url.rsplit("/", 1)[-1]))
        area = self.size() - QSize(40, 90)
        self.zoom = 1.0
        if image.width() > area.width() or image.height() > area.height():
            self.zoom = min(area.width() / max(1, image.width()), area.height() / max(1, image.height()))
        self._show()

    def _show(self) -> None:
        size = self.image.size() * self.zoom
        pix = QPixmap.fromImage(self.image.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        self.label.setPixmap(pix)
        self.label.resize(pix.size())
        if self.note:
            self.info.setText(self.note)
        else:
            self.info.setText(f"{self.image.width()} × {self.image.height()} · "
                              f"{round(self.zoom * 100)}%")

    def zoom_in(self) -> None:
        self.zoom = next((z for z in ZOOMS if z > self.zoom + 1e-6), ZOOMS[-1])
        self._show()

    def zoom_out(self) -> None:
        smaller = [z for z in ZOOMS if z < self.zoom - 1e-6]
        self.zoom = smaller[-1] if smaller else ZOOMS[0]
        self._show()

    def actual_size(self) -> None:
        self.zoom = 1.0
        self._show()

    def fit(self) -> None:
        area = self.scroll.viewport().size()
        self.zoom = min(area.width() / max(1, self.image.width()),
                        area.height() / max(1, self.image.height()))
        self._show()
