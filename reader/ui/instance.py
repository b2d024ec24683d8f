"""One window per library: a second start hands over to the running one.

The running window listens on a local socket (``QLocalServer``) named after its library file. A
second start of the window on the same library connects to it, says what it was asked to open
(a thread and floor, or nothing) and ends; the running window comes to the front and opens that
thread. When the running window does not answer (a hung program), the second start says the
library is open elsewhere instead of opening a second window on it.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 1000
ANSWER_MS = 5000

HANDED_OVER = "handed_over"  # the running window took the request
NOT_ANSWERING = "not_answering"  # a window has the library open but did not answer
NOBODY = "nobody"  # no window on this library: this start opens one


def server_name(db: Path) -> str:
    """The local socket's name for the library at ``db`` (one per user and library file)."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 (no user name in this environment)
        user = ""
    key = f"{user}\0{Path(db).resolve()}".encode()
    return "s1reader-" + hashlib.sha256(key).hexdigest()[:24]


def hand_over(db: Path, tid: int | None = None, floor: int | None = None) -> str:
    """Ask a window already open on ``db`` to come to the front (and open ``tid``)."""
    sock = QLocalSocket()
    sock.connectToServer(server_name(db))
    if not sock.waitForConnected(CONNECT_MS):
        return NOBODY
    sock.write(json.dumps({"thread": tid, "floor": floor}).encode() + b"\n")
    sock.flush()
    answer = b""
    while b"\n" not in answer and sock.waitForReadyRead(ANSWER_MS):
        answer += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return HANDED_OVER if answer.startswith(b"ok") else NOT_ANSWERING


class InstanceServer(QObject):
    """Listens for later starts on the same library; ``asked`` carries what they asked for
    (``{"thread": tid or None, "floor": n or None}``)."""

    asked = Signal(dict)

    def __init__(self, db: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)
        name = server_name(db)
        if not self.server.listen(name):
            # left behind by a program that crashed (nobody answered hand_over): take it over
            QLocalServer.removeServer(name)
            self.server.listen(name)

    def listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        self.server.close()

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(sock=sock, buffer=buffer) -> None:
                buffer += bytes(sock.readAll().data())
                if b"\n" not in buffer:
                    return
                try:
                    request = json.loads(bytes(buffer).split(b"\n", 1)[0] or b"{}")
                except ValueError:
                    request = {}
                if not isinstance(request, dict):
                    request = {}
                clean = {k: v if isinstance(v, int) and v > 0 else None
                         for k, v in ((k, request.get(k)) for k in ("thread", "floor"))}
                self.asked.emit(clean)
                sock.write(b"ok\n")
                sock.flush()
                sock.disconnectFromServer()

            sock.readyRead.connect(read)
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                read()
