"""Scale: one real archive year (import, size, re-import, search, stats, window), cold and warm.

Run it on an extracted archive year (see issue "Scale to a whole archive year": the 2023 mirror
fetched and extracted with ``../shared/tools/extract-archive.py``), never on copies of the corpus:

    python benchmarks/scale_bench.py /tmp/arch2023 [--work /tmp/scale] [--workers 1,2]
        [--skip naive,stacked,window] [--runs 5]

Every figure is printed beside its anchor measured in the same run:
* import: a naive importer (split on ``*****``, one regex per post, executemany, an FTS5 trigram
  index rebuilt at the end) over the same files; ratio = naive seconds / ours;
* size: the raw text of the files;
* search: ``grep -rlF`` over the raw files for the same words (cold and warm);
* re-import, stats and the window: the goals of the issue (3 s, 0.5 s cold, 1.5 s).
With ``--years``, real years are stacked instead (issue 24): the archive, then each of
``--years`` imported on top into the same library; at each level the year's import speed
(MiB/s, beside the first year's), the window's first paint of a big thread, ``threads --json``,
one library-pane filter pass and ``search 的 board:游戏区`` beside the plain queries (cold and
warm), so that a figure that grows with the library shows as a ratio to one year:

    python benchmarks/scale_bench.py /tmp/arch2023 --years /tmp/arch2024,/tmp/arch2025
    python benchmarks/scale_bench.py /tmp/arch2023 --years /tmp/arch2024 \
        --libraries after2023.sqlite3,after2024.sqlite3 --import-json 2023.json,2024.json

``--libraries`` measures libraries already imported (by ``s1reader import``, one per level) and
``--import-json`` reads the import figures from that command's ``--json`` output.

Cold means the page cache dropped (``echo 3 > /proc/sys/vm/drop_caches``, needs root) and a fresh
process. Timings are medians of ``--runs``; peak RSS includes the parsing processes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable

QUERIES = ["的", "鹅", "高达", "原神", "不是 我", "ChatGPT", '"水星的魔女"', "原神 board:游戏区"]


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def raw_bytes(root: Path) -> tuple[int, int]:
    n = size = 0
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith(".md"):
                n += 1
                size += os.path.getsize(os.path.join(dirpath, name))
    return n, size


def run_child(code: str, env: dict | None = None, cwd: Path = REPO) -> tuple[dict, float]:
    """Run ``code`` in a fresh interpreter, with the ``reader`` package of ``cwd``; (its JSON
    output, wall seconds)."""
    t = time.perf_counter()
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=cwd,
                         env={**os.environ, **(env or {})})
    dt = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1]), dt


IMPORT = """
import json, os, resource, threading, time
from reader.store.db import open_library
from reader.store.importing import import_paths
open_library({db!r})
wal, peak_wal, done = {db!r} + '-wal', [0], threading.Event()
def watch_wal():  # the largest size the write-ahead log reached during the import
    while not done.wait(0.5):
        try:
            peak_wal[0] = max(peak_wal[0], os.path.getsize(wal))
        except OSError:
            pass
watcher = threading.Thread(target=watch_wal, daemon=True)
watcher.start()
prof = {profile!r}
if prof:
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
t = time.perf_counter()
cpu0 = time.thread_time()  # this thread is the writer (plan, parse window, writes)
r = import_paths({paths!r}, workers={workers})
writer_cpu = time.thread_time() - cpu0
dt = time.perf_counter() - t
if prof:
    profiler.disable()
    profiler.dump_stats(prof)
done.set()
watcher.join()
# the parsing processes are children of the forkserver, which reaps them: stop it so that its
# CPU and theirs count in RUSAGE_CHILDREN
try:
    from multiprocessing import forkserver
    forkserver._forkserver._stop()
except Exception:
    pass
me = resource.getrusage(resource.RUSAGE_SELF)
ch = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({{'seconds': dt, 'posts': r.posts_added, 'updated': r.posts_updated,
  'skipped': r.skipped, 'failed': len(r.failed), 'rss_mib': me.ru_maxrss / 1024,
  'child_rss_mib': ch.ru_maxrss / 1024, 'writer_cpu': writer_cpu,
  'process_cpu': me.ru_utime + me.ru_stime, 'children_cpu': ch.ru_utime + ch.ru_stime,
  'peak_wal_mib': peak_wal[0] / 1048576}}))
"""

NAIVE = """
import json, os, re, resource, sqlite3, time
SEP = re.compile(r'^\\*\\*\\*\\*\\*$', re.M)
HEAD = re.compile(r'####\\s+(.*?)\\s*\\n#####\\s*(\\d+)#.*?发表于\\s*([0-9-]+ [0-9:]+)\\s*\\n(.*)', re.S)
db = sqlite3.connect({db!r})
db.execute('PRAGMA journal_mode=wal'); db.execute('PRAGMA synchronous=normal')
db.execute('CREATE TABLE post (id INTEGER PRIMARY KEY, tid INT, floor INT, author TEXT, at TEXT, body TEXT)')
t = time.perf_counter()
n = 0
for dirpath, _, names in os.walk({root!r}):
    for name in sorted(names):
        if not name.endswith('.md'):
            continue
        tid = int(name.split('-', 1)[0]) if name[0].isdigit() else 0
        text = open(os.path.join(dirpath, name), encoding='utf-8', errors='replace').read()
        rows = []
        for chunk in SEP.split(text)[1:]:
            m = HEAD.search(chunk)
            if m:
                rows.append((tid, int(m.group(2)), m.group(1), m.group(3), m.group(4)))
        db.executemany('INSERT INTO post (tid, floor, author, at, body) VALUES (?,?,?,?,?)', rows)
        db.commit()
        n += len(rows)
db.execute("CREATE VIRTUAL TABLE post_fts USING fts5(body, content='post', content_rowid='id', "
           "tokenize='trigram')")
db.execute("INSERT INTO post_fts(post_fts) VALUES('rebuild')")
db.commit()
dt = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({{'seconds': dt, 'posts': n, 'rss_mib': me.ru_maxrss / 1024,
                  'cpu': me.ru_utime + me.ru_stime}}))
"""

SEARCH = """
import json, time
from reader.store.db import open_library
from reader.store.search import search
open_library({db!r})
out = []
for q in {queries!r}:
    times = []
    for _ in range({runs}):
        t = time.perf_counter(); r = search(q, limit=20); times.append(time.perf_counter() - t)
    out.append({{'q': q, 'first': times[0], 'p50': sorted(times)[len(times) // 2], 'total': r.total,
                'estimate': r.total_is_estimate, 'hits': len(r.hits)}})
print(json.dumps(out))
"""

LIBRARY_FILTER = """
import json, os, statistics, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reader.store.db import open_library
from reader.ui.librarypane import LibraryPane
open_library({db!r})
pane = LibraryPane()
pane.resize(400, 800)
pane.show()
t = time.perf_counter(); pane.refresh(); app.processEvents(); fill = time.perf_counter() - t
passes = []
for text in ["高", "高达", "高达模", "原", "原神", "dota", ""]:
    pane.filter_box.setText(text)
    t = time.perf_counter(); pane._apply_filter(); app.processEvents(); passes.append(time.perf_counter() - t)
print(json.dumps({{'fill': fill, 'pass_p50': statistics.median(passes), 'pass_max': max(passes),
                  'threads': pane._thread_count()}}))
"""

STATS = """
import json, time
t = time.perf_counter()
from reader.store.db import open_library
from reader.store.queries import library_stats
open_library({db!r})
s = library_stats()
print(json.dumps({{'seconds': time.perf_counter() - t, **s}}))
"""


def cpu_split(res: dict, naive: dict | None = None) -> list[str]:
    """The CPU of an import split into what only one thread can do at a time (serial: the
    writer process, whose writer thread plans, takes the parsed files in order and writes every
    row, and whose other threads (the pool's result thread unpickling the parsed rows) hold the
    same GIL) and what runs beside it (parallel: the parsing processes, an indexer process),
    and the import time Amdahl's law predicts from them for more cores."""
    writer = res["writer_cpu"]
    serial = max(writer, res["process_cpu"])
    parallel = res["children_cpu"]
    total = serial + parallel
    lines = [
        f"CPU split: serial {serial:.0f} CPU-s (goal <= 100: the writer process, its writer "
        f"thread {writer:.0f}, other threads {serial - writer:.0f}), parallel {parallel:.0f} "
        f"CPU-s (child processes: parsing, an indexer if any), total {total:.0f} CPU-s; wall "
        f"{res['seconds']:.0f} s = {total / res['seconds']:.2f} cores busy on average",
        f"  peak RSS: writer {res['rss_mib']:.0f} MiB, largest parsing process "
        f"{res['child_rss_mib']:.0f} MiB; peak WAL {res.get('peak_wal_mib', 0):.0f} MiB",
        "  Amdahl (serial + parallel / cores; the pipeline's own bound is max(serial, total / "
        "cores); naive/ours: the naive importer's CPU-s, one thread, over that time):",
    ]
    for n in (1, 2, 4, 8, 16):
        amdahl = serial + parallel / n
        bound = max(serial, total / n)
        line = f"    {n:>2} cores: {amdahl:6.0f} s  (pipeline bound {bound:5.0f} s)"
        if naive is not None and "cpu" in naive:  # the naive importer is one thread: its CPU
            line += f"  naive/ours {naive['cpu'] / amdahl:.2f}x"
        lines.append(line)
    if naive is not None and "cpu" in naive:
        lines.append(f"  anchor: the naive importer of the same run used {naive['cpu']:.0f} CPU-s "
                     f"(all serial) in {naive['seconds']:.0f} s")
    return lines


YEAR_QUERIES = ["的 board:游戏区", "的", "原神", "高达"]
BIG_THREAD = 2119905  # the biggest thread of 2023 and 2024 (the first-paint figure)


def _wall(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, env=env, capture_output=True)
    return time.perf_counter() - t


def _first_paint(home: Path, work: Path, env: dict, tid: int, runs: int) -> tuple[float, float]:
    """(start to first paint, start to finished screenshot) medians, wall seconds."""
    paints, walls = [], []
    for _ in range(runs):
        launched, t = time.time(), time.perf_counter()
        out = subprocess.run([PY, "-m", "reader", "--home", str(home), "--screenshot",
                              str(work / "shot.png"), "--thread", str(tid), "--floor", "15000"],
                             cwd=REPO, env=env, capture_output=True, text=True)
        walls.append(time.perf_counter() - t)
        m = re.search(r"s1reader-startup: first-paint ([0-9.]+)", out.stderr)
        if m:
            paints.append(float(m.group(1)) - launched)
    return (statistics.median(paints) if paints else float("nan")), statistics.median(walls)


def measure_level(db: Path, work: Path, runs: int, cold: bool) -> dict:
    """The figures of one stacked level (a library of 1, 2, … years)."""
    home = work / "home"
    if home.exists():
        shutil.rmtree(home)
    (home / "data").mkdir(parents=True)
    os.link(db, home / "data" / "library.sqlite3")  # (the window's start writes its visit)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", S1READER_TRACE_STARTUP="1")
    subprocess.run([PY, "-m", "compileall", "-q", str(REPO / "reader")], env=env)
    out: dict = {}
    con = sqlite3.connect(db)
    out["threads"], = con.execute("SELECT COUNT(*) FROM thread").fetchone()
    out["posts"], = con.execute("SELECT COUNT(*) FROM post").fetchone()
    con.close()
    out["paint"], out["shot"] = _first_paint(home, work, env, BIG_THREAD, runs)
    listing = [PY, "-m", "reader", "--home", str(home), "threads", "--json"]
    _wall(listing, env)
    out["threads_warm"] = statistics.median(_wall(listing, env) for _ in range(runs))
    if cold:
        walls = []
        for _ in range(3):
            drop_caches()
            walls.append(_wall(listing, env))
        out["threads_cold"] = statistics.median(walls)
    lf, _ = run_child(LIBRARY_FILTER.format(db=str(db)))
    out["filter_p50"], out["filter_max"], out["fill"] = lf["pass_p50"], lf["pass_max"], lf["fill"]
    warm, _ = run_child(SEARCH.format(db=str(db), queries=YEAR_QUERIES, runs=runs))
    out["search"] = {r["q"]: {"warm": r["p50"], "hits": r["total"]} for r in warm}
    if cold:
        for q in YEAR_QUERIES:
            drop_caches()
            r, _ = run_child(SEARCH.format(db=str(db), queries=[q], runs=1))
            out["search"][q]["cold"] = r[0]["first"]
    return out


def stack_years(args: argparse.Namespace) -> None:
    """``--years``: real years stacked in one library, the figures of each level."""
    years = [args.archive.resolve()] + [Path(y).resolve() for y in args.years.split(",") if y]
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    cold = os.geteuid() == 0 and "cold" not in set(args.skip.split(","))
    libraries = [Path(p) for p in args.libraries.split(",")] if args.libraries else []
    logs = [json.loads(Path(p).read_text()) for p in args.import_json.split(",")] \
        if args.import_json else []
    db = work / "stacked.sqlite3"
    if not libraries and db.exists():
        db.unlink()
    levels = []
    for n, year in enumerate(years):
        files, raw = raw_bytes(year)
        imp: dict = {}
        if libraries:
            db = libraries[n]
            if n < len(logs):
                imp = {"seconds": logs[n]["seconds"], "posts": logs[n]["posts_added"],
                       "conflicts": len(logs[n]["conflicts"]), "notes": len(logs[n]["notes"])}
        else:
            imp, _ = run_child(IMPORT.format(db=str(db), workers=int(args.workers.split(",")[0]),
                                             paths=[str(year)], profile=""))
        fig = measure_level(db, work, args.runs, cold)
        fig.update(year=year.name, mib=raw / 1048576, files=files, **{f"import_{k}": v
                                                                     for k, v in imp.items()})
        levels.append(fig)
        speed = (f"{fig['mib'] / imp['seconds']:.2f} MiB/s" if imp.get("seconds") else "?")
        print(f"+ {year.name}: {files:,} files, {fig['mib']:,.0f} MiB imported at {speed} -> "
              f"{fig['threads']:,} threads, {fig['posts']:,} posts")
    base = levels[0]

    def ratio(key: str, level: dict, sub: str | None = None) -> str:
        a = level["search"][key][sub] if sub else level[key]
        b = base["search"][key][sub] if sub else base[key]
        return f"{fmt(a)} ({a / b:.2f}x)" if b else fmt(a)

    print("\nper level (ratio to one year):")
    for n, level in enumerate(levels):
        print(f"{n + 1} year(s), {level['threads']:,} threads, {level['posts']:,} posts:")
        if level.get("import_seconds"):
            speed = level["mib"] / level["import_seconds"]
            first = base["mib"] / base["import_seconds"]
            print(f"  import of this year: {speed:.2f} MiB/s ({speed / first:.2f}x the first "
                  "year's)")
        print(f"  first paint, thread {BIG_THREAD} at floor 15000: {ratio('paint', level)}; "
              f"finished screenshot {ratio('shot', level)}")
        line = f"  threads --json: warm {ratio('threads_warm', level)}"
        if "threads_cold" in level:
            line += f", cold {ratio('threads_cold', level)}"
        print(line)
        print(f"  library pane filter pass: p50 {ratio('filter_p50', level)}, max "
              f"{ratio('filter_max', level)}; listed in {ratio('fill', level)}")
        for q in YEAR_QUERIES:
            s = level["search"][q]
            line = f"  search {q!r:<18} {s['hits']:>10,} hits: warm {ratio(q, level, 'warm')}"
            if "cold" in s:
                line += f", cold {ratio(q, level, 'cold')}"
            print(line)
    (work / "years.json").write_text(json.dumps(levels, indent=1, ensure_ascii=False))


def fmt(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.1f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive", type=Path)
    ap.add_argument("--work", type=Path, default=Path("/tmp/s1reader-scale"))
    ap.add_argument("--workers", default="2,1", help="worker counts to import with (first one is kept)")
    ap.add_argument("--skip", default="",
                    help="comma list of: import (reuse the last run's library), naive, stacked, "
                         "window, search, cold")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--code", type=Path, default=REPO,
                    help="the checkout whose reader package imports (another branch's, exported "
                         "with git archive, measures it on the same machine in the same way)")
    ap.add_argument("--profile", type=Path, default=None,
                    help="write a cProfile of the writer thread of the first import here")
    ap.add_argument("--years", default="",
                    help="comma list of more real archive years to stack on ARCHIVE, one after "
                         "another, measuring each level (see above)")
    ap.add_argument("--libraries", default="",
                    help="with --years: libraries already imported, one per level, measured "
                         "instead of importing")
    ap.add_argument("--import-json", default="",
                    help="with --libraries: the `s1reader import --json` output of each level")
    args = ap.parse_args()
    if args.years:
        stack_years(args)
        return
    skip = set(filter(None, args.skip.split(",")))
    root = args.archive.resolve()
    work = args.work
    keep_w = int(args.workers.split(",")[0])
    reuse = "import" in skip and (work / f"lib-w{keep_w}.sqlite3").exists()
    if work.exists() and not reuse:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    files, raw = raw_bytes(root)
    mib = raw / 1048576
    print(f"archive: {root} — {files} files, {mib:,.0f} MiB raw text")
    can_drop = os.geteuid() == 0 and "cold" not in skip

    # ---- import, with each worker count; the first library is kept for the rest
    imports = {}
    if reuse:
        imports[keep_w] = (work / f"lib-w{keep_w}.sqlite3", json.loads((work / "import.json").read_text()))
        print(f"(reusing the library imported earlier: {imports[keep_w][1]['seconds']:.1f} s)")
    for w in [] if reuse else [int(x) for x in args.workers.split(",")]:
        db = work / f"lib-w{w}.sqlite3"
        profile = str(args.profile) if args.profile and w == keep_w else ""
        res, _ = run_child(IMPORT.format(db=str(db), workers=w, paths=[str(root)],
                                         profile=profile), cwd=args.code)
        imports[w] = (db, res)
        if w == keep_w:
            (work / "import.json").write_text(json.dumps(res))
        print(f"import, {w} worker(s): {res['seconds']:.1f} s = {mib / res['seconds']:.2f} MiB/s, "
              f"{res['posts']:,} posts, failed {res['failed']}, peak RSS writer "
              f"{res['rss_mib']:.0f} MiB, parser {res['child_rss_mib']:.0f} MiB")
    db, res = imports[keep_w]
    for w, (other, _) in imports.items():
        if w != keep_w:
            other.unlink(missing_ok=True)
    naive = None
    if "naive" not in skip:
        naive, _ = run_child(NAIVE.format(db=str(work / "naive.sqlite3"), root=str(root)))
        naive_size = (work / "naive.sqlite3").stat().st_size
        (work / "naive.sqlite3").unlink()
        print(f"anchor, naive importer: {naive['seconds']:.1f} s, {naive['posts']:,} posts, "
              f"RSS {naive['rss_mib']:.0f} MiB, size {naive_size / raw:.2f}x raw")
        for w, (_, r) in imports.items():
            print(f"  ratio naive/ours, {w} worker(s): {naive['seconds'] / r['seconds']:.2f}x (goal >= 2.8x)")
    for w, (_, r) in imports.items():
        if "writer_cpu" in r:
            print(f"{w} worker(s): " + "\n".join(cpu_split(r, naive)))
    if len(imports) > 1:
        ws = sorted(imports)
        print(f"  scaling {ws[0]} -> {ws[-1]} workers: "
              f"{imports[ws[0]][1]['seconds'] / imports[ws[-1]][1]['seconds']:.2f}x faster")

    # ---- size
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    parts = con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 6"
                        ).fetchall()
    con.close()
    size = db.stat().st_size
    print(f"library size: {size / 1048576:,.0f} MiB = {size / raw:.2f}x the raw text (goal <= 1.5x); "
          "largest: " + ", ".join(f"{n} {s / 1048576:,.0f} MiB" for n, s in parts))

    # ---- re-import unchanged
    times = []
    for _ in range(3):
        r, _ = run_child(IMPORT.format(db=str(db), workers=keep_w, paths=[str(root)], profile=""),
                         cwd=args.code)
        times.append(r["seconds"])
    print(f"re-import unchanged: median {fmt(statistics.median(times))} (goal <= 3 s), "
          f"added {r['posts']}, skipped {r['skipped']}")

    # ---- stats
    warm = [run_child(STATS.format(db=str(db)), cwd=args.code)[0]["seconds"] for _ in range(3)]
    line = f"stats: warm {fmt(statistics.median(warm))}"
    if can_drop:
        cold = []
        for _ in range(3):
            drop_caches()
            cold.append(run_child(STATS.format(db=str(db)), cwd=args.code)[0]["seconds"])
        line += f", cold {fmt(statistics.median(cold))} (goal <= 0.5 s)"
    print(line)

    # ---- search
    if "search" not in skip:
        warm_res, _ = run_child(SEARCH.format(db=str(db), queries=QUERIES, runs=args.runs), cwd=args.code)
        cold_res = {}
        if can_drop:
            for q in QUERIES:
                drop_caches()
                r, _ = run_child(SEARCH.format(db=str(db), queries=[q], runs=1), cwd=args.code)
                cold_res[q] = r[0]["first"]
        print("search, first page of 20 (goal: <= 1 s cold, <= 100 ms warm p50):")
        for r in warm_res:
            q = r["q"]
            words = [w.strip('"') for w in q.split() if ":" not in w]
            grep_cmd = ["grep", "-rlF"] + sum((["-e", w] for w in words[:1]), []) + [str(root)]
            t = time.perf_counter()
            subprocess.run(grep_cmd, capture_output=True)
            g_warm = time.perf_counter() - t
            cold = cold_res.get(q)
            about = "about " if r["estimate"] else ""
            print(f"  {q:<18} {about}{r['total']:>9,} hits  warm p50 {fmt(r['p50']):>7}"
                  + (f"  cold {fmt(cold):>7}" if cold is not None else "")
                  + f"   | grep -rlF warm {fmt(g_warm)}")

    # ---- the window
    if "window" not in skip:
        tid = subprocess.run(
            [PY, "-c", f"import sqlite3; print(sqlite3.connect({str(db)!r}).execute("
             "'SELECT tid FROM thread ORDER BY post_count DESC LIMIT 1').fetchone()[0])"],
            capture_output=True, text=True).stdout.strip()
        home = work / "home"
        (home / "data").mkdir(parents=True, exist_ok=True)
        lib = home / "data" / "library.sqlite3"
        if not lib.exists():
            os.link(db, lib)
        # as installed: byte-code cached (pip compiles it; PYTHONDONTWRITEBYTECODE would make
        # every start compile each module again)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(QT_QPA_PLATFORM="offscreen", S1READER_TRACE_STARTUP="1")
        subprocess.run([PY, "-m", "compileall", "-q", str(REPO / "reader")], env=env)
        times, paints = [], []
        for _ in range(3):
            t = time.perf_counter()
            launched = time.time()
            out = subprocess.run([PY, "-m", "reader", "--home", str(home), "--screenshot",
                                  str(work / "shot.png"), "--thread", tid, "--floor", "15000"],
                                 cwd=REPO, env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            m = re.search(r"s1reader-startup: first-paint ([0-9.]+)", out.stderr)
            if m:
                paints.append(float(m.group(1)) - launched)
        posts = subprocess.run(
            [PY, "-c", f"import sqlite3; print(sqlite3.connect({str(db)!r}).execute("
             f"'SELECT post_count FROM thread WHERE tid = {tid}').fetchone()[0])"],
            capture_output=True, text=True).stdout.strip()
        print(f"window: thread {tid} ({posts} posts) at floor 15000: start to first paint of the "
              f"posts median {fmt(statistics.median(paints)) if paints else '?'} (goal <= 1.5 s); "
              f"start to finished screenshot (library listed too) {fmt(statistics.median(times))}")
        empty = work / "empty-home"
        t_empty = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([PY, "-m", "reader", "--home", str(empty), "--screenshot",
                            str(work / "shot-empty.png")], cwd=REPO, env=env, capture_output=True)
            t_empty.append(time.perf_counter() - t)
        print(f"  anchor: the same with an empty library (demo thread): {fmt(statistics.median(t_empty))}")
        lf, _ = run_child(LIBRARY_FILTER.format(db=str(db)), cwd=args.code)
        print(f"library pane: {lf['threads']:,} threads listed in {fmt(lf['fill'])}; one filter pass "
              f"p50 {fmt(lf['pass_p50'])}, max {fmt(lf['pass_max'])} (it runs once typing pauses "
              "for 150 ms, so keystrokes never wait for it)")
    # ---- a second year on top (the same files under new tids)
    if "stacked" not in skip:
        copy = work / "copy"
        for f in root.rglob("*.md"):
            m = re.match(r"^(\d+)(-.*)$", f.name)
            if not m:
                continue
            rel = f.parent.relative_to(root)
            target_dir = copy / re.sub(r"^(\d+)", lambda x: str(int(x.group(1)) + 50_000_000), str(rel))
            target_dir.mkdir(parents=True, exist_ok=True)
            os.link(f, target_dir / f"{int(m.group(1)) + 50_000_000}{m.group(2)}")
        r2, _ = run_child(IMPORT.format(db=str(db), workers=keep_w, paths=[str(copy)],
                                        profile=""), cwd=args.code)
        print(f"second year on top: {r2['seconds']:.1f} s vs first {res['seconds']:.1f} s = "
              f"{r2['seconds'] / res['seconds']:.2f}x (goal <= 1.3x), {r2['posts']:,} posts")
        shutil.rmtree(copy)

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"(largest child RSS in this run: {peak:.0f} MiB)")


if __name__ == "__main__":
    main()
