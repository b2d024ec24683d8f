"""Picture downloads end within their deadline (issue 30 item 7): a server that sends a picture one
byte at a time, or its headers so, cannot hold a download (and its host's slot) for longer than
``answer_timeout`` / ``media prefetch --timeout``."""

from __future__ import annotations

import json

import pytest
from hostile_server import DripServer, http_answer
from media_server import png_bytes
from support import write_thread

from reader.cli import main
from reader.config import resolve_paths
from reader.media import ORIGIN_ENV, MediaCache, MediaSettings
from reader.store.db import close_library

PHOTO = "https://img.saraba1st.com/forum/202601/01/slow.png"


@pytest.mark.parametrize("slow", ["headers", "body"])
def test_a_dripping_picture_ends_at_its_deadline(tmp_path, slow):
    head, body = http_answer(png_bytes(), "image/png")
    with DripServer(head, body, slow, 0.1) as server:
        settings = MediaSettings(origin=f"http://127.0.0.1:{server.port}", attempts=2, backoff=0.01,
                                 answer_timeout=0.5)
        with MediaCache(resolve_paths(tmp_path / "home").ensure(), settings) as cache:
            summary = cache.fetch([PHOTO])
            assert (summary.downloaded, summary.missing) == (0, 1)
            assert "timed out" in next(iter(summary.errors.values()))
            assert not cache.lookup(PHOTO).cached
        assert server.requests == 2  # tried again once, each try cut at its deadline


def test_media_prefetch_timeout(tmp_path, capsys, monkeypatch):
    head, body = http_answer(png_bytes(), "image/png")
    write_thread(tmp_path / "arch" / "外野" / "42-01[慢图].md",
                 [(1, "甲", "2024-5-1 8:00", f'<img src="{PHOTO}" referrerpolicy="no-referrer">')])
    assert main(["import", "-q", str(tmp_path / "arch")]) == 0
    capsys.readouterr()
    with DripServer(head, body, "body", 0.1) as server:
        monkeypatch.setenv(ORIGIN_ENV, f"http://127.0.0.1:{server.port}")
        code = main(["media", "prefetch", "42", "--timeout", "0.4", "--json", "-q"])
        out, _ = capsys.readouterr()
    close_library()
    summary = json.loads(out)
    assert code == 3 and (summary["downloaded"], summary["missing"]) == (0, 1)
