"""Where post pictures come from: QImages decoded from the media cache, or drawn placeholders.

The delegate asks ``smiley(key, line_px, …)`` and ``image(url, max_width, …)`` while it lays a
post out, and must get an answer at once:

* Smileys are small and few (about 1,150 in all): the first request of a key reads the cache
  synchronously (one index row and one stored response, no network) and the decoded image is kept
  for the session, so a cached smiley is inline at text height in the very first layout.
* Images are decoded on a private thread pool: the first request reads the cache index (one
  row, no bytes); a picture that is not cached and cannot be downloaded now (offline, gone,
  invalid) gets its placeholder at once. Otherwise it returns a "loading" placeholder of the
  same size and starts a task (a download when online, then decoding the thumbnail or the
  file). When it finishes, ``picture_arrived(url)`` is emitted on the GUI thread; the window
  re-measures just the posts that show that URL (``ThreadView.refresh_rows``).
* Smileys not cached are downloaded the same way when online (``picture_arrived("smiley:KEY")``).

``reader.media`` returns bytes and paths only; QImage decoding happens here (QImage, unlike
QPixmap, may be built off the GUI thread). Without a cache (``ImageSource()``), everything is a
placeholder, as before the cache existed. Animated GIFs show their first frame.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

from .palette import CardColors

Lookup = Callable[[str], "QImage | None"]

MAX_IMAGE_HEIGHT = 480  # thumbnails in a card are at most this tall (click for the full image)
LOADING, MISSING, GONE, INVALID = "loading", "missing", "gone", "invalid"


def decode(data: bytes | None = None, path: str | None = None) -> QImage | None:
    """A QImage from file bytes (first frame of a GIF) or a file path; None if undecodable."""
    img = QImage(path) if path else QImage.fromData(data or b"")
    return None if img.isNull() else img


class _Relay(QObject):
    """Lives on the GUI thread; the pool's results are queued to it."""

    done = Signal(str, object, str)  # key, QImage or None, status


class _Load(QRunnable):
    def __init__(self, fn: Callable[[], tuple[QImage | None, str]], key: str,
                 relay: _Relay) -> None:
        super().__init__()
        self.fn, self.key, self.relay = fn, key, relay

    def run(self) -> None:
        try:
            image, status = self.fn()
        except Exception as e:  # noqa: BLE001 (a picture must never take the view down)
            image, status = None, f"{MISSING}:{e}"
        # the window may have closed while this picture loaded: then there is nobody to tell
        with contextlib.suppress(RuntimeError):
            self.relay.done.emit(self.key, image, status)


class ImageSource(QObject):
    """Gives QImages for smileys (by ``pack/name`` key) and images (by URL), or placeholders.

    ``cache`` is a ``reader.media.MediaCache`` (or None: placeholders only). ``online()`` says
    whether missing pictures may be downloaded now. The lookup callables are for tests and
    other providers that already hold QImages.
    """

    picture_arrived = Signal(str)  # an image URL, or "smiley:KEY"

    def __init__(self, smiley_lookup: Lookup | None = None, image_lookup: Lookup | None = None,
                 cache=None, online: Callable[[], bool] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._smiley_lookup = smiley_lookup
        self._image_lookup = image_lookup
        self.cache = cache
        self._online = online or (lambda: False)
        self._placeholders: dict[tuple, QImage] = {}
        self._smileys: dict[str, QImage | str] = {}  # key -> decoded image or a status
        self._images: dict[str, QImage | str] = {}  # url -> decoded image or a status
        self._scaled: dict[tuple[str, int], QImage] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(4)
        self._stopped = False
        self._relay = _Relay()
        self._relay.done.connect(self._arrived)

    # -- the delegate's interface

    def smiley(self, key: str, line_px: int, colors: CardColors, font: QFont) -> QImage:
        found = self._smiley_image(key)
        if found is not None:
            scaled = self._scaled.get((f"smiley:{key}", line_px))
            if scaled is None:
                scaled = found.scaledToHeight(line_px, Qt.TransformationMode.SmoothTransformation)
                self._scaled[(f"smiley:{key}", line_px)] = scaled
            return scaled
        return self._cached(("s", key, line_px, colors.dark),
                            lambda: self._smiley_placeholder(key, line_px, colors, font))

    def image(self, url: str, max_width: int, colors: CardColors, font: QFont) -> QImage:
        found = self._image_lookup(url) if self._image_lookup else None
        state = found if found is not None else self._image_state(url)
        if isinstance(state, QImage) and not state.isNull():
            return self._fit(url, state, max_width)
        status = state if isinstance(state, str) else MISSING
        return self._cached(("i", status, urlsplit(url).netloc, colors.dark, font.pointSizeF()),
                            lambda: self._image_placeholder(url, status, colors, font))

    def status(self, url: str) -> str | None:
        """"cached", "loading", "missing", "gone", "invalid" or None (never asked) for an image."""
        state = self._images.get(url)
        if isinstance(state, QImage):
            return "cached"
        return state.split(":", 1)[0] if state else None

    def clear(self) -> None:
        """Forget the drawn placeholders (colours changed); decoded pictures stay."""
        self._placeholders.clear()

    def forget_missing(self) -> None:
        """Ask the cache again for everything that was not there (after a download or going
        online); decoded pictures stay."""
        self._smileys = {k: v for k, v in self._smileys.items() if isinstance(v, QImage)}
        self._images = {k: v for k, v in self._images.items() if isinstance(v, QImage)}

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Block until the background loads are done (tests and screenshots)."""
        return self._pool.waitForDone(msecs)

    def stop(self) -> None:
        """At quit: start no more loads and drop the queued ones, without waiting for those
        running (a download in them is cut by the cache's ``stop``)."""
        self._stopped = True
        self._pool.clear()

    def idle(self) -> bool:
        """Whether no load is running now."""
        return self._pool.activeThreadCount() == 0

    # -- smileys

    def _smiley_image(self, key: str) -> QImage | None:
        if self._smiley_lookup is not None:
            found = self._smiley_lookup(key)
            if found is not None and not found.isNull():
                return found
        state = self._smileys.get(key)
        if isinstance(state, QImage):
            return state
        if state is not None or self.cache is None:
            return None
        item = self.cache.lookup_smiley(key)
        image = decode(item.data) if item.cached else None
        if image is not None:
            self._smileys[key] = image
            return image
        self._smileys[key] = item.status if item.status != "cached" else INVALID
        if item.status == MISSING and self._online():
            self._smileys[key] = LOADING
            self._start(f"smiley:{key}", lambda: self._download_smiley(key))
        return None

    def _download_smiley(self, key: str) -> tuple[QImage | None, str]:
        from ..media import smiley_ref

        self.cache.fetch([smiley_ref(key)])
        item = self.cache.lookup_smiley(key)
        image = decode(item.data) if item.cached else None
        return image, (item.status if image is None else "cached")

    # -- images

    def _image_state(self, url: str) -> QImage | str:
        state = self._images.get(url)
        if state is not None:
            return state
        if self.cache is None:
            self._images[url] = MISSING
            return MISSING
        online = self._online()
        known = self.cache.lookup(url, load=False)  # one index row: no bytes, no network
        if not known.cached and (not online or known.status != MISSING):
            self._images[url] = known.status  # a placeholder right away, nothing to wait for
            return known.status
        self._images[url] = LOADING
        self._start(url, lambda: self._load_image(url, online))
        return LOADING

    def _load_image(self, url: str, online: bool) -> tuple[QImage | None, str]:
        item = self.cache.lookup(url, load=False)
        if not item.cached and item.status == MISSING and online:
            self.cache.fetch([url])
            item = self.cache.lookup(url, load=False)
        if not item.cached:
            return None, item.status
        if item.thumbnail is not None:
            image = decode(path=str(item.thumbnail))
        else:
            image = decode(self.cache.lookup(url).data)
        return image, ("cached" if image is not None else INVALID)

    def full_image(self, url: str) -> QImage | None:
        """The full-size cached picture (not the thumbnail), decoded now; None if not cached."""
        if self.cache is None:
            found = self._image_lookup(url) if self._image_lookup else None
            return found
        item = self.cache.lookup(url)
        return decode(item.data) if item.cached else None

    def _fit(self, url: str, image: QImage, max_width: int) -> QImage:
        key = (url, max_width)
        scaled = self._scaled.get(key)
        if scaled is None:
            scaled = image
            if scaled.width() > max_width:
                scaled = scaled.scaledToWidth(max_width, Qt.TransformationMode.SmoothTransformation)
            if scaled.height() > MAX_IMAGE_HEIGHT:
                scaled = scaled.scaledToHeight(MAX_IMAGE_HEIGHT,
                                               Qt.TransformationMode.SmoothTransformation)
            self._scaled[key] = scaled
        return scaled

    # -- background work

    def _start(self, key: str, fn: Callable[[], tuple[QImage | None, str]]) -> None:
        if not self._stopped:
            self._pool.start(_Load(fn, key, self._relay))

    def _arrived(self, key: str, image: QImage | None, status: str) -> None:
        if key.startswith("smiley:"):
            self._smileys[key[7:]] = image if image is not None else status
        else:
            self._images[key] = image if image is not None else status
        self._scaled = {k: v for k, v in self._scaled.items() if k[0] != key}
        self.picture_arrived.emit(key)

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

    @staticmethod
    def placeholder_title(status: str) -> str:
        kind = status.split(":", 1)[0]
        if kind == LOADING:
            return QCoreApplication.translate("ImageSource", "Loading image…")
        if kind == GONE:
            return QCoreApplication.translate("ImageSource", "Image no longer online")
        if kind == INVALID:
            return QCoreApplication.translate("ImageSource", "Image cannot be shown")
        return QCoreApplication.translate("ImageSource", "Image not cached")

    def _image_placeholder(self, url: str, status: str, colors: CardColors,
                           font: QFont) -> QImage:
        title = self.placeholder_title(status)
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
