"""A library the size of an archive year in the window: the thread comes first, the list of
13,000 threads right after it, boards A→Z, and the filter waits for a pause in typing."""

from __future__ import annotations

from pathlib import Path

from support import write_thread
from ui_library import small_library

from reader.ui.librarypane import FILTER_PAUSE_MS, TID_ROLE

BOARDS = ["游戏区", "外野", "漫区", "虚拟主播区专楼"]


def _many_threads(n: int) -> None:
    """Thread rows as the importer leaves them (no posts: listing reads only the thread table)."""
    from reader.store.models import database

    with database.atomic():
        for name in BOARDS:
            database.execute_sql("INSERT OR IGNORE INTO board (name) VALUES (?)", (name,))
        ids = dict(database.execute_sql("SELECT name, id FROM board").fetchall())
        database.connection().executemany(
            "INSERT INTO thread (tid, title, board_id, reachable, title_from_content, post_count, "
            "max_floor, first_post_at, last_post_at) VALUES (?, ?, ?, 1, 0, ?, ?, ?, ?)",
            [(900000 + i, f"第{i}号讨论楼 {'高达' if i % 1000 == 7 else '杂谈'}", ids[BOARDS[i % 4]],
              i % 50 + 1, i % 50 + 1, "2023-01-01 00:00:00",
              f"2023-{i % 12 + 1:02d}-{i % 28 + 1:02d} 12:00:00") for i in range(n)])


def _listed(pane) -> dict[str, list[int]]:
    out = {}
    for b in range(pane.proxy.rowCount()):
        board = pane.proxy.index(b, 0)
        name = str(board.data()).rsplit(" (", 1)[0]
        out[name] = [pane.proxy.index(r, 0, board).data(TID_ROLE) for r in range(pane.proxy.rowCount(board))]
    return out


def test_a_year_sized_library_lists_after_the_thread_and_filters_after_a_pause(make_window, qtbot, tmp_path: Path):
    from reader.config import resolve_paths
    from reader.store.db import close_library, open_library

    open_library(resolve_paths().ensure().db)
    small_library(tmp_path / "arch")
    _many_threads(3000)
    close_library()
    window = make_window(tid=4101)
    # the thread is open at once; the library fills after its first paint
    assert window.view.thread_model.tid == 4101
    qtbot.waitUntil(lambda: sum(len(v) for v in _listed(window.library).values()) == 3002, timeout=5000)
    listed = _listed(window.library)
    assert list(listed) == sorted(listed)  # boards A→Z while threads are newest first
    assert window.library.selected_tid() == 4101
    # typing: nothing is filtered until the pause, then only the matching titles remain
    box = window.library.filter_box
    box.setText("高达")
    assert sum(len(v) for v in _listed(window.library).values()) == 3002
    qtbot.wait(FILTER_PAUSE_MS + 100)
    shown = sorted(t for v in _listed(window.library).values() for t in v)
    assert shown == sorted([4101] + [900000 + i for i in range(3000) if i % 1000 == 7])


def test_a_small_library_filters_at_once(make_window, tmp_path: Path):
    from reader.config import resolve_paths
    from reader.store.db import close_library, open_library
    from reader.store.importing import import_paths

    open_library(resolve_paths().ensure().db)
    import_paths([write_thread(tmp_path / "外野" / "77-01[高达].md", [(1, "甲", "2024-1-1 1:00", "a")]),
                             write_thread(tmp_path / "外野" / "78-01[原神].md", [(1, "乙", "2024-1-1 1:00", "b")])])
    close_library()
    window = make_window()
    assert sorted(t for v in _listed(window.library).values() for t in v) == [77, 78]
    # (the board's rows were listed before: Qt kept them hidden after the filter changed)
    window.library.filter_box.setText("原神")
    assert [t for v in _listed(window.library).values() for t in v] == [78]
