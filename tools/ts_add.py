"""Add or update Chinese translations in reader/resources/i18n/s1reader_zh_CN.ts and recompile
the .qm with pyside6-lrelease (the same tool that made the committed .qm).

Usage: ``python tools/ts_add.py < entries.tsv`` where each line is
``CONTEXT<TAB>SOURCE<TAB>TRANSLATION`` (``\\n`` in SOURCE and TRANSLATION stands for a newline).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "reader" / "resources" / "i18n" / "s1reader_zh_CN.ts"


def add(entries: list[tuple[str, str, str]]) -> int:
    tree = ET.parse(TS)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.findall("context")}
    changed = 0
    for context, source, translation in entries:
        ctx = contexts.get(context)
        if ctx is None:
            ctx = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = context
            contexts[context] = ctx
        message = next((m for m in ctx.findall("message") if m.findtext("source") == source), None)
        if message is None:
            message = ET.SubElement(ctx, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation")
        target = message.find("translation")
        if target.text != translation or target.attrib:
            target.text = translation
            target.attrib.clear()
            changed += 1
    ET.indent(tree, "  ")
    body = ET.tostring(root, encoding="unicode")
    TS.write_text("<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE TS>\n" + body + "\n", encoding="utf-8")
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    subprocess.run([lrelease, str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    return changed


def main() -> int:
    entries = []
    for line in sys.stdin.read().splitlines():
        if not line.strip():
            continue
        context, source, translation = line.split("\t")
        entries.append((context, source.replace("\\n", "\n"), translation.replace("\\n", "\n")))
    print(f"{add(entries)} translations added or changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
