"""The thread view's packages keep the import graph one-way: ``reader.ui.thread`` (model,
delegate, view, links, layout cache, reading state) knows nothing of the window or the reading
tools; ``reader.ui.reading`` (the tools) knows nothing of the window; the layers under the UI
never import it; and no module of either package is on an import cycle."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import reader

ROOT = Path(reader.__file__).parent
THREAD = sorted((ROOT / "ui" / "thread").glob("*.py"))
READING = sorted((ROOT / "ui" / "reading").glob("*.py"))


def _name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, top_level_only: bool = False) -> set[str]:
    """The modules a file imports (relative imports resolved), at any depth or top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)  # "from .x import module"
    return out


@pytest.mark.parametrize("path", THREAD + READING, ids=lambda p: _name(p))
def test_every_module_imports(path):
    importlib.import_module(_name(path))


@pytest.mark.parametrize("path", THREAD, ids=lambda p: _name(p))
def test_the_thread_view_knows_nothing_of_the_window_or_the_tools(path):
    bad = {m for m in _imports(path) if m.startswith(("reader.ui.mainwindow",
                                                      "reader.ui.readingtools",
                                                      "reader.ui.reading"))}
    assert not bad, f"{_name(path)} imports {sorted(bad)}"


@pytest.mark.parametrize("path", READING, ids=lambda p: _name(p))
def test_the_reading_tools_know_nothing_of_the_window(path):
    bad = {m for m in _imports(path) if m.startswith(("reader.ui.mainwindow",
                                                      "reader.ui.readingtools"))}
    assert not bad, f"{_name(path)} imports {sorted(bad)}"


def test_lower_layers_never_import_the_ui():
    for layer in ("parse", "store", "media"):
        for path in (ROOT / layer).rglob("*.py"):
            bad = {m for m in _imports(path) if m == "reader.ui" or m.startswith("reader.ui.")}
            assert not bad, f"{_name(path)} imports {sorted(bad)}"


def test_no_thread_view_or_tool_module_is_on_an_import_cycle():
    modules = {_name(p): p for p in ROOT.rglob("*.py")}
    graph = {name: {m for m in _imports(path, top_level_only=True) if m in modules}
             for name, path in modules.items()}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), list(graph[start])
        while todo:
            m = todo.pop()
            if m == goal:
                return True
            if m not in seen:
                seen.add(m)
                todo.extend(graph.get(m, ()))
        return False

    on_cycle = [_name(p) for p in THREAD + READING if reaches(_name(p), _name(p))]
    assert not on_cycle, on_cycle


UI = ROOT / "ui"
FLOWS = ("userdataflow", "searchflow", "mediaflow", "forumflow", "digestflow", "importflow",
         "smileyanimation")


def _ui_module(name: str) -> Path:
    return UI / (name.replace(".", "/") + ".py")


def test_only_the_app_knows_the_main_window():
    """Flows and tools get WindowServices (reader.ui.services), never the window's module."""
    users = sorted(_name(p) for p in UI.rglob("*.py")
                   if "reader.ui.mainwindow" in _imports(p) and p.name not in ("app.py",))
    assert users == ["reader.ui.mainwindow"] or users == [], users


@pytest.mark.parametrize("flow", FLOWS)
def test_flows_reach_the_window_only_through_their_services(flow):
    import re

    text = _ui_module(flow).read_text(encoding="utf-8")
    reaching = re.findall(r"self\.window\b|self\.w\.\w+\.\w+", text)  # e.g. self.w.view.setFocus
    assert reaching == [], f"{flow}: {reaching}"


def test_the_operations_and_services_know_no_flow():
    for name in ("operations", "services", "worker"):
        bad = {m for m in _imports(_ui_module(name)) if m.startswith("reader.ui.")
               and m.split(".")[2] in {*FLOWS, "mainwindow", "librarypane"}}
        assert not bad, f"reader.ui.{name} imports {sorted(bad)}"


def test_the_thread_package_is_on_no_cycle_with_the_rest_of_the_ui():
    """The renderer (posthtml, postpreview) lives in the thread package with the fold rules
    below both (reader.parse.folding): what the package imports from the rest of the UI never
    imports the package back."""
    modules = {_name(p): p for p in ROOT.rglob("*.py")}
    outside = {m for p in THREAD for m in _imports(p)
               if m in modules and m.startswith("reader.ui.") and not m.startswith("reader.ui.thread")}
    for name in sorted(outside):
        seen, todo = set(), [name]
        while todo:
            m = todo.pop()
            if m in seen or m not in modules:
                continue
            seen.add(m)
            assert not m.startswith("reader.ui.thread"), f"{name} leads back into the thread package"
            todo.extend(x for x in _imports(modules[m]) if x in modules)


def test_the_walker_knows_every_node_of_the_body_tree():
    from typing import get_args

    from reader.parse.model import Block, Inline
    from reader.parse.walk import NODE_TYPES

    assert set(NODE_TYPES) == set(get_args(Block)) | set(get_args(Inline))


def test_the_parse_layer_is_pure():
    """reader.parse (the walker and fold rules too) imports nothing of the store, media, UI."""
    for path in (ROOT / "parse").rglob("*.py"):
        bad = {m for m in _imports(path) if m.startswith("reader.")
               and not m.startswith("reader.parse")}
        assert not bad, f"{_name(path)} imports {sorted(bad)}"
