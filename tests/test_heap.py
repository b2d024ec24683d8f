"""Giving freed memory back during an import (store/heap.py)."""

from __future__ import annotations

import sys

import pytest

from reader.store.heap import release_free_memory


def _rss_kib() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))


def test_freed_rows_are_given_back_to_the_system_on_linux():
    if not sys.platform.startswith("linux"):
        pytest.skip("malloc_trim is glibc's (Linux); elsewhere release_free_memory does nothing")
    # rows of the size an import makes (over Python's small-object limit), then nine in ten
    # freed: the heap keeps the holes between the survivors until it is trimmed
    rows = [bytearray(600) for _ in range(200_000)]
    keep = rows[::10]
    del rows
    before = _rss_kib()
    assert release_free_memory() is True
    after = _rss_kib()
    assert before - after > 15_000, (before, after)  # 180,000 freed rows: ~110 MB of holes
    assert len(keep) == 20_000
