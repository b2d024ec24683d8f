"""Schema upgrades keep every row, user data above all, and refuse files from the future."""

from __future__ import annotations

import sqlite3

import pytest
from peewee import SqliteDatabase
from support import write_thread

from reader.store import migrations, queries, readstate
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.models import database


def _table_rows(path):
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'schema_version'")]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


def test_library_made_by_the_oldest_schema_upgrades_and_keeps_every_row(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = SqliteDatabase(str(path))
    old.connect()
    assert migrations.migrate(old, target=1) == [1]
    # rows as a release with schema 1 would have written them
    old.execute_sql("INSERT INTO board (id, name) VALUES (1, '外野')")
    old.execute_sql("INSERT INTO author (id, name) VALUES (1, '甲')")
    old.execute_sql(
        "INSERT INTO thread (tid, title, board_id, reachable, title_from_content, post_count, max_floor) "
        "VALUES (9, 't', 1, 1, 0, 1, 1)")
    old.execute_sql(
        "INSERT INTO post (tid, floor, author_id, posted_at, is_op, flags, body, text, quote_text, "
        "content_hash, source_line) VALUES (9, 1, 1, '2024-01-01 01:00:00', 1, 0, "
        "'[[\"p\",[[\"t\",\"hi\"]]]]', 'hi', '', 'h', 2)")
    old.execute_sql("INSERT INTO read_state (tid, last_floor, seen_max_floor, visited_at) "
                    "VALUES (9, 1, 1, '2024-01-02 00:00:00')")
    old.execute_sql("INSERT INTO bookmark (tid, pid, floor, author, posted_at, note, tags, created_at) "
                    "VALUES (9, NULL, 1, '甲', '2024-01-01 01:00:00', '好帖', 'a,b', '2024-01-03 00:00:00')")
    old.execute_sql("INSERT INTO user_mark (name, kind, note, created_at) "
                    "VALUES ('乙', 'block', 'noisy', '2024-01-03 00:00:00')")
    old.close()
    before = _table_rows(path)
    open_library(path)
    try:
        assert migrations.current_version(database) == migrations.LATEST
        after = _table_rows(path)
        for table, rows in before.items():
            if table == "post" or table.startswith("post_fts"):
                continue  # rebuilt by schema 6: compared below
            if table == "read_state":  # schema 11 adds how far each thread is read
                assert [r[:4] for r in after[table]] == rows
                assert [r[4] for r in after[table]] == [r[1] for r in rows]  # from last_floor
                continue
            assert after[table] == rows, table
        # schema 6 keeps every post with its id and fields; the body is compressed, the plain
        # text columns are gone (derived from the body)
        (old_post,) = before["post"]
        (new_post,) = after["post"]
        assert new_post[:12] == old_post[:12]
        assert queries.thread_texts(9) == [(1, "hi\n")]
        assert readstate.get_position(9).last_floor == 1
        assert queries.load_posts(queries.thread_post_ids(9))[0].blocks[0].runs[0].text == "hi"
    finally:
        close_library()


def test_reopening_and_reimporting_keeps_user_data(tmp_path):
    db = tmp_path / "lib.sqlite3"
    f = write_thread(tmp_path / "外野" / "10-01[x].md", [(1, "甲", "2024-1-1 1:00", "a")])
    open_library(db)
    import_paths([f])
    readstate.save_position(10, 1)
    close_library()
    open_library(db)
    try:
        assert migrations.migrate(database) == []
        import_paths([f])
        assert readstate.get_position(10).last_floor == 1
    finally:
        close_library()


def test_a_library_from_a_newer_version_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "new.sqlite3"
    db = SqliteDatabase(str(path))
    migrations.migrate(db)
    db.execute_sql("INSERT INTO schema_version VALUES (999, '2030-01-01 00:00:00')")
    db.close()
    with pytest.raises(RuntimeError, match="newer s1reader"):
        open_library(path)
    close_library()


def _schema5_library(path, thread_file):
    """A library as schema 5 stored it (plain JSON body, text columns, the per-character index),
    filled the way that release's importer did, from a real parse of ``thread_file``."""
    from reader.parse import parse_file
    from reader.parse.codec import dumps_blocks, plain_text

    old = SqliteDatabase(str(path))
    old.connect()
    migrations.migrate(old, target=5)
    parsed = parse_file(str(thread_file))
    old.execute_sql("INSERT INTO board (id, name) VALUES (1, '外野')")
    old.execute_sql("INSERT INTO thread (tid, title, board_id, reachable, title_from_content, "
                    "post_count, max_floor) VALUES (?, 't', 1, 1, 0, ?, ?)",
                    (parsed.ref.tid, len(parsed.posts), parsed.posts[-1].floor))
    for p in parsed.posts:
        old.execute_sql("INSERT OR IGNORE INTO author (name) VALUES (?)", (p.author,))
        own, quoted = plain_text(p.blocks)
        old.execute_sql(
            "INSERT INTO post (tid, floor, author_id, posted_at, is_op, flags, body, text, quote_text, "
            "content_hash, source_line) VALUES (?, ?, (SELECT id FROM author WHERE name = ?), ?, ?, 0, "
            "?, ?, ?, 'h', ?)",
            (parsed.ref.tid, p.floor, p.author, p.posted_at.strftime("%Y-%m-%d %H:%M:%S"), int(p.is_op),
             dumps_blocks(p.blocks), own, quoted, p.line))
    old.execute_sql("INSERT INTO post_fts (rowid, text, quote_text) "
                    "SELECT id, s1_index_text(text), s1_index_text(quote_text) FROM post")
    old.execute_sql("INSERT INTO quote_link (post_id, ordinal, quoted_author, quoted_at, target_id) "
                    "VALUES (2, 0, '甲', '2024-01-01 01:00:00', 1)")
    old.execute_sql("INSERT INTO bookmark (tid, pid, floor, author, posted_at, note, tags, created_at) "
                    "VALUES (?, NULL, 2, '乙', '2024-01-01 01:05:00', '回头看', '', '2024-01-03 00:00:00')",
                    (parsed.ref.tid,))
    old.close()


def test_a_schema5_library_upgrades_to_compact_bodies_and_the_bigram_index(tmp_path):
    from reader.store import userdata
    from reader.store.search import search

    f = write_thread(tmp_path / "外野" / "77-01[升级].md", [
        (1, "甲", "2024-1-1 1:00", "水星的魔女真好看 Gundam"),
        (2, "乙", "2024-1-1 1:05",
         "<blockquote>甲 发表于 2024-1-1 01:00\n水星的魔女真好看</blockquote>\n\n同意，高达就该这样"),
        (3, "丙", "2024-1-1 1:06", "![](https://static.saraba1st.com/image/smiley/face2017/001.png) 好"),
    ])
    path = tmp_path / "lib.sqlite3"
    _schema5_library(path, f)
    open_library(path)
    try:
        assert migrations.current_version(database) == migrations.LATEST
        # every body reads back, the index answers 1-, 2- and 5-character terms and Latin words
        assert [p.floor for p in queries.thread_posts(77)] == [1, 2, 3]
        assert {h.floor for h in search("高达").hits} == {2}
        assert {h.floor for h in search("魔").hits} == {1, 2}
        assert {h.floor for h in search("水星的魔女").hits} == {1, 2}
        assert {h.floor for h in search("水星的魔女 -in:quote").hits} == {1}
        assert {h.floor for h in search("gundam").hits} == {1}
        # the quote link and the bookmark survive with their ids
        assert database.execute_sql("SELECT post_id, target_id FROM quote_link").fetchall() == [(2, 1)]
        (bm,) = userdata.list_bookmarks()
        assert bm.note == "回头看" and bm.post_id == 2
        # a change to a post after the upgrade re-indexes it through the trigger
        write_thread(f, [
            (1, "甲", "2024-1-1 1:00", "改过了 Zaku"),
            (2, "乙", "2024-1-1 1:05",
             "<blockquote>甲 发表于 2024-1-1 01:00\n水星的魔女真好看</blockquote>\n\n同意，高达就该这样"),
            (3, "丙", "2024-1-1 1:06", "![](https://static.saraba1st.com/image/smiley/face2017/001.png) 好"),
        ])
        import_paths([f])
        assert {h.floor for h in search("zaku").hits} == {1}
        assert {h.floor for h in search("gundam").hits} == set()
        assert {h.floor for h in search("水星的魔女").hits} == {2}
    finally:
        close_library()


def test_an_upgrade_reports_each_step_it_runs_and_the_window_shows_it(tmp_path, qtbot):
    from support import roll_back_schema, write_thread

    from reader.ui.app import _application, _UpgradeProgress

    path = tmp_path / "lib.sqlite3"
    open_library(path)
    write_thread(tmp_path / "a" / "外野" / "77-01[t].md", [(1, "甲", "2024-1-1 08:00", "hi")])
    import_paths([tmp_path / "a"])
    roll_back_schema(database, 7)
    close_library()
    _application()
    shown = _UpgradeProgress()
    seen: list[tuple[int, str]] = []

    def step(number, what, done, total):
        shown(number, what, done, total)
        seen.append((number, shown.dialog.labelText()))

    open_library(path, on_step=step)
    try:
        assert [n for n, _ in seen] == list(range(8, migrations.LATEST + 1))
        last = seen[-1][1]
        assert f"step {migrations.LATEST} of {migrations.LATEST}" in last
        assert migrations.STEPS[-1][1] in last
    finally:
        shown.close()
        close_library()


def test_every_upgrade_step_is_named_in_chinese(qtbot):
    from PySide6.QtCore import QCoreApplication

    from reader.ui.app import _application
    from reader.ui.translation import install_translator

    _application()
    install_translator("zh_CN")
    try:
        for _number, what, _step in migrations.STEPS:
            named = QCoreApplication.translate("Migrations", what)
            assert named != what and not any("a" <= c <= "z" for c in named), what
    finally:
        install_translator("en")


def test_schema_12_adds_remembered_folders_and_saved_searches_and_keeps_every_row(tmp_path):
    """A library of schema 11 gets the two new tables, empty; every row stays."""
    from support import roll_back_schema

    path = tmp_path / "lib.sqlite3"
    f = write_thread(tmp_path / "外野" / "12-01[x].md", [(1, "甲", "2024-1-1 1:00", "a")])
    open_library(path)
    import_paths([f])
    readstate.save_position(12, 1)
    roll_back_schema(database, 11)
    close_library()
    before = _table_rows(path)
    open_library(path)
    try:
        assert migrations.current_version(database) == migrations.LATEST
        after = _table_rows(path)
        # (source_file gains step 13's columns on the way: its own test checks them)
        assert {t: after[t] for t in before if t != "source_file"} == \
            {t: before[t] for t in before if t != "source_file"}
        assert [r[:len(before["source_file"][0])] for r in after["source_file"]] == \
            before["source_file"]
        assert after["import_root"] == [] and after["saved_search"] == []
    finally:
        close_library()


def test_schema_13_gives_each_recorded_file_the_state_of_the_posts_it_gave(tmp_path):
    """A library of schema 12 gets each file's latest post time and edit note from the posts
    whose version it gave (what tells the newest of a thread's copies); every row stays."""
    from support import roll_back_schema

    path = tmp_path / "lib.sqlite3"
    f = write_thread(tmp_path / "外野" / "13-01[x].md", [(1, "甲", "2024-1-1 1:00", "a"),
                                                        (2, "乙", "2024-3-5 7:09", "b")])
    open_library(path)
    import_paths([f])
    roll_back_schema(database, 12)
    close_library()
    before = _table_rows(path)
    open_library(path)
    try:
        assert migrations.current_version(database) == migrations.LATEST
        after = _table_rows(path)
        assert {t: after[t] for t in before if t != "source_file"} == \
            {t: before[t] for t in before if t != "source_file"}
        [(posted,)] = database.execute_sql("SELECT last_posted FROM source_file").fetchall()
        assert posted.startswith("2024-03-05 07:09")
    finally:
        close_library()
