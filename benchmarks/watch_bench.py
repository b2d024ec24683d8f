"""The folder watcher's cost while nothing changes (issue 27): CPU time of an idle window that
watches a year of the archive, against the same window not watching (the baseline), and the
time to list the folders to watch.

The library remembers FOLDER (no import needed: only the folders are watched). Each run
measures the process's CPU seconds over ``--seconds`` of idle event loop. Prints medians and
the ratio to the baseline.

    QT_QPA_PLATFORM=offscreen python benchmarks/watch_bench.py /tmp/w27-day [--seconds 30] [--runs 3]
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer

    from reader.config import resolve_paths
    from reader.store import roots
    from reader.store.db import open_library
    from reader.ui.app import _application
    from reader.ui.mainwindow import MainWindow
    from reader.ui.settings import AppSettings

    home = Path(tempfile.mkdtemp(prefix="w27-watch-"))
    os.environ["S1READER_HOME"] = str(home)
    app = _application()
    paths = resolve_paths().ensure()
    open_library(paths.db)
    roots.remember([args.folder])
    window = MainWindow(paths, AppSettings(paths.config), record_reading=False)
    window.show()
    window.start()

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def idle_cpu() -> float:
        before = time.process_time()
        spin(args.seconds)
        return time.process_time() - before

    spin(3)  # start-up done
    baseline = [idle_cpu() for _ in range(args.runs)]
    flow = window.update_flow
    started = time.monotonic()
    flow.set_watching(True)
    while not flow.watcher.watched:
        spin(0.1)
    listed = time.monotonic() - started
    spin(3)
    watching = [idle_cpu() for _ in range(args.runs)]
    b, w = statistics.median(baseline), statistics.median(watching)
    print(f"folders watched: {flow.watcher.watched}; listed and watched in {listed:.2f} s")
    print(f"idle CPU over {args.seconds:.0f} s: not watching {b:.3f} s (median of {args.runs}), "
          f"watching {w:.3f} s; ratio {w / b if b else float('inf'):.2f}; "
          f"{100 * w / args.seconds:.2f}% of a core")
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
