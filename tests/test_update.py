"""``s1reader update`` (issue 27): the library remembers the folders and files it was imported
from and imports what changed in them (new, grown, renamed files) in one step; a folder that is
gone is reported and its threads kept; files gone from a folder are reported, their posts kept."""

from __future__ import annotations

import json
import shutil

from support import write_thread

from reader.cli import main
from reader.commands.common import EXIT_PARTIAL
from reader.config import resolve_paths
from reader.store import queries, roots
from reader.store.db import close_library, open_library
from reader.store.importing import run_import


def _posts(n: int, start: int = 1, author: str = "甲", text: str = "回复") -> list:
    return [(f, author if f % 2 else "乙", f"2024-1-2 3:{f % 60:02d}", f"{text}{f}")
            for f in range(start, start + n)]


def _archive(root):
    """Two boards with one thread each; returns their files."""
    a = write_thread(root / "外野" / "7001[甲帖]" / "7001-01[甲帖].md", _posts(3), op="甲")
    b = write_thread(root / "游戏区" / "7002[乙帖]" / "7002-01[乙帖].md", _posts(2), op="甲")
    return a, b


def _cli(home, *args) -> tuple[int, dict | list | None]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--home", str(home), *args, "--json"])
    text = out.getvalue()
    return code, (json.loads(text) if text.strip() else None)


def test_an_import_remembers_its_folders_once_and_a_folder_around_them_replaces_them(library, tmp_path):
    arch = tmp_path / "arch"
    a, b = _archive(arch)
    run_import([arch / "外野"])
    run_import([arch / "外野" / "7001[甲帖]"])  # inside a remembered folder: nothing new
    assert [r.path for r in roots.roots()] == [str((arch / "外野").resolve())]
    run_import([arch])  # around it: takes its place
    assert [(r.path, r.is_dir) for r in roots.roots()] == [(str(arch.resolve()), True)]
    single = write_thread(tmp_path / "loose" / "7003-01[单个].md", _posts(1))
    run_import([single])
    assert [(r.path, r.is_dir) for r in roots.roots()] == [
        (str(arch.resolve()), True), (str(single.resolve()), False)]


def test_update_imports_new_grown_and_renamed_files_without_being_told_where(temp_home, tmp_path):
    arch = tmp_path / "arch"
    a, b = _archive(arch)
    code, first = _cli(temp_home, "import", str(arch))
    assert (code, first["posts_added"]) == (0, 5)
    # what a `git pull` does between two imports
    write_thread(a, _posts(3) + _posts(4, start=4), op="甲")  # grown: 4 new posts
    write_thread(arch / "外野" / "7004[新帖]" / "7004-01[新帖].md", _posts(6))  # a new thread
    renamed = b.with_name("7002-01[乙帖改名].md")
    b.rename(renamed)
    write_thread(renamed, _posts(2) + _posts(1, start=3), op="甲")  # renamed and grown by 1
    code, out = _cli(temp_home, "update")
    assert code == 0
    assert (out["threads"], out["posts_added"], out["posts_updated"]) == (3, 11, 0)
    assert out["gone"] == [] and out["vanished_files"] == []  # the renamed file is recognised
    assert [r["path"] for r in out["roots"]] == [str(arch.resolve())]
    counts = {t.tid: t.post_count for t in queries.list_threads()}
    assert counts == {7001: 7, 7002: 3, 7004: 6}
    # nothing changed since: nothing is read
    code, out = _cli(temp_home, "update")
    assert (code, out["threads"], out["posts_added"], out["skipped"]) == (0, 0, 0, 3)


def test_a_folder_that_is_gone_is_reported_and_its_threads_kept(temp_home, tmp_path, capsys):
    drive, clone = tmp_path / "drive", tmp_path / "clone"
    _archive(drive)
    write_thread(clone / "外野" / "7005-01[别处].md", _posts(2))
    assert main(["--home", str(temp_home), "import", str(drive), str(clone), "-q"]) == 0
    shutil.rmtree(drive)  # unplugged
    capsys.readouterr()
    assert main(["--home", str(temp_home), "update", "-q"]) == EXIT_PARTIAL  # partly done
    out, err = capsys.readouterr()
    assert "0 threads, 0 new posts from 1 folder; 1 not found" in out
    assert f"{drive.resolve()}: folder not found" in err and "its threads are kept" in err
    assert {t.tid for t in queries.list_threads()} == {7001, 7002, 7005}
    # forgotten on purpose: no longer reported, threads still kept
    assert main(["--home", str(temp_home), "update", "--forget", str(drive)]) == 0
    assert main(["--home", str(temp_home), "update", "-q"]) == 0
    assert {t.tid for t in queries.list_threads()} == {7001, 7002, 7005}


def test_a_removed_file_is_reported_and_its_posts_kept(temp_home, tmp_path):
    arch = tmp_path / "arch"
    a, b = _archive(arch)
    _cli(temp_home, "import", str(arch))
    b.unlink()
    code, out = _cli(temp_home, "update")
    assert code == 0
    assert out["vanished_files"] == [str(b.resolve())]
    assert queries.get_thread(7002).post_count == 2


def test_update_without_remembered_folders_says_what_to_do(temp_home, capsys):
    # no library at all: update makes none and says how to start one
    assert main(["--home", str(temp_home), "update"]) == 1
    err = capsys.readouterr().err
    assert "there is no library" in err and "import FOLDER" in err
    assert not resolve_paths(temp_home).db.exists()
    # a library that was never given a folder (the demo, a forum fetch): import one once
    open_library(resolve_paths(temp_home).db)
    close_library()
    assert main(["--home", str(temp_home), "update"]) == 1
    assert "import your archive folder once" in capsys.readouterr().err


def _raw_floors(folder) -> dict[int, list[int]]:
    """Floors of each thread counted straight from the archive files (not through the
    library): the independent count the library's figures are compared with."""
    import re

    out: dict[int, list[int]] = {}
    for f in folder.rglob("*.md"):
        tid = int(f.name.split("-")[0])
        out.setdefault(tid, []).extend(
            int(m) for m in re.findall(r"^##### (\d+)#", f.read_text(encoding="utf-8"), re.M))
    return out


def test_threads_unread_lists_opened_threads_with_new_posts_most_first(temp_home, tmp_path):
    from reader.store import readstate
    from reader.store.db import close_library, open_library

    arch = tmp_path / "arch"
    a, b = _archive(arch)
    c = write_thread(arch / "外野" / "7006[没打开]" / "7006-01[没打开].md", _posts(2))
    _cli(temp_home, "import", str(arch))
    from reader.config import resolve_paths

    open_library(resolve_paths(temp_home).db)
    readstate.save_position(7001, 3, 3)  # read to the end
    readstate.save_position(7002, 1, 1)  # read the first post only
    close_library()
    code, out = _cli(temp_home, "threads", "--unread")
    assert [(t["tid"], t["unread"]) for t in out] == [(7002, 1)]
    write_thread(a, _posts(3) + _posts(4, start=4), op="甲")
    write_thread(b, _posts(2) + _posts(1, start=3), op="甲")
    write_thread(c, _posts(5))
    _cli(temp_home, "update")
    code, out = _cli(temp_home, "threads", "--unread")
    raw = _raw_floors(arch)
    read = {7001: 3, 7002: 1}
    expected = sorted(((tid, sum(f > read[tid] for f in raw[tid])) for tid in read),
                      key=lambda x: -x[1])
    assert [(t["tid"], t["unread"]) for t in out] == expected == [(7001, 4), (7002, 2)]
    assert [t["first_unread_floor"] for t in out] == [4, 2]
    assert 7006 not in {t["tid"] for t in out}  # never opened: a new thread, not new replies
