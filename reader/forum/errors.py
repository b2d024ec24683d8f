"""What can go wrong when talking to the forum: ``ForumError`` and its kinds.

Kept apart from ``client.py`` so that the window can name these errors without importing
requests and requests-cache at start (a fifth of a second before the first paint).
"""

from __future__ import annotations

KIND_LOGIN = "login_required"  # the forum shows this only to members: log in
KIND_SESSION_EXPIRED = "session_expired"  # a session was sent and the forum no longer takes it
KIND_LOGIN_FAILED = "login_failed"  # a login was refused (password, question, too many tries)
KIND_NOT_FOUND = "not_found"
KIND_NO_PERMISSION = "no_permission"
KIND_FORUM_CLOSED = "mobile_closed"  # {"error": "mobile_is_closed"}: the mobile API is off
KIND_API_CHANGED = "api_changed"  # {"error": "module_not_exists"}: the API changed
KIND_FORUM_MESSAGE = "forum_message"
KIND_HTTP = "http"
KIND_NETWORK = "network"  # the forum did not answer in time, or the connection broke
KIND_OFFLINE = "offline"  # no network at all (the forum's name cannot be resolved)
KIND_BAD_RESPONSE = "bad_response"

LOGIN_HINT = ("log in with `s1reader login --username NAME` (in the window: File → Log in to the "
              "forum…), then try again")


class ForumError(Exception):
    """A fetch that failed, with a message meant for the user and a machine-readable ``kind``.

    ``forum_message`` is what the forum itself said (its ``messagestr``), ``account`` the user
    name of the session that was sent, if any. Neither ever holds a credential.
    """

    def __init__(self, kind: str, message: str, tid: int | None = None,
                 forum_message: str | None = None, account: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.tid = tid
        self.forum_message = forum_message
        self.account = account

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": str(self), "tid": self.tid, "forum_message": self.forum_message}
