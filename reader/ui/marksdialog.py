"""Manage blocked users, highlighted users and keyword rules (add, remove, note why, expiry),
and the two display settings that go with them (quote folding threshold, blocked posts
collapsed or hidden).

Each add or remove is an operation (``reader.ui.operations``), not waited for; the lists are
read again when a change of marks or rules is published, whoever made it."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..store import operations, userdata
from ..store.changes import MARKS, RULES, Changes
from ..store.userdata import UserDataError
from .errortext import translated
from .operations import Operations
from .plain import plain_box


def _date(d) -> str:
    return d.strftime("%Y-%m-%d") if d else ""


class MarksDialog(QDialog):
    """Edits are written as they are made (the window follows them through ``ops.changed``);
    the display settings are read by the caller when the dialog closes."""

    def __init__(self, fold_lines: int, block_mode: str, ops: Operations, parent=None) -> None:
        super().__init__(parent)
        self.ops = ops
        ops.changed.connect(self._changed)
        self.setWindowTitle(self.tr("Blocked users, highlights and rules"))
        self.resize(780, 520)
        tabs = QTabWidget(self)
        self.lists: dict[str, QTreeWidget] = {}
        for kind, title in (("block", self.tr("Blocked users")),
                            ("highlight", self.tr("Highlighted users"))):
            tabs.addTab(self._mark_tab(kind), title)
        tabs.addTab(self._rule_tab(), self.tr("Keyword rules"))
        tabs.addTab(self._settings_tab(fold_lines, block_mode), self.tr("Display"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.refresh()

    # -- users

    def _mark_tab(self, kind: str) -> QWidget:
        page = QWidget(self)
        tree = QTreeWidget(page)
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels([self.tr("User"), self.tr("Why"), self.tr("Since"),
                              self.tr("Expires"), self.tr("Colour")])
        self.lists[kind] = tree
        name, note, days = QLineEdit(page), QLineEdit(page), QSpinBox(page)
        name.setPlaceholderText(self.tr("User name"))
        note.setPlaceholderText(self.tr("Why (optional)"))
        days.setRange(0, 3650)
        days.setSpecialValueText(self.tr("never expires"))
        days.setSuffix(self.tr(" days"))
        add = QPushButton(self.tr("Add"), page)
        remove = QPushButton(self.tr("Remove selected"), page)
        color = {"value": "#e8a317"}

        def do_add() -> None:
            chosen = None
            if kind == "highlight":
                picked = QColorDialog.getColor(QColor(color["value"]), self)
                if not picked.isValid():
                    return
                chosen = color["value"] = picked.name()

            def added(_mark) -> None:
                name.clear()
                note.clear()

            self.ops.write(operations.mark_user, name.text(), kind, note.text(), chosen,
                           days.value() or None, success=added, failure=self._failed,
                           context=self)

        def do_remove() -> None:
            names = [item.text(0) for item in tree.selectedItems()]
            if names:
                self.ops.write(operations.unmark_users, names, kind, context=self)

        add.clicked.connect(do_add)
        remove.clicked.connect(do_remove)
        row = QHBoxLayout()
        for w in (name, note, days, add):
            row.addWidget(w)
        col = QVBoxLayout(page)
        col.addWidget(tree, 1)
        col.addLayout(row)
        col.addWidget(remove)
        return page

    # -- rules

    def _rule_tab(self) -> QWidget:
        page = QWidget(self)
        tree = self.rules = QTreeWidget(page)
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels([self.tr("Pattern"), self.tr("Applies to"), self.tr("Action"),
                              self.tr("Why"), self.tr("Expires")])
        pattern, note = QLineEdit(page), QLineEdit(page)
        pattern.setPlaceholderText(self.tr("Word or regular expression"))
        note.setPlaceholderText(self.tr("Why (optional)"))
        regex = QCheckBox(self.tr("Regex"), page)
        what = QComboBox(page)
        what.addItem(self.tr("Collapse posts"), ("post", "collapse"))
        what.addItem(self.tr("Hide posts"), ("post", "hide"))
        what.addItem(self.tr("Hide threads by title"), ("title", "hide"))
        days = QSpinBox(page)
        days.setRange(0, 3650)
        days.setSpecialValueText(self.tr("never expires"))
        days.setSuffix(self.tr(" days"))
        add = QPushButton(self.tr("Add"), page)
        remove = QPushButton(self.tr("Remove selected"), page)

        def do_add() -> None:
            target, action = what.currentData()

            def added(_rule) -> None:
                pattern.clear()
                note.clear()

            self.ops.write(operations.add_rule, pattern.text(), regex.isChecked(), target,
                           action, note.text(), days.value() or None, success=added,
                           failure=self._failed, context=self)

        def do_remove() -> None:
            ids = [int(item.data(0, 256)) for item in tree.selectedItems()]
            if ids:
                self.ops.write(operations.remove_rules, ids, context=self)

        add.clicked.connect(do_add)
        remove.clicked.connect(do_remove)
        row = QHBoxLayout()
        for w in (pattern, regex, what, note, days, add):
            row.addWidget(w)
        col = QVBoxLayout(page)
        col.addWidget(tree, 1)
        col.addLayout(row)
        col.addWidget(remove)
        return page

    def _settings_tab(self, fold_lines: int, block_mode: str) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.fold_box = QSpinBox(page)
        self.fold_box.setRange(0, 100)
        self.fold_box.setSpecialValueText(self.tr("never fold"))
        self.fold_box.setValue(fold_lines)
        form.addRow(self.tr("Fold quotes longer than (lines):"), self.fold_box)
        self.block_box = QComboBox(page)
        self.block_box.addItem(self.tr("Collapse to one line (click to peek)"), "collapse")
        self.block_box.addItem(self.tr("Hide entirely"), "hide")
        self.block_box.setCurrentIndex(1 if block_mode == "hide" else 0)
        form.addRow(self.tr("Posts of blocked users:"), self.block_box)
        return page

    def fold_lines(self) -> int:
        return self.fold_box.value()

    def block_mode(self) -> str:
        return self.block_box.currentData()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserDataError):  # what was typed cannot be a mark or a rule
            box = plain_box(QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), translated(str(error)),
                                        QMessageBox.StandardButton.Ok, self))
            box.setModal(False)
            box.show()
        else:
            self.ops.show_failure(error)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.user_data_changed(MARKS, RULES):
            self.refresh()

    def refresh(self) -> None:
        never = self.tr("never")
        for kind, tree in self.lists.items():
            tree.clear()
            for m in userdata.list_marks(kind, include_expired=True):
                item = QTreeWidgetItem([m.name, m.note, _date(m.created_at),
                                        _date(m.expires_at) or never, m.color or ""])
                if m.color:
                    item.setBackground(4, QColor(m.color))
                tree.addTopLevelItem(item)
        self.rules.clear()
        names = {("post", "collapse"): self.tr("Collapse posts"),
                 ("post", "hide"): self.tr("Hide posts"),
                 ("title", "hide"): self.tr("Hide threads by title"),
                 ("title", "collapse"): self.tr("Hide threads by title")}
        for r in userdata.list_rules(include_expired=True):
            kind = self.tr("Regex") if r.is_regex else self.tr("Word")
            item = QTreeWidgetItem([r.pattern, kind, names[(r.target, r.action)], r.note,
                                    _date(r.expires_at) or never])
            item.setData(0, 256, r.id)
            self.rules.addTopLevelItem(item)
