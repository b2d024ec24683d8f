"""The small things of issue 29: a colour that is not one is refused, a digest line is what a
post says (not an attachment's file name), the import summary counts the files that failed, the
link dialog is as wide as a link."""

from __future__ import annotations

import json

import pytest
from support import write_thread

from reader.cli import main
from reader.store.db import close_library


@pytest.fixture(autouse=True)
def _closed():
    yield
    close_library()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_highlight_refuses_a_colour_that_is_not_one(tmp_path, capsys):
    code, _, err = run(capsys, "highlight", "add", "甲", "--color", "notacolor")
    assert code == 1 and "not a colour: notacolor" in err
    for given, kept in (("#e8a317", "#e8a317"), ("#ABC", "#aabbcc"), ("Orange", "#ffa500")):
        code, out, err = run(capsys, "highlight", "add", "甲", "--color", given, "--json")
        assert code == 0, err
        assert json.loads(out)["color"] == kept
    # what is kept survives a backup and its import
    backup = tmp_path / "b.json"
    assert run(capsys, "userdata", "export", str(backup))[0] == 0
    code, _, err = run(capsys, "userdata", "import", str(backup))
    assert code == 0, err


def test_a_digest_line_is_what_the_post_says_not_an_attachment_name(tmp_path, capsys):
    body = ("<strong>c.jpeg</strong> (36.54 KB, 下载次数: 3)\n\n下载附件\n\n2023-5-20 14:10 上传\n\n"
            "这是正文第一句")
    src = write_thread(tmp_path / "arch" / "外野" / "503-01[附件].md",
                       [(1, "甲", "2024-1-2 3:04", body), (2, "乙", "2024-1-2 3:05", "回复")], op="甲")
    assert run(capsys, "import", str(src))[0] == 0
    code, out, err = run(capsys, "digest", "503", "--json")
    assert code == 0, err
    firsts = [p["first_line"] for p in json.loads(out)["op"]["first_posts"]]
    assert firsts == ["这是正文第一句"]


def test_the_import_summary_counts_the_failed_files(make_window, qtbot, tmp_path):
    from reader.store.importing.results import ImportFailure, ImportResult
    from reader.ui.translation import install_translator

    window = make_window()
    install_translator("zh_CN")
    try:
        window._imported(ImportResult(files=2, posts_added=5,
                                            failed=[ImportFailure("/x/b.md", 1, "bad date: x")]))
        text = window.statusBar().currentMessage()
        assert text.startswith("2 个文件中已导入 1 个") and "1 个无法导入" in text
        window._imported(ImportResult(files=2, posts_added=5))
        assert window.statusBar().currentMessage().startswith("已导入 2 个文件")
    finally:
        install_translator("en")


def test_board_counts_follow_the_filter(make_window, qtbot, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    open_library(resolve_paths().ensure().db)
    files = [write_thread(tmp_path / "arch" / "游戏区" / f"{tid}-01[{title}].md",
                          [(1, "某人", "2024-1-1 1:00", "一楼")])
             for tid, title in ((4201, "xbox 手柄"), (4202, "xbox 新主机"), (4203, "switch 游戏"))]
    assert not import_paths(files).failed
    window = make_window(4201)
    pane = window.library

    def board_label() -> str:
        return next(pane.proxy.index(b, 0).data() for b in range(pane.proxy.rowCount())
                    if pane.proxy.index(b, 0).data().startswith("游戏区"))

    assert board_label() == "游戏区 (3)"
    pane.filter_box.setText("xbox")
    qtbot.waitUntil(lambda: board_label() == "游戏区 (2 / 3)")
    pane.filter_box.setText("")
    qtbot.waitUntil(lambda: board_label() == "游戏区 (3)")
