"""Pictures pasted into a post (issue 24): the archive keeps them in the post as data URLs
(``<img src="http://data:image/jpeg;base64,…">``). The post is stored whatever the size of its
pictures (hostile text is still bounded), the pictures are decoded locally with the caps of
downloaded ones, shown in the thread and the gallery, a broken one as a placeholder, and
``s1reader images`` never lists them as missing."""

from __future__ import annotations

import base64
import io
import json

import pytest
from PIL import Image as PILImage
from PySide6.QtGui import QColor, QImage
from support import write_thread

from reader.media.inline import decode_inline
from reader.media.validate import InvalidImage
from reader.parse import parse_text
from reader.parse.model import Image
from reader.parse.thread import MAX_POST_CHARS, MAX_POST_WITH_PICTURES_CHARS
from reader.parse.walk import walk

TID = 4401
RED = (200, 60, 60)


def _jpeg(size: tuple[int, int], colour=RED, noise: bool = False) -> bytes:
    img = PILImage.new("RGB", size, colour)
    if noise:  # big on disk, like a photo: random pixels do not compress
        import random

        rnd = random.Random(7)
        img.putdata([(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
                     for _ in range(size[0] * size[1])])
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95)
    return out.getvalue()


def pasted(data: bytes, kind: str = "jpeg") -> str:
    """The tag as the archive writes a pasted picture."""
    b64 = base64.b64encode(data).decode("ascii")
    return (f'<img src="http://data:image/{kind};base64,{b64}" id="aimg_x" lazyloadthumb="1" '
            f'onclick="zoom(this, this.src, 0, 0, 0)">')


def _thread(*bodies: str) -> str:
    return "".join(f"*****\n\n####  甲{n}  \n##### {n}#       发表于 2024-5-1 10:0{n}\n\n{b}\n\n"
                   for n, b in enumerate(bodies, 1))


def test_a_post_with_big_pasted_pictures_is_read_whole_and_hostile_text_still_skipped():
    photo = pasted(_jpeg((420, 320), noise=True))
    assert len(photo) > MAX_POST_CHARS  # as post #184 of 2177168: 234,828 characters
    tf = parse_text(_thread(f"看这张图\n\n{photo}\n\n图后面的字", "长" * (MAX_POST_CHARS + 1)),
                    "外野/4401-01[t].md")
    assert [p.floor for p in tf.posts] == [1]
    images = [n for n, _ in walk(tf.posts[0].blocks) if isinstance(n, Image)]
    assert len(images) == 1 and images[0].url.startswith("data:image/jpeg;base64,/9j/")
    text = "".join(getattr(n, "text", "") for n, _ in walk(tf.posts[0].blocks))
    assert "看这张图" in text and "图后面的字" in text and "base64" not in text
    assert [n.skipped for n in tf.notes] == [True]  # the 200,001 characters of text
    # a post beyond any real size, pictures or not, is still skipped with its line
    huge = "data:image/png;base64," + "A" * MAX_POST_WITH_PICTURES_CHARS
    tf = parse_text(_thread("正常", f'<img src="http://{huge}">'), "外野/4401-01[t].md")
    assert [p.floor for p in tf.posts] == [1] and "a post with its pictures" in tf.notes[0].message


def test_pasted_pictures_are_decoded_with_the_caps_of_downloaded_ones():
    data, info = decode_inline(f"http://data:image/jpeg;base64,{base64.b64encode(_jpeg((40, 30))).decode()}")
    assert (info.format, info.width, info.height) == ("JPEG", 40, 30) and data[:2] == b"\xff\xd8"
    with pytest.raises(InvalidImage):
        decode_inline("data:image/png;base64,bm90IGEgcGljdHVyZQ==")  # "not a picture"
    with pytest.raises(InvalidImage, match="bomb"):
        decode_inline("data:image/jpeg;base64," + base64.b64encode(_jpeg((400, 300))).decode(),
                      max_pixels=1000)
    with pytest.raises(InvalidImage, match="too large"):
        decode_inline("data:image/jpeg;base64," + base64.b64encode(_jpeg((400, 300))).decode(),
                      max_bytes=100)


def _library(tmp_path, home_cli: bool = False):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    paths = resolve_paths().ensure()
    open_library(paths.db)
    f = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[贴图].md", [
        (1, "甲", "2024-5-1 10:00", f"直接粘贴的图\n\n{pasted(_jpeg((300, 200), noise=True))}"),
        (2, "乙", "2024-5-1 10:05", f"坏掉的图{pasted(b'not a picture at all', 'png')}"),
        (3, "丙", "2024-5-1 10:09", "三楼"),
    ], op="甲")
    r = import_paths([f])
    assert not r.failed and not r.notes and r.posts_added == 3
    return paths


def test_images_command_lists_pasted_pictures_as_inline_never_missing(temp_home, tmp_path, capsys):
    from reader.cli import main
    from reader.store.db import close_library

    _library(tmp_path)
    close_library()
    assert main(["images", str(TID), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(i["floor"], i["status"]) for i in out["images"]] == [(1, "inline"), (2, "invalid")]
    assert all(i["url"].startswith("[pasted ") and len(i["url"]) < 40 for i in out["images"])
    assert main(["images", str(TID)]) == 0
    text = capsys.readouterr().out
    assert "missing" not in text and "base64" not in text and "inline" in text
    # nothing to download: the media commands never ask the network for them
    assert main(["media", "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["referenced"] == 0


def _reds(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if all(abs(a - b) < 14 for a, b in zip(QColor(image.pixel(x, y)).getRgb()[:3], RED,
                                                      strict=True)))


def test_the_thread_and_the_gallery_show_pasted_pictures_offline(make_window, qtbot, tmp_path):
    from reader.ui.mediaflow import OFFLINE
    from reader.ui.settings import AppSettings

    paths = _library(tmp_path)
    settings = AppSettings(paths.config)
    settings.set(OFFLINE, "on")  # offline: the pictures are in the posts themselves
    settings.sync()
    window = make_window(TID)
    images = window.media_flow.images
    from reader.media.collect import thread_images

    found = thread_images(TID)
    assert [i.floor for i in found] == [1, 2]
    good, bad = found[0].url, found[1].url
    qtbot.waitUntil(lambda: images.status(good) == "cached", timeout=10000)
    qtbot.waitUntil(lambda: images.status(bad) == "invalid", timeout=10000)
    # the gallery: the pasted picture as a thumbnail, the broken one a placeholder
    gallery = window.digest_flow.gallery
    window.actions["gallery"].trigger()
    qtbot.waitUntil(lambda: len(gallery.model.images) == 2, timeout=10000)
    keys = [i.key for i in gallery.model.images]
    qtbot.waitUntil(lambda: [gallery.model.status(k) for k in keys] == ["cached", "invalid"],
                    timeout=10000)


def test_a_flat_red_pasted_picture_is_painted_in_the_thread(make_window, qtbot, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    paths = resolve_paths().ensure()
    open_library(paths.db)
    f = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[贴图].md", [
        (1, "甲", "2024-5-1 10:00", f"红色的图\n\n{pasted(_jpeg((300, 200)))}")], op="甲")
    assert not import_paths([f]).failed
    assert paths.db.exists()
    window = make_window(TID)
    images = window.media_flow.images
    from reader.media.collect import thread_images

    url = thread_images(TID)[0].url
    qtbot.waitUntil(lambda: images.status(url) == "cached", timeout=10000)
    qtbot.waitUntil(lambda: _reds(window.view.grab().toImage()) > 2000, timeout=10000)


def test_the_html_export_carries_pasted_pictures_checked_and_names_broken_ones(temp_home, tmp_path,
                                                                              capsys):
    from reader.cli import main
    from reader.store.db import close_library

    _library(tmp_path)
    close_library()
    out = tmp_path / "page.html"
    assert main(["export", str(TID), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count('src="data:image/jpeg;base64,/9j/') == 1  # the good one, embedded
    assert "[pasted " in page and "bm90IGEgcGljdHVyZSBhdCBhbGw" not in page  # the broken, named
    assert "http://data:" not in page
