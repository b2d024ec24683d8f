"""Schema upgrades keep every row, user data above all, and refuse files from the future."""

from __future__ import annotations

import sqlite3

import pytest
from peewee import SqliteDatabase
from support import write_thread

from reader.store import migrations, queries, readstate
from reader.store.db import close_library, open_library
from reader.store.importer import Importer
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
            assert after[table] == rows, table
        assert readstate.get_position(9).last_floor == 1
        assert queries.load_posts(queries.thread_post_ids(9))[0].blocks[0].runs[0].text == "hi"
    finally:
        close_library()


def test_reopening_and_reimporting_keeps_user_data(tmp_path):
    db = tmp_path / "lib.sqlite3"
    f = write_thread(tmp_path / "外野" / "10-01[x].md", [(1, "甲", "2024-1-1 1:00", "a")])
    open_library(db)
    Importer().import_paths([f])
    readstate.save_position(10, 1)
    close_library()
    open_library(db)
    try:
        assert migrations.migrate(database) == []
        Importer().import_paths([f])
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
