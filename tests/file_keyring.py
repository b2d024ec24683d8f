"""A keyring backend for tests: a JSON file outside the test's home (``$S1READER_TEST_KEYRING``),
standing in for the system keyring (Secret Service, Keychain …) that CI machines do not have.

In-process: ``keyring.set_keyring(FileKeyring())``; in a subprocess:
``PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring`` with ``tests`` on ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "S1READER_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    priority = 5  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ[ENV])

    def _entries(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _write(self, entries: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(entries), encoding="utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._entries()
        entries[f"{service}\n{username}"] = password
        self._write(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("no such entry")
        self._write(entries)
