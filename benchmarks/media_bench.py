"""Media cache speed: prefetch every distinct smiley of the corpus from a local server, then look
them up cold from the cache, next to plain ``requests`` (no cache) fetching the same files.

A ThreadingHTTPServer on 127.0.0.1 serves one generated image per smiley URL (PNG, or a
two-frame GIF for ``.gif`` names). Each run uses a fresh cache folder:

* prefetch: ``MediaCache.fetch`` of all smileys (download, Pillow validation, SQLite writes);
* baseline: a plain ``requests.Session`` GETs the same URLs with the same number of threads;
* cold lookups: a new ``MediaCache`` on the filled cache looks up every smiley with its bytes
  (``lookup(url)``), and every smiley occurrence of the most smiley-heavy thread file in
  reading order (what rendering that thread asks for).

Prints medians over ``--runs`` runs (the machines are shared and noisy).

    python benchmarks/media_bench.py [--corpus ../shared/corpus] [--runs 3] [--workers 8]
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import requests  # noqa: E402
from PIL import Image  # noqa: E402

from reader.config import resolve_paths  # noqa: E402
from reader.media import MediaCache, MediaSettings  # noqa: E402
from reader.media.urls import KIND_SMILEY, media_ref, origin_url  # noqa: E402
from reader.parse.inline import image_run  # noqa: E402
from reader.parse.model import Smiley  # noqa: E402

IMG_TAG = re.compile(r"<img\b[^>\n]*>")


def corpus_smileys(corpus: Path) -> tuple[list[str], list[str]]:
    """Distinct smiley URLs (first spelling seen) and the smiley URLs of the heaviest file."""
    distinct: dict[str, str] = {}
    heaviest: list[str] = []
    for f in sorted(corpus.rglob("*.md")):
        text = f.read_text(encoding="utf-8", errors="replace")
        found = []
        for tag in IMG_TAG.findall(text):
            run = image_run(tag)
            if isinstance(run, Smiley):
                ref = media_ref(run.url)
                if ref is not None and ref.kind == KIND_SMILEY:
                    distinct.setdefault(ref.key, run.url)
                    found.append(run.url)
        if len(found) > len(heaviest):
            heaviest = found
    return list(distinct.values()), heaviest


def make_bodies(urls: list[str]) -> dict[str, tuple[bytes, str]]:
    """Server path → (image bytes, content type), one distinct picture per smiley."""
    bodies: dict[str, tuple[bytes, str]] = {}
    for i, url in enumerate(urls):
        ref = media_ref(url)
        assert ref is not None
        path = "/" + ref.url.split("://", 1)[1]
        color = ((i * 37) % 256, (i * 91) % 256, (i * 53) % 256)
        buf = io.BytesIO()
        if ref.key.endswith(".gif"):
            frames = [Image.new("RGB", (32, 32), color), Image.new("RGB", (32, 32), color[::-1])]
            frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:], duration=80)
            bodies[path] = (buf.getvalue(), "image/gif")
        else:
            Image.new("RGBA", (32, 32), (*color, 255)).save(buf, format="PNG")
            bodies[path] = (buf.getvalue(), "image/png")
    return bodies


def start_server(bodies: dict[str, tuple[bytes, str]]) -> tuple[ThreadingHTTPServer, Counter[str]]:
    hits: Counter[str] = Counter()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls on keep-alive

        def do_GET(self) -> None:  # noqa: N802
            with lock:
                hits[self.path] += 1
            body, ctype = bodies.get(self.path, (b"", "text/plain"))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return httpd, hits


def plain_requests(urls: list[str], origin: str, workers: int) -> float:
    """Seconds for a plain requests.Session (no cache, no validation) to GET every URL."""
    session = requests.Session()
    adapter = requests.adapters.HTTPAdapter(pool_maxsize=workers)
    session.mount("http://", adapter)
    targets = []
    for u in urls:
        ref = media_ref(u)
        assert ref is not None
        targets.append(origin_url(ref.url, origin))

    def get(url: str) -> int:
        r = session.get(url, timeout=10)
        r.raise_for_status()
        return len(r.content)

    t = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(get, targets))
    dt = time.perf_counter() - t
    session.close()
    return dt


def one_run(urls: list[str], thread_urls: list[str], origin: str, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="media_bench_") as tmp:
        paths = resolve_paths(tmp).ensure()
        settings = MediaSettings(origin=origin, workers=workers, per_host=workers)
        with MediaCache(paths, settings) as cache:
            summary = cache.fetch(urls)
        assert summary.downloaded == len(urls), summary.as_dict()
        baseline = plain_requests(urls, origin, workers)
        with MediaCache(paths, MediaSettings(offline=True)) as cache:  # cold: a new instance
            t = time.perf_counter()
            items = [cache.lookup(u) for u in urls]
            lookup_s = time.perf_counter() - t
            assert all(i.status == "cached" and i.data for i in items)
            t = time.perf_counter()
            rendered = [cache.lookup(u) for u in thread_urls]
            thread_s = time.perf_counter() - t
            assert all(i.status == "cached" for i in rendered)
            t = time.perf_counter()
            for u in urls:
                cache.lookup(u, load=False)
            meta_s = time.perf_counter() - t
    n = len(urls)
    return {
        "prefetch_img_s": n / summary.seconds,
        "requests_img_s": n / baseline,
        "lookup_s": n / lookup_s,
        "lookup_meta_s": n / meta_s,
        "thread_lookup_s": len(thread_urls) / thread_s if thread_urls else 0.0,
        "thread_ms": thread_s * 1000,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=8)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    urls, thread_urls = corpus_smileys(args.corpus)
    print(f"{len(urls)} distinct smileys in {args.corpus}; heaviest file has "
          f"{len(thread_urls)} smiley occurrences")
    httpd, hits = start_server(make_bodies(urls))
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        results = [one_run(urls, thread_urls, origin, args.workers) for _ in range(args.runs)]
    finally:
        httpd.shutdown()
        httpd.server_close()
    # every run downloads each smiley once through the cache and once through plain requests
    assert set(hits.values()) == {2 * args.runs}, Counter(hits.values())
    med = {k: statistics.median(r[k] for r in results) for k in results[0]}
    print(f"medians over {args.runs} runs, {args.workers} workers:")
    print(f"  prefetch via MediaCache      {med['prefetch_img_s']:8.0f} images/s "
          f"(download + Pillow validation + SQLite)")
    print(f"  plain requests, no cache     {med['requests_img_s']:8.0f} images/s "
          f"(ratio {med['prefetch_img_s'] / med['requests_img_s']:.2f})")
    print(f"  cold lookups with bytes      {med['lookup_s']:8.0f} lookups/s")
    print(f"  cold lookups, metadata only  {med['lookup_meta_s']:8.0f} lookups/s")
    print(f"  heaviest thread's smileys    {med['thread_lookup_s']:8.0f} lookups/s "
          f"({len(thread_urls)} lookups in {med['thread_ms']:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
