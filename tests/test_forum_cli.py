"""``s1reader fetch / refresh / followed`` against the local Discuz-like server, and a fetch
killed with SIGKILL midway that continues where it stopped."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from discuz_server import ForumServer
from support import REPO, corpus_root

from reader.cli import main
from reader.parse import distinct_posts
from reader.parse.thread import parse_file
from reader.store.db import close_library

TID = 2036587


@pytest.fixture(scope="module")
def corpus_posts():
    files = sorted(corpus_root().rglob(f"{TID}-*.md"))
    return distinct_posts([p for f in files for p in parse_file(f).posts])


@pytest.fixture
def server(monkeypatch, tmp_path):
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "home"))
    with ForumServer() as srv:
        monkeypatch.setenv("S1READER_FORUM_BASE", srv.base_url)
        yield srv
    close_library()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_fetch_refresh_followed_from_the_command_line(server, capsys, corpus_posts):
    server.forum.add_posts(TID, "专楼", corpus_posts[:100])
    code, out, err = run(capsys, "fetch", f"https://bbs.saraba1st.com/2b/thread-{TID}-1-1.html",
                         "--delay", "0", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["pages"], data["posts_added"], data["complete"]) == ([1, 2, 3], 100, True)
    assert "page 3/3" in err  # progress on stderr
    server.forum.add_posts(TID, "专楼", corpus_posts[100:])
    code, out, err = run(capsys, "refresh", "--all", "--delay", "0", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["posts_added"] == len(corpus_posts) - 100 and data["failed"] == 0
    assert data["threads"][0]["result"]["pages"] == [3, 4]
    code, out, _ = run(capsys, "followed", "--json")
    assert [(f["tid"], f["post_count"]) for f in json.loads(out)] == [(TID, len(corpus_posts))]
    code, out, _ = run(capsys, "fetch", str(TID), "--pages", "2-3", "--delay", "0", "--json")
    assert json.loads(out)["pages"] == [2, 3] and json.loads(out)["posts_added"] == 0


def test_command_line_errors_are_clear(server, capsys):
    code, _, err = run(capsys, "fetch", "not a link")
    assert code == 1 and "not a thread link or thread id" in err
    code, _, err = run(capsys, "fetch", "424242", "--delay", "0")
    assert code == 1 and "does not exist on the forum" in err and "Traceback" not in err
    code, _, err = run(capsys, "fetch", "1", "--pages", "3-1")
    assert code == 1 and "--pages" in err
    code, _, err = run(capsys, "refresh")
    assert code == 1 and "no followed threads" in err


def _stored_position(db_path) -> int:
    try:
        con = sqlite3.connect(db_path, timeout=0.1)
        try:
            row = con.execute("SELECT fetched_position FROM followed_thread").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return 0
    return row[0] if row else 0


def test_a_fetch_killed_midway_continues_from_what_is_stored(server, tmp_path, corpus_posts):
    server.forum.add_posts(TID, "专楼", corpus_posts)  # 4 pages
    server.forum.slow_seconds = 20
    server.forum.faults[(TID, 3)] = ["slow"]
    env = {**os.environ, "S1READER_HOME": str(tmp_path / "home"), "S1READER_FORUM_BASE": server.base_url}
    cmd = [sys.executable, "-m", "reader", "fetch", str(TID), "--delay", "0", "--timeout", "60", "--quiet"]
    db_path = tmp_path / "home" / "data" / "library.sqlite3"
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None and _stored_position(db_path) < 80:
        time.sleep(0.05)
    assert _stored_position(db_path) == 80, "two pages were not stored before the slow one"
    proc.send_signal(signal.SIGKILL)  # while it waits for page 3
    proc.wait(timeout=10)
    server.forum.requests.clear()
    done = subprocess.run(cmd[:-1] + ["--json"], cwd=REPO, env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    assert result["pages"] == [3, 4] and result["complete"]
    assert server.forum.requests == [(TID, 3), (TID, 4)]
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT COUNT(*) FROM post WHERE tid = ?", (TID,)).fetchone()[0] == len(corpus_posts)
    finally:
        con.close()
