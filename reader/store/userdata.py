"""User data: bookmarks of posts, blocked and highlighted users, keyword rules; backup as JSON.

Nothing here references row ids of imported data. A bookmark names its post by (tid, pid) when
the pid is known and always also by (tid, floor, author, posted time), so it finds its post
again after any re-import; a bookmark whose post is gone is kept and reported as missing.
Every write is one transaction.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import peewee

from .bodies import body_first_line
from .dbtime import db_now, from_db, to_db
from .models import database
from .rulematch import RuleMatcher, RulePatternError, check_pattern, compiled

EXPORT_FORMAT = "s1reader-userdata"
EXPORT_VERSION = 1
MARK_KINDS = ("block", "highlight")


class UserDataError(ValueError):
    """A user-data operation that cannot be done, with a message saying why."""


_bad_rows: dict[tuple[str, object], str] = {}


def bad_rows() -> list[str]:
    """Stored rows the last reads had to skip because they are damaged (one line each).

    A bad row (from an old backup or a damaged file) is never deleted, only left out, so the
    program keeps working and the row can still be repaired or removed on purpose.
    """
    return [f"{table} {key}: {why}" for (table, key), why in sorted(_bad_rows.items(), key=str)]


def forget_bad_rows() -> None:
    """Start a new list (another library was opened)."""
    _bad_rows.clear()


def _skip(table: str, key, error: Exception) -> None:
    _bad_rows[(table, key)] = f"skipped, it is damaged ({error})"


# ---------------------------------------------------------------- bookmarks


@dataclass(frozen=True, slots=True)
class BookmarkInfo:
    id: int
    tid: int
    floor: int
    author: str
    posted_at: datetime
    pid: int | None
    note: str
    tags: tuple[str, ...]
    created_at: datetime
    post_id: int | None  # the post it is attached to now; None: not in the library
    thread_title: str | None
    first_line: str

    @property
    def missing(self) -> bool:
        return self.post_id is None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "tid": self.tid,
            "floor": self.floor,
            "author": self.author,
            "posted_at": self.posted_at.isoformat(),
            "pid": self.pid,
            "note": self.note,
            "tags": list(self.tags),
            "created_at": self.created_at.isoformat(),
            "post_id": self.post_id,
            "thread_title": self.thread_title,
            "first_line": self.first_line,
            "missing": self.missing,
        }


def _tags(text: str | list[str] | tuple[str, ...] | None) -> str:
    if not text:
        return ""
    items = text.split(",") if isinstance(text, str) else list(text)
    seen: list[str] = []
    for t in (x.strip() for x in items):
        if t and t not in seen:
            seen.append(t)
    return ",".join(seen)


_BOOKMARK_SELECT = (
    "SELECT b.id, b.tid, b.floor, b.author, b.posted_at, b.pid, b.note, b.tags, b.created_at, "
    "COALESCE("
    " (SELECT p.id FROM post p WHERE b.pid IS NOT NULL AND p.tid = b.tid AND p.pid = b.pid), "
    " (SELECT p.id FROM post p WHERE p.tid = b.tid AND p.floor = b.floor AND p.posted_at = b.posted_at "
    "  AND p.author_id = (SELECT id FROM author WHERE name = b.author))) AS post_id, "
    "t.title FROM bookmark b LEFT JOIN thread t ON t.tid = b.tid"
)


def _bookmark(row) -> BookmarkInfo:
    bid, tid, floor, author, posted, pid, note, tags, created, post_id, title = row
    first = ""
    if post_id is not None:
        body = database.execute_sql("SELECT body FROM post WHERE id = ?", (post_id,)).fetchone()[0]
        first = body_first_line(body)
    return BookmarkInfo(bid, tid, floor, author, from_db(posted), pid, note,
                        tuple(t for t in tags.split(",") if t), from_db(created), post_id, title, first)


def add_bookmark(tid: int, floor: int, note: str = "", tags=None, author: str | None = None) -> BookmarkInfo:
    """Bookmark the post at ``floor`` of ``tid`` (``author`` picks one where a floor is shared).

    Bookmarking an already bookmarked post updates its note and tags instead (an empty note or
    no tags keep what the bookmark had).
    """
    sql = ("SELECT p.pid, a.name, p.posted_at FROM post p JOIN author a ON a.id = p.author_id "
           "WHERE p.tid = ? AND p.floor = ?")
    args: list = [tid, floor]
    if author:
        sql += " AND a.name = ?"
        args.append(author)
    row = database.execute_sql(sql + " ORDER BY p.posted_at LIMIT 1", args).fetchone()
    if row is None:
        raise UserDataError(f"thread {tid} has no post at floor {floor}"
                            + (f" by {author}" if author else "") + " in the library")
    pid, name, posted = row
    with database.atomic():
        database.execute_sql(
            "INSERT INTO bookmark (tid, pid, floor, author, posted_at, note, tags, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(tid, floor, author, posted_at) DO UPDATE SET "
            "note = CASE excluded.note WHEN '' THEN bookmark.note ELSE excluded.note END, "
            "tags = CASE excluded.tags WHEN '' THEN bookmark.tags ELSE excluded.tags END, "
            "pid = COALESCE(excluded.pid, bookmark.pid)",
            (tid, pid, floor, name, str(posted), note, _tags(tags), db_now()),
        )
    bid = database.execute_sql(
        "SELECT id FROM bookmark WHERE tid = ? AND floor = ? AND author = ? AND posted_at = ?",
        (tid, floor, name, str(posted)),
    ).fetchone()[0]
    return get_bookmark(bid)


def get_bookmark(bookmark_id: int) -> BookmarkInfo:
    row = database.execute_sql(_BOOKMARK_SELECT + " WHERE b.id = ?", (bookmark_id,)).fetchone()
    if row is None:
        raise UserDataError(f"no bookmark with id {bookmark_id} (see `s1reader bookmark list`)")
    try:
        return _bookmark(row)
    except (ValueError, TypeError, AttributeError) as e:
        raise UserDataError(f"bookmark {bookmark_id} is damaged ({e}); remove it with "
                            f"`s1reader bookmark remove {bookmark_id}`") from None


def list_bookmarks(text: str | None = None, tag: str | None = None, tid: int | None = None,
                   order: str = "created") -> list[BookmarkInfo]:
    """All bookmarks, newest first (``order`` "created") or by thread and floor ("thread")."""
    where, args = [], []
    if tid is not None:
        where.append("b.tid = ?")
        args.append(tid)
    if tag:
        where.append("(',' || b.tags || ',') LIKE ?")
        args.append(f"%,{tag},%")
    sql = _BOOKMARK_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY " + ("b.tid, b.floor" if order == "thread" else "b.created_at DESC, b.id DESC")
    items = []
    for r in database.execute_sql(sql, args).fetchall():
        try:
            items.append(_bookmark(r))
        except (ValueError, TypeError, AttributeError) as e:
            _skip("bookmark", r[0], e)
    if text:
        t = text.lower()
        items = [b for b in items if t in " ".join(
            [b.note, b.author, b.thread_title or "", b.first_line, ",".join(b.tags)]).lower()]
    return items


def bookmarked_keys(tid: int) -> set[tuple[int, str, str]]:
    """(floor, author, posted_at) of the bookmarked posts of one thread: for the view's stars."""
    rows = database.execute_sql(
        "SELECT floor, author, posted_at FROM bookmark WHERE tid = ?", (tid,)).fetchall()
    return {(f, a, str(p)) for f, a, p in rows}


def update_bookmark(bookmark_id: int, note: str | None = None, tags=None) -> BookmarkInfo:
    get_bookmark(bookmark_id)
    with database.atomic():
        if note is not None:
            database.execute_sql("UPDATE bookmark SET note = ? WHERE id = ?", (note, bookmark_id))
        if tags is not None:
            database.execute_sql("UPDATE bookmark SET tags = ? WHERE id = ?", (_tags(tags), bookmark_id))
    return get_bookmark(bookmark_id)


def remove_bookmark(bookmark_id: int) -> BookmarkInfo:
    """Delete a bookmark; returns it so the caller can offer undo (``restore_bookmark``)."""
    info = get_bookmark(bookmark_id)
    with database.atomic():
        database.execute_sql("DELETE FROM bookmark WHERE id = ?", (bookmark_id,))
    return info


def restore_bookmark(info: BookmarkInfo) -> None:
    """Put a removed bookmark back exactly as it was (same id, note, tags and date)."""
    with database.atomic():
        database.execute_sql(
            "INSERT OR IGNORE INTO bookmark (id, tid, pid, floor, author, posted_at, note, tags, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (info.id, info.tid, info.pid, info.floor, info.author, to_db(info.posted_at),
             info.note, ",".join(info.tags), to_db(info.created_at)),
        )


# ---------------------------------------------------------------- blocked / highlighted users


@dataclass(frozen=True, slots=True)
class UserMarkInfo:
    name: str
    kind: str
    note: str
    color: str | None
    created_at: datetime
    expires_at: datetime | None

    def as_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "note": self.note, "color": self.color,
                "created_at": self.created_at.isoformat(),
                "expires_at": self.expires_at.isoformat() if self.expires_at else None}


def mark_user(name: str, kind: str, note: str = "", color: str | None = None,
              days: int | None = None) -> UserMarkInfo:
    """Block or highlight ``name`` (optionally for ``days`` days); marking again updates it."""
    if kind not in MARK_KINDS:
        raise UserDataError(f"kind must be one of {', '.join(MARK_KINDS)}")
    if not name.strip():
        raise UserDataError("a user name is needed")
    expires = to_db(datetime.now() + timedelta(days=days)) if days else None
    with database.atomic():
        database.execute_sql(
            "INSERT INTO user_mark (name, kind, note, color, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name, kind) DO UPDATE SET note = excluded.note, "
            "color = excluded.color, expires_at = excluded.expires_at",
            (name.strip(), kind, note, color, db_now(), expires),
        )
    return next(m for m in list_marks(kind, include_expired=True) if m.name == name.strip())


def unmark_user(name: str, kind: str) -> bool:
    with database.atomic():
        cur = database.execute_sql("DELETE FROM user_mark WHERE name = ? AND kind = ?", (name, kind))
    return cur.rowcount > 0


def list_marks(kind: str, include_expired: bool = False) -> list[UserMarkInfo]:
    sql = "SELECT name, kind, note, color, created_at, expires_at FROM user_mark WHERE kind = ?"
    args: list = [kind]
    if not include_expired:
        sql += " AND (expires_at IS NULL OR expires_at > ?)"
        args.append(db_now())
    out = []
    for n, k, note, c, cr, ex in database.execute_sql(sql + " ORDER BY name", args).fetchall():
        try:
            out.append(UserMarkInfo(n, k, note, c, from_db(cr), from_db(ex)))
        except (ValueError, TypeError) as e:
            _skip(f"user mark ({k})", n, e)
    return out


def blocked_names() -> set[str]:
    return {m.name for m in list_marks("block")}


def highlight_colors() -> dict[str, str]:
    return {m.name: m.color or "#e8a317" for m in list_marks("highlight")}


# ---------------------------------------------------------------- keyword rules


@dataclass(frozen=True, slots=True)
class FilterRuleInfo:
    id: int
    pattern: str
    is_regex: bool
    target: str
    action: str
    note: str
    created_at: datetime
    expires_at: datetime | None

    def matches(self, text: str) -> bool:
        """Whether the rule matches ``text`` (time-boxed; a regex that runs out of time: no)."""
        return RuleMatcher([self]).first_match(text) is not None

    def as_dict(self) -> dict:
        return {"id": self.id, "pattern": self.pattern, "is_regex": self.is_regex,
                "target": self.target, "action": self.action, "note": self.note,
                "created_at": self.created_at.isoformat(),
                "expires_at": self.expires_at.isoformat() if self.expires_at else None}


def add_rule(pattern: str, is_regex: bool = False, target: str = "post", action: str = "collapse",
             note: str = "", days: int | None = None) -> FilterRuleInfo:
    if target not in ("post", "title"):
        raise UserDataError("a rule's target is 'post' (post text) or 'title' (thread titles)")
    if action not in ("hide", "collapse"):
        raise UserDataError("a rule's action is 'hide' or 'collapse'")
    if not pattern:
        raise UserDataError("a rule needs a word or a regular expression")
    if is_regex:
        try:
            check_pattern(pattern)
        except RulePatternError as e:
            raise UserDataError(str(e)) from None
    expires = to_db(datetime.now() + timedelta(days=days)) if days else None
    with database.atomic():
        database.execute_sql(
            "INSERT INTO filter_rule (pattern, is_regex, target, action, note, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(pattern, is_regex, target) DO UPDATE SET "
            "action = excluded.action, note = excluded.note, expires_at = excluded.expires_at",
            (pattern, int(is_regex), target, action, note, db_now(), expires),
        )
    return next(r for r in list_rules(include_expired=True)
                if (r.pattern, r.is_regex, r.target) == (pattern, is_regex, target))


def remove_rule(rule_id: int) -> bool:
    with database.atomic():
        return database.execute_sql("DELETE FROM filter_rule WHERE id = ?", (rule_id,)).rowcount > 0


def list_rules(target: str | None = None, include_expired: bool = False) -> list[FilterRuleInfo]:
    sql = ("SELECT id, pattern, is_regex, target, action, note, created_at, expires_at "
           "FROM filter_rule WHERE 1=1")
    args: list = []
    if target:
        sql += " AND target = ?"
        args.append(target)
    if not include_expired:
        sql += " AND (expires_at IS NULL OR expires_at > ?)"
        args.append(db_now())
    out = []
    for i, p, r, t, a, n, c, e in database.execute_sql(sql + " ORDER BY id", args).fetchall():
        try:
            if r:
                compiled(p)
            out.append(FilterRuleInfo(i, p, bool(r), t, a, n, from_db(c), from_db(e)))
        except Exception as err:  # noqa: BLE001 (any damage: a bad regex, a bad date)
            _skip("rule", i, err)
    return out


# ---------------------------------------------------------------- backup


_EXPORT_QUERIES = {
    "bookmarks": (("tid", "pid", "floor", "author", "posted_at", "note", "tags", "created_at"),
                  "SELECT tid, pid, floor, author, posted_at, note, tags, created_at FROM bookmark "
                  "ORDER BY id"),
    "user_marks": (("name", "kind", "note", "color", "created_at", "expires_at"),
                   "SELECT name, kind, note, color, created_at, expires_at FROM user_mark "
                   "ORDER BY kind, name"),
    "filter_rules": (("pattern", "is_regex", "target", "action", "note", "created_at", "expires_at"),
                     "SELECT pattern, is_regex, target, action, note, created_at, expires_at "
                     "FROM filter_rule ORDER BY id"),
    "read_state": (("tid", "last_floor", "seen_max_floor", "visited_at"),
                   "SELECT tid, last_floor, seen_max_floor, visited_at FROM read_state ORDER BY tid"),
}


def export_userdata(path: str | Path) -> dict:
    """Write all user data to one JSON file; returns the counts written."""
    data: dict = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
    }
    unreadable: list[str] = []
    for section, (columns, sql) in _EXPORT_QUERIES.items():
        try:  # a damaged library: save every table that can still be read
            data[section] = [dict(zip(columns, r, strict=True))
                             for r in database.execute_sql(sql).fetchall()]
        except (sqlite3.DatabaseError, peewee.DatabaseError) as e:
            data[section] = []
            unreadable.append(section)
            _skip(section, "(whole table)", e)
    skipped = 0
    for section, check in _SECTIONS.items():
        good = []
        for row in data[section]:
            for k, v in row.items():
                if isinstance(v, datetime):
                    row[k] = to_db(v)
            try:
                check(row)  # a damaged row is left out: the backup must import again
            except _Bad as e:
                skipped += 1
                _skip(section, row.get("tid") or row.get("name") or row.get("pattern"), e)
                continue
            good.append(row)
        data[section] = good
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(target)  # never a half-written backup
    counts = {k: len(data[k]) for k in ("bookmarks", "user_marks", "filter_rules", "read_state")}
    if skipped:
        counts["skipped_damaged"] = skipped
    if unreadable:
        counts["unreadable"] = unreadable
    return counts


# ---------------------------------------------------------------- validation of a backup

_ID_MAX = 2**63 - 1  # SQLite's integer range
_TEXT_MAX = 100_000
# a backup bigger than this, or with more entries in a section, is not one this program wrote
# for a person (a million reading positions would be a thread a minute for two years)
MAX_BACKUP_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 500_000
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


class _Bad(ValueError):
    pass


def _int(v, what: str, optional: bool = False, lo: int = 0) -> int | None:
    if v is None and optional:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= _ID_MAX:
        raise _Bad(f"{what} must be a whole number from {lo} to {_ID_MAX}, not {_show(v)}")
    return v


def _text(v, what: str, default: str | None = "", required: bool = False) -> str:
    if v is None and default is not None and not required:
        return default
    if not isinstance(v, str) or (required and not v.strip()) or len(v) > _TEXT_MAX:
        raise _Bad(f"{what} must be {'a non-empty' if required else 'a'} text, not {_show(v)}")
    return v


def _time(v, what: str, optional: bool = False) -> str | None:
    if v in (None, "") and optional:
        return None
    try:
        if not isinstance(v, str):
            raise ValueError
        return to_db(datetime.fromisoformat(v.strip()).replace(tzinfo=None, microsecond=0))
    except ValueError:
        raise _Bad(f"{what} must be a date and time like 2024-03-01 10:00:00, not {_show(v)}") from None


def _choice(v, what: str, choices: tuple[str, ...]) -> str:
    if v not in choices:
        raise _Bad(f"{what} must be one of {', '.join(choices)}, not {_show(v)}")
    return v


def _show(v) -> str:
    text = json.dumps(v, ensure_ascii=False) if isinstance(v, (str, int, float, bool)) or v is None \
        else type(v).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _bookmark_row(b: dict) -> tuple:
    tags = b.get("tags", "")
    if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
        tags = ",".join(tags)
    return (_int(b.get("tid"), "tid", lo=1), _int(b.get("pid"), "pid", optional=True),
            _int(b.get("floor"), "floor"), _text(b.get("author"), "author", required=True),
            _time(b.get("posted_at"), "posted_at"), _text(b.get("note"), "note"),
            _tags(_text(tags, "tags")), _time(b.get("created_at"), "created_at", True) or db_now())


def _mark_row(m: dict) -> tuple:
    color = m.get("color")
    if color is not None and not (isinstance(color, str) and _COLOR.fullmatch(color)):
        raise _Bad(f"color must be like #e8a317, not {_show(color)}")
    return (_text(m.get("name"), "name", required=True).strip(),
            _choice(m.get("kind"), "kind", MARK_KINDS), _text(m.get("note"), "note"), color,
            _time(m.get("created_at"), "created_at", True) or db_now(),
            _time(m.get("expires_at"), "expires_at", True))


def _rule_row(r: dict) -> tuple:
    is_regex = r.get("is_regex", False)
    if is_regex not in (True, False, 0, 1):
        raise _Bad(f"is_regex must be true or false, not {_show(is_regex)}")
    pattern = _text(r.get("pattern"), "pattern", required=True)
    if is_regex:
        try:
            check_pattern(pattern)
        except RulePatternError as e:
            raise _Bad(f"pattern {_show(pattern)}: {e}") from None
    return (pattern, int(is_regex), _choice(r.get("target"), "target", ("post", "title")),
            _choice(r.get("action"), "action", ("hide", "collapse")), _text(r.get("note"), "note"),
            _time(r.get("created_at"), "created_at", True) or db_now(),
            _time(r.get("expires_at"), "expires_at", True))


def _read_state_row(s: dict) -> tuple:
    return (_int(s.get("tid"), "tid", lo=1), _int(s.get("last_floor", 0), "last_floor"),
            _int(s.get("seen_max_floor", 0), "seen_max_floor"),
            _time(s.get("visited_at"), "visited_at", True))


_SECTIONS = {"bookmarks": _bookmark_row, "user_marks": _mark_row, "filter_rules": _rule_row,
             "read_state": _read_state_row}


def validate_backup(data, path: str | Path = "backup") -> dict[str, list[tuple]]:
    """Check every field of a parsed backup; the rows ready to write, or UserDataError naming
    the first problems (the whole file is refused: nothing half-imported)."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise UserDataError(f"{path}: not an s1reader user-data backup (no format marker)")
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UserDataError(f"{path}: the backup's version must be a whole number, not {_show(version)}; "
                            "the file is damaged or not from s1reader. Nothing was imported.")
    if version > EXPORT_VERSION:
        raise UserDataError(f"{path}: written by a newer s1reader (version {version}); "
                            "update s1reader to import it. Nothing was imported.")
    rows: dict[str, list[tuple]] = {}
    problems: list[str] = []
    for section, check in _SECTIONS.items():
        items = data.get(section, [])
        if not isinstance(items, list):
            problems.append(f"{section} must be a list, not {_show(items)}")
            continue
        rows[section] = []
        if len(items) > MAX_ENTRIES:
            problems.append(f"{section} has {len(items):,} entries, more than the {MAX_ENTRIES:,} "
                            "a backup may hold")
            continue
        for i, item in enumerate(items):
            try:
                if not isinstance(item, dict):
                    raise _Bad(f"must be an object, not {_show(item)}")
                rows[section].append(check(item))
            except _Bad as e:
                problems.append(f"{section}[{i}]: {e}")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise UserDataError(f"{path}: the backup has invalid entries, so nothing was imported: "
                            + "; ".join(problems[:5]) + more
                            + ". Fix or remove these entries in the file and import it again.")
    return rows


def import_userdata(path: str | Path) -> dict:
    """Merge a backup into the library without duplicates; returns the counts added or updated.

    Bookmarks merge on their post identity (notes and tags of the backup win), marks and rules
    on their keys, read positions keep the furthest floor.
    """
    try:
        size = Path(path).stat().st_size
        if size > MAX_BACKUP_BYTES:
            raise UserDataError(f"{path}: {size / 1048576:,.0f} MiB is far more than a backup of "
                                f"user data holds (at most {MAX_BACKUP_BYTES // 1048576} MiB); it "
                                "is not an s1reader backup. Nothing was imported.")
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UserDataError:
        raise
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as e:
        why = "nested too deeply" if isinstance(e, RecursionError) else e
        raise UserDataError(f"{path}: not a readable s1reader backup ({why}). Nothing was "
                            "imported.") from None
    rows = validate_backup(data, path)
    counts = {"bookmarks": 0, "user_marks": 0, "filter_rules": 0, "read_state": 0}
    try:
        with database.atomic():
            for b in rows["bookmarks"]:
                database.execute_sql(
                    "INSERT INTO bookmark (tid, pid, floor, author, posted_at, note, tags, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(tid, floor, author, posted_at) DO UPDATE "
                    "SET note = excluded.note, tags = excluded.tags, "
                    "pid = COALESCE(bookmark.pid, excluded.pid)",
                    b,
                )
                counts["bookmarks"] += 1
            for m in rows["user_marks"]:
                database.execute_sql(
                    "INSERT INTO user_mark (name, kind, note, color, created_at, expires_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name, kind) DO UPDATE SET note = excluded.note, "
                    "color = excluded.color, expires_at = excluded.expires_at",
                    m,
                )
                counts["user_marks"] += 1
            for r in rows["filter_rules"]:
                database.execute_sql(
                    "INSERT INTO filter_rule (pattern, is_regex, target, action, note, created_at, "
                    "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(pattern, is_regex, target) "
                    "DO UPDATE SET action = excluded.action, note = excluded.note, "
                    "expires_at = excluded.expires_at",
                    r,
                )
                counts["filter_rules"] += 1
            for st in rows["read_state"]:
                database.execute_sql(
                    "INSERT INTO read_state (tid, last_floor, seen_max_floor, visited_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT(tid) DO UPDATE SET "
                    "last_floor = MAX(read_state.last_floor, excluded.last_floor), "
                    "seen_max_floor = MAX(read_state.seen_max_floor, excluded.seen_max_floor), "
                    "visited_at = MAX(COALESCE(read_state.visited_at, ''), "
                    "COALESCE(excluded.visited_at, ''))",
                    st,
                )
                counts["read_state"] += 1
    except (KeyError, TypeError) as e:
        raise UserDataError(f"{path}: a record lacks a required field ({e}); nothing was imported") from None
    return counts
