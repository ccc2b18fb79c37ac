"""Name mentions in a text: natasha's PER spans (Russian) or capitalised runs (English), with
rank words stripped, lemmatised, and filtered: relatives, officials and journalists are not the
dead person unless the clause says they died.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tally.names.morph import NameParts, lemmatize_name
from tally.names.ranks import is_rank_word


@dataclass(frozen=True, slots=True)
class NameMention:
    start: int
    end: int
    surface: str
    parts: NameParts
    dropped: bool = False  # a relative, official or journalist: not a person to report


_TOKEN = re.compile(r"[А-ЯЁA-Z][а-яёa-z]*(?:-[А-ЯЁA-Zа-яёa-z][а-яёa-z]*)*\.?|[А-ЯЁA-Z]\.")
_INITIALS_NAME = re.compile(r"(?P<n>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)")
_UPPER_NAME = re.compile(
    r"(?P<n>[А-ЯЁ]{3,}(?:-[А-ЯЁ]{2,})?\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|ич))"
)
_TRIPLE = re.compile(
    r"(?P<n>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+"
    r"[А-ЯЁ][а-яё]+(?:-[а-яё]+)?(?:вич|вна|ична|ич)(?:а|у|ем|ом|е|ы|ой)?)"
)
_EN_NAME = re.compile(
    r"(?<![\w'])(?P<n>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,3})"
)

_OFFICIAL_RU = (
    r"глав[аыеу]|губернатор[аеу]?|мэр[аеу]?|министр[аеу]?|журналист(?:ка)?|"
    r"корреспондент(?:ка)?|пресс-секретар[ьяю]|депутат[аеу]?|председател[ьяю]|"
    r"директор[аеу]?|врио|сенатор|спикер|командир\s+[а-яё]+|заместител[ьяю]|"
    r"источник|волонт[её]р|священник|настоятел[ьяю]|благочинн[а-я]+|автор"
)
_RELATIVE_RU = (
    r"мать|мама|матер[иью]|отец|отца|папа|жена|супруга|вдова|муж|сын|сына|дочь|"
    r"дочери|брат|брата|сестра|сестры|бабушка|дедушка|внук|внучка|соседк[аеи]|"
    r"родственни[а-я]+|невеста|однокурсни[а-я]+"
)
_OFFICIAL_EN = (
    r"governor|mayor|minister|journalist|reporter|spokesman|spokeswoman|"
    r"spokesperson|correspondent|head|deputy|chairman|commander|official|activist"
)
_RELATIVE_EN = r"mother|father|wife|widow|husband|son|daughter|brother|sister|relative|friend"
_DEATH = re.compile(
    r"погиб|гибел|убит|скончал|умер|похорон|простил|память|памяти|помним|"
    r"killed|died|dead|death|funeral",
    re.I,
)
_SPEECH = re.compile(
    r"рассказал|сообщил|выразил|заявил|пишет|написал|просит|опубликовал|"
    r"узнал|передал|вручил|посетил|обсудил|отметил|said|told|wrote|reported|"
    r"visited|did\s+not|confirmed|counted",
    re.I,
)
_EN_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "As",
        "At",
        "In",
        "On",
        "Of",
        "From",
        "For",
        "And",
        "But",
        "He",
        "She",
        "His",
        "Her",
        "Both",
        "Two",
        "Three",
        "Russia",
        "Russian",
        "Ukraine",
        "Ukrainian",
        "Moscow",
        "Defence",
        "Defense",
        "Ministry",
        "National",
        "Guard",
        "Republic",
        "Region",
        "Krai",
        "Oblast",
        "Brigade",
        "Regiment",
        "Division",
        "Army",
        "Herald",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
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
        "VKontakte",
        "Telegram",
        "Storm",
        "Wagner",
        "Group",
        "Black",
        "Sea",
        "Air",
        "Assault",
        "Motor",
        "Rifle",
        "Rosgvardia",
        "Soledar",
        "Bakhmut",
        "Kursk",
        "Zaporizhzhia",
        "Kherson",
        "Donetsk",
        "Luhansk",
        "Belgorod",
        "Kurakhove",
        "Officials",
        "Local",
        "According",
        "Human",
        "Rights",
        "Senior",
        "Junior",
        "Lieutenant",
        "Captain",
        "Colonel",
        "Major",
        "Sergeant",
        "Private",
        "Corporal",
        "Warrant",
        "Officer",
        "General",
        "Medical",
        "Conscript",
        "Volunteer",
        "Lance",
        "Staff",
        "First",
        "Second",
        "Third",
        "Rank",
        "Navy",
        "Mobilised",
        "Mobilized",
        "Kazakh",
        "Uzbek",
        "Cuban",
        "Indian",
        "Nepali",
        "Somali",
        "Serbian",
        "Moldovan",
        "Ghanaian",
        "Sri",
        "Lankan",
        "Syrian",
        "Egyptian",
        "Tajik",
        "Kyrgyz",
        "Iraqi",
        "Chinese",
        "Tuva",
        "Buryatia",
        "Bashkortostan",
        "Tatarstan",
        "Chechnya",
        "Dagestan",
        "Siberia",
        "Crimea",
        "Sevastopol",
        "Ufa",
        "Pskov",
        "Omsk",
        "Tula",
        "Ryazan",
        "Kaluga",
        "Lipetsk",
        "Voronezh",
        "Nizhny",
        "Novgorod",
        "Khabarovsk",
        "Murmansk",
        "Salekhard",
        "Nalchik",
        "Kabardino-Balkaria",
        "Ulan-Ude",
        "Sheregesh",
        "Nizhnekamsk",
        "Naberezhnye",
        "Chelny",
        "Kemerovo",
        "Novosibirsk",
        "Saratov",
        "Tver",
        "Chelyabinsk",
        "Zabaykalsky",
        "Rostov-on-Don",
        "Sevastopol",
        "Governor",
        "Minister",
        "Mayor",
        "President",
        "Deputy",
        "Head",
        "Chief",
        "Rosgvardia",
        "Eastern",
        "Western",
        "Northern",
        "Southern",
        "Kremlin",
        "Telegram",
        "Mediazona",
        "BBC",
        "Meduza",
    ]
)


def _tokens(surface: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _TOKEN.finditer(surface)]


def clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip rank words and stray words from a candidate span; None when nothing is left."""
    cut = re.search(r"\s[—–-]\s|,|\n", text[start:end])
    if cut:
        end = start + cut.start()
    toks = _tokens(text[start:end])
    while toks and (
        is_rank_word(toks[0][1])
        or toks[0][1].lower() in {"гвардии", "the"}
        or (len(toks) > 2 and _not_name_word(toks[0][1]))
    ):
        toks.pop(0)
    while toks and is_rank_word(toks[-1][1]):
        toks.pop()
    if not toks:
        return None
    s = start + toks[0][0]
    last_off, last_tok = toks[-1]
    e = start + last_off + len(last_tok)
    if last_tok.endswith(".") and not re.fullmatch(r"[А-ЯЁA-Z]\.", last_tok):
        e -= 1
    return s, e


def _not_name_word(word: str) -> bool:
    """A capitalised word that is no part of a name: «Вспоминаем», «Омска», «ФСБ», «Эл»."""
    from tally.names.morph import _analyzer, _parses

    if word.isupper() and len(word) <= 4:
        return True
    if len(word) <= 2:
        return True
    parses = _parses(word)
    if any(t in p.tag for p in parses[:3] for t in ("Name", "Surn", "Patr")):
        return False
    return bool(_analyzer().word_is_known(word.lower()))


def _role_before(text: str, start: int, english: bool) -> bool:
    window = text[max(0, start - 45) : start]
    window = re.split(r"[.!?\n]", window)[-1]
    if english:
        pat = rf"\b(?:{_OFFICIAL_EN}|{_RELATIVE_EN})\b[^.]*$"
        return bool(re.search(pat, window, re.I))
    pat = rf"(?<![а-яё])(?:{_OFFICIAL_RU}|{_RELATIVE_RU})(?![а-яё])[^.]*$"
    if re.search(rf"(?:{_OFFICIAL_RU}|{_RELATIVE_RU})\s+(?:погибш|бойц)", window, re.I):
        return True
    return bool(re.search(pat, window, re.I))


def _died_after(text: str, end: int, female: bool | None) -> bool:
    rest = text[end : end + 160]
    rest = re.split(r"(?<![А-ЯЁA-Z])[.!?\n]", rest)[0]
    death = _DEATH.search(rest)
    speech = _SPEECH.search(rest)
    if death is None:
        return False
    return speech is None or death.start() < speech.start()


def _keep(text: str, m: NameMention, english: bool) -> bool:
    if not _role_before(text, m.start, english) and not _speech_right_after(text, m.end):
        return True
    return _died_after(text, m.end, m.parts.gender == "f")


def _speech_right_after(text: str, end: int) -> bool:
    rest = text[end : end + 40]
    return bool(
        re.match(
            r"[,\s]*(?:[а-яё]+\s+)?(?:рассказал|сообщил|выразил|заявил|пишет|"
            r"написал|said|told|wrote)",
            rest,
            re.I,
        )
    )


def ru_mentions(text: str) -> list[NameMention]:
    from tally.extract.nlp import ner_spans

    spans: list[tuple[int, int]] = [(s.start, s.end) for s in ner_spans(text) if s.type == "PER"]
    for rx in (_UPPER_NAME, _INITIALS_NAME, _TRIPLE):
        for m in rx.finditer(text):
            s, e = m.start("n"), m.end("n")
            spans = [sp for sp in spans if not (s <= sp[0] and sp[1] <= e)]
            if not any(sp[0] <= s and e <= sp[1] for sp in spans):
                spans.append((s, e))
    out = []
    for start, end in sorted(spans):
        cleaned = clean_span(text, start, end)
        if cleaned is None:
            continue
        s, e = cleaned
        words = [w for _, w in _tokens(text[s:e])]
        words = [w.rstrip(".") if not re.fullmatch(r"[А-ЯЁ]\.", w) else w for w in words]
        if any(w.isupper() and len(w) > 2 for w in words):
            words = [w.title() if w.isupper() and len(w) > 2 else w for w in words]
        words = _merge_initials(words)
        parts = lemmatize_name(words)
        mention = NameMention(s, e, text[s:e], parts)
        out.append(_with_drop(text, mention, english=False))
    return out


def _merge_initials(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if re.fullmatch(r"[А-ЯЁ]\.", w) and out and re.fullmatch(r"[А-ЯЁ]\.", out[-1]):
            out[-1] += w
        else:
            out.append(w)
    return out


def _with_drop(text: str, m: NameMention, *, english: bool) -> NameMention:
    if _keep(text, m, english):
        return m
    return NameMention(m.start, m.end, m.surface, m.parts, dropped=True)


def en_mentions(text: str) -> list[NameMention]:
    out = []
    for m in _EN_NAME.finditer(text):
        start, end = m.start("n"), m.end("n")
        words = m.group("n").split()
        while words and (words[0] in _EN_STOP or is_rank_word(words[0])):
            start += len(words[0]) + 1
            words.pop(0)
            while start < end and text[start].isspace():
                start += 1
        while words and words[-1] in _EN_STOP:
            words.pop()
        if len(words) < 2 or any(w in _EN_STOP for w in words):
            continue
        end = start + len(" ".join(words))
        if text[start:end] != " ".join(words):
            continue
        if re.match(r"\s+(?:region|Republic|Krai|Oblast|Brigade)", text[end : end + 12]):
            continue
        parts = NameParts(words[-1], " ".join(words[:-1]), None, None)
        out.append(_with_drop(text, NameMention(start, end, text[start:end], parts), english=True))
    return out


@cache
def _key_fn() -> object | None:
    try:
        from tally.names import keys  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    return getattr(keys, "name_key", None)
