"""The files that install s1reader as a desktop program are valid and agree with the package:
the Linux .desktop file and AppStream metainfo (validated with desktop-file-validate and
appstreamcli when installed), the icon sizes, the version everywhere, the PyInstaller entry point."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from reader import __version__
from reader.cli import main
from reader.config import DEMO_DIR, I18N_DIR, ICONS_DIR, RESOURCES_DIR

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "io.github.s1reader.desktop"
METAINFO = LINUX / "io.github.s1reader.metainfo.xml"


def test_resources_are_package_data_found_through_the_package():
    assert (ROOT / "reader" / "resources").resolve() == RESOURCES_DIR
    assert sorted(p.name for p in I18N_DIR.glob("*.qm")) == ["s1reader_en.qm", "s1reader_zh_CN.qm"]
    assert len(list(DEMO_DIR.rglob("*.md"))) == 1
    assert not (ROOT / "resources").exists()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" in data["project"]["dynamic"]
    assert data["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "reader.__version__"}


def test_version_flag(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"s1reader {__version__}"


def test_icons_in_every_hicolor_size():
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = ICONS_DIR / "hicolor" / f"{size}x{size}" / "apps" / "s1reader.png"
        with Image.open(png) as img:
            assert img.size == (size, size)
    assert (ICONS_DIR / "s1reader.ico").stat().st_size > 1000
    assert (ICONS_DIR / "s1reader.icns").stat().st_size > 1000


def test_desktop_file_and_metainfo_agree():
    desktop = dict(line.split("=", 1) for line in DESKTOP.read_text("utf-8").splitlines() if "=" in line)
    assert desktop["Exec"] == "s1reader" and desktop["Icon"] == "s1reader"
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("releases/release").get("version") == __version__


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validates():
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates():
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_frozen_entry_point_starts_multiprocessing_support_first():
    text = (ROOT / "packaging" / "s1reader_main.py").read_text("utf-8")
    body = text.split('if __name__ == "__main__":', 1)[1]
    assert body.strip().startswith("multiprocessing.freeze_support()")
    spec = (ROOT / "packaging" / "s1reader.spec").read_text("utf-8")
    assert "s1reader_main.py" in spec and "PySide6.QtNetwork" in spec
