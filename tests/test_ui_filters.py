"""Author filters, block and highlight lists in the thread view."""

from __future__ import annotations

from conftest import BIG_TID, CORPUS_DIR, corpus_thread_dir
from PySide6.QtCore import QPoint
from support import written

from reader.store import operations, userdata


def test_only_author_bar_and_way_back(library_home, make_window, qtbot):
    window = make_window(BIG_TID)
    view, reading = window.view, window.reading
    view.go_to_floor(5000)
    view.scroll_to_row(view.top_row(), 23)
    before = view.position()
    name = view.thread_model.author(view.top_row())
    window.view.delegate.link_activated.emit(f"author:{view.top_row()}")  # click on the author name
    assert reading.filter_bar.isVisibleTo(window)
    assert name in reading.filter_bar.label.text()
    model = view.thread_model
    assert model.rowCount() == sum(1 for a in model.all_authors if a == name)
    assert all(model.author(r) == name for r in range(model.rowCount()))
    reading.filter_bar.back.click()
    assert not reading.filter_bar.isVisibleTo(window)
    assert model.rowCount() == 30232
    assert view.position() == before


def test_only_op_toggle(library_home, make_window, qtbot):
    window = make_window(BIG_TID, 1200)
    view = window.view
    before = view.position()
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(view, "o")
    model = view.thread_model
    assert window.actions["only_op"].isChecked()
    assert model.rowCount() == sum(model.all_op) > 0
    assert window.reading.filter_bar.isVisibleTo(window)
    window.actions["only_op"].trigger()
    assert model.rowCount() == 30232 and view.position() == before


def test_authors_panel_multi_select(library_home, make_window, qtbot):
    from PySide6.QtCore import QItemSelectionModel

    window = make_window(BIG_TID)
    panel = window.reading.authors
    window.actions["authors_panel"].trigger()
    sel = panel.tree.selectionModel()
    names = [panel.proxy.index(r, 0).data() for r in (0, 1)]
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    sel.select(panel.proxy.index(0, 0), flags)
    sel.select(panel.proxy.index(1, 0), flags)
    model = window.view.thread_model
    assert {model.author(r) for r in range(model.rowCount())} == set(names)
    panel.search.setText(names[0][:2])
    assert panel.proxy.rowCount() >= 1


def test_block_collapses_in_two_threads_and_survives_reimport(library_home, make_window, qtbot):
    from reader.store.importing import import_paths
    from reader.store.models import database

    # an author who wrote in two threads of the corpus
    window = make_window(BIG_TID, start=False)
    second = corpus_thread_dir(CORPUS_DIR, 2124485)  # 61 posts, 3 authors also in 2130813
    import_paths([second])
    name = database.execute_sql(
        "SELECT a.name FROM author a JOIN post p ON p.author_id = a.id GROUP BY a.id "
        "HAVING COUNT(DISTINCT p.tid) > 1 ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    name = name[0]
    tids = [r[0] for r in database.execute_sql(
        "SELECT DISTINCT p.tid FROM post p JOIN author a ON a.id = p.author_id WHERE a.name = ?",
        (name,)).fetchall()]
    window.start(BIG_TID)
    view = window.view
    row = next(r for r in range(view.thread_model.rowCount()) if view.thread_model.author(r) == name)
    view.scroll_to_row(row)
    window.reading.block_author(row)  # what the context menu does
    written(qtbot, window)
    assert view.thread_model.collapsed(row) == "block"
    assert view.rowHeight(row) < 80
    import_paths([corpus_thread_dir(CORPUS_DIR, BIG_TID), second])  # re-import
    for tid in tids:
        window.open_thread(tid)
        model = view.thread_model
        rows = [r for r in range(model.rowCount()) if model.author(r) == name]
        assert rows and all(view.thread_model.collapsed(r) == "block" for r in rows)
    view.delegate.link_activated.emit(f"peek:{rows[0]}")  # click to peek
    assert view.thread_model.collapsed(rows[0]) is None
    userdata.unmark_user(name, "block")


def test_highlight_edge_is_drawn(library_home, make_window, qtbot):
    window = make_window(BIG_TID, 100)
    view = window.view
    row = view.top_row()
    name = view.thread_model.author(row)
    # a highlight in another colour than the context menu's, through the window's operations
    window.ops.write(operations.mark_user, name, "highlight", "", "#00c800")
    written(qtbot, window)
    qtbot.wait(10)
    rect = view.visualRect(view.thread_model.index(row))
    img = view.viewport().grab().toImage()
    from reader.ui.thread.delegate import MARGIN_X

    color = img.pixelColor(QPoint(MARGIN_X + 4, rect.top() + max(20, rect.height() // 2)))
    assert (color.red(), color.green(), color.blue()) == (0, 200, 0)
