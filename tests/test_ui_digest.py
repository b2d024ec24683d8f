"""The Digest and Gallery pages in the window: they draw what the thread holds (pixels of the
chart and of the thumbnails), their clicks jump to the right post, and Back returns to the page
the jump was made from."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from media_server import MediaServer, Reply, png_bytes
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from support import write_thread

from reader.media import ORIGIN_ENV

BIG_TID = 2130813
SHOTS = Path("/tmp/s1reader-shots")


def _colour_count(image: QImage, colour: str, rect=None, tolerance: int = 10) -> int:
    want = QColor(colour)
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    r = rect or image.rect()
    n = 0
    for y in range(max(0, r.top()), min(image.height(), r.bottom() + 1)):
        for x in range(max(0, r.left()), min(image.width(), r.right() + 1)):
            c = QColor(image.pixel(x, y))
            if (abs(c.red() - want.red()) <= tolerance and abs(c.green() - want.green()) <= tolerance
                    and abs(c.blue() - want.blue()) <= tolerance):
                n += 1
    return n


def _open_digest(window, qtbot):
    flow = window.digest_flow
    window.actions["digest"].trigger()
    assert window.current_page() == "digest"
    qtbot.waitUntil(lambda: flow.panel.digest is not None, timeout=20000)
    qtbot.wait(20)
    return flow.panel


def test_the_digest_page_shows_the_big_thread_and_its_clicks_jump(library_home, make_window, qtbot):
    window = make_window(BIG_TID, floor=12000)
    window.resize(1280, 900)
    assert window.view.top_floor() == 12000
    panel = _open_digest(window, qtbot)
    digest = panel.digest
    assert digest.tid == BIG_TID and digest.posts == 30232
    assert "30,232" in panel.summary.text() and "632" in panel.summary.text()
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "digest_page.png"))

    # the chart: one bar a day, blue before the reader's place, orange (unread) after it, the
    # red line of the position on the day of floor 12000
    chart = panel.chart
    # a continuous axis: 70 days from the first post to the last, 6 of them without posts
    days = (digest.per_day[-1].start - digest.per_day[0].start).days + 1
    assert len(chart.columns) == days == 70
    assert sum(1 for c in chart.columns if c.posts) == len(digest.per_day) == 64
    assert sum(c.posts for c in chart.columns) == 30232
    colors = window.colors
    shot = chart.grab().toImage()
    busiest = max(range(len(chart.columns)), key=lambda i: chart.columns[i].posts)
    position = chart.column_for_floor(12000)
    assert 0 < position < busiest or busiest < position
    day_of_12000 = next(b for b in reversed(digest.per_day) if b.first_floor <= 12000).start
    assert chart.columns[position].start == day_of_12000
    plot = chart._plot()
    dpr = shot.devicePixelRatio()

    def band(i: int, top_fraction: float = 0.0):
        r = chart.column_rect(i)
        y0 = r.top() + r.height() * top_fraction
        from PySide6.QtCore import QRect

        return QRect(int((r.left() + 1) * dpr), int(y0 * dpr), max(1, int((r.width() - 2) * dpr)),
                     int((r.bottom() - y0) * dpr))

    read_bar = max(range(position), key=lambda i: chart.columns[i].posts)
    unread_bar = max(range(position + 1, len(chart.columns)), key=lambda i: chart.columns[i].posts)
    assert _colour_count(shot, colors.link, band(read_bar), 60) > 10
    assert _colour_count(shot, colors.op_badge, band(unread_bar), 60) > 10
    assert _colour_count(shot, colors.link, band(unread_bar), 30) == 0
    # the busiest bar reaches the upper part of the plot, an average one does not
    top_part = band(busiest, 0.0)
    top_part.setHeight(int(plot.height() * 0.25 * dpr))
    assert _colour_count(shot, colors.op_badge if busiest > position else colors.link, top_part, 60) > 5
    line = chart.column_rect(position)
    from PySide6.QtCore import QRect

    assert _colour_count(shot, colors.new_badge, QRect(int(line.left() * dpr), int(plot.top() * dpr),
                                                        int(line.width() * dpr) + 2,
                                                        int(plot.height() * dpr)), 30) > 20

    # hovering a bar tells its day and count
    x = int(chart.column_rect(busiest).center().x())
    qtbot.mouseMove(chart, QPoint(x, int(plot.center().y())))
    qtbot.waitUntil(lambda: chart.hovered == busiest, timeout=2000)
    c = chart.columns[busiest]
    assert c.start.strftime("%Y-%m-%d") in chart.hover_text
    assert str(c.posts) in chart.hover_text

    # a click on the bar reads that day from its first post; Back returns to the digest
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(x, int(plot.bottom()) - 2))
    assert window.current_page() == "posts"
    assert window.view.top_floor() == c.first_floor
    first_of_day = min(b.first_floor for b in digest.per_day if b.start == c.start)
    assert c.first_floor == first_of_day
    window.actions["back"].trigger()
    assert window.current_page() == "digest"
    assert window.view.top_floor() == 12000

    # a post of a list: the most quoted one
    item = panel.most_quoted.topLevelItem(0)
    panel.lists.setCurrentWidget(panel.most_quoted)
    qtbot.wait(10)
    rect = panel.most_quoted.visualItemRect(item)
    qtbot.mouseClick(panel.most_quoted.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() == "posts"
    model = window.view.thread_model
    assert model.floors[window.view.current_row()] == digest.most_quoted[0].floor == 545
    window.actions["back"].trigger()
    assert window.current_page() == "digest" and window.view.top_floor() == 12000
    window.actions["forward"].trigger()
    assert window.current_page() == "posts" and window.view.top_floor() == 545

    # who talks: a click shows only that author's posts
    window.show_page("digest")
    top = digest.authors[0]
    rect = panel.authors.visualItemRect(panel.authors.topLevelItem(0))
    qtbot.mouseClick(panel.authors.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() == "posts"
    assert len(model.ids) == top.posts
    assert {model.author(r) for r in range(len(model.ids))} == {top.name}

    # Thread → Digest again goes back to the posts; the digest is kept, not worked out again
    window.reading.show_all_posts()
    window.actions["digest"].trigger()
    assert window.current_page() == "digest" and panel.digest is digest
    window.actions["digest"].trigger()
    assert window.current_page() == "posts"


def test_the_chart_follows_the_dark_palette_and_a_short_thread_is_per_hour(make_window, qtbot, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    paths = resolve_paths().ensure()
    open_library(paths.db)
    # posts of ten lines: two or three fill the screen, so that reading is by a few floors
    posts = [(n, f"作者{n % 4}", f"2024-3-1 {10 + n // 6}:{n % 6 * 9:02d}",
              "\n".join(f"第{n}楼 第{k}行" for k in range(10))) for n in range(1, 31)]
    f = write_thread(tmp_path / "外野" / "601-01[一天的楼].md", posts, op="作者1")
    assert not import_paths([f]).failed
    window = make_window(601)
    panel = _open_digest(window, qtbot)
    assert panel.digest.hourly
    chart = panel.chart
    assert [c.start for c in chart.columns] == [datetime(2024, 3, 1, h) for h in range(10, 16)]
    assert [c.posts for c in chart.columns] == [5, 6, 6, 6, 6, 1]
    # opened at floor 1: only the posts on screen are read, every bar is unread (orange) and the
    # position line stands on the first
    assert 1 <= window.read_floor < 5 and chart._unread_from() == 0
    light = chart.grab().toImage()
    light.save(str(SHOTS / "chart_hourly_light.png"))
    assert QColor(light.pixel(2, 2)) == QColor(window.colors.card)
    assert _colour_count(light, window.colors.op_badge, tolerance=30) > 5000
    assert _colour_count(light, window.colors.link, tolerance=30) < 200  # the legend's square only
    # read on to floor 24 (the 14:00 bar): the bars before it are read (blue), in the dark palette
    window.view.go_to_floor(24)
    window.set_theme("dark")
    window.show_page("posts")
    window.show_page("digest")
    assert chart.position_floor == 24 and 24 <= window.read_floor < 29 and chart._unread_from() == 4
    dark = chart.grab().toImage()
    dark.save(str(SHOTS / "chart_hourly_dark.png"))
    assert QColor(dark.pixel(2, 2)) == QColor(window.colors.card) and window.colors.dark
    assert _colour_count(dark, "#ffffff", tolerance=2) == 0
    dpr = dark.devicePixelRatio()
    from PySide6.QtCore import QRect

    def bar(i: int) -> QRect:
        r = chart.column_rect(i)
        return QRect(int(r.left() * dpr), int(r.top() * dpr), int(r.width() * dpr), int(r.height() * dpr))

    for i in range(4):
        assert _colour_count(dark, window.colors.link, bar(i), 30) > 1000
        assert _colour_count(dark, window.colors.op_badge, bar(i), 30) == 0
    for i in (4, 5):
        assert _colour_count(dark, window.colors.op_badge, bar(i), 30) > 100
    window.set_theme("light")


# ---------------------------------------------------------------- the gallery

RED = (200, 60, 60)
PHOTO = "https://img.saraba1st.com/forum/202405/01/red.png"
GONE = "https://img.saraba1st.com/forum/202405/01/gone.jpg"
NEVER = "https://p.sda1.dev/1/never.png"


def img(url: str) -> str:
    return f'<img src="{url}" referrerpolicy="no-referrer">'


@pytest.fixture
def server(monkeypatch):
    srv = MediaServer().start()
    srv.serve(PHOTO, Reply(body=png_bytes((400, 300), (*RED, 255))))
    srv.serve(GONE, Reply(404, b"gone", "text/plain"))
    monkeypatch.setenv(ORIGIN_ENV, srv.origin)
    yield srv
    srv.stop()


def test_the_gallery_shows_thumbnails_and_placeholders_and_steps_through_them(server, make_window,
                                                                            qtbot, tmp_path):
    from reader.config import resolve_paths
    from reader.media import MediaCache, MediaSettings
    from reader.store.db import open_library
    from reader.store.importing import import_paths
    from reader.ui.mediaflow import OFFLINE
    from reader.ui.settings import AppSettings

    paths = resolve_paths().ensure()
    open_library(paths.db)
    posts = [(1, "甲", "2024-5-1 10:00", f"晒图\n\n{img(PHOTO)}")]
    posts += [(n, "乙", f"2024-5-1 10:{n:02d}", f"第{n}楼") for n in range(2, 40)]
    posts += [(40, "丙", "2024-5-1 11:00", f"这张没了{img(GONE)}"),
              (41, "丁", "2024-5-1 11:05", f"没下载的{img(NEVER)}")]
    f = write_thread(tmp_path / "外野" / "4301-01[晒图].md", posts, op="甲")
    assert not import_paths([f]).failed
    with MediaCache(paths, MediaSettings(origin=server.origin)) as cache:
        cache.fetch([PHOTO, GONE])
    settings = AppSettings(paths.config)
    settings.set(OFFLINE, "on")
    settings.sync()
    window = make_window(4301)
    gallery = window.digest_flow.gallery
    window.actions["gallery"].trigger()
    assert window.current_page() == "gallery"
    qtbot.waitUntil(lambda: len(gallery.model.images) == 3, timeout=10000)
    assert "3" in gallery.summary.text()
    keys = [i.key for i in gallery.model.images]  # the cache's keys (canonical URLs)
    assert [i.url for i in gallery.model.images] == [PHOTO, GONE, NEVER]
    qtbot.waitUntil(lambda: [gallery.model.status(k) for k in keys] == ["cached", "gone", "missing"],
                    timeout=5000)
    qtbot.wait(50)
    shot = gallery.view.grab().toImage()
    SHOTS.mkdir(exist_ok=True)
    shot.save(str(SHOTS / "gallery_page.png"))
    cells = [gallery.view.visualRect(gallery.model.index(r)) for r in range(3)]
    dpr = shot.devicePixelRatio()

    def scaled(r):
        from PySide6.QtCore import QRect

        return QRect(int(r.left() * dpr), int(r.top() * dpr), int(r.width() * dpr), int(r.height() * dpr))

    red = QColor(*RED).name()
    assert _colour_count(shot, red, scaled(cells[0])) > 5000  # a 150×112 thumbnail
    assert _colour_count(shot, red, scaled(cells[1])) == 0
    placeholder = window.colors.placeholder_bg
    assert _colour_count(shot, placeholder, scaled(cells[1]), 3) > 3000
    assert _colour_count(shot, placeholder, scaled(cells[2]), 3) > 3000
    assert server.total_hits == 2  # the gallery itself asked the network for nothing

    # a click opens the full picture; Next steps to the placeholder of the gone one
    qtbot.mouseClick(gallery.view.viewport(), Qt.MouseButton.LeftButton, pos=cells[0].center())
    viewer = gallery.viewer
    assert viewer is not None and viewer.isVisible()
    assert (viewer.image.width(), viewer.image.height()) == (400, 300)
    assert viewer.info.text().startswith("400 × 300")
    assert viewer.where.text().startswith("1 / 3")
    viewer.next_button.click()
    assert viewer.row == 1 and viewer.url == GONE and viewer.image.width() < 400
    # a placeholder says what it stands for, never its own pixel size as a picture's
    assert "×" not in viewer.info.text()
    assert viewer.info.text() == gallery.model.placeholder_title("gone")
    assert viewer.next_button.isEnabled() and viewer.prev_button.isEnabled()
    viewer.step(1)
    assert viewer.row == 2 and not viewer.next_button.isEnabled()
    assert viewer.info.text() == gallery.model.placeholder_title("missing")
    # Go to post: the post of the third image, and Back returns to the gallery
    viewer.post_button.click()
    assert not viewer.isVisible()
    assert window.current_page() == "posts"
    model = window.view.thread_model
    assert model.floors[window.view.current_row()] == 41
    window.actions["back"].trigger()
    assert window.current_page() == "gallery"


def test_a_gallery_of_5000_images_loads_only_what_is_on_screen(qtbot):
    from reader.media.collect import ThreadImage
    from reader.ui.gallery import GalleryPanel

    at = datetime(2024, 1, 1)
    images = [ThreadImage(f"https://p.sda1.dev/{i}.png", f"https://p.sda1.dev/{i}.png", i + 1, i + 1,
                          "甲", at) for i in range(5000)]
    panel = GalleryPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_images(images)
    qtbot.wait(50)
    model, view = panel.model, panel.view

    def on_screen() -> set[int]:
        area = view.viewport().rect()
        return {r for r in range(len(images)) if view.visualRect(model.index(r)).intersects(area)}

    shown = on_screen()
    assert 10 <= len(shown) <= 60
    assert model.wait_idle()
    qtbot.wait(20)
    assert len(shown) <= model.loads_started <= len(shown) + 10
    assert all(model.status(images[r].key) == "missing" for r in shown)  # placeholders, done
    # a fling to the end: the rows in between are never loaded
    view.scrollToBottom()
    qtbot.wait(50)
    assert model.wait_idle()
    qtbot.wait(20)
    assert view.visible_rows()[1] == 4999
    assert model.loads_started <= 2 * len(shown) + 20
    assert model.status(images[4999].key) == "missing"
    assert model.status(images[2500].key) is None


def test_the_pages_speak_chinese_in_the_chinese_interface(make_window, qtbot):
    from reader.ui.app import _application
    from reader.ui.translation import install_translator

    _application()
    install_translator("zh_CN")
    try:
        window = make_window(start=False)  # an empty library: no thread to digest yet
        titles = [window.pages.tabText(i) for i in range(window.pages.count())]
        assert titles == ["楼层", "摘要", "图集"]
        assert window.actions["digest"].text() == "摘要(&I)"
        window.show_page("digest")
        panel = window.digest_flow.panel
        assert panel.status.text() == "无法生成摘要：请先打开一个帖子"
        assert [panel.lists.tabText(i) for i in range(4)] == ["评分最高", "引用最多", "楼主", "带图长帖"]
        assert panel.chart.tr("Posts per day") == "每日帖数"
    finally:
        install_translator("en")
