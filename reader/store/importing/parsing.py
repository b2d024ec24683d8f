"""Parsing: files read, hashed and parsed into rows ready to insert, in worker processes.

This is the CPU-heavy half of an import (``prepare.py`` does one file); the writer takes the
files in plan order while a bounded window of the next ones is being parsed, counted in bytes so
that memory stays flat for any archive size and the workers keep parsing small files while the
writer writes. Below ``POOL_MIN_BYTES`` the files are parsed in this process.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from .. import bodies
from ..bodycodec import BodyCodec
from ..prepare import PreparedFile, prepare_file, sample_bodies, storable_path
from .plan import ImportPlan, PlannedFile, ThreadPlan

# files being parsed or parsed and waiting for the writer: up to this many bytes of them (and at
# least two per worker), as parsed rows take about three times the file's size
WINDOW_BYTES = 12 * 1024 * 1024
WINDOW_FILES = 256
WORKER_NICE = 10
# below this many bytes to parse, starting worker processes costs more than it saves
POOL_MIN_BYTES = 8 * 1024 * 1024


def default_workers() -> int:
    """One parsing process per core (the writer shares them; parsing is most of the work)."""
    return max(1, os.cpu_count() or 1)


_worker_codec: BodyCodec | None = None
_worker_files = 0


def _end_with_parent() -> None:
    """Exit this parsing process as soon as the process that started it ends, however it ends.

    A pool's workers wait for work on a pipe that they hold open themselves, so they would wait
    forever after a ``kill -9`` of the import, and with them the forkserver and the resource
    tracker (which wait for the workers), all holding the import's stdout and stderr open. The
    parent's sentinel is a pipe only the parent writes to: it reads as closed once it is gone.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _worker_init(dicts: dict[int, bytes]) -> None:
    global _worker_codec
    _end_with_parent()
    _worker_codec = BodyCodec(dicts)
    # a parsed file is tens of thousands of small acyclic objects (frozen dataclasses, strings):
    # the cyclic collector only re-scans them, 10-20% of a worker's time; collect between files
    gc.disable()
    # the writer is the one process all others wait for: parsing runs at a lower priority, so
    # it takes what the writer leaves of the cores, and the window stays responsive
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICE)


def prepare_one(path: str, sha: str | None, codec: BodyCodec) -> PreparedFile:
    try:
        return prepare_file(path, sha, codec)
    except Exception as e:  # a parser bug must cost one file, not the import
        return PreparedFile(storable_path(path), "failed",
                            message=f"cannot import: {type(e).__name__}: {e}")


def _prepare_in_worker(path: str, sha: str | None) -> PreparedFile:
    global _worker_files
    assert _worker_codec is not None
    _worker_files += 1
    if _worker_files % 32 == 0:
        gc.collect()  # what cycles there are (exception tracebacks) between files
    return prepare_one(path, sha, _worker_codec)


def ensure_body_dictionary(files: Sequence[PlannedFile]) -> None:
    """Give a library without a body dictionary one, learnt from the first files to import."""
    if bodies.codec().dict_id:
        return
    samples: list[str] = []
    for f in files[:200]:
        samples.extend(sample_bodies(str(f.path)))
        if len(samples) >= 5000:
            break
    bodies.ensure_dictionary(samples)


def parse_in_order(files: Sequence[PlannedFile], workers: int | None) -> Iterator[PreparedFile]:
    """Each file of ``files`` parsed, in that order: in worker processes when there is enough
    to parse to pay for starting them, else here."""
    if not files:
        return
    ensure_body_dictionary(files)
    dicts = bodies.codec().dicts
    nbytes = sum(f.size for f in files)
    workers = default_workers() if workers is None else workers
    if workers < 1 or nbytes < POOL_MIN_BYTES or len(files) < 2:
        local = BodyCodec(dicts)
        for f in files:
            yield prepare_one(str(f.path), f.known_sha1, local)
        return
    ctx = multiprocessing.get_context("forkserver" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init,
                             initargs=(dicts,)) as pool:
        window: deque = deque()
        in_flight = 0  # bytes of the files in the window
        it = iter(files)
        try:
            while True:
                while len(window) < workers * 2 or (in_flight < WINDOW_BYTES
                                                    and len(window) < WINDOW_FILES):
                    f = next(it, None)
                    if f is None:
                        break
                    window.append((f, pool.submit(_prepare_in_worker, str(f.path), f.known_sha1)))
                    in_flight += f.size
                if not window:
                    break
                f, fut = window.popleft()
                in_flight -= f.size
                yield fut.result()
        finally:
            for _, fut in window:
                fut.cancel()


def parse_threads(plan: ImportPlan, workers: int | None
                  ) -> Iterator[tuple[ThreadPlan, Iterator[tuple[PlannedFile, PreparedFile]]]]:
    """Each thread of the plan with its files as they are parsed (the window runs ahead across
    threads). A thread's files must be taken before the next thread (like ``groupby``)."""
    numbered = [(i, f) for i, thread in enumerate(plan.threads) for f in thread.files]
    parsed = zip(numbered, parse_in_order([f for _, f in numbered], workers), strict=True)
    for i, group in itertools.groupby(parsed, key=lambda item: item[0][0]):
        yield plan.threads[i], ((f, prepared) for (_, f), prepared in group)
