#!/usr/bin/env bash
# Add s1reader to the Linux desktop's application menu for the current user: the .desktop file,
# the icon in the hicolor sizes and the AppStream metainfo, under ~/.local/share (or $XDG_DATA_HOME).
#   bash tools/install-desktop.sh                 # Exec=s1reader (pipx or a venv on PATH)
#   bash tools/install-desktop.sh /opt/s1reader/s1reader   # a frozen build's binary
# --uninstall removes the same files.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APP_ID=io.github.s1reader
files=("applications/$APP_ID.desktop" "metainfo/$APP_ID.metainfo.xml")
if [ "${1:-}" = "--uninstall" ]; then
  rm -f "${files[@]/#/$DATA/}" "$DATA"/icons/hicolor/*/apps/s1reader.png
  echo "install-desktop: removed from $DATA" >&2
  exit 0
fi
EXEC=${1:-s1reader}
install -d "$DATA/applications" "$DATA/metainfo"
sed -e "s|^Exec=s1reader|Exec=$EXEC|" -e "s|^TryExec=s1reader|TryExec=$EXEC|" \
  "$ROOT/packaging/linux/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
install -m 644 "$ROOT/packaging/linux/$APP_ID.metainfo.xml" "$DATA/metainfo/"
for png in "$ROOT"/reader/resources/icons/hicolor/*/apps/s1reader.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  install -D -m 644 "$png" "$DATA/icons/hicolor/$size/apps/s1reader.png"
done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "install-desktop: s1reader (Exec=$EXEC) added to $DATA" >&2
