"""Export → import round trip over every corpus thread: the archive files s1reader writes
import as exactly the posts they came from (floor, author, time, 楼主, flags, edit note, body)."""

from __future__ import annotations

import pytest
from support import corpus_root

from reader.export.thread import export_markdown
from reader.parse import distinct_posts
from reader.parse.thread import parse_file
from reader.store import bodies, queries
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.models import database
from reader.store.prepare import post_row

pytestmark = pytest.mark.corpus

_ROWS_SQL = (
    "SELECT p.tid, p.floor, a.name, p.posted_at, p.is_op, p.flags, p.editor, p.edited_at, p.body "
    "FROM post p JOIN author a ON a.id = p.author_id ORDER BY p.tid, p.floor, p.posted_at, a.name"
)


def _library_rows() -> list[tuple]:
    """Rows with the body as its JSON (the compressed bytes depend on the library's dictionary)."""
    return [tuple(str(v) if v is not None else None for v in r[:-1]) + (bodies.body_json(r[-1]),)
            for r in database.execute_sql(_ROWS_SQL)]


def _thread_info() -> dict[int, tuple]:
    return {t.tid: (t.title, t.board, t.reachable, t.post_count, t.max_floor) for t in queries.list_threads()}


def test_every_corpus_thread_exports_and_imports_as_the_same_posts(tmp_path):
    root = corpus_root()
    open_library(tmp_path / "a" / "library.sqlite3")
    try:
        assert import_paths([root]).posts_added == 57306
        original = _library_rows()
        threads = _thread_info()
        out = tmp_path / "export"
        written = 0
        for tid in threads:
            result = export_markdown(tid, out)
            written += result.posts
            # parse the export directly: the same rows as stored, post for post
            parsed = []
            for f in result.files:
                tf = parse_file(f)
                assert tf.ref.tid == tid and not tf.warnings
                parsed += tf.posts
            rows = [post_row(p, bodies.codec()) for p in distinct_posts(parsed)]
            stored = [r for r in original if r[0] == str(tid)]
            got = [
                (str(tid), str(r.floor), r.author, r.posted_at, str(r.is_op), str(r.flags), r.editor,
                 r.edited_at, bodies.body_json(r.body))
                for r in rows
            ]
            assert sorted(got) == sorted(stored), tid
        assert written == 57306
    finally:
        close_library()
    # import the exported files into a fresh library: the same threads and posts
    open_library(tmp_path / "b" / "library.sqlite3")
    try:
        r = import_paths([out])
        assert r.failed == [] and r.posts_added == 57306
        assert _library_rows() == original
        assert _thread_info() == threads
    finally:
        close_library()
