"""The program as a process (issue 29): a second start on a library that a window has open brings
that window to the front instead of opening a second one (or says the library is open elsewhere);
the window's process ends right after the window closes, with everything saved."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from support import REPO, write_thread

from reader.ui import instance


def _env(home) -> dict:
    env = dict(os.environ, S1READER_HOME=str(home), PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen",
               S1READER_OFFLINE="1")
    return env


def _library_with_threads(tmp_path):
    from reader.store.importing import import_paths

    paths = [write_thread(tmp_path / "arch" / "外野" / f"{tid}-01[帖{tid}].md",
                          [(1, "甲", "2024-3-1 10:00", "一楼"), (2, "乙", "2024-3-1 10:05", "二楼")], op="甲")
             for tid in (901, 902)]
    assert not import_paths(paths).failed


def test_a_second_start_brings_the_open_window_to_the_front(make_window, qtbot, temp_home, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    _library_with_threads(tmp_path)
    window = make_window(901)
    server = instance.InstanceServer(resolve_paths().db, window)
    assert server.listening()
    server.asked.connect(window.bring_to_front)
    window.showMinimized()
    second = subprocess.Popen([sys.executable, "-m", "reader", "--home", str(temp_home), "--thread", "902"],
                              env=_env(temp_home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
        out, err = second.communicate()
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
    assert second.returncode == 0, err
    assert "already open in a window" in err and "Traceback" not in err
    # the running window came back, opened the thread asked for and says why
    assert not window.isMinimized() and window.isVisible()
    qtbot.waitUntil(lambda: window.tid == 902)
    assert "started again" in window.statusBar().currentMessage()
    server.close()


def test_a_window_that_does_not_answer_is_said(qapp, temp_home, monkeypatch):
    from PySide6.QtNetwork import QLocalServer

    from reader.config import resolve_paths
    from reader.ui import app as app_module

    db = resolve_paths().ensure().db
    silent = QLocalServer()
    assert silent.listen(instance.server_name(db))  # accepts, never answers
    monkeypatch.setattr(instance, "ANSWER_MS", 200)
    shown = []
    monkeypatch.setattr(app_module, "plain_message", lambda *a, **k: shown.append(a[3]))
    try:
        assert app_module.run_gui(str(temp_home)) == 1
    finally:
        silent.close()
    assert shown and "already open in another s1reader window" in shown[0]


def test_different_libraries_have_different_names(tmp_path):
    assert instance.server_name(tmp_path / "a" / "library.sqlite3") != \
        instance.server_name(tmp_path / "b" / "library.sqlite3")


CLOSE_SOON = r"""
import sys
from PySide6.QtCore import QTimer
from reader.ui import mainwindow as M
from reader import cli

start = M.MainWindow.start

def started(self, *a, **k):
    start(self, *a, **k)
    def close():
        self.view.go_to_floor(2)
        self.close()
    QTimer.singleShot(1500, close)

M.MainWindow.start = started
sys.exit(cli.main(["--home", sys.argv[1], "--thread", "901"]))
"""


def test_the_window_process_ends_at_once_with_its_position_and_library_saved(temp_home, tmp_path):
    """The process ends right after the window (no interpreter teardown), and nothing is lost:
    the reading position is in the library, which is whole."""
    from reader.config import resolve_paths
    from reader.store.db import close_library, open_library

    open_library(resolve_paths().ensure().db)
    _library_with_threads(tmp_path)
    close_library()
    run = subprocess.run([sys.executable, "-c", CLOSE_SOON, str(temp_home)], env=_env(temp_home),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    db = resolve_paths().db
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT tid FROM read_state WHERE tid=901").fetchone() == (901,)
    finally:
        con.close()
