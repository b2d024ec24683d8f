"""Find in thread on the biggest thread of a year library, in the window (offscreen).

For each term: from typing it into the find bar to the first match shown on screen, to every
match counted, and the longest the window went without handling events meanwhile (a frozen
window shows there). Anchors from the same run: opening the thread in the window (to its first
paint) and the old way of finding, reading every post of the thread on the GUI thread (what each
keystroke cost before).

    .venv/bin/python benchmarks/find_bench.py --home COPY_OF_A_YEAR_HOME [--tid 2119905] [--runs 5]

The home is written to (reading position): use a copy (``cp -a``) of the library's home.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TERMS = ["红白", "水星的魔女", "斯莱塔", "的", "gundam", "哈哈哈哈", "xyzzy", "？？？"]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", required=True, help="a COPY of a library home (it is written to)")
    ap.add_argument("--tid", type=int, default=2119905)
    ap.add_argument("--floor", type=int, default=15000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    from reader.config import resolve_paths
    from reader.store.bodies import body_texts
    from reader.store.db import open_library
    from reader.store.models import database
    from reader.ui.app import _application
    from reader.ui.mainwindow import MainWindow
    from reader.ui.settings import AppSettings

    app = _application()
    paths = resolve_paths(args.home).ensure()
    open_library(paths.db)
    window = MainWindow(paths, AppSettings(paths.config), record_reading=False)
    window.resize(1280, 860)
    window.show()
    window.start(args.tid, args.floor)

    def wait(done, limit: float = 120.0) -> tuple[float, float]:
        """Handle events until ``done()``; (seconds, longest gap between two event passes)."""
        t0 = last = time.perf_counter()
        gap = 0.0
        while not done():
            app.processEvents()
            now = time.perf_counter()
            gap, last = max(gap, now - last), now
            if now - t0 > limit:
                raise SystemExit("timed out")
            time.sleep(0.0005)
        return time.perf_counter() - t0, gap

    t_end = time.perf_counter() + 3
    wait(lambda: time.perf_counter() > t_end)  # the library listed, the first paint done

    # anchor 1: opening the thread in the window, to its first paint
    def time_open() -> float:
        painted: list[bool] = []
        window.view.painted.connect(lambda: painted.append(True))
        window.tid = None  # open it again, not a no-op
        t = time.perf_counter()
        window.open_thread(args.tid, args.floor)
        wait(lambda: bool(painted))
        window.view.painted.disconnect()
        return time.perf_counter() - t

    opens = [time_open() for _ in range(args.runs)]
    posts = len(window.view.thread_model.all_ids)
    print(f"thread {args.tid} ({posts:,} posts) at floor {args.floor}; shared, noisy 2-core machine")
    print(f"anchor: open the thread in the window to its first paint: median {ms(statistics.median(opens))} "
          f"(min {ms(min(opens))}, {args.runs} runs)")

    # anchor 2: the old find, every post read on the GUI thread (per keystroke)
    t = time.perf_counter()
    needle = TERMS[0]
    hits = sum(1 for (b,) in database.execute_sql("SELECT body FROM post WHERE tid = ?", (args.tid,))
               if needle in "\n".join(body_texts(b)).lower())
    old = time.perf_counter() - t
    print(f"anchor: the old find (every post read on the GUI thread, once per keystroke): "
          f"{ms(old)} for {needle!r} ({hits} posts)")

    finder = window.reading.finder
    window.reading.find()
    box = window.reading.find_bar.box

    def time_find(term: str) -> tuple[float, float, float, int]:
        """(to the first match painted, to every match counted, longest stall, matches)."""
        box.setText("")
        window.view.go_to_floor(args.floor)
        wait(lambda: True)
        shown: list[bool] = []

        def first_shown() -> bool:
            if finder.current is not None and not shown:
                window.view.repaint()
                shown.append(True)
            return bool(shown) or not finder.searching

        t = time.perf_counter()
        box.setText(term)
        typed = time.perf_counter() - t  # what the keystroke itself cost the GUI thread
        _, gap1 = wait(first_shown)
        first = time.perf_counter() - t if shown else float("nan")
        _, gap2 = wait(lambda: not finder.searching)
        return first, time.perf_counter() - t, max(typed, gap1, gap2), len(finder.found)

    print(f"{'term':<10} {'first match shown':>18} {'x open':>7} {'all counted':>12} {'matches':>8} "
          f"{'longest stall':>14}")
    for term in TERMS:
        firsts, alls, stalls, counts = [], [], [], []
        for _ in range(args.runs):
            first, every, stall, found = time_find(term)
            firsts.append(first)
            alls.append(every)
            stalls.append(stall)
            counts.append(found)
        first = statistics.median(firsts)
        print(f"{term:<10} {ms(first) if first == first else 'no match':>18} "
              f"{(first / statistics.median(opens)) if first == first else 0:>6.2f}x "
              f"{ms(statistics.median(alls)):>12} {counts[0]:>8,} {ms(max(stalls)):>14}")
    window.close()


if __name__ == "__main__":
    main()
