"""Render the application icon (reader/resources/icons/s1reader.svg) into the files desktops want.

Writes ``reader/resources/icons/hicolor/NxN/apps/s1reader.png`` (the freedesktop hicolor sizes, also
used by the window icon), ``s1reader.ico`` (Windows build) and ``s1reader.icns`` (macOS build).
Run it after changing the SVG and commit the results:
``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make-icons.py``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "reader" / "resources" / "icons"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return Image.open(io.BytesIO(bytes(buf.data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "s1reader.svg"))
    if not renderer.isValid():
        print("make-icons: the SVG does not load", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in HICOLOR_SIZES}
    for size, img in images.items():
        out = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "s1reader.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        img.save(out, optimize=True)
    images[256].save(ICONS / "s1reader.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    images[512].save(ICONS / "s1reader.icns")
    print(f"make-icons: {len(images)} PNG sizes, .ico and .icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
