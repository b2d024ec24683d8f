"""Starting the desktop application: ``run_gui`` opens the main window, or renders it offscreen
to a PNG (``--screenshot``) and exits."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time

from ..config import HomeError, resolve_paths
from ..store.db import LibraryBusy, LibraryDamaged, LibraryTooNew, open_library, schema_version_of
from ..store.migrations import LATEST
from .plain import plain_box, plain_message

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                "WenQuanYi Micro Hei")
# colour emoji (⏰ 🌙 in posts and titles) as the last fallback: placed before the text fonts they
# would draw digits and '#' (keycap bases) in emoji style
EMOJI_FAMILIES = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji")


def _parse_size(size: str | None) -> tuple[int, int]:
    if size:
        w, _, h = size.lower().partition("x")
        if w.isdigit() and h.isdigit():
            return max(320, int(w)), max(240, int(h))
    return 1280, 860


def _application():
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("s1reader")
        app.setStyle("Fusion")
        app.setFont(interface_font(app.font(), set(QFontDatabase.families())))
    return app


def interface_font(base, installed: set[str]):
    """The application font: a CJK family first, the platform's, then a colour emoji font;
    at least 10 pt."""
    from PySide6.QtGui import QFont

    font = QFont(base)
    cjk = [f for f in CJK_FAMILIES if f in installed]
    emoji = [f for f in EMOJI_FAMILIES if f in installed][:1]
    families = [*cjk, *(f for f in font.families() if f not in cjk and f not in emoji), *emoji]
    if families != font.families():
        font.setFamilies(families)
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    return font


def run_gui(home: str | None, screenshot: str | None = None, thread: int | None = None,
            floor: int | None = None, size: str | None = None, dialog: str | None = None,
            describe: bool = False, page: str | None = None, end_process: bool = False) -> int:
    """Open the main window (or, with ``screenshot``, save a PNG of it, or of ``dialog``, and
    exit; ``describe`` prints what was rendered as JSON). Exit code. ``end_process``: the program
    ends right after the window (the command line), without the interpreter's slow teardown.

    A second start on a library that a window has open brings that window to the front instead
    (``reader.ui.instance``)."""
    if screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        paths = resolve_paths(home).ensure()
    except HomeError as e:
        return _bad_home(e, show=screenshot is None)
    app = _application()

    from .appicon import app_icon
    from .mainwindow import MainWindow
    from .settings import LANGUAGE, AppSettings
    from .translation import install_translator

    settings = AppSettings(paths.config)
    language = install_translator(settings.get(LANGUAGE))
    if screenshot is None:
        from . import instance

        answer = instance.hand_over(paths.db, thread, floor)
        if answer == instance.HANDED_OVER:
            print(f"s1reader: the library {paths.db} is already open in a window; brought that "
                  "window to the front", file=sys.stderr)
            return 0
        if answer == instance.NOT_ANSWERING:
            return _open_elsewhere(paths.db)
    version = schema_version_of(paths.db)
    if screenshot is None and version and version < LATEST:
        from .upgradedialog import confirm_upgrade

        if not confirm_upgrade(paths.db, version, LATEST):
            return 0  # the library stays as it is
    steps = _UpgradeProgress() if screenshot is None and version and version < LATEST else None
    try:
        open_library(paths.db, on_upgrade=_upgraded, on_step=steps)
    except Exception as e:  # a damaged, foreign, newer or busy library: say so, in a window
        return _cannot_open(paths.db, e, show=screenshot is None)
    finally:
        if steps is not None:
            steps.close()
    if screenshot is None:
        install_error_dialog()
    app.setWindowIcon(app_icon())
    window = MainWindow(paths, settings, record_reading=screenshot is None)
    if os.environ.get("S1READER_TRACE_STARTUP"):
        _trace_first_paint(window)
    if screenshot:
        code = _screenshot(app, window, screenshot, thread, floor, size, dialog, page)
        if describe and code == 0:
            print(json.dumps(_describe(window, screenshot, language)))  # ASCII: any console
        return code
    from .instance import InstanceServer

    server = InstanceServer(paths.db, window)
    server.asked.connect(window.bring_to_front)
    window.show()
    window.start(thread, floor)
    code = app.exec()
    server.close()
    return _leave(code, window, end_process)


CLOSE_WRITES_WAIT_S = 30.0  # after the event loop, the longest wait for queued small writes


def _open_elsewhere(db) -> int:
    """A window holds the library but did not answer the second start: say so."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    print(f"s1reader: the library {db} is open in another s1reader window that does not answer; "
          "close that window first", file=sys.stderr)
    text = QCoreApplication.translate(
        "App", "The library %1 is already open in another s1reader window, which does not answer. "
               "Close that window (or end that program) and start s1reader again.").replace("%1", str(db))
    plain_message(None, QMessageBox.Icon.Warning, "s1reader", text)
    return 1


def _leave(code: int, window, end_process: bool = False) -> int:
    """End the process after the event loop, without waiting for work that can be abandoned.

    By now the window has saved the reading position and settings (``closeEvent``) and the
    media flow has cut its downloads (``aboutToQuit``). Tasks started with
    ``finish_before_exit`` (an export being written) are waited for, and the small writes
    still queued (the close waited for them already; an event loop left another way did not).
    Anything still running after that (a stalled picture download, a decode, the network
    probe, an import or a forum fetch stopping, which commit whole threads or pages and resume
    on the next run) would hold the process for its timeouts at interpreter and Qt shutdown, so
    the process ends at once.
    """
    from ..store import library
    from .worker import background_running, wait_for_finishing

    wait_for_finishing()
    writer = library.current().writer if library.is_open() else None
    if writer is not None:
        writer.wait_small(CLOSE_WRITES_WAIT_S)
    if end_process or background_running() or window.media_flow.busy() \
            or (writer is not None and not writer.idle()):
        # everything the reader did is saved (position, settings, queued writes); the
        # interpreter's teardown of Qt objects and modules only held the process 0.7-2.5 s
        if end_process and writer is not None and writer.idle():
            from ..store.db import close_library

            with contextlib.suppress(Exception):
                close_library()  # a clean close (the WAL checkpointed), not required
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


class _UpgradeProgress:
    """A progress window while the library's schema is upgraded (a step can take half a minute
    on a year's archive): which step runs, and how far a long one is. The upgrade runs on this
    thread; the window is repainted each time a step reports."""

    def __init__(self) -> None:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QProgressDialog

        self._tr = QCoreApplication.translate
        self.dialog = QProgressDialog(self._tr("App", "Upgrading the library…"), "", 0, 0)
        self.dialog.setWindowTitle("s1reader")
        self.dialog.setCancelButton(None)  # a step is one transaction: it finishes or rolls back
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setMinimumWidth(480)

    def __call__(self, number: int, what: str, done: int, total: int) -> None:
        from PySide6.QtCore import QCoreApplication

        self.dialog.setLabelText(
            self._tr("App", "Upgrading the library: step %1 of %2 (%3)…\nYour bookmarks and "
                            "reading positions were saved beside it first.")
            .replace("%1", str(number)).replace("%2", str(LATEST))
            .replace("%3", self._tr("Migrations", what)))
        if total:
            self.dialog.setRange(0, total)
            self.dialog.setValue(min(done, total))
        else:
            self.dialog.setRange(0, 0)
        self.dialog.show()
        QCoreApplication.processEvents()

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


def _trace_first_paint(window) -> None:
    """Print (stderr) the wall-clock time when the thread view first paints posts: how long a
    start takes to show a thread, measured by ``benchmarks/scale_bench.py``."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint and window.view.thread_model.rowCount():
                print(f"s1reader-startup: first-paint {time.time():.3f}", file=sys.stderr, flush=True)
                obj.removeEventFilter(self)
            return False

    window._first_paint = FirstPaint(window)
    window.view.viewport().installEventFilter(window._first_paint)


def _upgraded(old: int, new: int, backup) -> None:
    print(f"s1reader: upgrading the library from schema {old} to {new}; your user data was saved "
          f"first to {backup}", file=sys.stderr)


def _bad_home(error: HomeError, show: bool) -> int:
    """The folder for the library cannot be used (``--home`` names a file, no permission): say
    which and what to do, in a window in the system's language, instead of a traceback."""
    print(f"s1reader: {error}", file=sys.stderr)
    if not show:
        return 1
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from .translation import install_translator

    _application()
    install_translator("system")
    tr = QCoreApplication.translate
    if error.reason == "file":
        why = tr("App", "%1 is a file, not a folder.").replace("%1", str(error.path))
    elif error.reason == "permission":
        why = tr("App", "The folder %1 cannot be created: no permission to write there.") \
            .replace("%1", str(error.path))
    else:
        why = tr("App", "The folder %1 cannot be created (%2).") \
            .replace("%1", str(error.path)).replace("%2", error.detail)
    text = tr("App", "s1reader cannot keep its library there\n\n%1\n\nStart it with --home set to a "
                     "folder you can write to (a new or an existing one), or without --home "
                     "(and without S1READER_HOME) for the usual place.").replace("%1", why)
    plain_message(None, QMessageBox.Icon.Critical, "s1reader", text)
    return 1


def _cannot_open(db, error: Exception, show: bool) -> int:
    """Say why the library cannot be opened and what to do; nothing was written to it."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    tr = QCoreApplication.translate
    if isinstance(error, LibraryTooNew):
        advice = tr("App", "It was written by a newer s1reader (schema %1); nothing was changed in "
                           "it. Install that version or a newer one to open it.") \
            .replace("%1", str(error.version))
    elif isinstance(error, LibraryBusy):
        advice = tr("App", "Another s1reader (a command-line import or another window) is writing "
                           "to it. Nothing was changed; start s1reader again when it has finished.")
    elif isinstance(error, LibraryDamaged):
        advice = tr("App", "The file is damaged; nothing more is written to it. First save your "
                           "bookmarks and lists with `s1reader userdata export backup.json` (it "
                           "saves what can still be read), then move the file away, import your "
                           "archives again and run `s1reader userdata import backup.json` (or "
                           "import the newest automatic backup, *-userdata-schema*.json beside the "
                           "library).")
    else:
        advice = tr("App", "A library written by a newer s1reader needs that version. If the file "
                           "is damaged, first save your bookmarks and lists with `s1reader userdata "
                           "export backup.json`, then move the file away and import your archives "
                           "again.")
    text = tr("App", "s1reader cannot open its library\n%1\n\n%2\n\n%3") \
        .replace("%1", str(db)).replace("%2", str(error)).replace("%3", advice)
    print(f"s1reader: cannot open the library {db}: {error}", file=sys.stderr)
    if show:
        plain_message(None, QMessageBox.Icon.Critical, "s1reader", text)
    return 1


def install_error_dialog() -> None:
    """An error that escapes a slot is shown in a dialog (and printed), never silently lost and
    never a crash: the reader keeps the window and its data."""
    import traceback

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    shown: set[str] = set()

    def hook(kind, value, tb) -> None:
        sys.__excepthook__(kind, value, tb)
        message = f"{kind.__name__}: {value}"
        if message in shown or QApplication.instance() is None:
            return
        shown.add(message)
        box = QMessageBox(QMessageBox.Icon.Warning, "s1reader",
                          QCoreApplication.translate(
                              "App", "Something went wrong; your library and bookmarks are safe.\n%1")
                          .replace("%1", message),
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        plain_box(box)
        box.setDetailedText("".join(traceback.format_exception(kind, value, tb)))
        box.setModal(False)
        box.show()

    sys.excepthook = hook


def _describe(window, out: str, language: str) -> dict:
    """What a screenshot shows, for scripts and tests that cannot read pixels."""
    banner = window.banner
    about = getattr(window, "_about", None)
    return {
        "path": out,
        "language": language,
        "window_title": window.windowTitle(),
        "thread": window.tid,
        "thread_title": window.title_label.text(),
        "posts": len(window.view.thread_model.ids),
        "welcome": banner.isVisibleTo(window) and banner.expanded,
        "banner_text": banner.label.text() if banner.isVisibleTo(window) else None,
        "dialog_text": about.text() if about is not None else None,
    }


def _screenshot(app, window, out: str, thread: int | None, floor: int | None,
                size: str | None, dialog: str | None = None, page: str | None = None) -> int:
    w, h = _parse_size(size)
    window.resize(w, h)
    window.show()
    app.processEvents()
    window.start(thread, floor)
    for _ in range(5):  # the start's queued steps begin the listing and the thread's reading
        app.processEvents()
    # a picture is not the window in use: it waits for the start-up writes (the demo into an
    # empty library), a huge thread read off the GUI thread and a big library's listing
    deadline = time.monotonic() + 60
    while (window.ops.writes_pending() or window.opening() or window.library.listing()) \
            and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    for _ in range(3):
        app.processEvents()
    if floor:
        window.view.go_to_floor(floor)
    for _ in range(3):
        app.processEvents()
    # cached and pasted pictures decode in the background, asked for as the posts are painted:
    # let them arrive before the grab (quiet for a moment: a paint can ask for more)
    images = getattr(getattr(window, "media_flow", None), "images", None)
    if images is not None:
        deadline, quiet = time.monotonic() + 10, 0
        while quiet < 10 and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
            quiet = quiet + 1 if images.idle() else 0
    if page and page != "posts":
        from PySide6.QtCore import QThreadPool

        window.show_page(page)
        QThreadPool.globalInstance().waitForDone(30000)  # the digest or image list is worked out
        for _ in range(5):
            app.processEvents()
        gallery = window.digest_flow.gallery.model
        if page == "gallery" and gallery.wait_idle(10000):
            for _ in range(3):
                app.processEvents()
    target = window
    if dialog == "about":
        window.show_about()
        target = window._about
        target.adjustSize()
        for _ in range(3):
            app.processEvents()
    ok = target.grab().save(out)
    if target is not window:
        target.close()
    window.close()
    if not ok:
        print(f"error: could not write {out}", file=sys.stderr)
        return 1
    return 0
