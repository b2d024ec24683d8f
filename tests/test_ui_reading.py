"""Reading position and unread markers survive closing and reopening the window."""

from __future__ import annotations

from conftest import BIG_TID

from reader.store import readstate


def test_position_survives_reopen(library_home, make_window, qtbot):
    window = make_window(BIG_TID)
    window.view.go_to_floor(4321)
    window.close()  # saves the position
    position = readstate.get_position(BIG_TID)
    assert position.last_floor == 4321 and position.read_floor > 4321  # the posts on screen
    again = make_window()  # reopens the last thread at its first unread post
    assert again.tid == BIG_TID
    assert again.view.top_floor() == position.read_floor + 1


def test_posts_above_last_visit_are_new(library_home, make_window):
    from reader.store.models import database

    window = make_window(BIG_TID)
    window.close()
    # pretend the last visit saw only up to floor 30000
    database.execute_sql("UPDATE read_state SET seen_max_floor = 30000 WHERE tid = ?", (BIG_TID,))
    again = make_window(BIG_TID)
    model = again.view.thread_model
    assert not model.is_new(model.row_for_floor(30000))
    assert model.is_new(model.row_for_floor(30001))


def test_demo_thread_when_library_empty(make_window):
    from reader.config import demo_files

    window = make_window()
    if not demo_files():
        assert window.tid is None
        return
    assert window.tid == 9999999
    assert window.banner.isVisibleTo(window)
    assert window.view.thread_model.rowCount() > 5
