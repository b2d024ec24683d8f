"""Quitting the window (issue 17): the reading position is saved, and a picture download that
hangs on a server that never answers is cut or abandoned, never waited for. How long quitting
takes is measured by ``benchmarks/quit_bench.py``."""

from __future__ import annotations

import socket
import threading

import pytest
from PySide6.QtCore import QThreadPool
from support import write_thread

from reader.media import ORIGIN_ENV
from reader.store import readstate

TID = 7301
PHOTO = "https://img.saraba1st.com/forum/202405/01/stalled.jpg"


class StalledServer:
    """Accepts connections and reads each request, then answers nothing until ``release``."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.origin = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.requests: list[bytes] = []
        self.released = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._hold, args=(conn,), daemon=True).start()

    def _hold(self, conn: socket.socket) -> None:
        with conn:
            self.requests.append(conn.recv(65536))
            self.released.wait()

    def release(self) -> None:
        self.released.set()
        self.sock.close()


@pytest.fixture
def stalled(monkeypatch):
    server = StalledServer()
    monkeypatch.setenv(ORIGIN_ENV, server.origin)
    yield server
    server.release()


def _library(tmp_path) -> None:
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths
    from reader.ui.mediaflow import OFFLINE
    from reader.ui.settings import AppSettings

    paths = resolve_paths().ensure()
    open_library(paths.db)
    posts = [(n, "甲", f"2024-5-1 10:{n:02d}", f"第 {n} 楼") for n in range(1, 40)]
    posts[1] = (2, "乙", "2024-5-1 10:02", f'看图\n\n<img src="{PHOTO}" referrerpolicy="no-referrer">')
    assert not import_paths([write_thread(tmp_path / "外野" / f"{TID}-01[卡住].md",
                                                      posts)]).failed
    settings = AppSettings(paths.config)
    settings.set(OFFLINE, "off")  # online: missing pictures are downloaded as posts are shown
    settings.sync()


def test_quitting_saves_the_position_and_does_not_wait_for_a_stalled_download(
        stalled, make_window, qtbot, tmp_path, monkeypatch):
    _library(tmp_path)
    window = make_window(TID)
    qtbot.waitUntil(lambda: any(b"stalled.jpg" in r for r in stalled.requests), timeout=10_000)
    window.view.go_to_floor(20)
    qtbot.waitUntil(lambda: window.view.top_floor() == 20, timeout=5000)
    joined, waited = [], []
    real_join = threading.Thread.join

    def join(self, timeout=None):
        joined.append(self.name)
        return real_join(self, timeout)

    monkeypatch.setattr(threading.Thread, "join", join)
    monkeypatch.setattr(QThreadPool, "waitForDone",
                        lambda self, *a: waited.append(self) or True)
    window.close()  # closeEvent: the position and settings are written
    window.media_flow.close()  # what quitting runs (QApplication.aboutToQuit)
    # closed while the server still holds the request: the download was neither waited for
    # nor joined; it is abandoned (the process ends without it)
    assert not stalled.released.is_set()
    assert joined == [] and waited == []
    assert window.media_flow.busy()
    assert readstate.get_position(TID).last_floor == 20


def test_quitting_waits_for_an_export_being_written_but_not_for_other_tasks(qtbot):
    from reader.ui.worker import run_task, wait_for_finishing

    release = threading.Event()
    started = [threading.Event(), threading.Event()]
    results: list[str] = []

    def task(n: int, name: str):
        def work():
            started[n].set()
            release.wait()
            return name
        return work

    run_task(task(0, "export"), results.append, results.append, finish_before_exit=True)
    run_task(task(1, "search"), results.append, results.append)
    assert started[0].wait(10) and started[1].wait(10)
    assert wait_for_finishing(timeout=0) is False  # the export is still being written
    release.set()
    assert wait_for_finishing() is True
    qtbot.waitUntil(lambda: sorted(results) == ["export", "search"], timeout=5000)
