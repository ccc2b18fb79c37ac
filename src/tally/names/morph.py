"""Role- and gender-aware lemmatisation of Russian personal names.

Given a name's tokens as they appear in text («Иваном Петровичем Сидоровым», «Сидоров И.П.»,
«Алексея Смирнова»), return the nominative last name, first name and patronymic and the
gender. pymorphy3 is asked for the Name/Surn/Patr parse in the phrase's case and the person's
gender (otherwise feminine surnames turn masculine); surnames it does not know inflect by rule,
and indeclinable ones (-ых/-их, -ко, vowel endings, a woman's consonant ending) stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.(?:[А-ЯЁA-Z]\.)?$")
_PATR_M = re.compile(r"(?:вич|ьич|ич|оглы|улы|уулу)(?:а|у|ем|ом|е)?$", re.IGNORECASE)
_PATR_F = re.compile(r"(?:вн|чн|ичн)(?:а|ы|е|у|ой)$|(?:кызы|гызы)$", re.IGNORECASE)


Roles = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]
#: lower-case particles that start a hyphenated surname («аль-Хасан», «ибн-Сауд»)
_PARTICLE = re.compile(r"^(?:аль|эль|ал|ас|ад|ар|ан|ат|аш|аз|ибн|бин|бен|абу|al|el|ibn|bin|ben)-",
                       re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name in the nominative; ``gender`` is "m", "f" or None."""

    last: str | None
    first: str | None
    patronymic: str | None
    gender: str | None
    case: str | None = None
    """The grammatical case the name is written in (``gent`` in «гибели Бадмы Очирова»)."""
    where: Roles = ((), (), ())
    """Indices of the tokens that hold (last, first, patronymic), in the order given."""


@cache
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _parses(word: str) -> tuple[Any, ...]:
    return tuple(_analyzer().parse(word))


def _title(word: str) -> str:
    particle = _PARTICLE.match(word)
    if particle and word[:1].islower():  # «аль-Хасан» keeps its particle in lower case
        return particle.group(0).lower() + _title(word[particle.end():])
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


@lru_cache(maxsize=65536)
def _tagged(word: str, grammeme: str) -> tuple[Any, ...]:
    """The singular parses of ``word`` that carry ``grammeme`` (Name, Surn, Patr); cached."""
    return tuple(p for p in _parses(word)
                 if grammeme in p.tag and p.score >= 0.01 and p.tag.number != "plur")


def is_first_name(word: str) -> bool:
    return bool(_tagged(word, "Name"))


def is_patronymic(word: str) -> bool:
    return bool(_tagged(word, "Patr") or _PATR_M.search(word) or _PATR_F.search(word))


def _g(p: Any) -> str | None:
    if "ms-f" in p.tag:
        return "ms-f"
    return str(p.tag.gender) if p.tag.gender else None


def _cases_of(word: str, grammeme: str, gender: str | None) -> set[str]:
    out: set[str] = set()
    for p in _tagged(word, grammeme):
        if gender and _g(p) not in (None, "ms-f", "masc" if gender == "m" else "femn"):
            continue
        if p.tag.number == "plur":
            continue
        out.add(str(p.tag.case))
    return out


def _gender(first: str | None, patr: str | None, last: str | None,
            hint: str | None = None) -> str | None:
    if patr and not _INITIAL.match(patr):
        if _PATR_F.search(patr):
            return "f"
        if _PATR_M.search(patr):
            return "m"
    genders: set[str | None] = set()
    if first and not _INITIAL.match(first):
        genders = {_g(p) for p in _tagged(first, "Name")}
        if genders == {"femn"}:
            return "f"
        if genders == {"masc"} and not (hint == "f" and _fem_form_possible(first)):
            return "m"
    if hint in ("m", "f"):
        return hint  # the words around the name agree with one gender («погибла», «его»)
    if first and not _INITIAL.match(first) and {"masc", "femn"} <= genders and any(
        _g(p) == "masc" and str(p.tag.case) != "nomn" for p in _tagged(first, "Name")
    ) and (last is None or re.search(r"(?:[ая]|ко|ых|их)$", last, re.IGNORECASE)):
        return "m"  # «Руслана Бикбаева»: the genitive of a man's name, as news of the dead has it
    if last and re.search(r"(?:ова|ева|ёва|ина|ына|ская|цкая)$", last, re.IGNORECASE):
        return "f"
    if last and re.search(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ой)$", last, re.IGNORECASE):
        return "m"
    return None


def _fem_form_possible(word: str) -> bool:
    """«Александра», «Евгения»: the genitive of a man's name is also a woman's nominative."""
    return bool(re.search(r"[ая]$", word, re.IGNORECASE)) and any(
        p.tag.gender == "masc" and str(p.tag.case) in ("gent", "accs")
        for p in _tagged(word, "Name")
    )


def _indeclinable_foreign(word: str) -> bool:
    """«Кваме», «Мунко», «Яндри»: a vowel-final name no dictionary form declines."""
    if not re.search(r"[еиоуэю]$", word, re.IGNORECASE):
        return False
    names = _tagged(word, "Name")
    known = [p for p in names if type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"]
    return not known and not any(str(p.tag.case) == "nomn" for p in names)


def _phrase_case(first: str | None, patr: str | None, gender: str | None) -> str:
    sets = []
    if first and not _INITIAL.match(first) and _tagged(first, "Name") and not (
        _indeclinable_foreign(first)
    ):
        sets.append(_cases_of(first, "Name", gender))
    if patr and not _INITIAL.match(patr) and _tagged(patr, "Patr"):
        sets.append(_cases_of(patr, "Patr", gender))
    sets = [s for s in sets if s]
    if not sets:
        return "nomn"
    common = set.intersection(*sets) if len(sets) > 1 else sets[0]
    if not common:
        common = sets[-1]
    for case in _CASES:
        if case in common:
            return case
    return "nomn"


@lru_cache(maxsize=65536)
def _inflect(word: str, grammeme: str, gender: str | None, case: str) -> str | None:
    """The nominative of ``word`` read as ``grammeme`` in ``case`` (cached: inflection is slow)."""
    g = {"m": "masc", "f": "femn"}.get(gender or "")
    for p in _tagged(word, grammeme):
        if str(p.tag.case) != case or p.tag.number == "plur":
            continue
        if g and _g(p) not in (g, "ms-f"):
            continue
        if case == "nomn" and p.tag.number == "sing":
            return _title(p.word)  # already the nominative singular: nothing to inflect
        want = {"nomn", "sing"} | ({g} if g and _g(p) != "ms-f" else set())
        form = p.inflect(want)
        if form is not None:
            return _title(form.word)
    return None


_M_SURNAME_RULES: tuple[tuple[str, str], ...] = (
    ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
    ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"), ("цком", "цкий"),
    ("ова", "ов"), ("ову", "ов"), ("овым", "ов"), ("ове", "ов"),
    ("ева", "ев"), ("еву", "ев"), ("евым", "ев"), ("еве", "ев"),
    ("ёва", "ёв"), ("ёву", "ёв"), ("ёвым", "ёв"), ("ёве", "ёв"),
    ("ина", "ин"), ("ину", "ин"), ("иным", "ин"), ("ине", "ин"),
    ("ына", "ын"), ("ыну", "ын"), ("ыным", "ын"), ("ыне", "ын"),
)
_F_SURNAME_RULES: tuple[tuple[str, str], ...] = (
    ("ской", "ская"), ("скую", "ская"), ("цкой", "цкая"), ("цкую", "цкая"),
    ("овой", "ова"), ("ову", "ова"), ("евой", "ева"), ("еву", "ева"),
    ("ёвой", "ёва"), ("ёву", "ёва"), ("иной", "ина"), ("ину", "ина"),
    ("ыной", "ына"), ("ыну", "ына"),
)
_INDECLINABLE = re.compile(r"(?:ых|их|ко|ло|аго|яго|[еиоуэюы])$", re.IGNORECASE)


def _surname_by_rule(word: str, gender: str | None, case: str) -> str:
    if case == "nomn":
        return _title(word)
    low = word.lower()
    rules = _F_SURNAME_RULES if gender == "f" else _M_SURNAME_RULES
    for suffix, repl in rules:
        if low.endswith(suffix) and len(low) > len(suffix) + 1:
            return _title(word[: -len(suffix)] + repl)
    if _INDECLINABLE.search(word):
        return _title(word)
    if gender == "f":
        if low.endswith(("ой", "ую")) and len(low) > 4:
            return _title(word[:-2] + "а")
        return _title(word)
    # masculine consonant-stem surname (Ооржак, Монгуш, Шевчук): strip the case ending
    endings = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"),
               "ablt": ("ом", "ем", "ём"), "loct": ("е",)}.get(case, ())
    for ending in endings:
        stem = word[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 2 and stem[-1].lower() not in "аеёиоуыэюяь":
            if ending in ("я", "ю", "ем") and stem[-1].lower() not in "йлнрщчшж":
                stem += "ь" if ending != "ем" else ""
            return _title(stem)
    if low.endswith(("ия", "ии", "ию", "ией")) and case != "nomn":
        return _title(word[: -2 if not low.endswith("ией") else -3] + "ия")
    return _title(word)


def _surname(word: str, gender: str | None, case: str) -> str:
    if case == "nomn" or re.search(r"(?:ых|их|ко)$", word, re.IGNORECASE):
        return _title(word)
    known = _inflect(word, "Surn", gender, case)
    if known is not None:
        return known
    return _surname_by_rule(word, gender, case)


def _first(word: str, gender: str | None, case: str) -> str:
    if _INITIAL.match(word):
        return word.upper()
    if _indeclinable_foreign(word):
        return _title(word)
    known = _inflect(word, "Name", gender, case)
    if known is not None:
        return known
    if case == "nomn":
        return _title(word)
    low = word.lower()
    if case == "gent" and re.search(r"[^аеёиоуыэюя]ы$", low):
        return _title(word[:-1] + "а")  # «Бадмы» → «Бадма»
    if case == "ablt" and re.search(r"[^аеёиоуыэюя]ой$", low):
        return _title(word[:-2] + "а")
    return _surname_by_rule(word, gender or "m", case) if gender != "f" else _title(word)


def _patronymic(word: str, gender: str | None, case: str) -> str:
    if _INITIAL.match(word):
        return word.upper()
    known = _inflect(word, "Patr", gender, case)
    if known is not None:
        return known
    low = word.lower()
    m = re.search(r"(вич|ьич|ич)(а|у|ем|ом|е)$", low)
    if m:
        return _title(word[: m.start(2)])
    m = re.search(r"(вн|чн)(ы|е|у|ой)$", low)
    if m:
        return _title(word[: m.start(2)] + "а")
    return _title(word)


def assign_roles(tokens: Sequence[str]) -> tuple[str | None, str | None, str | None]:
    """Split tokens into (last, first, patronymic) as written, by dictionary tags and order."""
    return _strings([t for t in tokens if t], role_indices(tokens))


def _strings(toks: Sequence[str], roles: Roles) -> tuple[str | None, str | None, str | None]:
    last_i, first_i, patr_i = roles
    initials = [t for t in toks if _INITIAL.match(t)]
    if initials:
        joined = "".join(initials).replace(".", "")
        return (toks[last_i[0]] if last_i else None,
                joined[0] + "." if first_i else None,
                joined[1] + "." if patr_i else None)
    def join(idx: tuple[int, ...]) -> str | None:
        return " ".join(toks[i] for i in idx) if idx else None

    return join(last_i), join(first_i), join(patr_i)


def role_indices(tokens: Sequence[str]) -> Roles:
    """Which tokens are the (last, first, patronymic) name; see :func:`assign_roles`."""
    toks = [t for t in tokens if t]
    n = len(toks)
    if not toks:
        return (), (), ()
    initials = [i for i, t in enumerate(toks) if _INITIAL.match(t)]
    if initials:
        words = [i for i, t in enumerate(toks) if not _INITIAL.match(t)]
        letters = [i for i in initials for _ in toks[i].replace(".", "")]
        return (tuple(words[:1]), tuple(letters[:1]), tuple(letters[1:2]))
    if n == 1:
        return ((), (0,), ()) if is_first_name(toks[0]) else ((0,), (), ())
    if n == 2:
        a, b = toks
        if is_patronymic(b) and is_first_name(a):
            return (), (0,), (1,)
        if is_first_name(a) and not is_first_name(b):
            return (1,), (0,), ()
        if is_first_name(b) and not is_first_name(a) and (_nominative_name(b) or _known(a)):
            return (0,), (1,), ()
        return (1,), (0,), ()  # «Бикаш Раи»: an unknown word first is a foreign first name
    if n == 3:
        if is_patronymic(toks[2]):
            return (0,), (1,), (2,)  # Сидоров Иван Петрович
        if is_patronymic(toks[1]):
            return (2,), (0,), (1,)  # Иван Петрович Сидоров
    if not any(i > 0 and is_patronymic(t) for i, t in enumerate(toks)):
        # «Хосе Луис Перес Гарсия», «Рам Бахадур Тапа»: given names up to the first surname
        cut = next((i for i, t in enumerate(toks) if i > 0 and _tagged(t, "Surn")
                    and not _tagged(t, "Name")), n - 1)
        return tuple(range(cut, n)), tuple(range(cut)), ()
    # longer: look for a patronymic, else treat the last token as the surname
    for i, t in enumerate(toks):
        if i > 0 and is_patronymic(t):
            if i == n - 1:
                return (0,), tuple(range(1, i)), (i,)
            return tuple(range(i + 1, n)), tuple(range(i)), (i,)
    return (n - 1,), tuple(range(n - 1)), ()  # pragma: no cover - a patronymic was found above


def _nominative_name(word: str) -> bool:
    return any(str(p.tag.case) == "nomn" for p in _tagged(word, "Name"))


def _known(word: str) -> bool:
    return bool(_tagged(word, "Surn")) or bool(_analyzer().word_is_known(word.lower()))


_CASE_HINTS = ("gent", "ablt", "datv", "accs", "nomn")


def lemmatize_name(tokens: Sequence[str], *, gender_hint: str | None = None,
                   case_hint: str | None = None) -> NameParts:
    """Nominative (last, first, patronymic) and gender of a name written as ``tokens``.

    ``gender_hint`` ("m"/"f", from the words around the name) settles names whose form fits
    both genders («Александра»); ``case_hint`` (from the governing word, «гибели» → gent) is
    used only when no dictionary form tells the case (out-of-vocabulary names, «Бадмы Очирова»).
    """
    toks = [t for t in tokens if t]
    roles = role_indices(toks)
    last, first, patr = _strings(toks, roles)
    if len(toks) == 2 and patr is None and first in (None, toks[1]) and last and (
        first is None or not _tagged(toks[0], "Name")
    ) and case_hint == "gent" and re.search(r"[^аеёиоуыэюя]ы$", toks[0], re.IGNORECASE):
        last, first = toks[1], toks[0]  # «Бадмы Очирова»: an unknown first name, genitive
        roles = ((1,), (0,), ())
    gender = _gender(first, patr, last, gender_hint)
    case = _phrase_case(first, patr, gender)
    if case == "nomn" and case_hint in _CASE_HINTS and first and not _tagged(first, "Name") \
            and not _INITIAL.match(first):
        case = case_hint
        if gender_hint != "f" and case == "gent" and last and re.search(
            r"(?:ова|ева|ёва|ина|ына)$", last, re.IGNORECASE
        ):
            gender = "m"
    if case == "nomn" and first is None and patr is None and last is not None:
        sc = _cases_of(last, "Surn", gender)
        if sc and "nomn" not in sc:
            case = next(c for c in _CASES if c in sc)
    if gender is None and last is not None:
        genders = {_g(p) for p in _tagged(last, "Surn") if str(p.tag.case) == case}
        if genders == {"femn"}:
            gender = "f"
    out_first = " ".join(_first(w, gender, case) for w in first.split()) if first else None
    out_patr = _patronymic(patr, gender, case) if patr else None
    out_last = " ".join(_surname(w, gender, case) for w in last.split()) if last else None
    return NameParts(out_last, out_first, out_patr, gender, case, roles)
