#!/usr/bin/env bash
# Build the one-folder frozen program (PyInstaller, packaging/s1reader.spec) into dist/s1reader and
# smoke-test the built binary outside the checkout: --version (against reader/__init__.py), the
# demo thread in Chinese (--screenshot --json, PNG size), an import of the whole corpus (over
# 8 MiB: it runs in worker processes, the frozen multiprocessing path), a search. Prints the
# folder's size and the start-up times. Run by hand (minutes); not part of the test suite.
#   bash tools/build-frozen.sh            # uses .venv (tools/bootstrap.sh makes it)
#   PYTHON=/path/to/python CORPUS=/path/to/corpus bash tools/build-frozen.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
fail() { echo "build-frozen: FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

"$PY" -m pip install -q "pyinstaller>=6.10" "pyinstaller-hooks-contrib>=2024.8"
t0=$(now)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/s1reader.spec
echo "build-frozen: built in $(secs "$t0" "$(now)") s" >&2
BIN="$ROOT/dist/s1reader/s1reader"
[ -x "$BIN" ] || fail "no binary at $BIN"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"  # nothing of the checkout on the path
unset PYTHONPATH PYTHONHOME
export S1READER_HOME="$WORK/home" QT_QPA_PLATFORM=offscreen
unset LC_ALL LC_MESSAGES
zh() { LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$@"; }  # the program in a Chinese locale (none needed here)

want="s1reader $(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/reader/__init__.py")"
t0=$(now)
got=$("$BIN" --version)
t_version=$(secs "$t0" "$(now)")
[ "$got" = "$want" ] || fail "--version says '$got', expected '$want'"
t0=$(now)
got=$("$BIN" --version)
t_version_warm=$(secs "$t0" "$(now)")

t0=$(now)
zh "$BIN" --screenshot "$WORK/demo.png" --json > "$WORK/demo.json" 2> "$WORK/demo.err" \
  || { cat "$WORK/demo.err" >&2; fail "--screenshot"; }
t_window=$(secs "$t0" "$(now)")
"$PY" - "$WORK/demo.json" "$WORK/demo.png" "$WORK/demo.err" <<'PYEOF' || fail "demo screenshot"
import json, os, sys
info = json.load(open(sys.argv[1], encoding="utf-8"))
err = open(sys.argv[3], encoding="utf-8").read()
assert info["language"] == "zh_CN", info
assert info["thread"] == 9999999 and info["posts"] > 5, info
assert "演示帖" in info["window_title"], info
assert "does not exist" not in err and "Cannot open" not in err, err
size = os.path.getsize(sys.argv[2])
assert size > 40_000, size
print(f"build-frozen: demo screenshot ok: {info['window_title']!r}, {size // 1024} KiB PNG", file=sys.stderr)
PYEOF
cp "$WORK/demo.png" "$ROOT/dist/s1reader-demo.png"

if [ -d "$CORPUS" ]; then
  mib=$(du -sm "$CORPUS" | cut -f1)
  t0=$(now)
  "$BIN" import "$CORPUS" --workers 2 --json > "$WORK/import.json" 2> "$WORK/import.err" \
    || { tail -20 "$WORK/import.err" >&2; fail "import of $CORPUS"; }
  t_import=$(secs "$t0" "$(now)")
  "$BIN" search 高达 --json > "$WORK/search.json" || fail "search"
  "$PY" - "$WORK/import.json" "$WORK/search.json" "$mib" "$t_import" <<'PYEOF' || fail "import/search results"
import json, sys
imp = json.load(open(sys.argv[1], encoding="utf-8"))
hits = json.load(open(sys.argv[2], encoding="utf-8"))
assert imp["threads"] > 50 and imp["posts_added"] > 50_000 and not imp["failed"], imp
assert hits["total"] > 0 and hits["hits"], hits
print(f"build-frozen: imported {sys.argv[3]} MiB with 2 worker processes in {sys.argv[4]} s: "
      f"{imp['threads']} threads, {imp['posts_added']} posts; search 高达: {hits['total']} hits",
      file=sys.stderr)
PYEOF
else
  echo "build-frozen: no corpus at $CORPUS: import and search not tested" >&2
  fail "corpus missing"
fi

size=$(du -sh "$ROOT/dist/s1reader" | cut -f1)
qtlibs=$(find "$ROOT/dist/s1reader" -name 'libQt6*.so*' -printf '%f\n' | sed 's/\.so.*//' | sort -u | tr '\n' ' ')
echo "build-frozen: OK"
echo "  folder:        $ROOT/dist/s1reader ($size)"
echo "  Qt libraries:  $qtlibs"
echo "  --version:     ${t_version} s (first run), ${t_version_warm} s (again)"
echo "  window:        ${t_window} s (start, open the demo, render offscreen, exit)"
echo "  corpus import: ${t_import} s"
