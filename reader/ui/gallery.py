"""The Gallery page beside the thread: every image of the thread as a grid of thumbnails.

``GalleryModel`` holds the thread's images (``reader.media.collect.ThreadImage``) and gives a
thumbnail for a row only when the view paints it: the first request starts a load on a small
private thread pool (the cache index row, then the stored thumbnail or file, decoded at thumbnail
size with ``QImageReader.setScaledSize``) and shows a "loading" placeholder. A load that reaches
the front of the queue after its row scrolled out of sight is skipped (``set_visible``), so a
fling through 5,000 images decodes only what stops on screen. Decoded thumbnails are kept in a
bounded LRU. Pictures never downloaded, gone or unusable get a drawn placeholder; nothing here
touches the network.

A click opens ``GalleryViewer``: the full-size picture with Previous/Next (also ←/→) and
"Go to post" (``post_chosen``).
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..media.collect import ThreadImage
from .imageviewer import ImageViewer
from .palette import LIGHT, CardColors
from .plain import plain_label, plain_tip

THUMB = 150  # thumbnails fit in a THUMB × THUMB square
CELL = QSize(THUMB + 16, THUMB + 30)
KEEP_THUMBNAILS = 800  # decoded thumbnails kept (about 90 KB each)
LOADING, MISSING = "loading", "missing"

IMAGE_ROLE = Qt.ItemDataRole.UserRole + 1  # the ThreadImage of the row

Index = QModelIndex | QPersistentModelIndex


def scaled_thumbnail(data: bytes | None = None, path: str | None = None) -> QImage | None:
    """A picture decoded straight at thumbnail size (JPEG decodes at a fraction of the cost of the
    full image); None if it cannot be decoded."""
    if path:
        reader = QImageReader(path)
    else:
        buf = QBuffer()
        buf.setData(QByteArray(data or b""))
        buf.open(QBuffer.OpenModeFlag.ReadOnly)
        reader = QImageReader(buf)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > THUMB or size.height() > THUMB):
        reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    if image.width() > THUMB or image.height() > THUMB:
        image = image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


class _Relay(QObject):
    """Lives on the GUI thread; the pool's results are queued to it."""

    done = Signal(str, object, str)  # key, QImage or None, status


class _Load(QRunnable):
    def __init__(self, model: GalleryModel, key: str, url: str) -> None:
        super().__init__()
        self.model, self.key, self.url = model, key, url
        self.relay = model._relay
        self.cache = model.cache

    def run(self) -> None:
        if not self.model.wanted(self.key):  # scrolled away while queued: let it be asked again
            with contextlib.suppress(RuntimeError):
                self.relay.done.emit(self.key, None, "")
            return
        try:
            image, status = self._load()
        except Exception as e:  # noqa: BLE001 (a picture must never take the window down)
            image, status = None, f"{MISSING}:{e}"
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.relay.done.emit(self.key, image, status)

    def _load(self) -> tuple[QImage | None, str]:
        if self.cache is None:
            return None, MISSING
        item = self.cache.lookup(self.url, load=False)  # one index row, no network
        if not item.cached:
            return None, item.status
        if item.thumbnail is not None:
            image = scaled_thumbnail(path=str(item.thumbnail))
        else:
            image = scaled_thumbnail(self.cache.lookup(self.url).data)
        return image, ("cached" if image is not None else "invalid")


class GalleryModel(QAbstractListModel):
    """Rows are the thread's images; the decoration is loaded lazily (see the module docstring).
    ``cache`` is a ``reader.media.MediaCache`` (None: placeholders only)."""

    def __init__(self, cache=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.images: list[ThreadImage] = []
        self.colors: CardColors = LIGHT
        self.font = QFont()
        self._rows_of: dict[str, list[int]] = {}
        self._thumbs: OrderedDict[str, QPixmap] = OrderedDict()
        self._status: dict[str, str] = {}  # key -> loading / missing / gone / invalid
        self._placeholders: dict[str, QPixmap] = {}
        self._visible: frozenset[str] = frozenset()
        self.loads_started = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay()
        self._relay.done.connect(self._arrived)

    # -- content

    def set_images(self, images: Sequence[ThreadImage]) -> None:
        self.beginResetModel()
        self.images = list(images)
        self._rows_of = {}
        for row, image in enumerate(self.images):
            self._rows_of.setdefault(image.key, []).append(row)
        self._status = {k: v for k, v in self._status.items() if v != LOADING}
        self._visible = frozenset()
        self.endResetModel()

    def set_colors(self, colors: CardColors, font: QFont) -> None:
        self.colors, self.font = colors, QFont(font)
        self._placeholders.clear()
        if self.images:
            self.dataChanged.emit(self.index(0), self.index(len(self.images) - 1))

    def forget_missing(self) -> None:
        """Ask the cache again for what was not there (pictures were downloaded meanwhile)."""
        self._status.clear()
        if self.images:
            self.dataChanged.emit(self.index(0), self.index(len(self.images) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.images)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.images):
            return None
        image = self.images[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(image)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"#{image.floor} {image.author}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(f"#{image.floor} · {image.author} · "
                             f"{image.posted_at:%Y-%m-%d %H:%M}\n{image.url}")
        if role == IMAGE_ROLE:
            return image
        if role == Qt.ItemDataRole.SizeHintRole:
            return CELL
        return None

    def status(self, key: str) -> str | None:
        """"cached", "loading", "missing", "gone", "invalid", or None (never asked)."""
        if key in self._thumbs:
            return "cached"
        s = self._status.get(key)
        return s.split(":", 1)[0] if s else None

    # -- lazy thumbnails

    def set_visible(self, first: int, last: int) -> None:
        """The rows on screen now: queued loads of other rows are skipped when their turn comes."""
        self._visible = frozenset(self.images[r].key for r in range(max(0, first),
                                                                     min(len(self.images), last + 1)))

    def wanted(self, key: str) -> bool:
        """Still worth loading (on screen, or nothing said yet); called from the pool."""
        visible = self._visible
        return not visible or key in visible

    def thumbnail(self, image: ThreadImage) -> QPixmap:
        found = self._thumbs.get(image.key)
        if found is not None:
            self._thumbs.move_to_end(image.key)
            return found
        status = self._status.get(image.key)
        if status is None:
            self._status[image.key] = status = LOADING
            self.loads_started += 1
            self._pool.start(_Load(self, image.key, image.url))
        return self._placeholder(status.split(":", 1)[0])

    def wait_idle(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    def _arrived(self, key: str, image: QImage | None, status: str) -> None:
        if image is not None:
            self._thumbs[key] = QPixmap.fromImage(image)
            self._status.pop(key, None)
            while len(self._thumbs) > KEEP_THUMBNAILS:
                old, _ = self._thumbs.popitem(last=False)  # asked again if it comes back on screen
                self._status.pop(old, None)
        elif status:
            self._status[key] = status
        else:
            self._status.pop(key, None)  # skipped: not on screen any more
            return
        for row in self._rows_of.get(key, ()):
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    # -- placeholders

    @staticmethod
    def placeholder_title(status: str) -> str:
        from .imagesource import ImageSource

        return ImageSource.placeholder_title(status)

    def _placeholder(self, status: str) -> QPixmap:
        pm = self._placeholders.get(status)
        if pm is None:
            pm = self._placeholders[status] = self._draw_placeholder(status)
        return pm

    def _draw_placeholder(self, status: str) -> QPixmap:
        c = self.colors
        pm = QPixmap(THUMB * 2, THUMB * 2)
        pm.setDevicePixelRatio(2.0)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(c.placeholder_border), 1, Qt.PenStyle.DashLine))
        p.setBrush(QColor(c.placeholder_bg))
        p.drawRoundedRect(QRectF(1, 1, THUMB - 2, THUMB - 2), 8, 8)
        p.setPen(QPen(QColor(c.muted), 1.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        gx, gy = THUMB / 2 - 18, THUMB / 2 - 34
        p.drawRoundedRect(QRectF(gx, gy, 36, 28), 3, 3)
        p.drawEllipse(QRectF(gx + 6, gy + 5, 8, 8))
        p.drawPolyline([QRectF(gx + 4, gy + 24, 0, 0).topLeft(), QRectF(gx + 15, gy + 14, 0, 0).topLeft(),
                        QRectF(gx + 23, gy + 20, 0, 0).topLeft(), QRectF(gx + 32, gy + 11, 0, 0).topLeft()])
        f = QFont(self.font)
        f.setPointSizeF(max(7.0, self.font.pointSizeF() * 0.85))
        p.setFont(f)
        p.setPen(QColor(c.muted))
        p.drawText(QRectF(6, THUMB / 2 + 2, THUMB - 12, THUMB / 2 - 8),
                   Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                   self.placeholder_title(status))
        p.end()
        return pm


class GalleryDelegate(QStyledItemDelegate):
    """A cell: the thumbnail centred in a THUMB square, the floor and author under it."""

    def __init__(self, model: GalleryModel, parent=None) -> None:
        super().__init__(parent)
        self.gallery = model

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt API)
        return CELL

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        c = self.gallery.colors
        r = option.rect
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected or hovered:
            back = QColor(c.current_border)
            back.setAlpha(70 if selected else 30)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(back)
            painter.drawRoundedRect(QRectF(r.adjusted(2, 2, -2, -2)), 6, 6)
        pm = index.data(Qt.ItemDataRole.DecorationRole)
        box = QRect(r.left() + (r.width() - THUMB) // 2, r.top() + 6, THUMB, THUMB)
        if isinstance(pm, QPixmap) and not pm.isNull():
            size = pm.deviceIndependentSize().toSize()
            size = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio) \
                if size.width() > THUMB or size.height() > THUMB else size
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            painter.drawPixmap(target, pm)
        text_rect = QRect(r.left() + 4, box.bottom() + 4, r.width() - 8, option.fontMetrics.height())
        painter.setPen(QColor(c.muted))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, option.fontMetrics.elidedText(
            index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight, text_rect.width()))
        painter.restore()


class GalleryView(QListView):
    """A grid of thumbnails (IconMode, uniform cells: 5,000 rows lay out at once); tells the model
    which rows are on screen as it scrolls."""

    image_chosen = Signal(int)  # row

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.gallery = model
        self.setItemDelegate(GalleryDelegate(model, self))
        self.setMouseTracking(True)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(CELL)
        self.setSpacing(0)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(CELL.height() // 3)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(lambda index: self.image_chosen.emit(index.row()))
        self.activated.connect(lambda index: self.image_chosen.emit(index.row()))
        self.verticalScrollBar().valueChanged.connect(self.report_visible)

    def visible_rows(self) -> tuple[int, int]:
        """(first, last) row on screen, or (0, -1)."""
        n = self.model().rowCount()
        if not n:
            return 0, -1
        vp = self.viewport().rect()
        columns = max(1, vp.width() // CELL.width())
        first = self.indexAt(QPoint(CELL.width() // 2, CELL.height() // 2))
        if not first.isValid():
            first = self.indexAt(QPoint(CELL.width() // 2, CELL.height()))
        top = first.row() if first.isValid() else self.verticalScrollBar().value() // CELL.height() * columns
        top -= top % columns
        rows = vp.height() // CELL.height() + 2
        return top, min(n - 1, top + rows * columns - 1)

    def report_visible(self, *_args) -> None:
        self.gallery.set_visible(*self.visible_rows())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.report_visible()


class GalleryViewer(ImageViewer):
    """The full-size viewer stepping through the gallery: Previous/Next (←/→) and Go to post."""

    post_chosen = Signal(int)

    def __init__(self, panel: GalleryPanel, row: int, parent: QWidget | None = None) -> None:
        self.panel = panel
        self.row = row
        first = panel.model.images[row]
        image, note = panel.full_image(first)
        super().__init__(image, first.url, parent, note)
        self.where = plain_label("", self)
        self.prev_button = QPushButton(self.tr("◀ Previous"), self)
        self.next_button = QPushButton(self.tr("Next ▶"), self)
        self.post_button = QPushButton(self.tr("Go to post"), self)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.post_button.clicked.connect(self._go_to_post)
        row_box = QHBoxLayout()
        row_box.addWidget(self.prev_button)
        row_box.addWidget(self.next_button)
        row_box.addWidget(self.where, 1)
        row_box.addWidget(self.post_button)
        self.layout().insertLayout(0, row_box)
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, lambda: self.step(-1))
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, lambda: self.step(1))
        self._describe()

    def _describe(self) -> None:
        image = self.panel.model.images[self.row]
        self.where.setText(f"{self.row + 1} / {len(self.panel.model.images)} · #{image.floor} "
                           f"{image.author} · {image.posted_at:%Y-%m-%d %H:%M}")
        self.prev_button.setEnabled(self.row > 0)
        self.next_button.setEnabled(self.row < len(self.panel.model.images) - 1)

    def step(self, delta: int) -> None:
        row = self.row + delta
        if not 0 <= row < len(self.panel.model.images):
            return
        self.row = row
        image = self.panel.model.images[row]
        picture, note = self.panel.full_image(image)
        self.set_image(picture, image.url, note)
        self.panel.view.setCurrentIndex(self.panel.model.index(row))
        self._describe()

    def _go_to_post(self) -> None:
        self.post_chosen.emit(self.panel.model.images[self.row].post_id)
        self.close()


class GalleryPanel(QWidget):
    """The Gallery page: a line of totals over the grid. ``images`` is the window's ImageSource
    (for the full-size pictures), ``cache`` its MediaCache."""

    post_chosen = Signal(int)

    def __init__(self, images=None, cache=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images = images
        self.model = GalleryModel(cache, self)
        self.view = GalleryView(self.model, self)
        self.view.image_chosen.connect(self.open_viewer)
        self.summary = plain_label("", self)
        self.viewer: GalleryViewer | None = None
        col = QVBoxLayout(self)
        col.setContentsMargins(12, 8, 12, 8)
        col.addWidget(self.summary)
        col.addWidget(self.view, 1)

    def show_loading(self) -> None:
        self.model.set_images([])
        self.summary.setText(self.tr("Looking for images…"))

    def show_error(self, message: str) -> None:
        self.model.set_images([])
        self.summary.setText(self.tr("The images could not be listed: %1").replace("%1", message))

    def show_images(self, images: Sequence[ThreadImage]) -> None:
        self.model.set_images(images)
        if images:
            self.summary.setText(self.tr("%n images. Click one to see it full size; pictures not "
                                         "downloaded yet show a placeholder (Thread → Download "
                                         "images of this thread).", "", len(images)))
        else:
            self.summary.setText(self.tr("No images in this thread."))
        self.view.scrollToTop()
        self.view.report_visible()

    def full_image(self, image: ThreadImage) -> tuple[QImage, str | None]:
        """The full-size picture and None, or when it is not cached the placeholder of its
        state and what that placeholder says (the viewer shows those words, not a size)."""
        found = self.images.full_image(image.url) if self.images is not None else None
        if found is not None and not found.isNull():
            return found, None
        status = self.model.status(image.key) or MISSING
        return self.model._placeholder(status).toImage(), self.model.placeholder_title(status)

    def open_viewer(self, row: int) -> None:
        if not 0 <= row < len(self.model.images):
            return
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = GalleryViewer(self, row, self.window())
        self.viewer.post_chosen.connect(self.post_chosen)
        self.viewer.show()
