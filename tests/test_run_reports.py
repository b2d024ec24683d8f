"""The test run names what went wrong (issue 29: one run stopped after 318 tests with no summary
and no exit status): a test that hangs is named by the per-test watchdog, with its stack, and the
run ends with status 1; a test that crashes the interpreter is named by faulthandler. Runs pytest
on small test files of its own, with this suite's conftest as a plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def _pytest(tmp_path: Path, source: str, timeout: str = "3") -> subprocess.CompletedProcess:
    (tmp_path / "test_probe.py").write_text(source, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), str(TESTS.parent)]),
               S1READER_TEST_TIMEOUT=timeout, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "conftest", "--rootdir", str(tmp_path), str(tmp_path / "test_probe.py")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def test_a_hanging_test_is_named_with_its_stack_and_the_run_fails(tmp_path):
    run = _pytest(tmp_path, "import time\n\ndef test_that_hangs():\n    time.sleep(600)\n")
    assert run.returncode == 1
    assert "test_probe.py::test_that_hangs: still running after 3 s" in run.stderr
    assert "in test_that_hangs" in run.stderr  # its stack


@pytest.mark.skipif(os.name != "posix", reason="sends SIGSEGV")
def test_a_crashing_test_is_named(tmp_path):
    run = _pytest(tmp_path, "import os, signal\n\ndef test_that_crashes():\n"
                            "    os.kill(os.getpid(), signal.SIGSEGV)\n", timeout="600")
    assert run.returncode != 0
    assert "Segmentation fault" in run.stderr and "in test_that_crashes" in run.stderr
