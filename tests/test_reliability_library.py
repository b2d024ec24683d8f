"""Opening a library that is not ours to change (issue 16): one from a newer s1reader is never
modified (bytes and mtime) and the message says to upgrade; an older one gets its user data saved
beside it, named with date and schema version, before any migration runs, and ``userdata export``
reads it without upgrading it; the window asks first (Upgrade / Export user data… / Quit). A
library whose write lock another program holds is "busy" (exit status 4), never "damaged" and
never a traceback; a command waits for a lock released in time."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time

import pytest
from support import write_thread, written
from test_migrations import _schema5_library

from reader.cli import main
from reader.config import resolve_paths
from reader.store import migrations
from reader.store.db import close_library

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _fingerprint(path):
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns


def _run(capsys, *argv) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def library(tmp_path, capsys):
    """The home's library with one thread and a bookmark, closed."""
    f = write_thread(tmp_path / "arch" / "外野" / "8101-01[可靠].md",
                     [(1, "甲", "2024-1-1 1:00", "一楼"), (2, "乙", "2024-1-1 1:01", "二楼")])
    assert main(["import", "-q", str(f)]) == 0
    assert main(["bookmark", "add", "8101", "2", "--note", "别丢"]) == 0
    close_library()
    capsys.readouterr()
    yield resolve_paths().db, f
    close_library()


@pytest.fixture
def newer(library):
    db, f = library
    con = sqlite3.connect(db)
    con.execute("INSERT INTO schema_version VALUES (?, '2030-01-01 00:00:00')", (migrations.LATEST + 5,))
    con.commit()
    con.close()
    stamp = db.with_name(db.name + ".checked")
    stamp.unlink(missing_ok=True)
    time.sleep(0.01)  # an mtime written by mistake now would differ
    return db, f, stamp


@pytest.mark.parametrize("argv", [["threads"], ["bookmark", "add", "8101", "1"], ["import", "-q", "FILE"],
                                  ["userdata", "export", "OUT"], ["block", "add", "乙"]])
def test_a_library_from_a_newer_version_is_never_modified(newer, capsys, tmp_path, argv):
    db, f, stamp = newer
    before = _fingerprint(db)
    args = [str(f) if a == "FILE" else str(tmp_path / "out.json") if a == "OUT" else a for a in argv]
    rc, out, err = _run(capsys, *args)
    assert rc == 1 and "Traceback" not in err
    assert "newer s1reader" in err and "Upgrade s1reader" in err and "nothing was changed" in err
    assert _fingerprint(db) == before
    assert not stamp.exists()


def test_the_window_refuses_a_newer_library_without_touching_it(newer, capsys, tmp_path):
    from reader.ui.app import run_gui

    db, _, stamp = newer
    before = _fingerprint(db)
    assert run_gui(None, screenshot=str(tmp_path / "shot.png")) == 1
    assert "newer s1reader" in capsys.readouterr().err
    assert _fingerprint(db) == before and not stamp.exists()


@pytest.fixture
def old_library(tmp_path, capsys):
    """A schema-5 library (as that release wrote it) with a bookmark, as the home's library."""
    f = write_thread(tmp_path / "arch" / "外野" / "77-01[升级].md",
                     [(1, "甲", "2024-1-1 1:00", "一楼"), (2, "乙", "2024-1-1 1:05", "二楼")])
    db = resolve_paths().ensure().db
    _schema5_library(db, f)
    yield db
    close_library()


def _version(db) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    finally:
        con.close()


def test_user_data_is_saved_beside_the_library_before_an_upgrade(old_library, capsys):
    rc, out, err = _run(capsys, "bookmark", "list", "--json")
    assert rc == 0, err
    assert _version(old_library) == migrations.LATEST
    [backup] = list(old_library.parent.glob("library-userdata-*.json"))
    assert re.fullmatch(r"library-userdata-schema5-\d{8}-\d{6}\.json", backup.name)
    assert f"upgrading the library from schema 5 to {migrations.LATEST}" in err and str(backup) in err
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert [(b["tid"], b["floor"], b["note"]) for b in data["bookmarks"]] == [(77, 2, "回头看")]
    assert "warning" not in err  # an old schema's missing tables are no damage
    # the backup restores into a fresh library
    close_library()
    os.environ["S1READER_HOME"] = str(old_library.parent.parent / "fresh")
    rc, out, err = _run(capsys, "userdata", "import", str(backup), "--json")
    assert rc == 0 and json.loads(out)["bookmarks"] == 1


def test_userdata_export_reads_an_older_library_without_upgrading_it(old_library, capsys, tmp_path):
    before = _fingerprint(old_library)
    rc, out, err = _run(capsys, "userdata", "export", str(tmp_path / "mine.json"), "--json")
    assert rc == 0, err
    assert json.loads(out)["bookmarks"] == 1
    assert _version(old_library) == 5 and _fingerprint(old_library)[0] == before[0]
    assert not list(old_library.parent.glob("library-userdata-*.json"))


def test_the_window_offers_an_export_before_upgrading(old_library, qapp, qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    from reader.ui import app as app_module
    from reader.ui.upgradedialog import UpgradeDialog

    choices = iter(["export", "quit", "export", "upgrade"])
    seen: list[str] = []

    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, UpgradeDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.text())
        choice = next(choices)
        getattr(dialog, f"{choice}_button").click()
        if choice == "export":
            QTimer.singleShot(20, answer)

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own: restored
    target = tmp_path / "before-upgrade.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    from reader.ui import upgradedialog

    monkeypatch.setattr(upgradedialog, "plain_message", lambda *a, **k: None)
    before = _fingerprint(old_library)
    QTimer.singleShot(0, answer)
    assert app_module.run_gui(None) == 0  # Quit: nothing changed
    assert str(old_library) in seen[0] and " 5" in seen[0]  # which file, from which schema
    assert _version(old_library) == 5 and _fingerprint(old_library)[0] == before[0]
    assert json.loads(target.read_text(encoding="utf-8"))["bookmarks"][0]["note"] == "回头看"
    assert not list(old_library.parent.glob("library-userdata-*.json"))
    # Export again, then Upgrade: the window opens on the upgraded library (closed right away)
    QTimer.singleShot(0, answer)
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)  # the window opens; no event loop
    assert app_module.run_gui(None) == 0
    from reader.ui.mainwindow import MainWindow

    [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    qtbot.addWidget(window)  # closed at the end, whatever happens
    assert window.tid == 77  # the upgraded library's thread is open
    assert _version(old_library) == migrations.LATEST
    assert len(list(old_library.parent.glob("library-userdata-schema5-*.json"))) == 1


def _cli(home, *argv, timeout_s: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, S1READER_HOME=str(home), PYTHONPATH=REPO)
    if timeout_s is not None:
        env["S1READER_BUSY_TIMEOUT"] = timeout_s
    return subprocess.run([sys.executable, "-m", "reader", *argv], env=env, capture_output=True,
                          text=True, timeout=120)


def test_a_busy_library_is_reported_as_busy_then_works(library):
    db, _ = library
    home = db.parent.parent
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, and not finishing
    try:
        for argv in (["bookmark", "add", "8101", "1", "--note", "等一下"], ["block", "add", "乙"]):
            done = _cli(home, *argv, timeout_s="1")
            assert done.returncode == 4, done.stderr
            assert "is busy" in done.stderr and "Traceback" not in done.stderr
            assert "damaged" not in done.stderr
    finally:
        holder.execute("ROLLBACK")
    # a write lock released while the command waits: it just waits
    holder.execute("BEGIN IMMEDIATE")
    env = dict(os.environ, S1READER_HOME=str(home), PYTHONPATH=REPO)
    waiting = subprocess.Popen([sys.executable, "-m", "reader", "bookmark", "add", "8101", "1",
                                "--note", "等到了"], env=env, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    holder.execute("COMMIT")
    holder.close()
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    listed = _cli(home, "bookmark", "list", "--json")
    assert sorted(b["note"] for b in json.loads(listed.stdout)) == ["别丢", "等到了"]


def test_an_upgrade_waits_for_the_lock_and_says_busy_not_damaged(old_library):
    holder = sqlite3.connect(old_library, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = _cli(old_library.parent.parent, "threads", timeout_s="1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 4 and "is busy" in done.stderr and "damaged" not in done.stderr
    assert _version(old_library) == 5
    done = _cli(old_library.parent.parent, "threads")
    assert done.returncode == 0 and _version(old_library) == migrations.LATEST


def test_the_window_says_when_a_change_could_not_be_saved(make_window, qtbot, monkeypatch, tmp_path):
    """Another program keeps the lock past every wait: the window tells which change was not
    saved (no traceback, no silent loss) and keeps working; the same action works afterwards."""
    from PySide6.QtWidgets import QApplication, QMessageBox
    from ui_library import THREAD_A, small_library

    from reader.store import userdata, writer

    monkeypatch.setenv("S1READER_BUSY_TIMEOUT", "0.3")
    monkeypatch.setattr(writer, "BUSY_RETRY_SECONDS", 0.5)
    from reader.store.db import open_library

    db = resolve_paths().ensure().db
    open_library(db)
    small_library(tmp_path / "arch")
    window = make_window(THREAD_A)
    window.view.go_to_floor(3)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")

    def told() -> bool:
        return any("not saved" in w.text() and "busy" in w.text()
                   for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())

    try:
        window.reading.block_author()  # submitted; the window goes on meanwhile
        qtbot.waitUntil(told, timeout=10_000)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert userdata.blocked_names() == set()
    window.reading.block_author()  # the lock is free again
    written(qtbot, window)
    assert len(userdata.blocked_names()) == 1


def test_an_import_into_a_library_held_by_another_program_says_busy(library, tmp_path):
    """Issue 30 item 9: ``import`` (and ``--reread``) printed ``IndexError: pop from empty list``
    and exit 1 when another program held the write lock past the busy timeout."""
    db, f = library
    home = db.parent.parent
    g = write_thread(tmp_path / "arch" / "外野" / "8102-01[新].md", [(1, "丙", "2024-1-2 1:00", "新帖")])
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        for argv in (["import", "-q", str(g)], ["import", "--reread", "-q", str(f)]):
            done = _cli(home, *argv, timeout_s="1")
            assert done.returncode == 4, done.stderr
            assert "is busy" in done.stderr and "Traceback" not in done.stderr, done.stderr
            assert "IndexError" not in done.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _cli(home, "import", "-q", str(g)).returncode == 0
