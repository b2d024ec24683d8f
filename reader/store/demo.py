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

from peewee import SQL, fn

from .models import Author, Board, Post, SourceFile, Thread, database


def demo_tids(demo_dir: Path) -> list[int]:
    """Threads of the library that came only from files under ``demo_dir``."""
    prefix = str(Path(demo_dir).resolve()) + "/"
    # the importer stores resolved paths: only threads with a file under the prefix can qualify
    # (no resolving of every path of a library of thousands of files at each start)
    candidates = [r[0] for r in database.execute(
        SourceFile.select(SourceFile.tid).distinct()
        .where(fn.substr(SourceFile.path, 1, len(prefix)) == prefix)).fetchall()]
    out = []
    for tid in candidates:
        paths = [r[0] for r in database.execute(
            SourceFile.select(SourceFile.path).where(SourceFile.tid == tid)).fetchall()]
        if all(str(Path(p).resolve()).startswith(prefix) for p in paths):
            out.append(tid)
    return sorted(out)


def retire_demo(demo_dir: Path) -> list[int]:
    """Delete the demo thread(s) when the library holds any other thread; returns the tids
    deleted (none while the demo is all there is). One transaction."""
    demo = demo_tids(demo_dir)
    if not demo:
        return []
    if not Thread.select(SQL("1")).where(Thread.tid.not_in(demo)).exists():
        return []
    with database.atomic():
        authors = [r[0] for r in database.execute(
            Post.select(Post.author).distinct().where(Post.thread.in_(demo))).fetchall()]
        boards = [r[0] for r in database.execute(
            Thread.select(Thread.board).distinct().where(Thread.tid.in_(demo))).fetchall()]
        Post.delete().where(Post.thread.in_(demo)).execute()
        SourceFile.delete().where(SourceFile.tid.in_(demo)).execute()
        Thread.delete().where(Thread.tid.in_(demo)).execute()
        for author_id in authors:
            (Author.delete().where((Author.id == author_id)
                                   & ~fn.EXISTS(Post.select(SQL("1")).where(Post.author == author_id)))
             .execute())
        for board_id in boards:
            (Board.delete().where((Board.id == board_id)
                                  & ~fn.EXISTS(Thread.select(SQL("1")).where(Thread.board == board_id)))
             .execute())
    return demo
