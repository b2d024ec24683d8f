"""Several files holding one thread (issue 18, item 9; issue 24): the newest copy gives the
thread's state, whatever the order of the import; a later edit or a later snapshot wins; copies
in the same state that differ are reported and one is kept by its path, not by the order; ``import
--reread`` restores the versions of the files the user chooses."""

from __future__ import annotations

import json
import sqlite3

from peewee import SqliteDatabase
from support import write_thread

from reader.cli import main
from reader.store import migrations, queries
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.models import database

ORIGINAL = [(1, "甲", "2024-1-2 3:04", "一楼原文"), (2, "乙", "2024-1-2 3:05", "二楼原文"),
            (3, "丙", "2024-1-2 3:06", "三楼原文")]


def _text(tid: int, floor: int) -> str:
    post = queries.thread_posts(tid, from_floor=floor, limit=1)[0]
    return "".join(getattr(r, "text", "") for b in post.blocks for r in getattr(b, "runs", ()))


def _state(tid: int) -> tuple:
    t = queries.get_thread(tid)
    return (t.title, t.board, t.post_count, tuple(_text(tid, f) for f in (1, 2, 3)))


def _two_copies(tmp_path, other_second: str = "二楼被改写", other=None):
    a = write_thread(tmp_path / "a" / "外野" / "5001-01[原标题].md", ORIGINAL)
    b = write_thread(tmp_path / "b" / "游戏区" / "5001-01[别的标题].md",
                     other or [ORIGINAL[0], (2, "乙", "2024-1-2 3:05", other_second), ORIGINAL[2]])
    return a, b


def test_a_copy_in_the_same_state_that_differs_is_reported_and_kept_by_path(library, tmp_path):
    """Same floors, same last post, no edit note, different text: nothing says which is newer;
    the copy whose path sorts last is kept (not the one imported first) and the other reported."""
    a, b = _two_copies(tmp_path)
    import_paths([tmp_path / "a"])
    r = import_paths([tmp_path / "b"])
    assert _state(5001) == ("别的标题", "游戏区", 3, ("一楼原文", "二楼被改写", "三楼原文"))
    assert [c.as_dict() for c in r.conflicts] == [{
        "tid": 5001, "path": str(a), "kept": str(b), "line": 0, "floors": [2],
        "fields": ["title", "board"]}]
    # importing the original again changes nothing and reports nothing: it is what is stored
    r = import_paths([tmp_path / "a"])
    assert (r.skipped, r.conflicts) == (1, [])


def test_the_same_thread_in_two_folders_gives_one_result_whatever_the_order(tmp_path):
    a, b = _two_copies(tmp_path)
    states = []
    for n, order in enumerate(([a, b], [b, a], [tmp_path / "b", tmp_path / "a"])):
        open_library(tmp_path / f"lib{n}" / "library.sqlite3")
        try:
            r = import_paths(order)
            states.append((_state(5001), [(c.path, c.kept, c.floors) for c in r.conflicts]))
        finally:
            close_library()
    assert states[0] == states[1] == states[2]
    # one whole version is kept (the last by path), not a mix of both, and the other reported
    assert states[0][0] == ("别的标题", "游戏区", 3, ("一楼原文", "二楼被改写", "三楼原文"))
    assert [c[:2] for c in states[0][1]] == [(str(a), str(b))]


def test_reread_restores_the_chosen_files(library, tmp_path):
    a, b = _two_copies(tmp_path)
    import_paths([a])
    import_paths([b])
    r = import_paths([b], reread=True)
    assert r.reread and r.conflicts == []
    assert _state(5001) == ("别的标题", "游戏区", 3, ("一楼原文", "二楼被改写", "三楼原文"))
    # a plain import of the original is skipped (unchanged); a reread brings it back
    assert import_paths([a]).skipped == 1
    assert _state(5001)[0] == "别的标题"
    import_paths([tmp_path / "a"], reread=True)
    assert _state(5001) == ("原标题", "外野", 3, ("一楼原文", "二楼原文", "三楼原文"))


def test_a_later_edit_from_another_folder_wins_without_a_conflict(library, tmp_path):
    edited = " 本帖最后由 乙 于 2024-1-3 9:00 编辑 \n\n二楼编辑后"
    a, b = _two_copies(tmp_path, other_second=edited)
    import_paths([a])
    r = import_paths([b])
    assert _text(5001, 2) == "二楼编辑后"
    # the later edit makes b the newer copy: its title and board too
    assert r.conflicts == [] and _state(5001)[:2] == ("别的标题", "游戏区")
    # and the older version, imported after it, does not take it back
    c = write_thread(tmp_path / "c" / "外野" / "5001-01[原标题].md", ORIGINAL)
    r = import_paths([c])
    assert _text(5001, 2) == "二楼编辑后" and r.conflicts == []


def test_a_later_snapshot_elsewhere_updates_and_an_older_one_is_ignored(library, tmp_path):
    rated = "二楼原文\n\n﹍﹍﹍\n\n评分\n\n 参与人数 1战斗力 +1\n\n|昵称|战斗力|理由|\n|----|---|---|\n| 丁| + 1||\n\n查看全部评分"
    newer = [ORIGINAL[0], (2, "乙", "2024-1-2 3:05", rated), ORIGINAL[2], (4, "丁", "2024-1-5 1:00", "四楼")]
    old = write_thread(tmp_path / "2023" / "外野" / "5001-01[原标题].md", ORIGINAL)
    new = write_thread(tmp_path / "2024" / "外野" / "5001-01[改名了].md", newer)
    import_paths([old])
    r = import_paths([new])
    assert r.conflicts == [] and (r.posts_added, r.posts_updated) == (1, 1)
    assert queries.get_thread(5001).title == "改名了"
    rating = queries.thread_posts(5001, from_floor=2, limit=1)[0].blocks
    assert any(type(b).__name__ == "Rating" for b in rating)
    # the older snapshot, imported into another library after the newer one: the same result
    close_library()
    open_library(tmp_path / "other" / "library.sqlite3")
    import_paths([new])
    r = import_paths([old])
    assert r.conflicts == [] and (r.posts_added, r.posts_updated) == (0, 0)
    assert queries.get_thread(5001).title == "改名了"


def test_the_same_file_saved_again_still_updates_in_place(library, tmp_path):
    a, b = _two_copies(tmp_path)
    import_paths([a, b])
    write_thread(a, [ORIGINAL[0], (2, "乙", "2024-1-2 3:05", "二楼改过"), ORIGINAL[2]])
    r = import_paths([a])
    assert (r.posts_updated, _text(5001, 2)) == (1, "二楼改过")
    assert [(c.path, c.floors) for c in r.conflicts] == []


def test_cli_reports_conflicts_in_text_and_json_and_rereads(tmp_path, capsys):
    a, b = _two_copies(tmp_path)
    assert main(["import", "-q", str(tmp_path / "a")]) == 0
    capsys.readouterr()
    assert main(["import", "-q", str(tmp_path / "b")]) == 0
    out, err = capsys.readouterr()
    assert "1 conflict" in out
    assert str(b) in err and str(a) in err and "--reread" in err and "floor 2" in err
    assert "nothing tells which is newer" in err
    assert main(["import", "-q", "--json", str(b)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["conflicts"] == [] and summary["skipped"] == 1
    assert main(["import", "-q", "--json", "--reread", str(a)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["reread"] is True and summary["posts_updated"] == 1
    assert main(["show", "5001", "--from", "2", "--limit", "1"]) == 0
    assert "二楼原文" in capsys.readouterr().out


def test_a_schema7_library_upgrades_and_its_posts_are_attributed_to_their_file(tmp_path):
    """Posts stored before sources were recorded (schema 7) belong to the one file of their
    part: a copy from another folder is then a reported conflict, not a silent overwrite."""
    path = tmp_path / "old.sqlite3"
    a, _b = _two_copies(tmp_path)
    b = write_thread(tmp_path / "0" / "游戏区" / "5001-01[别的标题].md",
                     [ORIGINAL[0], (2, "乙", "2024-1-2 3:05", "二楼被改写"), ORIGINAL[2]])
    old = SqliteDatabase(str(path))
    old.connect()
    migrations.migrate(old, target=7)
    old.execute_sql("INSERT INTO board (id, name) VALUES (1, '外野')")
    old.execute_sql("INSERT INTO thread (tid, title, board_id, reachable, title_from_content, "
                    "post_count, max_floor) VALUES (5001, '原标题', 1, 1, 0, 3, 3)")
    for floor, name, _when, _ in ORIGINAL:  # as an older release stored them
        old.execute_sql("INSERT INTO author (id, name) VALUES (?, ?)", (floor, name))
        old.execute_sql("INSERT INTO post (tid, floor, author_id, posted_at, is_op, flags, body, "
                        "content_hash, source_line) VALUES (5001, ?, ?, ?, 0, 0, x'00', 'old', 1)",
                        (floor, floor, f"2024-01-02 03:0{floor + 3}:00"))
    old.execute_sql("INSERT INTO source_file (path, tid, part, size, mtime_ns, sha1, posts, "
                    "imported_at, parser_version) VALUES (?, 5001, 1, 1, 1, 's', 3, "
                    "'2024-01-01 00:00:00', 1)", (str(a),))
    old.close()
    open_library(path)
    try:
        assert migrations.current_version(database) == migrations.LATEST
        assert database.execute_sql(
            "SELECT id, max_floor FROM source_file").fetchall() == [(1, 3)]
        assert database.execute_sql("SELECT DISTINCT source_id FROM post").fetchall() == [(None,)]
        r = import_paths([b])
        assert [(c.path, c.kept, c.floors) for c in r.conflicts] == [(str(b), str(a), [1, 2, 3])]
        assert database.execute_sql("SELECT DISTINCT content_hash FROM post").fetchall() \
            == [("old",)]
        assert queries.get_thread(5001).title == "原标题"
    finally:
        close_library()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def test_a_moved_archive_or_a_renamed_file_is_the_same_file(library, tmp_path):
    """Moving the archive folder, or the backup renaming a thread's file, is no second copy:
    its later changes (a rating, no edit note) update the posts as before, with no conflict."""
    a = write_thread(tmp_path / "arch" / "外野" / "5001-01[原标题].md", ORIGINAL)
    import_paths([tmp_path / "arch"])
    (tmp_path / "arch").rename(tmp_path / "moved")
    moved = tmp_path / "moved" / "外野" / a.name
    rated = "二楼原文\n\n﹍﹍﹍\n\n评分\n\n 参与人数 1战斗力 +1\n\n|昵称|战斗力|理由|\n|----|---|---|\n| 丁| + 1||\n\n查看全部评分"
    write_thread(moved, [ORIGINAL[0], (2, "乙", "2024-1-2 3:05", rated), ORIGINAL[2]])
    r = import_paths([tmp_path / "moved"])
    assert (r.conflicts, r.posts_updated) == ([], 1)
    renamed = moved.with_name("5001-01[改名了].md")
    moved.rename(renamed)
    write_thread(renamed, ORIGINAL)  # the rating withdrawn
    r = import_paths([renamed])
    assert (r.conflicts, r.posts_updated) == ([], 1)
    assert queries.get_thread(5001).title == "改名了"
    assert [p for (p,) in database.execute_sql("SELECT path FROM source_file")] == [str(renamed)]
