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
from functools import cache
from typing import Any

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.(?:[А-ЯЁA-Z]\.)?$")
_PATR_M = re.compile(r"(?:вич|ьич|ич|оглы|улы|уулу)(?:а|у|ем|ом|е)?$", re.IGNORECASE)
_PATR_F = re.compile(r"(?:вн|чн|ичн)(?:а|ы|е|у|ой)$|(?:кызы|гызы)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name in the nominative; ``gender`` is "m", "f" or None."""

    last: str | None
    first: str | None
    patronymic: str | None
    gender: str | None
    case: str | None = None
    """The grammatical case the name is written in (``gent`` in «гибели Бадмы Очирова»)."""


@cache
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _parses(word: str) -> tuple[Any, ...]:
    return tuple(_analyzer().parse(word))


def _title(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _tagged(word: str, grammeme: str) -> list[Any]:
    return [p for p in _parses(word)
            if grammeme in p.tag and p.score >= 0.01 and p.tag.number != "plur"]


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


def _inflect(word: str, grammeme: str, gender: str | None, case: str) -> str | None:
    g = {"m": "masc", "f": "femn"}.get(gender or "")
    for p in _tagged(word, grammeme):
        if str(p.tag.case) != case or p.tag.number == "plur":
            continue
        if g and _g(p) not in (g, "ms-f"):
            continue
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
    toks = [t for t in tokens if t]
    if not toks:
        return None, None, None
    initials = [t for t in toks if _INITIAL.match(t)]
    if initials:
        words = [t for t in toks if not _INITIAL.match(t)]
        joined = "".join(initials).replace(".", "")
        first = joined[0] + "." if joined else None
        patr = joined[1] + "." if len(joined) > 1 else None
        return (words[0] if words else None), first, patr
    if len(toks) == 1:
        return (None, toks[0], None) if is_first_name(toks[0]) else (toks[0], None, None)
    if len(toks) == 2:
        a, b = toks
        if is_patronymic(b) and is_first_name(a):
            return None, a, b
        if is_first_name(a) and not is_first_name(b):
            return b, a, None
        if is_first_name(b) and not is_first_name(a):
            return a, b, None
        return b, a, None
    if len(toks) == 3:
        a, b, c = toks
        if is_patronymic(c):
            return a, b, c  # Сидоров Иван Петрович
        if is_patronymic(b):
            return c, a, b  # Иван Петрович Сидоров
    if not any(i > 0 and is_patronymic(t) for i, t in enumerate(toks)):
        # «Хосе Луис Перес Гарсия», «Рам Бахадур Тапа»: given names up to the first surname
        cut = next((i for i, t in enumerate(toks) if i > 0 and _tagged(t, "Surn")
                    and not _tagged(t, "Name")), len(toks) - 1)
        return " ".join(toks[cut:]), " ".join(toks[:cut]), None
    # longer: look for a patronymic, else treat the last token as the surname
    for i, t in enumerate(toks):
        if i > 0 and is_patronymic(t):
            if i == len(toks) - 1:
                return toks[0], " ".join(toks[1:i]), t
            return " ".join(toks[i + 1 :]), " ".join(toks[:i]), t
    return toks[-1], " ".join(toks[:-1]), None


_CASE_HINTS = ("gent", "ablt", "datv", "accs", "nomn")


def lemmatize_name(tokens: Sequence[str], *, gender_hint: str | None = None,
                   case_hint: str | None = None) -> NameParts:
    """Nominative (last, first, patronymic) and gender of a name written as ``tokens``.

    ``gender_hint`` ("m"/"f", from the words around the name) settles names whose form fits
    both genders («Александра»); ``case_hint`` (from the governing word, «гибели» → gent) is
    used only when no dictionary form tells the case (out-of-vocabulary names, «Бадмы Очирова»).
    """
    last, first, patr = assign_roles(tokens)
    if len(tokens) == 2 and first is None and last and patr is None and case_hint == "gent" \
            and re.search(r"[^аеёиоуыэюя]ы$", tokens[0], re.IGNORECASE):
        last, first = tokens[1], tokens[0]  # «Бадмы Очирова»: an unknown first name, genitive
    elif len(tokens) == 2 and patr is None and first == tokens[1] and not _tagged(
        tokens[0], "Name"
    ) and case_hint == "gent" and re.search(r"[^аеёиоуыэюя]ы$", tokens[0], re.IGNORECASE):
        last, first = tokens[1], tokens[0]
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
    return NameParts(out_last, out_first, out_patr, gender, case)
