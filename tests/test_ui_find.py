"""Find in thread on the 30,232-post thread: off the GUI thread, the first match shown from the
reader's place, the count growing as the rest come, each keystroke a new search, and a match in a
blocked user's collapsed post opened so that it can be seen."""

from __future__ import annotations

import pytest
from conftest import BIG_TID

from reader.parse.codec import plain_text


def _holds(post, text: str) -> bool:
    own, quoted = plain_text(post.blocks)
    return text.lower() in (own + "\n" + quoted).lower()


def _truth(window, text: str) -> list[int]:
    """Every post of the open thread holding ``text``, read one by one (what find must list)."""
    from reader.store import queries

    model = window.view.thread_model
    ids = [p for p in model.all_ids if p not in model.hidden]
    posts = {p.id: p for p in queries.load_posts(ids)}
    return [p for p in ids if _holds(posts[p], text)]


@pytest.fixture
def window(library_home, make_window):
    return make_window(BIG_TID, 15000)


def _find(window, qtbot, text: str):
    finder = window.reading.finder
    window.reading.find()
    window.reading.find_bar.box.setText(text)
    return finder


@pytest.mark.parametrize("text", ["冰蛙", "大展宏图", "ota", "？？"])
def test_the_first_match_after_the_reader_is_shown_then_every_match_is_counted(window, qtbot, text):
    expected = _truth(window, text)
    assert len(expected) > 3
    model = window.view.thread_model
    top = model.full_row(model.ids[window.view.top_row()])
    finder = _find(window, qtbot, text)
    # the search runs on the pool: typing returned before any match was known
    assert finder.searching and finder.matches == []
    qtbot.waitUntil(lambda: not finder.searching, timeout=30000)
    assert finder.matches == expected
    # the match shown is the first one at or after where the reader was
    after = [p for p in expected if model.full_row(p) >= top] or expected
    shown = model.ids[window.view.current_row()]
    assert shown == after[0] and _holds(model.post(window.view.current_row()), text)
    assert window.reading.find_bar.count.text() == f"{expected.index(after[0]) + 1} of {len(expected)}"
    # F3 goes on to the next match, Shift+F3 back
    window.reading.find_next()
    assert model.ids[window.view.current_row()] == expected[(expected.index(after[0]) + 1) % len(expected)]
    window.reading.find_previous()
    assert model.ids[window.view.current_row()] == after[0]


def test_each_keystroke_searches_again_and_the_last_text_wins(window, qtbot):
    finder = window.reading.finder
    window.reading.find()
    box = window.reading.find_bar.box
    for text in ("大", "大展", "大展宏", "大展宏图"):
        box.setText(text)  # no wait between keystrokes: the earlier searches are cancelled
    qtbot.waitUntil(lambda: not finder.searching, timeout=30000)
    assert box.text() == "大展宏图"
    assert finder.matches == _truth(window, "大展宏图")


def test_a_match_in_a_blocked_users_post_is_opened(window, qtbot):
    from support import written

    from reader.store import operations

    model = window.view.thread_model
    expected = _truth(window, "冰蛙")
    # block the author of a match after the reader's place
    top = model.full_row(model.ids[window.view.top_row()])
    target = next(p for p in expected if model.full_row(p) >= top)
    author = model.all_authors[model.full_row(target)]
    window.ops.write(operations.mark_user, author, "block")  # as the context menu's Block does
    written(qtbot, window)
    assert model.collapsed(model.row_for_post(target)) == "block"
    finder = _find(window, qtbot, "冰蛙")
    qtbot.waitUntil(lambda: finder.current is not None, timeout=30000)
    row = window.view.current_row()
    assert model.ids[row] == target
    assert model.collapsed(row) is None  # opened: the reader sees the match
    assert _holds(model.post(row), "冰蛙")
