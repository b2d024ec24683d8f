"""The command line as a user runs it: JSON fields, exit codes, errors on stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support import REPO, write_thread

from reader.cli import main
from reader.store.db import close_library


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    close_library()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_threads_show_stats_json(home, tmp_path, capsys):
    quote = ('<blockquote><a href="httphttps://stage1st.com/2b/forum.php?mod=redirect&amp;goto=findpost'
             '&amp;pid=5&amp;ptid=42" target="_blank">楼主君 发表于 2024-5-1 8:00</a>\n开帖 ...</blockquote>\n'
             '回复<img src="https://static.stage1st.com/image/smiley/face2017/067.png" referrerpolicy="no-referrer">')
    write_thread(tmp_path / "arch" / "外野" / "42-01[CLI 测试].md",
                 [(1, "楼主君", "2024-5-1 8:00", "开帖"), (2, "路人", "2024-5-1 8:03", quote)], op="楼主君")
    code, out, err = run(capsys, "import", "--json", str(tmp_path / "arch"))
    assert code == 0
    summary = json.loads(out)
    assert {k: summary[k] for k in ("files", "skipped", "failed", "posts_added", "posts_updated")} == {
        "files": 1, "skipped": 0, "failed": [], "posts_added": 2, "posts_updated": 0}
    code, out, _ = run(capsys, "threads", "--json")
    [t] = json.loads(out)
    assert t["tid"] == 42 and t["title"] == "CLI 测试" and t["board"] == "外野"
    assert t["post_count"] == 2 and t["reachable"] is True
    assert t["first_post_at"] == "2024-05-01T08:00:00" and t["last_post_at"] == "2024-05-01T08:03:00"
    code, out, _ = run(capsys, "show", "42", "--json")
    data = json.loads(out)
    p1, p2 = data["posts"]
    assert (p1["floor"], p1["author"], p1["is_op"], p1["edited"], p1["flags"]) == (1, "楼主君", True, None, [])
    assert p2["quotes"] == [{"author": "楼主君", "posted_at": "2024-05-01T08:00:00", "pid": 5, "ptid": 42,
                             "target": {"post_id": p1["id"], "tid": 42, "floor": 1}}]
    kinds = [b["type"] for b in p2["blocks"]]
    assert kinds == ["quote", "paragraph"]
    assert p2["blocks"][1]["runs"][1] == {"type": "smiley", "pack": "face2017", "name": "067.png",
                                          "url": "https://static.stage1st.com/image/smiley/face2017/067.png"}
    code, out, _ = run(capsys, "show", "42", "--from", "2", "--limit", "1", "--json")
    assert [p["floor"] for p in json.loads(out)["posts"]] == [2]
    code, out, _ = run(capsys, "stats", "--json")
    stats = json.loads(out)
    assert (stats["threads"], stats["posts"], stats["quotes"], stats["quotes_resolved"]) == (1, 2, 1, 1)
    code, out, _ = run(capsys, "threads", "--query", "cli")
    assert "CLI 测试" in out and "42" in out


def test_errors_go_to_stderr_with_nonzero_exit(home, tmp_path, capsys):
    code, out, err = run(capsys, "show", "123")
    assert code == 1 and out == "" and f"there is no library in {home}" in err  # nothing created
    assert not (home / "data").exists()
    (tmp_path / "empty-archive").mkdir()
    code, out, err = run(capsys, "import", "--quiet", str(tmp_path / "empty-archive"))  # makes one
    code, out, err = run(capsys, "show", "123")
    assert code == 1 and out == "" and "thread 123 is not in the library" in err
    bad = tmp_path / "外野" / "7-01[坏].md"
    bad.parent.mkdir(parents=True)
    bad.write_text("\n*****\n\n####  甲  \nno floor line\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "--json", "--quiet", str(bad))
    assert code == 3
    assert json.loads(out)["failed"] == [{"path": str(bad), "line": 5,
                                          "message": "expected a floor line '##### N#  发表于 YYYY-M-D H:MM'"}]
    assert f"{bad}:5:" in err
    code, out, err = run(capsys, "import", str(tmp_path / "nothing-here"))
    assert code == 1


def test_python_dash_m_and_home_flag(tmp_path):
    f = write_thread(tmp_path / "外野" / "8-01[m].md", [(1, "甲", "2024-1-1 1:00", "x")])
    home = tmp_path / "h"
    r = subprocess.run([sys.executable, "-m", "reader", "--home", str(home), "import", "--json", str(f)],
                       cwd=REPO, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["posts_added"] == 1
    assert (home / "data" / "library.sqlite3").is_file()


def test_the_network_guard_refuses_any_host_but_loopback():
    import socket

    with pytest.raises(OSError, match="only"):
        socket.create_connection(("stage1st.com", 443), timeout=1)
    with pytest.raises(OSError, match="only"):
        socket.create_connection(("93.184.216.34", 80), timeout=1)


def test_search_exclusions_are_words_of_the_query_on_the_command_line(home, tmp_path, capsys):
    """``s1reader search 原神 -米哈游`` was refused by the argument parser (unrecognized
    arguments); ``-hololive`` was read as ``-h`` with an argument. An exclusion is a word of the
    query wherever it stands; the command's own options still work around it."""
    write_thread(tmp_path / "arch" / "外野" / "43-01[排除].md",
                 [(1, "甲", "2024-5-1 8:00", "原神 米哈游"), (2, "乙", "2024-5-1 8:01", "原神 启动"),
                  (3, "丙", "2024-5-1 8:02", "原神 hololive")])
    assert run(capsys, "import", str(tmp_path / "arch"))[0] == 0

    def floors(*argv):
        code, out, err = run(capsys, "search", *argv)
        assert code == 0, err
        return sorted(h["floor"] for h in json.loads(out)["hits"])

    assert floors("原神", "-米哈游", "--json") == [2, 3]
    assert floors("-米哈游", "原神", "--json") == [2, 3]
    assert floors("--json", "原神", "-hololive", "-米哈游") == [2]
    assert floors("原神", "-启动", "--limit", "1", "--json", "--order", "newest") == [3]
    assert floors("原神", "--lim=5", "--json", "--", "-启动") == [1, 3]
    code, _, err = run(capsys, "search", "-米哈游")
    assert code == 1 and "at least one word" in err
