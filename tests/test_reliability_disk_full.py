"""A full disk (issue 30 item 10): every write that cannot be made says that the disk is full and
where, never a traceback, and loses nothing; freeing space and running the command again works.
The library lives on a real 3 MiB tmpfs (mounting one needs root, as CI runs; skipped otherwise)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess

import pytest
from support import write_thread

from reader.cli import main
from reader.store.db import close_library


@pytest.fixture
def mount_tiny(tmp_path):
    """Mounts a small tmpfs at a new folder: ``mount_tiny(name, size)`` returns the folder."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = []

    def mount(name: str, size: str = "3m"):
        disk = tmp_path / name
        disk.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
                              capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
        mounted.append(disk)
        return disk

    yield mount
    close_library()
    for disk in mounted:
        subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.fixture
def tiny_disk(mount_tiny, monkeypatch):
    disk = mount_tiny("disk")
    monkeypatch.setenv("S1READER_HOME", str(disk / "home"))
    return disk


def _fill(disk, name: str = "filler") -> object:
    """Take every free byte of the disk; returns the filler file (delete it to free the space)."""
    filler = disk / name
    with filler.open("wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass
        try:
            while True:
                f.write(b"\0" * 512)
        except OSError:
            pass
    return filler


def _posts(tid: int, n: int) -> list:
    return [(f, f"作者{f % 7}", f"2024-1-{1 + f // 1440} {f // 60 % 24}:{f % 60:02d}", f"第{f}楼" + "字" * 200)
            for f in range(1, n + 1)]


def test_writes_on_a_full_disk_say_so_and_lose_nothing(tiny_disk, tmp_path, capsys):
    first = write_thread(tmp_path / "arch" / "外野" / "9701-01[一].md", _posts(9701, 20))
    second = write_thread(tmp_path / "arch" / "外野" / "9702-01[二].md", _posts(9702, 3000))
    assert main(["import", "-q", str(first)]) == 0
    assert main(["bookmark", "add", "9701", "1", "--note", "早就有"]) == 0
    capsys.readouterr()
    fillers = []
    long = "长" * 90_000  # more than the write-ahead log already holds room for
    for argv in (["bookmark", "add", "9701", "2", "--note", long], ["block", "add", "作者3", "--note", long],
                 ["import", "-q", str(second)]):
        # (with the library open: the writes themselves fail, not opening it)
        fillers.append(_fill(tiny_disk, f"filler{len(fillers)}"))  # what a failure freed, taken
        rc = main(argv)
        err = capsys.readouterr().err
        assert rc == 1, (argv, err)
        assert "Traceback" not in err and "is full" in err and str(tiny_disk) in err, (argv, err)
        assert "rollback" not in err, (argv, err)
    close_library()
    assert not list(tiny_disk.glob("backup.json*"))  # no empty .tmp left behind
    for filler in fillers:
        filler.unlink()
    # nothing lost, and the same commands work once there is space again
    db = tiny_disk / "home" / "data" / "library.sqlite3"
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert main(["bookmark", "add", "9701", "2", "--note", "新的"]) == 0
    assert main(["userdata", "export", str(tiny_disk / "backup.json")]) == 0
    notes = [b["note"] for b in json.loads((tiny_disk / "backup.json").read_text())["bookmarks"]]
    assert notes == ["早就有", "新的"]


def test_a_backup_to_a_full_disk_says_so_and_leaves_no_file(tiny_disk, mount_tiny, tmp_path, capsys):
    f = write_thread(tmp_path / "arch" / "外野" / "9703-01[三].md", _posts(9703, 20))
    assert main(["import", "-q", str(f)]) == 0
    assert main(["bookmark", "add", "9703", "1", "--note", "长" * 90_000]) == 0
    full = mount_tiny("full", "64k")
    _fill(full)
    capsys.readouterr()
    assert main(["userdata", "export", str(full / "backup.json")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "is full" in err and str(full) in err, err
    assert not list(full.glob("backup.json*"))  # no empty or partial file left behind


def test_the_window_says_a_change_was_not_saved_because_the_disk_is_full(tiny_disk, tmp_path, qtbot):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from reader.config import resolve_paths
    from reader.store import userdata
    from reader.store.db import open_library
    from reader.store.importing import import_paths
    from reader.ui.operations import Operations

    open_library(resolve_paths().ensure().db)
    f = write_thread(tmp_path / "arch" / "外野" / "9704-01[四].md", _posts(9704, 20))
    assert not import_paths([f]).failed
    parent = QWidget()
    qtbot.addWidget(parent)
    ops = Operations(parent)
    _fill(tiny_disk)
    ops.write(userdata.add_bookmark, 9704, 1, "长" * 90_000)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in parent.findChildren(QMessageBox)), timeout=10_000)
    [box] = parent.findChildren(QMessageBox)
    assert "disk is full" in box.text() and str(tiny_disk) in box.text(), box.text()
    assert "rollback" not in box.text()
    assert userdata.list_bookmarks() == []  # nothing half-written
