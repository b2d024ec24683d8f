"""Importing from the window: the worker adds threads; a broken file shows a dialog."""

from __future__ import annotations

from pathlib import Path

from conftest import corpus_thread_dir

from reader.store import queries


def _import(window, qtbot, paths):
    with qtbot.waitSignal(window.import_flow.imported, timeout=60_000) as blocker:
        assert window.import_flow.start(paths)
    return blocker.args[0]


def test_import_adds_threads(make_window, qtbot, corpus_dir: Path):
    window = make_window()
    folder = corpus_thread_dir(corpus_dir, 2130813).parent  # a small board folder sibling set
    files = sorted(p for p in folder.glob("*.md"))[:3]
    result = _import(window, qtbot, files)
    assert result.threads == len(files)
    tids = {t.tid for t in queries.list_threads()}
    for f in files:
        assert int(f.name.split("-")[0]) in tids
    assert window.library.source.rowCount() >= 1
    assert not window.banner.isVisibleTo(window)


def test_broken_file_shows_errors(make_window, qtbot, tmp_path: Path, corpus_dir: Path):
    window = make_window()
    broken = tmp_path / "123-01[broken].md"
    broken.write_text("*****\n\n####  someone  \nthis is not a floor line\n\nbody\n", "utf-8")
    good = sorted(corpus_thread_dir(corpus_dir, 2130813).parent.glob("*.md"))[:1]
    result = _import(window, qtbot, [broken, *good])
    assert [f.path for f in result.failed] == [str(broken)]
    dialog = window.import_flow.errors_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == str(broken)
    assert int(dialog.table.item(0, 1).text()) > 0
    # the rest still works
    tid = int(good[0].name.split("-")[0])
    window.open_thread(tid)
    assert window.view.thread_model.rowCount() == queries.get_thread(tid).post_count


def test_a_library_that_cannot_be_opened_is_reported_not_a_traceback(tmp_path, monkeypatch, capsys):

    from reader.ui import app as app_module

    home = tmp_path / "h"
    (home / "data").mkdir(parents=True)
    (home / "data" / "library.sqlite3").write_bytes(b"this is not a database" * 100)
    shown = []
    monkeypatch.setattr(app_module, "plain_message", lambda *a, **k: shown.append(a[3]))
    assert app_module.run_gui(str(home)) == 1
    assert shown and "cannot open its library" in shown[0] and "library.sqlite3" in shown[0]
    assert "cannot open the library" in capsys.readouterr().err


def test_a_conflicting_copy_is_listed_and_its_version_can_be_chosen(make_window, qtbot, tmp_path):
    from support import write_thread

    posts = [(1, "甲", "2024-1-2 3:04", "一楼"), (2, "乙", "2024-1-2 3:05", "二楼原文")]
    # the same floors, the same last post, no edit note: nothing tells which is newer, and the
    # copy whose path sorts last (a's) is kept, whichever came first
    a = write_thread(tmp_path / "b" / "外野" / "5001-01[原标题].md", posts)
    b = write_thread(tmp_path / "a" / "游戏区" / "5001-01[别的标题].md",
                     [posts[0], (2, "乙", "2024-1-2 3:05", "二楼被改写")])
    window = make_window()
    _import(window, qtbot, [a])
    result = _import(window, qtbot, [b])
    assert "1 conflict" in window.statusBar().currentMessage()
    assert queries.get_thread(5001).title == "原标题"
    dialog = window.import_flow.errors_dialog
    assert dialog is not None and dialog.isVisible() and dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == str(b)
    problem = dialog.table.item(0, 2).text()
    assert "2" in problem and str(a) in problem and "title" in problem
    assert not dialog.reread_button.isEnabled()
    dialog.table.selectRow(0)
    with qtbot.waitSignal(window.import_flow.imported, timeout=60_000) as blocker:
        dialog.reread_button.click()
    assert blocker.args[0].reread and result.conflicts
    t = queries.get_thread(5001)
    assert (t.title, t.board) == ("别的标题", "游戏区")
