"""What can go wrong when talking to the forum: ``ForumError`` and its kinds.

Kept apart from ``client.py`` so that the window can name these errors without importing
requests and requests-cache at start (a fifth of a second before the first paint).
"""

from __future__ import annotations

KIND_LOGIN = "login_required"
KIND_NOT_FOUND = "not_found"
KIND_NO_PERMISSION = "no_permission"
KIND_FORUM_MESSAGE = "forum_message"
KIND_HTTP = "http"
KIND_NETWORK = "network"
KIND_BAD_RESPONSE = "bad_response"


class ForumError(Exception):
    """A fetch that failed, with a message meant for the user and a machine-readable ``kind``."""

    def __init__(self, kind: str, message: str, tid: int | None = None,
                 forum_message: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.tid = tid
        self.forum_message = forum_message

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": str(self), "tid": self.tid, "forum_message": self.forum_message}
