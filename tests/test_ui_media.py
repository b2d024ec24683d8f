"""Pictures in the window against a real HTTP server on 127.0.0.1: placeholders while nothing is
cached, "Download images of this thread" with progress, smileys inline at text height after it,
background loading of an image when online, the full-size viewer, the offline toggle."""

from __future__ import annotations

from pathlib import Path

import pytest
from media_server import MediaServer, Reply, png_bytes
from PySide6.QtGui import QColor, QFontMetrics, QImage
from support import write_thread

from reader.media import ORIGIN_ENV

TID = 4201
SMILEY_KEY = "face2017/067.png"
SMILEY = "https://static.saraba1st.com/image/smiley/face2017/067.png"
PHOTO = "https://img.saraba1st.com/forum/202211/22/photo.png"
GONE = "https://img.saraba1st.com/forum/202211/22/deleted.jpg"
RED = (200, 60, 60)
SHOTS = Path("/tmp/s1reader-shots")


def img(url: str) -> str:
    return f'<img src="{url}" referrerpolicy="no-referrer">'


@pytest.fixture
def server(monkeypatch):
    srv = MediaServer().start()
    srv.serve(SMILEY, Reply(body=png_bytes((24, 24), (*RED, 255))))
    srv.serve(PHOTO, Reply(body=png_bytes((300, 200), (40, 120, 200, 255))))
    srv.serve(GONE, Reply(404, b"gone", "text/plain"))
    monkeypatch.setenv(ORIGIN_ENV, srv.origin)
    yield srv
    srv.stop()


def _library(tmp_path: Path, offline: str) -> None:
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths
    from reader.ui.mediaflow import OFFLINE
    from reader.ui.settings import AppSettings

    paths = resolve_paths().ensure()
    open_library(paths.db)
    f = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[表情测试].md", [
        (1, "甲", "2024-5-1 10:00", f"笑死{img(SMILEY)}我了{img(SMILEY)}"),
        (2, "乙", "2024-5-1 10:05", f"看图\n\n{img(PHOTO)}"),
        (3, "丙", "2024-5-1 10:09", f"这张没了\n\n{img(GONE)}"),
    ], op="甲")
    assert not import_paths([f]).failed
    settings = AppSettings(paths.config)
    settings.set(OFFLINE, offline)
    settings.sync()


def _red_pixels(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    n = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            if abs(c.red() - RED[0]) < 12 and abs(c.green() - RED[1]) < 12 and abs(c.blue() - RED[2]) < 12:
                n += 1
    return n


def test_prefetch_then_smileys_inline_and_placeholders(server, make_window, qtbot, tmp_path):
    _library(tmp_path, offline="on")
    window = make_window(TID)
    flow = window.media_flow
    images = flow.images
    assert window.actions["offline_mode"].isChecked()
    assert images.wait_idle()
    qtbot.wait(50)
    assert images.status(PHOTO) == "missing"  # offline and never cached: the placeholder
    before = window.view.grab().toImage()
    assert _red_pixels(before) == 0
    assert server.total_hits == 0  # offline: not one request

    # go online and download the thread's pictures (progress dialog, then a summary)
    window.actions["offline_mode"].trigger()
    assert not flow.cache.offline
    with qtbot.waitSignal(flow.prefetched, timeout=10000) as blocker:
        window.actions["download_images"].trigger()
    summary = blocker.args[0]
    # the view, now online, may already have loaded the visible picture in the background
    assert summary.downloaded + summary.already == 2 and summary.gone == 1
    assert server.hits_of(SMILEY) == 1 and server.hits_of(PHOTO) == 1  # each fetched once
    images.wait_idle()
    qtbot.waitUntil(lambda: images.status(PHOTO) == "cached", timeout=5000)
    qtbot.wait(100)

    # the smiley is inline at text height, and the view shows it (red pixels where there were none)
    line = QFontMetrics(window.view.delegate.font).lineSpacing()
    smiley = images.smiley(SMILEY_KEY, line, window.view.delegate.colors, window.view.delegate.font)
    assert smiley.height() == line
    after = window.view.grab().toImage()
    SHOTS.mkdir(exist_ok=True)
    after.save(str(SHOTS / "media_after_prefetch.png"))
    before.save(str(SHOTS / "media_before_prefetch.png"))
    assert _red_pixels(after) > 20
    assert after != before
    assert images.status(GONE) == "gone"  # 404: a clear placeholder, not a broken icon

    # the full-size viewer opens on a click of the image link
    window.view.delegate.link_activated.emit(f"image:{PHOTO}")
    viewer = flow.viewer
    assert viewer is not None and viewer.isVisible()
    assert (viewer.image.width(), viewer.image.height()) == (300, 200)
    viewer.zoom_in()
    assert viewer.zoom > 1.0
    viewer.close()


def test_online_view_loads_an_image_in_the_background(server, make_window, qtbot, tmp_path):
    _library(tmp_path, offline="off")
    window = make_window(TID)
    images = window.media_flow.images
    model = window.view.thread_model
    row = model.row_for_floor(2)
    h_before = window.view.rowHeight(row)
    qtbot.waitUntil(lambda: images.status(PHOTO) == "cached", timeout=8000)
    qtbot.waitUntil(lambda: window.view.rowHeight(row) != h_before, timeout=3000)
    assert window.view.rowHeight(row) > h_before  # the 200 px picture replaced the 96 px box
    assert server.hits_of(PHOTO) == 1


def test_auto_mode_starts_offline_and_goes_online_when_the_probe_succeeds(server, make_window,
                                                                          qtbot, tmp_path):
    _library(tmp_path, offline="auto")
    window = make_window(TID)
    # the probe asks the origin override (the local server), never the real forum
    qtbot.waitUntil(lambda: not window.media_flow.cache.offline, timeout=5000)
    assert not window.actions["offline_mode"].isChecked()


def test_download_can_be_cancelled(server, make_window, qtbot, tmp_path):
    slow = [f"https://img.saraba1st.com/forum/202211/22/slow{i}.png" for i in range(6)]
    for url in slow:
        server.serve(url, Reply(body=png_bytes((10, 10)), delay=0.4))
    _library(tmp_path, offline="off")
    from reader.store.importing import import_paths

    f = write_thread(tmp_path / "arch" / "外野" / "4202-01[慢图].md",
                     [(1, "甲", "2024-5-2 10:00", "".join(img(u) for u in slow))], op="甲")
    assert not import_paths([f]).failed
    window = make_window(4202)
    flow = window.media_flow
    with qtbot.waitSignal(flow.prefetched, timeout=10000) as blocker:
        assert flow.download_thread_images()
        qtbot.waitUntil(lambda: flow.progress is not None, timeout=3000)
        flow.progress.canceled.emit()  # the Cancel button
    summary = blocker.args[0]
    assert summary.cancelled
    assert not flow.running and flow.progress is None
