"""The wheel is the whole program: build it (from the sdist, as pip and pipx do), install it into a
fresh virtual environment in a temporary folder outside the checkout, and run the installed
``s1reader`` there: the demo thread opens in Chinese, a corpus file imports, search answers,
``--version`` agrees with the package metadata.

To stay quick the new environment does not download the dependencies again: a ``.pth`` line
puts the test environment's site-packages *after* its own. A ``.pth`` line only adds a folder to
``sys.path``; the ``.pth`` files inside that folder (among them the editable install's finder,
which would import the checkout) are not run. The test checks that ``reader`` and its data are
imported from the new environment and that the checkout is not on ``sys.path``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from PIL import Image

REPO_ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: int = 300
         ) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert proc.returncode == 0, f"{args}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build sdist and wheel, install the wheel into a new venv; the venv's python and script."""
    root = tmp_path_factory.mktemp("installed")
    assert not root.resolve().is_relative_to(REPO_ROOT), "the install must be outside the checkout"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    dist = root / "dist"
    # python -m build: the sdist from the checkout, then the wheel from the unpacked sdist, so a
    # file missing from the sdist is missing from the wheel too
    _run([sys.executable, "-m", "build", "--outdir", dist, REPO_ROOT], cwd=root, env=env, timeout=600)
    wheels = sorted(dist.glob("s1reader-*.whl"))
    sdists = sorted(dist.glob("s1reader-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(dist.iterdir())
    venv = root / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=root, env=env)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=root, env=env).stdout.strip())
    (site / "zz_s1reader_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
          "-q", wheels[0]], cwd=root, env=env)
    return {"root": root, "python": python, "script": python.parent / "s1reader",
            "wheel": wheels[0], "sdist": sdists[0], "site": site, "env": env}  # type: ignore[dict-item]


@pytest.mark.slow
def test_the_installed_wheel_is_the_whole_program(installed, corpus_dir: Path):
    root, python, script, site = (installed["root"], installed["python"], installed["script"],
                                  installed["site"])
    env = dict(installed["env"])  # type: ignore[arg-type]
    home = root / "home"
    env.update(S1READER_HOME=str(home), LANG="zh_CN.UTF-8", LANGUAGE="zh_CN", QT_QPA_PLATFORM="offscreen")
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)

    # imported from the new environment, the checkout nowhere on the path
    probe = json.loads(_run([python, "-c",
                             "import json, sys, importlib.metadata as m, reader, reader.config as c;"
                             "print(json.dumps({'file': reader.__file__, 'res': str(c.RESOURCES_DIR),"
                             "'path': sys.path, 'version': m.version('s1reader'),"
                             "'qm': sorted(p.name for p in c.I18N_DIR.glob('*.qm')),"
                             "'demo': [str(p) for p in c.demo_files()]}))"],
                            cwd=root, env=env).stdout)
    assert Path(probe["file"]).is_relative_to(site), probe["file"]
    assert Path(probe["res"]).is_relative_to(site)
    assert not any(p and Path(p).resolve() == REPO_ROOT for p in probe["path"])
    assert probe["qm"] == ["s1reader_en.qm", "s1reader_zh_CN.qm"]
    assert len(probe["demo"]) == 1 and Path(probe["demo"][0]).is_relative_to(site)

    # --version: the console script, python -m reader and the metadata agree
    v1 = _run([script, "--version"], cwd=root, env=env).stdout.strip()
    v2 = _run([python, "-m", "reader", "--version"], cwd=root, env=env).stdout.strip()
    assert v1 == v2 == f"s1reader {probe['version']}"
    assert installed["wheel"].name.startswith(f"s1reader-{probe['version']}-")

    # the demo thread opens, in Chinese, with its icon and translations found
    shot = root / "demo.png"
    proc = _run([script, "--screenshot", shot, "--json"], cwd=root, env=env, timeout=120)
    info = json.loads(proc.stdout)
    assert info["language"] == "zh_CN"
    assert info["thread"] == 9999999 and info["posts"] > 5
    assert "演示帖" in info["window_title"] and "演示帖" in info["thread_title"]
    assert "导入" in info["banner_text"] and info["welcome"] is True
    assert "does not exist" not in proc.stderr and "Cannot open" not in proc.stderr, proc.stderr
    with Image.open(shot) as img:
        assert img.size == (1280, 860)
        colours = img.convert("RGB").getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 200  # text, a card, an avatar: not a blank window
    assert shot.stat().st_size > 40_000

    # a corpus file imports, and search finds its title's words
    src = min((p for p in corpus_dir.glob("*/*.md") if re.match(r"\d+-01\[", p.name)),
              key=lambda p: p.stat().st_size)
    result = json.loads(_run([script, "import", src, "--json"], cwd=root, env=env).stdout)
    assert result["threads"] == 1 and result["posts_added"] > 0 and not result["failed"]
    threads = json.loads(_run([script, "threads", "--json"], cwd=root, env=env).stdout)
    assert [t["tid"] for t in threads] == [int(src.name.split("-")[0])]  # the demo has left
    body = src.read_text("utf-8").split("\n##### ", 1)[1].split("\n", 1)[1]  # after a floor line
    word = re.search(r"[\u4e00-\u9fff]{2}", body)
    assert word, body[:200]
    hits = json.loads(_run([script, "search", word.group(0), "--json"], cwd=root, env=env).stdout)
    assert hits["total"] > 0 and hits["hits"][0]["tid"] == threads[0]["tid"]


@pytest.mark.slow
def test_the_sdist_carries_the_sources_of_the_data(installed):
    import tarfile

    with tarfile.open(installed["sdist"]) as tar:
        names = tar.getnames()
    for needed in ("reader/resources/i18n/s1reader_zh_CN.ts", "reader/resources/i18n/s1reader_zh_CN.qm",
                   "reader/resources/icons/s1reader.svg", "tests/test_installed_wheel.py",
                   "packaging/s1reader.spec"):
        assert any(n.endswith(needed) for n in names), needed
    assert any("reader/resources/demo/" in n and n.endswith(".md") for n in names)
