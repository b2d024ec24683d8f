"""A real HTTP server on 127.0.0.1 for the media tests, and the fixture images it serves.

The media cache is pointed at it with ``MediaSettings(origin=server.origin)``: a request for
``https://HOST/PATH`` arrives here as ``/HOST/PATH``. Each path has a script of responses (the
last one repeats), and the server counts hits per path and the peak of concurrent requests.
"""

from __future__ import annotations

import io
import struct
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

from reader.media.urls import media_ref


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "image/png"
    delay: float = 0.0
    send_length: bool = True
    headers: tuple[tuple[str, str], ...] = ()  # extra headers (a redirect's Location)
    repeat: int = 1  # the body is sent this many times (a huge body without Content-Length)
    stall: float = 0.0  # after half the body, wait this long (a stalled download)


def png_bytes(size: tuple[int, int] = (24, 24), color: tuple[int, int, int, int] = (200, 60, 60, 255)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGBA", size, color).save(buf, format="PNG")
    return buf.getvalue()


def jpeg_bytes(size: tuple[int, int], color: tuple[int, int, int] = (40, 120, 200)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="JPEG", quality=80)
    return buf.getvalue()


def animated_gif_bytes(frames: int = 3, size: tuple[int, int] = (20, 20)) -> bytes:
    colors = [(230, 40, 40), (40, 200, 40), (40, 40, 230), (230, 230, 40)]
    images = [Image.new("RGB", size, colors[i % len(colors)]) for i in range(frames)]
    buf = io.BytesIO()
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    return buf.getvalue()


def corrupt_png_bytes() -> bytes:
    """A PNG cut in half: the header parses, the pixel data does not."""
    data = png_bytes((64, 64), (10, 200, 10, 255))
    return data[: len(data) // 2]


def bomb_png_bytes(width: int = 40_000, height: int = 40_000) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (1.6 G by default)."""
    data = bytearray(png_bytes((8, 8)))
    ihdr = 8  # after the signature: length (4), b"IHDR" (4), then the 13 data bytes
    assert data[ihdr + 4 : ihdr + 8] == b"IHDR"
    struct.pack_into(">II", data, ihdr + 8, width, height)
    crc = zlib.crc32(bytes(data[ihdr + 4 : ihdr + 8 + 13])) & 0xFFFFFFFF
    struct.pack_into(">I", data, ihdr + 8 + 13, crc)
    return bytes(data)


def server_path(url: str) -> str:
    """The path a request for ``url`` (any alias) arrives at under the origin override."""
    ref = media_ref(url)
    assert ref is not None, url
    rest = ref.url.split("://", 1)[1]
    return "/" + rest


class MediaServer:
    def __init__(self) -> None:
        self.scripts: dict[str, list[Reply]] = {}
        self.hits: Counter[str] = Counter()
        self.active = 0
        self.peak_active = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls on keep-alive

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                reply = server._take(self.path)
                try:
                    if reply.delay:
                        time.sleep(reply.delay)
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    for name, value in reply.headers:
                        self.send_header(name, value)
                    if reply.send_length:
                        self.send_header("Content-Length", str(len(reply.body) * reply.repeat))
                    else:
                        self.send_header("Connection", "close")
                        self.close_connection = True
                    self.end_headers()
                    if reply.stall:
                        half = len(reply.body) // 2
                        self.wfile.write(reply.body[:half])
                        self.wfile.flush()
                        time.sleep(reply.stall)
                        self.wfile.write(reply.body[half:])
                    else:
                        for _ in range(reply.repeat):
                            self.wfile.write(reply.body)
                except OSError:  # the client gave up (timeout test)
                    self.close_connection = True
                finally:
                    with server._lock:
                        server.active -= 1

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread: threading.Thread | None = None

    def serve(self, url: str, *replies: Reply) -> str:
        """Answer requests for ``url`` with ``replies`` in turn (the last one repeats)."""
        self.scripts[server_path(url)] = list(replies)
        return url

    def hits_of(self, url: str) -> int:
        return self.hits[server_path(url)]

    @property
    def total_hits(self) -> int:
        return sum(self.hits.values())

    def _take(self, path: str) -> Reply:
        with self._lock:
            self.hits[path] += 1
            self.active += 1
            self.peak_active = max(self.peak_active, self.active)
            script = self.scripts.get(path)
            if not script:
                return Reply(404, b"not found", "text/plain")
            return script.pop(0) if len(script) > 1 else script[0]

    def start(self) -> MediaServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
