"""The peewee models and the migrations declare one schema: a library built by the migrations has
exactly the tables, columns and indexes the models describe (the search index, a virtual FTS5
table with its triggers, is the one part only the migrations declare)."""

from __future__ import annotations

import sqlite3

from peewee import SqliteDatabase

from reader.store import models
from reader.store.db import close_library, open_library

ONLY_IN_MIGRATIONS = ("post_fts",)  # FTS5: no peewee model; its shadow tables start with the name


def _schema(path) -> dict:
    con = sqlite3.connect(path)
    try:
        out: dict = {}
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for t in tables:
            if t.startswith(ONLY_IN_MIGRATIONS):
                continue
            cols = tuple((name, (ctype or "").upper(), bool(notnull), bool(pk))
                         for _cid, name, ctype, notnull, _default, pk
                         in con.execute(f'PRAGMA table_info("{t}")'))
            fks = tuple(sorted((r[3], r[2], r[4], r[6].upper())
                               for r in con.execute(f'PRAGMA foreign_key_list("{t}")')))
            indexes = set()
            for _seq, name, unique, origin, partial in con.execute(f'PRAGMA index_list("{t}")'):
                if origin == "pk":
                    continue
                icols = tuple(r[2] for r in con.execute(f'PRAGMA index_info("{name}")'))
                indexes.add((icols, bool(unique), bool(partial)))
            out[t] = {"columns": cols, "foreign_keys": fks, "indexes": indexes}
        return out
    finally:
        con.close()


def test_migrated_library_has_the_schema_the_models_declare(tmp_path):
    migrated = tmp_path / "migrated.sqlite3"
    open_library(migrated)
    close_library()
    declared = tmp_path / "declared.sqlite3"
    db = SqliteDatabase(str(declared))
    every_model = [m for m in vars(models).values()
                   if isinstance(m, type) and issubclass(m, models.BaseModel) and m is not models.BaseModel]
    with db.bind_ctx(every_model):
        db.create_tables(every_model)
    db.close()
    got, want = _schema(migrated), _schema(declared)
    assert sorted(got) == sorted(want), "tables differ"
    for table in want:
        assert got[table]["columns"] == want[table]["columns"], table
        assert got[table]["foreign_keys"] == want[table]["foreign_keys"], table
        assert got[table]["indexes"] == want[table]["indexes"], table
