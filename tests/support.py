"""Shared test support that is not a fixture: where the shared corpus is, and its manifests."""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def corpus_root() -> Path:
    """The shared corpus; skip the test when it is absent, unless CI requires it."""
    if (CORPUS / "MANIFEST.tsv").is_file():
        return CORPUS
    reason = f"../shared/corpus not found at {CORPUS} (it sits beside the checkout)"
    if os.environ.get("S1READER_REQUIRE_CORPUS") == "1":
        pytest.fail(reason + " but S1READER_REQUIRE_CORPUS=1")
    pytest.skip(reason)


def manifest() -> list[dict[str, str]]:
    with (corpus_root() / "MANIFEST.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def constructs() -> dict[str, dict[str, str]]:
    with (corpus_root() / "CONSTRUCTS.tsv").open(encoding="utf-8") as f:
        return {r["tid"]: r for r in csv.DictReader(f, delimiter="\t")}


def posts_per_thread() -> dict[int, int]:
    """Expected distinct posts per tid, from CONSTRUCTS.tsv (counted independently of us)."""
    return {int(tid): int(r["posts"]) for tid, r in constructs().items()}


def files_per_thread() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for r in manifest():
        out[r["tid"]].append(r["path"])
    return out


def write_thread(path: Path, posts: list[tuple[int, str, str, str]], op: str | None = None) -> Path:
    """Write a small thread file in the archive format: posts are (floor, author, 'Y-M-D H:MM', body)."""
    out = ["\n"]
    for floor, author, when, body in posts:
        mark = "楼主       " if author == op else ""
        out.append(f"*****\n\n####  {author}  \n##### {floor}#       {mark}发表于 {when}\n\n{body}\n\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(out), encoding="utf-8")
    return path


# what each later schema step added, undone: a library as an older release left it
_UNDO_STEP = {
    13: ['ALTER TABLE "source_file" DROP COLUMN "last_posted"',
         'ALTER TABLE "source_file" DROP COLUMN "last_edited"'],
    12: ['DROP TABLE "import_root"', 'DROP TABLE "saved_search"'],
    11: ['ALTER TABLE "read_state" DROP COLUMN "read_floor"'],
    10: ['DROP INDEX "source_file_id"', 'ALTER TABLE "source_file" DROP COLUMN "id"',
         'ALTER TABLE "source_file" DROP COLUMN "max_floor"', 'ALTER TABLE "post" DROP COLUMN "source_id"'],
    9: ['DROP TABLE "post_measure"'],
    8: ['DROP TABLE "thread_rows"'],
}


def roll_back_schema(database, to: int) -> None:
    """Undo the schema steps above ``to`` on the open library (steps 8 and later)."""
    from reader.store.migrations import LATEST

    assert set(range(to + 1, LATEST + 1)) <= set(_UNDO_STEP), "teach roll_back_schema the new step"
    for version in range(LATEST, to, -1):
        for sql in _UNDO_STEP[version]:
            database.execute_sql(sql)
    database.execute_sql("DELETE FROM schema_version WHERE version > ?", (to,))


def group_processes(pgid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the live processes of a process group (Linux ``/proc``; zombies,
    which have ended and only wait to be reaped, are not counted)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
        if fields[0] != "Z" and int(fields[2]) == pgid:
            out.append((int(entry.name), cmdline.strip()))
    return out


def written(qtbot, window, timeout: int = 10_000) -> None:
    """Wait until the window's writes (operations submitted, never waited for by the window)
    have delivered their results and published what they changed."""
    qtbot.waitUntil(lambda: not window.ops.writes_pending(), timeout=timeout)
