"""A thread's several archive files read as copies of one thread (issue 24): the newest copy
(highest floor, then latest post, then later edit notes) gives the title, board, reachability
and each post's version; older copies add the posts only they hold; the library is the same
whatever the order of the import (A then B, B then A, A and B at once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write_thread

from reader.store import queries
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.models import database

OLD = [(1, "甲", "2023-5-1 10:00", "一楼原文"), (2, "乙", "2023-5-1 10:05", "二楼原文"),
       (3, "丙", "2023-5-2 8:00", "三楼原文")]
EDITED_2 = (2, "乙", "2023-5-1 10:05", " 本帖最后由 乙 于 2023-6-1 9:00 编辑 \n\n二楼改过")
GROWN = [OLD[0], EDITED_2, OLD[2], (4, "丁", "2024-1-3 9:00", "四楼新帖")]


def _library() -> tuple:
    """What a reader sees of the library: every thread with its posts, texts included."""
    threads = []
    for (tid,) in database.execute_sql("SELECT tid FROM thread ORDER BY tid").fetchall():
        t = queries.get_thread(tid)
        posts = tuple(
            (p.floor, p.author, str(p.posted_at),
             "".join(getattr(r, "text", "") for b in p.blocks for r in getattr(b, "runs", ())))
            for p in queries.thread_posts(tid, limit=100))
        threads.append((tid, t.title, t.board, t.reachable, t.post_count, posts))
    return tuple(threads)


def _in_every_order(tmp_path: Path, older: Path, newer: Path) -> tuple:
    """The library after importing ``older`` then ``newer``, the other way round, and both at
    once, each into a new library: asserted identical, returned once, with the conflicts."""
    seen = []
    for n, steps in enumerate(([older, newer], [newer, older], [[older, newer]])):
        open_library(tmp_path / f"lib{n}" / "library.sqlite3")
        try:
            conflicts = []
            for step in steps:
                r = import_paths(step if isinstance(step, list) else [step])
                conflicts.extend(r.conflicts)
                assert r.failed == [] and r.notes == []
            seen.append((_library(), conflicts))
        finally:
            close_library()
    assert seen[0][0] == seen[1][0] == seen[2][0]
    return seen[0][0], [c for _, cs in seen for c in cs]


def _posts(library: tuple) -> dict[int, tuple[str, str]]:
    (_tid, _title, _board, _reachable, _count, posts), = library
    return {floor: (author, text) for floor, author, _when, text in posts}


def test_a_renamed_thread_shows_its_newest_title_whatever_the_order(tmp_path):
    """The forum renamed the thread: a new file beside the old one in the same folder."""
    older = write_thread(tmp_path / "arch" / "外野" / "5001-01[旧标题].md", OLD)
    newer = write_thread(tmp_path / "arch" / "外野" / "5001-01[新标题 第2话].md", GROWN)
    library, conflicts = _in_every_order(tmp_path, older, newer)
    assert conflicts == []
    (tid, title, board, reachable, count, _posts_), = library
    assert (tid, title, board, reachable, count) == (5001, "新标题 第2话", "外野", True, 4)
    assert _posts(library)[2] == ("乙", "二楼改过")


def test_a_rename_with_only_a_later_edit_note_is_told_by_the_edit(tmp_path):
    """The same floors and the same last post: the copy with the later edit note is newer."""
    older = write_thread(tmp_path / "arch" / "外野" / "5001-01[z 旧标题].md", OLD)
    newer = write_thread(tmp_path / "arch" / "外野" / "5001-01[a 新标题].md",
                         [OLD[0], EDITED_2, OLD[2]])
    library, conflicts = _in_every_order(tmp_path, older, newer)
    assert conflicts == [] and library[0][1] == "a 新标题"


def test_a_thread_moved_to_another_board_is_shown_in_its_new_board(tmp_path):
    older = write_thread(tmp_path / "arch" / "游戏区" / "5001-01[标题].md", OLD)
    newer = write_thread(tmp_path / "arch" / "外野" / "5001-01[标题].md", GROWN)
    library, conflicts = _in_every_order(tmp_path, older, newer)
    assert conflicts == [] and library[0][2] == "外野"


def test_a_thread_the_forum_stopped_showing_is_unreachable(tmp_path):
    """A copy in 0无法访问 in the same state as the board's copy: the thread went unreachable."""
    shown = write_thread(tmp_path / "arch" / "外野" / "5001-01[标题].md", OLD)
    gone = write_thread(tmp_path / "arch" / "外野" / "0无法访问" / "5001-01[标题].md", OLD)
    library, conflicts = _in_every_order(tmp_path, shown, gone)
    assert conflicts == []
    assert library[0][1:5] == ("标题", "外野", False, 3)


def test_a_thread_shown_again_after_it_was_unreachable_is_reachable(tmp_path):
    """The 0无法访问 copy is older than the board's copy (it grew since): reachable again."""
    gone = write_thread(tmp_path / "2023" / "外野" / "0无法访问" / "5001-01[标题].md", OLD)
    shown = write_thread(tmp_path / "2024" / "外野" / "5001-01[标题].md", GROWN)
    library, _ = _in_every_order(tmp_path, gone, shown)
    assert library[0][3] is True


def test_the_next_years_archive_gives_the_newest_state_and_the_old_year_its_own_posts(tmp_path):
    """A thread alive at the turn of the year: in both years' archives. Floor 3 was deleted
    on the forum before the 2024 copy: the 2023 copy still adds it."""
    y2023 = write_thread(tmp_path / "2023" / "外野" / "5001-01[二三年的标题].md", OLD)
    y2024 = write_thread(tmp_path / "2024" / "外野" / "5001-01[二四年的标题].md",
                         [OLD[0], EDITED_2, GROWN[3]])
    library, conflicts = _in_every_order(tmp_path, tmp_path / "2023", tmp_path / "2024")
    assert conflicts == [] and y2023.exists() and y2024.exists()
    assert library[0][1] == "二四年的标题"
    assert _posts(library) == {1: ("甲", "一楼原文"), 2: ("乙", "二楼改过"), 3: ("丙", "三楼原文"),
                               4: ("丁", "四楼新帖")}


def test_a_big_threads_folder_is_one_copy_against_its_older_single_file(tmp_path):
    """A thread that grew past one part moves into a folder of parts; the old single file
    stays beside it. Part 01 of the folder is in the same state as the single file but belongs
    to the newer copy, so the folder's title (and its version of floor 2) wins."""
    single = write_thread(tmp_path / "arch" / "外野" / "5001-01[单文件的标题].md",
                          [OLD[0], (2, "乙", "2023-5-1 10:05", "二楼旧版"), OLD[2]])
    folder = tmp_path / "arch" / "外野" / "5001[大楼的标题]"
    write_thread(folder / "5001-01[大楼的标题].md", OLD)
    write_thread(folder / "5001-02[大楼的标题].md", [(1501, "戊", "2024-2-1 1:00", "第二部分")])
    library, conflicts = _in_every_order(tmp_path, single, folder)
    assert conflicts == []
    assert library[0][1] == "大楼的标题" and _posts(library)[2] == ("乙", "二楼原文")


def test_an_author_renamed_between_copies_is_one_post_under_the_newest_name(tmp_path):
    older = write_thread(tmp_path / "2023" / "外野" / "5001-01[标题].md", OLD)
    renamed = [OLD[0], (2, "乙的新名字", "2023-5-1 10:05", "二楼原文"), OLD[2], GROWN[3]]
    newer = write_thread(tmp_path / "2024" / "外野" / "5001-01[标题].md", renamed)
    library, conflicts = _in_every_order(tmp_path, older, newer)
    assert conflicts == []
    assert library[0][4] == 4 and _posts(library)[2] == ("乙的新名字", "二楼原文")


@pytest.mark.parametrize("first", ["a", "b"])
def test_copies_that_really_contradict_are_reported_in_plain_words(tmp_path, first, capsys):
    """Same floors, same last post, no edit note, different text: a real contradiction. One
    copy is kept by its path, the same whatever was imported first, and the CLI says why."""
    from reader.cli import main

    a = write_thread(tmp_path / "a" / "外野" / "5001-01[标题].md", OLD)
    b = write_thread(tmp_path / "b" / "外野" / "5001-01[标题].md",
                     [OLD[0], (2, "乙", "2023-5-1 10:05", "二楼另一个说法"), OLD[2]])
    order = [a, b] if first == "a" else [b, a]
    for path in order:
        assert main(["import", "-q", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "1 conflict" in out
    assert f"{a}:" in err and "floor 2" in err and "nothing tells which is newer" in err
    assert "the same floors, the same last post and no later edit note" in err
    assert main(["show", "5001", "--from", "2", "--limit", "1"]) == 0
    assert "二楼另一个说法" in capsys.readouterr().out


def test_between_copies_in_the_same_state_a_text_wins_over_an_empty_body(tmp_path):
    """As 2185217 in 2024 (moved 手游专楼 → 手游战斗, 60 posts empty in one copy): the reader
    keeps the text, whichever path sorts last; the contradiction is still reported."""
    full = write_thread(tmp_path / "arch" / "a板" / "5001-01[标题].md", OLD)
    emptied = write_thread(tmp_path / "arch" / "z板" / "5001-01[标题].md",
                           [OLD[0], (2, "乙", "2023-5-1 10:05", ""), OLD[2]])
    library, conflicts = _in_every_order(tmp_path, emptied, full)
    assert _posts(library)[2] == ("乙", "二楼原文")
    assert any(c.floors == [2] for c in conflicts) and all(set(c.floors) <= {2} for c in conflicts)


BAN = "提示: 作者被禁止或删除 内容自动屏蔽"


def test_a_ban_notice_never_hides_a_text_another_copy_holds(tmp_path):
    """As 2054146 in 2023 and 2024: bans come and go, so each year's copy hides other posts
    behind the forum's notice. The reader gets every post's text, whichever copy is newer, and
    no conflict: the notice is the forum hiding the text, not another version of it."""
    older = write_thread(tmp_path / "2023" / "游戏区" / "5001-01[标题].md",
                         [OLD[0], (2, "乙", "2023-5-1 10:05", BAN), OLD[2]])
    newer = write_thread(tmp_path / "2024" / "游戏区" / "5001-01[标题].md",
                         [OLD[0], OLD[1], (3, "丙", "2023-5-2 8:00", BAN), GROWN[3]])
    library, conflicts = _in_every_order(tmp_path, older, newer)
    assert conflicts == []
    assert _posts(library) == {1: ("甲", "一楼原文"), 2: ("乙", "二楼原文"), 3: ("丙", "三楼原文"),
                               4: ("丁", "四楼新帖")}
    # copies in the same state: the same, and still no conflict
    same = write_thread(tmp_path / "b" / "游戏区" / "5001-01[标题].md",
                        [OLD[0], OLD[1], (3, "丙", "2023-5-2 8:00", BAN)])
    library, conflicts = _in_every_order(tmp_path / "same", older, same)
    assert conflicts == [] and _posts(library)[3] == ("丙", "三楼原文")
    assert _posts(library)[2] == ("乙", "二楼原文")
