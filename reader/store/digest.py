"""A thread's digest: what a long thread is about, at a glance, from the library alone.

The posts worth reading (most rated, most quoted, the thread starter's, the longest with images),
posts per day (per hour for a thread of a few days), who talks, and how many images it holds.

Every figure comes from an index or a small table, never from decoding the thread's bodies:
posts per day and per author from the ``(tid, floor, author_id, posted_at)`` index, ratings,
images and lengths from ``post_measure`` (kept at import, see ``measures.py``), reverse quotes
from ``quote_link``'s target index. Only the listed posts are decoded, for their first line. A
digest of a 30,000-post thread takes tens of milliseconds (``benchmarks/digest_bench.py``).

Raw SQL on purpose (measured, ``digest_bench.py``): the per-day buckets rely on SQLite's bare
column beside MIN() and on ``substr`` of the stored time text, and each query is shaped for the
covering index above; the column names follow ``models.py`` (kept equal to the migrated schema by
``tests/test_schema_models.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .bodies import body_first_line, body_texts
from .dbtime import from_db
from .models import database
from .readstate import get_position

TOP = 10  # posts per list, authors
HOURLY_MAX_DAYS = 3  # a thread whose posts fall on at most this many days is charted per hour


@dataclass(frozen=True, slots=True)
class DigestPost:
    """A post in one of the digest's lists, with every figure it could be ranked by."""

    post_id: int
    floor: int
    author: str
    posted_at: datetime
    first_line: str
    rating: int  # sum of 战斗力
    raters: int  # 参与人数
    quoted_by: int  # posts that quote it
    images: int  # images in its own content
    length: int  # characters of its own text

    def as_dict(self) -> dict:
        return {
            "post_id": self.post_id,
            "floor": self.floor,
            "author": self.author,
            "posted_at": self.posted_at.isoformat(),
            "first_line": self.first_line,
            "rating": self.rating,
            "raters": self.raters,
            "quoted_by": self.quoted_by,
            "images": self.images,
            "length": self.length,
        }


@dataclass(frozen=True, slots=True)
class ActivityBucket:
    """The posts of one day (or one hour): how many, and the first of them in reading order."""

    start: datetime
    posts: int
    first_floor: int
    first_post_id: int

    def as_dict(self, hourly: bool = False) -> dict:
        when = self.start.strftime("%Y-%m-%dT%H:00") if hourly else self.start.date().isoformat()
        return {("hour" if hourly else "date"): when, "posts": self.posts,
                "first_floor": self.first_floor}


@dataclass(frozen=True, slots=True)
class AuthorShare:
    name: str
    posts: int
    share: float  # of the thread's posts, 0..1

    def as_dict(self) -> dict:
        return {"name": self.name, "posts": self.posts, "share": round(self.share, 4)}


@dataclass(frozen=True, slots=True)
class ThreadDigest:
    tid: int
    title: str
    board: str
    posts: int
    first_post_at: datetime | None
    last_post_at: datetime | None
    most_rated: tuple[DigestPost, ...]
    most_quoted: tuple[DigestPost, ...]
    op_name: str | None
    op_posts: tuple[DigestPost, ...]  # the first of them, in reading order
    op_post_count: int
    longest_with_images: tuple[DigestPost, ...]
    per_day: tuple[ActivityBucket, ...]  # days with posts, in order
    per_hour: tuple[ActivityBucket, ...]  # hours with posts; only for a thread of a few days
    authors: tuple[AuthorShare, ...]  # the most active, most posts first
    author_count: int
    rated_posts: int
    quoted_posts: int
    image_count: int  # images in the posts' own content
    image_posts: int
    read_floor: int  # every post up to this floor has been read (0: never read); above: unread
    seen_max_floor: int  # the highest floor at the last visit
    last_floor: int = 0  # where the reader left off (the floor at the top of the posts)

    @property
    def hourly(self) -> bool:
        """Whether the activity chart counts per hour (a thread of at most a few days)."""
        return bool(self.per_hour)

    @property
    def activity(self) -> tuple[ActivityBucket, ...]:
        return self.per_hour or self.per_day

    def as_dict(self) -> dict:
        def posts(items: tuple[DigestPost, ...]) -> list[dict]:
            return [p.as_dict() for p in items]

        return {
            "tid": self.tid,
            "title": self.title,
            "board": self.board,
            "posts": self.posts,
            "first_post_at": self.first_post_at.isoformat() if self.first_post_at else None,
            "last_post_at": self.last_post_at.isoformat() if self.last_post_at else None,
            "most_rated": posts(self.most_rated),
            "most_quoted": posts(self.most_quoted),
            "op": {"name": self.op_name, "posts": self.op_post_count,
                   "first_posts": posts(self.op_posts)},
            "longest_with_images": posts(self.longest_with_images),
            "per_day": [b.as_dict() for b in self.per_day],
            "per_hour": [b.as_dict(hourly=True) for b in self.per_hour],
            "authors": {"count": self.author_count, "top": [a.as_dict() for a in self.authors]},
            "rated_posts": self.rated_posts,
            "quoted_posts": self.quoted_posts,
            "image_count": self.image_count,
            "image_posts": self.image_posts,
            "reading": {"last_floor": self.last_floor, "read_floor": self.read_floor,
                        "seen_max_floor": self.seen_max_floor},
        }


def _q(sql: str, args: tuple | list = ()) -> list[tuple]:
    return database.execute_sql(sql, args).fetchall()


def _activity(tid: int, width: int) -> tuple[ActivityBucket, ...]:
    """Posts per time bucket: ``width`` 10 (a day) or 13 (an hour) characters of the stored time.
    The bare ``id`` column of an aggregate with MIN() is the row that has the minimum (SQLite)."""
    rows = _q(f"SELECT substr(posted_at, 1, {width}) AS b, COUNT(*), MIN(floor), id FROM post "
              "WHERE tid = ? GROUP BY b ORDER BY b", (tid,))
    pad = ":00:00" if width == 13 else " 00:00:00"
    return tuple(ActivityBucket(from_db(b + pad), n, floor, pid) for b, n, floor, pid in rows)


def _authors(tid: int, total: int, limit: int) -> tuple[tuple[AuthorShare, ...], int]:
    counts = _q("SELECT author_id, COUNT(*) FROM post WHERE tid = ? GROUP BY author_id", (tid,))
    if not counts:
        return (), 0
    counts.sort(key=lambda r: -r[1])
    # names of everyone tied with the last one listed: the cut is then by name, not by row id
    floor_n = counts[min(limit, len(counts)) - 1][1]
    chosen = [r for r in counts if r[1] >= floor_n]
    names = dict(_q(f"SELECT id, name FROM author WHERE id IN ({','.join('?' * len(chosen))})",
                    [r[0] for r in chosen]))
    ranked = sorted(((names[a], n) for a, n in chosen), key=lambda r: (-r[1], r[0]))[:limit]
    return tuple(AuthorShare(name, n, n / total if total else 0.0) for name, n in ranked), len(counts)


def _posts(ids: list[int]) -> dict[int, DigestPost]:
    """The listed posts with all their figures (one query, and one for their reverse quotes)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    quoted = dict(_q(f"SELECT target_id, COUNT(DISTINCT post_id) FROM quote_link "
                     f"WHERE target_id IN ({marks}) GROUP BY target_id", ids))
    rows = _q("SELECT p.id, p.floor, a.name, p.posted_at, p.body, COALESCE(m.rating, 0), "
              "COALESCE(m.raters, 0), COALESCE(m.images, 0) FROM post p "
              "JOIN author a ON a.id = p.author_id LEFT JOIN post_measure m ON m.post_id = p.id "
              f"WHERE p.id IN ({marks})", ids)
    out: dict[int, DigestPost] = {}
    for pid, floor, name, at, body, rating, raters, images in rows:
        own = body_texts(body)[0]
        out[pid] = DigestPost(pid, floor, name, from_db(at), body_first_line(body), rating, raters,
                              quoted.get(pid, 0), images, len(own))
    return out


def thread_digest(tid: int, limit: int = TOP) -> ThreadDigest | None:
    """The digest of thread ``tid`` (None if it is not in the library); ``limit`` posts per list
    and authors."""
    # post_count: kept by the importer with every write of the thread
    head = _q("SELECT t.title, b.name, t.first_post_at, t.last_post_at, t.post_count FROM thread t "
              "JOIN board b ON b.id = t.board_id WHERE t.tid = ?", (tid,))
    if not head:
        return None
    title, board, first_at, last_at, total = head[0]
    rated = [r[0] for r in _q(
        "SELECT m.post_id FROM post_measure m JOIN post p ON p.id = m.post_id "
        "WHERE m.tid = ? AND m.raters > 0 ORDER BY m.rating DESC, m.raters DESC, p.floor LIMIT ?",
        (tid, limit))]
    with_images = [r[0] for r in _q(
        "SELECT m.post_id FROM post_measure m JOIN post p ON p.id = m.post_id "
        "WHERE m.tid = ? AND m.images > 0 ORDER BY m.length DESC, m.images DESC, p.floor LIMIT ?",
        (tid, limit))]
    rated_n, image_n, image_posts = _q(
        "SELECT COALESCE(SUM(raters > 0), 0), COALESCE(SUM(images), 0), COALESCE(SUM(images > 0), 0) "
        "FROM post_measure WHERE tid = ?", (tid,))[0]
    # reverse quotes: from the thread's posts to the links that point at them (an index probe
    # per post; quotes from other threads count too)
    quote_rows = _q(
        "SELECT q.target_id, COUNT(DISTINCT q.post_id) AS n, MIN(p.floor) AS f FROM post p "
        "JOIN quote_link q ON q.target_id = p.id WHERE p.tid = ? GROUP BY q.target_id "
        "ORDER BY n DESC, f", (tid,))
    quoted = [r[0] for r in quote_rows[:limit]]
    op_rows = _q("SELECT id FROM post WHERE tid = ? AND is_op = 1 ORDER BY floor, posted_at, id",
                 (tid,))
    op_ids = [r[0] for r in op_rows[:limit]]
    posts = _posts(sorted({*rated, *with_images, *quoted, *op_ids}))
    per_day = _activity(tid, 10)
    per_hour = _activity(tid, 13) if 0 < len(per_day) <= HOURLY_MAX_DAYS else ()
    authors, author_count = _authors(tid, total, limit)
    position = get_position(tid)

    def listed(ids: list[int]) -> tuple[DigestPost, ...]:
        return tuple(posts[i] for i in ids if i in posts)

    op_list = listed(op_ids)
    return ThreadDigest(
        tid=tid, title=title, board=board, posts=total,
        first_post_at=from_db(first_at), last_post_at=from_db(last_at),
        most_rated=listed(rated), most_quoted=listed(quoted),
        op_name=op_list[0].author if op_list else None, op_posts=op_list,
        op_post_count=len(op_rows), longest_with_images=listed(with_images),
        per_day=per_day, per_hour=per_hour, authors=authors, author_count=author_count,
        rated_posts=rated_n, quoted_posts=len(quote_rows), image_count=image_n,
        image_posts=image_posts,
        read_floor=position.read_floor if position else 0,
        seen_max_floor=position.seen_max_floor if position else 0,
        last_floor=position.last_floor if position else 0,
    )
