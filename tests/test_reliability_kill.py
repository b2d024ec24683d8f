"""``kill -9`` in the middle of writing leaves a consistent library that the next run completes
(issue 16): a user-data import killed inside its transaction left either all of the backup or
none of it; a forum fetch killed between pages keeps whole pages and its position agrees with
them, and fetching again continues after them. (An import killed midway: test_import_corpus.)"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from discuz_server import ForumServer
from support import REPO, write_thread

from reader.cli import main
from reader.config import resolve_paths
from reader.parse.thread import parse_file
from reader.store.db import close_library


def _cli(home, *argv) -> subprocess.Popen:
    env = dict(os.environ, S1READER_HOME=str(home), PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "reader", *argv], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _query(db, sql: str, *args):
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def _writing(db) -> bool:
    """Whether another program holds the library's write lock right now."""
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as e:
        return "locked" in str(e)
    finally:
        con.close()


def _kill_when(proc: subprocess.Popen, ready, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            return True
        time.sleep(0.002)
    return False


def test_sigkill_during_a_user_data_import_keeps_all_or_nothing(tmp_path, temp_home, capsys):
    f = write_thread(tmp_path / "arch" / "外野" / "9301-01[恢复].md",
                     [(n, "甲", f"2024-1-1 1:{n:02d}", f"第{n}楼") for n in range(1, 11)])
    assert main(["import", "-q", str(f)]) == 0
    assert main(["bookmark", "add", "9301", "1", "--note", "本来就有"]) == 0
    close_library()
    db = resolve_paths().db
    positions = 450_000  # under the 500,000 a backup may hold: seconds of validating and writing
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps({
        "format": "s1reader-userdata", "version": 1,
        "bookmarks": [{"tid": 9301, "floor": n, "author": "甲", "posted_at": f"2024-01-01 01:{n:02d}:00",
                       "note": f"备份{n}"} for n in range(2, 11)],
        "user_marks": [], "filter_rules": [],
        "read_state": [{"tid": 10_000_000 + n, "last_floor": 3} for n in range(positions)],
    }), encoding="utf-8")
    proc = _cli(temp_home, "userdata", "import", str(backup))
    assert _kill_when(proc, lambda: _writing(db)), "the import finished before it could be killed"
    assert _query(db, "PRAGMA integrity_check") == [("ok",)]
    stored = _query(db, "SELECT COUNT(*) FROM read_state")[0][0]
    notes = sorted(n for (n,) in _query(db, "SELECT note FROM bookmark"))
    assert (stored, len(notes)) in ((0, 1), (positions, 10))  # the whole backup or none of it
    assert "本来就有" in notes
    again = _cli(temp_home, "userdata", "import", str(backup))
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert _query(db, "SELECT COUNT(*) FROM read_state")[0][0] == positions
    assert _query(db, "SELECT COUNT(*) FROM bookmark")[0][0] == 10


def test_sigkill_during_a_forum_fetch_keeps_whole_pages_and_the_next_fetch_continues(tmp_path, temp_home):
    tid = 9401
    f = write_thread(tmp_path / "src" / "外野" / f"{tid}-01[论坛].md",
                     [(n, f"用户{n % 7}", f"2024-6-{n % 28 + 1} 10:{n % 60:02d}", f"第{n}楼 内容{n}")
                      for n in range(1, 401)], op="用户1")
    db = resolve_paths().ensure().db
    with ForumServer() as server:
        server.forum.add_posts(tid, "论坛保存", parse_file(f).posts)  # 10 pages of 40
        proc = _cli(temp_home, "fetch", str(tid), "--base", server.base_url, "--delay", "0.3", "-q")

        def two_pages_stored() -> bool:
            try:
                rows = _query(db, "SELECT fetched_position FROM followed_thread WHERE tid = ?", tid)
            except sqlite3.Error:
                return False
            return bool(rows) and rows[0][0] >= 80

        assert _kill_when(proc, two_pages_stored), "the fetch finished before it could be killed"
        assert _query(db, "PRAGMA integrity_check") == [("ok",)]
        [(position,)] = _query(db, "SELECT fetched_position FROM followed_thread WHERE tid = ?", tid)
        [(count,)] = _query(db, "SELECT COUNT(*) FROM post WHERE tid = ?", tid)
        [(post_count,)] = _query(db, "SELECT post_count FROM thread WHERE tid = ?", tid)
        assert position % 40 == 0 and 80 <= position < 400
        assert count == post_count == position  # whole pages, the position agreeing with them
        server.forum.requests.clear()
        again = _cli(temp_home, "fetch", str(tid), "--base", server.base_url, "--delay", "0", "--json")
        out, err = again.communicate(timeout=300)
        assert again.returncode == 0, err
        assert server.forum.requests[0] == (tid, position // 40 + 1)  # continues after them
        assert json.loads(out)["posts_added"] == 400 - position
    assert _query(db, "SELECT COUNT(*) FROM post WHERE tid = ?", tid) == [(400,)]
