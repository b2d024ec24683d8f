"""Experiment: the search index written beside the writer, not by it (issue 23).

Today the one writer inserts every post's index tokens into the FTS5 table ``post_fts`` of the
library, in the batch's transaction. This measures what the import costs when the writer only
hands the tokens (built by the parsing processes) to an indexer process, which inserts them into
``post_fts`` of a second SQLite file and commits them with a high-water mark (the largest post
id it holds). It is the throughput half of that design, not a safe implementation (see
docs/benchmarks.md, "Serial CPU of an import"): the library written here has no index of its own.

    python benchmarks/index_split_bench.py ARCHIVE_DIR [--work /tmp/index-split] [--compare LIB]

Printed: the CPU split as in ``scale_bench.py`` (the writer process = serial; the parsing
processes and the indexer process = parallel), the wall
time until the import ended and until the index caught up, peak RSS of each, and with
``--compare`` (a library imported from the same files by the normal importer) the hit counts of
the same index queries in both, which must be equal.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from scale_bench import cpu_split  # noqa: E402

CHILD = r"""
import json, multiprocessing as mp, os, resource, sqlite3, sys, threading, time

FTS = ("CREATE VIRTUAL TABLE IF NOT EXISTS post_fts USING fts5(text, quote_text, content='', "
       "tokenize='ascii', detail=none)")


def indexer(path, conn):
    # the index's own file, written by this process alone: rows arrive in chunks after the
    # writer wrote them; each chunk is one transaction with the high-water mark
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=wal")
    db.execute("PRAGMA synchronous=normal")
    db.execute(FTS)
    db.execute("CREATE TABLE IF NOT EXISTS index_state (name TEXT PRIMARY KEY, value INTEGER)")
    while True:
        rows = conn.recv()
        if rows is None:
            break
        db.execute("BEGIN")
        db.executemany("INSERT INTO post_fts (rowid, text, quote_text) VALUES (?, ?, ?)",
                       ((i, *t.split("\x00", 1)) for i, t in rows))
        db.execute("INSERT OR REPLACE INTO index_state VALUES ('indexed_upto', "
                   "MAX(COALESCE((SELECT value FROM index_state WHERE name='indexed_upto'), 0), ?))",
                   (max(i for i, _ in rows),))
        db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    r = resource.getrusage(resource.RUSAGE_SELF)
    conn.send((r.ru_utime + r.ru_stime, r.ru_maxrss / 1024))


if __name__ == "__main__":
    from reader.store import threadwrite
    from reader.store.db import open_library
    from reader.store.importing import batch, import_paths

    db_path, index_path, paths = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    open_library(db_path)
    ours, theirs = mp.get_context("spawn").Pipe()
    proc = mp.get_context("spawn").Process(target=indexer, args=(index_path, theirs))
    proc.start()

    def hand_over(rows):  # instead of the writer's FTS5 insert
        if rows:
            ours.send(rows)

    threadwrite.write_index_rows = hand_over
    batch.write_index_rows = hand_over
    t = time.perf_counter()
    cpu0 = time.thread_time()
    r = import_paths(paths, workers=2)
    writer_cpu = time.thread_time() - cpu0
    dt = time.perf_counter() - t
    ours.send(None)
    indexer_cpu, indexer_rss = ours.recv()
    proc.join()
    caught_up = time.perf_counter() - t
    try:
        from multiprocessing import forkserver
        forkserver._forkserver._stop()
    except Exception:
        pass
    me = resource.getrusage(resource.RUSAGE_SELF)
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({'seconds': dt, 'caught_up': caught_up, 'posts': r.posts_added,
                      'failed': len(r.failed), 'rss_mib': me.ru_maxrss / 1024,
                      'child_rss_mib': ch.ru_maxrss / 1024, 'writer_cpu': writer_cpu,
                      'process_cpu': me.ru_utime + me.ru_stime,
                      'children_cpu': ch.ru_utime + ch.ru_stime, 'indexer_cpu': indexer_cpu,
                      'indexer_rss_mib': indexer_rss}))
"""

QUERIES = ['"的"', '"鹅"', '"高达"', '"原神"', '"不是" AND "我"', '"chatgpt"*', '"水星" AND "星的"']


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive", type=Path)
    ap.add_argument("--work", type=Path, default=Path("/tmp/s1reader-index-split"))
    ap.add_argument("--compare", type=Path, default=None,
                    help="a library imported from the same files by the normal importer")
    args = ap.parse_args()
    if args.work.exists():
        shutil.rmtree(args.work)
    args.work.mkdir(parents=True)
    script = args.work / "child.py"
    script.write_text(CHILD)
    db, index = args.work / "lib.sqlite3", args.work / "lib-search.sqlite3"
    out = subprocess.run([sys.executable, str(script), str(db), str(index),
                          json.dumps([str(args.archive.resolve())])],
                         capture_output=True, text=True, cwd=REPO,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    res = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"archive: {args.archive}; {res['posts']:,} posts, failed {res['failed']}")
    print(f"import ended after {res['seconds']:.0f} s, the index caught up after "
          f"{res['caught_up']:.0f} s; indexer process {res['indexer_cpu']:.0f} CPU-s, "
          f"peak RSS {res['indexer_rss_mib']:.0f} MiB")
    print("\n".join(cpu_split(res)))
    if args.compare:
        ours = sqlite3.connect(index)
        theirs = sqlite3.connect(args.compare)
        for q in QUERIES:
            a = ours.execute("SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH ?", (q,)).fetchone()[0]
            b = theirs.execute("SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH ?", (q,)).fetchone()[0]
            print(f"  {q:<22} split index {a:>9,}  library's index {b:>9,}  "
                  + ("same" if a == b else "DIFFERENT"))


if __name__ == "__main__":
    main()
