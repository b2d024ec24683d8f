"""The search index during an import: the index rows of a batch of threads are written together
at its commit (FTS5 would otherwise cut a segment at every thread's savepoint), so a thread that
fails must leave no rows behind and take none of the other threads' rows with it."""

from __future__ import annotations

from support import write_thread

from reader.store import search, threadwrite
from reader.store.importing import import_paths
from reader.store.models import database


def _three_threads(root):
    for tid, word in ((801, "苹果"), (802, "香蕉"), (803, "葡萄")):
        write_thread(root / "外野" / f"{tid}-01[{word}].md",
                     [(i, f"作者{i}", f"2024-1-1 1:0{i}", f"{word} 第{i}楼") for i in range(1, 6)])


def _hits(word):
    return sorted((h.tid, h.floor) for h in search.search(word, limit=50).hits)


def test_a_thread_that_fails_to_write_leaves_the_others_searchable(library, tmp_path, monkeypatch):
    _three_threads(tmp_path / "arch")
    real = threadwrite.ThreadWriter.finish

    def finish(self):  # the middle thread fails after its posts and index rows were prepared
        if self.tid == 802:
            raise ValueError("a damaged value")
        return real(self)

    monkeypatch.setattr(threadwrite.ThreadWriter, "finish", finish)
    result = import_paths([tmp_path / "arch"], workers=0)
    assert [f.path.endswith("802-01[香蕉].md") for f in result.failed] == [True]
    assert "a damaged value" in result.failed[0].message
    assert _hits("苹果") == [(801, f) for f in range(1, 6)]
    assert _hits("葡萄") == [(803, f) for f in range(1, 6)]
    assert _hits("香蕉") == []
    assert database.execute_sql("SELECT COUNT(*) FROM post").fetchone()[0] == 10
    database.execute_sql("INSERT INTO post_fts (post_fts) VALUES ('integrity-check')")

    monkeypatch.setattr(threadwrite.ThreadWriter, "finish", real)
    result = import_paths([tmp_path / "arch"], workers=0)
    assert not result.failed and result.posts_added == 5
    assert _hits("香蕉") == [(802, f) for f in range(1, 6)]


def test_a_post_edited_by_a_second_import_is_found_by_its_new_text_only(library, tmp_path):
    _three_threads(tmp_path / "arch")
    import_paths([tmp_path / "arch"], workers=0)
    f = tmp_path / "arch" / "外野" / "802-01[香蕉].md"
    write_thread(f, [(i, f"作者{i}", f"2024-1-1 1:0{i}", f"香蕉 第{i}楼" if i != 3 else "榴莲")
                     for i in range(1, 6)])
    result = import_paths([tmp_path / "arch"], workers=0)
    assert (result.posts_added, result.posts_updated) == (0, 1)
    assert _hits("榴莲") == [(802, 3)]
    assert _hits("香蕉") == [(802, f) for f in (1, 2, 4, 5)]
    database.execute_sql("INSERT INTO post_fts (post_fts) VALUES ('integrity-check')")
