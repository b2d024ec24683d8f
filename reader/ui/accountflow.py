"""The forum account in the window: File → Log in to the forum… / Log out of the forum, and the
account's name in the status bar ("论坛：NAME", or "论坛：游客" for a guest).

Logging in, reading the kept session at start and forgetting it all run on the thread pool as
operations (``reader.ui.operations``, ``Operations.task``: the window's ``services.ops``):
the network, and a system keyring that may take its time (or ask to be unlocked), never hold the
window, and nothing waits for them. Nothing here touches the library, so no change is published.
Fetches read the session themselves (``ForumFlow``), so they always use what is kept now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from ..forum.errors import (
    KIND_LOGIN_FAILED,
    KIND_NETWORK,
    KIND_OFFLINE,
    ForumError,
)
from ..forum.links import forum_base
from .logindialog import LoginDialog
from .plain import plain_box, plain_label
from .services import WindowServices

if TYPE_CHECKING:
    from ..forum.account import ForumSession


def _host() -> str:
    from urllib.parse import urlsplit

    from ..forum.links import api_url

    return urlsplit(api_url()).netloc.lower()


class AccountFlow(QObject):
    """``account_changed(name or None)`` after the kept session was read, a login or a logout."""

    account_changed = Signal(object)

    login_timeout = 20.0  # seconds for each answer of the login (tests: shorter)

    def __init__(self, services: WindowServices) -> None:
        super().__init__(services.parent)
        self.s = services
        self.ops = services.ops
        self.username: str | None = None
        self.dialog: LoginDialog | None = None
        self.label = plain_label("", services.parent)
        services.parent.statusBar().addPermanentWidget(self.label)
        self._show()

    # -- the status bar

    def _show(self) -> None:
        if self.username:
            self.label.setText(self.tr("Forum: %1").replace("%1", self.username))
            self.label.setToolTip(self.tr("Logged in to %1; fetches use this account.")
                                  .replace("%1", forum_base()))
        else:
            self.label.setText(self.tr("Forum: guest"))
            self.label.setToolTip(self.tr("Not logged in: threads are fetched as a guest "
                                          "(File → Log in to the forum…)."))

    def _set(self, username: str | None) -> None:
        if not shiboken6.isValid(self.label):
            return  # the window closed meanwhile
        self.username = username
        self._show()
        self.account_changed.emit(username)

    def load(self) -> None:
        """Read the kept session (on the pool) and show its account."""
        host = _host()

        def work() -> str | None:
            from ..forum.account import SessionStore

            session = SessionStore().load(host)
            return session.username if session else None

        self.ops.task(work, success=self._set, failure=lambda _e: self._set(None))

    # -- log in

    def ask_login(self) -> None:
        """File → Log in to the forum…: the dialog; the login runs when it is submitted."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = LoginDialog(forum_base(), self.username or "", self.s.parent)
        self.dialog.submitted.connect(self._log_in)
        self.dialog.show()

    def _log_in(self, username: str, password: str, question: int, answer: str) -> None:
        base, timeout = forum_base(), self.login_timeout

        def work() -> ForumSession:
            from ..forum.account import SessionStore
            from ..forum.login import log_in

            store = SessionStore()
            session = log_in(base, username, password, question, answer, timeout)
            store.save(session)
            return session

        self.ops.task(work, success=self._logged_in, failure=self._login_failed)

    def _logged_in(self, session: ForumSession) -> None:
        if self.dialog is not None:
            self.dialog.done_ok()
        self._set(session.username)
        self.s.status(
            self.tr("Logged in as %1. Saving and refreshing threads use this account now.")
            .replace("%1", session.username), 10000)

    def _login_failed(self, error: BaseException) -> None:
        text = self.describe(error)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.failed(text)
        else:
            box = plain_box(QMessageBox(QMessageBox.Icon.Warning, self.tr("Login failed"), text,
                                        QMessageBox.StandardButton.Ok, self.s.parent))
            box.setModal(False)
            box.show()
            self._box = box

    def describe(self, error: BaseException) -> str:
        """Why a login failed, in the reader's language (with the forum's own words)."""
        from ..forum.account import AccountError

        if isinstance(error, AccountError):
            return self.tr("Logged in, but the session could not be kept: %1").replace("%1", str(error))
        if not isinstance(error, ForumError):
            return str(error)
        said = f"\n{error.forum_message}" if error.forum_message else ""
        if error.kind == KIND_LOGIN_FAILED:
            text = str(error)
            if "security question" in text:
                return self.tr("This account has a security question: choose it and type the "
                               "answer.") + said
            if "captcha" in text:
                return self.tr("The forum asks for a verification code this time, which s1reader "
                               "cannot show. Log in once in a browser, then try again later.") + said
            if "too many" in text:
                return self.tr("Too many failed logins: the forum refuses logins for a while. "
                               "Wait about 15 minutes.") + said
            return self.tr("The forum did not accept this user name and password.") + said
        if error.kind == KIND_OFFLINE:
            return self.tr("No network: this computer seems to be offline. Connect to the network "
                           "and try again.")
        if error.kind == KIND_NETWORK:
            return self.tr("The forum could not be reached (check the network).")
        return self.tr("The login did not work: %1").replace("%1", str(error))

    # -- log out

    def log_out(self) -> None:
        """File → Log out of the forum: forget the kept session (on the pool)."""
        host = _host()

        def work() -> bool:
            from ..forum.account import SessionStore

            return SessionStore().forget(host)

        def done(_removed: bool) -> None:
            self._set(None)
            self.s.status(self.tr("Logged out: threads are fetched as a guest again."), 8000)

        self.ops.task(work, success=done, failure=self._login_failed)
