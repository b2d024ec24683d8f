"""How the library reads a thread's several files: as copies of one thread, kept in the state of
the newest copy, so that the order of the files, folders or years given to ``import`` never
changes the library.

The archive is a moving record, not a set of unique files. A thread gets a new file when it is
renamed (the file name holds the title; the old file stays), a copy in another board's folder
when it is moved, one in ``0无法访问`` when the forum stops showing it, and one in each year's
archive while it lives. A **copy** is one thread folder (``1234567[title]/``, the parts of a big
thread) or one single file. A copy's **state** is (the highest floor it holds, its latest post
time, its latest edit note), compared in that order: the newest copy is the one with the
greatest state, and a file's own state orders the files within a copy.

Every stored post remembers the file its version was read from (``post.source_id``, a
``source_file.id``, with the file's state in ``source_file``). When files hold different
versions of a post, the first of these rules that says something wins:

1. a file read with ``import --reread`` wins: the user chose it;
2. the same file read again (it was saved over) replaces its own older version, as always;
3. the post's text wins over the forum's notice that hides a banned author's posts
   (``提示: 作者被禁止或删除 内容自动屏蔽``), whichever copy is newer: bans come and go, so two
   copies of one thread often hide different posts, and the notice is not a version of the post;
4. a later edit note (``本帖最后由 X 于 DATE 编辑``) wins over an earlier one or none;
5. the newer copy wins (its state, then the file's own state);
6. nothing says which is newer (same floors, same last post, same edit notes, different text):
   a text wins over an empty body (a copy that lost the post's text), else the version of the
   file whose path sorts last is kept, whatever the order of the import; the other file is
   reported (``ImportConflict``) with the kept one.

A post is the same post in every copy when its floor and time agree even if its author's name
does not (an author renamed between two copies): the newest copy's name is kept.

A thread's title, board and reachability are the newest copy's (a real title over one guessed
from the content, a ``--reread`` file first). Copies in the same state that differ only in
reachability are read as the thread having become unreachable; a different title or board with
nothing to say which is newer is reported, and the path that sorts last is kept.

A thread each of whose parts has only ever come from one file (the usual case: the same files
imported again, grown or edited) never comes here: ``importing/jobs.py`` keeps its plain, fast path.
A recorded file that is gone from its path and reappears moved (same name) or renamed (same
folder) is the same file, not a second copy (``moved_sources``).

Raw SQL on purpose: this runs inside the bulk import (``importing/jobs.py``), reading the stored posts
of every thread with more than one source, and is measured with it (``benchmarks/import_bench.py``).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..parse import ThreadRef
from ..parse.paths import identity_from_path
from .models import FLAG_BANNED, FLAG_EMPTY, database
from .prepare import PostRow

PART_FLOORS = 1500  # floors per part file: part NN holds (NN-1)*1500+1 … NN*1500
_THREAD_FOLDER_RE = re.compile(r"^\d+\[.*\]$", re.S)  # a big thread's folder: 1234567[title]

State = tuple[int, str, str]  # (highest floor, latest post time, latest edit note time)


def part_of_floor(floor: int) -> int:
    return max(1, (floor - 1) // PART_FLOORS + 1)


@dataclass
class ImportConflict:
    """Versions in ``path`` that differ from the kept ones (from ``kept``; "" when the kept
    version was stored before sources were recorded, or saved from the forum) with nothing to
    say which is newer: ``floors`` of differing posts, ``fields`` of the thread ("title",
    "board"), ``line`` of the first differing post in ``path``."""

    tid: int
    path: str
    kept: str
    line: int = 0
    floors: list[int] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"tid": self.tid, "path": self.path, "kept": self.kept, "line": self.line,
                "floors": self.floors, "fields": self.fields}


@dataclass(frozen=True, slots=True)
class Source:
    """A file of the thread: stored in ``source_file`` or being imported now, with its state."""

    id: int | None
    path: str
    part: int
    max_floor: int | None
    fresh: bool = False  # read in this import
    reread: bool = False  # read with --reread
    last_posted: str | None = None  # the latest post time in the file (None: not known)
    last_edited: str | None = None  # the latest edit note in the file (None: none or not known)
    resaved: bool = False  # a recorded file read again because it changed since

    @property
    def folder(self) -> str:
        return os.path.dirname(self.path)

    @property
    def copy(self) -> str:
        """The copy this file belongs to: its thread folder, or the file itself."""
        folder = self.folder
        return folder if _THREAD_FOLDER_RE.match(os.path.basename(folder)) else self.path

    @property
    def state(self) -> State:
        return (self.max_floor or 0, self.last_posted or "", self.last_edited or "")


def file_state(rows: Iterable[PostRow]) -> State:
    """(highest floor, latest post time, latest edit note time) of a file's rows."""
    floor, posted, edited = 0, "", ""
    for r in rows:
        floor = max(floor, r.floor)
        posted = max(posted, r.posted_at)
        edited = max(edited, r.edited_at or "")
    return floor, posted, edited


def copy_states(sources: Iterable[Source]) -> dict[str, State]:
    """The state of each copy: the highest floor, latest post and latest edit of its files."""
    out: dict[str, State] = {}
    for s in sources:
        mine = s.state
        held = out.get(s.copy)
        out[s.copy] = mine if held is None else (max(held[0], mine[0]), max(held[1], mine[1]),
                                                 max(held[2], mine[2]))
    return out


@dataclass(slots=True)
class Incoming:
    """A file of this import with its rows and thread reference."""

    source: Source
    ref: ThreadRef
    rows: list[PostRow]


@dataclass(slots=True)
class _Version:
    content_hash: str
    edited_at: str  # "" without an edit note
    source: Source | None
    newness: tuple | None  # (copy state, file state) of the version's file; None: not known
    row: PostRow | None = None  # None: the stored version
    post_id: int | None = None
    author: str = ""
    empty: bool = False  # no text at all (the archive's copy lost the post's body)
    banned: bool = False  # the forum's notice in place of a banned author's text

    @property
    def same_as(self) -> tuple[str, str]:
        return (self.content_hash, self.author)


def stored_sources(tid: int) -> dict[str, Source]:
    """The files recorded for thread ``tid``, by path."""
    cur = database.execute_sql(
        "SELECT id, path, part, max_floor, last_posted, last_edited FROM source_file WHERE tid=?",
        (tid,))
    return {path: Source(sid, path, part, mf, last_posted=lp, last_edited=le)
            for sid, path, part, mf, lp, le in cur.fetchall()}


def moved_sources(incoming: Iterable[Incoming], stored: dict[str, Source]) -> dict[Source, Source]:
    """Stored files that are gone from their path and reappear in this import: the same thread
    part under the same file name elsewhere (an archive folder moved) or in the same folder
    under another name (a thread renamed on the forum). They are the same file: old -> new."""
    incoming = list(incoming)
    fresh = {f.source.path for f in incoming}
    out: dict[Source, Source] = {}
    taken: set[str] = set()
    for f in incoming:
        new = f.source
        for old in stored.values():
            if old.part != new.part or old.path in fresh or old.path in taken:
                continue
            same_name = os.path.basename(old.path) == os.path.basename(new.path)
            if (same_name or old.folder == new.folder) and not os.path.lexists(old.path):
                out[old] = new
                taken.add(old.path)
                break
    return out


def needs_rules(incoming: Iterable[Incoming], stored: dict[str, Source]) -> bool:
    """True when some part of the thread has (or had) more than one file, or a file is reread:
    then versions can compete. False for the usual case, which keeps the plain path."""
    incoming = list(incoming)
    paths_by_part: dict[int, set[str]] = {}
    for s in stored.values():
        paths_by_part.setdefault(s.part, set()).add(s.path)
    for f in incoming:
        if f.source.reread:
            return True
        paths_by_part.setdefault(f.source.part, set()).add(f.source.path)
    return any(len(paths_by_part[f.source.part]) > 1 for f in incoming)


def _later(new: _Version, cur: _Version) -> int:
    """1 when ``new`` is the newer version, -1 when ``cur`` is, 0 when nothing says."""
    ns, cs = new.source, cur.source
    n_reread, c_reread = bool(ns and ns.reread), bool(cs and cs.reread)
    if n_reread != c_reread:
        return 1 if n_reread else -1
    if ns is not None and cs is not None and ns.id is not None and ns.id == cs.id \
            and ns.fresh != cs.fresh:
        return 1 if ns.fresh else -1  # the same file read again
    if new.banned != cur.banned:
        return -1 if new.banned else 1  # the text over the notice hiding a banned author's post
    if new.edited_at != cur.edited_at:
        return 1 if new.edited_at > cur.edited_at else -1
    order = _newer_copy(new.newness, cur.newness)
    if order:
        return order
    if ns is not None and cs is not None and ns.resaved != cs.resaved:
        return 1 if ns.resaved else -1  # saved over since its last import, the other not
    return 0


def _newer_copy(a: tuple | None, b: tuple | None) -> int:
    """Compare two files' (copy state, file state, state known): by the highest floor alone
    when either was recorded before the library kept files' post times."""
    if a is None or b is None:
        return 0
    if not (a[2] and b[2]):
        a, b = (a[0][0], a[1][0]), (b[0][0], b[1][0])
    else:
        a, b = a[:2], b[:2]
    return 0 if a == b else 1 if a > b else -1


def _path(v: _Version) -> str:
    return v.source.path if v.source is not None else ""


def _best(candidates: list[_Version]) -> _Version:
    """The newest of a post's versions; between versions nothing orders, the one whose file's
    path sorts last (so the outcome does not depend on which was imported first)."""
    best = candidates[0]
    for v in candidates[1:]:
        order = _later(v, best)
        if order == 0 and v.same_as != best.same_as:
            # nothing orders them: a text over an empty body (the copy that lost it), then the
            # path that sorts last
            order = (1 if best.empty else -1) if v.empty != best.empty else \
                (1 if _path(v) > _path(best) else -1)
        if order > 0:
            best = v
        elif order == 0 and v.same_as == best.same_as and v.source is not None \
                and v.source.reread and not (best.source is not None and best.source.reread):
            best = v  # the same text; the chosen file becomes its source
    return best


@dataclass
class Resolution:
    """What to write: ``rows`` (new or newer versions) with ``source_ids`` by post key,
    ``resourced`` (post id, source id) for unchanged posts a newer file now provides,
    ``renamed`` (post id, author) for stored posts whose author has a newer name, ``ref`` to
    apply to the thread (None: keep the stored title and board), and conflicts."""

    rows: list[PostRow]
    source_ids: dict[tuple[int, str, str], int | None]
    resourced: list[tuple[int, int]]
    ref: ThreadRef | None
    conflicts: list[ImportConflict]
    renamed: list[tuple[int, str]] = field(default_factory=list)


class ThreadSources:
    """The competing versions of one thread: the stored ones and those of ``incoming`` files
    (already recorded in ``source_file``, so each has its id)."""

    def __init__(self, tid: int, incoming: list[Incoming], stored: dict[str, Source]) -> None:
        self.tid = tid
        self.incoming = sorted(incoming, key=lambda f: (f.source.part, f.source.path))
        fresh = {f.source.path: f.source for f in self.incoming}
        # the stored files that are not read now, and those being read now (their new state)
        self.sources: dict[str, Source] = {**stored, **fresh}
        self.by_id = {s.id: s for s in self.sources.values() if s.id is not None}
        self._old_by_id = {s.id: s for s in stored.values() if s.id is not None}
        self.copies = copy_states(self.sources.values())
        self._newness: dict[str, tuple] = {}  # by path (asked once per stored post)
        self._by_part: dict[int, list[Source]] = {}
        for s in stored.values():
            self._by_part.setdefault(s.part, []).append(s)

    def newness(self, source: Source | None) -> tuple | None:
        """How new a file's versions are: its copy's state, then its own."""
        if source is None:
            return None
        held = self._newness.get(source.path)
        if held is None:
            current = self.sources.get(source.path, source)
            held = self._newness[source.path] = (
                self.copies.get(current.copy, current.state), current.state,
                current.last_posted is not None)
        return held

    def _stored_source(self, source_id: int | None, floor: int) -> Source | None:
        """The file a stored version came from: recorded, or (stored before sources were
        recorded) the one file recorded for its part; None when that is not known."""
        if source_id is not None:
            s = self._old_by_id.get(source_id)
            if s is not None:
                return replace(s, fresh=False, reread=False)
            return None
        candidates = self._by_part.get(part_of_floor(floor), [])
        return replace(candidates[0], fresh=False) if len(candidates) == 1 else None

    def resolve(self) -> Resolution:
        # versions by (floor, time): a post is the same in every copy when they agree, even if
        # its author was renamed between them
        existing: dict[tuple[int, str], list[_Version]] = {}
        cur = database.execute_sql(
            "SELECT p.id, p.floor, a.name, p.posted_at, p.content_hash, p.edited_at, p.source_id, "
            "p.flags FROM post p JOIN author a ON a.id = p.author_id WHERE p.tid=?", (self.tid,))
        for post_id, floor, name, posted, chash, edited, source_id, flags in cur.fetchall():
            src = self._stored_source(source_id, floor)
            existing.setdefault((floor, str(posted)), []).append(_Version(
                chash, str(edited or ""), src, self.newness(src), None, post_id, name,
                bool(flags & FLAG_EMPTY), bool(flags & FLAG_BANNED)))
        versions: dict[tuple[int, str], list[_Version]] = {}
        for f in self.incoming:
            new = self.newness(f.source)
            for row in f.rows:
                versions.setdefault((row.floor, row.posted_at), []).append(
                    _Version(row.content_hash, row.edited_at or "", f.source, new, row,
                             author=row.author, empty=bool(row.flags & FLAG_EMPTY),
                             banned=bool(row.flags & FLAG_BANNED)))
        res = Resolution([], {}, [], None, [])
        conflicts: dict[tuple[str, str], ImportConflict] = {}
        for slot, found in versions.items():
            for stored, candidates in self._posts(existing.get(slot, []), found):
                self._choose(stored, candidates, res, conflicts)
        res.rows.sort(key=lambda r: (r.floor, r.posted_at, r.line))
        res.ref = self._thread_ref(conflicts)
        res.conflicts = sorted(conflicts.values(), key=lambda c: (c.path, c.kept))
        for c in res.conflicts:
            c.floors.sort()
        return res

    @staticmethod
    def _posts(stored: list[_Version], found: list[_Version]
               ) -> Iterable[tuple[_Version | None, list[_Version]]]:
        """The posts at one (floor, time): by author; all one post when no file holds more than
        one post there (the author's name changed between copies)."""
        authors = {v.author for v in stored} | {v.author for v in found}
        per_file: dict[str, int] = {}
        for v in found:
            per_file[_path(v)] = per_file.get(_path(v), 0) + 1
        if len(authors) == 1 or (len(stored) <= 1 and max(per_file.values()) == 1):
            yield (stored[0] if stored else None), stored[:1] + found
            return
        for name in sorted(authors):
            mine = [v for v in found if v.author == name]
            if mine:
                old = next((v for v in stored if v.author == name), None)
                yield old, ([old] if old is not None else []) + mine

    def _choose(self, stored: _Version | None, candidates: list[_Version], res: Resolution,
                conflicts: dict) -> None:
        best = _best(candidates)
        for v in candidates:
            if v is not best and v.content_hash != best.content_hash and v.source is not None \
                    and _later(v, best) == 0:
                floor = v.row.floor if v.row is not None else best.row.floor if best.row else 0
                self._conflict(conflicts, v, best).floors.append(floor)
        if stored is not None and best.author != stored.author:
            assert stored.post_id is not None
            res.renamed.append((stored.post_id, best.author))
        if best.row is None:
            return  # the stored version stays
        if stored is not None and stored.content_hash == best.content_hash:
            if best.source is not None and best.source.id is not None and (
                    stored.source is None or stored.source.id != best.source.id):
                assert stored.post_id is not None
                res.resourced.append((stored.post_id, best.source.id))
            return
        res.rows.append(best.row)
        res.source_ids[best.row.key] = best.source.id if best.source is not None else None

    def _conflict(self, conflicts: dict, lost: _Version, kept: _Version) -> ImportConflict:
        path = _path(lost)
        kept_path = _path(kept)
        c = conflicts.get((path, kept_path))
        if c is None:
            c = conflicts[(path, kept_path)] = ImportConflict(self.tid, path, kept_path)
        if lost.row is not None and (not c.line or lost.row.line < c.line):
            c.line = lost.row.line
        return c

    def _thread_ref(self, conflicts: dict) -> ThreadRef | None:
        """The title, board and reachability to store (None: keep the stored ones): the newest
        copy's, whatever was stored first."""
        refs = {f.source.path: f.ref for f in self.incoming}
        row = database.execute_sql(
            "SELECT t.title, b.name, t.reachable, t.title_from_content FROM thread t "
            "JOIN board b ON b.id = t.board_id WHERE t.tid=?", (self.tid,)).fetchone()

        def head(s: Source) -> tuple:
            ref = refs.get(s.path)
            from_content = ref.title_from_content if ref is not None else bool(row and row[3])
            return (not from_content, s.reread)

        def compare(x: Source, y: Source) -> int:
            """-1, 0, 1: which file's copy is the newer, for the thread's title and board;
            between copies in the same state, the one the forum no longer shows is the later."""
            if head(x) != head(y):
                return 1 if head(x) > head(y) else -1
            order = _newer_copy(self.newness(x), self.newness(y))
            if order:
                return order
            if x.resaved != y.resaved:  # saved over since its last import, the other not
                return 1 if x.resaved else -1
            gone_x = not identity_from_path(x.path).reachable
            gone_y = not identity_from_path(y.path).reachable
            return 0 if gone_x == gone_y else 1 if gone_x else -1

        # max keeps the first of equals: of copies nothing orders, the path that sorts last
        newest = max(sorted(self.sources.values(), key=lambda s: s.path, reverse=True),
                     key=functools.cmp_to_key(compare))
        stored_ref = (row[0], row[1]) if row else None

        def title_board(s: Source) -> tuple[str, str] | None:
            ref = refs.get(s.path)
            return (ref.title, ref.board) if ref is not None else stored_ref

        kept = title_board(newest)
        for s in self.sources.values():
            if s is newest or compare(s, newest) != 0 or kept is None:
                continue
            theirs = title_board(s)
            if theirs is None:
                continue
            differ = [name for name, mine, other in (("title", kept[0], theirs[0]),
                                                     ("board", kept[1], theirs[1]))
                      if mine != other]
            if differ:
                c = self._conflict(conflicts, _Version("", "", s, self.newness(s)),
                                   _Version("", "", newest, self.newness(newest)))
                c.fields.extend(f for f in differ if f not in c.fields)
        # None: a stored file is the newest copy, its title and board stay
        return refs.get(newest.path)
