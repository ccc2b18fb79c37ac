"""Human typing errors in Cyrillic names: keyboard neighbours, dropped letters, е/ё."""

from __future__ import annotations

import random

_ROWS = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
_NEIGHBOURS: dict[str, str] = {}
for _row in _ROWS:
    for _i, _ch in enumerate(_row):
        _NEIGHBOURS[_ch] = _row[max(0, _i - 1) : _i] + _row[_i + 1 : _i + 2]


def _keep_case(original: str, new: str) -> str:
    return new.upper() if original.isupper() else new


def typo(word: str, rng: random.Random) -> str:
    """``word`` with one plausible typing error (never empty, first letter kept)."""
    if len(word) < 3:
        return word
    kind = rng.random()
    if ("ё" in word or "е" in word) and kind < 0.3:
        if "ё" in word:
            return word.replace("ё", "е", 1)
        positions = [i for i, ch in enumerate(word) if ch == "е" and i > 0]
        if positions:
            i = rng.choice(positions)
            return word[:i] + "ё" + word[i + 1 :]
    i = rng.randrange(1, len(word))
    if kind < 0.6:
        options = _NEIGHBOURS.get(word[i].lower(), "")
        if options:
            return word[:i] + _keep_case(word[i], rng.choice(options)) + word[i + 1 :]
    if kind < 0.85:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # doubled letter
