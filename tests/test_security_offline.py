"""Offline means zero connections (issue 18, item 5): with S1READER_OFFLINE=1 the window neither
downloads pictures nor probes the network, and forum refresh obeys View → Offline mode. Real
servers on 127.0.0.1 count every request."""

from __future__ import annotations

import socket

import pytest
from discuz_server import ForumServer
from media_server import MediaServer, Reply, png_bytes
from support import write_thread

from reader.cli import main
from reader.forum.links import BASE_ENV
from reader.media import ORIGIN_ENV
from reader.ui.forumflow import ForumFlow

TID = 4301
PHOTOS = [f"https://img.saraba1st.com/forum/202211/22/p{i}.png" for i in range(8)]
SMILEY = "https://static.saraba1st.com/image/smiley/face2017/067.png"


@pytest.fixture
def connections(monkeypatch):
    """Every TCP connection the process opens (the probe included), as (host, port)."""
    seen: list = []
    real = socket.socket.connect

    def counting(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            seen.append(address)
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", counting)
    return seen


@pytest.fixture
def servers(monkeypatch, tmp_path):
    media = MediaServer().start()
    for url in PHOTOS:
        media.serve(url, Reply(body=png_bytes((40, 30))))
    media.serve(SMILEY, Reply(body=png_bytes((24, 24))))
    monkeypatch.setenv(ORIGIN_ENV, media.origin)
    with ForumServer() as forum:
        monkeypatch.setenv(BASE_ENV, forum.base_url)
        monkeypatch.setattr(ForumFlow, "client_options",
                            {"delay": 0.0, "retries": 1, "backoff": 0.01, "timeout": 5.0})
        yield media, forum
    media.stop()


def _library(tmp_path, mode: str) -> None:
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths
    from reader.ui.mediaflow import OFFLINE
    from reader.ui.settings import AppSettings

    paths = resolve_paths().ensure()
    open_library(paths.db)
    posts = [(1, "甲", "2024-5-1 10:00", f'笑<img src="{SMILEY}" referrerpolicy="no-referrer">')]
    posts += [(n + 2, "乙", f"2024-5-1 10:{n:02d}", f'图\n\n<img src="{u}" referrerpolicy="no-referrer">')
              for n, u in enumerate(PHOTOS)]
    f = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[离线].md", posts, op="甲")
    assert not import_paths([f]).failed
    settings = AppSettings(paths.config)
    settings.set(OFFLINE, mode)
    settings.sync()


@pytest.mark.parametrize("mode", ["off", "auto"])
def test_env_offline_window_makes_no_connection(servers, make_window, qtbot, tmp_path, monkeypatch,
                                                connections, mode):
    media, forum = servers
    _library(tmp_path, mode)
    monkeypatch.setenv("S1READER_OFFLINE", "1")
    window = make_window(TID)
    qtbot.wait(1500)  # time for the background loads and the start-up probe
    assert window.media_flow.cache.offline
    assert not window.media_flow.download_thread_images()
    window.actions["offline_mode"].setChecked(True)  # trigger unchecks it: "go online"
    window.actions["offline_mode"].trigger()
    assert window.media_flow.cache.offline
    window.forum_flow.refresh_thread()
    qtbot.wait(300)
    assert media.total_hits == 0
    assert forum.forum.requests == []
    assert connections == []


def test_refresh_obeys_offline_mode(servers, make_window, qtbot, tmp_path, connections):
    media, forum = servers
    _library(tmp_path, "on")
    window = make_window(TID)
    assert window.forum_flow.refresh_thread() is False
    qtbot.wait(500)
    assert forum.forum.requests == [] and media.total_hits == 0
    assert "Offline" in window.statusBar().currentMessage() or "离线" in window.statusBar().currentMessage()


def test_cli_fetch_obeys_env_offline(servers, monkeypatch, capsys, connections):
    monkeypatch.setenv("S1READER_OFFLINE", "1")
    assert main(["fetch", str(TID)]) == 1
    assert "S1READER_OFFLINE" in capsys.readouterr().err
    assert connections == []
