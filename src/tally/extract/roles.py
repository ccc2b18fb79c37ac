"""Who in a text is the dead person: officials, journalists and relatives named next to a role
word («глава района», «журналист», "governor", «его мать», "her husband") are left out unless
their own clause says that they died.

The clause of a mention ends at the next name mention, so «Губернатор X выразил соболезнования
семье погибшего Y» gives the death to Y, not to X; a death verb must agree in gender with the
name («Журналист Мария Иванова … погиб» is not her death). A relative word right before a name
in the genitive names the dead person's relative, not the name («Жена Ильи Маркова Екатерина»:
Илья is the dead, Екатерина the relative), and a later clause saying that the same first name
died («Игорь Валентинович погиб 15 октября») keeps the person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

OFFICIAL_RU = (
    r"глав[аыеу]|губернатор[аеу]?|мэр[аеу]?|министр[аеу]?|журналист(?:ка)?|"
    r"корреспондент(?:ка)?|пресс-секретар[ьяю]|депутат[аеу]?|председател[ьяю]|"
    r"директор[аеу]?|врио|сенатор|спикер|командир\s+[а-яё]+|заместител[ьяю]|"
    r"источник|волонт[её]р|священник|настоятел[ьяю]|благочинн[а-я]+|автор|адвокат|"
    r"юрист|правозащитни[кц]а?|военком[аеу]?"
)
RELATIVE_RU = (
    r"мать|мама|матер[иью]|отец|отца|папа|жена|супруга|вдова|муж|сын|сына|дочь|"
    r"дочери|брат|брата|сестра|сестры|бабушка|дедушка|внук|внучка|соседк[аеи]|сосед|"
    r"родственни[а-я]+|невеста|однокурсни[а-я]+|девушка|подруга"
)
OFFICIAL_EN = (
    r"governor|mayor|minister|journalist|reporter|spokesman|spokeswoman|"
    r"spokesperson|correspondent|head|deputy|chairman|commander|official|activist|lawyer|"
    r"priest|president|senator|editor|analyst|researcher"
)
RELATIVE_EN = (
    r"mother|father|wife|widow|husband|son|daughter|brother|sister|relative|friend|"
    r"neighbour|neighbor|cousin|fiancee|girlfriend|uncle|aunt"
)
_ROLE_RU = re.compile(rf"(?<![а-яё])(?:{OFFICIAL_RU}|{RELATIVE_RU})(?![а-яё])[^.]*$", re.I)
_ROLE_EN = re.compile(rf"\b(?:{OFFICIAL_EN}|{RELATIVE_EN})\b[^.]*$", re.I)
_RELATIVE_RIGHT_BEFORE = re.compile(rf"(?<![а-яё])(?:{RELATIVE_RU})\s*$", re.I)
_DEATH_M = r"погиб|убит|скончался|умер|пал"
_DEATH_F = r"погибла|убита|скончалась|умерла|пала"
_DEATH_ANY = r"погибли|убиты|скончались|умерли|killed|died|was\s+killed|is\s+dead"
_DEATH_BEFORE_RELATIVE = re.compile(
    rf"(?<![а-яё])(?:{_DEATH_M}|{_DEATH_F}|{_DEATH_ANY})\s+(?:[а-яёa-z]+\s+){{0,2}}"
    rf"(?:{RELATIVE_RU}|{RELATIVE_EN})(?:[,\s]+[а-яёa-z]+){{0,3}}[,\s]*$",
    re.I,
)
_SPEECH_AFTER = re.compile(
    r"[,\s]*(?:[а-яё]+\s+)?(?:рассказал|сообщил|выразил|заявил|пишет|написал|said|told|wrote)",
    re.I,
)
_SPEECH = re.compile(
    r"рассказал|сообщил|выразил|заявил|пишет|написал|просит|опубликовал|узнал|передал|"
    r"вручил|посетил|обсудил|отметил|подтвердил|said|told|wrote|reported|visited|declined|"
    r"confirmed|counted|laid|did\s+not",
    re.I,
)
_SENT_CUT = re.compile(r"(?<![А-ЯЁA-Z])[.!?\n]")


class Mention(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def death_pattern(gender: str | None) -> re.Pattern[str]:
    """Death verbs agreeing with a name of ``gender`` ("m", "f" or None)."""
    verbs = {"m": _DEATH_M, "f": _DEATH_F}.get(gender or "", f"{_DEATH_M}|{_DEATH_F}")
    return re.compile(rf"(?<![а-яёa-z])(?:{verbs}|{_DEATH_ANY})(?![а-яёa-z])", re.I)


def role_before(text: str, start: int, floor: int, *, english: bool) -> bool:
    """A role word (official, journalist, relative) in the clause before ``start``."""
    window = text[max(0, floor, start - 45):start]
    window = re.split(r"[.!?\n:]|(?<![а-яёa-z])(?:что|that)(?![а-яёa-z])", window)[-1]
    return bool((_ROLE_EN if english else _ROLE_RU).search(window))


def died_after(text: str, end: int, limit: int, gender: str | None) -> bool:
    """The mention's own clause (up to the sentence end or the next name) says it died."""
    rest = text[end:min(limit, end + 160)]
    rest = _SENT_CUT.split(rest)[0]
    death = death_pattern(gender).search(rest)
    speech = _SPEECH.search(rest)
    return death is not None and (speech is None or death.start() < speech.start())


def keep(text: str, m: Mention, gender: str | None, prev: Mention | None,
         nxt: Mention | None, *, english: bool, prev_possessor: bool = False) -> bool:
    """False for an official, journalist or relative whose clause does not say it died."""
    floor = 0 if prev is None or prev_possessor else prev.end
    speech = bool(_SPEECH_AFTER.match(text[m.end:m.end + 40]))
    if not role_before(text, m.start, floor, english=english) and not speech:
        return True
    before = re.split(r"[.!?\n]", text[max(0, m.start - 60):m.start])[-1]
    if _DEATH_BEFORE_RELATIVE.search(before):
        return True  # «Погиб мой брат Константин»
    limit = nxt.start if nxt is not None else len(text)
    return died_after(text, m.end, limit, gender)


def possessor(text: str, start: int, case: str | None) -> bool:
    """A genitive name right after a relative word: «Жена Ильи Маркова», «Родственники X»."""
    return case == "gent" and bool(_RELATIVE_RIGHT_BEFORE.search(text[max(0, start - 20):start]))


def died_later(text: str, first: str | None, after: int,
               others: Sequence[tuple[int, int]]) -> bool:
    """The same first name, later and outside other names, in a clause that says it died."""
    if not first or len(first) < 3 or first.endswith("."):
        return False
    stem = re.escape(first[: max(3, len(first) - 2)])
    pat = re.compile(rf"(?<![\w-]){stem}[а-яёa-z]{{0,4}}(?![\w-])")
    for m in pat.finditer(text, after):
        if any(s <= m.start() < e for s, e in others):
            continue
        limit = min((s for s, _ in others if s > m.end()), default=len(text))
        if died_after(text, m.end(), limit, None):
            return True
    return False


_FEM = (r"погибла|была|служила|умерла|ушла|подписала|родилась|она|её|ее|ей|рядовая|погибшая|"
        r"погибшей|мобилизованная|уроженка|уроженкой|жительница|медсестра|связистка")
_MASC = (r"погиб|был|служил|умер|ушёл|ушел|подписал|родился|он|его|ему|погибший|погибшего|"
         r"погибшему|мобилизованного|мобилизованный|мобилизованным|уроженец|уроженцем|уроженца|"
         r"житель|жителя|жителем|рядового|рядовым")
_GENDER_WORD = re.compile(rf"(?<![а-яё])(?:(?P<f>{_FEM})|(?P<m>{_MASC}))(?![а-яё])", re.I)


def gender_hint(text: str, start: int, end: int) -> str | None:
    """The gender the nearest agreeing word in the sentence gives («погибла», «его»)."""
    lo = max(0, start - 30)
    while lo > 0 and text[lo - 1].isalpha():
        lo += 1  # never start inside a word («рай|она»)
    before = re.split(r"[.!?\n]", text[lo:start])[-1]
    after = _SENT_CUT.split(text[end:end + 80])[0]
    best: tuple[int, str] | None = None
    for m in _GENDER_WORD.finditer(before):
        d = len(before) - m.end()
        if best is None or d < best[0]:
            best = (d, "f" if m.group("f") else "m")
    for m in _GENDER_WORD.finditer(after):
        d = m.start()
        if best is None or d < best[0]:
            best = (d, "f" if m.group("f") else "m")
        break
    return best[1] if best else None


_GENT_GOV = re.compile(
    r"(?<![а-яё])(?:гибели|смерти|памяти|похороны|прощание\s+с\s+телом|семь[ияе]|родным|"
    r"родственники|сына|брата|мужа|отца|у)\s+(?:[а-яё]+\s+){0,2}$", re.I
)
_ABLT_GOV = re.compile(r"(?<![а-яё])(?:с|со)\s+(?:[а-яё]+\s+){0,2}$", re.I)


def case_hint(text: str, start: int) -> str | None:
    """The case the governing word before a name asks for («о гибели» → gent, «с» → ablt)."""
    before = text[max(0, start - 40):start]
    if _GENT_GOV.search(before):
        return "gent"
    if _ABLT_GOV.search(before):
        return "ablt"
    return None
