"""The built-in demo thread leaves the library once real threads are in it.

The window imports the demo (``resources/demo``) into an empty library so there is something to
see. After the first real import it would otherwise stay: listed (board 演示), counted by
``stats`` and found by search. ``retire_demo`` deletes it then, and only then: a thread counts as
the demo when every file it came from lies in the demo folder. Deleting its posts also removes
them from the search index (the delete trigger of ``post_fts``); user data (reading position)
is keyed by tid and left alone, like for any thread.
"""

from __future__ import annotations

from pathlib import Path

from .models import database


def demo_tids(demo_dir: Path) -> list[int]:
    """Threads of the library that came only from files under ``demo_dir``."""
    prefix = str(Path(demo_dir).resolve()) + "/"
    # the importer stores resolved paths: only threads with a file under the prefix can qualify
    # (no resolving of every path of a library of thousands of files at each start)
    candidates = [r[0] for r in database.execute_sql(
        "SELECT DISTINCT tid FROM source_file WHERE substr(path, 1, ?) = ?",
        (len(prefix), prefix)).fetchall()]
    out = []
    for tid in candidates:
        paths = [r[0] for r in database.execute_sql(
            "SELECT path FROM source_file WHERE tid = ?", (tid,)).fetchall()]
        if all(str(Path(p).resolve()).startswith(prefix) for p in paths):
            out.append(tid)
    return sorted(out)


def retire_demo(demo_dir: Path) -> list[int]:
    """Delete the demo thread(s) when the library holds any other thread; returns the tids
    deleted (none while the demo is all there is). One transaction."""
    demo = demo_tids(demo_dir)
    if not demo:
        return []
    marks = ",".join("?" * len(demo))
    others = database.execute_sql(
        f"SELECT COUNT(*) FROM thread WHERE tid NOT IN ({marks})", demo).fetchone()[0]
    if not others:
        return []
    with database.atomic():
        authors = [r[0] for r in database.execute_sql(
            f"SELECT DISTINCT author_id FROM post WHERE tid IN ({marks})", demo).fetchall()]
        boards = [r[0] for r in database.execute_sql(
            f"SELECT DISTINCT board_id FROM thread WHERE tid IN ({marks})", demo).fetchall()]
        database.execute_sql(f"DELETE FROM post WHERE tid IN ({marks})", demo)
        database.execute_sql(f"DELETE FROM source_file WHERE tid IN ({marks})", demo)
        database.execute_sql(f"DELETE FROM thread WHERE tid IN ({marks})", demo)
        for author_id in authors:
            database.execute_sql("DELETE FROM author WHERE id = ? AND NOT EXISTS "
                                 "(SELECT 1 FROM post WHERE author_id = ?)", (author_id, author_id))
        for board_id in boards:
            database.execute_sql("DELETE FROM board WHERE id = ? AND NOT EXISTS "
                                 "(SELECT 1 FROM thread WHERE board_id = ?)", (board_id, board_id))
    return demo
