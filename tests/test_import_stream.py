"""A new thread in many files is written part by part as its files arrive: the library ends up
exactly as when the thread is written at once (posts, versions, quote links, title, figures,
search), whatever the order of the paths, and a broken file costs only itself."""

from __future__ import annotations

import pytest
from support import write_thread

from reader.store import search
from reader.store.bodies import body_texts
from reader.store.db import close_library, open_library
from reader.store.importing import import_paths
from reader.store.importing import jobs as jobs_module
from reader.store.importing import plan as plan_module
from reader.store.models import database

TID = 6100
PARTS = 11  # names 6100-1 … 6100-11: path order 1, 10, 11, 2, … (not the part order)


def _write_archive(root, broken_part: int | None = None):
    folder = root / "外野"
    floor = 0
    for part in range(1, PARTS + 1):
        posts = []
        if part > 1:  # each part repeats the last post of the one before, edited
            posts.append((floor, f"作者{floor % 5}", f"2024-1-{1 + floor // 50} 08:{floor % 60:02d}",
                          f"第{floor}楼（修改后）"))
        for _ in range(6):
            floor += 1
            when = f"2024-1-{1 + floor // 50} 08:{floor % 60:02d}"
            body = f"第{floor}楼 高达 {part}"
            if floor > 3 and floor % 4 == 0:  # quotes a post three floors up (maybe another part)
                q = floor - 3
                body = (f"<blockquote>作者{q % 5} 发表于 2024-1-{1 + q // 50} 08:{q % 60:02d}\n"
                        f"第{q}楼</blockquote>\n\n{body}")
            posts.append((floor, "楼主" if floor == 1 else f"作者{floor % 5}", when, body))
        title = "大楼" if part != PARTS else "大楼（完结）"
        path = folder / f"{TID}-{part}[{title}].md"
        write_thread(path, posts, op="楼主")
        if part == broken_part:
            path.write_bytes("\n*****\n\n####  坏\n".encode("gbk") + b"\xff\xfe bad")
    return root


def _library_state():
    q = database.execute_sql
    posts = q("SELECT p.floor, a.name, p.posted_at, p.is_op, p.body, p.content_hash, s.path "
              "FROM post p JOIN author a ON a.id = p.author_id "
              "LEFT JOIN source_file s ON s.id = p.source_id ORDER BY 1, 2, 3").fetchall()
    # the own text of each body, decoded while the library (and its codec) is open
    posts = [(*row, body_texts(row[4])[0]) for row in posts]
    links = q("SELECT p.floor, l.ordinal, l.quoted_author, l.quoted_at, t.floor FROM quote_link l "
              "JOIN post p ON p.id = l.post_id LEFT JOIN post t ON t.id = l.target_id "
              "ORDER BY 1, 2").fetchall()
    thread = q("SELECT tid, title, reachable, title_from_content, post_count, max_floor, "
               "first_post_at, last_post_at FROM thread").fetchall()
    measures = q("SELECT p.floor, m.rating, m.images, m.length FROM post_measure m "
                 "JOIN post p ON p.id = m.post_id ORDER BY 1").fetchall()
    files = q("SELECT path, part, posts, max_floor FROM source_file ORDER BY path").fetchall()
    found = search.search("高达", limit=100).total
    # an edited post repeated in the next part is found by its new text only, once
    edited = sorted(h.floor for h in search.search("修改后", limit=100).hits)
    return posts, links, thread, measures, files, found, edited


def _import(root, tmp_path, name, monkeypatch, stream: bool):
    monkeypatch.setattr(plan_module, "STREAM_MIN_FILES", 8 if stream else 10**9)
    started = []
    real = jobs_module.PartByPart.__init__

    def counting(self, plan, ctx):  # the real job, counted: the test must take the path it tests
        started.append(plan.tid)
        real(self, plan, ctx)

    monkeypatch.setattr(jobs_module.PartByPart, "__init__", counting)
    open_library(tmp_path / name / "library.sqlite3")
    try:
        result = import_paths([root])
        assert started == ([TID] if stream else [])
        return result, _library_state()
    finally:
        close_library()


@pytest.mark.parametrize("broken_part", [None, 5])
def test_a_thread_written_part_by_part_equals_one_written_at_once(tmp_path, monkeypatch,
                                                                  broken_part):
    root = _write_archive(tmp_path / "archive", broken_part)
    streamed, got = _import(root, tmp_path, "streamed", monkeypatch, stream=True)
    at_once, want = _import(root, tmp_path, "at_once", monkeypatch, stream=False)
    assert got == want
    posts, links, thread, *_ = got
    # a broken part loses its six posts, but the next part repeats its last one
    expected_posts = PARTS * 6 - (5 if broken_part else 0)
    assert len(posts) == expected_posts
    assert (streamed.posts_added, streamed.posts_updated, streamed.threads) == \
        (at_once.posts_added, at_once.posts_updated, at_once.threads) == (expected_posts, 0, 1)
    assert [f.path for f in streamed.failed] == [f.path for f in at_once.failed]
    assert len(streamed.failed) == (1 if broken_part else 0)
    # the later part's version of a repeated post is kept; quotes point at their posts
    by_floor = {p[0]: p for p in posts}
    assert "修改后" in by_floor[6][-1]
    assert got[-1] == [6 * part for part in range(1, PARTS) if part + 1 != broken_part]
    assert got[-2] == expected_posts - len(got[-1])  # the edited versions lost the word 高达
    assert any(target is not None for *_, target in links)
    assert thread[0][1] == "大楼（完结）"


def test_a_thread_already_stored_is_not_streamed_and_grows_as_before(tmp_path, monkeypatch):
    root = _write_archive(tmp_path / "archive")
    first = sorted((root / "外野").iterdir())
    moved = tmp_path / "later"
    moved.mkdir()
    for f in first[len(first) // 2:]:  # the first import has half the files
        f.rename(moved / f.name)
    monkeypatch.setattr(plan_module, "STREAM_MIN_FILES", 2)
    open_library(tmp_path / "lib" / "library.sqlite3")
    try:
        import_paths([root])
        for f in moved.iterdir():
            f.rename(root / "外野" / f.name)
        result = import_paths([root])
        assert not result.failed and not result.conflicts
        assert database.execute_sql("SELECT COUNT(*) FROM post").fetchone()[0] == PARTS * 6
    finally:
        close_library()
