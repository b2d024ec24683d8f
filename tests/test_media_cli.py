"""``s1reader media prefetch`` and ``media stats`` on a small imported library and a local server."""

from __future__ import annotations

import json

import pytest
from media_server import MediaServer, Reply, animated_gif_bytes, png_bytes
from support import write_thread

from reader.cli import main
from reader.media import ORIGIN_ENV
from reader.store.db import close_library

SMILEY_A = "https://static.saraba1st.com/image/smiley/face2017/067.png"
SMILEY_B = "https://static.stage1st.com/image/smiley/carton2017/010.gif"
SMILEY_A_ALIAS = "httphttps://static.stage1st.com/image/smiley/face2017/067.png"
PHOTO = "https://img.saraba1st.com/forum/202211/22/photo.png"
GONE = "https://p.sda1.dev/7/deleted.jpg"
OTHER_THREAD_IMG = "https://i.loli.net/2023/01/01/other.png"


def img(url: str) -> str:
    return f'<img src="{url}" referrerpolicy="no-referrer">'


@pytest.fixture
def server():
    srv = MediaServer().start()
    srv.serve(SMILEY_A, Reply(body=png_bytes()))
    srv.serve(SMILEY_B, Reply(body=animated_gif_bytes(2), content_type="image/gif"))
    srv.serve(PHOTO, Reply(body=png_bytes((120, 80))))
    srv.serve(GONE, Reply(404, b"", "text/plain"))
    srv.serve(OTHER_THREAD_IMG, Reply(body=png_bytes((5, 5))))
    yield srv
    srv.stop()


@pytest.fixture
def home(tmp_path, monkeypatch, server):
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv(ORIGIN_ENV, server.origin)
    monkeypatch.delenv("S1READER_OFFLINE", raising=False)
    arch = tmp_path / "arch" / "外野"
    write_thread(arch / "42-01[表情测试].md", [
        (1, "楼主君", "2024-5-1 8:00", f"开帖{img(SMILEY_A)}\n\n{img(PHOTO)}"),
        (2, "路人", "2024-5-1 8:03",
         "<blockquote>楼主君 发表于 2024-5-1 8:00\n开帖 ...</blockquote>\n"
         f"<strong>回复{img(SMILEY_B)}</strong>{img(SMILEY_A_ALIAS)}{img(GONE)}"),
    ], op="楼主君")
    write_thread(arch / "43-01[另一帖].md", [(1, "甲", "2024-6-1 9:00", f"图{img(OTHER_THREAD_IMG)}")])
    assert main(["import", "-q", str(tmp_path / "arch")]) == 0
    yield tmp_path / "home"
    close_library()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_prefetch_thread_then_resume_then_stats(home, server, capsys):
    capsys.readouterr()
    code, out, err = run(capsys, "media", "prefetch", "42", "--json")
    assert code == 0, err
    s = json.loads(out)
    assert (s["total"], s["downloaded"], s["gone"], s["missing"], s["already_cached"]) == (4, 3, 1, 0, 0)
    assert s["threads"] == [42] and s["offline"] is False
    assert "4/4 pictures" in err  # progress on stderr
    assert server.hits_of(OTHER_THREAD_IMG) == 0

    # resumable: a second run skips what is cached and what is gone
    code, out, _ = run(capsys, "media", "prefetch", "42", "--json")
    s = json.loads(out)
    assert (s["already_cached"], s["gone"], s["downloaded"], s["requests"]) == (3, 1, 0, 0)
    assert server.total_hits == 4

    code, out, _ = run(capsys, "media", "stats", "--json")
    st = json.loads(out)
    assert (st["cached"], st["cached_smileys"], st["cached_images"], st["gone"]) == (3, 2, 1, 1)
    assert (st["referenced"], st["missing"], st["missing_smileys"]) == (5, 1, 0)
    assert st["bytes"] > 0 and st["http_cache_bytes"] > 0


def test_prefetch_all_smileys_only_and_offline(home, server, capsys):
    capsys.readouterr()
    code, out, _ = run(capsys, "media", "--offline", "prefetch", "--all", "--json")
    s = json.loads(out)
    assert code == 3 and s["offline"] is True
    assert (s["total"], s["missing"], s["requests"]) == (5, 5, 0)
    assert server.total_hits == 0

    code, out, _ = run(capsys, "media", "prefetch", "--all", "--smileys-only", "--json", "-q")
    s = json.loads(out)
    assert code == 0 and (s["total"], s["downloaded"]) == (2, 2)
    assert server.hits_of(PHOTO) == 0

    code, out, _ = run(capsys, "media", "prefetch", "--all", "--offline", "--json")
    s = json.loads(out)
    assert (s["already_cached"], s["missing"], s["requests"]) == (2, 3, 0)
    assert server.total_hits == 2


def test_prefetch_plain_text_and_errors(home, server, capsys):
    capsys.readouterr()
    code, out, _ = run(capsys, "media", "prefetch", "43", "-q")
    assert code == 0 and out.startswith("1 pictures: 0 already cached, 1 downloaded")
    code, _, err = run(capsys, "media", "prefetch")
    assert code == 1 and "--all" in err
    code, _, err = run(capsys, "media", "prefetch", "999")
    assert code == 1 and "999" in err
