"""Import speed: the real corpus and a scaled copy of it, next to a floor measured in the same run.

The baseline is the least any importer must do: read the same files and split them on the post
separator with one regex. The script prints MiB/s, posts/s, peak RSS and the ratio to the
baseline, as medians over ``--runs`` runs (the machines are shared and noisy).

    python benchmarks/import_bench.py [--corpus ../shared/corpus] [--scale-mib 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEPARATOR = re.compile(r"^\*\*\*\*\*$", re.M)
NAME = re.compile(r"^(\d+)(-\d+\[.*\]\.md)$", re.S)
DIR = re.compile(r"^(\d+)(\[.*\])?$", re.S)


def thread_files(root: Path) -> list[Path]:
    from reader.store.importing import find_files

    return find_files([root])[0]


def baseline(files: list[Path]) -> tuple[float, int]:
    """Seconds to read and split every file; and the number of posts seen."""
    t = time.perf_counter()
    posts = 0
    for f in files:
        posts += len(SEPARATOR.split(f.read_text(encoding="utf-8"))) - 1
    return time.perf_counter() - t, posts


def import_in_subprocess(root: Path, home: Path) -> dict:
    """One import in a fresh process (so peak RSS is the importer's own)."""
    code = (
        "import json, resource, sys, time\n"
        "from reader.store.db import open_library\n"
        "from reader.store.importing import import_paths\n"
        f"open_library({str(home / 'lib.sqlite3')!r})\n"
        "t = time.perf_counter()\n"
        f"r = import_paths([{str(root)!r}])\n"
        "dt = time.perf_counter() - t\n"
        "print(json.dumps({'seconds': dt, 'posts': r.posts_added, 'bytes': r.bytes,\n"
        "  'skipped': r.skipped, 'failed': len(r.failed),\n"
        "  'rss_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True)
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def make_scaled(corpus: Path, target_mib: int, dest: Path) -> int:
    """Copy the corpus's thread files under new tids until ``target_mib``; returns bytes written."""
    files = [f for f in thread_files(corpus) if NAME.match(f.name)]
    total = 0
    copy = 0
    while total < target_mib * 1048576:
        copy += 1
        for f in files:
            m = NAME.match(f.name)
            new_tid = int(m.group(1)) + copy * 10_000_000
            rel = f.relative_to(corpus)
            parts = list(rel.parts[:-1])
            parts = [
                (str(new_tid) + (DIR.match(p).group(2) or "")) if DIR.match(p) and p.startswith(m.group(1))
                else p
                for p in parts
            ]
            out = dest.joinpath(*parts, f"{new_tid}{m.group(2)}")
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, out)
            total += f.stat().st_size
            if total >= target_mib * 1048576:
                break
    return total


def report(label: str, size: int, runs: list[dict], base: float) -> None:
    secs = statistics.median(r["seconds"] for r in runs)
    posts = runs[0]["posts"]
    rss = statistics.median(r["rss_mib"] for r in runs)
    mib = size / 1048576
    print(f"{label}: {mib:.1f} MiB, {posts} posts; import median {secs:.2f} s = {mib / secs:.1f} MiB/s, "
          f"{posts / secs:,.0f} posts/s, peak RSS {rss:.0f} MiB")
    print(f"  baseline (read + regex split) {base:.2f} s = {mib / base:.1f} MiB/s; "
          f"import is {secs / base:.1f}x the baseline")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--scale-mib", type=int, default=500, help="size of the scaled corpus (0: skip)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    files = thread_files(args.corpus)
    size = sum(f.stat().st_size for f in files)
    bases = [baseline(files)[0] for _ in range(args.runs)]
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for i in range(args.runs):
            home = Path(tmp) / f"h{i}"
            home.mkdir()
            runs.append(import_in_subprocess(args.corpus, home))
        report("corpus", size, runs, statistics.median(bases))
        again = import_in_subprocess(args.corpus, Path(tmp) / "h0")
        print(f"  re-import of the unchanged corpus: {again['seconds']:.3f} s, "
              f"{again['posts']} posts added, {again['skipped']} files skipped")
        if args.scale_mib:
            scaled = Path(tmp) / "scaled"
            t = time.perf_counter()
            written = make_scaled(args.corpus, args.scale_mib, scaled)
            print(f"scaled corpus generated: {written / 1048576:.0f} MiB in {time.perf_counter() - t:.1f} s")
            sfiles = thread_files(scaled)
            sbase = statistics.median(baseline(sfiles)[0] for _ in range(min(args.runs, 2)))
            home = Path(tmp) / "scaled-home"
            home.mkdir()
            srun = import_in_subprocess(scaled, home)
            report("scaled", written, [srun], sbase)
            re_runs = [import_in_subprocess(scaled, home)["seconds"] for _ in range(args.runs)]
            print(f"  re-import of the unchanged scaled corpus: median {statistics.median(re_runs):.3f} s")
            db = home / "lib.sqlite3"
            print(f"  library size {db.stat().st_size / 1048576:.0f} MiB "
                  f"({db.stat().st_size / written:.2f}x the raw text)")
    print(f"(this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; "
          f"{os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
