"""Small facts found by pattern: age, military unit, citizenship.

Each finder returns :class:`Hit` values (span, value, confidence); attaching them to a person is
done by :mod:`tally.extract.assign`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    value: str
    confidence: float


_AGE_PATTERNS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"(?:[Ее]му|[Ее]й|[А-ЯЁ][а-яё]+(?:[уюе]|ии))\s+(?:было|был|исполнилось)\s+"
                r"(?:всего\s+)?(?P<n>\d{1,2})(?!\d)"), 0.95),
    (re.compile(r"(?<!\d)(?P<n>\d{1,2})-?летн(?:ий|его|ему|им|ем|яя|ей|юю)"), 0.9),
    (re.compile(r"в\s+возрасте\s+(?P<n>\d{1,2})\s+(?:лет|год)"), 0.9),
    (re.compile(r"(?:[,(—–]\s*|^)(?P<n>\d{1,2})\s+(?:лет|года?)(?:[.,)]|\s*$|\s)(?!назад|служ|стаж)",
                re.M), 0.75),
    (re.compile(r"[Вв]\s+(?P<n>\d{1,2})\s+(?:лет|года?)\b"), 0.6),
    (re.compile(r"\baged\s+(?P<n>\d{1,2})\b"), 0.95),
    (re.compile(r"(?<!\d)(?P<n>\d{1,2})-year-old"), 0.95),
    (re.compile(r"\b(?:He|She)\s+was\s+(?P<n>\d{1,2})\b(?!\s*(?:years?\s+)?(?:in|when|at))"),
     0.9),
    (re.compile(r"[A-Z][a-z]+(?:\s+\([^)]*\))?,\s+(?P<n>\d{1,2}),"), 0.85),
    (re.compile(r"[A-Z][a-z]+\s+\((?P<n>\d{1,2})\)"), 0.8),
    (re.compile(r"[A-Z][a-z]+,\s+(?P<n>\d{1,2})\."), 0.8),
    (re.compile(r"\bwas\s+(?P<n>\d{1,2})\s*\."), 0.7),
    (re.compile(r"[А-ЯЁ][а-яё]+\s+\((?P<n>\d{1,2})\s+(?:лет|года?)\)"), 0.9),
    (re.compile(r"\b(?:Ему|Ей)\s+(?:было\s+)?(?P<n>\d{1,2})\b"), 0.9),
)


#: patterns with no Cyrillic letter need a Latin one in the text to match
_AGE_LATIN = tuple(not re.search(r"[а-яё]", p.pattern, re.I) for p, _ in _AGE_PATTERNS)


def find_ages(text: str) -> list[Hit]:
    out: list[Hit] = []
    seen: set[int] = set()
    if not re.search(r"\d", text):
        return out  # every age pattern has a number
    latin = re.search(r"[A-Za-z]", text) is not None
    for (pattern, conf), needs_latin in zip(_AGE_PATTERNS, _AGE_LATIN, strict=True):
        if needs_latin and not latin:
            continue
        for m in pattern.finditer(text):
            start = m.start("n")
            if start in seen:
                continue
            n = int(m.group("n"))
            before = text[max(0, m.start() - 25):m.start()].lower()
            if not 16 <= n <= 75 or re.search(r"(?:стаж|более|служил|назад|срок|через)\s*$",
                                                before):
                continue
            seen.add(start)
            out.append(Hit(start, m.end("n"), str(n), conf))
    return sorted(out, key=lambda h: h.start)


_UNIT_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"в/ч\s*№?\s*\d{4,5}|войсков(?:ой|ая|ую)\s+част(?:и|ь)\s*№?\s*\d{4,5}"),
    re.compile(r"ЧВК\s*[«\"]?\s*Вагнер[»\"]?"),
    re.compile(r"[«\"]?Шторм[\s-]*(?:Z|V|Зет)[»\"]?"),
    re.compile(r"\bStorm[\s-]?[ZV]\b"),
    re.compile(r"\bWagner\b"),
    re.compile(r"[«\"]Вагнер[а-я]*[»\"]"),
    re.compile(r"\bAkhmat\b"),
    re.compile(r"(?:ОМОН|СОБР)(?:\s+[«\"][^»\"]{2,30}[»\"])?"),
    re.compile(r"(?:батальон[аеу]?|бригад[аыеуой]*|отряд[аеу]?|полк[аеу]?)\s+[«\"][^»\"]{2,30}[»\"]"),
    re.compile(r"[«\"](?:Ахмат[а-я]*|Барс-\d+|Пятнашк[а-я]+|Сербск[а-я]+\s+легион[а-я]*)[»\"]"),
    re.compile(r"\d{1,3}-(?:й|я|ю|ой|го|м|ей)\s+(?:(?:отдельн|гвардейск|мотострелков|танков|"
               r"десантно-штурмов|общевойсков|артиллерийск|морск|штурмов|разведывательн)"
               r"[а-я]*\s+)*(?:бригад[аыеуой]*|полк[аеу]?|дивизи[июяей]+|арми[июяей]+|"
               r"батальон[аеу]?|корпус[аеу]?)(?:\s+морской\s+пехоты)?"),
    re.compile(r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][a-z]+\s+){1,3}(?:Brigade|Regiment|Division|"
               r"Army|Battalion|Corps)\b"),
)


def find_units(text: str) -> list[Hit]:
    out: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for pattern in _UNIT_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Hit(m.start(), m.end(), normalise_unit(m.group(0)), 0.8))
    return sorted(out, key=lambda h: h.start)


def normalise_unit(surface: str) -> str:
    """A unit name in the nominative where the pattern allows («5-й бригаде» → «5-я бригада»)."""
    s = " ".join(surface.split())
    if s.startswith("«") and s.endswith("»") and "Ахмат" in s:
        return "«Ахмат»"
    if s.startswith(("«", '"')) and "Вагнер" in s:
        return "ЧВК «Вагнер»"
    m = re.match(r"(\d{1,3})-(?:й|я|ю|ой|го|м|ей)\s+(.*)$", s)
    if not m:
        return s
    words = m.group(2).split()
    noun = words[-1]
    tail: list[str] = []
    if noun in ("пехоты",) and len(words) >= 3:
        tail = words[-2:]
        words = words[:-2]
        noun = words[-1]
    fem = noun.startswith(("бригад", "дивизи", "арми"))
    noun_nom = (
        "бригада" if noun.startswith("бригад") else "дивизия" if noun.startswith("дивизи")
        else "армия" if noun.startswith("арми") else re.sub(r"[аеу]$", "", noun)
    )
    adjs = [_adj_nom(w, fem) for w in words[:-1]]
    num = m.group(1) + ("-я" if fem else "-й")
    return " ".join([num, *adjs, noun_nom, *tail])


def _adj_nom(word: str, fem: bool) -> str:
    stem = re.sub(r"(?:ая|ой|ую|ей|ый|ий|ого|ему|ому|ым|ом|ем|его|ее)$", "", word)
    if word.endswith(("ой",)) and not fem:
        return stem + "ый"
    soft = stem.endswith(("к", "г", "х", "ш", "щ", "ч", "ж"))
    if fem:
        return stem + "ая"
    return stem + ("ий" if soft else "ый")


#: Russian country names (nominative, genitive stems), demonyms → ISO alpha-2.
_COUNTRY_RU: dict[str, str] = {
    "непал": "NP", "непальц": "NP", "индии": "IN", "индия": "IN", "индиец": "IN", "индийц": "IN",
    "кубы": "CU", "куба": "CU", "кубинец": "CU", "кубинц": "CU",
    "таджикистан": "TJ", "таджик": "TJ", "узбекистан": "UZ", "узбек": "UZ",
    "казахстан": "KZ", "казах": "KZ", "киргизи": "KG", "кыргызстан": "KG", "киргиз": "KG",
    "беларуси": "BY", "белоруссии": "BY", "беларусь": "BY", "белорус": "BY",
    "украины": "UA", "украина": "UA", "сирии": "SY", "сирия": "SY", "сириец": "SY",
    "шри-ланки": "LK", "шри-ланка": "LK", "ганы": "GH", "гана": "GH", "сомали": "SO",
    "ирака": "IQ", "ирак": "IQ", "египта": "EG", "египет": "EG", "сербии": "RS", "серб": "RS",
    "армении": "AM", "армения": "AM", "молдовы": "MD", "молдавии": "MD", "молдова": "MD",
    "россии": "RU", "рф": "RU", "азербайджан": "AZ", "грузии": "GE", "абхазии": "GE",
    "китая": "CN", "кнр": "CN", "вьетнама": "VN", "камеруна": "CM", "замбии": "ZM",
    "танзании": "TZ", "колумбии": "CO", "колумбия": "CO", "колумбиец": "CO", "перу": "PE",
    "бразилии": "BR", "венесуэлы": "VE", "эквадора": "EC", "йемена": "YE", "ливии": "LY",
    "кении": "KE", "нигерии": "NG", "афганистан": "AF", "туркменистан": "TM",
}
_EN_DEMONYM: dict[str, str] = {
    "nepali": "NP", "nepalese": "NP", "indian": "IN", "cuban": "CU", "tajik": "TJ",
    "uzbek": "UZ", "kazakh": "KZ", "kyrgyz": "KG", "belarusian": "BY", "ukrainian": "UA",
    "syrian": "SY", "sri lankan": "LK", "ghanaian": "GH", "somali": "SO", "iraqi": "IQ",
    "egyptian": "EG", "serbian": "RS", "armenian": "AM", "moldovan": "MD", "kenyan": "KE",
    "nigerian": "NG", "cameroonian": "CM", "zambian": "ZM", "chinese": "CN",
    "colombian": "CO", "peruvian": "PE", "brazilian": "BR", "venezuelan": "VE",
}


_DEMONYMS_RU = (r"непалец|индиец|кубинец|таджикистанец|узбекистанец|узбек|таджик|казахстанец|"
                r"киргиз|белорус|сириец|серб|египтянин|иракец|колумбиец")


@cache
def _citizenship_patterns(folded: bool) -> tuple[re.Pattern[str], ...]:
    """(citizen of X, demonym, English demonym), for lower-cased text (``folded``: faster to
    scan) or compiled with IGNORECASE."""
    flags = 0 if folded else re.I
    names = "|".join(sorted((re.escape(k) for k in _COUNTRY_RU), key=len, reverse=True))
    dem = "|".join(sorted((re.escape(k) for k in _EN_DEMONYM), key=len, reverse=True))
    return (
        re.compile(rf"(?:граждан(?:ин|ка|е|ина|ке|ином|кой)|подданн[а-я]+)\s+(?P<c>{names})[а-я]*",
                   flags),
        re.compile(rf"(?<![а-яё])(?P<c>{_DEMONYMS_RU})(?![а-яё])", flags),
        re.compile(rf"\b(?P<c>{dem})\s+(?:national|citizen|man|woman|student|migrant|nationals|"
                   r"citizens)\b", flags),
    )


def find_citizenship(text: str) -> list[Hit]:
    out: list[Hit] = []
    low = text.lower()
    folded = len(low) == len(text)
    ru, demonym, en = _citizenship_patterns(folded)
    if folded:
        text = low
    for m in ru.finditer(text):
        key = m.group("c").lower()
        out.append(Hit(m.start(), m.end(), _COUNTRY_RU[key], 0.95))
    for m in demonym.finditer(text):
        word = m.group("c").lower()
        code = next((v for k, v in _COUNTRY_RU.items() if word.startswith(k)), None)
        if code:
            out.append(Hit(m.start(), m.end(), code, 0.8))
    for m in en.finditer(text):
        out.append(Hit(m.start(), m.end(), _EN_DEMONYM[m.group("c").lower()], 0.9))
    return sorted(out, key=lambda h: h.start)
