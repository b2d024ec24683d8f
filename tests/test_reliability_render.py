"""Hostile post content, shown and exported (issue 16): ``<script>``, ``<iframe>``, ``<style>``,
``javascript:`` and ``file:`` links, ``file:///`` and ``http://127.0.0.1`` image sources, absurd
``width``/``height``, a NUL byte, 3,000 nested quotes. The window renders text only: markup shows
as text, no local file is shown, no request goes anywhere but through the media cache (a second
local server named in the post counts requests: none; a local-network picture is not requested
at all), rows keep a sane height. The exported
HTML page has no active markup and no ``file:`` or ``javascript:`` URL from a post."""

from __future__ import annotations

import re

import pytest
from media_server import MediaServer, Reply, png_bytes
from support import write_thread

from reader.media import ORIGIN_ENV

TID = 4601


@pytest.fixture
def servers(monkeypatch):
    media, tracker = MediaServer().start(), MediaServer().start()
    monkeypatch.setenv(ORIGIN_ENV, media.origin)  # where the media cache fetches from
    yield media, tracker
    media.stop()
    tracker.stop()


def _posts(secret, tracker_origin: str) -> list[tuple[int, str, str, str]]:
    return [
        (1, "甲", "2024-5-1 10:00", '<script>alert("脚本")</script>正文一'
         '<iframe src="file:///etc/passwd"></iframe><style>p{display:none}</style>之后'),
        (2, "乙", "2024-5-1 10:01", '[点我](javascript:alert(1)) <a href="file:///etc/passwd">本地文件</a> '
         '<a href="javascript:alert(2)">脚本链接</a>'),
        (3, "丙", "2024-5-1 10:02", f'本地图\n\n<img src="file://{secret}" width="99999999" height="99999999">'),
        (4, "丁", "2024-5-1 10:03", f'追踪图\n\n<img src="{tracker_origin}/track.png" width="99999999" '
         'height="99999999" referrerpolicy="no-referrer">'),
        (5, "戊", "2024-5-1 10:04", "空字节\x00之后"),
        (6, "己", "2024-5-1 10:05", "<blockquote>" * 3000 + "三千层" + "</blockquote>" * 3000 + "\n回复"),
    ]


@pytest.fixture
def hostile(tmp_path, servers):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths
    from reader.ui.mediaflow import OFFLINE
    from reader.ui.settings import AppSettings

    media, tracker = servers
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes((77, 33), (10, 200, 10, 255)))
    tracker.serve(f"{tracker.origin}/track.png", Reply(body=png_bytes((61, 29))))
    media.serve(f"{tracker.origin}/track.png", Reply(body=png_bytes((61, 29))))
    paths = resolve_paths().ensure()
    open_library(paths.db)
    f = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[敌意内容].md",
                     _posts(secret, tracker.origin), op="甲")
    result = import_paths([f])
    assert not result.failed and len(result.notes) == 1  # the nested quotes, flattened
    settings = AppSettings(paths.config)
    settings.set(OFFLINE, "off")  # online: the media cache may fetch
    settings.sync()
    return media, tracker, secret


def test_the_window_renders_hostile_posts_as_text_only(hostile, make_window, qtbot):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    media, tracker, secret = hostile
    window = make_window(TID)
    window.actions["expand_all_quotes"].trigger()
    model, delegate = window.view.thread_model, window.view.delegate
    docs = {model.post(row).floor: delegate.document(row) for row in range(model.rowCount())}
    assert sorted(docs) == [1, 2, 3, 4, 5, 6]
    assert window.media_flow.images.wait_idle(10_000)
    qtbot.wait(300)
    text = {floor: doc.toPlainText() for floor, doc in docs.items()}
    # markup is text: shown, never acted on
    assert '<script>alert("脚本")' in text[1] and "<iframe" in text[1] and "<style>" in text[1]
    assert "正文一" in text[1] and "之后" in text[1]
    html = docs[1].toHtml()
    assert "<script" not in html and "<iframe" not in html
    assert "本地文件" in text[2] and "脚本链接" in text[2]
    # a NUL byte is dropped from what is drawn, the text around it stays
    assert "\x00" not in text[5] and "空字节" in text[5] and "之后" in text[5]
    assert "三千层" in text[6] and "回复" in text[6]
    # the local file is never shown: its picture (77 x 33) is nowhere in the documents
    image_type = QTextDocument.ResourceType.ImageResource
    local = docs[3].resource(image_type, QUrl(f"image:file://{secret}"))
    assert local is not None and (local.width(), local.height()) != (77, 33)
    # the image named by the post is on a local-network address: never requested, neither
    # directly nor through the media cache (issue 30 item 6)
    assert tracker.total_hits == 0
    assert media.hits_of(f"{tracker.origin}/track.png") == 0
    # absurd width/height attributes are not obeyed: every row is of a sane height
    for row in range(model.rowCount()):
        assert window.view.rowHeight(row) < 2000, model.post(row).floor


def test_the_exported_page_has_no_active_markup_and_no_local_urls(hostile, tmp_path, capsys):
    from reader.cli import main

    media, tracker, secret = hostile
    out = tmp_path / "page.html"
    assert main(["export", str(TID), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<iframe" not in page
    assert page.count("<style") == 1  # the page's own style sheet only
    assert "&lt;script&gt;" in page and "&lt;iframe" in page and "&lt;style&gt;" in page
    urls = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert urls and not [u for u in urls if u.lower().startswith(("javascript:", "file:"))]
    assert "\x00" not in page and "空字节之后" in page
    assert 'width="99999999"' not in page and "99999999" not in page
    assert "三千层" in page and "本地文件" in page and "脚本链接" in page
    assert tracker.total_hits == 0  # exporting requests nothing
