"""User data that cannot break the program (issue 18, items 3 and 4): a backup is validated field
by field and refused as a whole with one message; a damaged stored row is skipped and reported,
never fatal; a catastrophic keyword regex is refused and, if stored anyway, time-boxed."""

from __future__ import annotations

import json
import time

import pytest
from support import write_thread

from reader.cli import main
from reader.store import userdata
from reader.store.db import close_library
from reader.store.models import database

GOOD_BOOKMARK = {"tid": 6, "pid": None, "floor": 2, "author": "乙", "posted_at": "2024-01-01 01:01:00",
                 "note": "n", "tags": "x", "created_at": "2024-02-01 00:00:00"}
GOOD_RULE = {"pattern": "原神", "is_regex": False, "target": "post", "action": "hide", "note": "",
             "created_at": "2024-02-01 00:00:00", "expires_at": None}


def _backup(**sections) -> dict:
    data = {"format": "s1reader-userdata", "version": 1, "bookmarks": [GOOD_BOOKMARK],
            "user_marks": [], "filter_rules": [GOOD_RULE], "read_state": []}
    data.update(sections)
    return data


BAD = {
    "rule_bad_regex": _backup(filter_rules=[dict(GOOD_RULE, pattern="(", is_regex=True)]),
    "rule_expires_soon": _backup(filter_rules=[dict(GOOD_RULE, expires_at="soon")]),
    "mark_expires_soon": _backup(user_marks=[{"name": "丙", "kind": "block", "note": "",
                                              "color": None, "expires_at": "soon"}]),
    "bookmark_tid_text": _backup(bookmarks=[dict(GOOD_BOOKMARK, tid="abc")]),
    "bookmark_posted_garbage": _backup(bookmarks=[dict(GOOD_BOOKMARK, posted_at="garbage")]),
    "bookmark_tid_huge": _backup(bookmarks=[dict(GOOD_BOOKMARK, tid=2**70)]),
    "bookmark_author_list": _backup(bookmarks=[dict(GOOD_BOOKMARK, author=["a", "b"])]),
    "read_state_float": _backup(read_state=[{"tid": 6, "last_floor": 1.5}]),
    "version_text": dict(_backup(), version="2"),
    "sections_not_list": _backup(bookmarks={"tid": 6}),
    "catastrophic_regex": _backup(filter_rules=[dict(GOOD_RULE, pattern="(a+)+$", is_regex=True)]),
}


@pytest.fixture
def library(tmp_path, capsys):
    f = write_thread(tmp_path / "arch" / "外野" / "6-01[备份].md",
                     [(1, "甲", "2024-1-1 1:00", "a" * 30 + "!"), (2, "乙", "2024-1-1 1:01", "b")])
    assert main(["import", "-q", str(f)]) == 0
    capsys.readouterr()
    yield tmp_path
    close_library()


def _run(capsys, *argv) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_backup_is_refused_whole_with_one_message(library, capsys, case):
    path = library / "bad.json"
    path.write_text(json.dumps(BAD[case]), encoding="utf-8")
    rc, out, err = _run(capsys, "userdata", "import", str(path))
    assert rc == 1
    assert "Traceback" not in err and "nothing was imported" in err.lower()
    assert err.count("\n") == 1  # one line
    # nothing written, and everything still works
    for argv in (["bookmark", "list", "--json"], ["rule", "list", "--json"], ["block", "list", "--json"]):
        rc, out, err = _run(capsys, *argv)
        assert rc == 0 and json.loads(out) == [], (argv, err)


def test_deeply_nested_backup_is_refused(library, capsys):
    path = library / "deep.json"
    path.write_text('{"format": "s1reader-userdata", "version": 1, "bookmarks": '
                    + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    rc, out, err = _run(capsys, "userdata", "import", str(path))
    assert rc == 1 and "Traceback" not in err and "not a readable s1reader backup" in err


def test_good_backup_imports(library, capsys):
    path = library / "good.json"
    path.write_text(json.dumps(_backup()), encoding="utf-8")
    rc, out, err = _run(capsys, "userdata", "import", str(path))
    assert rc == 0, err
    rc, out, err = _run(capsys, "bookmark", "list", "--json")
    [b] = json.loads(out)
    assert (b["tid"], b["floor"], b["missing"]) == (6, 2, False)


def test_damaged_stored_rows_are_skipped_reported_and_kept(library, capsys):
    """Rows written by an older version (or a hand-edited file) never brick the library."""
    assert main(["bookmark", "add", "6", "2", "--note", "好"]) == 0
    with database.atomic():
        q = database.execute_sql
        q("INSERT INTO bookmark (tid, pid, floor, author, posted_at, note, tags, created_at) "
          "VALUES (6, NULL, 1, '甲', 'garbage', '', '', '2024-01-01 00:00:00')")
        q("INSERT INTO filter_rule (pattern, is_regex, target, action, note, created_at, expires_at) "
          "VALUES ('(', 1, 'post', 'hide', '', '2024-01-01 00:00:00', NULL)")
        q("INSERT INTO filter_rule (pattern, is_regex, target, action, note, created_at, expires_at) "
          "VALUES ('b', 0, 'post', 'collapse', '', '2024-01-01 00:00:00', 'soon')")
        q("INSERT INTO user_mark (name, kind, note, color, created_at, expires_at) "
          "VALUES ('丙', 'block', '', NULL, '2024-01-01 00:00:00', 'soon')")
    capsys.readouterr()
    rc, out, err = _run(capsys, "bookmark", "list", "--json")
    assert rc == 0 and [b["note"] for b in json.loads(out)] == ["好"]
    assert "warning: bookmark" in err and "Traceback" not in err
    for argv in (["rule", "list", "--json"], ["block", "list", "--json"]):
        rc, out, err = _run(capsys, *argv)
        assert rc == 0 and json.loads(out) == [] and "warning:" in err, argv
    from reader.store.postmarks import UserMarks  # what the window loads at start and per thread

    marks = UserMarks.load(6)
    assert marks.hidden_posts == set()
    backup = library / "backup.json"
    rc, out, err = _run(capsys, "userdata", "export", str(backup), "--json")
    assert rc == 0 and json.loads(out)["skipped_damaged"] == 4
    rc, out, err = _run(capsys, "userdata", "import", str(backup))
    assert rc == 0, err  # the backup of a damaged library imports again
    # the damaged rows are still in the file: skipped, never deleted
    assert database.execute_sql("SELECT COUNT(*) FROM filter_rule").fetchone()[0] == 2


def test_catastrophic_regex_rule_is_refused(library, capsys):
    rc, out, err = _run(capsys, "rule", "add", "(a+)+$", "--regex")
    assert rc == 1 and "repeats a group" in err and "Traceback" not in err
    assert userdata.list_rules() == []


def test_stored_catastrophic_regex_is_time_boxed(library, capsys):
    """A rule stored before the check (or one the check misses) cannot hang the window."""
    with database.atomic():
        for pattern in ("(a+)+$", "(a|aa)+$"):
            database.execute_sql(
                "INSERT INTO filter_rule (pattern, is_regex, target, action, note, created_at) "
                "VALUES (?, 1, 'post', 'hide', '', '2024-01-01 00:00:00')", (pattern,))
            database.execute_sql(
                "INSERT INTO filter_rule (pattern, is_regex, target, action, note, created_at) "
                "VALUES (?, 1, 'title', 'hide', '', '2024-01-01 00:00:00')", (pattern,))
    from reader.store.postmarks import UserMarks

    started = time.monotonic()
    marks = UserMarks.load(6)
    assert time.monotonic() - started < 3
    assert "(a|aa)+$" in marks.too_slow
    rule = next(r for r in userdata.list_rules("title") if r.pattern == "(a+)+$")
    started = time.monotonic()
    assert rule.matches("a" * 30 + "!") is False
    assert rule.matches("aaa") is True
    assert time.monotonic() - started < 3


def test_a_damaged_reading_position_does_not_break_opening_the_thread(library):
    from reader.store import readstate

    with database.atomic():
        database.execute_sql("INSERT INTO read_state (tid, last_floor, seen_max_floor, visited_at) "
                             "VALUES (6, 'abc', 'x', 'garbage')")
    position = readstate.get_position(6)
    assert (position.last_floor, position.seen_max_floor, position.visited_at) == (0, 0, None)
    assert readstate.mark_visited(6) is not None
    readstate.save_position(6, 2)
    assert readstate.get_position(6).last_floor == 2
