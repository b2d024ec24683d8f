"""The parser on every real thread of ../shared/corpus against counts made without it."""

from __future__ import annotations

import pytest
from support import constructs, corpus_root, files_per_thread, manifest

from reader.parse import distinct_posts, parse_file
from reader.parse.census import COLUMNS, census

pytestmark = pytest.mark.corpus


def test_every_file_parses_with_the_manifest_post_count():
    root = corpus_root()
    rows = manifest()
    assert len(rows) == 107
    wrong = []
    for r in rows:
        tf = parse_file(root / r["path"])
        got = len(distinct_posts(tf.posts))
        if got != int(r["distinct_posts"]) or len(tf.posts) != int(r["floor_lines"]):
            wrong.append((r["path"], got, r["distinct_posts"], len(tf.posts), r["floor_lines"]))
    assert wrong == []


def test_typed_constructs_equal_the_independent_counts_per_thread():
    root = corpus_root()
    expected = constructs()
    mismatches = {}
    for tid, paths in files_per_thread().items():
        posts = []
        for p in paths:
            posts += distinct_posts(parse_file(root / p).posts)
        got = census(posts)
        want = {k: int(expected[tid][k]) for k in COLUMNS}
        if got != want:
            mismatches[tid] = {k: (got[k], want[k]) for k in COLUMNS if got[k] != want[k]}
    assert len(expected) == 82
    assert mismatches == {}


def test_thread_identity_from_paths_of_the_corpus():
    root = corpus_root()
    for r in manifest():
        tf = parse_file(root / r["path"])
        if r["path"].startswith("seed/"):
            assert tf.ref.tid == 2274815 and tf.ref.title_from_content
            assert tf.ref.title == "看日本人对seedance2.0 哈气有感."
            continue
        assert tf.ref.tid == int(r["tid"])
        assert tf.ref.part == int(r["part"])
        assert tf.ref.reachable == ("0无法访问" not in r["path"])
        assert tf.ref.board == r["path"].split("/")[0]
        assert "&amp;" not in tf.ref.title


def _paragraph_lines(blocks):
    from reader.parse.model import Paragraph, Quote

    for b in blocks:
        if isinstance(b, Quote):
            yield from _paragraph_lines(b.blocks)
        elif isinstance(b, Paragraph):
            yield from "".join(getattr(r, "text", "") for r in b.runs).split("\n")


def test_no_attachment_part_or_client_signature_is_left_as_text():
    """Every 下载附件 notice of the corpus is typed with its name and size, whatever its layout
    (5,505 lines: 212 wrote the name on a line of its own and were shown as text with an empty
    notice), and no signature of a client app is a paragraph (685 of the official app were links)."""
    import re

    from reader.parse.model import Attachment, ClientLine, Quote

    parts = re.compile(r"^(?:\(?[^,()]*, 下载次数: \d*\)?|下载附件|点击文件名下载附件|由手机上传|保存到相册|"
                       r"\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2} 上传|\[?\s*-- \S{0,8}来自 .*Stage1.*)$")
    root = corpus_root()
    left: list[tuple[str, int, str]] = []
    attachments = named = official = 0

    def walk(blocks):
        nonlocal attachments, named, official
        for b in blocks:
            if isinstance(b, Quote):
                walk(b.blocks)
            elif isinstance(b, Attachment):
                attachments += 1
                named += b.name is not None and b.size is not None
            elif isinstance(b, ClientLine):
                official += "Stage1官方" in b.client

    for r in manifest():
        for post in parse_file(root / r["path"]).posts:
            walk(post.blocks)
            left += [(r["path"], post.floor, line) for line in _paragraph_lines(post.blocks)
                     if parts.match(line.strip())]
    assert left == []
    assert attachments >= 5_505 and named >= 5_500
    assert official >= 685
