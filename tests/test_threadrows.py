"""A big thread's reading order, packed by the importer: the view gets the same posts in the same
order as from the posts themselves, and never an outdated pack."""

from __future__ import annotations

import pytest
from support import roll_back_schema, write_thread

from reader.store import threadrows
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.models import database
from reader.store.threadrows import thread_rows

TID = 4242


@pytest.fixture
def library(tmp_path, monkeypatch):
    monkeypatch.setattr(threadrows, "PACKED_MIN_POSTS", 5)  # "big" from 5 posts on
    db = open_library(tmp_path / "home" / "library.sqlite3")
    yield db
    close_library()


# floor 3 twice (a repeated floor number, as archives have): reading order is floor, then time
POSTS = [
    (1, "楼主甲", "2024-1-1 08:00", "开楼"),
    (2, "乙", "2024-1-1 08:05", "二楼"),
    (3, "丙", "2024-1-1 09:00", "后发的三楼"),
    (3, "丁", "2024-1-1 08:30", "先发的三楼"),
    (5, "乙", "2024-1-2 10:00", "五楼"),
    (4, "戊", "2024-1-1 12:00", "四楼"),
]


def _name(tid: int, part: int) -> str:
    return f"{tid}-{part:02d}[大楼 {tid}].md"


def _order_from_posts(tid):
    """The reading order straight from the post table (what the view showed before packs)."""
    return database.execute_sql(
        "SELECT p.floor, a.name, p.is_op FROM post p JOIN author a ON a.id = p.author_id "
        "WHERE p.tid = ? ORDER BY p.floor, p.posted_at, p.id", (tid,)).fetchall()


def _shown(tid):
    rows = thread_rows(tid)
    return list(zip(rows.floors, rows.authors, [int(o) for o in rows.op], strict=True))


def _pack(tid):
    return database.execute_sql("SELECT stamp, posts FROM thread_rows WHERE tid = ?", (tid,)).fetchone()


def test_import_packs_a_big_thread_in_reading_order(library, tmp_path):
    write_thread(tmp_path / "a" / "外野" / _name(TID, 1), POSTS, op="楼主甲")
    assert not import_paths([tmp_path / "a"]).failed
    assert _pack(TID) is not None and _pack(TID)[1] == 6
    shown = _shown(TID)
    assert [(f, a) for f, a, _ in shown] == [
        (1, "楼主甲"), (2, "乙"), (3, "丁"), (3, "丙"), (4, "戊"), (5, "乙")]
    assert shown == [tuple(r) for r in _order_from_posts(TID)]
    assert thread_rows(TID).op[0] is True and not any(thread_rows(TID).op[1:])


def test_a_small_thread_has_no_pack_and_reads_the_same(library, tmp_path):
    write_thread(tmp_path / "a" / "外野" / _name(TID, 1), POSTS[:3], op="楼主甲")
    import_paths([tmp_path / "a"])
    assert _pack(TID) is None
    assert _shown(TID) == [tuple(r) for r in _order_from_posts(TID)]


def test_new_posts_renew_the_pack(library, tmp_path):
    write_thread(tmp_path / "a" / "外野" / _name(TID, 1), POSTS, op="楼主甲")
    import_paths([tmp_path / "a"])
    more = [(6, "己", "2024-1-3 10:00", "六楼"), (7, "楼主甲", "2024-1-3 11:00", "七楼")]
    write_thread(tmp_path / "a" / "外野" / _name(TID, 2), more, op="楼主甲")
    import_paths([tmp_path / "a"])
    assert _pack(TID)[1] == 8
    assert _shown(TID)[-2:] == [(6, "己", 0), (7, "楼主甲", 1)]


def test_an_outdated_or_damaged_pack_is_not_used(library, tmp_path):
    write_thread(tmp_path / "a" / "外野" / _name(TID, 1), POSTS, op="楼主甲")
    import_paths([tmp_path / "a"])
    # a writer that does not pack (an older program on the same file) removes a post
    database.execute_sql("DELETE FROM quote_link")
    database.execute_sql("DELETE FROM post WHERE tid = ? AND floor = 2", (TID,))
    assert [f for f, _a, _o in _shown(TID)] == [1, 3, 3, 4, 5]
    # a damaged pack whose stamp still matches reads the posts instead
    database.execute_sql("UPDATE thread_rows SET data = x'00112233', stamp = ? WHERE tid = ?",
                         (threadrows._stamp(TID), TID))
    assert _shown(TID) == [tuple(r) for r in _order_from_posts(TID)]


def test_upgrade_to_schema_8_packs_the_big_threads_already_there(library, tmp_path):
    write_thread(tmp_path / "a" / "外野" / _name(TID, 1), POSTS, op="楼主甲")
    write_thread(tmp_path / "a" / "外野" / _name(TID + 1, 1), POSTS[:2], op="楼主甲")
    import_paths([tmp_path / "a"])
    path = database.database
    roll_back_schema(database, 7)  # the library as schema 7 left it: no pack table
    close_library()
    open_library(path)
    assert _pack(TID) is not None and _pack(TID + 1) is None
    assert _shown(TID) == [tuple(r) for r in _order_from_posts(TID)]
