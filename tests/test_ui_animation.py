"""Animated smileys play in the thread view (frames swapped in place), and the setting stops them."""

from __future__ import annotations

from pathlib import Path

import pytest
from media_server import MediaServer, Reply, animated_gif_bytes
from PySide6.QtGui import QColor, QImage
from support import write_thread

from reader.media import ORIGIN_ENV

TID = 9300
GIF = "https://static.stage1st.com/image/smiley/face2017/111.gif"


@pytest.fixture
def server(monkeypatch):
    srv = MediaServer().start()
    srv.serve(GIF, Reply(body=animated_gif_bytes(frames=2, size=(24, 24)), content_type="image/gif"))
    monkeypatch.setenv(ORIGIN_ENV, srv.origin)
    yield srv
    srv.stop()


def _library(tmp_path: Path) -> None:
    from reader.config import resolve_paths
    from reader.media import MediaCache, MediaSettings
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    paths = resolve_paths().ensure()
    open_library(paths.db)
    f = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[动图].md", [
        (1, "甲", "2024-5-1 10:00", f'动起来<img src="{GIF}" referrerpolicy="no-referrer">了'),
    ], op="甲")
    assert not import_paths([f]).failed
    cache = MediaCache(paths, MediaSettings(offline=False))
    assert cache.fetch([GIF]).downloaded == 1
    cache.close()


def _colours(image: QImage) -> set[str]:
    """Which of the GIF's two frame colours (red, green) appear in the image."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    seen = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            if c.red() > 200 and c.green() < 70 and c.blue() < 70:
                seen.add("red")
            elif c.green() > 170 and c.red() < 70 and c.blue() < 70:
                seen.add("green")
    return seen


def test_animated_smiley_plays_and_the_setting_stops_it(server, make_window, qtbot, tmp_path):
    _library(tmp_path)
    window = make_window(TID)
    anim = window.smiley_animation
    assert anim.enabled and window.actions["animate_smileys"].isChecked()
    line = window.view.delegate.line_height()
    frames = anim.frames("face2017/111.gif", line)
    assert frames is not None and len(frames) == 2 and frames[0][0].height() == line
    seen: set[str] = set()
    for _ in range(12):  # 2 frames of 100 ms: both show within ~half a second
        qtbot.wait(60)
        seen |= _colours(window.view.grab().toImage())
    assert seen == {"red", "green"}
    window.actions["animate_smileys"].trigger()  # off: the first frame stays
    assert not anim.enabled
    qtbot.wait(50)
    still = set()
    for _ in range(6):
        qtbot.wait(60)
        still |= _colours(window.view.grab().toImage())
    assert still == {"red"}
