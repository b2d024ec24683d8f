"""Hostile HTTP servers on 127.0.0.1 for the network tests (issue 30 items 6 and 7): one that sends
its answer a byte at a time (slow headers or a slow body), and one that redirects elsewhere.

Each serves every connection in a thread and stops dripping once the test closes it, so no test
waits for a whole drip and nothing is left running.
"""

from __future__ import annotations

import socket
import threading


class DripServer:
    """Answers every request with ``head`` + ``body``; the part named by ``slow`` ("headers" or
    "body") goes out one byte every ``interval`` seconds, the rest at once."""

    def __init__(self, head: bytes, body: bytes, slow: str, interval: float = 0.1) -> None:
        self.head, self.body, self.slow, self.interval = head, body, slow, interval
        self.requests = 0
        self._stop = threading.Event()
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/2b/"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(t)
            t.start()

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        for i in range(len(data)):
            if self._stop.wait(self.interval):
                return
            conn.sendall(data[i:i + 1])

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            conn.recv(65536)
            self.requests += 1
            if self.slow == "headers":
                self._drip(conn, self.head)
                conn.sendall(self.body)
            else:
                conn.sendall(self.head)
                self._drip(conn, self.body)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        for t in self._threads:
            t.join(5)

    def __enter__(self) -> DripServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def http_answer(body: bytes, content_type: str = "application/json; charset=utf-8") -> tuple[bytes, bytes]:
    head = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode()
    return head, body
