"""The command line never prints a post's control characters to the terminal (issue 30 item 6):
an escape sequence in a post, a title or a name is shown as ``\\x1b``, a right-to-left override as
``\\u202e``; ``--json`` stays valid and decodes to the exact text."""

from __future__ import annotations

import json

from support import write_thread

from reader.cli import main

TID = 4701
HOSTILE = "清屏\x1b[2J\x1b]0;假标题\x07响铃\x9b31m红&#13;CR\u202etxt.exe"  # as the file says
TEXT = HOSTILE.replace("&#13;", "\r")  # as the post says
UNSAFE = "\x1b\x07\x9b\r\u202e"


def _import(tmp_path, capsys) -> None:
    f = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[标题\x1b[5m闪].md",
                     [(1, "甲\x1b[8m", "2024-5-1 10:00", HOSTILE), (2, "乙", "2024-5-1 10:01", "正常")],
                     op="甲\x1b[8m")
    assert main(["import", "-q", str(f)]) == 0
    capsys.readouterr()


def test_show_and_threads_print_control_characters_visibly(tmp_path, capsys):
    _import(tmp_path, capsys)
    for argv in (["show", str(TID)], ["threads"], ["search", "清屏"], ["author", "甲\x1b[8m"]):
        assert main(argv) == 0, argv
        out = capsys.readouterr().out
        assert not any(c in out for c in UNSAFE), (argv, out)
        assert "\\x1b[" in out, (argv, out)
    assert main(["show", str(TID)]) == 0
    out = capsys.readouterr().out
    assert "清屏\\x1b[2J\\x1b]0;假标题\\x07响铃\\x9b31m红\\x0dCR\\u202etxt.exe" in out


def test_json_output_keeps_the_exact_text_and_prints_no_control_character(tmp_path, capsys):
    _import(tmp_path, capsys)
    assert main(["show", str(TID), "--json"]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in UNSAFE)
    data = json.loads(out)
    assert data["posts"][0]["blocks"][0]["runs"][0]["text"] == TEXT
    assert data["thread"]["title"] == "标题\x1b[5m闪"
