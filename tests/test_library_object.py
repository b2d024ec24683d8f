"""One Library object owns an open library's database, codec, skipped rows and writer, and
closing it (or opening another library) forgets them all: nothing of one library is used for
the next (issue 26, point 4)."""

from __future__ import annotations

import threading

import pytest
from support import write_thread

from reader.store import library, queries, userdata
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.models import database
from reader.store.writer import library_writer


def _thread(root, tid: int, text: str):
    posts = [(n, f"用户{n}", f"2024-2-1 10:{n:02d}", f"{text} 第{n}楼 " * 20) for n in range(1, 30)]
    return write_thread(root / "外野" / f"{tid}-01[{text}].md", posts)


def test_the_open_library_owns_its_codec_rows_and_writer(tmp_path):
    first = open_library(tmp_path / "a" / "library.sqlite3")
    try:
        assert library.current() is first and first.path.name == "library.sqlite3"
        assert not import_paths([_thread(tmp_path / "fa", 701, "甲")], workers=0).failed
        codec = first.codec()
        assert codec is first.codec()  # its dictionaries are read once
        writer = first.writer
        assert library_writer() is writer
        assert writer.submit(lambda: threading.current_thread().name).result(10) == "library-writer"
        first.bad_rows[("bookmark", 1)] = "skipped"
        assert userdata.bad_rows() == ["bookmark 1: skipped"]

        second = open_library(tmp_path / "b" / "library.sqlite3")  # closes the first
        assert first.closed and library.current() is second
        assert first.bad_rows == {} and userdata.bad_rows() == []
        assert not writer._thread.is_alive()  # its writer stopped
        with pytest.raises(RuntimeError):
            writer.submit(lambda: None)
        assert library_writer() is not writer
        assert queries.get_thread(701) is None  # the second file, not the first
        assert second.codec() is not codec
    finally:
        close_library()


def test_closing_writes_what_was_queued_then_forgets_everything(tmp_path):
    opened = open_library(tmp_path / "library.sqlite3")
    assert not import_paths([_thread(tmp_path / "f", 702, "乙")], workers=0).failed
    release = threading.Event()
    started = threading.Event()

    def slow_bookmark():
        started.set()
        release.wait(10)
        return userdata.add_bookmark(702, 3, "关之前")

    future = opened.writer.submit(slow_bookmark)
    assert started.wait(10)
    threading.Timer(0.2, release.set).start()
    close_library()
    assert future.result(0).note == "关之前"  # done before the writer stopped
    assert opened.closed and not library.is_open()
    with pytest.raises(library.LibraryClosed):
        library.current()
    with pytest.raises(library.LibraryClosed):
        library_writer()
    assert database.database is None  # the models are bound to no file
    reopened = open_library(tmp_path / "library.sqlite3")
    try:
        assert reopened is not opened
        assert [b.note for b in userdata.list_bookmarks()] == ["关之前"]
    finally:
        close_library()


def test_each_thread_decodes_with_its_own_codec(tmp_path):
    """zstd's decompressors must not be shared between threads (a body decoded by the window's
    find while the writer's index trigger decoded another came out as "data corruption")."""
    opened = open_library(tmp_path / "library.sqlite3")
    try:
        here = opened.codec()
        assert opened.codec() is here
        there: list = []
        worker = threading.Thread(target=lambda: there.extend([opened.codec(), opened.codec()]))
        worker.start()
        worker.join(10)
        assert there[0] is there[1] and there[0] is not here
        opened.forget_codec()  # a dictionary was added: every thread reads them again
        assert opened.codec() is not here
    finally:
        close_library()
