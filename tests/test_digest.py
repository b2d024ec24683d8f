"""A thread's digest (reader.store.digest) and gallery (reader.media.collect.thread_images): the
figures equal counts made independently from the raw archive text, the per-post figures survive
re-imports and schema upgrades, and the CLI prints them."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from support import corpus_root, files_per_thread, roll_back_schema, write_thread

from reader.cli import main
from reader.media.collect import thread_images
from reader.store import migrations, readstate
from reader.store.db import close_library, open_library
from reader.store.digest import thread_digest
from reader.store.importing import import_paths
from reader.store.models import database

BIG_TID = 2130813

# ---------------------------------------------------------------- the raw text, read by hand

_HEAD = re.compile(r"^####\s+(.*?)\s*\n##### (\d+)#\s+(?:(楼主)\|?\s+)?(?:匿名\s+)?"
                   r"发表于 (\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})\s*$", re.M)
_QUOTE_HEAD = re.compile(r"<blockquote>(?:<a [^>]*>)?(.+?) 发表于 (\d{4})-(\d{1,2})-(\d{1,2}) "
                         r"(\d{1,2}):(\d{2})")
_RATING = re.compile(r"^ 参与人数 (\d+)战斗力 ([+-]?) ?(\d+)\s*$", re.M)
_IMG = re.compile(r'<img [^>]*?src="([^"]+)"')  # the first src of a tag


def _raw_posts(tid: int) -> dict[tuple[int, str, str], dict]:
    """The thread's distinct posts from its files' text: (floor, author, minute) -> header and
    body, the last version in file order winning (as the format says)."""
    root = corpus_root()
    files = sorted((root / p for p in files_per_thread()[str(tid)]), key=lambda f: f.name)
    assert files, f"thread {tid} is not in the corpus"
    posts: dict[tuple[int, str, str], dict] = {}
    for f in files:
        text = f.read_text(encoding="utf-8").lstrip("\ufeff")
        for chunk in re.split(r"^\*{5}$", text, flags=re.M)[1:]:
            m = _HEAD.search(chunk)
            assert m, chunk[:200]
            author, floor, op = m.group(1), int(m.group(2)), bool(m.group(3))
            y, mo, d, h, mi = (int(x) for x in m.groups()[3:])
            at = datetime(y, mo, d, h, mi)
            posts[(floor, author, at.isoformat())] = {
                "floor": floor, "author": author, "at": at, "op": op, "body": chunk[m.end():]}
    return posts


def _outside_quotes(body: str) -> str:
    """The body without its <blockquote> spans (innermost first; an unclosed one runs to the end)."""
    while True:
        stripped = re.sub(r"<blockquote>(?:(?!<blockquote>).)*?</blockquote>", "", body, flags=re.S)
        if stripped == body:
            break
        body = stripped
    return body.split("<blockquote>", 1)[0]


def _expected(raw: dict) -> dict:
    """What the digest must say, counted from the raw posts; posts are named (floor, author)."""
    def key(p: dict) -> tuple[int, str]:
        return (p["floor"], p["author"])

    # ratings: 参与人数 N战斗力 ±S under a post's own text
    ratings = {}
    for p in raw.values():
        m = _RATING.search(_outside_quotes(p["body"]))
        if m:
            ratings[key(p)] = (int(m.group(3)) * (-1 if m.group(2) == "-" else 1), int(m.group(1)))
    # reverse quotes: each quote header names the quoted author and minute; the quoted post is
    # the lowest floor with that author and minute; a post quoting twice counts once
    first_at: dict[tuple[str, datetime], tuple[int, str]] = {}
    for p in sorted(raw.values(), key=lambda p: -p["floor"]):
        first_at[(p["author"], p["at"])] = key(p)
    quoting: dict[tuple[int, str], set] = defaultdict(set)
    for p in raw.values():
        for m in _QUOTE_HEAD.finditer(p["body"]):
            y, mo, d, h, mi = (int(x) for x in m.groups()[1:])
            target = first_at.get((m.group(1).strip(), datetime(y, mo, d, h, mi)))
            if target is not None:
                quoting[target].add(key(p))
    # images in the posts' own text (not in what they quote)
    images = {key(p): len([u for u in _IMG.findall(_outside_quotes(p["body"]))
                           if "/image/smiley/" not in u and "/image/filetype/" not in u])
              for p in raw.values()}
    days = defaultdict(list)
    for p in raw.values():
        days[p["at"].date()].append(p["floor"])
    return {
        "ratings": ratings,
        "quoted": {k: len(by) for k, by in quoting.items()},
        "per_day": {d: (len(floors), min(floors)) for d, floors in days.items()},
        "authors": Counter(p["author"] for p in raw.values()),
        "op": sorted(p["floor"] for p in raw.values() if p["op"]),
        "images": {k: n for k, n in images.items() if n},
    }


def _said(digest) -> dict:
    """The same figures as the digest (asked for every post) gives them."""
    def key(p) -> tuple[int, str]:
        return (p.floor, p.author)

    return {
        "ratings": {key(p): (p.rating, p.raters) for p in digest.most_rated},
        "quoted": {key(p): p.quoted_by for p in digest.most_quoted},
        "per_day": {b.start.date(): (b.posts, b.first_floor) for b in digest.per_day},
        "authors": Counter({a.name: a.posts for a in digest.authors}),
        "op": [p.floor for p in digest.op_posts],
        "images": {key(p): p.images for p in digest.longest_with_images},
    }


@pytest.fixture
def big_library(prepared_library: Path, temp_home: Path):
    import shutil

    db = temp_home / "digest.sqlite3"
    shutil.copy(prepared_library, db)
    open_library(db)
    yield db
    close_library()


# ---------------------------------------------------------------- the corpus thread


def test_the_digest_of_the_big_thread_equals_counts_made_from_its_text(big_library):
    raw = _raw_posts(BIG_TID)
    digest = thread_digest(BIG_TID, limit=100_000)
    assert digest is not None
    assert digest.posts == len(raw) == 30232

    expected, said = _expected(raw), _said(digest)
    for figure in expected:
        assert said[figure] == expected[figure], figure

    # ratings: 参与人数 N战斗力 ±S under a post's own text
    assert len(expected["ratings"]) == 36
    assert digest.rated_posts == 36
    # ranked by the sum of 战斗力, then raters
    ranked = [(p.rating, p.raters) for p in digest.most_rated]
    assert ranked == sorted(ranked, reverse=True)
    assert digest.most_rated[0].floor == 1 and (digest.most_rated[0].rating, digest.most_rated[0].raters) == (7, 6)

    # reverse quotes
    assert digest.quoted_posts == len(expected["quoted"]) == 759
    counts = [p.quoted_by for p in digest.most_quoted]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3

    # posts per day, and the first floor of each day
    assert [b.start for b in digest.per_day] == sorted(b.start for b in digest.per_day)
    assert not digest.hourly and len(digest.per_day) == 64  # one bar a day

    # who talks, and the thread starter
    authors = expected["authors"]
    assert digest.author_count == len(authors)
    top = thread_digest(BIG_TID).authors
    assert [(a.name, a.posts) for a in top] == sorted(authors.items(), key=lambda x: (-x[1], x[0]))[:10]
    assert abs(top[0].share - top[0].posts / len(raw)) < 1e-9
    op = [p for p in raw.values() if p["op"]]
    assert digest.op_post_count == len(op) == 1295
    assert digest.op_name == "walfeds"
    assert [p.floor for p in thread_digest(BIG_TID).op_posts] == sorted(p["floor"] for p in op)[:10]

    # images in the posts' own text (not in what they quote)
    images = expected["images"]
    assert digest.image_count == sum(images.values()) == 632
    assert digest.image_posts == len(images)


# threads with the most ratings (2132622: 50 in 129 posts), images (2126390: 2,661), quotes
# (2075355: 2,505 in 6,375 posts), one filed under 0无法访问 (2155817)
OTHER_TIDS = (2132622, 2126390, 2078006, 2075355, 2155817)


@pytest.fixture(scope="module")
def other_library(tmp_path_factory) -> Path:
    root = corpus_root()
    db = tmp_path_factory.mktemp("digest") / "library.sqlite3"
    open_library(db)
    try:
        files = [root / p for tid in OTHER_TIDS for p in files_per_thread()[str(tid)]]
        assert not import_paths(files).failed
    finally:
        close_library()
    return db


@pytest.mark.parametrize("tid", OTHER_TIDS)
def test_the_digest_of_other_corpus_threads_equals_counts_made_from_their_text(other_library, tid):
    raw = _raw_posts(tid)
    open_library(other_library)
    try:
        digest = thread_digest(tid, limit=100_000)
        expected, said = _expected(raw), _said(digest)
        for figure in expected:
            assert said[figure] == expected[figure], figure
        assert digest.posts == len(raw)
        assert digest.image_count == sum(expected["images"].values()) == len(thread_images(tid))
        assert digest.rated_posts == len(expected["ratings"])
    finally:
        close_library()


def test_the_longest_posts_with_images_are_ranked_by_their_own_text(big_library):
    """Lengths checked against the parser's own reading of the files, not the stored figures."""
    from reader.parse import distinct_posts, parse_file
    from reader.parse.codec import plain_text
    from reader.store.measures import own_images

    lengths = {}
    for f in sorted(corpus_root().glob(f"*/{BIG_TID}[[]*/{BIG_TID}-*.md")):
        for post in distinct_posts(list(parse_file(str(f)).posts)):
            if any(True for _ in own_images(post.blocks)):
                lengths[post.floor] = len(plain_text(post.blocks)[0])
    digest = thread_digest(BIG_TID)
    listed = [(p.floor, p.length) for p in digest.longest_with_images]
    assert len(listed) == 10
    assert listed == sorted(lengths.items(), key=lambda x: (-x[1], x[0]))[:10]
    assert all(p.images > 0 and p.first_line for p in digest.longest_with_images)


def test_the_gallery_lists_every_image_of_the_thread_in_reading_order(big_library):
    raw = _raw_posts(BIG_TID)
    expected = []
    for p in sorted(raw.values(), key=lambda p: p["floor"]):
        expected += [(p["floor"], u.replace("&amp;", "&")) for u in _IMG.findall(_outside_quotes(p["body"]))
                     if "/image/smiley/" not in u and "/image/filetype/" not in u]
    images = thread_images(BIG_TID)
    assert [(i.floor, i.url) for i in images] == expected
    assert all(i.key.startswith("https://") for i in images)


def test_the_reading_position_goes_into_the_digest(big_library):
    assert thread_digest(BIG_TID).read_floor == 0
    readstate.mark_visited(BIG_TID)
    readstate.save_position(BIG_TID, 12000)
    d = thread_digest(BIG_TID)
    assert (d.read_floor, d.seen_max_floor) == (12000, 30232)


def test_digest_and_images_from_the_command_line(big_library, capsys):
    close_library()
    home = big_library.parent
    (home / "data").mkdir(exist_ok=True)
    (home / "data" / "library.sqlite3").write_bytes(big_library.read_bytes())
    assert main(["--home", str(home), "digest", str(BIG_TID), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["posts"] == 30232 and out["image_count"] == 632
    assert out["most_rated"][0]["floor"] == 1 and out["most_rated"][0]["rating"] == 7
    assert out["most_rated"][0]["raters"] == 6
    assert out["most_quoted"][0]["quoted_by"] == 3
    assert sum(d["posts"] for d in out["per_day"]) == 30232
    assert out["per_day"][0] == {"date": "2023-04-25", "posts": out["per_day"][0]["posts"], "first_floor": 1}
    assert out["authors"]["top"][0]["posts"] >= out["authors"]["top"][1]["posts"]
    assert out["op"]["posts"] == 1295
    assert main(["--home", str(home), "images", str(BIG_TID), "--json"]) == 0
    images = json.loads(capsys.readouterr().out)
    assert images["count"] == 632 and len(images["images"]) == 632
    assert images["images"][0]["floor"] >= 1 and images["images"][0]["status"] == "missing"
    # plain text for people
    assert main(["--home", str(home), "digest", str(BIG_TID)]) == 0
    text = capsys.readouterr().out
    assert "30232" in text.replace(",", "") and "walfeds" in text
    assert main(["--home", str(home), "digest", "123"]) == 1
    assert "not in the library" in capsys.readouterr().err


# ---------------------------------------------------------------- small threads


def _thread(tmp_path: Path, rating: str = "") -> Path:
    return write_thread(tmp_path / "外野" / "501-01[晒图楼].md", [
        (1, "楼主甲", "2024-3-1 10:00", "开楼晒图\n\n"
         '<img src="https://img.saraba1st.com/forum/202403/01/a.jpg" referrerpolicy="no-referrer">'),
        (2, "乙", "2024-3-1 11:00", "好看" + rating),
        (3, "丙", "2024-3-1 12:00",
         '<blockquote>楼主甲 发表于 2024-3-1 10:00\n开楼晒图 <img src="https://p.sda1.dev/1/q.png" '
         'referrerpolicy="no-referrer"></blockquote>\n同意'),
        (4, "楼主甲", "2024-3-2 09:00", "第二天"),
    ], op="楼主甲")


RATED = "\n\n﹍﹍﹍\n\n评分\n\n 参与人数 2战斗力 +3\n\n|昵称|战斗力|理由|\n|----|---|---|\n" \
        "| 丙| + 2|好|\n| 丁| + 1||\n\n查看全部评分"


def test_a_short_thread_is_charted_per_hour_and_quoted_images_are_not_its_own(tmp_path):
    open_library(tmp_path / "lib.sqlite3")
    try:
        import_paths([_thread(tmp_path, RATED)])
        d = thread_digest(501)
        assert d.hourly
        assert [(b.start, b.posts, b.first_floor) for b in d.per_hour] == [
            (datetime(2024, 3, 1, 10), 1, 1), (datetime(2024, 3, 1, 11), 1, 2),
            (datetime(2024, 3, 1, 12), 1, 3), (datetime(2024, 3, 2, 9), 1, 4)]
        assert [(b.start.date().day, b.posts) for b in d.per_day] == [(1, 3), (2, 1)]
        assert [(p.floor, p.rating, p.raters) for p in d.most_rated] == [(2, 3, 2)]
        assert [(p.floor, p.quoted_by) for p in d.most_quoted] == [(1, 1)]
        assert [(p.floor, p.images) for p in d.longest_with_images] == [(1, 1)]
        assert d.image_count == 1 and [i.floor for i in thread_images(501)] == [1]
        assert d.op_name == "楼主甲" and [p.floor for p in d.op_posts] == [1, 4]
        assert d.most_rated[0].first_line == "好看"
        assert thread_digest(999) is None
    finally:
        close_library()


def test_a_rating_added_in_a_newer_archive_updates_the_figures(tmp_path):
    open_library(tmp_path / "lib.sqlite3")
    try:
        f = _thread(tmp_path)
        import_paths([f])
        assert thread_digest(501).most_rated == ()
        _thread(tmp_path, RATED)
        result = import_paths([f])
        assert result.posts_updated == 1
        assert [(p.floor, p.rating) for p in thread_digest(501).most_rated] == [(2, 3)]
        # and a post whose image went away in the newer copy leaves the gallery
        text = f.read_text(encoding="utf-8").replace(
            '<img src="https://img.saraba1st.com/forum/202403/01/a.jpg" referrerpolicy="no-referrer">', "")
        f.write_text(text, encoding="utf-8")
        import_paths([f])
        assert thread_images(501) == [] and thread_digest(501).image_count == 0
    finally:
        close_library()


def test_a_schema8_library_gets_the_figures_of_its_stored_posts(tmp_path):
    """Step 9 computes from the stored bodies exactly what the importer writes for new posts."""
    path = tmp_path / "lib.sqlite3"
    open_library(path)
    import_paths([_thread(tmp_path, RATED)])
    written = database.execute_sql("SELECT * FROM post_measure ORDER BY post_id").fetchall()
    assert len(written) == 2
    roll_back_schema(database, 8)  # as a library written before this step
    close_library()
    open_library(path)
    try:
        assert migrations.current_version(database) == migrations.LATEST
        assert database.execute_sql("SELECT * FROM post_measure ORDER BY post_id").fetchall() == written
        assert [(p.floor, p.rating) for p in thread_digest(501).most_rated] == [(2, 3)]
        # the figures go with their posts
        database.execute_sql("DELETE FROM post WHERE tid = 501")
        assert database.execute_sql("SELECT COUNT(*) FROM post_measure").fetchone()[0] == 0
    finally:
        close_library()
