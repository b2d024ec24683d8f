"""Library commands: import, threads, show, stats."""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

from ..config import resolve_paths
from .common import (
    COUNT,
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PARTIAL,
    ID,
    WORKERS,
    AddCommand,
    BusyError,
    CliError,
    open_store,
    plural,
    print_json,
    table,
)
from .terminal import control


class _ProgressPrinter:
    """Import progress on stderr: a live line on a terminal, a line every few seconds otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, p) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if now - self.last < (0.2 if self.tty else 5.0) and p.files_done < p.files_total:
            return
        self.last = now
        eta = f"{p.eta:.0f}s" if p.eta is not None else "?"
        line = (f"{p.files_done}/{p.files_total} files, {p.posts_added} posts added, "
                f"{p.mib_per_s:.1f} MiB/s, ETA {eta}")
        if self.tty:
            control(sys.stderr, "\r\033[K")
            sys.stderr.write(line)
            if p.files_done >= p.files_total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _exists(path: str) -> bool:
    try:
        return Path(path).expanduser().exists()
    except OSError:  # e.g. longer than the system allows: the import reports it per file
        return True


def conflict_text(c) -> str:
    """One line of the import's conflict report: what differs, what was kept, how to choose."""
    parts = []
    if c.floors:
        shown = ", ".join(str(f) for f in c.floors[:10]) + (" …" if len(c.floors) > 10 else "")
        parts.append(f"floor {shown}" if len(c.floors) == 1
                     else f"floors {shown} ({len(c.floors)} posts)")
    if c.fields:
        parts.append("the " + " and ".join(c.fields))
    kept = c.kept or "the library (stored before files were recorded)"
    return (f"{c.path}:{c.line}: thread {c.tid}: {' and '.join(parts)} read differently here "
            f"and in {kept}, and nothing tells which is newer (both copies have the same floors, "
            f"the same last post and no later edit note), so the version of {kept} was kept. To "
            f"use this file's version: s1reader import --reread {shlex.quote(c.path)}")


def _guarded_import(run):
    """Run an import (``run()``), turning what can stop it into a message with what to do;
    None when the user interrupted it (reported here)."""
    import peewee

    from ..store.db import DiskFull, LibraryDamaged, in_chain, is_busy, is_damage, is_disk_full
    from ..store.models import database

    try:
        return run()
    except KeyboardInterrupt:
        sys.stderr.write("\ns1reader: import interrupted; threads written so far are complete, "
                         "run the same import again to finish\n")
        return None
    except Exception as e:
        # the error that matters may hide behind one of cleaning up after it (the rollback of a
        # transaction SQLite ended by itself, a transaction stack popped twice)
        if isinstance(e, LibraryDamaged):  # found by the check before writing: nothing written
            raise CliError(str(e)) from None
        if in_chain(e, is_disk_full):
            raise CliError(f"the import stopped: {DiskFull(database.database)}. Threads written so far "
                           "are complete") from None
        damage = in_chain(e, is_damage)
        if damage is not None:  # met in the middle (a search index too big to check first)
            raise CliError(f"the import stopped: {LibraryDamaged(database.database, str(damage))}"
                           " Threads written before it are complete") from None
        busy = in_chain(e, is_busy)
        if busy is not None:  # "database is locked": another program kept writing
            raise BusyError(f"the library is busy ({busy}): another program is writing to it. "
                            "Threads written so far are complete; run the same import again when "
                            "it is done") from None
        if isinstance(e, peewee.OperationalError):  # an I/O error: say it, with what to do
            raise CliError(f"the import stopped: {e}. Threads written so far are complete; run "
                           "the same import again once this is fixed") from None
        if isinstance(e, OSError | OverflowError | ValueError):  # reported per file, normally
            raise CliError(f"the import stopped at an unexpected error ({type(e).__name__}: {e}). "
                           "Threads written so far are complete; run the same import again "
                           "without the file that causes it") from None
        raise


def _report_problems(result) -> None:
    for f in result.failed:
        sys.stderr.write(f"s1reader: {f.path}:{f.line}: {f.message}\n")
    for c in result.conflicts:
        sys.stderr.write(f"s1reader: conflict: {conflict_text(c)}\n")
    for n in result.notes:  # one post of a file that was imported
        sys.stderr.write(f"s1reader: {n.path}:{n.line}: {n.message}\n")


def _summary_line(result) -> str:
    conflicts = (f", {plural(len(result.conflicts), 'conflict')} (copies that differ with "
                 "nothing to tell which is newer; see above)") if result.conflicts else ""
    return (f"{plural(result.files, 'file')}: "
            f"{result.files - result.skipped - len(result.failed)} "
            f"{'reread' if result.reread else 'imported'}, "
            f"{result.skipped} unchanged, {len(result.failed)} failed, "
            f"{len(result.ignored)} ignored (not thread files); "
            f"{plural(result.posts_added, 'post')} added, {result.posts_updated} updated"
            f"{conflicts} in {result.seconds:.1f} s")


def _waiting() -> None:
    sys.stderr.write("s1reader: another import into this library is running; waiting for it "
                     "to finish…\n")


def cmd_import(args: argparse.Namespace) -> int:
    from ..config import DEMO_DIR
    from ..store.importing import run_import

    missing = [p for p in args.paths if not _exists(p)]
    if missing:
        raise CliError(f"no such file or folder: {', '.join(missing)}")
    open_store(args, create=True)
    printer = _ProgressPrinter(args.quiet)
    result = _guarded_import(lambda: run_import(
        args.paths, reread=args.reread, workers=args.workers, progress=printer,
        on_wait=_waiting, demo_dir=DEMO_DIR))
    if result is None:
        return 130
    _report_problems(result)
    if args.json:
        print_json(result.as_dict())
    else:
        print(_summary_line(result))
    if not result.files and not result.ignored:
        sys.stderr.write("s1reader: no thread files found under the given paths\n")
        return EXIT_ERROR
    return EXIT_PARTIAL if result.failed or result.notes else EXIT_OK


def cmd_update(args: argparse.Namespace) -> int:
    from ..config import DEMO_DIR
    from ..store import roots
    from ..store.importing import run_import

    open_store(args)
    if args.forget:
        if not roots.forget(args.forget):
            raise CliError(f"{args.forget} is not a remembered folder or file (see "
                           "`s1reader update --list`)")
        print(f"forgot {args.forget}; its threads stay in the library")
        return EXIT_OK
    if args.list:
        known = roots.roots()
        if args.json:
            print_json([{"path": r.path, "folder": r.is_dir, "present": roots.present(r)}
                        for r in known])
        else:
            for r in known:
                print(r.path + ("" if roots.present(r) else "  (gone)"))
        return EXIT_OK
    if not roots.roots():
        raise CliError("the library remembers no folders yet: import your archive folder once "
                       "(s1reader import FOLDER); from then on `s1reader update` re-scans it")
    printer = _ProgressPrinter(args.quiet)
    done = _guarded_import(lambda: roots.update(lambda paths: run_import(
        paths, workers=args.workers, progress=printer, on_wait=_waiting, demo_dir=DEMO_DIR,
        remember=False)))
    if done is None:
        return 130
    from ..store import watches

    started = time.monotonic()
    watched = watches.list_watches(total=False) if done.result is not None else []
    watch_seconds = time.monotonic() - started
    for r in done.gone:
        sys.stderr.write(f"s1reader: {r.path}: {'folder' if r.is_dir else 'file'} not found "
                         "(an unplugged drive or a moved clone?); not scanned, its threads are "
                         "kept. Plug it in and update again, or `s1reader update --forget "
                         f"{shlex.quote(r.path)}`\n")
    if done.result is not None:
        _report_problems(done.result)
    for path in done.vanished[:20]:
        sys.stderr.write(f"s1reader: {path}: no longer there; its posts are kept\n")
    if len(done.vanished) > 20:
        sys.stderr.write(f"s1reader: … and {len(done.vanished) - 20} more files no longer there\n")
    if args.json:
        print_json(done.as_dict() | {"watches": [{"name": w.name, "new": w.new} for w in watched],
                                     "watch_seconds": round(watch_seconds, 3)})
    else:
        print(f"{plural(done.threads, 'thread')}, {plural(done.posts_added, 'new post')}"
              f" from {plural(len(done.scanned), 'folder')}"
              + (f"; {len(done.gone)} not found" if done.gone else ""))
        if done.result is not None:
            print(_summary_line(done.result))
        for w in watched:
            if w.new:
                print(f"关注 {w.name}: {plural(w.new, 'new post')}")
    if done.result is None:
        return EXIT_ERROR
    failed = done.result.failed or done.result.notes or done.gone
    return EXIT_PARTIAL if failed else EXIT_OK


# ---------------------------------------------------------------- threads / show / stats


def cmd_threads(args: argparse.Namespace) -> int:
    from ..store import queries

    open_store(args)
    if args.unread:
        threads = queries.unread_threads()
        if args.board:
            threads = [t for t in threads if t.board == args.board]
    else:
        threads = queries.list_threads(board=args.board, query=args.query, order=args.sort)
    if args.json:
        extra = (lambda t: {"first_unread_floor": t.read_floor + 1}) if args.unread else (lambda t: {})
        print_json([t.as_dict() | extra(t) for t in threads])
        return EXIT_OK
    rows = [
        [str(t.tid), t.board + ("" if t.reachable else " (unreachable)"), str(t.post_count),
         t.last_post_at.strftime("%Y-%m-%d %H:%M") if t.last_post_at else "", t.title]
        + ([str(t.unread), str(t.read_floor + 1)] if args.unread else [])
        for t in threads
    ]
    print(table(rows, ["tid", "board", "posts", "last post", "title"]
                + (["unread", "from floor"] if args.unread else [])))
    return EXIT_OK


def _post_dict(post, quotes: list[dict]) -> dict:
    from ..parse.codec import block_dict

    return {
        "id": post.id,
        "tid": post.tid,
        "floor": post.floor,
        "author": post.author,
        "posted_at": post.posted_at.isoformat(),
        "is_op": post.is_op,
        "edited": (
            {"editor": post.editor, "edited_at": post.edited_at.isoformat()}
            if post.edited_at else None
        ),
        "flags": post.flag_names,
        "pid": post.pid,
        "blocks": [block_dict(b) for b in post.blocks],
        "quotes": quotes,
    }


def cmd_show(args: argparse.Namespace) -> int:
    from ..parse.codec import plain_text
    from ..store import queries

    open_store(args)
    thread = queries.get_thread(args.tid)
    if thread is None:
        raise CliError(f"thread {args.tid} is not in the library (see `s1reader threads`)")
    posts = queries.thread_posts(args.tid, from_floor=args.from_floor, limit=args.limit,
                                 author=args.author, only_op=args.only_op)
    quotes = queries.quotes_of_posts([p.id for p in posts])
    if args.json:
        print_json({"thread": thread.as_dict(), "posts": [_post_dict(p, quotes[p.id]) for p in posts]})
        return EXIT_OK
    print(f"{thread.title}  [{thread.board} · tid {thread.tid} · {plural(thread.post_count, 'post')}]")
    for p in posts:
        op = " (OP)" if p.is_op else ""
        print(f"\n── {p.floor}#  {p.author}{op}  {p.posted_at:%Y-%m-%d %H:%M}")
        if p.banned:
            print("(author banned or deleted; content hidden by the forum)")
        for q in quotes[p.id]:
            print(f"  > quoting {q['author']} {q['posted_at'] or ''}")
        own, _ = plain_text(p.blocks)
        if own:
            print(own)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from ..store import queries

    paths = resolve_paths(args.home)
    open_store(args)
    stats = queries.library_stats()
    stats["db_path"] = str(paths.db)
    stats["db_bytes"] = paths.db.stat().st_size if paths.db.exists() else 0
    if args.json:
        print_json(stats)
    else:
        for k, v in stats.items():
            print(f"{k:16} {v}")
    return EXIT_OK


def register(add: AddCommand) -> None:
    sp = add("import", "import archive files and folders (recursively) into the library")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    sp.add_argument("--workers", type=WORKERS, default=None, metavar="N",
                    help="parsing processes beside the writer (default: one per core; 0: none)")
    sp.add_argument("--reread", action="store_true",
                    help="read the files again even if unchanged, and keep their versions of "
                         "posts, title and board where another file's differ (restores a thread "
                         "from the files you choose)")
    sp.set_defaults(func=cmd_import)

    sp = add("update", "import what changed in every folder and file imported before "
             "(new, grown, renamed files), without naming them again")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    sp.add_argument("--workers", type=WORKERS, default=None, metavar="N",
                    help="parsing processes beside the writer (default: one per core; 0: none)")
    sp.add_argument("--list", action="store_true", help="list the remembered folders and files")
    sp.add_argument("--forget", metavar="PATH", help="stop updating from PATH (its threads stay)")
    sp.set_defaults(func=cmd_update)

    sp = add("threads", "list the threads in the library")
    sp.add_argument("--board", help="only threads of this board")
    sp.add_argument("--query", help="only threads whose title contains TEXT (or whose tid is it)")
    sp.add_argument("--sort", choices=["last_post", "title", "size", "tid"], default="last_post")
    sp.add_argument("--unread", action="store_true",
                    help="新回复: only threads you have opened that have posts you have not read, "
                         "most unread first (unread counts from how far you read)")
    sp.set_defaults(func=cmd_threads)

    sp = add("show", "print the posts of a thread")
    sp.add_argument("tid", type=ID)
    sp.add_argument("--from", dest="from_floor", type=ID, default=0, metavar="FLOOR")
    sp.add_argument("--limit", type=COUNT, default=None, metavar="N")
    sp.add_argument("--author", metavar="NAME", help="only this author's posts (只看该作者)")
    sp.add_argument("--only-op", action="store_true", help="only the thread starter's posts (只看楼主)")
    sp.set_defaults(func=cmd_show)

    sp = add("stats", "library statistics")
    sp.set_defaults(func=cmd_stats)
