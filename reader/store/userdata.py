"""User data: bookmarks of posts, blocked and highlighted users, keyword rules; backup as JSON.

Nothing here references row ids of imported data. A bookmark names its post by (tid, pid) when
the pid is known and always also by (tid, floor, author, posted time), so it finds its post
again after any re-import; a bookmark whose post is gone is kept and reported as missing.
Every write is one transaction.

Queries are built with peewee on the models of ``models.py``. Rows are read as stored
(``database.execute`` of the built query, no field conversion), because a damaged value (from an
old backup or a hand-edited file) must be recognised here and the row skipped, never "repaired"
by a conversion on the way.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

import peewee
from peewee import EXCLUDED, OP, Case, Expression, Value, fn

from . import library
from .bodies import body_first_line
from .dbtime import db_now, from_db, to_db
from .models import (
    Author,
    Bookmark,
    FilterRule,
    Post,
    ReadState,
    SavedSearch,
    Thread,
    UserMark,
    database,
)
from .names import NameMap, NameSet, name_key
from .rulematch import RuleMatcher, RulePatternError, check_pattern, compiled

EXPORT_FORMAT = "s1reader-userdata"
EXPORT_VERSION = 1
MARK_KINDS = ("block", "highlight")


class UserDataError(ValueError):
    """A user-data operation that cannot be done, with a message saying why."""


def bad_rows() -> list[str]:
    """Stored rows the last reads of the open library had to skip because they are damaged (one
    line each; the library object keeps them, ``reader.store.library``).

    A bad row (from an old backup or a damaged file) is never deleted, only left out, so the
    program keeps working and the row can still be repaired or removed on purpose.
    """
    rows = library.current().bad_rows
    return [f"{table} {key}: {why}" for (table, key), why in sorted(rows.items(), key=str)]


def forget_bad_rows() -> None:
    """Start a new list (before an upgrade: tables an old schema lacks are no damage)."""
    library.current().bad_rows.clear()


def _skip(table: str, key, error: Exception) -> None:
    library.current().bad_rows[(table, key)] = f"skipped, it is damaged ({error})"


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


def _bookmark_select():
    """Bookmarks with the post each is attached to now (by pid, else by floor, author and time)
    and the thread's title."""
    by_pid = Post.select(Post.id).where(Bookmark.pid.is_null(False) & (Post.thread == Bookmark.tid)
                                        & (Post.pid == Bookmark.pid))
    by_key = Post.select(Post.id).where(
        (Post.thread == Bookmark.tid) & (Post.floor == Bookmark.floor)
        & (Post.posted_at == Bookmark.posted_at)
        & (Post.author == Author.select(Author.id).where(Author.name == Bookmark.author)))
    return (Bookmark
            .select(Bookmark.id, Bookmark.tid, Bookmark.floor, Bookmark.author, Bookmark.posted_at,
                    Bookmark.pid, Bookmark.note, Bookmark.tags, Bookmark.created_at,
                    fn.COALESCE(by_pid, by_key).alias("post_id"), Thread.title)
            .join(Thread, peewee.JOIN.LEFT_OUTER, on=(Thread.tid == Bookmark.tid)))


def _bookmark(row) -> BookmarkInfo:
    bid, tid, floor, author, posted, pid, note, tags, created, post_id, title = row
    first = ""
    if post_id is not None:
        body = database.execute(Post.select(Post.body).where(Post.id == post_id)).fetchone()[0]
        first = body_first_line(body)
    return BookmarkInfo(bid, tid, floor, author, from_db(posted), pid, note,
                        tuple(t for t in tags.split(",") if t), from_db(created), post_id, title, first)


_BOOKMARK_KEY = [Bookmark.tid, Bookmark.floor, Bookmark.author, Bookmark.posted_at]


def add_bookmark(tid: int, floor: int, note: str = "", tags=None, author: str | None = None) -> BookmarkInfo:
    """Bookmark the post at ``floor`` of ``tid`` (``author`` picks one where a floor is shared).

    Bookmarking an already bookmarked post updates its note and tags instead (an empty note or
    no tags keep what the bookmark had).
    """
    query = (Post.select(Post.pid, Author.name, Post.posted_at).join(Author)
             .where((Post.thread == tid) & (Post.floor == floor)))
    if author:
        query = query.where(Author.name == author)
    row = database.execute(query.order_by(Post.posted_at).limit(1)).fetchone()
    if row is None:
        raise UserDataError(f"thread {tid} has no post at floor {floor}"
                            + (f" by {author}" if author else "") + " in the library")
    pid, name, posted = row
    with database.atomic():
        (Bookmark.insert(tid=tid, pid=pid, floor=floor, author=name, posted_at=str(posted), note=note,
                         tags=_tags(tags), created_at=db_now())
         .on_conflict(conflict_target=_BOOKMARK_KEY, update={
             # an empty note or no tags keep what the bookmark had
             Bookmark.note: Case(EXCLUDED.note, (("", Bookmark.note),), EXCLUDED.note),
             Bookmark.tags: Case(EXCLUDED.tags, (("", Bookmark.tags),), EXCLUDED.tags),
             Bookmark.pid: fn.COALESCE(EXCLUDED.pid, Bookmark.pid)})
         .execute())
    bid = database.execute(Bookmark.select(Bookmark.id).where(
        (Bookmark.tid == tid) & (Bookmark.floor == floor) & (Bookmark.author == name)
        & (Bookmark.posted_at == str(posted)))).fetchone()[0]
    return get_bookmark(bid)


def get_bookmark(bookmark_id: int) -> BookmarkInfo:
    row = database.execute(_bookmark_select().where(Bookmark.id == bookmark_id)).fetchone()
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
    query = _bookmark_select()
    if tid is not None:
        query = query.where(Bookmark.tid == tid)
    if tag:
        tags = Value(",").concat(Bookmark.tags).concat(",")
        query = query.where(Expression(tags, OP.ILIKE, f"%,{tag},%"))  # SQLite: LIKE
    query = query.order_by(*((Bookmark.tid, Bookmark.floor) if order == "thread"
                             else (Bookmark.created_at.desc(), Bookmark.id.desc())))
    items = []
    for r in database.execute(query).fetchall():
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
    rows = database.execute(Bookmark.select(Bookmark.floor, Bookmark.author, Bookmark.posted_at)
                            .where(Bookmark.tid == tid)).fetchall()
    return {(f, a, str(p)) for f, a, p in rows}


def update_bookmark(bookmark_id: int, note: str | None = None, tags=None) -> BookmarkInfo:
    get_bookmark(bookmark_id)
    with database.atomic():
        if note is not None:
            Bookmark.update(note=note).where(Bookmark.id == bookmark_id).execute()
        if tags is not None:
            Bookmark.update(tags=_tags(tags)).where(Bookmark.id == bookmark_id).execute()
    return get_bookmark(bookmark_id)


def remove_bookmark(bookmark_id: int) -> BookmarkInfo:
    """Delete a bookmark; returns it so the caller can offer undo (``restore_bookmark``)."""
    info = get_bookmark(bookmark_id)
    with database.atomic():
        Bookmark.delete().where(Bookmark.id == bookmark_id).execute()
    return info


def restore_bookmark(info: BookmarkInfo) -> None:
    """Put a removed bookmark back exactly as it was (same id, note, tags and date)."""
    with database.atomic():
        Bookmark.insert(id=info.id, tid=info.tid, pid=info.pid, floor=info.floor, author=info.author,
                        posted_at=to_db(info.posted_at), note=info.note, tags=",".join(info.tags),
                        created_at=to_db(info.created_at)).on_conflict_ignore().execute()


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


_MARK_COLOR = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})")
_COLOR_NAMES = {  # the names a highlight may be given, stored as #rrggbb (as a backup keeps them)
    "black": "#000000", "white": "#ffffff", "gray": "#808080", "grey": "#808080", "red": "#ff0000",
    "orange": "#ffa500", "gold": "#ffd700", "yellow": "#ffff00", "green": "#008000",
    "lime": "#00ff00", "teal": "#008080", "cyan": "#00ffff", "blue": "#0000ff", "navy": "#000080",
    "purple": "#800080", "magenta": "#ff00ff", "pink": "#ffc0cb", "brown": "#a52a2a",
    "coral": "#ff7f50", "salmon": "#fa8072", "violet": "#ee82ee", "skyblue": "#87ceeb",
}


def mark_color(color: str | None) -> str | None:
    """``color`` as #rrggbb (from #rgb, #rrggbb or a name); a UserDataError if it is none."""
    if color is None or not color.strip():
        return None
    c = color.strip().lower()
    c = _COLOR_NAMES.get(c, c)
    if not _MARK_COLOR.fullmatch(c):
        raise UserDataError(f"not a colour: {color.strip()[:40]} (give #rgb or #rrggbb such as "
                            "#e8a317, or a name such as orange)")
    return "#" + "".join(ch * 2 for ch in c[1:]) if len(c) == 4 else c


def mark_user(name: str, kind: str, note: str = "", color: str | None = None,
              days: int | None = None) -> UserMarkInfo:
    """Block or highlight ``name`` (optionally for ``days`` days); marking again updates it."""
    if kind not in MARK_KINDS:
        raise UserDataError(f"kind must be one of {', '.join(MARK_KINDS)}")
    if not name.strip():
        raise UserDataError("a user name is needed")
    color = mark_color(color)
    expires = to_db(datetime.now() + timedelta(days=days)) if days else None
    with database.atomic():
        _marks_upsert([(name.strip(), kind, note, color, db_now(), expires)]).execute()
    return next(m for m in list_marks(kind, include_expired=True) if m.name == name.strip())


_MARK_FIELDS = [UserMark.name, UserMark.kind, UserMark.note, UserMark.color, UserMark.created_at,
                UserMark.expires_at]


def _marks_upsert(rows: list[tuple]):
    """Add marks, or update the note, colour and expiry of those already there (by name, kind)."""
    return (UserMark.insert_many(rows, fields=_MARK_FIELDS)
            .on_conflict(conflict_target=[UserMark.name, UserMark.kind],
                         update={UserMark.note: EXCLUDED.note, UserMark.color: EXCLUDED.color,
                                 UserMark.expires_at: EXCLUDED.expires_at}))


def unmark_user(name: str, kind: str) -> bool:
    """Remove ``name``'s mark, and the marks of its look-alike spellings (``names.name_key``)."""
    key = name_key(name)
    with database.atomic():
        names = [n for (n,) in database.execute(UserMark.select(UserMark.name)
                                                .where(UserMark.kind == kind)).fetchall()
                 if n == name or name_key(n) == key]
        removed = 0
        for n in names:
            removed += UserMark.delete().where((UserMark.name == n) & (UserMark.kind == kind)).execute()
    return removed > 0


def list_marks(kind: str, include_expired: bool = False) -> list[UserMarkInfo]:
    query = UserMark.select(*_MARK_FIELDS).where(UserMark.kind == kind)
    if not include_expired:
        query = query.where(_current(UserMark.expires_at))
    out = []
    for n, k, note, c, cr, ex in database.execute(query.order_by(UserMark.name)).fetchall():
        try:
            out.append(UserMarkInfo(n, k, note, c, from_db(cr), from_db(ex)))
        except (ValueError, TypeError) as e:
            _skip(f"user mark ({k})", n, e)
    return out


def _current(expires_at):
    """Not expired (no end, or an end still ahead)."""
    return expires_at.is_null() | (expires_at > db_now())


def blocked_names() -> NameSet:
    """The blocked names; ``in`` also finds their look-alike spellings (``names.name_key``)."""
    return NameSet(m.name for m in list_marks("block"))


def highlight_colors() -> NameMap:
    return NameMap({m.name: m.color or "#e8a317" for m in list_marks("highlight")})


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
        _rules_upsert([(pattern, int(is_regex), target, action, note, db_now(), expires)]).execute()
    return next(r for r in list_rules(include_expired=True)
                if (r.pattern, r.is_regex, r.target) == (pattern, is_regex, target))


_RULE_FIELDS = [FilterRule.pattern, FilterRule.is_regex, FilterRule.target, FilterRule.action,
                FilterRule.note, FilterRule.created_at, FilterRule.expires_at]


def _rules_upsert(rows: list[tuple]):
    """Add rules, or update the action, note and expiry of those already there (by pattern,
    is_regex, target)."""
    return (FilterRule.insert_many(rows, fields=_RULE_FIELDS)
            .on_conflict(conflict_target=[FilterRule.pattern, FilterRule.is_regex, FilterRule.target],
                         update={FilterRule.action: EXCLUDED.action, FilterRule.note: EXCLUDED.note,
                                 FilterRule.expires_at: EXCLUDED.expires_at}))


def remove_rule(rule_id: int) -> bool:
    with database.atomic():
        return FilterRule.delete().where(FilterRule.id == rule_id).execute() > 0


def list_rules(target: str | None = None, include_expired: bool = False) -> list[FilterRuleInfo]:
    query = FilterRule.select(FilterRule.id, *_RULE_FIELDS)
    if target:
        query = query.where(FilterRule.target == target)
    if not include_expired:
        query = query.where(_current(FilterRule.expires_at))
    out = []
    for i, p, r, t, a, n, c, e in database.execute(query.order_by(FilterRule.id)).fetchall():
        try:
            if r:
                compiled(p)
            out.append(FilterRuleInfo(i, p, bool(r), t, a, n, from_db(c), from_db(e)))
        except Exception as err:  # noqa: BLE001 (any damage: a bad regex, a bad date)
            _skip("rule", i, err)
    return out


# ---------------------------------------------------------------- backup


_BOOKMARK_FIELDS = [Bookmark.tid, Bookmark.pid, Bookmark.floor, Bookmark.author, Bookmark.posted_at,
                    Bookmark.note, Bookmark.tags, Bookmark.created_at]
_READ_STATE_FIELDS = [ReadState.tid, ReadState.last_floor, ReadState.seen_max_floor,
                      ReadState.visited_at, ReadState.read_floor]


_SAVED_FIELDS = [SavedSearch.name, SavedSearch.query, SavedSearch.created_at, SavedSearch.last_seen_at]


def _read_state_fields() -> list:
    """The reading-state columns this library has (one older than schema 11 has no
    read_floor: its backup before the upgrade leaves it out, and importing that backup takes
    the mark from last_floor, as the upgrade does)."""
    try:
        columns = {c.name for c in database.get_columns("read_state")}
    except (sqlite3.DatabaseError, peewee.DatabaseError):  # damaged: the export says it
        return _READ_STATE_FIELDS
    return [f for f in _READ_STATE_FIELDS if f.column_name in columns] or _READ_STATE_FIELDS


def _export_queries() -> dict:
    """What each section of a backup holds: (fields, the query that reads them in order)."""
    read_state = _read_state_fields()
    return {
        "bookmarks": (_BOOKMARK_FIELDS, Bookmark.select(*_BOOKMARK_FIELDS).order_by(Bookmark.id)),
        "user_marks": (_MARK_FIELDS, UserMark.select(*_MARK_FIELDS)
                       .order_by(UserMark.kind, UserMark.name)),
        "filter_rules": (_RULE_FIELDS, FilterRule.select(*_RULE_FIELDS).order_by(FilterRule.id)),
        "read_state": (read_state, ReadState.select(*read_state).order_by(ReadState.tid)),
        "saved_searches": (_SAVED_FIELDS, SavedSearch.select(*_SAVED_FIELDS).order_by(SavedSearch.name)),
    }


def export_userdata(path: str | Path) -> dict:
    """Write all user data to one JSON file; returns the counts written."""
    data: dict = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
    }
    unreadable: list[str] = []
    for section, (fields, query) in _export_queries().items():
        columns = [f.name for f in fields]
        try:  # a damaged library: save every table that can still be read
            data[section] = [dict(zip(columns, r, strict=True))
                             for r in database.execute(query).fetchall()]
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
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(json.dumps(data, ensure_ascii=False, indent=1))
            f.flush()
            os.fsync(f.fileno())  # the disk says "full" here at the latest, not after the rename
        tmp.replace(target)  # never a half-written backup
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink()  # no empty or partial .tmp left behind
        if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise UserDataError(f"the disk holding {target} is full; the backup was not written "
                                "(an older file of that name is unchanged). Free some space or "
                                "choose another disk, and export again.") from None
        raise UserDataError(f"cannot write the backup {target}: {e.strerror or e}") from None
    counts = {k: len(data[k]) for k in ("bookmarks", "user_marks", "filter_rules", "read_state",
                                        "saved_searches")}
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
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


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
    if _SURROGATE_RE.search(v):  # "\ud800" in the JSON: half a character, not text
        raise _Bad(f"{what} holds half a character (a lone surrogate such as \\ud800), not text")
    return v


# post times are China time, as in the archives; the library's own stamps are this machine's
CHINA_TIME = timezone(timedelta(hours=8))


def _time(v, what: str, optional: bool = False, zone: tzinfo | None = None) -> str | None:
    """A stored time from a backup's text; a time with an offset (``+00:00``) is moved to
    ``zone`` (None: this machine's time) first, so it keeps its moment."""
    if v in (None, "") and optional:
        return None
    try:
        if not isinstance(v, str):
            raise ValueError
        when = datetime.fromisoformat(v.strip())
        if when.tzinfo is not None:
            when = when.astimezone(zone)
        return to_db(when.replace(tzinfo=None, microsecond=0))
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
            _time(b.get("posted_at"), "posted_at", zone=CHINA_TIME), _text(b.get("note"), "note"),
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
    last_floor = _int(s.get("last_floor", 0), "last_floor")
    return (_int(s.get("tid"), "tid", lo=1), last_floor,
            _int(s.get("seen_max_floor", 0), "seen_max_floor"),
            _time(s.get("visited_at"), "visited_at", True),
            # a backup from before read_floor: read up to where the reader stood
            _int(s.get("read_floor", last_floor), "read_floor"))


def _saved_search_row(w: dict) -> tuple:
    from .search import QueryError, _plan, parse_query

    query = _text(w.get("query"), "query", required=True)
    try:
        _plan(parse_query(query))
    except QueryError as e:
        raise _Bad(f"query {_show(query)}: {e}") from None
    name = _text(w.get("name"), "name", required=True).strip()
    if len(name) > 100:
        raise _Bad(f"name must be at most 100 characters, not {_show(name)}")
    return (name, query.strip(), _time(w.get("created_at"), "created_at", True) or db_now(),
            _time(w.get("last_seen_at"), "last_seen_at", True))


_SECTIONS = {"bookmarks": _bookmark_row, "user_marks": _mark_row, "filter_rules": _rule_row,
             "read_state": _read_state_row, "saved_searches": _saved_search_row}


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


def _blank(fields: list) -> tuple:
    return (None,) * len(fields)


def _write_each(upsert, width: int, rows: list[tuple]) -> int:
    """Run the one-row ``upsert`` (built by peewee, its first ``width`` parameters the row) for
    every row in one executemany: a backup of 450,000 reading positions would otherwise spend
    most of its time building the same statement again. Returns the rows written."""
    sql, params = upsert.sql()
    rest = tuple(params[width:])  # the statement's own constants, after the row's values
    database.cursor().executemany(sql, [(*row, *rest) for row in rows])
    return len(rows)


# containers (objects and lists) a backup may hold: one per entry, a bookmark's tag list, the
# sections; counted before parsing, as millions of tiny ``{}`` take gigabytes once built
MAX_CONTAINERS = 5 * MAX_ENTRIES + 100
_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')


def _containers(text: str) -> int:
    """How many objects and lists a JSON text holds (brackets inside strings not counted)."""
    n = text.count("{") + text.count("[")
    if n <= MAX_CONTAINERS:
        return n  # an upper bound already small enough
    bare = _JSON_STRING_RE.sub('""', text)
    return bare.count("{") + bare.count("[")


def _no_twice(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different: a second ``bookmarks`` section would silently
    replace the first."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise _Twice(twice)
    return out


class _Twice(ValueError):
    pass


def read_backup(path: str | Path) -> dict:
    """The parsed backup at ``path``, or UserDataError saying why it cannot be one: too big, not
    UTF-8 (a byte-order mark is fine), too many entries to build, a key twice, not JSON."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BACKUP_BYTES:
            raise UserDataError(f"{path}: {size / 1048576:,.0f} MiB is far more than a backup of "
                                f"user data holds (at most {MAX_BACKUP_BYTES // 1048576} MiB); it "
                                "is not an s1reader backup. Nothing was imported.")
        with open(path, "rb") as f:
            raw = f.read(MAX_BACKUP_BYTES + 1)  # (a file that grew since stat() is cut here)
        if len(raw) > MAX_BACKUP_BYTES:
            raise UserDataError(f"{path}: more than {MAX_BACKUP_BYTES // 1048576} MiB; it is not an "
                                "s1reader backup. Nothing was imported.")
        text = raw.decode("utf-8-sig")
        del raw
        containers = _containers(text)
        if containers > MAX_CONTAINERS:
            raise UserDataError(f"{path}: holds {containers:,} objects and lists, more than a backup "
                                f"may ({MAX_CONTAINERS:,}); it is not an s1reader backup. Nothing "
                                "was imported.")
        return json.loads(text, object_pairs_hook=_no_twice)
    except UserDataError:
        raise
    except _Twice as e:
        raise UserDataError(f'{path}: the backup holds "{e}" twice (the second would replace the '
                            "first); keep one of them and import it again. Nothing was "
                            "imported.") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, MemoryError) as e:
        why = ("nested too deeply" if isinstance(e, RecursionError)
               else "too big to read" if isinstance(e, MemoryError) else e)
        raise UserDataError(f"{path}: not a readable s1reader backup ({why}). Nothing was "
                            "imported.") from None


def import_userdata(path: str | Path) -> dict:
    """Merge a backup into the library without duplicates; returns the counts added or updated.

    Bookmarks merge on their post identity (notes and tags of the backup win), marks and rules
    on their keys, read positions keep the furthest floor.
    """
    data = read_backup(path)
    rows = validate_backup(data, path)
    counts = {"bookmarks": 0, "user_marks": 0, "filter_rules": 0, "read_state": 0,
              "saved_searches": 0}
    try:
        with database.atomic():
            bookmarks = (Bookmark.insert_many([_blank(_BOOKMARK_FIELDS)], fields=_BOOKMARK_FIELDS)
                         .on_conflict(conflict_target=_BOOKMARK_KEY, update={
                             Bookmark.note: EXCLUDED.note, Bookmark.tags: EXCLUDED.tags,
                             Bookmark.pid: fn.COALESCE(Bookmark.pid, EXCLUDED.pid)}))
            counts["bookmarks"] = _write_each(bookmarks, len(_BOOKMARK_FIELDS), rows["bookmarks"])
            counts["user_marks"] = _write_each(_marks_upsert([_blank(_MARK_FIELDS)]),
                                               len(_MARK_FIELDS), rows["user_marks"])
            counts["filter_rules"] = _write_each(_rules_upsert([_blank(_RULE_FIELDS)]),
                                                 len(_RULE_FIELDS), rows["filter_rules"])
            positions = (ReadState.insert_many([_blank(_READ_STATE_FIELDS)], fields=_READ_STATE_FIELDS)
                         .on_conflict(conflict_target=[ReadState.tid], update={
                             ReadState.last_floor: fn.MAX(ReadState.last_floor, EXCLUDED.last_floor),
                             ReadState.seen_max_floor: fn.MAX(ReadState.seen_max_floor,
                                                              EXCLUDED.seen_max_floor),
                             ReadState.read_floor: fn.MAX(ReadState.read_floor, EXCLUDED.read_floor),
                             ReadState.visited_at: fn.MAX(fn.COALESCE(ReadState.visited_at, ""),
                                                          fn.COALESCE(EXCLUDED.visited_at, ""))}))
            counts["read_state"] = _write_each(positions, len(_READ_STATE_FIELDS), rows["read_state"])
            from .watches import import_rows

            counts["saved_searches"] = import_rows(rows["saved_searches"])
    except (KeyError, TypeError) as e:
        raise UserDataError(f"{path}: a record lacks a required field ({e}); nothing was imported") from None
    return counts
