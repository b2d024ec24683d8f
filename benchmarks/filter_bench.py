"""Benchmark author filters on tid 2130813 (30,232 posts): applying "only this author" and
"only OP" to the open thread view (a filter over the same model, no database query) next to a
full reload of the thread in the same run. Prints medians.

    QT_QPA_PLATFORM=offscreen python benchmarks/filter_bench.py [--runs 9] [--db LIB]
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

from gui_bench import TID, prepare  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--db", type=Path, help="a library holding tid 2130813 (default: build one)")
    args = ap.parse_args()
    prepare(args.db or Path(tempfile.mkdtemp(prefix="s1bench-")) / "library.sqlite3")

    from reader.ui.app import _application
    from reader.ui.palette import LIGHT
    from reader.ui.thread.model import PostFilter
    from reader.ui.thread.view import ThreadView

    app = _application()
    view = ThreadView()
    view.resize(1000, 800)
    view.set_colors(LIGHT)
    view.show()
    view.open_thread(TID, 15000)
    app.processEvents()
    model = view.thread_model
    counts = model.author_counts()
    busy, busy_n = counts[0]
    times: dict[str, list[float]] = {"author": [], "only_op": [], "all": [], "reload": []}

    def timed(key: str, fn) -> None:
        t = time.perf_counter()
        fn()
        view.viewport().repaint()
        times[key].append(time.perf_counter() - t)
        app.processEvents()

    for _ in range(args.runs):
        timed("author", lambda: view.set_filter(PostFilter(authors=frozenset([busy]))))
        assert model.rowCount() == busy_n
        timed("all", lambda: view.set_filter(PostFilter()))
        timed("only_op", lambda: view.set_filter(PostFilter(only_op=True)))
        op_rows = model.rowCount()
        timed("all", lambda: view.set_filter(PostFilter()))
        timed("reload", lambda: view.open_thread(TID, 15000))
    print(f"tid {TID}: {len(model.ids)} posts; author {busy!r} has {busy_n} posts, OP {op_rows}; "
          f"medians of {args.runs} runs, ms (filter applied and repainted)")
    for key, label in (("author", "only this author"), ("only_op", "only OP"),
                       ("all", "back to all posts"), ("reload", "full reload of the thread")):
        print(f"{label:28}{statistics.median(times[key]) * 1000:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
