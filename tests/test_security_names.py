"""Look-alike names (issue 30 item 5): a zero-width joiner or another invisible character does not
get a name past the block list, and bidi controls in a name or title are shown, not obeyed."""

from __future__ import annotations

from support import write_thread

from reader.store.importing import import_paths

TID = 900071
JOINED = "坏\u200d人"  # looks exactly like 坏人
ADMIN = "管理\u202e员"  # shows as 管理员 when the override is obeyed
EXE = "\u202etxt.exe"  # shows as exe.txt


def _library(tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    f = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[{EXE}].md",
                     [(1, ADMIN, "2024-3-1 10:00", "一楼"), (2, JOINED, "2024-3-1 10:01", "坏话"),
                      (3, "坏\u200b人\ufeff", "2024-3-1 10:02", "更多坏话"), (4, "好人", "2024-3-1 10:03", "好话")],
                     op=ADMIN)
    assert not import_paths([f]).failed


def test_invisible_characters_do_not_get_a_name_past_the_block_list(tmp_path):
    from reader.store import queries, userdata
    from reader.store.names import name_key
    from reader.store.postmarks import BLOCK_HIDE, UserMarks

    _library(tmp_path)
    userdata.mark_user("坏人", "block")
    userdata.mark_user("管理员", "highlight", color="#ff0000")
    assert name_key(JOINED) == name_key("坏\u200b人\ufeff") == "坏人"
    blocked = userdata.blocked_names()
    assert JOINED in blocked and "坏\u200b人\ufeff" in blocked and "好人" not in blocked
    rows = [(p.id, p.author) for p in queries.thread_posts(TID)]
    marks = UserMarks.load(TID, BLOCK_HIDE, rows)
    hidden = {author for pid, author in rows if pid in marks.hidden_posts}
    assert hidden == {JOINED, "坏\u200b人\ufeff"}
    assert marks.highlights.get(ADMIN) == "#ff0000"  # an override does not hide a name either
    assert userdata.unmark_user(JOINED, "block")  # unblocking the spelling seen removes it
    assert not userdata.blocked_names()


def test_the_window_collapses_look_alikes_and_shows_bidi_controls(tmp_path, make_window):
    from reader.store import userdata

    _library(tmp_path)
    userdata.mark_user("坏人", "block")
    window = make_window(TID)
    model = window.view.thread_model
    collapsed = {model.post(r).floor: model.state.collapsed(model.post(r).id, model.post(r).author)
                 for r in range(model.rowCount())}
    assert collapsed == {1: None, 2: "block", 3: "block", 4: None}
    # a title or name with an override is shown with the control visible, never reordered
    assert window.title_label.text() == "[U+202E]txt.exe"
    assert "[U+202E]" in window.windowTitle()
    source = window.library.source
    titles = [source.item(r, 0).child(c, 0).text() for r in range(source.rowCount())
              for c in range(source.item(r, 0).rowCount())]
    assert titles == ["[U+202E]txt.exe"]
    from reader.ui.thread.posthtml import clean

    assert clean(ADMIN) == "管理[U+202E]员"
