"""User data that must never be lost: bookmarks, block/highlight lists, rules, reading positions."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from support import corpus_root, files_per_thread, write_thread

from reader.cli import main
from reader.store import authors, queries, readstate, userdata
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.models import database


@pytest.fixture
def library(tmp_path):
    open_library(tmp_path / "library.sqlite3")
    yield tmp_path
    close_library()


def _attached(b: userdata.BookmarkInfo) -> tuple:
    post = queries.load_posts([b.post_id])[0]
    return (post.tid, post.floor, post.author, b.note, b.tags)


@pytest.mark.corpus
def test_bookmarks_survive_reimports_and_a_deleted_thread(library):
    root = corpus_root()
    import_paths([root])
    picks = [(2130813, 1000), (2130813, 15000), (2274815, 3)]
    for t in queries.list_threads()[:7]:
        picks.append((t.tid, queries.thread_posts(t.tid, limit=1)[0].floor))
    made = [userdata.add_bookmark(tid, floor, note=f"note {i}", tags=["t", str(i)])
            for i, (tid, floor) in enumerate(picks)]
    assert len({b.id for b in made}) == 10
    before = [_attached(b) for b in userdata.list_bookmarks(order="thread")]
    for _ in range(2):
        import_paths([root])
    assert [_attached(b) for b in userdata.list_bookmarks(order="thread")] == before
    # delete a thread's rows entirely, then re-import its files: still attached
    with database.atomic():
        database.execute_sql("DELETE FROM post WHERE tid = 2130813")
        database.execute_sql("DELETE FROM source_file WHERE tid = 2130813")
        database.execute_sql("DELETE FROM thread WHERE tid = 2130813")
    gone = [b for b in userdata.list_bookmarks() if b.tid == 2130813]
    assert len(gone) == 2 and all(b.missing and b.note for b in gone)  # kept, shown as missing
    import_paths([root])
    assert [_attached(b) for b in userdata.list_bookmarks(order="thread")] == before


def test_bookmark_edit_remove_undo_and_filters(library, tmp_path):
    f = write_thread(tmp_path / "外野" / "5-01[书签].md",
                     [(1, "甲", "2024-1-1 1:00", "第一楼"), (2, "乙", "2024-1-1 1:01", "第二楼 有趣")])
    import_paths([f])
    b1 = userdata.add_bookmark(5, 1, note="开头")
    b2 = userdata.add_bookmark(5, 2, note="有意思", tags="好,笑")
    assert userdata.add_bookmark(5, 2, note="改了").id == b2.id  # same post: updated, not duplicated
    assert [b.id for b in userdata.list_bookmarks(tag="笑")] == [b2.id]
    assert [b.id for b in userdata.list_bookmarks(text="第二楼")] == [b2.id]
    assert userdata.update_bookmark(b1.id, note="新注").note == "新注"
    removed = userdata.remove_bookmark(b2.id)
    assert [b.id for b in userdata.list_bookmarks()] == [b1.id]
    userdata.restore_bookmark(removed)
    again = userdata.get_bookmark(b2.id)
    assert (again.note, again.tags, again.created_at) == (removed.note, removed.tags, removed.created_at)
    with pytest.raises(userdata.UserDataError, match="no post at floor 9"):
        userdata.add_bookmark(5, 9)


def test_export_to_a_fresh_home_and_import_is_identical_and_merges(tmp_path, capsys, monkeypatch):
    f = write_thread(tmp_path / "arch" / "外野" / "6-01[备份].md",
                     [(1, "甲", "2024-1-1 1:00", "a"), (2, "乙", "2024-1-1 1:01", "b")])
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "old"))
    assert main(["import", "-q", str(f)]) == 0
    assert main(["bookmark", "add", "6", "2", "--note", "记住", "--tag", "x"]) == 0
    assert main(["block", "add", "乙", "--note", "吵"]) == 0
    assert main(["highlight", "add", "甲", "--color", "#ff0000"]) == 0
    assert main(["rule", "add", "原神", "--do", "hide"]) == 0
    readstate.save_position(6, 2)
    backup = tmp_path / "backup.json"
    assert main(["userdata", "export", str(backup)]) == 0
    capsys.readouterr()
    dump_old = {k: v for k, v in json.loads(backup.read_text()).items() if k != "exported_at"}
    close_library()
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "new"))
    assert main(["import", "-q", str(f)]) == 0
    assert main(["userdata", "import", str(backup)]) == 0
    assert main(["userdata", "import", str(backup)]) == 0  # twice: merged, no duplicates
    capsys.readouterr()
    again = tmp_path / "again.json"
    assert main(["userdata", "export", str(again)]) == 0
    dump_new = {k: v for k, v in json.loads(again.read_text()).items() if k != "exported_at"}
    assert dump_new == dump_old
    capsys.readouterr()
    assert main(["bookmark", "list", "--json"]) == 0
    [b] = json.loads(capsys.readouterr().out)
    assert (b["tid"], b["floor"], b["author"], b["note"], b["missing"]) == (6, 2, "乙", "记住", False)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}')
    assert main(["userdata", "import", str(bad)]) == 1
    assert "not an s1reader user-data backup" in capsys.readouterr().err
    close_library()


@pytest.mark.corpus
def test_author_counts_equal_an_independent_count_from_the_raw_files(library):
    root = corpus_root()
    import_paths([root])
    header = re.compile(r"^####\s+(.*?)\s*\n##### (\d+)#.*?发表于 (\S+ \S+)\s*$", re.M)
    for tid in ("2130813", "2274815", "2064223"):
        seen = set()
        for path in files_per_thread()[tid]:
            text = (root / path).read_text(encoding="utf-8-sig")
            seen.update(header.findall(text))
        expected = Counter(name for name, _floor, _when in seen)
        got = dict(authors.thread_authors(int(tid)))
        assert got == dict(expected), tid
        counts = [n for _, n in authors.thread_authors(int(tid))]
        assert counts == sorted(counts, reverse=True)
    name, n = authors.thread_authors(2130813)[0]
    page = authors.author_page(name)
    assert page.posts >= n and any(t["tid"] == 2130813 and t["posts"] == n for t in page.threads)
    assert sum(b["posts"] for b in page.boards) == page.posts


def test_block_and_highlight_lists_survive_reimport_and_expire(library, tmp_path):
    f = write_thread(tmp_path / "外野" / "7-01[x].md", [(1, "甲", "2024-1-1 1:00", "a")])
    import_paths([f])
    userdata.mark_user("甲", "block", note="noisy")
    userdata.mark_user("丙", "block", days=-1)  # already expired
    userdata.mark_user("乙", "highlight", color="#00aa00")
    import_paths([f])
    assert userdata.blocked_names() == {"甲"}
    assert userdata.highlight_colors() == {"乙": "#00aa00"}
    assert userdata.unmark_user("甲", "block") and userdata.blocked_names() == set()
    rule = userdata.add_rule(r"原\s*神", is_regex=True, action="hide")
    assert rule.matches("今天 原 神") and not rule.matches("原来")
    with pytest.raises(userdata.UserDataError, match="regular expression"):
        userdata.add_rule("(", is_regex=True)
