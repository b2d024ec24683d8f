"""The program as a process (issue 30 item 8, issue 29): the parsing processes of an import end
with it, also when it is killed, and let go of its output pipes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import REPO, group_processes, write_thread

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux /proc")


def _big_archive(root: Path) -> Path:
    """Four thread files of about 2.5 MiB each: over the 8 MiB that start parsing processes."""
    body = "这是一段用来凑篇幅的正文，没有别的意思。" * 6
    for n in range(4):
        posts = [(f, f"作者{f % 97}", f"2024-1-{1 + f // 1440 % 28} {f // 60 % 24}:{f % 60:02d}", body)
                 for f in range(1, 6001)]
        write_thread(root / "外野" / f"{9500 + n}-01[大楼{n}].md", posts)
    return root


def _wait_for(check, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_killing_an_import_ends_its_parsing_processes_and_frees_its_pipes(tmp_path):
    root = _big_archive(tmp_path / "arch")
    env = dict(os.environ, S1READER_HOME=str(tmp_path / "home"), PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "reader", "import", "--workers", "2", str(root)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    pgid = proc.pid
    try:
        # the forkserver, its workers and the resource tracker are up: more than 3 processes
        assert _wait_for(lambda: len(group_processes(pgid)) >= 4), group_processes(pgid)
        proc.send_signal(signal.SIGKILL)
        # a program reading the import's output (a pipe, a terminal) sees it end
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the killed import's output stays open, held by {group_processes(pgid)}")
        assert _wait_for(lambda: not group_processes(pgid)), (
            f"still running after the import was killed: {group_processes(pgid)}")
    finally:
        for pid, _ in group_processes(pgid):
            os.kill(pid, signal.SIGKILL)
        proc.wait()
