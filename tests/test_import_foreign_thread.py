"""A file that claims the tid of another thread is reported, never merged (issue 30 item 1): a
copy of a thread shares its first post (floor 1: author and time); a file whose first post is
another is another thread. Copies (the same first post) still merge as before."""

from __future__ import annotations

import json

from support import write_thread

from reader.cli import main

TID = 900600


def _show(capsys) -> tuple[dict, list[dict]]:
    capsys.readouterr()
    assert main(["show", str(TID), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    return data["thread"], data["posts"]


def test_a_foreign_thread_claiming_a_stored_tid_is_reported_not_merged(tmp_path, capsys):
    real = write_thread(tmp_path / "a" / "外野" / f"{TID}-01[原帖标题].md",
                        [(1, "楼主甲", "2024-5-1 10:00", "原帖"), (2, "乙", "2024-5-1 10:01", "回复")],
                        op="楼主甲")
    fake = write_thread(tmp_path / "b" / "漫区" / f"{TID}-01[冒名标题].md",
                        [(1, "冒名者", "2024-6-1 09:00", "冒名的一楼"), (2, "丙", "2024-6-1 09:01", "附和")],
                        op="冒名者")
    copy = write_thread(tmp_path / "c" / "外野" / f"{TID}-01[原帖标题].md",
                        [(1, "楼主甲", "2024-5-1 10:00", "原帖"), (2, "乙", "2024-5-1 10:01", "回复"),
                         (3, "丁", "2024-5-1 10:02", "后来的回复")], op="楼主甲")
    assert main(["import", "-q", str(real)]) == 0
    capsys.readouterr()
    assert main(["import", "-q", "--json", str(fake)]) == 3
    out = capsys.readouterr()
    [failure] = json.loads(out.out)["failed"]
    assert failure["path"] == str(fake) and "another thread" in failure["message"]
    assert "楼主甲" in failure["message"] and "冒名者" in failure["message"]
    thread, posts = _show(capsys)
    assert (thread["title"], thread["board"]) == ("原帖标题", "外野")
    assert [(p["floor"], p["author"]) for p in posts] == [(1, "楼主甲"), (2, "乙")]
    # a loose file whose quote links name the tid is no different
    loose = tmp_path / "d" / "漫区" / "随便的名字.md"
    loose.parent.mkdir(parents=True)
    loose.write_text(fake.read_text(encoding="utf-8").replace(
        "附和", f'<blockquote><a href="https://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;'
        f'goto=findpost&amp;pid=1&amp;ptid={TID}" target="_blank">冒名者 发表于 2024-6-1 09:00</a>\n'
        "冒名的一楼</blockquote>\n附和"), encoding="utf-8")
    assert main(["import", "-q", str(loose)]) == 3
    assert "another thread" in capsys.readouterr().err
    # a real copy (same first post) still merges
    assert main(["import", "-q", str(copy)]) == 0
    _, posts = _show(capsys)
    assert [(p["floor"], p["author"]) for p in posts] == [(1, "楼主甲"), (2, "乙"), (3, "丁")]


def test_two_files_of_one_import_that_disagree_on_the_first_post(tmp_path, capsys):
    a = write_thread(tmp_path / "a" / "外野" / f"{TID}-01[甲].md", [(1, "甲", "2024-5-1 10:00", "一")])
    b = write_thread(tmp_path / "b" / "外野" / f"{TID}-01[乙].md", [(1, "乙", "2024-5-2 10:00", "一")])
    assert main(["import", "-q", "--json", str(b), str(a)]) == 3
    [failure] = json.loads(capsys.readouterr().out)["failed"]
    assert failure["path"] == str(b)  # the order of the paths does not matter: a comes first
    _, posts = _show(capsys)
    assert [(p["floor"], p["author"]) for p in posts] == [(1, "甲")]
