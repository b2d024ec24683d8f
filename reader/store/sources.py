"""Which version of a thread the library keeps when several files hold it, so that a second copy
(another folder, another backup) never silently replaces the first.

Every stored post remembers the file its version was read from (``post.source_id``, a
``source_file.id``). When a file brings a different version of a post, the rules below decide;
the first that says something wins:

1. a file read with ``import --reread`` wins: the user chose it;
2. the same file read again (it was saved over) replaces its own older version, as always;
3. a later edit note (``本帖最后由 X 于 DATE 编辑``) wins over an earlier one or none;
4. a later snapshot wins: its folder holds the thread up to a higher floor (a newer backup of a
   thread has more posts, and the same earlier ones);
5. nothing says which is newer: the version stored first is kept, and the file whose version was
   not used is reported (``ImportConflict``), with the file that was kept.

A thread's title, board and reachability follow the same idea at the thread level: the file of
the highest part, then rule 1, then rule 4; a tie with a different title or board keeps the
stored one and is reported.

The files of one import are taken in one order (part, then path), whatever order they were
given or found in, so an import's outcome never depends on it. Across imports, "first" means
imported first; the report names both files, and ``import --reread FILE`` makes a file's
versions the kept ones.

A thread each of whose parts has only ever come from one file (the usual case: the same files
imported again, grown or edited) never comes here: ``importing/jobs.py`` keeps its plain, fast path.
A recorded file that is gone from its path and reappears moved (same name) or renamed (same
folder) is the same file, not a second copy (``moved_sources``).

Raw SQL on purpose: this runs inside the bulk import (``importing/jobs.py``), reading the stored posts
of every thread with more than one source, and is measured with it (``benchmarks/import_bench.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..parse import ThreadRef
from .models import database
from .prepare import PostRow

PART_FLOORS = 1500  # floors per part file: part NN holds (NN-1)*1500+1 … NN*1500


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
    """A file of the thread: stored in ``source_file`` or being imported now."""

    id: int | None
    path: str
    part: int
    max_floor: int | None
    fresh: bool = False  # read in this import
    reread: bool = False  # read with --reread

    @property
    def folder(self) -> str:
        return os.path.dirname(self.path)


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
    extent: int | None  # the highest floor of the thread in the version's folder
    row: PostRow | None = None  # None: the stored version
    post_id: int | None = None


def stored_sources(tid: int) -> dict[str, Source]:
    """The files recorded for thread ``tid``, by path."""
    cur = database.execute_sql(
        "SELECT id, path, part, max_floor FROM source_file WHERE tid=?", (tid,))
    return {path: Source(sid, path, part, mf) for sid, path, part, mf in cur.fetchall()}


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
    if new.edited_at != cur.edited_at:
        return 1 if new.edited_at > cur.edited_at else -1
    if new.extent is None or cur.extent is None or new.extent == cur.extent:
        return 0
    return 1 if new.extent > cur.extent else -1


@dataclass
class Resolution:
    """What to write: ``rows`` (new or newer versions) with ``source_ids`` by post key,
    ``resourced`` (post id, source id) for unchanged posts a reread file now provides,
    ``ref`` to apply to the thread (None: keep the stored title and board), and conflicts."""

    rows: list[PostRow]
    source_ids: dict[tuple[int, str, str], int | None]
    resourced: list[tuple[int, int]]
    ref: ThreadRef | None
    conflicts: list[ImportConflict]


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
        extents: dict[str, int] = {}
        for s in self.sources.values():
            if s.max_floor is not None:
                extents[s.folder] = max(extents.get(s.folder, 0), s.max_floor)
        self.extents = extents
        self._by_part: dict[int, list[Source]] = {}
        for s in stored.values():
            self._by_part.setdefault(s.part, []).append(s)

    def extent(self, source: Source | None) -> int | None:
        return self.extents.get(source.folder) if source is not None else None

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
        existing: dict[tuple[int, str, str], _Version] = {}
        cur = database.execute_sql(
            "SELECT p.id, p.floor, a.name, p.posted_at, p.content_hash, p.edited_at, p.source_id "
            "FROM post p JOIN author a ON a.id = p.author_id WHERE p.tid=?", (self.tid,))
        for post_id, floor, name, posted, chash, edited, source_id in cur.fetchall():
            src = self._stored_source(source_id, floor)
            existing[(floor, name, str(posted))] = _Version(
                chash, str(edited or ""), src, self.extent(src), None, post_id)
        versions: dict[tuple[int, str, str], list[_Version]] = {}
        for f in self.incoming:
            ext = self.extent(f.source)
            for row in f.rows:
                versions.setdefault(row.key, []).append(
                    _Version(row.content_hash, row.edited_at or "", f.source, ext, row))
        rows: list[PostRow] = []
        source_ids: dict[tuple[int, str, str], int | None] = {}
        resourced: list[tuple[int, int]] = []
        conflicts: dict[tuple[str, str], ImportConflict] = {}
        for key, found in versions.items():
            stored = existing.get(key)
            candidates = ([stored] if stored is not None else []) + found
            best = candidates[0]
            for v in candidates[1:]:
                if v.content_hash == best.content_hash:
                    if v.source is not None and v.source.reread and not (
                            best.source is not None and best.source.reread):
                        best = v  # the same text; the chosen file becomes its source
                    continue
                if _later(v, best) > 0:
                    best = v
            for v in candidates:
                if v is not best and v.content_hash != best.content_hash and v.row is not None \
                        and _later(v, best) == 0:
                    self._conflict(conflicts, v, best).floors.append(key[0])
            if best.row is None:
                continue  # the stored version stays
            if stored is not None and stored.content_hash == best.content_hash:
                if best.source is not None and best.source.id is not None and (
                        stored.source is None or stored.source.id != best.source.id):
                    resourced.append((stored.post_id, best.source.id))
                continue
            rows.append(best.row)
            source_ids[key] = best.source.id if best.source is not None else None
        rows.sort(key=lambda r: (r.floor, r.posted_at, r.line))
        ref = self._thread_ref(conflicts)
        out = sorted(conflicts.values(), key=lambda c: (c.path, c.kept))
        for c in out:
            c.floors.sort()
        return Resolution(rows, source_ids, resourced, ref, out)

    def _conflict(self, conflicts: dict, lost: _Version, kept: _Version) -> ImportConflict:
        path = lost.source.path if lost.source is not None else ""
        kept_path = kept.source.path if kept.source is not None else ""
        c = conflicts.get((path, kept_path))
        if c is None:
            c = conflicts[(path, kept_path)] = ImportConflict(self.tid, path, kept_path)
        if lost.row is not None and (not c.line or lost.row.line < c.line):
            c.line = lost.row.line
        return c

    def _thread_ref(self, conflicts: dict) -> ThreadRef | None:
        """The title, board and reachability to store (None: keep the stored ones)."""
        def rank(f: Incoming) -> tuple:
            return (f.source.part, not f.ref.title_from_content, f.source.reread,
                    self.extent(f.source) or 0)

        best: Incoming | None = None
        for f in self.incoming:  # the first of equals (by part, then path) stays best
            if best is None or rank(f) > rank(best):
                best = f
        if best is None:
            return None
        row = database.execute_sql(
            "SELECT t.title, b.name, t.reachable, t.title_from_content FROM thread t "
            "JOIN board b ON b.id = t.board_id WHERE t.tid=?", (self.tid,)).fetchone()
        if row is None:
            return best.ref
        title, board, reachable, from_content = row
        if best.ref.title_from_content != bool(from_content):
            return None if best.ref.title_from_content else best.ref  # a real title wins
        fresh = {f.source.path for f in self.incoming}
        others = [s for s in self.sources.values() if s.path not in fresh]
        if not others:
            return best.ref
        # the stored file whose title is most likely the stored one: highest part, then the
        # farthest snapshot, then the first recorded
        rival = max(others, key=lambda s: (s.part, self.extent(s) or 0, -(s.id or 0)))
        a = (best.source.part, best.source.reread)
        b = (rival.part, False)
        if a != b:
            return best.ref if a > b else None
        ext_a, ext_b = self.extent(best.source), self.extent(rival)
        if ext_a is not None and ext_b is not None and ext_a != ext_b:
            return best.ref if ext_a > ext_b else None
        differ = [name for name, mine, theirs in (("title", best.ref.title, title),
                                                  ("board", best.ref.board, board))
                  if mine != theirs]
        if differ:
            lost = _Version("", "", best.source, ext_a)
            kept = _Version("", "", rival, ext_b)
            self._conflict(conflicts, lost, kept).fields.extend(differ)
            return None
        # the same title and board: a thread only ever becomes unreachable
        return replace(best.ref, reachable=best.ref.reachable and bool(reachable))
