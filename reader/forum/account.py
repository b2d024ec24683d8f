"""The forum account s1reader reads with: a login's session, kept in the system keyring.

A login (``reader.forum.login``) gives a ``ForumSession``: the user name and uid, and the two
cookies that are the session on a Discuz! forum, ``<cookiepre>auth`` and ``<cookiepre>saltkey``.
The password is never kept anywhere. Sessions are kept per forum host:

* in the system keyring (PyPI ``keyring``: Secret Service or KWallet on Linux, the macOS
  Keychain, the Windows Credential Locker), service ``s1reader forum session``, one entry per
  host;
* where no keyring backend exists (a server, a container), in a JSON file readable only by the
  user (mode 600 in a folder of mode 700): ``$S1READER_SESSION_FILE``, else
  ``<the user's config folder>/s1reader-session/forum-session.json``. It is never under a
  library's home (``--home``): a home can be copied, shared or backed up with the library.

Nothing here is written to the library, the caches, the logs or an export; a session's ``repr``
leaves the cookies out, so a traceback cannot show them either.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import platformdirs

KEYRING_SERVICE = "s1reader forum session"
SESSION_FILE_ENV = "S1READER_SESSION_FILE"
STORE_KEYRING = "keyring"
STORE_FILE = "file"


class AccountError(Exception):
    """The session store could not be read or written; the message says which and why."""


@dataclass(frozen=True, slots=True)
class ForumSession:
    """A logged-in session on one forum host (``host``: ``stage1st.com``, ``127.0.0.1:8080``)."""

    host: str
    username: str
    uid: str
    cookies: dict[str, str] = field(repr=False)
    saved_at: str = ""

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ForumSession | None:
        try:
            data = json.loads(text)
            cookies = {str(k): str(v) for k, v in dict(data["cookies"]).items()}
            return cls(str(data["host"]), str(data["username"]), str(data.get("uid") or ""),
                       cookies, str(data.get("saved_at") or ""))
        except (ValueError, TypeError, KeyError):
            return None

    def public(self) -> dict:
        """What may be shown or printed: everything but the cookies."""
        return {"host": self.host, "username": self.username, "uid": self.uid,
                "saved_at": self.saved_at}


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _system_keyring():  # -> keyring backend | None
    """The system keyring, or None where there is none (or only keyring's fail/null backends)."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 (not installed or broken: no keyring)
        return None
    try:
        backend = keyring.get_keyring()
        priority = float(getattr(backend, "priority", 0) or 0)
    except Exception:  # noqa: BLE001 (a backend that cannot even say its priority)
        return None
    if isinstance(backend, fail.Keyring) or priority <= 0:
        return None
    return backend


def session_file() -> Path:
    """Where sessions are kept when there is no keyring."""
    override = os.environ.get(SESSION_FILE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    base = Path(platformdirs.user_config_dir("s1reader-session", appauthor=False))
    return base / "forum-session.json"


class SessionStore:
    """Load, save and forget sessions; in the keyring, else in the private file."""

    def __init__(self) -> None:
        self._keyring = _system_keyring()

    @property
    def kind(self) -> str:
        return STORE_KEYRING if self._keyring is not None else STORE_FILE

    @property
    def where(self) -> str:
        """Where sessions are kept, in words (no secret)."""
        if self._keyring is not None:
            name = type(self._keyring).__module__ + "." + type(self._keyring).__name__
            return f"the system keyring ({name})"
        return f"{session_file()} (no system keyring here; readable only by you)"

    # -- the keyring

    def _keyring_call(self, what: str, fn, *args):  # type: ignore[no-untyped-def]
        try:
            return fn(*args)
        except Exception as e:  # noqa: BLE001 (keyring.errors.*, D-Bus errors …)
            raise AccountError(f"the system keyring could not {what} the forum session: "
                               f"{type(e).__name__}: {e}") from None

    # -- the file

    def _read_file(self) -> dict[str, str]:
        path = session_file()
        try:
            st = path.stat()
        except FileNotFoundError:
            return {}
        except OSError as e:
            raise AccountError(f"cannot read the session file {path}: {e}") from None
        if os.name == "posix" and stat.S_IMODE(st.st_mode) & 0o077:
            with contextlib.suppress(OSError):
                path.chmod(0o600)  # someone widened it: readable only by the user again
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise AccountError(f"cannot read the session file {path}: {e}; remove it and log in "
                               "again") from None
        return {str(k): json.dumps(v) if not isinstance(v, str) else v
                for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_file(self, entries: dict[str, str]) -> None:
        path = session_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not entries:
                path.unlink(missing_ok=True)
                return
            tmp = path.with_name(path.name + ".tmp")
            tmp.unlink(missing_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({k: json.loads(v) for k, v in entries.items()}, f, ensure_ascii=False)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except OSError as e:
            raise AccountError(f"cannot write the session file {path}: {e}") from None

    # -- the interface

    def load(self, host: str) -> ForumSession | None:
        """The session kept for ``host``, or None (never logged in, logged out, unreadable)."""
        if self._keyring is not None:
            text = self._keyring_call("read", self._keyring.get_password, KEYRING_SERVICE, host)
        else:
            text = self._read_file().get(host)
        session = ForumSession.from_json(text) if text else None
        return session if session is not None and session.host == host else None

    def save(self, session: ForumSession) -> None:
        if self._keyring is not None:
            self._keyring_call("save", self._keyring.set_password, KEYRING_SERVICE, session.host,
                               session.to_json())
            return
        entries = self._read_file()
        entries[session.host] = session.to_json()
        self._write_file(entries)

    def forget(self, host: str) -> bool:
        """Remove the session of ``host``; whether there was one."""
        if self.load(host) is None:
            return False
        if self._keyring is not None:
            self._keyring_call("remove", self._keyring.delete_password, KEYRING_SERVICE, host)
            return True
        entries = self._read_file()
        entries.pop(host, None)
        self._write_file(entries)
        return True
