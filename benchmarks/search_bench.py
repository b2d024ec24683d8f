"""Search latency on the scaled corpus, next to ripgrep over the same raw files in the same run.

Builds the scaled corpus with the import benchmark's generator (``--scale-mib``, default 500,
about 1.6 M posts), imports it twice in fresh processes (once as shipped, once with the
full-text index switched off) to give the index's import cost, then times first-page queries
(p50/p95 over ``--repeat`` runs) for fixed queries and ``rg -F -c`` for the same words.

    python benchmarks/search_bench.py [--scale-mib 500] [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from import_bench import make_scaled  # noqa: E402

QUERIES = [
    ("1 CJK char", "鹅", "鹅"),
    ("2 CJK chars", "原神", "原神"),
    ("2 CJK chars", "高达", "高达"),
    ("3 CJK chars", "冰蛙王", "冰蛙王"),
    ("4 CJK chars", "赛博朋克", "赛博朋克"),
    ("Latin word", "dota", "dota"),
    ("Latin word", "major", "major"),
    ("phrase", '"水星的魔女"', "水星的魔女"),
    ("with filter", "高达 board:漫区", "高达"),
    ("with filter", "原神 -in:quote after:2022-01-01", "原神"),
]


def import_timed(root: Path, db: Path, index: bool) -> float:
    code = (
        "import json, time\n"
        "import reader.store.importer as imp\n"
        "from reader.store.db import open_library\n"
        + ("" if index else "imp.index_new_posts = lambda tid, after_id: None\n")
        + f"open_library({str(db)!r})\n"
        "t = time.perf_counter()\n"
        f"imp.Importer().import_paths([{str(root)!r}])\n"
        "print(json.dumps(time.perf_counter() - t))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--scale-mib", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    rg = shutil.which("rg")
    with tempfile.TemporaryDirectory() as tmp:
        scaled = Path(tmp) / "scaled"
        raw = make_scaled(args.corpus, args.scale_mib, scaled)
        db = Path(tmp) / "with-index.sqlite3"
        t_index = import_timed(scaled, db, index=True)
        t_plain = import_timed(scaled, Path(tmp) / "no-index.sqlite3", index=False)
        mib = raw / 1048576
        from reader.store import search as engine
        from reader.store.db import open_library

        open_library(db)
        from reader.store.models import database

        posts = database.execute_sql("SELECT COUNT(*) FROM post").fetchone()[0]
        text_bytes = database.execute_sql(
            "SELECT SUM(length(CAST(text AS BLOB)) + length(CAST(quote_text AS BLOB))) FROM post"
        ).fetchone()[0]
        fts_bytes = database.execute_sql(
            "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'post_fts%'"
        ).fetchone()[0] if _has_dbstat(database) else None
        print(f"scaled corpus: {mib:.0f} MiB raw files, {posts:,} posts, "
              f"{text_bytes / 1048576:.0f} MiB of post text")
        print(f"import with index {t_index:.1f} s = {mib / t_index:.1f} MiB/s; without index "
              f"{t_plain:.1f} s = {mib / t_plain:.1f} MiB/s; the index costs {t_index / t_plain:.2f}x")
        if fts_bytes:
            print(f"index size {fts_bytes / 1048576:.0f} MiB = {fts_bytes / raw:.2f}x the raw files, "
                  f"{fts_bytes / text_bytes:.2f}x the post text")
        head = f"{'kind':12} {'query':34} {'hits':>8} {'p50 ms':>8} {'p95 ms':>8}"
        print(f"\n{head} {'rg ms':>8} {'rg/p50':>7}")
        for kind, query, word in QUERIES:
            times = []
            total = 0
            for _ in range(args.repeat):
                t = time.perf_counter()
                total = engine.search(query, limit=20).total
                times.append((time.perf_counter() - t) * 1000)
            p50, p95 = statistics.median(times), pct(times, 95)
            rg_ms = float("nan")
            if rg:
                rts = []
                for _ in range(3):
                    t = time.perf_counter()
                    subprocess.run([rg, "-F", "-c", "-i", word, str(scaled)], capture_output=True)
                    rts.append((time.perf_counter() - t) * 1000)
                rg_ms = statistics.median(rts)
            print(f"{kind:12} {query:34} {total:8d} {p50:8.1f} {p95:8.1f} {rg_ms:8.0f} {rg_ms / p50:7.1f}")
        if not rg:
            print("(ripgrep not installed: apt-get install ripgrep for the comparison)")
    return 0


def _has_dbstat(database) -> bool:
    try:
        database.execute_sql("SELECT 1 FROM dbstat LIMIT 1")
        return True
    except Exception:
        return False


if __name__ == "__main__":
    sys.exit(main())
