"""Author and board ids for the rows being written, cached for the whole import.

The cache is filled inside a thread's savepoint: when that thread is rolled back, the ids it
added are gone from the library, so the cache goes back to what it held before (``snapshot`` /
``restore``, or ``undone_on_error`` around a block). This is the one place that does it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from ..models import database


class LibraryIds:
    """Ids of author and board names; missing names are added to the library on first use."""

    def __init__(self) -> None:
        self.authors: dict[str, int] = {}
        self.boards: dict[str, int] = {}

    def load_authors(self) -> None:
        """Read every author id at once (an import meets most of them)."""
        self.authors = dict(database.execute_sql("SELECT name, id FROM author").fetchall())

    def author_ids(self, names: Iterable[str]) -> dict[str, int]:
        """The cache, holding every name of ``names`` (the missing ones are added first)."""
        missing = [n for n in set(names) if n not in self.authors]
        if missing:
            conn = database.connection()
            conn.executemany("INSERT OR IGNORE INTO author (name) VALUES (?)", [(n,) for n in missing])
            for i in range(0, len(missing), 500):
                chunk = missing[i : i + 500]
                sql = f"SELECT name, id FROM author WHERE name IN ({','.join('?' * len(chunk))})"
                self.authors.update(conn.execute(sql, chunk).fetchall())
        return self.authors

    def board_id(self, name: str) -> int:
        bid = self.boards.get(name)
        if bid is None:
            row = database.execute_sql("SELECT id FROM board WHERE name=?", (name,)).fetchone()
            if row:
                bid = row[0]
            else:
                bid = database.execute_sql("INSERT INTO board (name) VALUES (?)", (name,)).lastrowid
            self.boards[name] = bid
        return bid

    def snapshot(self) -> tuple[dict[str, int], dict[str, int]]:
        return dict(self.authors), dict(self.boards)

    def restore(self, snapshot: tuple[dict[str, int], dict[str, int]]) -> None:
        self.authors, self.boards = dict(snapshot[0]), dict(snapshot[1])

    def forget(self) -> None:
        """After a rolled-back batch: nothing cached may be trusted."""
        self.authors, self.boards = {}, {}

    @contextlib.contextmanager
    def undone_on_error(self) -> Iterator[None]:
        """Around a savepoint: if it is rolled back, so are the ids cached inside it."""
        before = self.snapshot()
        try:
            yield
        except BaseException:
            self.restore(before)
            raise
