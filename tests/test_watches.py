"""Saved searches (关注, issue 27): saved under a name, they count the matching posts that arrived
since they were last opened, exactly (compared with a count over the raw files), without the
posts of blocked users or hidden by keyword rules; they are user data, kept in backups."""

from __future__ import annotations

import contextlib
import io
import json
import re

from support import write_thread

from reader.cli import main


def _cli(home, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--home", str(home), *args, "--json"])
    return code, json.loads(out.getvalue()) if out.getvalue().strip() else None


def _raw_posts(folder) -> list[tuple[int, int, str, str]]:
    """(tid, floor, author, body) of every post in the archive files, read straight from them
    (not through the library): the independent count."""
    out = []
    for f in sorted(folder.rglob("*.md")):
        tid = int(f.name.split("-")[0])
        for block in f.read_text(encoding="utf-8").split("*****")[1:]:
            author = re.search(r"^####\s+(.+?)\s*$", block, re.M).group(1)
            floor = int(re.search(r"^##### (\d+)#", block, re.M).group(1))
            body = block.split("\n", 5)[-1]
            out.append((tid, floor, author, body))
    return out


BEFORE = [(1, "甲", "2024-1-2 3:01", "原神启动"), (2, "乙", "2024-1-2 3:02", "星穹铁道"),
          (3, "丙", "2024-1-2 3:03", "我也玩原神")]
ARRIVED = [(4, "丁", "2024-1-3 3:01", "原神新版本"), (5, "坏人", "2024-1-3 3:02", "原神真烂"),
           (6, "戊", "2024-1-3 3:03", "原神 剧透警告"), (7, "己", "2024-1-3 3:04", "不相关"),
           (8, "庚", "2024-1-3 3:05", "原神的音乐好听")]


def _library(temp_home, tmp_path):
    arch = tmp_path / "arch"
    a = write_thread(arch / "游戏区" / "8001[原神楼]" / "8001-01[原神楼].md", BEFORE, op="甲")
    assert _cli(temp_home, "import", str(arch))[0] == 0
    return arch, a


def test_a_saved_search_counts_exactly_the_posts_that_arrived(temp_home, tmp_path):
    arch, a = _library(temp_home, tmp_path)
    assert _cli(temp_home, "watch", "add", "原神", "原神", "-米哈游")[1]["new"] == 0
    assert _cli(temp_home, "watch", "add", "音乐", "音乐")[0] == 0
    assert main(["--home", str(temp_home), "rule", "add", "剧透", "--do", "hide"]) == 0
    assert main(["--home", str(temp_home), "block", "add", "坏人"]) == 0
    write_thread(a, BEFORE + ARRIVED, op="甲")
    write_thread(arch / "外野" / "8002-01[别的].md", [(1, "辛", "2024-1-3 4:00", "原神和米哈游")])
    code, update = _cli(temp_home, "update")
    assert {w["name"]: w["new"] for w in update["watches"]} == {"原神": 2, "音乐": 1}
    # the independent count: new posts whose text has 原神 and not 米哈游, not by a blocked
    # user, not hidden by the rule 剧透
    before = {(1, "甲"), (2, "乙"), (3, "丙")}
    expected = [p for p in _raw_posts(arch) if (p[1], p[2]) not in before or p[0] != 8001]
    expected = [p for p in expected if "原神" in p[3] and "米哈游" not in p[3]
                and p[2] != "坏人" and "剧透" not in p[3]]
    code, listed = _cli(temp_home, "watch", "list")
    by_name = {w["name"]: w for w in listed}
    assert by_name["原神"]["new"] == len(expected) == 2
    assert by_name["原神"]["total"] == 6  # 1, 3, 4, 5, 6, 8 (blocked and hidden ones included)
    assert by_name["原神"]["last_seen_at"] is None
    assert set(by_name["原神"]) == {"name", "query", "new", "total", "total_is_estimate",
                                    "last_seen_at"}
    code, new = _cli(temp_home, "search", "--saved", "原神", "--new")
    assert [(h["tid"], h["floor"]) for h in new["new_hits"]] == [(8001, 8), (8001, 4)]
    # --new only looks; opening lists the new first and marks them seen
    code, opened = _cli(temp_home, "search", "--saved", "原神")
    assert [h["floor"] for h in opened["new_hits"]] == [8, 4]
    assert {h["floor"] for h in opened["hits"]} == {1, 3, 5, 6}
    code, listed = _cli(temp_home, "watch", "list")
    assert {w["name"]: w["new"] for w in listed} == {"原神": 0, "音乐": 1}
    assert {w["name"]: w["last_seen_at"] is not None for w in listed} == {"原神": True, "音乐": False}


def test_saved_searches_survive_a_reimport_and_travel_in_the_user_data_backup(temp_home, tmp_path):
    arch, a = _library(temp_home, tmp_path)
    _cli(temp_home, "watch", "add", "原神", "原神")
    backup = tmp_path / "backup.json"
    code, counts = _cli(temp_home, "userdata", "export", str(backup))
    assert counts["saved_searches"] == 1
    assert json.loads(backup.read_text(encoding="utf-8"))["saved_searches"][0]["query"] == "原神"
    _cli(temp_home, "import", "--reread", str(arch))
    assert [w["name"] for w in _cli(temp_home, "watch", "list")[1]] == ["原神"]
    other = tmp_path / "other"
    other.mkdir()
    _cli(other, "import", str(arch))
    code, counts = _cli(other, "userdata", "import", str(backup))
    assert counts["saved_searches"] == 1
    (w,) = _cli(other, "watch", "list")[1]
    assert (w["name"], w["query"], w["new"], w["total"]) == ("原神", "原神", 0, 2)


def test_watch_errors_say_what_to_do(temp_home, tmp_path, capsys):
    _library(temp_home, tmp_path)
    assert main(["--home", str(temp_home), "watch", "add", "空", "author:甲"]) == 1
    assert "type at least one word" in capsys.readouterr().err
    assert main(["--home", str(temp_home), "search", "--saved", "没有"]) == 1
    assert "watch list" in capsys.readouterr().err
