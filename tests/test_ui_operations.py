"""The window's operations (reader.ui.operations): a write is submitted and never waited for,
its result arrives later on the GUI thread, what it changed is published once to every
subscriber before the success callback, and a failure reaches the failure callback (a busy
library: a message box)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.store.changes import BOOKMARKS, Changed, Changes
from reader.store.db import LibraryBusy
from reader.ui.operations import Operations


@pytest.fixture
def ops(qtbot, library):
    parent = QWidget()
    qtbot.addWidget(parent)
    return Operations(parent)


def test_a_write_runs_later_on_the_writer_and_publishes_its_changes_first(ops, qtbot):
    release = threading.Event()
    events: list = []
    ran_on: list[str] = []

    def write(n: int) -> Changed[int]:
        ran_on.append(threading.current_thread().name)
        assert release.wait(10)
        return Changed(n * 2, Changes.of_user_data(BOOKMARKS, tids=[n]))

    ops.changed.connect(lambda changes, initiator: events.append(("changed", changes, initiator)))
    me = object()
    ops.write(write, 21, success=lambda v: events.append(("success", v)), initiator=me)
    # submitted: the slot goes on at once, nothing delivered yet
    assert events == [] and ops.writes_pending()
    release.set()
    qtbot.waitUntil(lambda: len(events) == 2, timeout=5000)
    assert events == [("changed", Changes.of_user_data(BOOKMARKS, tids=[21]), me),
                      ("success", 42)]
    assert ran_on == ["library-writer"] and not ops.writes_pending()


def test_a_plain_value_publishes_nothing(ops, qtbot):
    published, got = [], []
    ops.changed.connect(lambda *a: published.append(a))
    ops.write(lambda: "value", success=got.append)
    ops.announce(Changes())  # no change: nothing to publish
    qtbot.waitUntil(lambda: got == ["value"], timeout=5000)
    assert published == []
    ops.announce(Changes(media=True))
    assert published == [(Changes(media=True), None)]


def test_failures_reach_the_failure_callback(ops, qtbot):
    errors = []

    def broken():
        raise ValueError("no such bookmark")

    ops.write(broken, failure=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ValueError)


def test_a_busy_library_is_said_in_a_message_box(ops, qtbot):
    def busy():
        raise LibraryBusy(detail="held by the test")

    ops.write(busy)
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                for w in ops.parent().findChildren(QMessageBox)), timeout=5000)
    [box] = ops.parent().findChildren(QMessageBox)
    assert "held by the test" in box.text() and not box.isModal()


def test_reads_and_tasks_run_on_the_pool(ops, qtbot):
    threads = []
    ops.read(lambda a, b: f"{threading.current_thread().name} {a + b}", 1, 2,
             success=threads.append)
    def task(report):
        report("half")
        return Changed("done", Changes.of_threads([3]))

    ops.task(task, report=threads.append, success=threads.append)
    qtbot.waitUntil(lambda: len(threads) == 3, timeout=5000)
    assert "half" in threads and "done" in threads
    [read] = [t for t in threads if t.endswith(" 3")]
    assert not read.startswith("library-writer")


def test_quitting_waits_for_queued_writes_but_only_so_long(ops, qtbot):
    release = threading.Event()
    written = []
    ops.write(lambda: release.wait(10) and written.append(1))
    assert ops.finish_writes(0.2) is False  # still held: the wait ends anyway
    release.set()
    assert ops.finish_writes(10) is True
    assert written == [1]


def test_a_write_whose_dialog_closed_still_publishes_what_it_changed(ops, qtbot):
    from PySide6.QtWidgets import QDialog

    dialog = QDialog(ops.parent())
    published, called = [], []
    ops.changed.connect(lambda changes, _i: published.append(changes))
    release = threading.Event()
    ops.write(lambda: release.wait(10) and Changed(1, Changes.of_user_data(BOOKMARKS)),
              success=called.append, context=dialog)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken_valid(dialog), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: not ops.writes_pending(), timeout=5000)
    assert published == [Changes.of_user_data(BOOKMARKS)] and called == []


def shiboken_valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
