"""A read-only, selectable view of one post (Enter or double-click on a card)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..store.queries import StoredPost
from .imagesource import ImageSource
from .palette import CardColors
from .plain import open_external
from .thread.links import ImageLink, build
from .thread.posthtml import PostHtml, clean


class PostViewer(QDialog):
    def __init__(self, post: StoredPost, quote_floors: list[int | None], colors: CardColors,
                 font: QFont, images: ImageSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Floor %1 · %2").replace("%1", str(post.floor))
                            .replace("%2", post.author))
        self.resize(720, 560)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._open)
        doc = self.browser.document()
        doc.setDefaultFont(font)
        rendered = PostHtml(colors, font.pointSizeF()).render(post, quote_floors)
        line = self.fontMetrics().lineSpacing()
        for key in set(rendered.smileys):
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"smiley:{key}"),
                            images.smiley(key, line, colors, font))
        for url in set(rendered.images):
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(build(ImageLink(url))),
                            images.image(url, 640, colors, font))
        head = (f'<p style="color:{colors.muted}"><b style="color:{colors.text}">'
                f"{clean(post.author)}</b> · #{post.floor} · {post.posted_at:%Y-%m-%d %H:%M}</p>")
        self.browser.setHtml(head + rendered.html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def _open(self, url: QUrl) -> None:
        open_external(url)
