"""The write-ahead log during an import: a reader holding an old snapshot lets it grow, and the
writes after the reader let go cut it back to the library's limit (``db.PRAGMAS``)."""

from __future__ import annotations

import sqlite3

from support import write_thread

from reader.store import db as dbmod
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.models import database


def _threads(root, first: int, n: int) -> None:
    for tid in range(first, first + n):
        write_thread(root / "外野" / f"{tid}-01[帖子{tid}].md",
                     [(i, f"作者{i}", f"2024-1-1 1:{i:02d}", f"第{i}楼 " + "内容" * 200)
                      for i in range(1, 40)])


def test_the_log_a_reader_made_grow_is_cut_back_after_the_import(tmp_path, monkeypatch):
    monkeypatch.setitem(dbmod.PRAGMAS, "journal_size_limit", 256 * 1024)
    path = tmp_path / "home" / "library.sqlite3"
    open_library(path)
    try:
        assert database.execute_sql("PRAGMA journal_size_limit").fetchone()[0] == 256 * 1024
        wal = path.with_name(path.name + "-wal")
        _threads(tmp_path / "a", 1000, 30)
        reader = sqlite3.connect(path)
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM post").fetchone()  # holds its snapshot
        import_paths([tmp_path / "a"], workers=0)
        grown = wal.stat().st_size
        assert grown > 2 * 256 * 1024  # checkpoints could not start the log over
        reader.rollback()
        reader.close()
        # a checkpoint (SQLite makes one after a commit once the log holds 1,000 pages; this log
        # is smaller) copies the whole log into the library now that no reader needs it
        database.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
        assert wal.stat().st_size == grown  # (a checkpoint alone leaves the file as it was)
        _threads(tmp_path / "b", 2000, 1)
        import_paths([tmp_path / "b"], workers=0)  # its write starts the log over, cut back
        assert wal.stat().st_size <= 256 * 1024
        assert database.execute_sql("SELECT COUNT(*) FROM thread").fetchone()[0] == 31
    finally:
        close_library()
