"""Detect a text file's encoding: UTF-8 (with or without BOM), cp1251 or KOI8-R.

Russian data arrives in all three. UTF-8 is tried strictly first; otherwise the single-byte
candidates are scored by how Russian the decoded text looks (frequent lower-case letters),
which separates cp1251 from KOI8-R reliably on a few hundred bytes of Cyrillic.
"""

from __future__ import annotations

from pathlib import Path

SAMPLE = 1 << 20
_FREQUENT = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё ")
CANDIDATES = ("cp1251", "koi8_r")


def _score(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c in _FREQUENT for c in letters) / len(letters)


def detect_bytes(sample: bytes) -> str:
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sample is still UTF-8
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    best, best_score = CANDIDATES[0], -1.0
    for enc in CANDIDATES:
        score = _score(sample.decode(enc, errors="replace"))
        if score > best_score:
            best, best_score = enc, score
    return best


def detect(path: Path) -> str:
    with path.open("rb") as fh:
        return detect_bytes(fh.read(SAMPLE))
