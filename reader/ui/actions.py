"""Every user action of the main window, declared once: id, text, shortcuts, handler, menu.

The window builds its menus and shortcuts from this table; a handler is the name of a slot on
the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    text: str  # source text, translated in context "Actions"
    shortcuts: tuple[str | QKeySequence.StandardKey, ...]
    handler: str  # a slot of the window, or "feature.slot" for a slot of window.feature
    menu: str
    checkable: bool = False


MENUS = {
    "file": QT_TRANSLATE_NOOP("Actions", "&File"),
    "library": QT_TRANSLATE_NOOP("Actions", "&Library"),
    "view": QT_TRANSLATE_NOOP("Actions", "&View"),
    "thread": QT_TRANSLATE_NOOP("Actions", "&Thread"),
    "help": QT_TRANSLATE_NOOP("Actions", "&Help"),
}

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import_files", QT_TRANSLATE_NOOP("Actions", "Import &files…"),
               (QKeySequence.StandardKey.Open,), "import_files", "file"),
    ActionSpec("import_folder", QT_TRANSLATE_NOOP("Actions", "Import f&older…"),
               ("Ctrl+Shift+O",), "import_folder", "file"),
    ActionSpec("fetch_thread", QT_TRANSLATE_NOOP("Actions", "Save thread from &link…"),
               ("Ctrl+N",), "forum_flow.ask_and_fetch", "file"),
    ActionSpec("login", QT_TRANSLATE_NOOP("Actions", "Log &in to the forum…"),
               (), "account_flow.ask_login", "file"),
    ActionSpec("logout", QT_TRANSLATE_NOOP("Actions", "Log ou&t of the forum"),
               (), "account_flow.log_out", "file"),
    ActionSpec("export_thread", QT_TRANSLATE_NOOP("Actions", "&Export thread…"),
               ("Ctrl+Shift+E",), "forum_flow.export_thread", "file"),
    ActionSpec("export_userdata", QT_TRANSLATE_NOOP("Actions", "Export &user data…"),
               (), "userdata_flow.export_userdata", "file"),
    ActionSpec("import_userdata", QT_TRANSLATE_NOOP("Actions", "Import user &data…"),
               (), "userdata_flow.import_userdata", "file"),
    ActionSpec("export_pictures", QT_TRANSLATE_NOOP("Actions", "Export &pictures…"),
               (), "media_flow.export_pictures", "file"),
    ActionSpec("import_pictures", QT_TRANSLATE_NOOP("Actions", "Import pi&ctures…"),
               (), "media_flow.import_pictures", "file"),
    ActionSpec("settings", QT_TRANSLATE_NOOP("Actions", "&Settings…"),
               (QKeySequence.StandardKey.Preferences,), "open_settings", "file"),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"),
               (QKeySequence.StandardKey.Quit,), "close", "file"),
    ActionSpec("update_library", QT_TRANSLATE_NOOP("Actions", "&Update"),
               ("Ctrl+R",), "update_flow.update", "library"),
    ActionSpec("new_replies", QT_TRANSLATE_NOOP("Actions", "&New replies (新回复)"),
               ("Ctrl+U",), "update_flow.toggle_new_replies", "library"),
    ActionSpec("watch_folders", QT_TRANSLATE_NOOP("Actions", "Update when the archive &folders change"),
               (), "update_flow.toggle_watching", "library", checkable=True),
    ActionSpec("go_to_floor", QT_TRANSLATE_NOOP("Actions", "&Go to floor…"),
               ("G",), "ask_floor", "view"),
    ActionSpec("copy_post", QT_TRANSLATE_NOOP("Actions", "&Copy"),
               (QKeySequence.StandardKey.Copy,), "copy_post_text", "view"),
    ActionSpec("copy_whole_post", QT_TRANSLATE_NOOP("Actions", "Copy the whole &post"),
               (), "copy_whole_post", "view"),
    ActionSpec("view_post", QT_TRANSLATE_NOOP("Actions", "Open post as &text"),
               ("Ctrl+T",), "view_current_post", "view"),
    ActionSpec("focus_filter", QT_TRANSLATE_NOOP("Actions", "&Filter library"),
               ("Ctrl+L",), "focus_filter", "view"),
    ActionSpec("zoom_in", QT_TRANSLATE_NOOP("Actions", "Zoom &in"),
               (QKeySequence.StandardKey.ZoomIn, "Ctrl+="), "zoom_in", "view"),
    ActionSpec("zoom_out", QT_TRANSLATE_NOOP("Actions", "Zoom &out"),
               (QKeySequence.StandardKey.ZoomOut,), "zoom_out", "view"),
    ActionSpec("zoom_reset", QT_TRANSLATE_NOOP("Actions", "&Reset zoom"),
               ("Ctrl+0",), "zoom_reset", "view"),
    ActionSpec("full_screen", QT_TRANSLATE_NOOP("Actions", "F&ull screen"),
               (QKeySequence.StandardKey.FullScreen, "F11"), "toggle_full_screen", "view"),
    ActionSpec("search", QT_TRANSLATE_NOOP("Actions", "&Search all threads…"),
               ("Ctrl+Shift+F",), "search_flow.show_search", "view"),
    ActionSpec("bookmarks_panel", QT_TRANSLATE_NOOP("Actions", "&Bookmarks"),
               ("Ctrl+B",), "userdata_flow.toggle_bookmarks", "view"),
    ActionSpec("history_panel", QT_TRANSLATE_NOOP("Actions", "&History"),
               ("Ctrl+H",), "userdata_flow.toggle_history", "view"),
    ActionSpec("animate_smileys", QT_TRANSLATE_NOOP("Actions", "&Animate smileys"),
               (), "smiley_animation.toggle", "view", checkable=True),
    ActionSpec("offline_mode", QT_TRANSLATE_NOOP("Actions", "&Offline mode"),
               (), "media_flow.toggle_offline", "view", checkable=True),
    ActionSpec("bookmark_post", QT_TRANSLATE_NOOP("Actions", "&Bookmark this post…"),
               ("Ctrl+D",), "userdata_flow.bookmark_current_post", "thread"),
    ActionSpec("refresh_thread", QT_TRANSLATE_NOOP("Actions", "Refres&h from the forum"),
               ("F5",), "forum_flow.refresh_thread", "thread"),
    ActionSpec("refresh_followed", QT_TRANSLATE_NOOP("Actions", "Refresh &all followed threads"),
               ("Shift+F5",), "forum_flow.refresh_followed", "thread"),
    ActionSpec("digest", QT_TRANSLATE_NOOP("Actions", "D&igest"),
               ("Ctrl+Shift+D",), "digest_flow.toggle_digest", "thread"),
    ActionSpec("gallery", QT_TRANSLATE_NOOP("Actions", "&Gallery"),
               ("Ctrl+Shift+G",), "digest_flow.toggle_gallery", "thread"),
    ActionSpec("download_images", QT_TRANSLATE_NOOP("Actions", "&Download images of this thread"),
               (), "media_flow.download_thread_images", "thread"),
    ActionSpec("download_smileys", QT_TRANSLATE_NOOP("Actions", "Download all s&mileys"),
               (), "media_flow.download_all_smileys", "view"),
    ActionSpec("back", QT_TRANSLATE_NOOP("Actions", "&Back"),
               ("Alt+Left", QKeySequence.StandardKey.Back), "reading.go_back", "thread"),
    ActionSpec("forward", QT_TRANSLATE_NOOP("Actions", "&Forward"),
               ("Alt+Right", QKeySequence.StandardKey.Forward), "reading.go_forward", "thread"),
    ActionSpec("find", QT_TRANSLATE_NOOP("Actions", "&Find in thread…"),
               (QKeySequence.StandardKey.Find,), "reading.find", "thread"),
    ActionSpec("find_next", QT_TRANSLATE_NOOP("Actions", "Find &next"),
               ("F3",), "reading.find_next", "thread"),
    ActionSpec("find_previous", QT_TRANSLATE_NOOP("Actions", "Find pre&vious"),
               ("Shift+F3",), "reading.find_previous", "thread"),
    ActionSpec("only_op", QT_TRANSLATE_NOOP("Actions", "Only the thread &starter"),
               ("O",), "reading.toggle_only_op", "thread", checkable=True),
    ActionSpec("authors_panel", QT_TRANSLATE_NOOP("Actions", "&Authors"),
               ("Ctrl+Shift+A",), "reading.toggle_authors_panel", "view", checkable=True),
    ActionSpec("toggle_fold", QT_TRANSLATE_NOOP("Actions", "Fold/unfold &quotes of this post"),
               ("Z",), "reading.toggle_fold", "thread"),
    ActionSpec("expand_all_quotes", QT_TRANSLATE_NOOP("Actions", "&Expand all quotes"),
               (), "reading.expand_all_quotes", "view"),
    ActionSpec("fold_all_quotes", QT_TRANSLATE_NOOP("Actions", "Fold all &quotes"),
               (), "reading.fold_all_quotes", "view"),
    ActionSpec("conversation", QT_TRANSLATE_NOOP("Actions", "&Conversation of this post…"),
               (), "reading.show_conversation", "thread"),
    ActionSpec("manage_marks", QT_TRANSLATE_NOOP("Actions", "Blocked users, highlights and &rules…"),
               (), "reading.manage_marks", "thread"),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"),
               (QKeySequence.StandardKey.HelpContents,), "show_shortcuts", "help"),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About s1reader"),
               (), "show_about", "help"),
)


def translate(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def build_actions(window: QWidget, menubar: QMenuBar) -> dict[str, QAction]:
    """Create the actions on ``window``, put them in menus, connect them to its slots."""
    menus = {key: menubar.addMenu(translate(text)) for key, text in MENUS.items()}
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(translate(spec.text), window)
        keys: list[QKeySequence] = []
        for s in spec.shortcuts:
            if isinstance(s, QKeySequence.StandardKey):
                keys.extend(QKeySequence.keyBindings(s))
            else:
                keys.append(QKeySequence(s))
        unique: list[QKeySequence] = []
        for k in keys:
            if not k.isEmpty() and k not in unique:
                unique.append(k)
        action.setShortcuts(unique)
        action.setCheckable(spec.checkable)
        target: object = window
        for name in spec.handler.split("."):
            target = getattr(target, name)
        handler: Callable[[], object] = target  # type: ignore[assignment]
        action.triggered.connect(lambda _checked=False, h=handler: h())
        menus[spec.menu].addAction(action)
        window.addAction(action)
        actions[spec.id] = action
    return actions
