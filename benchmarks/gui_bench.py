"""Benchmark the thread view on tid 2130813 (30,232 posts) against one big QTextBrowser.

Measures, offscreen, for both: open → first paint, scroll to the end, jump to floor 15000, and
RSS growth. Prints the median of several runs and the ratio to the baseline.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_bench.py [--runs 5] [--baseline-runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.store import queries  # noqa: E402
from reader.store.db import open_library  # noqa: E402
from reader.store.importing import import_paths  # noqa: E402

TID = 2130813
JUMP_FLOOR = 15000
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576


def prepare(db: Path) -> None:
    open_library(db)
    if queries.get_thread(TID) is None:
        folder = next(CORPUS.glob(f"*/{TID}[[]*"))
        import_paths([folder])


def bench_view(app, runs: int) -> dict[str, list[float]]:
    from reader.ui.palette import LIGHT
    from reader.ui.thread.view import ThreadView

    out: dict[str, list[float]] = {"first_paint": [], "scroll_end": [], "jump": [], "rss": []}
    for _ in range(runs):
        rss0 = rss_mib()
        view = ThreadView()
        view.resize(1000, 800)
        view.set_colors(LIGHT)
        view.show()
        app.processEvents()
        t = time.perf_counter()
        view.open_thread(TID)
        view.viewport().repaint()
        out["first_paint"].append(time.perf_counter() - t)
        app.processEvents()
        t = time.perf_counter()
        view.scroll_to_end()
        view.viewport().repaint()
        out["scroll_end"].append(time.perf_counter() - t)
        app.processEvents()
        t = time.perf_counter()
        view.go_to_floor(JUMP_FLOOR)
        view.viewport().repaint()
        out["jump"].append(time.perf_counter() - t)
        assert view.top_floor() == JUMP_FLOOR, view.top_floor()
        app.processEvents()
        out["rss"].append(rss_mib() - rss0)
        view.close()
        view.deleteLater()
        app.processEvents()
    return out


def bench_jump_warm(app, runs: int) -> list[float]:
    """Jumps between floors already laid out once (the common case while reading)."""
    from reader.ui.palette import LIGHT
    from reader.ui.thread.view import ThreadView

    view = ThreadView()
    view.resize(1000, 800)
    view.set_colors(LIGHT)
    view.show()
    view.open_thread(TID)
    floors = [15000, 2000, 28000, 9000, 15000, 2000, 28000, 9000]
    for f in floors[:4]:
        view.go_to_floor(f)
        view.viewport().repaint()
    times = []
    for f in floors[4:] * max(1, runs // 4):
        t = time.perf_counter()
        view.go_to_floor(f)
        view.viewport().repaint()
        times.append(time.perf_counter() - t)
    view.close()
    return times


def bench_baseline(app, runs: int) -> dict[str, list[float]]:
    from PySide6.QtWidgets import QTextBrowser

    from reader.ui.palette import LIGHT
    from reader.ui.thread.posthtml import PostHtml, clean

    out: dict[str, list[float]] = {"first_paint": [], "scroll_end": [], "jump": [], "rss": []}
    for _ in range(runs):
        rss0 = rss_mib()
        browser = QTextBrowser()
        browser.resize(1000, 800)
        browser.show()
        app.processEvents()
        t = time.perf_counter()
        renderer = PostHtml(LIGHT, browser.font().pointSizeF())
        parts = []
        for p in queries.thread_posts(TID):
            parts.append(f'<a name="f{p.floor}"></a><p><b>{clean(p.author)}</b> #{p.floor} '
                         f"{p.posted_at:%Y-%m-%d %H:%M}</p>{renderer.render(p).html}<hr>")
        browser.setHtml("".join(parts))
        browser.viewport().repaint()
        out["first_paint"].append(time.perf_counter() - t)
        app.processEvents()
        t = time.perf_counter()
        bar = browser.verticalScrollBar()
        bar.setValue(bar.maximum())
        browser.viewport().repaint()
        out["scroll_end"].append(time.perf_counter() - t)
        t = time.perf_counter()
        browser.scrollToAnchor(f"f{JUMP_FLOOR}")
        browser.viewport().repaint()
        out["jump"].append(time.perf_counter() - t)
        app.processEvents()
        out["rss"].append(rss_mib() - rss0)
        browser.close()
        browser.deleteLater()
        app.processEvents()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--baseline-runs", type=int, default=3)
    ap.add_argument("--db", type=Path, help="a library holding tid 2130813 (default: build one)")
    args = ap.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="s1bench-")) / "library.sqlite3"
    prepare(db)

    from reader.ui.app import _application

    app = _application()
    view = bench_view(app, args.runs)
    warm = bench_jump_warm(app, 8)
    base = bench_baseline(app, args.baseline_runs)

    def ms(xs: list[float]) -> float:
        return statistics.median(xs) * 1000

    print(f"tid {TID}: {len(queries.thread_post_ids(TID))} posts; medians of "
          f"{args.runs} runs (view) and {args.baseline_runs} runs (QTextBrowser baseline)")
    print(f"{'':24}{'ThreadView':>12}{'QTextBrowser':>14}{'speed-up':>10}")
    for key, label in (("first_paint", "open → first paint ms"), ("scroll_end", "scroll to end ms"),
                       ("jump", f"jump to {JUMP_FLOOR} ms")):
        a, b = ms(view[key]), ms(base[key])
        print(f"{label:24}{a:12.1f}{b:14.1f}{b / a if a else float('inf'):9.1f}×")
    print(f"{'jump, warm rows ms':24}{ms(warm):12.1f}")
    print(f"{'RSS growth MiB':24}{statistics.median(view['rss']):12.1f}"
          f"{statistics.median(base['rss']):14.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
