"""A corrupted library is detected (issue 18, item 11): with random bytes in the middle of the
file, every command says the library is damaged and how to save the user data first, nothing
more is written to it, and ``userdata export`` still saves the bookmarks."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from support import write_thread

from reader.cli import main
from reader.config import resolve_paths
from reader.store.db import close_library

TID = 3301


def _digest(path) -> tuple[str, int]:
    """The file's bytes and its modification time (issue 16: opened, never modified)."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def damaged(tmp_path, temp_home, capsys):
    posts = [(n, f"用户{n % 17}", f"2024-{n % 12 + 1}-{n % 28 + 1} 1{n % 10}:{n % 60:02d}",
              f"第{n}楼 " + "高达模型原神赛博朋克" * (n % 7 + 3)) for n in range(1, 3001)]
    f = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[损坏].md", posts, op="用户1")
    assert main(["import", "-q", str(f)]) == 0
    assert main(["bookmark", "add", str(TID), "7", "--note", "重要"]) == 0
    assert main(["block", "add", "用户3"]) == 0
    close_library()
    db = resolve_paths().db
    size = db.stat().st_size
    assert size > 500_000  # room for 64 KiB of damage in the middle
    rnd = random.Random(18)
    with db.open("r+b") as fh:
        fh.seek(size // 2 - 32 * 1024)
        fh.write(bytes(rnd.getrandbits(8) for _ in range(64 * 1024)))
    capsys.readouterr()
    yield db, f
    close_library()


@pytest.mark.parametrize("argv", [["threads"], ["show", str(TID)], ["stats"], ["search", "高达"],
                                  ["bookmark", "add", str(TID), "9"], ["block", "add", "用户5"],
                                  ["import", "-q", "FILE"]])
def test_every_command_refuses_a_damaged_library_and_writes_nothing(damaged, capsys, argv):
    db, f = damaged
    before = _digest(db)
    rc = main([str(f) if a == "FILE" else a for a in argv])
    err = capsys.readouterr().err
    assert rc == 1
    assert "damaged" in err and "userdata export" in err and "Traceback" not in err
    assert "userdata import backup.json" in err and "-userdata-*.json" in err  # how to restore
    assert _digest(db) == before


def test_userdata_export_saves_the_bookmarks_of_a_damaged_library(damaged, capsys, tmp_path):
    db, _ = damaged
    before = _digest(db)
    backup = tmp_path / "backup.json"
    rc = main(["userdata", "export", str(backup)])
    err = capsys.readouterr().err
    assert rc == 0 and "damaged" in err
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert [(b["tid"], b["floor"], b["note"]) for b in data["bookmarks"]] == [(TID, 7, "重要")]
    assert [m["name"] for m in data["user_marks"]] == ["用户3"]
    assert _digest(db) == before


def test_the_window_refuses_a_damaged_library_with_safe_advice(damaged, capsys, tmp_path):
    from reader.ui.app import run_gui

    db, _ = damaged
    before = _digest(db)
    assert run_gui(None, screenshot=str(tmp_path / "shot.png")) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "userdata export" in err
    assert _digest(db) == before
