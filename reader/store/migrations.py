"""Numbered schema migrations: each step moves the library one version up, inside a transaction.

The steps never import the live models: each carries the SQL (or playhouse.migrate operations)
of its own time, so an old library file upgrades through every step in order. User data tables
are only ever altered, never dropped or recreated, so bookmarks and read state survive upgrades.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from peewee import SqliteDatabase

from .models import database

# Schema 1, the first released schema, exactly as it was shipped. (The post table's wide columns
# come last, body last of all: reading text for search then never loads the body's pages.)
_SCHEMA_1 = [
    'CREATE TABLE "board" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "board_name" ON "board" ("name")',
    'CREATE TABLE "thread" ("tid" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL, "board_id" INTEGER NOT NULL, "reachable" INTEGER NOT NULL, "title_from_content" INTEGER NOT NULL, "first_post_at" DATETIME, "last_post_at" DATETIME, "post_count" INTEGER NOT NULL, "max_floor" INTEGER NOT NULL, "imported_at" DATETIME, FOREIGN KEY ("board_id") REFERENCES "board" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "thread_board_id" ON "thread" ("board_id")',
    'CREATE TABLE "author" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "author_name" ON "author" ("name")',
    'CREATE TABLE "post" ("id" INTEGER NOT NULL PRIMARY KEY, "tid" INTEGER NOT NULL, "floor" INTEGER NOT NULL, "author_id" INTEGER NOT NULL, "posted_at" DATETIME NOT NULL, "is_op" INTEGER NOT NULL, "flags" INTEGER NOT NULL, "editor" TEXT, "edited_at" DATETIME, "pid" INTEGER, "content_hash" TEXT NOT NULL, "source_line" INTEGER NOT NULL, "text" TEXT NOT NULL, "quote_text" TEXT NOT NULL, "body" TEXT NOT NULL, FOREIGN KEY ("tid") REFERENCES "thread" ("tid") ON DELETE CASCADE, FOREIGN KEY ("author_id") REFERENCES "author" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "post_pid" ON "post" ("pid")',
    'CREATE UNIQUE INDEX "post_tid_floor_author_id_posted_at" ON "post" ("tid", "floor", "author_id", "posted_at")',
    'CREATE INDEX "post_author_id_posted_at" ON "post" ("author_id", "posted_at")',
    'CREATE TABLE "quote_link" ("id" INTEGER NOT NULL PRIMARY KEY, "post_id" INTEGER NOT NULL, "ordinal" INTEGER NOT NULL, "quoted_author" TEXT, "quoted_at" DATETIME, "pid" INTEGER, "ptid" INTEGER, "target_id" INTEGER, FOREIGN KEY ("post_id") REFERENCES "post" ("id") ON DELETE CASCADE, FOREIGN KEY ("target_id") REFERENCES "post" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "quote_link_post_id" ON "quote_link" ("post_id")',
    'CREATE INDEX "quote_link_target_id" ON "quote_link" ("target_id")',
    'CREATE INDEX "quote_link_pid" ON "quote_link" ("pid")',
    'CREATE INDEX "quote_link_unresolved_ptid" ON "quote_link" ("ptid") WHERE "target_id" IS NULL',
    'CREATE TABLE "source_file" ("path" TEXT NOT NULL PRIMARY KEY, "tid" INTEGER NOT NULL, "part" INTEGER NOT NULL, "size" INTEGER NOT NULL, "mtime_ns" INTEGER NOT NULL, "sha1" TEXT NOT NULL, "posts" INTEGER NOT NULL, "imported_at" DATETIME NOT NULL)',
    'CREATE INDEX "source_file_tid" ON "source_file" ("tid")',
    'CREATE TABLE "read_state" ("tid" INTEGER NOT NULL PRIMARY KEY, "last_floor" INTEGER NOT NULL, "seen_max_floor" INTEGER NOT NULL, "visited_at" DATETIME)',
    'CREATE TABLE "bookmark" ("id" INTEGER NOT NULL PRIMARY KEY, "tid" INTEGER NOT NULL, "pid" INTEGER, "floor" INTEGER NOT NULL, "author" TEXT NOT NULL, "posted_at" DATETIME NOT NULL, "note" TEXT NOT NULL, "tags" TEXT NOT NULL, "created_at" DATETIME NOT NULL)',
    'CREATE INDEX "bookmark_tid" ON "bookmark" ("tid")',
    'CREATE UNIQUE INDEX "bookmark_tid_floor_author_posted_at" ON "bookmark" ("tid", "floor", "author", "posted_at")',
    'CREATE TABLE "user_mark" ("name" TEXT NOT NULL, "kind" TEXT NOT NULL, "note" TEXT NOT NULL, "color" TEXT, "created_at" DATETIME NOT NULL, "expires_at" DATETIME, PRIMARY KEY ("name", "kind"))',
]


Tick = Callable[[int, int], None]  # (done, total) of a long step


def _step_1(db: SqliteDatabase, tick: Tick) -> None:
    for sql in _SCHEMA_1:
        db.execute_sql(sql)


# Schema 2: the full-text index. Contentless FTS5 over the index form of the post text (every
# CJK character spaced, see reader/store/searchtext.py). New posts are indexed by the importer in
# one statement per thread (a per-row insert trigger was measured 3.5x slower); updates and
# deletes are kept in sync by triggers calling the SQL function s1_index_text. A contentless
# table's delete must repeat the indexed values, which the triggers do.
_SCHEMA_2 = [
    "CREATE VIRTUAL TABLE post_fts USING fts5(text, quote_text, content='', "
    "tokenize='unicode61 remove_diacritics 2', detail=full)",
    "CREATE TRIGGER post_fts_ad AFTER DELETE ON post BEGIN "
    "INSERT INTO post_fts (post_fts, rowid, text, quote_text) "
    "VALUES ('delete', old.id, s1_index_text(old.text), s1_index_text(old.quote_text)); END",
    "CREATE TRIGGER post_fts_au AFTER UPDATE OF text, quote_text ON post BEGIN "
    "INSERT INTO post_fts (post_fts, rowid, text, quote_text) "
    "VALUES ('delete', old.id, s1_index_text(old.text), s1_index_text(old.quote_text)); "
    "INSERT INTO post_fts (rowid, text, quote_text) "
    "VALUES (new.id, s1_index_text(new.text), s1_index_text(new.quote_text)); END",
    "INSERT INTO post_fts (rowid, text, quote_text) "
    "SELECT id, s1_index_text(text), s1_index_text(quote_text) FROM post",
]


_CJK_V2 = ((0x2E80, 0x2FFF), (0x3040, 0x30FF), (0x3100, 0x31FF), (0x3400, 0x4DBF),
           (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))
_SPACED_V2 = {c: f" {chr(c)} " for lo, hi in _CJK_V2 for c in range(lo, hi + 1)}


def index_text_v2(text: str | None) -> str:
    """The index form of schemas 2-5: a space on both sides of every CJK character. Registered
    as ``s1_index_text`` so the triggers of those schemas work until step 6 replaces them."""
    return text.translate(_SPACED_V2) if text else ""


def _step_2(db: SqliteDatabase, tick: Tick) -> None:
    db.connection().create_function("s1_index_text", 1, index_text_v2, deterministic=True)
    for sql in _SCHEMA_2:
        db.execute_sql(sql)


# Schema 3: keyword rules (user data): hide or collapse posts whose text matches, hide threads
# whose title matches; optionally expiring.
_SCHEMA_3 = [
    'CREATE TABLE "filter_rule" ("id" INTEGER NOT NULL PRIMARY KEY, "pattern" TEXT NOT NULL, '
    '"is_regex" INTEGER NOT NULL, "target" TEXT NOT NULL, "action" TEXT NOT NULL, '
    '"note" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "expires_at" DATETIME)',
    'CREATE UNIQUE INDEX "filter_rule_pattern_is_regex_target" ON "filter_rule" ("pattern", "is_regex", "target")',
]


def _step_3(db: SqliteDatabase, tick: Tick) -> None:
    for sql in _SCHEMA_3:
        db.execute_sql(sql)


# Schema 4: threads saved from the forum (user data): the forum they come from, how far their
# pages are stored (fetched_position, updated in the same transaction as each page's posts, so an
# interrupted fetch resumes exactly), and the outcome of the last check.
_SCHEMA_4 = [
    'CREATE TABLE "followed_thread" ("tid" INTEGER NOT NULL PRIMARY KEY, "base_url" TEXT NOT NULL, '
    '"title" TEXT NOT NULL, "fetched_position" INTEGER NOT NULL, "max_position" INTEGER NOT NULL, '
    '"followed_at" DATETIME NOT NULL, "checked_at" DATETIME, "last_new_posts" INTEGER NOT NULL, '
    '"last_error" TEXT)',
]


def _step_4(db: SqliteDatabase, tick: Tick) -> None:
    for sql in _SCHEMA_4:
        db.execute_sql(sql)


# Schema 5: which parser version read each file, so that a newer parser re-reads unchanged files
# (0: read before this was recorded, i.e. by an older parser).
_SCHEMA_5 = [
    'ALTER TABLE "source_file" ADD COLUMN "parser_version" INTEGER NOT NULL DEFAULT 0',
]


def _step_5(db: SqliteDatabase, tick: Tick) -> None:
    for sql in _SCHEMA_5:
        db.execute_sql(sql)


# Schema 6: compact storage and a bigram index (see bodycodec.py and searchtext.py). The post
# table is rebuilt without its two plain-text columns (derived from the body when needed) and
# with the body compressed by a zstd dictionary trained on the library's own bodies; the
# full-text index is rebuilt as distinct CJK characters and bigrams and Latin words, detail=none.
# Row ids are kept, so quote links and everything keyed on them stay valid.
_POST_6 = (
    'CREATE TABLE "post_v6" ("id" INTEGER NOT NULL PRIMARY KEY, "tid" INTEGER NOT NULL, '
    '"floor" INTEGER NOT NULL, "author_id" INTEGER NOT NULL, "posted_at" DATETIME NOT NULL, '
    '"is_op" INTEGER NOT NULL, "flags" INTEGER NOT NULL, "editor" TEXT, "edited_at" DATETIME, '
    '"pid" INTEGER, "content_hash" TEXT NOT NULL, "source_line" INTEGER NOT NULL, '
    '"body" BLOB NOT NULL, '
    'FOREIGN KEY ("tid") REFERENCES "thread" ("tid") ON DELETE CASCADE, '
    'FOREIGN KEY ("author_id") REFERENCES "author" ("id") ON DELETE RESTRICT)'
)
_INDEXES_6 = [
    'CREATE INDEX "post_pid" ON "post" ("pid")',
    'CREATE UNIQUE INDEX "post_tid_floor_author_id_posted_at" ON "post" ("tid", "floor", "author_id", "posted_at")',
    'CREATE INDEX "post_author_id_posted_at" ON "post" ("author_id", "posted_at")',
]
FTS_6 = [
    "CREATE VIRTUAL TABLE post_fts USING fts5(text, quote_text, content='', tokenize='ascii', "
    "detail=none)",
    "CREATE TRIGGER post_fts_ad AFTER DELETE ON post BEGIN "
    "INSERT INTO post_fts (post_fts, rowid, text, quote_text) "
    "VALUES ('delete', old.id, s1_body_tokens(old.body, 0), s1_body_tokens(old.body, 1)); END",
    "CREATE TRIGGER post_fts_au AFTER UPDATE OF body ON post BEGIN "
    "INSERT INTO post_fts (post_fts, rowid, text, quote_text) "
    "VALUES ('delete', old.id, s1_body_tokens(old.body, 0), s1_body_tokens(old.body, 1)); "
    "INSERT INTO post_fts (rowid, text, quote_text) "
    "VALUES (new.id, s1_body_tokens(new.body, 0), s1_body_tokens(new.body, 1)); END",
]


def _step_6(db: SqliteDatabase, tick: Tick) -> None:
    from .bodycodec import BodyCodec, train
    from .searchtext import index_tokens

    count = db.execute_sql("SELECT COUNT(*) FROM post").fetchone()[0]
    samples = [r[0] for r in db.execute_sql("SELECT body FROM post LIMIT 20000").fetchall()]
    codec = BodyCodec()
    db.execute_sql('CREATE TABLE "body_dict" ("id" INTEGER NOT NULL PRIMARY KEY, '
                   '"data" BLOB NOT NULL, "created_at" DATETIME NOT NULL)')
    data = train(samples, 1)
    if data is not None:
        db.execute_sql("INSERT INTO body_dict (id, data, created_at) VALUES (1, ?, ?)",
                       (data, datetime.now().strftime("%Y-%m-%d %H:%M:%S")))
        codec.add(1, data)
    conn = db.connection()
    conn.create_function("s1_pack", 1, codec.pack, deterministic=True)
    conn.create_function("s1_tokens", 1, index_tokens, deterministic=True)
    for sql in ("DROP TRIGGER post_fts_ad", "DROP TRIGGER post_fts_au", "DROP TABLE post_fts",
                _POST_6,
                "INSERT INTO post_v6 SELECT id, tid, floor, author_id, posted_at, is_op, "
                "flags | (CASE WHEN instr(body, '[\"m\",') > 0 OR instr(body, '[\"i\",') > 0 "
                "THEN 16 ELSE 0 END), editor, edited_at, pid, content_hash, source_line, "
                "s1_pack(body) FROM post",
                FTS_6[0],
                "INSERT INTO post_fts (rowid, text, quote_text) "
                "SELECT id, s1_tokens(text), s1_tokens(quote_text) FROM post",
                'DROP TABLE "post"',
                'ALTER TABLE "post_v6" RENAME TO "post"',
                *_INDEXES_6, *FTS_6[1:]):
        db.execute_sql(sql)
    if db.execute_sql("SELECT COUNT(*) FROM post").fetchone()[0] != count:
        raise RuntimeError("schema step 6 lost posts while rebuilding the post table")


# Schema 7: counts that take a pass over a big table, kept with the state they were taken in
# (``queries.library_stats``): values are numbers, or the stamp text.
_SCHEMA_7 = [
    'CREATE TABLE "library_count" ("name" TEXT NOT NULL PRIMARY KEY, "value" NOT NULL)',
]


def _step_7(db: SqliteDatabase, tick: Tick) -> None:
    for sql in _SCHEMA_7:
        db.execute_sql(sql)


# Schema 8: big threads' reading order, packed (``threadrows.py``); derived data, rebuilt by the
# importer; the step packs the big threads already there. It also takes the library counts of
# schema 7, which only an import that wrote something took: a library upgraded to 7 and not
# imported into since paid a pass over every quote link at each ``stats``.
_SCHEMA_8 = [
    'CREATE TABLE "thread_rows" ("tid" INTEGER NOT NULL PRIMARY KEY, "stamp" TEXT NOT NULL, '
    '"posts" INTEGER NOT NULL, "data" BLOB NOT NULL, '
    'FOREIGN KEY ("tid") REFERENCES "thread" ("tid") ON DELETE CASCADE)',
]


def _step_8(db: SqliteDatabase, tick: Tick) -> None:
    from .threadrows import PACKED_MIN_POSTS, pack_thread_rows

    for sql in _SCHEMA_8:
        db.execute_sql(sql)
    big = db.execute_sql("SELECT tid FROM post GROUP BY tid HAVING COUNT(*) >= ?",
                         (PACKED_MIN_POSTS,)).fetchall()
    for (tid,) in big:
        pack_thread_rows(tid, db)
    if db is database:
        from .queries import refresh_quote_counts

        refresh_quote_counts()


# Schema 9: the figures a thread's digest ranks posts by (reader/store/measures.py: rating, raters,
# own images, own text length), one row per post that is rated or shows an image, so a digest
# never decodes the bodies of a whole thread. Filled here from the stored bodies; a body whose JSON
# holds neither a rating nor an image tag is only decompressed, not parsed.
_SCHEMA_9 = [
    'CREATE TABLE "post_measure" ("post_id" INTEGER NOT NULL PRIMARY KEY, "tid" INTEGER NOT NULL, '
    '"rating" INTEGER NOT NULL, "raters" INTEGER NOT NULL, "images" INTEGER NOT NULL, '
    '"length" INTEGER NOT NULL, '
    'FOREIGN KEY ("post_id") REFERENCES "post" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "post_measure_tid" ON "post_measure" ("tid")',
]


def _step_9(db: SqliteDatabase, tick: Tick) -> None:
    import zstandard

    from .bodycodec import BodyCodec
    from .measures import measure_json

    for sql in _SCHEMA_9:
        db.execute_sql(sql)
    codec = BodyCodec({i: bytes(d) for i, d in db.execute_sql("SELECT id, data FROM body_dict")})
    conn = db.connection()
    insert = ("INSERT INTO post_measure (post_id, tid, rating, raters, images, length) "
              "VALUES (?, ?, ?, ?, ?, ?)")
    rows: list[tuple] = []
    total = conn.execute("SELECT COUNT(*) FROM post").fetchone()[0]
    for n, (post_id, tid, body) in enumerate(conn.execute("SELECT id, tid, body FROM post"), 1):
        if n % 20_000 == 0:
            tick(n, total)
        try:
            found = measure_json(codec.unpack(body))
        except (ValueError, zstandard.ZstdError):  # an unreadable body: no figures, no failed upgrade
            continue
        if found is not None:
            rows.append((post_id, tid, *found.row()))
            if len(rows) >= 10_000:
                conn.executemany(insert, rows)
                rows.clear()
    conn.executemany(insert, rows)


# Schema 10: where each stored post version comes from, so that a second copy of a thread (another
# folder, another backup) never silently replaces the first (``sources.py``). ``source_file`` gets
# a stable number (its row id, which a VACUUM could otherwise renumber) and the highest floor it
# holds, filled here from the posts in its part's floor range; ``post.source_id`` is that number,
# unknown (NULL) for posts stored before, which are then attributed by their part. Adding a NULL
# column rewrites nothing, so the step is quick on any library.
_SCHEMA_10 = [
    'ALTER TABLE "source_file" ADD COLUMN "id" INTEGER',
    'UPDATE "source_file" SET "id" = rowid',
    'CREATE UNIQUE INDEX "source_file_id" ON "source_file" ("id")',
    'ALTER TABLE "source_file" ADD COLUMN "max_floor" INTEGER',
    'UPDATE "source_file" SET "max_floor" = (SELECT MAX(p.floor) FROM post p '
    'WHERE p.tid = source_file.tid AND p.floor BETWEEN (source_file.part - 1) * 1500 + 1 '
    'AND source_file.part * 1500)',
    'ALTER TABLE "post" ADD COLUMN "source_id" INTEGER',
]


def _step_10(db: SqliteDatabase, tick: Tick) -> None:
    for sql in _SCHEMA_10:
        db.execute_sql(sql)


# Schema 11: how far the reader has read each thread (read_state.read_floor), apart from where
# they stopped (last_floor): a post is read once its end has been on screen or the reader went
# past it, and going back never makes it unread again. Until now the unread posts were those
# after the floor at the top of the screen; that floor is where reading stood, so it starts the
# mark. Every position is kept as it was.
_SCHEMA_11 = [
    'ALTER TABLE "read_state" ADD COLUMN "read_floor" INTEGER NOT NULL DEFAULT 0',
    'UPDATE "read_state" SET "read_floor" = "last_floor"',
]


def _step_11(db: SqliteDatabase, tick: Tick) -> None:
    for sql in _SCHEMA_11:
        db.execute_sql(sql)


# Schema 12: the folders and files the library was imported from (``import_root``, so that
# ``s1reader update`` re-scans them without being told where they are) and the reader's saved
# searches (``saved_search``, user data: the query, and the highest post id that existed when
# the reader last opened it, so the posts that arrived since are the new ones). New tables only:
# nothing is rewritten.
_SCHEMA_12 = [
    'CREATE TABLE IF NOT EXISTS "import_root" ("path" TEXT NOT NULL PRIMARY KEY, '
    '"is_dir" INTEGER NOT NULL, "added_at" DATETIME NOT NULL)',
    'CREATE TABLE IF NOT EXISTS "saved_search" ("name" TEXT NOT NULL PRIMARY KEY, '
    '"query" TEXT NOT NULL, "created_at" DATETIME NOT NULL, '
    '"seen_post_id" INTEGER NOT NULL DEFAULT 0, "last_seen_at" DATETIME)',
]


def _step_12(db: SqliteDatabase, tick: Tick) -> None:
    for sql in _SCHEMA_12:
        db.execute_sql(sql)


# Schema 13: the state of each recorded file besides its highest floor (its latest post time
# and latest edit note), which tells the newest of a thread's copies (sources.py). Files recorded
# before get the state of the posts whose version they gave; a file read again gets its own.
_SCHEMA_13 = [
    'ALTER TABLE "source_file" ADD COLUMN "last_posted" TEXT',
    'ALTER TABLE "source_file" ADD COLUMN "last_edited" TEXT',
    # one pass over the posts, not one per file (a big thread has a hundred files)
    'CREATE TEMP TABLE "source_state" ("id" INTEGER PRIMARY KEY, "posted" TEXT, "edited" TEXT)',
    'INSERT INTO "source_state" SELECT source_id, MAX(posted_at), MAX(edited_at) FROM post '
    'WHERE source_id IS NOT NULL GROUP BY source_id',
    'UPDATE "source_file" SET '
    '"last_posted" = (SELECT s.posted FROM source_state s WHERE s.id = source_file.id), '
    '"last_edited" = (SELECT s.edited FROM source_state s WHERE s.id = source_file.id) '
    'WHERE "id" IS NOT NULL',
    'DROP TABLE "source_state"',
]


def _step_13(db: SqliteDatabase, tick: Tick) -> None:
    for sql in _SCHEMA_13:
        db.execute_sql(sql)


STEPS: list[tuple[int, str, Callable[[SqliteDatabase, Tick], None]]] = [
    (1, "archive tables, user data tables", _step_1),
    (2, "full-text index of posts", _step_2),
    (3, "keyword rules", _step_3),
    (4, "threads followed on the forum", _step_4),
    (5, "parser version of imported files", _step_5),
    (6, "compressed bodies and a bigram search index", _step_6),
    (7, "cached library counts", _step_7),
    (8, "packed reading order of big threads", _step_8),
    (9, "figures of posts for thread digests", _step_9),
    (10, "the source file of each post", _step_10),
    (11, "how far each thread has been read", _step_11),
    (12, "folders imported from, saved searches", _step_12),
    (13, "the state of each imported file", _step_13),
]
LATEST = STEPS[-1][0]


def current_version(db: SqliteDatabase) -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


# told (step number, what it does, done, total) before each step and as long steps go on
# (``total`` 0: no count); the window shows it. A step gets ``tick(done, total)`` for that.
Progress = Callable[[int, str, int, int], None]


def _ticker(progress: Progress | None, number: int, what: str) -> Tick:
    """The ``tick(done, total)`` a step reports with: to ``progress``, named with the step."""
    if progress is None:
        return lambda _done, _total: None
    return lambda done, total: progress(number, what, done, total)


def migrate(db: SqliteDatabase, target: int = LATEST, progress: Progress | None = None) -> list[int]:
    """Apply the steps above the file's version up to ``target``; returns the versions applied.
    ``progress`` is told which step runs and, for the long ones, how far it is."""
    applied: list[int] = []
    version = current_version(db)
    if version > LATEST:
        raise RuntimeError(
            f"the library was written by a newer s1reader (schema {version}, this one knows "
            f"{LATEST}); upgrade s1reader to open it"
        )
    if version >= target:
        return applied
    # SQLite's procedure for rebuilding a table: foreign keys off around the transaction (a
    # dropped table would otherwise cascade into the rows that point at it), checked before commit
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        _apply(db, version, target, applied, progress)
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    return applied


def _apply(db: SqliteDatabase, version: int, target: int, applied: list[int],
           progress: Progress | None) -> None:
    for number, what, step in STEPS:
        if version < number <= target:
            if progress is not None:
                progress(number, what, 0, 0)
            # the write lock first, then the version again: two programs opening a new or old
            # library at once must not both run a step
            with db.atomic(lock_type="IMMEDIATE"):
                if number > 1 and current_version(db) >= number:
                    continue
                if number == 1 and db.table_exists("schema_version"):
                    continue
                if number == 1:
                    db.execute_sql(
                        'CREATE TABLE IF NOT EXISTS "schema_version" '
                        '("version" INTEGER NOT NULL PRIMARY KEY, "applied_at" DATETIME NOT NULL)'
                    )
                step(db, _ticker(progress, number, what))
                db.execute_sql(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (number, datetime.now().strftime("%Y-%m-%d %H:%M:%S")),
                )
            applied.append(number)
