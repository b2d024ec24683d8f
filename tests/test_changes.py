"""What a write changed (reader.store.changes) and the window's writes that say it
(reader.store.operations): each names the threads and the kind of user data it touched."""

from __future__ import annotations

import pytest
from support import write_thread

from reader.store import operations, userdata
from reader.store.changes import BOOKMARKS, MARKS, READ_STATE, RULES, Changed, Changes
from reader.store.importing import import_paths


def test_changes_say_what_each_view_asks():
    nothing = Changes()
    assert not nothing and not nothing.library and not nothing.posts_changed(1)
    written = Changes.of_threads([5, 6])
    assert written and written.library and written.thread_changed(5)
    assert written.posts_changed(6) and not written.posts_changed(7)
    assert not written.user_data_changed(BOOKMARKS)
    renamed = Changes.of_threads([5], posts=False)
    assert renamed.thread_changed(5) and not renamed.posts_changed(5)
    everything = Changes.every_thread()
    assert everything.library and everything.posts_changed(12345)
    assert not everything.posts_changed(None)
    marks = Changes.of_user_data(BOOKMARKS, tids=[5])
    assert marks.user_data_changed(BOOKMARKS) and marks.user_data_changed(BOOKMARKS, MARKS)
    assert marks.user_data_changed(BOOKMARKS, tid=5)
    assert not marks.user_data_changed(BOOKMARKS, tid=6)
    assert not marks.user_data_changed(RULES) and not marks.library
    anywhere = Changes.of_user_data(MARKS)
    assert anywhere.user_data_changed(MARKS, tid=6)  # no thread named: about every thread
    with pytest.raises(ValueError):
        Changes.of_user_data("colours")


def test_changes_combine():
    both = Changes.of_threads([1]) | Changes.of_user_data(BOOKMARKS, tids=[2])
    assert both.posts_changed(1) and both.user_data_changed(BOOKMARKS, tid=2)
    assert not both.user_data_changed(BOOKMARKS, tid=1)
    # user data about one thread, with user data about any thread: about any thread
    wide = Changes.of_user_data(BOOKMARKS, tids=[2]) | Changes.of_user_data(MARKS)
    assert wide.user_data_changed(BOOKMARKS, tid=3)
    # nothing of user data on one side keeps the other side's threads
    assert (Changes() | Changes.of_user_data(READ_STATE, tids=[4])).user_data_of == {4}
    assert (Changes(media=True) | Changes()).media


@pytest.fixture
def two_threads(library, tmp_path):
    posts = [(n, f"用户{n}", f"2024-3-1 10:{n:02d}", f"第{n}楼") for n in range(1, 6)]
    files = [write_thread(tmp_path / "外野" / f"{tid}-01[线程{tid}].md", posts)
             for tid in (8801, 8802)]
    assert not import_paths(files).failed
    return files


def test_each_write_says_what_it_changed(two_threads):
    visit = operations.visit_thread(8801)
    assert visit.value is None  # a first visit
    assert visit.changes == Changes.of_user_data(READ_STATE, tids=[8801])
    assert operations.visit_thread(8801).value.seen_max_floor == 5
    assert operations.save_position(8801, 3).changes.user_data_changed(READ_STATE, tid=8801)

    added = operations.add_bookmark(8802, 2, "好", ["甲"], author="用户2")
    assert isinstance(added, Changed) and added.value.floor == 2
    assert added.changes == Changes.of_user_data(BOOKMARKS, tids=[8802])
    removed = operations.remove_bookmark(added.value.id)
    assert removed.value.note == "好" and userdata.list_bookmarks() == []
    assert operations.restore_bookmark(removed.value).changes.user_data_changed(BOOKMARKS, tid=8802)
    assert [b.note for b in userdata.list_bookmarks()] == ["好"]

    assert operations.mark_user("用户3", "block").changes == Changes.of_user_data(MARKS)
    assert operations.unmark_users(["用户3", "无人"], "block").value == 1
    assert not operations.unmark_users(["无人"], "block").changes  # nothing removed, no change
    rule = operations.add_rule("广告", False, "title", "hide")
    assert rule.changes == Changes.of_user_data(RULES)
    assert operations.remove_rules([rule.value.id]).value == 1


def test_an_import_names_the_threads_it_wrote(library, two_threads, tmp_path):
    posts = [(n, "丙", f"2024-4-1 10:{n:02d}", f"新楼{n}") for n in range(1, 4)]
    new = write_thread(tmp_path / "外野" / "8803-01[新的].md", posts)
    changed = operations.import_into_library(lambda: import_paths([new]))
    assert changed.value.posts_added == 3
    assert 8803 in changed.changes.threads and changed.changes.posts_changed(8803)
    # a re-import of unchanged files writes nothing
    again = operations.import_into_library(lambda: import_paths([new]))
    assert again.value.posts_added == 0
