"""Importing the whole shared corpus: exact post counts, a no-op second run, and a SIGKILL mid-import."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from support import REPO, corpus_root, posts_per_thread

from reader.store import queries
from reader.store.importing import import_paths

pytestmark = pytest.mark.corpus


def test_corpus_imports_with_exact_counts_and_second_run_adds_nothing(library):
    root = corpus_root()
    r = import_paths([root])
    assert r.failed == []
    assert r.files == 107 and r.posts_added == 57306
    assert [os.path.basename(p) for p in r.ignored] == ["README.md"]
    expected = posts_per_thread()
    got = {t.tid: t.post_count for t in queries.list_threads()}
    assert got == expected
    big = queries.get_thread(2130813)
    assert big.post_count == 30232 and big.board == "游戏区"
    # most quotes find the post they quote (the rest quote posts outside the corpus)
    stats = queries.library_stats()
    assert stats["quotes"] > 9000 and stats["quotes_resolved"] / stats["quotes"] > 0.9
    r2 = import_paths([root])
    assert (r2.posts_added, r2.posts_updated, r2.skipped) == (0, 0, 107)
    assert queries.library_stats()["posts"] == 57306


def _thread_counts(db_path):
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = con.execute(
            "SELECT t.tid, t.post_count, (SELECT COUNT(*) FROM post p WHERE p.tid = t.tid) FROM thread t"
        ).fetchall()
    finally:
        con.close()
    return rows


def test_sigkill_during_import_leaves_only_complete_threads(tmp_path):
    root = corpus_root()
    home = tmp_path / "home"
    env = {**os.environ, "S1READER_HOME": str(home)}
    cmd = [sys.executable, "-m", "reader", "import", "--quiet", str(root)]
    db_path = home / "data" / "library.sqlite3"
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait until some threads are committed, then kill without warning
    deadline = time.monotonic() + 60
    killed_midway = False
    while time.monotonic() < deadline and proc.poll() is None:
        if db_path.exists():
            try:
                con = sqlite3.connect(db_path, timeout=0.1)
                n = con.execute("SELECT COUNT(*) FROM thread").fetchone()[0]
                con.close()
            except sqlite3.Error:
                n = 0
            if n >= 3:
                proc.send_signal(signal.SIGKILL)
                killed_midway = True
                break
        time.sleep(0.01)
    proc.wait(timeout=30)
    assert killed_midway, "the import finished before it could be killed"
    expected = posts_per_thread()
    rows = _thread_counts(db_path)
    assert 0 < len(rows) < len(expected)
    for tid, count, stored in rows:
        # a stored thread is complete: all of its posts, consistent with its own count
        assert count == stored
        if tid != 2130813:  # the 21-file thread is written in one go too, checked below
            assert stored == expected[tid], tid
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    rows = _thread_counts(db_path)
    assert {tid: stored for tid, _, stored in rows} == expected
