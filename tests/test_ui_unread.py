"""Unread counts follow what the reader has seen, not the floor at the top of the screen: a post
is read once its end has been on screen (or the reader went past it), going back never makes it
unread, the unread posts of a thread read to the end are those added since, and a thread reopens
at its first unread post (where the reader left off when nothing is new). The library, the
command line and the digest's chart count alike."""

from __future__ import annotations

import json

import pytest
from support import write_thread, written

TID = 4201


def _posts(n: int) -> list[tuple[int, str, str, str]]:
    return [(k, f"作者{k % 5}", f"2024-4-{1 + k // 40} {k % 24}:{k % 60:02d}", f"第{k}楼的内容") for k in range(1, n + 1)]


@pytest.fixture
def thread_file(tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    open_library(resolve_paths().ensure().db)
    path = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[未读测试].md", _posts(60))
    assert not import_paths([path]).failed
    return path


def _saved(window, qtbot) -> None:
    """The window's reading position written (an operation the window never waits for) and
    what it changed published (the library's row is updated from it)."""
    window.save_position()
    written(qtbot, window)


def _library_unread(window) -> str:
    from reader.ui.librarypane import TID_ROLE

    source = window.library.source
    for b in range(source.rowCount()):
        board = source.item(b, 0)
        for r in range(board.rowCount()):
            if board.child(r, 0).data(TID_ROLE) == TID:
                return board.child(r, 3).text()
    raise AssertionError("thread not listed")


def _cli_unread(capsys) -> int:
    from reader.cli import main

    assert main(["threads", "--json"]) == 0
    return next(t["unread"] for t in json.loads(capsys.readouterr().out) if t["tid"] == TID)


def test_unread_counts_what_was_seen_and_reopening_starts_at_the_first_new_post(
        thread_file, make_window, qtbot, capsys):
    from reader.store.importing import import_paths

    window = make_window(TID)
    qtbot.waitUntil(lambda: window.view.seen_floor() > 0)
    seen = window.view.seen_floor()
    assert 1 < seen < 60
    _saved(window, qtbot)
    assert _library_unread(window) == str(60 - seen) == str(_cli_unread(capsys))
    # End: every post has been on screen, nothing is unread (5 still were, counted from the top)
    window.view.scroll_to_end()
    _saved(window, qtbot)
    assert window.read_floor == 60
    assert _library_unread(window) == "" and _cli_unread(capsys) == 0
    # going back never makes posts unread again
    window.view.go_to_floor(16)
    _saved(window, qtbot)
    assert window.view.top_floor() == 16
    assert _library_unread(window) == "" and _cli_unread(capsys) == 0
    window.close()
    # 15 posts are added: exactly those are unread, and the thread reopens at the first of them
    write_thread(thread_file, _posts(75))
    assert not import_paths([thread_file]).failed
    again = make_window(TID)
    assert _cli_unread(capsys) == 15 and _library_unread(again) == "15"
    assert again.view.top_floor() == 61
    model = again.view.thread_model
    assert model.is_new(model.row_for_floor(61)) and not model.is_new(model.row_for_floor(60))
    # reading them: the count goes down to what is still below the screen
    again.view.scroll_to_end()
    _saved(again, qtbot)
    assert _library_unread(again) == "" and _cli_unread(capsys) == 0
    # nothing new: the thread reopens where the reader left off
    again.view.go_to_floor(30)
    again.close()
    third = make_window(TID)
    assert third.view.top_floor() == 30


def test_the_digest_chart_shows_the_same_unread_posts(thread_file, make_window, qtbot):
    window = make_window(TID)
    window.view.go_to_floor(40)
    window.view.go_to_floor(5)  # went past 40, then back
    window.show_page("digest")
    chart = window.digest_flow.panel.chart
    qtbot.waitUntil(lambda: bool(chart.columns), timeout=10000)
    read = window.read_floor
    assert read > 40
    assert chart.position_floor == 5
    assert chart._unread_from() == chart.column_for_floor(read + 1)
    window.show_page("posts")
    window.view.scroll_to_end()
    window.show_page("digest")
    assert chart._unread_from() is None  # every post read: no unread bar
