"""Rows built by the parsing processes reach the writer whole: a ``PostRow`` pickles as its
constructor's arguments (cheaper to unpickle in the writer), every column kept."""

from __future__ import annotations

import dataclasses
import pickle

from reader.store.prepare import PostRow


def test_a_row_comes_back_from_a_parsing_process_with_every_column():
    row = PostRow(floor=7, author="作者", posted_at="2024-01-01 08:00:00", is_op=1, flags=16,
                  editor="编辑者", edited_at="2024-01-02 09:00:00", pid=123456789,
                  body=b"\x28\xb5\x2f\xfd body", tokens="高达 高\x00引用", content_hash="ab12",
                  line=42, quotes=(("甲", "2024-01-01 07:00:00", 1, None),),
                  measure=(3, 2, 1, 100))
    back = pickle.loads(pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == row
    assert [f.name for f in dataclasses.fields(PostRow)] == [
        "floor", "author", "posted_at", "is_op", "flags", "editor", "edited_at", "pid", "body",
        "tokens", "content_hash", "line", "quotes", "measure"]  # the order __reduce__ passes
    bare = PostRow(1, "乙", "2024-01-01 08:00:00", 0, 0, None, None, None, b"", "\x00", "cd", 3, ())
    assert pickle.loads(pickle.dumps(bare)) == bare
