"""Keeping the library current in the window (issue 27): Library → Update with its summary, the
open thread growing in place, the 新回复 view and filter, saved searches in the library pane and
the ☆ of the search panel, the folder watcher."""

from __future__ import annotations

from support import write_thread, written

from reader.cli import main
from reader.ui.searchflow import NEW_ROLE

OLD_A = [(f, "甲" if f % 2 else "乙", f"2024-1-2 3:{f:02d}", f"第{f}楼 闲聊") for f in range(1, 41)]
NEW_A = [(f, "丙", f"2024-1-3 3:{f - 40:02d}", f"第{f}楼 原神更新了") for f in range(41, 45)]
OLD_B = [(1, "甲", "2024-1-2 4:00", "原神开服"), (2, "乙", "2024-1-2 4:01", "好耶")]
NEW_B = [(3, "丁", "2024-1-3 4:00", "原神真好玩")] + [
    (f, "戊", f"2024-1-3 5:{f:02d}", f"好耶{f}") for f in range(4, 41)]


def _archive(tmp_path, temp_home):
    arch = tmp_path / "arch"
    a = write_thread(arch / "游戏区" / "9101[闲聊楼]" / "9101-01[闲聊楼].md", OLD_A, op="甲")
    b = write_thread(arch / "游戏区" / "9102[原神楼]" / "9102-01[原神楼].md", OLD_B, op="甲")
    c = write_thread(arch / "外野" / "9103[没看过]" / "9103-01[没看过].md",
                     [(1, "甲", "2024-1-2 5:00", "无关")])
    assert main(["--home", str(temp_home), "import", "-q", str(arch)]) == 0
    assert main(["--home", str(temp_home), "watch", "add", "原神", "原神"]) == 0
    return arch, a, b, c


def _pull(a, b) -> None:
    """What `git pull` does to the two changed files: each removed and written anew."""
    for path, posts in ((a, OLD_A + NEW_A), (b, OLD_B + NEW_B)):
        path.unlink()
        write_thread(path, posts, op="甲")


def _read_to_end(temp_home) -> None:
    from reader.config import resolve_paths
    from reader.store import readstate
    from reader.store.db import close_library, open_library

    open_library(resolve_paths(temp_home).db)
    readstate.save_position(9101, 40, 40)
    readstate.save_position(9102, 2, 2)
    close_library()


def test_update_appends_to_the_open_thread_and_shows_new_replies(temp_home, tmp_path,
                                                                   make_window, qtbot):
    arch, a, b, c = _archive(tmp_path, temp_home)
    _read_to_end(temp_home)
    window = make_window(9101, 20)
    written(qtbot, window)
    top, rows = window.view.top_floor(), window.view.thread_model.rowCount()
    assert rows == 40
    _pull(a, b)
    with qtbot.waitSignal(window.import_flow.updated, timeout=60_000) as done:
        window.actions["update_library"].trigger()
    assert (done.args[0].threads, done.args[0].posts_added) == (2, 42)
    qtbot.waitUntil(lambda: window.view.thread_model.rowCount() == 44, timeout=10_000)
    assert window.view.top_floor() == top  # the reading place is kept
    assert "Updated: 2 threads, 42 new posts." in window.statusBar().currentMessage()
    # 新回复: the opened threads with unread posts, most first
    with qtbot.waitSignal(window.update_flow.new_replies_shown, timeout=10_000):
        window.actions["new_replies"].trigger()
    panel = window.update_flow.panel
    assert panel.rows() == [(9102, 38), (9101, 4)]
    # the library pane's filter shows only those
    window.library.new_only.setChecked(True)
    assert sorted(window.library.visible_tids()) == [9101, 9102]
    window.library.new_only.setChecked(False)
    assert sorted(window.library.visible_tids()) == [9101, 9102, 9103]
    # a row opens its thread at the first unread post
    panel.thread_activated.emit(9102)
    qtbot.waitUntil(lambda: window.tid == 9102, timeout=10_000)
    assert window.view.top_floor() == 3


def test_saved_search_in_the_library_pane_lists_new_hits_first(temp_home, tmp_path,
                                                              make_window, qtbot):
    arch, a, b, c = _archive(tmp_path, temp_home)
    window = make_window(9103)
    written(qtbot, window)
    qtbot.waitUntil(lambda: window.library.watch_texts() == ["☆ 原神"], timeout=10_000)
    _pull(a, b)
    with qtbot.waitSignal(window.library.watches_shown, timeout=60_000):
        window.update_flow.update()
    qtbot.waitUntil(lambda: window.library.watch_texts() == ["☆ 原神  (5)"], timeout=10_000)
    with qtbot.waitSignal(window.search_flow.saved_shown, timeout=10_000) as shown:
        window.library.watch_list.itemClicked.emit(window.library.watch_list.item(0))
    results = window.search_flow.panel.results
    new = [results.item(i).data(NEW_ROLE) for i in range(results.count())]
    assert new == [True] * 5 + [False]  # the five that arrived first, then 原神开服
    assert {h.post_id for h in shown.args[0].new} == set(window.search_flow.panel.post_ids()[:5])
    assert window.search_flow.panel.star.text() == "★"
    qtbot.waitUntil(lambda: window.library.watch_texts() == ["☆ 原神"], timeout=10_000)


def test_the_star_saves_the_search_shown(temp_home, tmp_path, make_window, qtbot):
    from reader.store import watches

    _archive(tmp_path, temp_home)
    window = make_window(9103)
    flow = window.search_flow
    with qtbot.waitSignal(flow.searched, timeout=10_000):
        flow.field.setText("闲聊")
    assert flow.panel.star.text() == "☆"
    flow.panel.star.click()
    written(qtbot, window)
    assert flow.panel.star.text() == "★"
    assert ("闲聊", "闲聊") in watches.saved_queries()
    qtbot.waitUntil(lambda: "☆ 闲聊" in window.library.watch_texts(), timeout=10_000)


def test_the_watcher_updates_after_files_change(temp_home, tmp_path, make_window, qtbot):
    arch, a, b, c = _archive(tmp_path, temp_home)
    window = make_window(9103)
    flow = window.update_flow
    flow.watcher._timer.setInterval(200)
    window.actions["watch_folders"].trigger()
    assert window.actions["watch_folders"].isChecked()
    qtbot.waitUntil(lambda: flow.watcher.watched >= 6, timeout=10_000)  # 1 + 2 boards + 3 threads
    assert not flow.watcher.pending()  # nothing changed: nothing to do
    with qtbot.waitSignal(window.import_flow.updated, timeout=60_000) as done:
        _pull(a, b)
    assert (done.args[0].threads, done.args[0].posts_added) == (2, 42)
    # a new thread folder is watched after the update
    qtbot.waitUntil(lambda: flow.watcher.watched >= 6, timeout=10_000)
    window.actions["watch_folders"].trigger()
    assert not flow.watcher.active
