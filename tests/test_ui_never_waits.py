"""The window never waits (issue 26): no module of ``reader/ui`` spins the event loop or blocks
the GUI thread on the writer or the pool, except the few places listed here with their reason.
A new ``processEvents``, ``write_now``, ``Future.result()``, ``wait_idle``/``waitForDone``,
``QEventLoop``, ``time.sleep`` or ``library_writer().call(...)`` in the window makes this fail:
submit an operation (``reader.ui.operations``) instead."""

from __future__ import annotations

import ast
from pathlib import Path

import reader

UI = Path(reader.__file__).parent / "ui"

# (module, function) -> why it may wait
ALLOWED = {
    ("app.py", "_screenshot"): "--screenshot renders a picture and exits: it waits for the "
                               "start-up writes, the decoded pictures and the digest",
    ("app.py", "__call__"): "the schema upgrade progress repaints before the window exists",
    ("app.py", "_leave"): "after the event loop: an export being written is finished",
    ("operations.py", "finish_writes"): "the one bounded wait at quit, for queued small writes",
    ("worker.py", "_deliver"): "the future is done: result() returns at once",
    ("imagesource.py", "wait_idle"): "for tests and the screenshot only (see the check below)",
    ("gallery.py", "wait_idle"): "for tests and the screenshot only (see the check below)",
}
WAITING_CALLS = {"processEvents", "write_now", "result", "wait_idle", "waitForDone", "sleep",
                 "wait_small", "wait_for_finishing", "exec_loop"}


def _waits(path: Path) -> list[tuple[str, int, str]]:
    """(function, line, what) for each waiting call in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = child.name
            if isinstance(child, ast.Call):
                func = child.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in WAITING_CALLS:
                    found.append((name, child.lineno, called))
                if (called == "call" and isinstance(func, ast.Attribute)
                        and isinstance(func.value, ast.Call)
                        and getattr(func.value.func, "id", "") == "library_writer"):
                    found.append((name, child.lineno, "library_writer().call"))
            if isinstance(child, ast.Name) and child.id == "QEventLoop":
                found.append((name, child.lineno, "QEventLoop"))
            visit(child, name)

    visit(tree, "<module>")
    return found


def test_no_module_of_the_window_waits():
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        rel = path.relative_to(UI).as_posix()
        for function, line, what in _waits(path):
            if (rel, function) not in ALLOWED:
                offenders.append(f"reader/ui/{rel}:{line} {function}: {what}")
    assert offenders == [], ("the window must not wait; submit an operation instead:\n"
                             + "\n".join(offenders))


def test_the_check_sees_a_wait():
    """The check itself: each kind of wait in a slot is found."""
    import tempfile

    source = (
        "def slot(self):\n"
        "    QCoreApplication.processEvents()\n"
        "    write_now(userdata.add_bookmark, 1, 2)\n"
        "    library_writer().submit(fn).result()\n"
        "    library_writer().call(fn)\n"
        "    loop = QEventLoop()\n"
        "    time.sleep(0.1)\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "flow.py"
        path.write_text(source, encoding="utf-8")
        whats = [what for _f, _l, what in _waits(path)]
    assert whats == ["processEvents", "write_now", "result", "library_writer().call",
                     "QEventLoop", "sleep"]


def test_wait_idle_is_only_called_by_the_screenshot():
    callers = []
    for path in sorted(UI.rglob("*.py")):
        rel = path.relative_to(UI).as_posix()
        callers += [(rel, f) for f, _line, what in _waits(path)
                    if what == "wait_idle"]
    assert set(callers) <= {("app.py", "_screenshot")}, callers
