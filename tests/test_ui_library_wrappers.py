"""The library pane leaves no Python wrapper of an item Qt has deleted. Such a wrapper stays in
shiboken's map under its old address; the next Qt object at that address (a post's text layout)
then came back to Python as a QStandardItem, and painting the thread failed now and then
("'QStandardItem' object has no attribute 'draw'")."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication
from ui_library import THREAD_A, small_library


@pytest.fixture
def window(make_window, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    small_library(tmp_path / "arch")
    return make_window(THREAD_A)


def _live_items(model: QStandardItemModel) -> set[int]:
    """The C++ addresses of every item the model holds now, headers included."""
    found: set[int] = set()
    for col in range(model.columnCount()):
        header = model.horizontalHeaderItem(col)
        if header is not None:
            found.add(shiboken6.getCppPointer(header)[0])

    def walk(item: QStandardItem) -> None:
        for row in range(item.rowCount()):
            for col in range(item.columnCount()):
                child = item.child(row, col)
                if child is not None:
                    found.add(shiboken6.getCppPointer(child)[0])
                    walk(child)

    walk(model.invisibleRootItem())
    return found


def test_relisting_the_library_leaves_no_wrapper_of_a_deleted_item(window, qtbot):
    pane = window.library
    before = {id(w) for w in shiboken6.getAllValidWrappers()}  # earlier tests' windows too
    for _ in range(3):  # each listing clears the model and builds it again
        pane.refresh()
        qtbot.waitUntil(lambda: not pane.listing(), timeout=5000)
    gc.collect()
    live: set[int] = set()
    for top in QApplication.topLevelWidgets():
        for model in top.findChildren(QStandardItemModel):
            live |= _live_items(model)
    stale = [w for w in shiboken6.getAllValidWrappers()
             if id(w) not in before and isinstance(w, QStandardItem)
             and not shiboken6.ownedByPython(w) and shiboken6.getCppPointer(w)[0] not in live]
    assert not stale, f"{len(stale)} wrappers of library items Qt has deleted"
