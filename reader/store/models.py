"""peewee models of the library: boards, threads, authors, posts, quote links, source files, user data.

Archive data (boards … source files) can be rebuilt from the archive files at any time. User data
(bookmarks, blocked and highlighted users, read state) cannot: it is keyed by natural keys that
survive re-import (tid, and (tid, pid) or (tid, floor, author, posted time) for posts), never by
row ids of archive tables, so deleting and re-importing a thread never orphans it.

The database object is declared unbound here and opened by ``reader.store.db.open_library``.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime

import peewee
from peewee import (
    AutoField,
    BareField,
    BlobField,
    BooleanField,
    CompositeKey,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

from .dbtime import to_db


def lock_wait_error(error: BaseException) -> bool:
    """Whether a database error means "another connection holds the lock" (not damage)."""
    if not isinstance(error, sqlite3.OperationalError | peewee.OperationalError):
        return False
    text = str(error).lower()
    return "locked" in text or "busy" in text


class LibraryDatabase(SqliteDatabase):
    """The library's SQLite database: every transaction takes the write lock when it begins
    (BEGIN IMMEDIATE), so a transaction never fails half-way because another program wrote
    meanwhile; it waits for the lock by polling every 2 ms for up to ``busy_seconds``.

    SQLite's own busy handler sleeps up to 100 ms between tries and so keeps missing the short
    gap an import leaves between its batches: a command could wait a whole import for one
    bookmark. The importer pauses a little after each batch (importing/batch.py), long enough for
    a 2 ms poll to get in.
    """

    busy_seconds = 30.0  # set by db.open_library from S1READER_BUSY_TIMEOUT

    def begin(self, lock_type: str | None = None) -> None:
        lock_type = lock_type or "IMMEDIATE"
        conn = self.connection()
        conn.execute("PRAGMA busy_timeout = 0")  # fail at once; the wait is the loop below
        deadline = time.monotonic() + self.busy_seconds
        try:
            while True:
                try:
                    super().begin(lock_type)
                    return
                except peewee.OperationalError as e:
                    if not lock_wait_error(e) or time.monotonic() >= deadline:
                        raise
                time.sleep(0.002)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_seconds * 1000)}")


database = LibraryDatabase(None)


class TimeField(DateTimeField):
    """A time stored as ``YYYY-MM-DD HH:MM:SS`` text (``dbtime``): a datetime is written in that
    form here, text is written as given, never through sqlite3's default datetime adapter
    (deprecated since Python 3.12)."""

    def db_value(self, value):
        return to_db(value) if isinstance(value, datetime) else value

# post flags (bit mask in Post.flags)
FLAG_ANONYMOUS = 1
FLAG_BANNED = 2
FLAG_HIDDEN = 4
FLAG_EMPTY = 8
FLAG_MEDIA = 16  # the body has smileys or images (for the media cache's prefetch)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Board(BaseModel):
    id = AutoField()
    name = TextField(unique=True)


class Thread(BaseModel):
    tid = IntegerField(primary_key=True)
    title = TextField()
    board = ForeignKeyField(Board, backref="threads", on_delete="RESTRICT")
    reachable = BooleanField(default=True)
    title_from_content = BooleanField(default=False)
    first_post_at = TimeField(null=True)
    last_post_at = TimeField(null=True)
    post_count = IntegerField(default=0)
    max_floor = IntegerField(default=0)
    imported_at = TimeField(null=True)


class Author(BaseModel):
    id = AutoField()
    name = TextField(unique=True)


class Post(BaseModel):
    id = AutoField()
    # no single-column indexes on thread/author: the composite indexes below start with them
    thread = ForeignKeyField(Thread, backref="posts", column_name="tid", on_delete="CASCADE", index=False)
    floor = IntegerField()
    author = ForeignKeyField(Author, backref="posts", on_delete="RESTRICT", index=False)
    posted_at = TimeField()
    is_op = BooleanField(default=False)
    flags = IntegerField(default=0)
    editor = TextField(null=True)
    edited_at = TimeField(null=True)
    pid = IntegerField(null=True, index=True)
    content_hash = TextField()
    source_line = IntegerField(default=0)
    # reader.parse.codec JSON, compressed (reader.store.bodycodec); the plain text of a post is
    # derived from it when needed, never stored twice
    body = BlobField()
    # SourceFile.id of the file this version of the post was read from (schema 10; NULL: stored
    # before that, or saved from the forum)
    source_id = IntegerField(null=True)

    class Meta:
        indexes = (
            (("thread", "floor", "author", "posted_at"), True),
            (("author", "posted_at"), False),
        )


class QuoteLink(BaseModel):
    """One quote inside a post, with the quoted post it resolves to (when it is in the library)."""

    id = AutoField()
    post = ForeignKeyField(Post, backref="quote_links", on_delete="CASCADE")
    ordinal = IntegerField()
    quoted_author = TextField(null=True)
    quoted_at = TimeField(null=True)
    pid = IntegerField(null=True)
    ptid = IntegerField(null=True)
    target = ForeignKeyField(Post, null=True, backref="quoted_by", on_delete="SET NULL")

    class Meta:
        indexes = ((("pid",), False),)


# the open links into a thread, found when that thread is imported (resolve_quotes)
QuoteLink.add_index(QuoteLink.index(QuoteLink.ptid, name="quote_link_unresolved_ptid")
                    .where(QuoteLink.target.is_null()))


class PostMeasure(BaseModel):
    """What a thread's digest ranks a post by (``reader.store.measures``), for the posts that are
    rated or show an image only (schema 9)."""

    post = ForeignKeyField(Post, primary_key=True, backref="measure", on_delete="CASCADE")
    tid = IntegerField(index=True)
    rating = IntegerField()  # sum of 战斗力
    raters = IntegerField()  # 参与人数
    images = IntegerField()  # images in the author's own content
    length = IntegerField()  # characters of the author's own text


class BodyDict(BaseModel):
    """A zstd dictionary that post bodies are compressed with (never changed once used)."""

    id = IntegerField(primary_key=True)
    data = BlobField()
    created_at = TimeField()


class LibraryCount(BaseModel):
    """A count that takes a pass over a big table, with the stamp of the data it was taken on."""

    name = TextField(primary_key=True)
    value = BareField()


class ThreadRowsPack(BaseModel):
    """A big thread's posts in reading order, packed (``threadrows.py``), with the stamp (post
    count and highest post id) of the posts it was taken from."""

    tid = ForeignKeyField(Thread, primary_key=True, column_name="tid", on_delete="CASCADE")
    stamp = TextField()
    posts = IntegerField()
    data = BlobField()

    class Meta:
        table_name = "thread_rows"


class SourceFile(BaseModel):
    path = TextField(primary_key=True)
    tid = IntegerField(index=True)
    part = IntegerField()
    size = IntegerField()
    mtime_ns = IntegerField()
    sha1 = TextField()
    posts = IntegerField(default=0)
    imported_at = TimeField()
    parser_version = IntegerField(default=0)  # reader.parse.PARSER_VERSION that read the file
    id = IntegerField(null=True, unique=True)  # stable number, referenced by Post.source_id
    max_floor = IntegerField(null=True)  # the highest floor in the file (NULL: not known)
    # with max_floor, the file's state: its latest post time and latest edit note (NULL: none or
    # not known); the newest copy of a thread is the one in the latest state (sources.py)
    last_posted = TextField(null=True)
    last_edited = TextField(null=True)


# ---------------------------------------------------------------- user data


class ReadState(BaseModel):
    """Where the reader stopped in a thread, how far they have read, and what they had seen at
    their last visit."""

    tid = IntegerField(primary_key=True)
    last_floor = IntegerField(default=0)  # the floor at the top of the posts when they left
    seen_max_floor = IntegerField(default=0)  # highest floor that existed at the last visit
    visited_at = TimeField(null=True)
    # every post up to this floor has been read: its end was on screen, or the reader went past
    # it; it never goes down (posts above it are the unread ones)
    read_floor = IntegerField(default=0)


class Bookmark(BaseModel):
    id = AutoField()
    tid = IntegerField(index=True)
    pid = IntegerField(null=True)
    floor = IntegerField()
    author = TextField()
    posted_at = TimeField()
    note = TextField(default="")
    tags = TextField(default="")  # comma separated
    created_at = TimeField()

    class Meta:
        indexes = ((("tid", "floor", "author", "posted_at"), True),)


class UserMark(BaseModel):
    """A user the reader blocked or highlighted (kind ``block`` / ``highlight``)."""

    name = TextField()
    kind = TextField()
    note = TextField(default="")
    color = TextField(null=True)
    created_at = TimeField()
    expires_at = TimeField(null=True)

    class Meta:
        primary_key = CompositeKey("name", "kind")


class FilterRule(BaseModel):
    """A keyword rule: posts (``target`` "post") whose text matches are hidden or collapsed,
    threads (``target`` "title") whose title matches are hidden from the library."""

    id = AutoField()
    pattern = TextField()
    is_regex = BooleanField(default=False)
    target = TextField()  # post | title
    action = TextField()  # hide | collapse
    note = TextField(default="")
    created_at = TimeField()
    expires_at = TimeField(null=True)

    class Meta:
        indexes = ((("pattern", "is_regex", "target"), True),)


class SchemaVersion(BaseModel):
    version = IntegerField(primary_key=True)
    applied_at = TimeField()


ARCHIVE_MODELS = [Board, Thread, Author, Post, QuoteLink, PostMeasure, SourceFile]
USER_MODELS = [ReadState, Bookmark, UserMark, FilterRule]
ALL_MODELS = [*ARCHIVE_MODELS, *USER_MODELS, SchemaVersion]


class FollowedThread(BaseModel):
    """A thread saved from the forum (user data, schema 4): ``fetched_position`` is the highest
    post position whose page is stored, ``max_position`` the thread's highest at the last check."""

    tid = IntegerField(primary_key=True)
    base_url = TextField()
    title = TextField()
    fetched_position = IntegerField(default=0)
    max_position = IntegerField(default=0)
    followed_at = TimeField()
    checked_at = TimeField(null=True)
    last_new_posts = IntegerField(default=0)
    last_error = TextField(null=True)


USER_MODELS.append(FollowedThread)
ALL_MODELS.insert(ALL_MODELS.index(SchemaVersion), FollowedThread)


class ImportRoot(BaseModel):
    """A folder or file the library was imported from (schema 12): ``s1reader update`` and the
    window's Library → Update scan these again."""

    path = TextField(primary_key=True)
    is_dir = BooleanField()
    added_at = TimeField()


class SavedSearch(BaseModel):
    """A search saved under a name (关注; user data, schema 12): the posts matching ``query``
    whose id is above ``seen_post_id`` arrived after the reader last opened it."""

    name = TextField(primary_key=True)
    query = TextField()
    created_at = TimeField()
    seen_post_id = IntegerField(default=0)
    last_seen_at = TimeField(null=True)


ARCHIVE_MODELS.append(ImportRoot)
USER_MODELS.append(SavedSearch)
ALL_MODELS[ALL_MODELS.index(SchemaVersion):ALL_MODELS.index(SchemaVersion)] = [ImportRoot, SavedSearch]
