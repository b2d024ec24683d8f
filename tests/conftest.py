"""Shared test setup: offscreen Qt, a temporary S1READER_HOME per test, the shared corpus, and a
network guard: tests may connect to 127.0.0.1 only, so nothing ever reaches the real forum."""

from __future__ import annotations

import faulthandler
import os
import re
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_LOCAL_NAMES = ("localhost", "::1", "")


def _is_local(host) -> bool:
    return isinstance(host, str) and (host.startswith("127.") or host in _LOCAL_NAMES)


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _check(sock: socket.socket, address) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        raise OSError(f"tests may only connect to 127.0.0.1, not {address[0]!r}")


def _guarded_connect(self, address):
    _check(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    _check(self, address)
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and not _is_local(name):
        raise socket.gaierror(f"tests may only resolve local names, not {name!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
socket.getaddrinfo = _guarded_getaddrinfo

# -- the run as a process: a test that hangs is named and ends the run; no test leaves a process
# behind (a killed import once left its forkserver, two workers and a resource tracker per run)

TEST_TIMEOUT = float(os.environ.get("S1READER_TEST_TIMEOUT", "900"))  # seconds per test
_report = None  # a copy of the real stderr: pytest captures fd 2 while a test runs


def pytest_configure(config) -> None:
    global _report
    _report = os.fdopen(os.dup(sys.__stderr__.fileno()), "w", buffering=1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """A watchdog per test: past ``TEST_TIMEOUT`` it names the test, prints every thread's stack
    and ends the run with status 1 (a run that just stops says nothing). A crash (segfault) is
    reported by pytest's faulthandler with the test's frame in the stack."""
    done = threading.Event()

    def watch() -> None:
        if done.wait(TEST_TIMEOUT):
            return
        _report.write(f"\n\n{item.nodeid}: still running after {TEST_TIMEOUT:.0f} s "
                      "(S1READER_TEST_TIMEOUT); the stacks of its threads:\n")
        faulthandler.dump_traceback(_report, all_threads=True)
        _report.flush()
        os._exit(1)

    threading.Thread(target=watch, name="test-watchdog", daemon=True).start()
    try:
        yield
    finally:
        done.set()


def _own_helpers(pid: int) -> bool:
    """multiprocessing's forkserver and resource tracker of this very process: they end with it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    parent = int(stat[stat.rindex(")") + 2 :].split()[1])
    return parent == os.getpid() and (b"multiprocessing.forkserver" in cmdline
                                      or b"multiprocessing.resource_tracker" in cmdline)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """With ``S1READER_TEST_SHOTS=DIR``, every window and dialog a test leaves on screen is saved
    as ``DIR/<test>-<n>-<class>.png`` right after the test's body (what its asserts saw), to be
    looked at."""
    yield
    shots = os.environ.get("S1READER_TEST_SHOTS")
    if not shots or "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    Path(shots).mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", item.name)
    shown = [w for w in app.topLevelWidgets() if w.isVisible() and w.width() > 50]
    for n, widget in enumerate(shown):
        widget.grab().save(str(Path(shots) / f"{name}-{n}-{type(widget).__name__}.png"))


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    """Fail the run when a test left a process of this run's process group running."""
    if not Path("/proc/self/stat").exists():
        yield
        return
    from support import group_processes

    group = os.getpgid(0)
    before = {pid for pid, _ in group_processes(group)}

    def left() -> list[tuple[int, str]]:
        return [(pid, cmd) for pid, cmd in group_processes(group)
                if pid not in before and pid != os.getpid() and not _own_helpers(pid)]

    yield
    deadline = time.monotonic() + 15  # a killed program's helpers take a moment to end
    while left() and time.monotonic() < deadline:
        time.sleep(0.1)
    leftover = left()
    assert not leftover, "tests left these processes running:\n" + "\n".join(
        f"  {pid} {cmd[:200]}" for pid, cmd in leftover)


REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def temp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("S1READER_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def no_system_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Forum sessions never reach the developer's real keyring or config folder: keyring has no
    backend (so sessions go to the private file) and that file is in the test's folder, outside
    its home. A test that wants a keyring sets one (tests/file_keyring.py)."""
    monkeypatch.setenv("S1READER_SESSION_FILE", str(tmp_path / "session-store" / "forum-session.json"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS_DIR.is_dir():
        message = f"../shared/corpus not found: {CORPUS_DIR}"
        if os.environ.get("S1READER_REQUIRE_CORPUS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return CORPUS_DIR


BIG_TID = 2130813


def corpus_thread_dir(corpus: Path, tid: int) -> Path:
    found = sorted(corpus.glob(f"*/{tid}[[]*")) + sorted(corpus.glob(f"*/0无法访问/{tid}[[]*"))
    if not found:
        found = sorted(corpus.glob(f"**/{tid}-*.md"))
    assert found, f"tid {tid} not in the corpus"
    return found[0]


@pytest.fixture(scope="session")
def prepared_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library DB holding the big thread (tid 2130813) and a quote-heavy one, built once."""
    if not CORPUS_DIR.is_dir():
        message = f"../shared/corpus not found: {CORPUS_DIR}"
        if os.environ.get("S1READER_REQUIRE_CORPUS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from reader.store.db import close_library, open_library
    from reader.store.importing import import_paths

    db = tmp_path_factory.mktemp("library") / "library.sqlite3"
    open_library(db)
    result = import_paths([corpus_thread_dir(CORPUS_DIR, BIG_TID)])
    assert not result.failed
    close_library()
    return db


@pytest.fixture
def library(tmp_path):
    """An empty library, open (store-level tests)."""
    from reader.store.db import close_library, open_library

    db = open_library(tmp_path / "home" / "library.sqlite3")
    yield db
    close_library()


@pytest.fixture
def library_home(prepared_library: Path, temp_home: Path) -> Path:
    """The temporary home with a copy of the prepared library."""
    import shutil

    from reader.config import resolve_paths

    paths = resolve_paths(temp_home).ensure()
    shutil.copy(prepared_library, paths.db)
    return temp_home


@pytest.fixture
def make_window(qtbot):
    """Factory: a shown MainWindow over the temporary home's library (started)."""
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.ui.app import _application
    from reader.ui.mainwindow import MainWindow
    from reader.ui.settings import AppSettings

    def make(tid: int | None = None, floor: int | None = None, start: bool = True):
        _application()
        paths = resolve_paths().ensure()
        open_library(paths.db)
        window = MainWindow(paths, AppSettings(paths.config))
        qtbot.addWidget(window)
        window.resize(1100, 800)
        window.show()
        qtbot.waitExposed(window)
        if start:
            window.start(tid, floor)
            # started: its start-up writes (the demo into an empty library, the visit) are done
            qtbot.waitUntil(lambda: not window.ops.writes_pending(), timeout=30_000)
        return window

    yield make
    from reader.store.db import close_library

    close_library()
