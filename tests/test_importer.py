"""The importer on small files written by the tests: idempotence, increments, updates, bad input."""

from __future__ import annotations

import os

from support import write_thread

from reader.store import queries, readstate, search
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.models import database


def posts_of(tid):
    return [(p.floor, p.author) for p in queries.thread_posts(tid)]


def test_import_is_idempotent_and_skips_unchanged_files(library, tmp_path):
    board = tmp_path / "arch" / "外野"
    write_thread(board / "100-01[第一帖 &amp; 测试].md",
                 [(1, "甲", "2024-1-2 3:04", "你好"), (2, "乙", "2024-1-2 3:05", "回复")], op="甲")
    write_thread(board / "0无法访问" / "200-01[消失的帖].md", [(1, "丙", "2024-2-1 10:00", "x")])
    r1 = import_paths([tmp_path / "arch"])
    assert (r1.files, r1.posts_added, r1.failed) == (2, 3, [])
    t = queries.get_thread(100)
    assert t.title == "第一帖 & 测试" and t.board == "外野" and t.reachable and t.post_count == 2
    assert queries.get_thread(200).reachable is False
    r2 = import_paths([tmp_path / "arch"])
    assert (r2.skipped, r2.posts_added, r2.posts_updated) == (2, 0, 0)
    # touched but unchanged: read and hashed, not parsed, nothing written
    f = board / "100-01[第一帖 &amp; 测试].md"
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 10**9))
    r3 = import_paths([f])
    assert (r3.skipped, r3.posts_added) == (1, 0)


def test_grown_file_adds_only_new_posts_and_changed_post_is_updated(library, tmp_path):
    f = tmp_path / "游戏区" / "300-01[增长].md"
    posts = [(1, "甲", "2024-1-2 3:04", "一楼"), (2, "乙", "2024-1-2 3:05", "二楼")]
    write_thread(f, posts)
    import_paths([f])
    ids_before = queries.thread_post_ids(300)
    readstate.save_position(300, 2)
    write_thread(f, posts + [(3, "丙", "2024-1-3 8:00", "三楼")])
    r = import_paths([f])
    assert (r.posts_added, r.posts_updated) == (1, 0)
    assert queries.thread_post_ids(300)[:2] == ids_before  # old rows untouched
    write_thread(f, [posts[0], (2, "乙", "2024-1-2 3:05", "二楼（编辑过）"), (3, "丙", "2024-1-3 8:00", "三楼")])
    r = import_paths([f])
    assert (r.posts_added, r.posts_updated) == (0, 1)
    post2 = queries.thread_posts(300, from_floor=2, limit=1)[0]
    assert post2.id == ids_before[1]
    assert "编辑过" in post2.blocks[0].runs[0].text
    assert readstate.get_position(300).last_floor == 2  # user data untouched by re-import


def test_repeated_content_and_multi_file_threads_merge_by_floor(library, tmp_path):
    d = tmp_path / "漫区" / "400[合并]"
    write_thread(d / "400-02[合并].md", [(1501, "乙", "2024-3-1 1:00", "b")])
    p1 = [(1, "甲", "2024-1-1 1:00", "a"), (2, "乙", "2024-1-1 1:01", "b")]
    write_thread(d / "400-01[合并].md", p1 + p1 + [(2, "丁", "2024-1-1 1:02", "same floor")])
    r = import_paths([d])
    assert r.posts_added == 4
    assert posts_of(400) == [(1, "甲"), (2, "乙"), (2, "丁"), (1501, "乙")]
    assert queries.get_thread(400).max_floor == 1501


def test_title_and_board_change_keep_one_thread(library, tmp_path):
    write_thread(tmp_path / "a" / "外野" / "500-01[旧标题].md", [(1, "甲", "2024-1-1 1:00", "a")])
    write_thread(tmp_path / "b" / "游戏区" / "500-01[新标题].md",
                 [(1, "甲", "2024-1-1 1:00", "a"), (2, "乙", "2024-1-1 2:00", "b")])
    import_paths([tmp_path / "a"])
    import_paths([tmp_path / "b"])
    threads = queries.list_threads()
    assert [(t.tid, t.title, t.board, t.post_count) for t in threads] == [(500, "新标题", "游戏区", 2)]


def test_bad_files_are_reported_with_path_and_line_and_the_rest_imports(library, tmp_path):
    d = tmp_path / "外野"
    write_thread(d / "600-01[好的].md", [(1, "甲", "2024-1-1 1:00", "ok")])
    (d / "601-01[不是UTF8].md").write_bytes("\n*****\n\n####  甲  \n".encode() + b"\xff\xfe bad\n")
    (d / "602-01[截断].md").write_text("\n*****\n\n####  甲  \n##### 1#  发表", encoding="utf-8")
    (d / "603-01[不是帖子].md").write_text("just some notes\n", encoding="utf-8")
    r = import_paths([d])
    failed = {os.path.basename(f.path): (f.line, f.message) for f in r.failed}
    assert set(failed) == {"601-01[不是UTF8].md", "602-01[截断].md", "603-01[不是帖子].md"}
    assert failed["601-01[不是UTF8].md"][0] == 5 and "UTF-8" in failed["601-01[不是UTF8].md"][1]
    assert failed["602-01[截断].md"][0] == 5 and "floor line" in failed["602-01[截断].md"][1]
    assert [t.tid for t in queries.list_threads()] == [600]
    # nothing half-imported: no source_file rows for the failures, so a fixed file imports later
    assert database.execute_sql("SELECT COUNT(*) FROM source_file").fetchone()[0] == 1


def test_file_named_without_pattern_takes_tid_from_quote_links(library, tmp_path):
    body = ('<blockquote><a href="httphttps://stage1st.com/2b/forum.php?mod=redirect&amp;goto=findpost'
            '&amp;pid=42&amp;ptid=777" target="_blank">甲 发表于 2024-1-1 1:00</a>\n标题行 ...</blockquote>\n同意')
    write_thread(tmp_path / "dl" / "saved.txt",
                 [(1, "甲", "2024-1-1 1:00", "标题行\n正文"), (2, "乙", "2024-1-1 1:05", body)])
    r = import_paths([tmp_path / "dl"])
    assert r.failed == []
    t = queries.get_thread(777)
    assert t.title == "标题行" and t.post_count == 2
    q = queries.quotes_of_posts(queries.thread_post_ids(777))
    quotes = [x for v in q.values() for x in v]
    assert quotes[0]["pid"] == 42 and quotes[0]["target"]["floor"] == 1


def test_cancel_between_threads_leaves_complete_threads(library, tmp_path):
    for tid in (701, 702, 703):
        write_thread(tmp_path / "外野" / f"{tid}-01[t].md",
                     [(i, "甲", "2024-1-1 1:00", f"post {i}") for i in range(1, 6)])
    done = []
    r = import_paths([tmp_path], progress=lambda p: done.append(p.posts_added),
                 should_cancel=lambda: len(queries.list_threads()) >= 1)
    assert r.cancelled
    assert [(t.tid, t.post_count) for t in queries.list_threads()] == [(701, 5)]
    # the complete thread is searchable: its index rows were written with the batch's commit
    assert search.search("post").total == 5
    r = import_paths([tmp_path])
    assert sorted((t.tid, t.post_count) for t in queries.list_threads()) == [(701, 5), (702, 5), (703, 5)]


def test_a_newer_parser_reads_unchanged_files_again_and_keeps_user_data(library, tmp_path):
    from reader.parse import PARSER_VERSION
    from reader.store import userdata

    f = write_thread(tmp_path / "外野" / "800-01[x].md",
                     [(1, "甲", "2024-1-1 1:00", "a"), (2, "乙", "2024-1-1 1:01", "b")])
    import_paths([f])
    userdata.add_bookmark(800, 2, note="keep")
    readstate.save_position(800, 2)
    # as if an older parser had read the file, and had read post 2 differently
    database.execute_sql("UPDATE source_file SET parser_version = ?", (PARSER_VERSION - 1,))
    database.execute_sql("UPDATE post SET body = '[]', content_hash = 'old' WHERE floor = 2")
    r = import_paths([f])
    assert (r.skipped, r.posts_added, r.posts_updated) == (0, 0, 1)
    assert queries.thread_posts(800, from_floor=2)[0].blocks  # read again by this parser
    assert userdata.list_bookmarks()[0].note == "keep" and readstate.get_position(800).last_floor == 2
    r = import_paths([f])
    assert (r.skipped, r.posts_updated) == (1, 0)


def test_stats_quote_counts_are_cached_and_follow_changes(tmp_path):
    from reader.store import queries
    from reader.store.models import database

    open_library(tmp_path / "lib.sqlite3")
    try:
        f = write_thread(tmp_path / "外野" / "31-01[引用].md", [
            (1, "甲", "2024-1-1 1:00", "第一"),
            (2, "乙", "2024-1-1 1:05", "<blockquote>甲 发表于 2024-1-1 01:00\n第一</blockquote>\n\n回"),
            (3, "丙", "2024-1-1 1:06", "<blockquote>丁 发表于 2020-1-1 01:00\n不在</blockquote>\n\n回")])
        import_paths([f])

        def live():
            return (database.execute_sql("SELECT COUNT(*) FROM quote_link").fetchone()[0],
                    database.execute_sql("SELECT COUNT(*) FROM quote_link WHERE target_id IS NOT NULL"
                                         ).fetchone()[0])

        stats = queries.library_stats()
        assert (stats["quotes"], stats["quotes_resolved"]) == live() == (2, 1)
        assert dict(database.execute_sql("SELECT name, value FROM library_count").fetchall())["quotes"] == 2
        # a change the cache did not see (a thread deleted by hand) is counted afresh
        with database.atomic():
            database.execute_sql("DELETE FROM post WHERE tid = 31 AND floor = 3")
            database.execute_sql("UPDATE thread SET post_count = 2 WHERE tid = 31")
        stats = queries.library_stats()
        assert (stats["quotes"], stats["quotes_resolved"]) == live() == (1, 1)
    finally:
        close_library()
