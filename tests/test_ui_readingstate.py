"""The thread view's reading state lives in its model: marks, peeks, find text and the flash
are read through the model's roles and changed through its methods, and the view shows each
change (heights, highlighted text, the flash) without being told twice."""

from __future__ import annotations

import pytest
from support import write_thread

from reader.store.importing import import_paths
from reader.store.postmarks import UserMarks

TID = 900071
POSTS = [(1, "甲", "2024-3-1 10:00", "开帖说两句"), (2, "乙", "2024-3-1 10:05", "二楼说点别的"),
         (3, "丙", "2024-3-1 10:06", "三楼也来"), (4, "乙", "2024-3-1 10:07", "乙又来了")]


@pytest.fixture
def view(tmp_path, qtbot):
    from reader.config import resolve_paths
    from reader.store.db import close_library, open_library
    from reader.ui.app import _application
    from reader.ui.palette import LIGHT
    from reader.ui.thread.view import ThreadView

    open_library(resolve_paths().ensure().db)
    path = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[状态].md", POSTS, op="甲")
    assert not import_paths([path]).failed
    _application()
    v = ThreadView()
    qtbot.addWidget(v)
    v.resize(800, 900)
    v.set_colors(LIGHT)
    v.show()
    qtbot.waitExposed(v)
    v.open_thread(TID)
    yield v
    close_library()


def _row(view, floor: int) -> int:
    return view.thread_model.row_for_floor(floor)


def test_blocking_collapses_the_rows_and_a_peek_opens_one(view):
    from reader.ui.thread.model import PostRole

    model = view.thread_model
    row = _row(view, 2)
    full = view.rowHeight(row)
    model.set_marks(UserMarks(blocked={"乙"}))
    assert model.index(row).data(PostRole.COLLAPSED) == "block"
    assert model.index(_row(view, 4)).data(PostRole.COLLAPSED) == "block"
    assert model.index(_row(view, 3)).data(PostRole.COLLAPSED) is None
    assert view.rowHeight(row) < full  # laid out again as one line
    view.delegate.link_activated.emit(f"peek:{row}")  # a click on the collapsed row
    assert model.index(row).data(PostRole.COLLAPSED) is None
    assert view.rowHeight(row) == full
    assert model.index(_row(view, 4)).data(PostRole.COLLAPSED) == "block"  # only that one


def test_find_text_is_highlighted_in_every_post_until_cleared(view):
    from reader.ui.thread.model import PostRole

    model, d = view.thread_model, view.delegate
    row = _row(view, 3)
    d.document(row)  # laid out before the find
    model.set_find_text("三楼")
    assert model.index(row).data(PostRole.MARK_TEXT) == "三楼"
    assert "#ffe08a" in d.document(row).toHtml()  # rendered again with the mark
    model.set_find_text(None)
    assert model.index(row).data(PostRole.MARK_TEXT) is None
    assert "#ffe08a" not in d.document(row).toHtml()


def test_a_jump_flashes_the_post_then_fades(view, qtbot):
    from reader.ui.thread.model import PostRole

    model = view.thread_model
    pid = model.ids[_row(view, 3)]
    view.show_post(pid)
    assert model.index(_row(view, 3)).data(PostRole.FLASH) > 0
    assert model.index(_row(view, 2)).data(PostRole.FLASH) == 0
    qtbot.waitUntil(lambda: model.index(_row(view, 3)).data(PostRole.FLASH) == 0, timeout=5000)


def test_marks_that_hide_posts_apply_as_the_thread_opens(view):
    model = view.thread_model
    model.set_marks_source(lambda tid, rows: UserMarks(
        hidden_posts={pid for pid, author in rows if author == "乙"}))
    view.open_thread(TID)
    assert [model.author(r) for r in range(model.rowCount())] == ["甲", "丙"]
    model.set_marks_source(None)
