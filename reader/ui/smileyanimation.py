"""Animated smileys: the frames of animated GIF smileys, played in the posts on screen.

Smileys are laid out once as still images (the first frame). An animated one keeps all its
frames (decoded once from the cache's bytes, scaled to the text height); one timer picks, for
each smiley on screen, the frame due now and swaps it into the laid-out documents of the visible
posts, then repaints the viewport. Frames have the size of the first one, so nothing is laid out
again. View → Animate smileys turns it off (a setting).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QImageReader, QTextDocument

from ..media import MediaCache
from .services import WindowServices
from .settings import Option
from .thread.view import ThreadView

ANIMATE = Option("ui/animate_smileys", int, 1)
TICK_MS = 40
MIN_DELAY_MS = 20  # browsers treat shorter GIF delays as "as fast as allowed"; so do we


def decode_frames(data: bytes, height: int) -> list[tuple[QImage, int]]:
    """Every frame of an animated picture with its delay in ms, scaled to ``height``."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    frames: list[tuple[QImage, int]] = []
    while len(frames) < 500:
        image = reader.read()
        if image.isNull():
            break
        delay = max(MIN_DELAY_MS, reader.nextImageDelay() or 100)
        frames.append((image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation),
                       delay))
    return frames


class SmileyAnimation(QObject):
    """Plays animated smileys in ``view``, with the frames of ``cache`` (the media cache)."""

    def __init__(self, services: WindowServices, view: ThreadView, cache: MediaCache | None) -> None:
        super().__init__(services.parent)
        self.s = services
        self.view = view
        self.cache = cache
        self.enabled = bool(services.settings.get(ANIMATE))
        self._frames: dict[tuple[str, int], list[tuple[QImage, int]] | None] = {}
        self._shown: dict[tuple[int, str], int] = {}  # (id(doc), key) -> frame index shown
        self._start = time.monotonic()
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self.tick)
        if self.enabled:
            self._timer.start()

    def connect_window(self) -> None:
        action = self.s.actions.get("animate_smileys")
        if action is not None:
            action.setChecked(self.enabled)

    def toggle(self) -> None:
        action = self.s.actions.get("animate_smileys")
        self.set_enabled(action.isChecked() if action is not None else not self.enabled)

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.s.settings.set(ANIMATE, int(on))
        if on:
            self._timer.start()
        else:
            self._timer.stop()
            self._show_first_frames()

    def frames(self, key: str, height: int) -> list[tuple[QImage, int]] | None:
        """The frames of smiley ``key`` at ``height``, or None when it is still or not cached."""
        slot = (key, height)
        if slot not in self._frames:
            self._frames[slot] = None
            cache = self.cache
            if cache is not None:
                item = cache.lookup_smiley(key)
                if item.cached and (item.frames or 1) > 1 and item.data:
                    frames = decode_frames(item.data, height)
                    self._frames[slot] = frames if len(frames) > 1 else None
        return self._frames[slot]

    def _visible_docs(self):
        view, delegate = self.view, self.view.delegate
        model = view.thread_model
        if not model.ids:
            return
        top = view.indexAt(view.viewport().rect().topLeft())
        bottom = view.indexAt(view.viewport().rect().bottomLeft())
        first = top.row() if top.isValid() else 0
        last = bottom.row() if bottom.isValid() else min(len(model.ids) - 1, first + 30)
        for row in range(first, last + 1):
            keys = delegate.smileys_in(row)
            if keys:
                doc = delegate.cached_document(row)
                if doc is not None:
                    yield doc, keys

    def tick(self) -> None:
        if not self.enabled or not self.view.isVisible():
            return
        now_ms = int((time.monotonic() - self._start) * 1000)
        height = self.view.delegate.line_height()
        changed = False
        for doc, keys in self._visible_docs():
            for key in keys:
                frames = self.frames(key, height)
                if not frames:
                    continue
                total = sum(d for _, d in frames)
                t = now_ms % total
                index = 0
                while t >= frames[index][1]:
                    t -= frames[index][1]
                    index += 1
                slot = (id(doc), key)
                if self._shown.get(slot) != index:
                    self._shown[slot] = index
                    doc.addResource(QTextDocument.ResourceType.ImageResource,
                                    QUrl(f"smiley:{key}"), frames[index][0])
                    changed = True
        if changed:
            self.view.viewport().update()
        if len(self._shown) > 5000:
            self._shown.clear()

    def _show_first_frames(self) -> None:
        height = self.view.delegate.line_height()
        for doc, keys in self._visible_docs():
            for key in keys:
                frames = self.frames(key, height)
                if frames:
                    doc.addResource(QTextDocument.ResourceType.ImageResource,
                                    QUrl(f"smiley:{key}"), frames[0][0])
        self._shown.clear()
        self.view.viewport().update()
