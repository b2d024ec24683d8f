"""Find in thread, in the store: the posts holding a string, reported from the reader's place on,
exactly those an independent reading of every post finds, also when the thread's posts are stored
in runs between other threads' posts."""

from __future__ import annotations

from support import write_thread

from reader.parse.codec import plain_text
from reader.store import queries
from reader.store.importing import import_paths
from reader.store.threadfind import find_posts


def _found(text, order, start, cancel_after=None):
    batches: list[list[int]] = []
    done = find_posts(text, order, start, batches.append,
                      (lambda: len(batches) >= cancel_after) if cancel_after else (lambda: False))
    return done, batches


def test_matches_in_a_thread_stored_between_other_threads(library, tmp_path):
    a = tmp_path / "外野" / "501-01[甲楼].md"
    b = tmp_path / "外野" / "502-01[乙楼].md"
    posts_a = [(n, f"甲{n % 4}", f"2024-1-1 {n // 60}:{n % 60:02d}",
                ("说到Dota2和冰蛙，" if n % 7 == 0 else "别的话，") + ("？？" if n % 11 == 0 else "") + f"第{n}楼")
               for n in range(1, 300)]
    write_thread(a, posts_a[:150])
    import_paths([a])
    write_thread(b, [(n, "乙", f"2024-1-2 1:{n:02d}", "乙楼也说冰蛙和dota2") for n in range(1, 50)])
    import_paths([b])
    write_thread(a, posts_a)  # the thread grows after the other one was stored
    import_paths([a])
    order = queries.thread_post_ids(501)
    assert len(order) == 299
    texts = {p.id: "\n".join(plain_text(p.blocks)).lower() for p in queries.load_posts(order)}
    for text in ("冰蛙", "冰蛙，第", "dota", "ota2", "DOTA2和", "？？", "第1", "nothing"):
        truth = [i for i, pid in enumerate(order) if text.lower() in texts[pid]]
        done, batches = _found(text, order, 120)
        got = [i for batch in batches for i in batch]
        assert done and sorted(got) == truth, text
        # from the reader's place on first, then from the top
        after = [i for i in truth if i >= 120]
        assert got[: len(after)] == after, text


def test_a_cancelled_search_stops(library, tmp_path):
    f = write_thread(tmp_path / "外野" / "503-01[长].md",
                     [(n, "甲", f"2024-1-1 {n // 60 % 24}:{n % 60:02d}", f"冰蛙 {n}") for n in range(1, 3000)])
    import_paths([f])
    order = queries.thread_post_ids(503)
    done, batches = _found("冰蛙", order, 0, cancel_after=1)
    assert not done and len(batches) == 1 and len(batches[0]) < len(order)
