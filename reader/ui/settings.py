"""Application settings: each declared once with its type and default, stored in an INI file
under the config directory from ``reader.config.resolve_paths`` (never the system registry)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    type: type
    default: Any


LANGUAGE = Option("ui/language", str, "system")  # "system", "zh_CN" or "en"
THEME = Option("ui/theme", str, "system")  # "system", "light" or "dark"
ZOOM = Option("ui/zoom", float, 1.0)
GEOMETRY = Option("window/geometry", QByteArray, QByteArray())
STATE = Option("window/state", QByteArray, QByteArray())
SPLITTER = Option("window/splitter", QByteArray, QByteArray())
LAST_TID = Option("library/last_tid", int, 0)
SORT = Option("library/sort", str, "last_post")
LAST_IMPORT_DIR = Option("import/last_dir", str, "")
WATCH_FOLDERS = Option("library/watch", int, 0)  # update when the imported folders change


class AppSettings:
    """Typed access to the INI file."""

    def __init__(self, config_dir: Path) -> None:
        config_dir.mkdir(parents=True, exist_ok=True)
        self.path = config_dir / "s1reader.ini"
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, option: Option) -> Any:
        value = self.qsettings.value(option.key, option.default)
        if value is None:
            return option.default
        if option.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        try:
            return option.type(value)
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option, value: Any) -> None:
        self.qsettings.setValue(option.key, value)

    def sync(self) -> None:
        self.qsettings.sync()
