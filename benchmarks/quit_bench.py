"""How long quitting the window takes: from the window's close to the end of the process.

Runs the real program (``run_gui``) in a child process on a library holding one corpus thread,
closes the window a moment after the thread is shown, and measures until the process has
exited. Two cases: offline (nothing in flight) and online against a local picture server that
accepts every request and never answers (stalled downloads in flight at quit). Prints medians
over ``--runs`` runs, and checks that the reading position was saved each time.

    QT_QPA_PLATFORM=offscreen python benchmarks/quit_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
TID = 2130813  # a 30,000-post thread with smileys and pictures
FLOOR = 200

CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer
from reader.ui import app as A
from reader.ui import mainwindow as M

start = M.MainWindow.start

def started(self, *a, **k):
    start(self, *a, **k)

    def close():
        print(f"closing {time.time():.6f}", file=sys.stderr, flush=True)
        self.close()

    QTimer.singleShot(1500, close)  # the thread is shown and its pictures are asked for

M.MainWindow.start = started
sys.exit(A.run_gui(sys.argv[1], thread=int(sys.argv[2]), floor=int(sys.argv[3]), end_process=True))
"""


class StalledServer:
    """Accepts connections and reads requests, never answers (until ``stop``)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.origin = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.conns: list[socket.socket] = []
        self.requests = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            try:
                if conn.recv(65536):
                    self.requests += 1
            except OSError:
                pass

    def stop(self) -> None:
        self.sock.close()
        for c in self.conns:
            c.close()


def prepare(home: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), S1READER_HOME=str(home))
    folder = next(CORPUS.glob(f"*/{TID}[[]*"))
    subprocess.run([sys.executable, "-m", "reader", "import", "-q", str(folder)], env=env,
                   check=True, stdout=subprocess.DEVNULL)


def one_quit(home: Path, origin: str | None) -> tuple[float, int]:
    """Seconds from close to process exit; the saved reading position."""
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    env.pop("S1READER_OFFLINE", None)
    ini = home / "config" / "s1reader.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    if origin:
        env["S1READER_MEDIA_ORIGIN"] = origin
        ini.write_text("[media]\noffline=off\n")
    else:
        ini.write_text("[media]\noffline=on\n")
    con = sqlite3.connect(home / "data" / "library.sqlite3")
    con.execute("DELETE FROM read_state")
    con.commit()
    con.close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(home), str(TID), str(FLOOR)],
                             env=env, stderr=subprocess.PIPE, text=True)
    closing = None
    for line in child.stderr:
        if line.startswith("closing "):
            closing = float(line.split()[1])
            break
    child.stderr.close()
    child.wait(timeout=120)
    ended = time.time()
    if closing is None or child.returncode != 0:
        raise SystemExit(f"the window did not close cleanly (exit {child.returncode})")
    con = sqlite3.connect(home / "data" / "library.sqlite3")
    row = con.execute("SELECT last_floor FROM read_state WHERE tid=?", (TID,)).fetchone()
    con.close()
    return ended - closing, row[0] if row else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"the corpus is not at {CORPUS}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        prepare(home)
        for name, stalled in (("offline, nothing in flight", False),
                              ("online, stalled downloads in flight", True)):
            server = StalledServer() if stalled else None
            times, floors = [], []
            try:
                for _ in range(args.runs):
                    seconds, floor = one_quit(home, server.origin if server else None)
                    times.append(seconds)
                    floors.append(floor)
            finally:
                if server is not None:
                    server.stop()
            asked = f", {server.requests} requests left unanswered" if server else ""
            print(f"quit, {name}: median {statistics.median(times):.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs{asked}); "
                  f"position saved: {all(f >= FLOOR for f in floors)} (floors {sorted(set(floors))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
