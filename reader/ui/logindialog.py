"""File → Log in to the forum…: user name, password, the security question and its answer.

It only gathers input and shows what happened (``busy`` while the login runs, ``failed(text)``
when the forum said no); ``AccountFlow`` does the login on the thread pool. The dialog is not
modal to the application and never waits: Log in emits ``submitted``, and the dialog stays open
until the flow calls ``done_ok``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .plain import plain_label

# Discuz!'s security questions as the forum shows them (reader.forum.login.QUESTIONS), by number
QUESTION_TEXTS = (
    "母亲的名字", "爷爷的名字", "父亲出生的城市", "您其中一位老师的名字", "您个人计算机的型号",
    "您最喜欢的餐馆名称", "驾驶执照最后四位数字",
)


class LoginDialog(QDialog):
    """``submitted(username, password, question, answer)`` when the user asks to log in."""

    submitted = Signal(str, str, int, str)

    def __init__(self, forum: str, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in to the forum"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        text = self.tr("Log in to %1 to save threads that only members can read. The session is "
                       "kept in the system keyring (without one, in a file only you can read); the "
                       "password is not saved.")
        intro = plain_label(text.replace("%1", forum), self)
        intro.setWordWrap(True)
        self.username = QLineEdit(username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.question = QComboBox(self)
        self.question.addItem(self.tr("No security question"))
        for text in QUESTION_TEXTS:
            self.question.addItem(text)
        self.answer = QLineEdit(self)
        self.answer.setEnabled(False)
        self.question.currentIndexChanged.connect(lambda i: self.answer.setEnabled(i > 0))
        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Security question:"), self.question)
        form.addRow(self.tr("Answer:"), self.answer)
        self.status = plain_label("", self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.login_button = self.buttons.addButton(self.tr("Log in"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addWidget(intro)
        col.addLayout(form)
        col.addWidget(self.status)
        col.addWidget(self.buttons)
        self.setMinimumWidth(440)
        (self.password if username else self.username).setFocus()

    def _submit(self) -> None:
        name, password = self.username.text().strip(), self.password.text()
        if not name or not password:
            self.failed(self.tr("Type the user name and the password."))
            return
        question = self.question.currentIndex()
        answer = self.answer.text() if question else ""
        if question and not answer:
            self.failed(self.tr("Type the answer to the security question."))
            return
        self.busy()
        self.submitted.emit(name, password, question, answer)

    def busy(self) -> None:
        for w in (self.username, self.password, self.question, self.answer, self.login_button):
            w.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Logging in…"))

    def failed(self, text: str) -> None:
        """The login did not succeed: say why, and let the user correct and try again."""
        for w in (self.username, self.password, self.question, self.login_button):
            w.setEnabled(True)
        self.answer.setEnabled(self.question.currentIndex() > 0)
        self.status.setStyleSheet("color: #c0392b;")
        self.status.setText(text)

    def done_ok(self) -> None:
        self.password.clear()
        self.answer.clear()
        self.accept()
