"""Loading the interface language: a .qm file from the package data
(``reader/resources/i18n``), chosen from the setting or
the system locale, and beside it Qt's own translation (``qtbase_zh_CN.qm`` from the Qt
installation: file dialogs, OK/Cancel/Close, the text edit's context menu). English is the source
language and needs no file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..config import I18N_DIR

LANGUAGES = ("system", "zh_CN", "en")

_installed: list[QTranslator] = []


def resolve_language(setting: str) -> str:
    if setting in ("zh_CN", "en"):
        return setting
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_translator(setting: str) -> str:
    """Install the translator for ``setting``; returns the language code in use."""
    app = QCoreApplication.instance()
    lang = resolve_language(setting)
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{lang}", qt_dir), (f"s1reader_{lang}", str(I18N_DIR))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return lang
