"""How long the window's GUI thread stalls while a reader uses it during a year-sized import.

A 10 ms heartbeat timer runs on the GUI thread; every gap between two beats longer than 10 ms is
a stall (the window could not paint nor take a key for that long). The script opens a copy of a
library home (``--home``, e.g. the 2023 year, copied, never written), starts the import of a
year's folder in the window (``--import``, e.g. /tmp/arch2024) and, while it runs, does what a
reader does: opens a big thread (``--tid``, 2119905: 175k posts in 2023) and scrolls it, adds a
bookmark, types into the library filter, runs find in the thread; then it waits for the import
(``--max-import-s`` cancels it earlier) and for the window to settle.

Printed per phase: the longest stall, the 99th percentile of the beats' gaps, the number of
stalls over 50 ms, and the longest slot (a scripted action that kept the GUI thread from taking
input until it returned: a wait that spins the event loop keeps the heartbeat beating but holds
the keys). The "idle" phase, measured first in the same run, is the anchor: the machine's own
noise. Run it on two checkouts to compare them (copy the script into the other one):

    QT_QPA_PLATFORM=offscreen python benchmarks/stall_bench.py --home /tmp/shared-libs/y2023 \
        --import /tmp/arch2024 --work /tmp/stall-work [--max-import-s 600] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BEAT_MS = 10
STALL_MS = 50


class Heartbeat:
    """Beats every 10 ms on the GUI thread; records each gap under the phase current at its end."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.phase = "idle"
        self.gaps: dict[str, list[float]] = {}
        self.slots: dict[str, list[tuple[str, float]]] = {}
        self.worst: dict[str, tuple[float, str]] = {}
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self.beat)
        self.last = time.perf_counter()

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def beat(self) -> None:
        now = time.perf_counter()
        gap = (now - self.last) * 1000
        self.last = now
        self.gaps.setdefault(self.phase, []).append(gap)
        if gap > self.worst.get(self.phase, (0.0, ""))[0]:
            self.worst[self.phase] = (gap, time.strftime("%H:%M:%S"))

    def set_phase(self, phase: str) -> None:
        """Start a phase; the one that ended is printed at once (a crash keeps what came before)."""
        ended = next((r for r in summary(self) if r["phase"] == self.phase), None)
        if ended is not None:
            print(f"  {ended}", file=sys.stderr, flush=True)
        self.phase = phase
        print(f"  {time.strftime('%H:%M:%S')} {phase}", file=sys.stderr, flush=True)

    def slot(self, name: str, fn, *args) -> None:
        """Run a scripted action as a slot and record how long it held the GUI thread."""
        t = time.perf_counter()
        fn(*args)
        self.slots.setdefault(self.phase, []).append((name, (time.perf_counter() - t) * 1000))


def summary(beat: Heartbeat) -> list[dict]:
    rows = []
    for phase, gaps in beat.gaps.items():
        ordered = sorted(gaps)
        slots = beat.slots.get(phase, [])
        worst_slot = max(slots, key=lambda s: s[1]) if slots else ("", 0.0)
        rows.append({
            "phase": phase, "beats": len(gaps), "max_ms": round(ordered[-1], 1),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 1),
            "median_ms": round(statistics.median(ordered), 1),
            "stalls_over_50ms": sum(1 for g in gaps if g > STALL_MS),
            "longest_slot_ms": round(worst_slot[1], 1), "longest_slot": worst_slot[0],
        })
    return rows


def run(args) -> dict:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.ui.app import _application
    from reader.ui.bookmarkdialog import BookmarkDialog
    from reader.ui.mainwindow import MainWindow
    from reader.ui.settings import AppSettings

    work = Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    t = time.perf_counter()
    shutil.copytree(args.home, work, symlinks=True)
    print(f"copied {args.home} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    os.environ["S1READER_HOME"] = str(work)
    os.environ["S1READER_OFFLINE"] = "1"  # no picture downloads: the network is not measured
    app = _application()
    paths = resolve_paths(str(work)).ensure()
    open_library(paths.db)

    def accept(dialog) -> int:  # the bookmark dialog, answered at once as a reader would
        dialog.note_edit.setPlainText("stall bench")
        return 1

    BookmarkDialog.exec = accept
    beat = Heartbeat()
    window = MainWindow(paths, AppSettings(paths.config))
    window.resize(1280, 860)
    window.show()
    imports = [str(p) for p in sorted(Path(args.import_dir).iterdir())] if args.import_dir else []
    state = {"import_started": None, "import_ended": None, "posts": 0}

    def steps():
        beat.set_phase("idle")
        yield 3000
        beat.set_phase("start")
        beat.slot("start", window.start)
        yield 4000
        if imports:
            beat.set_phase("import start")
            window.import_flow.imported.connect(lambda _r: state.update(import_ended=time.time()))
            beat.slot("import_flow.start", window.import_flow.start, imports)
            state["import_started"] = time.time()
            yield args.import_warmup * 1000
        beat.set_phase("open big thread")
        beat.slot("open_thread", window.open_thread, args.tid)
        yield 3000
        state["posts"] = len(window.view.thread_model.all_ids)
        beat.set_phase("scroll")
        window.view.setFocus()
        for _ in range(20):
            beat.slot("PageDown", QTest.keyClick, window.view, Qt.Key.Key_PageDown)
            yield 100
        total = len(window.view.thread_model.floors)
        for floor in (total // 2, total - 5, 100):
            beat.slot("go to floor", window.jump_to_floor, floor)
            yield 400
            for _ in range(5):
                beat.slot("Down", QTest.keyClick, window.view, Qt.Key.Key_Down)
                yield 60
        beat.set_phase("bookmark")
        window.view.setFocus()
        beat.slot("bookmark", window.userdata_flow.bookmark_current_post)
        yield 3000
        beat.set_phase("library filter")
        box = window.library.filter_box
        box.setFocus()
        for text in ("2", "0", "2", "3"):
            beat.slot("filter key", box.insert, text)
            yield 180
        yield 800
        beat.slot("filter clear", box.clear)
        yield 800
        for text in ("原", "神"):
            beat.slot("filter key", box.insert, text)
            yield 180
        yield 800
        beat.slot("filter clear", box.clear)
        yield 1500
        beat.set_phase("find")
        if window.tid != args.tid:  # the filter opened another thread: back to the big one
            beat.slot("open_thread", window.open_thread, args.tid)
            yield 3000
        beat.slot("find", window.reading.find)
        find_box = window.reading.find_bar.box
        for text in ("哈", "哈"):
            beat.slot("find key", find_box.insert, text)
            yield 300
        yield 1500
        for _ in range(3):
            beat.slot("F3", window.reading.find_next)
            yield 300
        beat.slot("close find", window.reading.find_bar.close_bar)
        yield 1000
        if imports:
            beat.set_phase("import rest")
            deadline = time.time() + max(0, args.max_import_s - (time.time() - state["import_started"]))
            while state["import_ended"] is None and time.time() < deadline:
                yield 500
            if state["import_ended"] is None:
                window.import_flow.cancel()
                while state["import_ended"] is None:
                    yield 200
            beat.set_phase("after import")
            yield 5000
        beat.set_phase("done")

    sequence = steps()

    def step() -> None:
        try:
            delay = next(sequence)
        except StopIteration:
            app.quit()
            return
        QTimer.singleShot(delay, step)

    beat.start()
    QTimer.singleShot(0, step)
    t0 = time.time()
    app.exec()
    rows = summary(beat)
    result = {
        "reader": str(Path(sys.modules["reader"].__file__).parent),
        "tid": args.tid, "posts": state["posts"],
        "import": args.import_dir, "import_files": len(imports),
        "import_seconds": round(state["import_ended"] - state["import_started"], 1)
        if state["import_ended"] and state["import_started"] else None,
        "wall_seconds": round(time.time() - t0, 1), "phases": rows,
    }
    window.close()
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", required=True, help="a library home to copy (read only)")
    ap.add_argument("--import", dest="import_dir", default=None,
                    help="a year's folder to import while reading (omit: no import)")
    ap.add_argument("--tid", type=int, default=2119905, help="the big thread to open")
    ap.add_argument("--work", required=True, help="where the copy goes (deleted first)")
    ap.add_argument("--import-warmup", type=int, default=20,
                    help="seconds the import runs before the reading starts")
    ap.add_argument("--max-import-s", type=float, default=3600,
                    help="cancel the import after this many seconds")
    ap.add_argument("--json", default=None, help="also write the figures here")
    ap.add_argument("--keep", action="store_true", help="keep the copy")
    args = ap.parse_args()
    try:
        result = run(args)
    finally:
        if not args.keep:
            shutil.rmtree(args.work, ignore_errors=True)
    idle = next((r for r in result["phases"] if r["phase"] == "idle"), None)
    print(f"reader: {result['reader']}  thread {result['tid']}: {result['posts']} posts  "
          f"import: {result['import_files']} entries, {result['import_seconds']} s")
    print(f"{'phase':<18}{'beats':>7}{'max ms':>9}{'p99 ms':>9}{'>50ms':>7}{'x idle max':>11}"
          f"{'longest slot ms':>17}  slot")
    for r in result["phases"]:
        ratio = r["max_ms"] / idle["max_ms"] if idle and idle["max_ms"] else float("nan")
        print(f"{r['phase']:<18}{r['beats']:>7}{r['max_ms']:>9.1f}{r['p99_ms']:>9.1f}"
              f"{r['stalls_over_50ms']:>7}{ratio:>11.1f}{r['longest_slot_ms']:>17.1f}  "
              f"{r['longest_slot']}")
    worst = max((r for r in result["phases"] if r["phase"] not in ("idle", "done")),
                key=lambda r: max(r["max_ms"], r["longest_slot_ms"]))
    print(f"longest stall outside idle: {max(worst['max_ms'], worst['longest_slot_ms']):.0f} ms "
          f"({worst['phase']}); goal: none over {STALL_MS} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
