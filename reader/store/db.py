"""Opening the library database: one SQLite file in WAL mode, migrated to the latest schema.

A damaged file is detected when it is opened (``PRAGMA quick_check``; skipped while the file's
content is exactly what the last good check saw, see ``_stamp``: a checksum, so a damaged page
with size and mtime put back is seen; and for libraries too big to read through at every start)
and before every import (:func:`check_before_writing`: quick_check and, up to
``SEARCH_CHECK_MAX_BYTES``, FTS5's check of the search index, whose pages quick_check does not
read as an index). A damaged
library raises :class:`LibraryDamaged`, whose message says how to save the user data first;
nothing is written into it. :func:`open_for_rescue` opens it read-only, without migrating, so
``userdata export`` can save what can still be read.

A library written by a newer s1reader is recognised from a read-only look at its schema version
before anything else (:class:`LibraryTooNew`): it is never opened for writing. Before an older
library is upgraded, its user data is saved beside it (:func:`backup_path`), so an upgrade can
never cost a bookmark. Another program holding the write lock longer than the busy timeout
(``S1READER_BUSY_TIMEOUT`` seconds, default 30) is :class:`LibraryBusy`, never "damaged".
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import peewee

from . import bodies, userdata
from .library import Library, current, is_open, make_current
from .migrations import LATEST, current_version, index_text_v2, migrate
from .models import database, lock_wait_error

# the full-text index's triggers call these on every connection: s1_body_tokens (schema 6 on),
# s1_index_text (the triggers of schemas 2-5, until step 6 replaces them)
database.register_function(bodies.body_tokens, "s1_body_tokens", 2)
database.register_function(index_text_v2, "s1_index_text", 1)

WAL_LIMIT_BYTES = 64 * 1024 * 1024

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -64 * 1024,  # 64 MiB
    "temp_store": "memory",
    "busy_timeout": 30_000,  # replaced by busy_timeout_ms() when a library is opened
    # the write-ahead log is cut back to this size whenever it starts over after a checkpoint:
    # while a reader holds an old snapshot during an import (the window reading a thread, a
    # search), checkpoints cannot start the log over and it grows by the import's pages (358 MiB
    # in a few minutes of a year's import); without a limit it kept that size on disk for good
    "journal_size_limit": WAL_LIMIT_BYTES,
}
BUSY_ENV = "S1READER_BUSY_TIMEOUT"  # seconds another program's write may make us wait
# quick_check reads the whole file: at open only for libraries up to this size (a year of the
# archive is ~2 GB: seconds of reading at every start); larger ones are checked before imports
FULL_CHECK_MAX_BYTES = 256 * 1024 * 1024
# the search index's own check (FTS5 'integrity-check': random bytes in an index page pass
# quick_check) reads every index page, about three times quick_check's time: before an import,
# for libraries up to this size (larger ones: an import that meets the damage stops and says so)
SEARCH_CHECK_MAX_BYTES = 64 * 1024 * 1024
# beside the library: what its content was at its last good check (sizes and checksums of the
# file and its write-ahead log; a damaged page with size and mtime restored changes the checksum)
STAMP_SUFFIX = ".checked"


class LibraryDamaged(Exception):
    """The library file is damaged: the message says what to do without losing user data."""

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(
            f"the library {self.path} is damaged ({detail}); nothing more is written to it. "
            "First save your bookmarks, reading positions, block list and rules: "
            "`s1reader userdata export backup.json` saves all of them that can still be read. "
            f"Then move {self.path.name} (and its -wal/-shm files) away, import your archive files "
            "again and restore with `s1reader userdata import backup.json` (or with the newest "
            f"{self.path.stem}-userdata-*.json beside it, saved before each upgrade).")


class LibraryTooNew(RuntimeError):
    """The library was written by a newer s1reader; it was not opened for writing."""

    def __init__(self, path: str | Path, version: int) -> None:
        self.path = Path(path)
        self.version = version
        super().__init__(
            f"the library {self.path} was written by a newer s1reader (schema {version}; this "
            f"one knows up to {LATEST}); nothing was changed in it. Upgrade s1reader to open it, "
            "or use another library with --home DIR")


class LibraryBusy(Exception):
    """Another program kept the library's write lock longer than the busy timeout."""

    def __init__(self, path: str | Path | None = None, detail: str = "") -> None:
        where = f" {path}" if path else ""
        super().__init__(
            f"the library{where} is busy: another s1reader (the window, or a command such as "
            f"import) is writing to it and did not finish within {busy_timeout_ms() // 1000} s"
            f"{f' ({detail})' if detail else ''}. Nothing was changed by this command; run it "
            f"again when the other one is done (or wait longer: {BUSY_ENV}=SECONDS)")


def busy_timeout_ms() -> int:
    """How long a write waits for another program's write lock (``S1READER_BUSY_TIMEOUT``)."""
    try:
        seconds = float(os.environ.get(BUSY_ENV, "") or 30)
    except ValueError:
        seconds = 30
    return max(0, int(seconds * 1000))


is_busy = lock_wait_error  # "another connection holds the lock": not damage


def in_chain(error: BaseException, test) -> BaseException | None:
    """The first exception in ``error``'s chain (itself, what it was raised from or during) for
    which ``test`` holds. A failed write is often hidden behind the error of cleaning up after
    it: SQLite ends a transaction by itself when the disk is full, and the rollback that follows
    fails with "cannot rollback - no transaction is active"."""
    seen: set[int] = set()
    todo = [error]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if test(e):
            return e
        todo += [e.__cause__, e.__context__]
    return None


def is_disk_full(error: BaseException) -> bool:
    """Whether an error means "no space left" (SQLite's SQLITE_FULL, or ENOSPC / EDQUOT / EFBIG
    from the system)."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    return (isinstance(error, sqlite3.OperationalError | peewee.OperationalError)
            and "disk is full" in str(error).lower())


def is_damage(error: BaseException) -> bool:
    """Whether a database error means the file is damaged ("database disk image is malformed")."""
    return (isinstance(error, sqlite3.DatabaseError | peewee.DatabaseError)
            and ("malformed" in str(error).lower() or "not a database" in str(error).lower()))


class DiskFull(Exception):
    """A write failed because the disk holding ``path`` has no space left; nothing was changed."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        try:
            free = f"{shutil.disk_usage(path if path.is_dir() else path.parent).free / 1048576:,.1f} MiB free"
        except OSError:
            free = "no free space"
        super().__init__(f"the disk holding {path} is full ({free}); nothing was changed. Free "
                         "some space on it and run the command again")


def schema_version_of(db_path: str | Path) -> int | None:
    """The schema version of the library at ``db_path``, read without ever writing to it; 0 for
    a library without one (new), None when there is no file or it cannot be read as one."""
    path = Path(db_path)
    try:
        if path.stat().st_size == 0:
            return 0
    except OSError:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=busy_timeout_ms() / 1000)
    except sqlite3.Error:
        return None
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                           "AND name = 'schema_version'").fetchone():
            return 0
        value = con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        return value if isinstance(value, int) else 0
    except sqlite3.Error:
        return None
    finally:
        con.close()


def backup_path(db_path: str | Path, version: int, when: datetime | None = None) -> Path:
    """Where the user data of a library is saved before its schema ``version`` is upgraded:
    beside it, named with the date and the version (``library-userdata-schema5-20250301-101500.json``)."""
    path = Path(db_path)
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}-userdata-schema{version}-{stamp}.json")


def _backup_before_upgrade(path: Path, version: int) -> Path:
    target = backup_path(path, version)
    try:
        userdata.export_userdata(target)
    except OSError as e:
        raise OSError(
            f"cannot save your user data to {target} before upgrading the library "
            f"({e.strerror or e}); nothing was changed. Free some space or make the folder "
            "writable, or save it yourself with `s1reader userdata export FILE`") from None
    finally:
        userdata.forget_bad_rows()  # tables an old schema lacks are no damage
    return target


def _file_checksum(path: Path) -> int | None:
    """A checksum of a whole file (0 for no file; None when it cannot be made).

    Never read in this process on POSIX: closing any descriptor of the database file drops
    every POSIX lock this process holds on it, SQLite's included ("How To Corrupt An SQLite
    Database File", 2.2), and another program may then write beside this one (it did: a
    window import beside a command-line one found its library "malformed"). ``cksum`` reads
    it in a process of its own. Windows locks per handle: read here.
    """
    if not path.exists():
        return 0
    if os.name == "nt":
        crc = 0
        try:
            with open(path, "rb") as f:
                while chunk := f.read(1 << 20):
                    crc = zlib.crc32(chunk, crc)
        except OSError:
            return None
        return crc
    tool = shutil.which("cksum")
    if tool is None:
        return None
    try:
        done = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=900)
        return int(done.stdout.split()[0]) if done.returncode == 0 else None
    except (OSError, ValueError, IndexError, subprocess.SubprocessError):
        return None


def _stamp(path: Path, content: bool = True) -> list[int] | None:
    """What the library's files hold: [size, wal size, checksum of each] (None when a checksum
    cannot be made: then every check runs); with ``content=False`` only [size, mtime, wal
    size], which a damaged page with its size and mtime put back passes (cheap: no reading)."""
    try:
        st = path.stat()
    except OSError:
        return None
    wal = path.with_name(path.name + "-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    if not content:
        return [st.st_size, st.st_mtime_ns, wal_size]
    sums = [_file_checksum(path), _file_checksum(wal)]
    if None in sums:
        return None
    return [st.st_size, wal_size, *sums]


def _known_stamp(path: Path, search_index: bool = False) -> list[int] | None:
    """The content last found good (with ``search_index``: by a check that included the
    search index); None when there is no such record."""
    try:
        known = json.loads(_stamp_file(path).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(known, dict) or (search_index and not known.get("search_index")):
        return None
    return known.get("content")


def _record_good(path: Path, stamp: list[int], search_index: bool) -> None:
    with contextlib.suppress(OSError):  # only a shortcut: losing it costs a check
        _stamp_file(path).write_text(json.dumps({"content": stamp, "search_index": search_index}))


def remember_good(path: str | Path | None = None) -> None:
    """Record the library's content as checked and good, the search index included (after an
    import into a library found good before it): the next open or import skips its check while
    the content stays exactly this."""
    where = Path(path) if path is not None else Path(database.database or "library")
    stamp = _stamp(where)
    if stamp is not None:
        _record_good(where, stamp, True)


def _stamp_file(path: Path) -> Path:
    return path.with_name(path.name + STAMP_SUFFIX)


def check_library(path: str | Path | None = None, search_index: bool = False) -> None:
    """Run SQLite's quick_check on the open library (and, with ``search_index``, FTS5's check
    of the search index); LibraryDamaged if either finds damage."""
    where = Path(path) if path is not None else Path(database.database or "library")
    try:
        rows = database.execute_sql("PRAGMA quick_check").fetchall()
    except (sqlite3.DatabaseError, peewee.DatabaseError) as e:
        raise LibraryDamaged(where, str(e)) from None
    problems = [r[0] for r in rows if r and r[0] != "ok"]
    if problems:
        raise LibraryDamaged(where, "; ".join(problems[:3])[:300])
    if search_index:
        try:
            with database.atomic():  # (the check is an INSERT of a command: it writes nothing)
                database.execute_sql("INSERT INTO post_fts(post_fts) VALUES ('integrity-check')")
        except (sqlite3.DatabaseError, peewee.DatabaseError) as e:
            if is_busy(e) or is_disk_full(e):
                raise
            raise LibraryDamaged(where, f"the search index: {e}") from None


def check_before_writing(path: str | Path | None = None) -> None:
    """Check the open library before a big write (an import): quick_check and, where it is
    cheap, the search index's check, unless its content is exactly what was last found good.
    Raises LibraryDamaged; records the good content for next time."""
    where = Path(path) if path is not None else Path(database.database or "library")
    stamp = _stamp(where)
    if stamp is not None and stamp == _known_stamp(where, search_index=True):
        return
    try:
        small = where.stat().st_size <= SEARCH_CHECK_MAX_BYTES
    except OSError:
        small = False
    check_library(where, search_index=small)
    if stamp is not None:
        _record_good(where, stamp, True)


def open_library(db_path: str | Path, check: bool = True, upgrade: bool = True,
                 on_upgrade: Callable[[int, int, Path], None] | None = None,
                 on_step: Callable[[int, str, int, int], None] | None = None) -> Library:
    """Open the library at ``db_path`` (created if missing): check it, bring its schema up to
    date, and make it the open :class:`~reader.store.library.Library` (the one open before is
    closed: its writer, connection and caches go with it).

    A library from a newer s1reader raises LibraryTooNew before anything is written. Before an
    existing library is upgraded, its user data is saved beside it and ``on_upgrade(old, new,
    backup)`` is told; ``upgrade=False`` leaves an older library as it is (``userdata export``).
    ``on_step(number, what, done, total)`` follows the upgrade (``migrations.migrate``).
    """
    path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    close_library()
    peeked = schema_version_of(path)
    if peeked is not None and peeked > LATEST:
        raise LibraryTooNew(path, peeked)
    if not upgrade and peeked is not None and 0 < peeked < LATEST:
        return open_for_rescue(path)  # read as it is: not even the journal mode changes
    # at open the stamp is a checksum of the content up to SEARCH_CHECK_MAX_BYTES (reading 64
    # MiB costs tens of milliseconds; every command opens the library), size and mtime beyond:
    # an import checks the content itself before it writes (check_before_writing)
    quick = _stamp(path, content=False)
    before = None
    if check and quick is not None and 0 < quick[0] <= FULL_CHECK_MAX_BYTES:
        before = (_stamp(path) or quick) if quick[0] <= SEARCH_CHECK_MAX_BYTES else quick
    library = make_current(Library(path))
    database.busy_seconds = busy_timeout_ms() / 1000
    try:
        database.init(str(path), pragmas={**PRAGMAS, "busy_timeout": busy_timeout_ms()},
                      check_same_thread=False)
        database.connect(reuse_if_open=True)
        if before is not None and before != _known_stamp(path):
            check_library(path)
            _record_good(path, before, False)
        version = current_version(database)
        if version > LATEST:
            raise LibraryTooNew(path, version)
        if 0 < version < LATEST:
            if not upgrade:
                return library  # (it became older in between: leave it)
            backup = _backup_before_upgrade(path, version)
            if on_upgrade is not None:
                on_upgrade(version, LATEST, backup)
        migrate(database, progress=on_step)
    except (LibraryDamaged, LibraryTooNew, OSError):
        library.close()
        raise
    except (sqlite3.DatabaseError, peewee.DatabaseError) as e:
        library.close()
        if is_busy(e):
            raise LibraryBusy(path, str(e)) from None
        raise LibraryDamaged(path, str(e)) from None
    except BaseException:
        library.close()
        raise
    return library


def open_for_rescue(db_path: str | Path) -> Library:
    """Open a (damaged) library read-only, unchecked and unmigrated, to save what can be read."""
    close_library()
    library = make_current(Library(db_path, read_only=True))
    database.init(f"file:{Path(db_path)}?mode=ro", uri=True, check_same_thread=False,
                  pragmas={"busy_timeout": busy_timeout_ms()})
    database.connect(reuse_if_open=True)
    return library


def close_library() -> None:
    """Close the open library (see ``Library.close``); nothing when none is open."""
    if is_open():
        current().close()
    elif not database.is_closed():
        database.close()
