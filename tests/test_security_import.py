"""Imports that used to end in a traceback (issue 18, item 10, the part outside the importer):
two imports into one library at the same time (the second waits for the first instead of dying
with "database is locked"), and an unexpected error of the importer (a path longer than PATH_MAX,
a floor beyond SQLite's integers) is a clear message, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from support import write_thread

from reader.cli import main

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _import(home, corpus) -> subprocess.Popen:
    env = dict(os.environ, S1READER_HOME=str(home), PYTHONPATH=REPO)
    return subprocess.Popen([sys.executable, "-m", "reader", "import", "-q", "--json", str(corpus)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_concurrent_imports_both_finish(corpus_dir, tmp_path):
    home = tmp_path / "home"
    first = _import(home, corpus_dir)
    second = _import(home, corpus_dir)
    out1, err1 = first.communicate(timeout=600)
    out2, err2 = second.communicate(timeout=600)
    assert first.returncode == 0, err1[-2000:]
    assert second.returncode == 0, err2[-2000:]
    assert "Traceback" not in err1 + err2
    added = json.loads(out1)["posts_added"] + json.loads(out2)["posts_added"]
    assert added > 50_000  # the corpus once, whichever import wrote it


def test_a_floor_beyond_sqlite_integers_is_a_message_not_a_traceback(tmp_path, capsys):
    good = write_thread(tmp_path / "arch" / "外野" / "5101-01[好].md", [(1, "甲", "2024-1-1 1:00", "好")])
    bad = tmp_path / "arch" / "外野" / "5102-01[坏].md"
    bad.write_text("\n*****\n\n####  乙  \n##### 99999999999999999999999#       发表于 2024-1-1 1:00\n\n坏\n\n",
                   encoding="utf-8")
    rc = main(["import", "-q", str(good.parent)])
    err = capsys.readouterr().err
    assert rc in (1, 3) and "Traceback" not in err
    assert "5102" in err or "unexpected error" in err


def test_a_path_longer_than_path_max_is_a_message_not_a_traceback(tmp_path, capsys):
    root = tmp_path / "deep"
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(20):  # 20 × 250 characters: beyond Linux's PATH_MAX of 4096
            os.mkdir("d" * 250, dir_fd=fd)
            nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        with os.fdopen(os.open("6101-01[深].md", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as fh:
            fh.write("\n*****\n\n####  甲  \n##### 1#       发表于 2024-1-1 1:00\n\n深\n\n")
    finally:
        os.close(fd)
    rc = main(["import", "-q", str(root)])
    err = capsys.readouterr().err
    assert rc in (1, 3) and "Traceback" not in err
