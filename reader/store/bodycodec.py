"""Compact storage of post bodies: the codec JSON of a body, compressed with zstd.

A post body is a few hundred bytes of JSON with the same strings over and over (tags, smiley
URLs, client lines); compressed on its own it barely shrinks. A zstd dictionary trained on the
library's own bodies halves it. Dictionaries live in the ``body_dict`` table and are never
changed or deleted once a body uses one: each compressed frame names its dictionary (zstd's
dict id), so any stored body can always be read back, whatever dictionary is newest.

No Qt, no parsing; ``pack``/``unpack`` are pure and fast (they run in import workers too).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import zstandard

LEVEL = 3
# dictionary ids are ours: 1..255 in the first byte of each stored body, 0 for none
DICT_SIZE = 64 * 1024
MIN_SAMPLES = 500


class BodyCodec:
    """Compresses with the newest dictionary; decompresses with whichever a body names."""

    def __init__(self, dicts: dict[int, bytes] | None = None) -> None:
        self._raw: dict[int, bytes] = {}
        self._dec: dict[int, zstandard.ZstdDecompressor] = {0: zstandard.ZstdDecompressor()}
        self._plain = zstandard.ZstdCompressor(level=LEVEL, write_checksum=False)
        self._comp = self._plain
        self.dict_id = 0
        for did, data in sorted((dicts or {}).items()):
            self.add(did, data)

    def add(self, dict_id: int, data: bytes) -> None:
        d = zstandard.ZstdCompressionDict(data)
        self._raw[dict_id] = data
        self._dec[dict_id] = zstandard.ZstdDecompressor(dict_data=d)
        if dict_id >= self.dict_id:
            self.dict_id = dict_id
            self._comp = zstandard.ZstdCompressor(level=LEVEL, dict_data=d, write_checksum=False,
                                                  write_dict_id=False)

    @property
    def dicts(self) -> dict[int, bytes]:
        return dict(self._raw)

    def pack(self, text: str) -> bytes:
        """The stored form: one byte naming the dictionary, then the zstd frame."""
        return bytes((self.dict_id,)) + self._comp.compress(text.encode())

    def unpack(self, blob: bytes | str) -> str:
        if isinstance(blob, str):  # a body written before compression (never after schema 6)
            return blob
        return self._decompress(blob).decode()

    def unpack_bytes(self, blob: bytes | str) -> bytes:
        """The stored JSON as UTF-8, not decoded (a cheaper first look at many bodies)."""
        if isinstance(blob, str):
            return blob.encode()
        return self._decompress(blob)

    def _decompress(self, blob: bytes) -> bytes:
        dec = self._dec.get(blob[0])
        if dec is None:
            raise ValueError(f"body compressed with unknown dictionary {blob[0]}")
        return dec.decompress(blob[1:])


def train(samples: Sequence[str], dict_id: int) -> bytes | None:
    """A raw-content dictionary for ``samples`` (None when there are too few to learn from).

    zstd's trainer picks the substrings that recur across the samples and the entropy tables.
    """
    if len(samples) < MIN_SAMPLES:
        return None
    rng = random.Random(dict_id)
    picked = list(samples) if len(samples) <= 20000 else rng.sample(list(samples), 20000)
    try:
        d = zstandard.train_dictionary(DICT_SIZE, [s.encode() for s in picked], level=LEVEL)
    except zstandard.ZstdError:
        return None
    return d.as_bytes()
