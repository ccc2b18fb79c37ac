"""Home region (ISO 3166-2, via :mod:`tally.gazetteer`) and settlement of a person.

A place counts as home after a cue such as «уроженец», «житель», «из», «родом из», «похоронили
в», "from", "of", "native of"; a place after «под», «на … направлении» or "near" is where the
fighting was, and is left out.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from tally.extract.facts import Hit

_HOME_RU = (
    r"(?:уроженец|уроженка|уроженцем|уроженки|уроженке|жител[ьяиемю]+|жительниц[аеыу]|"
    r"родом\s+из|родил(?:ся|ась)\s+в|из|похоронили\s+в|похоронен[а]?\s+в|простились\s+в|"
    r"доставят\s+в|доставили\s+в|[Вв]|живёт\s+в|жил[а]?\s+в|мобилизован[а-я]*\s+(?:из|в)|"
    r"Администрация|администрации|губернатора|из\s+с\.|города|г\.)"
)
_HOME_EN = r"(?:from|of|in|native\s+of|born\s+in|near)"
_SETTLEMENT_KIND = (
    r"(?:город[аеу]?|г\.|сел[аоеу]|с\.|деревн[яиеюй]|д\.|посёлк[аеу]|посёлок|"
    r"поселк[аеу]|пос\.|п\.|станиц[аеыу]|аул[ае]?|пгт\.?|райцентр[аеу]?)"
)
_CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]*)*"
_SETTLEMENT = re.compile(
    rf"(?<![А-ЯЁа-яё])(?:{_SETTLEMENT_KIND}[ \t]+(?P<a>{_CAP}(?:\s+{_CAP})?)|"
    rf"(?:уроженец|уроженка|уроженцем|жител[ьяиемю]+|жительниц[аеыу]|родом\s+из|родился\s+в|"
    rf"родилась\s+в|\b[Ии]з|\b[Вв]|похоронили\s+в|простились\s+в|доставят\s+в|доставили\s+в|"
    rf"живёт\s+в|жил[а]?\s+в)\s+(?P<b>{_CAP}(?:\s+{_CAP})?))"
)
_SETTLEMENT_EN = re.compile(
    r"(?:\b(?:from|native\s+of|resident\s+of|born\s+in(?:\s+(?:19|20)\d\d\s+in)?|"
    r"hometown\s+of|home\s+town\s+of|came\s+from)\s+)"
    r"(?P<a>[A-Z][a-z]+(?:[- ](?:on-)?[A-Z][a-z]+)?)"
)
#: places where a person worked, studied, served a sentence or was treated: not a home
_INCIDENTAL = re.compile(
    r"(?:погиб(?:ла)?|killed|died|служб[уы]|служил[а]?|обстрел[а-я]*|задержан[а-я]*|"
    r"стройке|работал[а-я]*|учил(?:ся|ась)|завербован[а-я]*|колони[ия]|ИК-\d+|СИЗО|"
    r"госпитал[а-я]*|больниц[а-я]*|сообщили|worked|working|studied|recruited|prison\b|colony|"
    r"hospital|graduated|окончил[а]?|выпускни[а-я]+)[^.]{0,25}\s(?:в|на|in|from|the)\s+"
    r"(?:the\s+)?$|"
    r"(?:подписал|заключил|подписавш|заключивш)[а-я]*\s+контракт[^.]{0,40}\s(?:в|на)\s+$|"
    r"(?:signed|signing)\s+(?:a\s+)?(?:military\s+)?contract[^.]{0,40}\sin\s+$",
)
#: a place that names the outlet, not the person: «Новости Бурятии», «ГТРК "Бурятия"»
_OUTLET_BEFORE = re.compile(
    r"(?<![а-яёa-z])(?:новост[а-яё]*|вести|вестей|известия|газет[а-яё]*|радио|телеканал[а-яё]*|"
    r"гтрк|ИА|агентств[а-яё]*|портал[а-яё]*|издани[а-яё]*|паблик[а-яё]*|телеграм-канал[а-яё]*|"
    r"news|radio|channel|outlet|portal)\s*[«\"“]?\s*$",
    re.I,
)
_OUTLET_AFTER = re.compile(r"[ .]?(?:онлайн|online|инфо|info|news|today|24|\.ru|\.рф)(?![\w])",
                           re.I)
#: a dateline: a place starting a line, then a date, a dash or an agency («УЛАН-УДЭ, 5 мая.»)
_DATELINE_AFTER = re.compile(
    r"\s*(?:\([^)\n]{1,30}\)\s*)?(?:,\s*\d{1,2}\s+[а-яёa-z]+|,\s*\d{1,2}\.\d{2}|\s*[—–]\s|"
    r"\.?\s*/|,\s*[A-Z][a-z]+\s+\d{1,2}\b)",
    re.I,
)
_INSTITUTION_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}(?:school|academy|university|college|institute|"
    r"университет|училищ|институт|академи|колони|СИЗО)",
    re.I,
)
_STRONG_HOME = re.compile(
    r"(?:уроженец|уроженка|уроженцем|уроженки|уроженке|уроженцы|жител[ьяиемю]+|жительниц[аеыу]|"
    r"родом\s+из|родил(?:ся|ась)\s+в|(?<![а-яё])из|мобилизован[а-я]*\s+из|земляк[а-я]*)\s+"
    r"(?:(?:г\.|города|с\.|села|пос\.|посёлка)\s+)?$|"
    r"\b(?:from|native\s+of|born\s+in|resident\s+of)\s+(?:the\s+)?$",
    re.I,
)
_BATTLE = re.compile(r"(?:под|near|направлени|в\s+районе|в\s+ходе|при\s+обстреле\s+в)\s*$", re.I)


def find_regions(text: str) -> list[tuple[Hit, str]]:
    """Region hits from the gazetteer with their kind, scored as home (cue before) or not.

    The kind is "region", "city", "adjective", or "capital" for a region's name that is also
    its capital's ("from Omsk"), and "skip" for a place that is not a home (a battle, a job,
    a prison, a school), kept so that no settlement is read from it either.
    """
    finder = _finder()
    if finder is None:
        return []
    out: list[tuple[Hit, str]] = []
    for hit in finder(text):
        before = text[max(0, hit.start - 70) : hit.start]
        after = text[hit.end : hit.end + 40]
        if _BATTLE.search(before) or _INCIDENTAL.search(before) or (
            hit.kind != "adjective" and _INSTITUTION_AFTER.match(after)
        ) or is_outlet(text, hit.start, hit.end):
            out.append((Hit(hit.start, hit.end, hit.code, 0.0), "skip"))
            continue
        if _STRONG_HOME.search(before) or re.match(r"'s\s+[A-Z]", after):
            conf = 0.9
        elif re.search(_HOME_RU + r"\s*$|" + _HOME_EN + r"\s+(?:the\s+)?$", before):
            conf = 0.7
        else:
            conf = 0.5
        if hit.kind == "adjective":
            if conf < 0.9:
                continue  # «в Курском университете»: an adjective without a home cue
            conf -= 0.2
        if hit.code.startswith("UA-") and conf < 0.9:
            continue  # a Ukrainian region without a home cue is where the fighting was
        kind = str(hit.kind)
        if kind == "region" and _is_capital(hit.code, hit.surface) and not _is_region_word(
            text, hit.end
        ):
            kind = "capital"
        out.append((Hit(hit.start, hit.end, hit.code, conf), kind))
    return out


def is_outlet(text: str, start: int, end: int) -> bool:
    """The place at [start, end) names the source (an outlet, a dateline), not a person's home."""
    before = text[max(0, start - 30):start]
    if _OUTLET_BEFORE.search(before) or _OUTLET_AFTER.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start]
    return not any(c.isalnum() for c in lead) and bool(_DATELINE_AFTER.match(text, end))


def _is_capital(code: str, surface: str) -> bool:
    try:
        from tally.gazetteer import get

        region = get(code)
    except Exception:
        return False
    return surface in (getattr(region, "capital_en", None), getattr(region, "capital_ru", None))


@cache
def _finder() -> Any:
    try:
        from tally import gazetteer
    except ImportError:  # pragma: no cover - the gazetteer is part of the package
        return None
    return getattr(gazetteer, "find_in_text", None)


def find_settlements(text: str, *, english: bool) -> list[Hit]:
    out: list[Hit] = []
    if english:
        for m in _SETTLEMENT_EN.finditer(text):
            if _INCIDENTAL.search(text[max(0, m.start() - 40):m.start("a")]):
                continue
            name = m.group("a")
            if name.split()[0] in _EN_STOP or _is_region_word(text, m.end("a")):
                continue
            out.append(Hit(m.start("a"), m.end("a"), name, 0.6))
        return out
    for m in _SETTLEMENT.finditer(text):
        group = "a" if m.group("a") else "b"
        surface = m.group(group)
        start, end = m.start(group), m.end(group)
        before = text[max(0, m.start() - 20) : m.start()]
        if " " in surface and _is_region_word(text, end):
            surface = surface.split()[0]
            end = start + len(surface)
        if _BATTLE.search(before) or _is_region_word(text, end) or _INCIDENTAL.search(
            text[max(0, start - 40):start]
        ):
            continue
        lemma = settlement_lemma(surface, explicit=group == "a")
        if lemma is None:
            continue
        out.append(Hit(start, start + len(surface), lemma, 0.8 if group == "a" else 0.6))
    return out


_EN_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "Russia",
        "Russian",
        "Ukraine",
        "Ukrainian",
        "Moscow's",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "VKontakte",
        "Telegram",
        "Defence",
        "Wagner",
        "Storm",
        "Rosgvardia",
    ]
)


def _is_region_word(text: str, end: int) -> bool:
    after = text[end : end + 16].lower()
    return bool(
        re.match(
            r"\s*(?:област|кра[йяею]|республик|округ|region|republic|krai|oblast|"
            r"район|улус|кожуун)",
            after,
        )
    )


def settlement_lemma(surface: str, *, explicit: bool) -> str | None:
    """The nominative of a settlement name, or None when it does not look like one."""
    return _settlement_lemma(surface, explicit)


@lru_cache(maxsize=16384)
def _settlement_lemma(surface: str, explicit: bool) -> str | None:  # cached: inflection is slow
    words = surface.split()
    out: list[str] = []
    if len(words) == 2:
        adj = [p for p in _parses(words[0]) if "ADJF" in p.tag]
        noun = [p for p in _parses(words[1]) if "Geox" in p.tag]
        if adj and noun:
            n = noun[0]
            number = "plur" if n.tag.number == "plur" else "sing"
            nf = n.inflect({"nomn", number})
            want = {"nomn", number} | ({str(n.tag.gender)} if number == "sing" else set())
            af = adj[0].inflect(want)
            if nf is not None and af is not None:
                return f"{_title(af.word)} {_title(nf.word)}"
    for i, word in enumerate(words):
        parses = _parses(word)
        geo = [p for p in parses if "Geox" in p.tag]
        if i > 0 and not geo:
            break
        if geo:
            p = geo[0]
            number = "plur" if p.tag.number == "plur" else "sing"
            form = p.inflect({"nomn", number})
            out.append(_title(form.word if form else p.normal_form))
        elif explicit:
            out.append(_title(_nominative_guess(word)))
        elif "-" in word and word[0].isupper() and not _known(word):
            out.append(word)
        else:
            return None
    if not out:
        return None
    return " ".join(out)


def _nominative_guess(word: str) -> str:
    parses = [p for p in _parses(word) if "NOUN" in p.tag]
    if parses:
        form = parses[0].inflect({"nomn"})
        if form is not None:
            return str(form.word)
    return word


def _known(word: str) -> bool:
    from tally.names.morph import _analyzer

    return bool(_analyzer().word_is_known(word.lower()))


@cache
def _parses(word: str) -> tuple[Any, ...]:
    from tally.names.morph import _parses as morph_parses

    return morph_parses(word)


def _title(word: str) -> str:
    parts = word.split("-")
    keep_low = {"на", "де", "ла", "дону", "амуре", "оол"}
    return "-".join(
        p if (i > 0 and p in keep_low) else p[:1].upper() + p[1:] for i, p in enumerate(parts)
    )
