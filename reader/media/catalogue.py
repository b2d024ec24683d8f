"""The smiley catalogue: every smiley of the forum's current packs, as data shipped with the
program (``reader/resources/smileys.json``), so a reader can download them all once while online
and see every smiley offline, also in threads imported later.

Each pack has a directory (``face2017``), a code letter (``[f:067]`` is ``face2017/067``), a
name for people, and its files (``067.png``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from ..config import RESOURCES_DIR
from .urls import MediaRef, smiley_ref

CATALOGUE_FILE = RESOURCES_DIR / "smileys.json"


@dataclass(frozen=True, slots=True)
class SmileyPack:
    dir: str
    code: str
    name: str
    files: tuple[str, ...]


@cache
def packs() -> tuple[SmileyPack, ...]:
    """The packs of the catalogue, in the forum's order."""
    data = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    return tuple(SmileyPack(p["dir"], p["code"], p["name"], tuple(p["files"])) for p in data["packs"])


def catalogue_refs() -> list[MediaRef]:
    """Every smiley of the catalogue as a cache ref (``face2017/067.png``)."""
    return [smiley_ref(f"{p.dir}/{name}") for p in packs() for name in p.files]


def smiley_code(key: str) -> str | None:
    """The forum's code of a smiley key (``face2017/067.png`` → ``[f:067]``); None when its pack
    is not in the catalogue."""
    pack, _, name = key.partition("/")
    for p in packs():
        if p.dir == pack:
            return f"[{p.code}:{name.rsplit('.', 1)[0]}]"
    return None
