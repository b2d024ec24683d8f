"""Benchmark a thread's digest: working it out (``thread_digest``), opening the Digest page in the
window (Thread → Digest until the page is painted) and listing the gallery (``thread_images``),
on tid 2130813 (30,232 posts, the corpus) and, with ``--home``, on a library's biggest thread and
on 2130813 if it holds it. The baseline of each thread, measured in the same run, is a plain
``SELECT COUNT(*)`` of its posts (one pass over its index entries). Also the gallery with 5,000
images: the median time to scroll one screen and repaint. Prints medians of ``--runs`` runs.

    QT_QPA_PLATFORM=offscreen python benchmarks/digest_bench.py [--runs 7] [--home COPY_OF_HOME]

``--home`` opens that library, and opening migrates it to this version's schema (a one-time
pass over every post body): give it a copy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TID = 2130813
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(first run, median of the runs) in ms."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times[0], statistics.median(times)


def bench_store(tid: int, runs: int) -> None:
    from reader.media.collect import thread_images
    from reader.store.digest import thread_digest
    from reader.store.models import database

    def count() -> int:
        return database.execute_sql("SELECT COUNT(*) FROM post WHERE tid = ?", (tid,)).fetchone()[0]

    posts = count()
    first, digest = median_ms(lambda: thread_digest(tid), runs)
    _, base = median_ms(count, runs)
    _, images = median_ms(lambda: thread_images(tid), max(3, runs // 2))
    d = thread_digest(tid)
    print(f"tid {tid}: {posts:,} posts, {len(d.per_day)} days, {d.author_count:,} authors, "
          f"{d.image_count:,} images")
    print(f"  thread_digest      first {first:7.1f} ms   median {digest:7.1f} ms   "
          f"= {digest / base:5.1f}x COUNT(*) of its posts ({base:.1f} ms)")
    print(f"  thread_images      median {images:7.1f} ms   = {images / base:5.1f}x")


def bench_window(tid: int, runs: int) -> None:
    """Thread → Digest in the window: from the action to the page painted with the digest."""
    from reader.config import resolve_paths
    from reader.ui.app import _application
    from reader.ui.mainwindow import MainWindow
    from reader.ui.settings import AppSettings

    app = _application()
    paths = resolve_paths().ensure()
    window = MainWindow(paths, AppSettings(paths.config), record_reading=False)
    window.resize(1280, 860)
    window.show()
    window.start(tid, 12000)
    app.processEvents()
    flow = window.digest_flow
    times = []
    for _ in range(runs):
        flow.forget()  # forget the digest: worked out again
        window.show_page("posts")
        app.processEvents()
        t = time.perf_counter()
        window.actions["digest"].trigger()
        while flow.panel.digest is None:
            app.processEvents()
        window.repaint()
        times.append((time.perf_counter() - t) * 1000)
    window.close()
    print(f"  window: Thread → Digest until painted, first {times[0]:.1f} ms, "
          f"median {statistics.median(times):.1f} ms (goal ≤ 300 ms)")


def bench_gallery(runs: int) -> None:
    from reader.media.collect import ThreadImage
    from reader.ui.app import _application
    from reader.ui.gallery import GalleryPanel

    app = _application()
    at = datetime(2024, 1, 1)
    images = [ThreadImage(f"https://p.sda1.dev/{i}.png", f"https://p.sda1.dev/{i}.png", i, i, "甲", at)
              for i in range(5000)]
    panel = GalleryPanel()
    panel.resize(1000, 800)
    panel.show()
    t = time.perf_counter()
    panel.show_images(images)
    panel.view.repaint()
    shown = (time.perf_counter() - t) * 1000
    bar = panel.view.verticalScrollBar()
    frames = []
    for _ in range(runs):
        bar.setValue(0)
        app.processEvents()
        panel.model.wait_idle()
        while bar.value() < bar.maximum():
            t = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            panel.view.viewport().repaint()
            frames.append((time.perf_counter() - t) * 1000)
            app.processEvents()
    panel.model.wait_idle()
    app.processEvents()
    print(f"gallery of 5,000 images: shown in {shown:.1f} ms; one screen scrolled and repainted: "
          f"median {statistics.median(frames):.1f} ms, p95 "
          f"{sorted(frames)[int(len(frames) * 0.95)]:.1f} ms over {len(frames)} frames")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--home", type=Path, help="also a library (a copy: it is migrated), e.g. a year")
    args = ap.parse_args()

    from reader.store.db import close_library, open_library
    from reader.store.importing import import_paths
    from reader.store.models import database

    home = Path(tempfile.mkdtemp(prefix="s1digest-"))
    os.environ["S1READER_HOME"] = str(home)
    from reader.config import resolve_paths

    paths = resolve_paths().ensure()
    open_library(paths.db)
    folder = next(CORPUS.glob(f"*/{TID}[[]*"))
    import_paths([folder])
    print(f"corpus library ({paths.db}), medians of {args.runs} runs")
    bench_store(TID, args.runs)
    bench_window(TID, args.runs)
    bench_gallery(max(1, args.runs // 3))
    close_library()

    if args.home:
        t = time.perf_counter()
        os.environ["S1READER_HOME"] = str(args.home)
        db = resolve_paths().db
        open_library(db, check=False)
        print(f"\n{db} opened (and migrated if needed) in {time.perf_counter() - t:.1f} s")
        biggest = database.execute_sql(
            "SELECT tid FROM thread ORDER BY post_count DESC LIMIT 1").fetchone()[0]
        tids = [biggest]
        if database.execute_sql("SELECT 1 FROM thread WHERE tid = ?", (TID,)).fetchone():
            tids.append(TID)
        for tid in tids:
            bench_store(tid, args.runs)
        bench_window(TID if TID in tids else biggest, args.runs)
        close_library()
    return 0


if __name__ == "__main__":
    sys.exit(main())
