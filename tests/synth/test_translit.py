from __future__ import annotations

import pytest

from tally.synth.translit import SCHEMES, transliterate


@pytest.mark.parametrize(
    ("word", "scheme", "expected"),
    [
        ("Иван", "german", "Iwan"),
        ("Петров", "polish", "Pietrow"),
        ("Щукин", "bgn_pcgn", "Shchukin"),
        ("Соловьёв", "wikipedia", "Solovyov"),
        ("Соловьёв", "icao", "Solovev"),
        ("Щукин", "gost_779_b", "Shhukin"),
        ("Алексей", "polish", "Aleksiej"),
        ("Юрьевич", "german", "Jurjewitsch"),
    ],
)
def test_schemes(word: str, scheme: str, expected: str) -> None:
    assert transliterate(word, scheme) == expected


@pytest.mark.parametrize("scheme", SCHEMES)
def test_output_is_latin(scheme: str) -> None:
    out = transliterate("Хабибуллин", scheme)
    assert out.isascii() or scheme == "polish"
    assert not any("а" <= ch.lower() <= "я" for ch in out)
