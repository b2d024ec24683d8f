"""Starting the desktop application: ``run_gui`` opens the main window, or renders it offscreen
to a PNG (``--screenshot``) and exits."""

from __future__ import annotations

import os
import sys

from ..config import resolve_paths
from ..store.db import open_library

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                "WenQuanYi Micro Hei")


def _parse_size(size: str | None) -> tuple[int, int]:
    if size:
        w, _, h = size.lower().partition("x")
        if w.isdigit() and h.isdigit():
            return max(320, int(w)), max(240, int(h))
    return 1280, 860


def _application():
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("s1reader")
        app.setStyle("Fusion")
        installed = set(QFontDatabase.families())
        font = QFont(app.font())
        cjk = [f for f in CJK_FAMILIES if f in installed]
        if cjk:
            font.setFamilies([*cjk, *font.families()])
        if font.pointSizeF() < 10:
            font.setPointSizeF(10)
        app.setFont(font)
    return app


def run_gui(home: str | None, screenshot: str | None = None, thread: int | None = None,
            floor: int | None = None, size: str | None = None) -> int:
    """Open the main window (or, with ``screenshot``, save a PNG of it and exit). Exit code."""
    if screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    paths = resolve_paths(home).ensure()
    open_library(paths.db)
    app = _application()

    from .appicon import app_icon
    from .mainwindow import MainWindow
    from .settings import LANGUAGE, AppSettings
    from .translation import install_translator

    settings = AppSettings(paths.config)
    install_translator(settings.get(LANGUAGE))
    app.setWindowIcon(app_icon())
    window = MainWindow(paths, settings, record_reading=screenshot is None)
    if screenshot:
        return _screenshot(app, window, screenshot, thread, floor, size)
    window.show()
    window.start(thread, floor)
    return app.exec()


def _screenshot(app, window, out: str, thread: int | None, floor: int | None,
                size: str | None) -> int:
    w, h = _parse_size(size)
    window.resize(w, h)
    window.show()
    app.processEvents()
    window.start(thread, floor)
    for _ in range(3):
        app.processEvents()
    if floor:
        window.view.go_to_floor(floor)
    for _ in range(3):
        app.processEvents()
    # cached pictures decode in the background: let them arrive before the grab
    images = getattr(getattr(window, "media_flow", None), "images", None)
    if images is not None and images.wait_idle(5000):
        for _ in range(3):
            app.processEvents()
    ok = window.grab().save(out)
    window.close()
    if not ok:
        print(f"error: could not write {out}", file=sys.stderr)
        return 1
    return 0
