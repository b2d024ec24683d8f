"""Imports that used to end in a traceback (issue 18, item 10): two imports into one library at
the same time (the second waits for the first instead of dying with "database is locked"); a path
longer than PATH_MAX, a floor or thread id beyond SQLite's integers are each one failed file
(named, with its line where known) while the import goes on and prints its summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from support import write_thread

from reader.cli import main
from reader.commands.common import EXIT_PARTIAL

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


def _summary(capsys) -> tuple[dict, str]:
    out, err = capsys.readouterr()
    return json.loads(out), err


def test_a_floor_beyond_sqlite_integers_is_one_failed_file_and_the_import_goes_on(tmp_path, capsys):
    good = write_thread(tmp_path / "arch" / "外野" / "5101-01[好].md", [(1, "甲", "2024-1-1 1:00", "好")])
    bad = tmp_path / "arch" / "外野" / "5102-01[坏].md"
    bad.write_text("\n*****\n\n####  甲  \n##### 1#       发表于 2024-1-1 1:00\n\n好\n\n"
                   "*****\n\n####  乙  \n##### 99999999999999999999999#       发表于 2024-1-1 1:00\n\n坏\n\n",
                   encoding="utf-8")
    rc = main(["import", "-q", "--json", str(good.parent)])
    summary, err = _summary(capsys)
    assert rc == EXIT_PARTIAL and "Traceback" not in err
    assert [(f["path"], f["line"]) for f in summary["failed"]] == [(str(bad), 9)]
    assert "floor 99999999999999999999999" in summary["failed"][0]["message"]
    assert summary["posts_added"] == 1 and f"{bad}:9:" in err
    assert main(["threads", "--json"]) == 0
    assert [t["tid"] for t in json.loads(capsys.readouterr().out)] == [5101]


def test_a_thread_id_beyond_sqlite_integers_is_one_failed_file(tmp_path, capsys):
    good = write_thread(tmp_path / "arch" / "5103-01[好].md", [(1, "甲", "2024-1-1 1:00", "好")])
    bad = write_thread(tmp_path / "arch" / "99999999999999999999999-01[坏].md",
                       [(1, "乙", "2024-1-1 1:00", "坏")])
    rc = main(["import", "-q", "--json", str(good.parent)])
    summary, err = _summary(capsys)
    assert rc == EXIT_PARTIAL and "Traceback" not in err
    assert [f["path"] for f in summary["failed"]] == [str(bad)]
    assert "thread id" in summary["failed"][0]["message"] and summary["posts_added"] == 1


def test_a_quoted_pid_beyond_sqlite_integers_only_links_nowhere(tmp_path, capsys):
    body = ('<blockquote><a href="httphttps://stage1st.com/2b/forum.php?mod=redirect&amp;goto=findpost'
            '&amp;pid=99999999999999999999999&amp;ptid=5104" target="_blank">甲 发表于 2024-1-1 1:00</a>\n'
            '好 ...</blockquote>\n同意')
    f = write_thread(tmp_path / "arch" / "5104-01[引用].md",
                     [(1, "甲", "2024-1-1 1:00", "好"), (2, "乙", "2024-1-1 2:00", body)])
    rc = main(["import", "-q", "--json", str(f)])
    summary, err = _summary(capsys)
    assert rc == 0 and summary["failed"] == [] and summary["posts_added"] == 2, err


def test_a_path_longer_than_path_max_is_one_failed_file_and_the_import_goes_on(tmp_path, capsys):
    root = tmp_path / "deep"
    good = write_thread(root / "6100-01[浅].md", [(1, "甲", "2024-1-1 1:00", "浅")])
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
    rc = main(["import", "-q", "--json", str(root)])
    summary, err = _summary(capsys)
    assert rc == EXIT_PARTIAL and "Traceback" not in err
    assert len(summary["failed"]) == 1
    failed = summary["failed"][0]
    assert failed["path"].endswith("/6101-01[深].md") and len(failed["path"]) > 4096
    assert "longer than the system allows" in failed["message"]
    assert summary["posts_added"] == 1 and summary["files"] == 2
    assert str(good) not in err
