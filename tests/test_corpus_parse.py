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
