"""Damage that SQLite's quick_check or a size-and-mtime stamp does not see (issue 30 item 3) is
found before an import writes anything: random bytes in a search-index page (FTS5's own check),
a damaged b-tree page whose file size and mtime were put back, as bit rot leaves them (a
checksum of the content). The import refuses, says what to do, and changes nothing."""

from __future__ import annotations

import os
import random
import sqlite3

import pytest
from support import write_thread

from reader.cli import main
from reader.config import resolve_paths
from reader.store.db import close_library


def _posts(n: int, seed: int) -> list:
    words = ["原神", "高达", "赛博朋克", "鹅厂", "外野", "漫区", "游戏区", "主机", "掌机", "新番", "旧番", "声优", "画师", "剧本", "结局"]
    rnd = random.Random(seed)
    return [(f, f"作者{f % 13}", f"2024-2-{1 + f // 1440} {f // 60 % 24}:{f % 60:02d}",
             " ".join(rnd.choice(words) + str(rnd.randrange(10_000)) for _ in range(30)))
            for f in range(1, n + 1)]


@pytest.fixture
def library(tmp_path, capsys):
    f = write_thread(tmp_path / "arch" / "外野" / "9801-01[损坏].md", _posts(1500, 1))
    assert main(["import", "-q", str(f)]) == 0
    assert main(["stats"]) == 0  # opened and checked: its content is the last good one
    close_library()
    capsys.readouterr()
    return resolve_paths().db


def _pages(db, table: str) -> list[int]:
    con = sqlite3.connect(db)
    try:
        return [p for (p,) in con.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = "
                                          "'leaf' ORDER BY pageno", (table,))]
    finally:
        con.close()


def _damage(db, page: int, offset: int, data: bytes, keep_time: bool = True) -> None:
    st = db.stat()
    with open(db, "r+b") as f:
        f.seek((page - 1) * 4096 + offset)
        f.write(data)
    if keep_time:
        os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))  # what bit rot leaves
    assert db.stat().st_size == st.st_size


def _import_refused(tmp_path, db, capsys, words: str) -> None:
    g = write_thread(tmp_path / "arch" / "外野" / "9802-01[新].md", _posts(300, 2))
    before = db.read_bytes()
    rc = main(["import", "-q", str(g)])
    err = capsys.readouterr().err
    assert rc == 1 and "Traceback" not in err, (rc, err, capsys.readouterr())
    assert "is damaged" in err and words in err and "userdata export" in err, err
    close_library()
    assert db.read_bytes() == before  # not a byte written into it


def test_random_bytes_in_a_search_index_page_are_found_before_an_import(library, tmp_path, capsys):
    db = library
    leaves = _pages(db, "post_fts_data")
    assert len(leaves) > 5
    rnd = random.Random(3)
    for page in leaves[1::max(1, len(leaves) // 5)]:  # a few pages of the index
        _damage(db, page, 1200, bytes(rnd.getrandbits(8) for _ in range(256)), keep_time=False)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # what SQLite's check sees
    con.close()
    _import_refused(tmp_path, db, capsys, "search index")


def test_a_damaged_page_with_size_and_mtime_restored_is_found(library, tmp_path, capsys):
    db = library
    leaves = _pages(db, "post")
    _damage(db, leaves[len(leaves) // 2], 0, b"\x00\xff\xff\xff\xff\x00\x00\x00")  # its header
    assert main(["stats"]) == 1  # found when it is opened: every command refuses it
    err = capsys.readouterr().err
    assert "is damaged" in err and "userdata export" in err, err
    close_library()
    _import_refused(tmp_path, db, capsys, "damaged")
