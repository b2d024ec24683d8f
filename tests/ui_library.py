"""A small library for the window tests of bookmarks, search, images and fetching: two short
threads written in the archive format and imported into the temporary home."""

from __future__ import annotations

from pathlib import Path

from support import write_thread

THREAD_A, THREAD_B = 4101, 4102


def small_library(root: Path, extra_a: list[tuple[int, str, str, str]] | None = None) -> list[Path]:
    """Write and import thread A (12 posts) and thread B (6 posts); the library must be open."""
    from reader.store.importing import import_paths

    a = [(1, "楼主甲", "2024-3-1 10:00", "开个新楼讨论高达模型，欢迎晒图。")]
    a += [(n, f"路人{n % 3}", f"2024-3-1 1{n % 10}:0{n % 6}", f"第{n}楼的回复，关于扎古和吉姆的比较 {n}")
          for n in range(2, 12)]
    a.append((12, "楼主甲", "2024-3-2 9:30", "总结：赛博朋克风格的高达最好看。"))
    a += extra_a or []
    b = [(1, "版主乙", "2023-6-1 8:00", "原神新版本讨论楼")]
    b += [(n, f"玩家{n}", f"2023-6-1 9:{n:02d}", f"第{n}楼：抽卡又歪了 {n}") for n in range(2, 7)]
    files = [write_thread(root / "外野" / f"{THREAD_A}-01[高达模型讨论].md", a, op="楼主甲"),
             write_thread(root / "游戏区" / f"{THREAD_B}-01[原神新版本].md", b, op="版主乙")]
    result = import_paths(files)
    assert not result.failed, result.failed
    return files
