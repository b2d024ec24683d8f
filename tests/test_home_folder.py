"""The folder for the library (issue 29): a wrong ``--home`` is said in words, not a traceback,
in the command line and in the window; a reading command on a folder without a library says
there is none instead of creating one."""

from __future__ import annotations

import json
import os

import pytest
from support import write_thread

from reader.cli import main
from reader.store.db import close_library


@pytest.fixture(autouse=True)
def _closed():
    yield
    close_library()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_home_that_is_a_file_is_said_not_a_traceback(tmp_path, capsys):
    f = tmp_path / "notes.txt"
    f.write_text("a file")
    for argv in (["--home", str(f), "threads"], ["--home", str(f), "import", str(tmp_path)],
                 ["--home", str(f / "below"), "bookmark", "add", "1", "1"]):
        code, out, err = run(capsys, *argv)
        assert code == 1
        assert "Traceback" not in err
        assert f"{f} is a file, not a folder" in err, err
    code, out, err = run(capsys, "--home", str(f), "stats", "--json")
    assert json.loads(out)["error"]["kind"] == "home"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_home_that_cannot_be_created_is_said(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run(capsys, "--home", str(locked / "lib"), "import", str(tmp_path))
    finally:
        locked.chmod(0o700)
    assert code == 1 and "Traceback" not in err
    assert "no permission" in err and str(locked / "lib") in err


def test_reading_commands_on_a_folder_without_a_library_create_nothing(tmp_path, capsys):
    typo = tmp_path / "mistyped"
    for argv in (["threads"], ["search", "原神"], ["stats"], ["show", "1"], ["digest", "1"],
                 ["bookmark", "list"], ["block", "list"], ["media", "stats"], ["followed"]):
        code, out, err = run(capsys, "--home", str(typo), *argv)
        assert code == 1, argv
        assert f"there is no library in {typo}" in err, (argv, err)
        assert "import" in err
    assert not typo.exists()
    code, out, _ = run(capsys, "--home", str(typo), "threads", "--json")
    assert json.loads(out)["error"]["kind"] == "no_library"


def test_writing_commands_still_make_a_new_library(tmp_path, capsys):
    home = tmp_path / "new"
    write_thread(tmp_path / "arch" / "外野" / "77-01[新库].md", [(1, "甲", "2024-1-1 1:00", "一楼")])
    code, _, err = run(capsys, "--home", str(home), "import", str(tmp_path / "arch"))
    assert code == 0, err
    close_library()
    code, out, _ = run(capsys, "--home", str(home), "threads", "--json")
    assert code == 0 and [t["tid"] for t in json.loads(out)] == [77]


def test_the_window_says_a_home_that_is_a_file(tmp_path, monkeypatch, qapp):
    from reader.ui import app as app_module

    f = tmp_path / "a-file"
    f.write_text("x")
    shown = []
    monkeypatch.setattr(app_module, "plain_message", lambda *a, **k: shown.append(a[3]))
    assert app_module.run_gui(str(f)) == 1
    assert shown and str(f) in shown[0] and "--home" in shown[0]
