"""Names of peoples of Russia with long-tailed surname pools (``data/names_peoples.txt``).

Tatar, Bashkir, Dagestani, Chechen and Buryat surnames are overwhelmingly formed from a
forebear's given name with the Russian suffixes (Сафа → Сафин, Хабибулла → Хабибуллин,
Гаджи → Гаджиев, Муса → Мусаев, Цырен → Цыренов, Батуй → Батуев): a group's pool is its
hand list of the most common surnames followed by surnames derived from a list of older
given names — first those the OpenCorpora surname list (``data/surnames_opencorpora.txt``)
attests, then the rest. Weights follow a Zipf–Mandelbrot law ``1 / (rank + offset)``.
Tuvan surnames are a few dozen clan names (Монгуш, Ондар, Ооржак, …), steeply weighted;
Ossetian surnames are clan names too (the hand list only). Given names and fathers' names
are weighted ``1 / rank ** 0.8`` like Russian given names. The frequencies are a rough
model, not measured (see docs/benchmarks/link.md for the sources and what is rough).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from tally.synth.sampling import Weighted, zipf

#: Zipf–Mandelbrot offsets of the surname pools (larger = flatter head). Rough: the most
#: common surname comes out at ~1–4 % of a group (Сафин ~1.3 % of Tatars, Магомедов more
#: common among Dagestanis), Монгуш at ~15 % of Tuvans.
OFFSET = {"tatar": 25.0, "bashkir": 20.0, "dagestani": 6.0, "chechen": 15.0, "buryat": 12.0,
          "tuvan": 1.5, "ossetian": 12.0}
_DERIVED = ("tatar", "bashkir", "dagestani", "chechen", "buryat")
_SIBILANTS = "жшчщц"


@dataclass(frozen=True, slots=True)
class PeopleNames:
    key: str
    first: tuple[str, ...]
    female: tuple[str, ...]
    fathers: tuple[str, ...]
    surnames: tuple[str, ...]  # the whole pool, most common first


def derive(forebear: str, group: str) -> str | None:
    """The surname a forebear's given name gives in ``group`` (None: not formed)."""
    if "-" in forebear or len(forebear) < 2:
        return None
    last = forebear[-1]
    if group in ("tatar", "bashkir"):
        if last in "ая":  # Сафа → Сафин, Хабибулла → Хабибуллин, Яхья → Яхин
            return forebear[:-1].removesuffix("ь") + "ин"
        if last in "еэ":  # Кутлугильде → Кутлугильдин
            return forebear[:-1] + "ин"
    if last == "й":  # Батуй → Батуев, Кильдибай → Кильдибаев, Ахмадей → Ахмадеев
        return forebear[:-1] + "ев"
    if last == "ь":
        return forebear[:-1] + "ев"
    if last in "аяоиуыэе":  # Муса → Мусаев, Гаджи → Гаджиев, Бато → Батоев
        return forebear + "ев"
    return forebear + ("ев" if last in _SIBILANTS else "ов")


def _sections() -> dict[str, dict[str, list[str]]]:
    text = resources.files("tally.synth").joinpath("data/names_peoples.txt").read_text("utf-8")
    out: dict[str, dict[str, list[str]]] = {}
    group: dict[str, list[str]] = {}
    key = ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            group = out.setdefault(line[1:-1], {})
            continue
        head, sep, rest = line.partition(":")
        if sep and head.isascii() and head.isalpha():
            key, line = head, rest
        group.setdefault(key, []).extend(line.split())
    return out


def compounds(spec: dict[str, list[str]]) -> list[str]:
    """Compound older names from a ``compound: A B | x y`` line (A+x, A+y, B+x, B+y)."""
    words = spec.get("compound", [])
    if "|" not in words:
        return []
    cut = words.index("|")
    return [a + b for b in words[cut + 1:] for a in words[:cut] if a.lower() != b]


@cache
def attested() -> frozenset[str]:
    """Masculine surnames of the OpenCorpora list (lower case, ё as е)."""
    text = resources.files("tally.synth").joinpath("data/surnames_opencorpora.txt").read_text(
        "utf-8")
    return frozenset(w.strip().replace("ё", "е") for w in text.split() if w.strip())


def _pool(key: str, spec: dict[str, list[str]]) -> tuple[str, ...]:
    head = spec.get("clan", []) + spec.get("surnames", [])
    if key not in _DERIVED:
        return tuple(dict.fromkeys(head))
    derived = [s for s in (derive(f, key) for f in [*spec.get("forebear", []), *compounds(spec)])
               if s]
    known = attested()
    found = [s for s in derived if s.lower() in known]
    rest = [s for s in derived if s.lower() not in known]
    return tuple(dict.fromkeys([*head, *found, *rest]))


@cache
def groups() -> dict[str, PeopleNames]:
    out = {}
    for key, spec in _sections().items():
        first, female, fathers = (tuple(dict.fromkeys(spec.get(k, [])))
                                  for k in ("first", "female", "fathers"))
        out[key] = PeopleNames(key, first, female, fathers, _pool(key, spec))
    return out


@dataclass(frozen=True, slots=True)
class Samplers:
    surname: Weighted[str]
    first: Weighted[str]
    female: Weighted[str]
    father: Weighted[str]


def samplers(key: str) -> Samplers:
    g = groups()[key]
    offset = OFFSET.get(key, 10.0)
    weights = [1.0 / (i + 1 + offset) for i in range(len(g.surnames))]
    return Samplers(Weighted(g.surnames, weights), zipf(g.first, 0.8),
                    zipf(g.female or g.first, 0.8), zipf(g.fathers, 0.8))
