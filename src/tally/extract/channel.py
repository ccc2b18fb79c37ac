"""The recruitment-channel lexicon (Russian and English cues)."""

from __future__ import annotations

import re
from functools import cache

from tally.extract.facts import Hit
from tally.model import Channel

_PREWAR = r"(?:19\d\d|20[01]\d|202[01])(?!\d)"

#: (pattern, channel, confidence); earlier rows win over later ones at the same place.
_LEXICON: tuple[tuple[str, Channel, float], ...] = (
    (r"отбывал[аи]?\s+(?:наказание|срок)|из\s+(?:исправительной\s+)?колони|заключённ|заключенн|"
     r"осуждённ|осужденн|бывш(?:ий|его|им)\s+(?:заключ|осужд)|в\s+обмен\s+на\s+помилование|"
     r"исправительн|Шторм[\s-]*[ZVЗ]|\bИК-\d+", Channel.PRISONER, 0.9),
    (r"\bconvict|\binmate|prison|Storm[\s-]?[ZV]\b", Channel.PRISONER, 0.9),
    (r"подсудим|обвиняем|подозреваем|в\s+СИЗО|\bdefendant|\bsuspect", Channel.VOLUNTEER, 0.85),
    (r"мобилизован|мобилизовал[иа]|по\s+(?:частичной\s+)?мобилизации|мобилизации|\bmobili[sz]ed|mobili[sz]ation",
     Channel.MOBILIZED, 0.95),
    (r"Росгвардии|Росгвардия|ОМОН|СОБР|\bФСБ\b|МВД|полици[иия]|полицейск|Rosgvardia|"
     r"National\s+Guard|\bpolice\b|\bFSB\b", Channel.SECURITY, 0.9),
    (r"срочн(?:ую|ой)\s+служб|по\s+призыву|срочник|\bconscript", Channel.CONSCRIPT, 0.9),
    (r"ЧВК|\bWagner\b|\bPMC\b|private\s+military\s+company", Channel.PMC, 0.7),
    (r"добровол[ье]|доброволь|\bvolunteer", Channel.VOLUNTEER, 0.9),
    (r"кадров(?:ый|ым|ого)\s+(?:офицер|военн)|\bcareer\s+(?:officer|soldier)|"
     r"служил[а]?\s+(?:[^.]{0,60}\s)?(?:более\s+)?(?:с\s+(?:19\d\d|20[01]\d|202[01])|\d+\s+лет)|"
     r"по\s+контракту\s+с\s+(?:19\d\d|20[01]\d|202[01])|"
     r"(?:had\s+)?served\s+(?:under\s+contract\s+)?since\s+20[01]\d|"
     r"contract\s+soldier\s+since\s+20[01]\d|выпускник[а-я]*\s+(?:[А-ЯЁа-яё-]+\s+){0,4}"
     r"(?:училищ|академи)|окончил\s+(?:[А-ЯЁа-яё-]+\s+){0,4}(?:училищ|академи)|"
     r"joined\s+the\s+(?:army|military|navy)\s+in\s+(?:19\d\d|20[01]\d|202[01])|"
     r"graduate\s+of\s+the\s+[^.]{0,40}(?:school|academy)|graduated\s+from",
     Channel.PROFESSIONAL, 0.7),
    # a contract signed before the war (2021 or earlier, «до начала СВО») is a career soldier's
    (rf"контрактник[а-я]*\s+(?:ещё\s+|еще\s+)?(?:с|since)\s+{_PREWAR}|"
     rf"(?:заключил|подписал|заключивш|подписавш)[а-я]*\s+(?:свой\s+|первый\s+)?"
     rf"контракт[а-я]*\s+(?:[^.;]{{0,30}}?\s)?(?:ещё\s+|еще\s+)?(?:в|с)\s+{_PREWAR}|"
     rf"(?:ещё\s+|еще\s+)?(?:в|с)\s+{_PREWAR}(?:\s+году|-?м)?,?\s+(?:[а-яё]+\s+){{0,2}}"
     rf"(?:заключил|подписал)[а-я]*\s+(?:[а-яё]+\s+)?контракт|"
     rf"по\s+контракту\s+(?:служил[а]?\s+|служит\s+)?(?:ещё\s+|еще\s+)?с\s+{_PREWAR}|"
     r"контракт[^.]{0,40}?(?:ещё\s+|еще\s+)?до\s+(?:начала\s+)?(?:СВО|специальной\s+военной|"
     r"спецоперации|войны)|(?:ещё\s+|еще\s+)?до\s+(?:начала\s+)?(?:СВО|специальной\s+военной"
     r"\s+операции|спецоперации|войны),?\s+[^.]{0,30}?контракт|"
     rf"signed\s+(?:a|his|her)\s+(?:first\s+)?(?:military\s+)?contract\s+in\s+{_PREWAR}|"
     r"contract[^.]{0,30}before\s+the\s+(?:war|invasion)", Channel.PROFESSIONAL, 0.75),
    (r"(?:заключил|подписал|подписавш|заключивш)[а-я]*\s+контракт|по\s+контракту|контрактник|"
     r"контрактной\s+службы|на\s+контракт|signed\s+a\s+(?:military\s+)?contract|"
     r"under\s+contract|contract\s+soldier|military\s+contract|signing\s+a\s+(?:military\s+)?"
     r"contract|контракт", Channel.VOLUNTEER, 0.8),
)


_NEGATED = re.compile(
    r"(?:(?<![а-яё])не|\bnot|\bnever|опроверга[а-яё]*,?\s+что\s+(?:он|она)?)\s+"
    r"(?:был[аи]?\s+|являл[а-яё]+\s+|was\s+|were\s+|a\s+|an\s+)?$",
    re.I,
)


@cache
def _compiled(folded: bool) -> tuple[tuple[re.Pattern[str], Channel, float], ...]:
    """The lexicon compiled for lower-cased text (``folded``: faster), or with IGNORECASE."""
    if folded:
        return tuple((re.compile(p.lower()), ch, conf) for p, ch, conf in _LEXICON)
    return tuple((re.compile(p, re.I), ch, conf) for p, ch, conf in _LEXICON)


def find_channel_cues(text: str) -> list[tuple[Hit, int]]:
    """Cue hits with their priority (lower wins when several cues tell of one person)."""
    out: list[tuple[Hit, int]] = []
    low = text.lower()
    folded = len(low) == len(text)  # a few characters change length when lower-cased
    if folded:
        text = low
    for prio, (pattern, channel, conf) in enumerate(_compiled(folded)):
        for m in pattern.finditer(text):
            if _NEGATED.search(text[max(0, m.start() - 40):m.start()]):
                continue  # «не был заключённым», «не мобилизован, а добровольцем»
            out.append((Hit(m.start(), m.end(), channel.value, conf), prio))
    return sorted(out, key=lambda x: x[0].start)


def resolve(cues: list[tuple[Hit, int]]) -> tuple[Hit, Channel] | None:
    """One channel from a person's cues, by priority; conscript then contract is volunteer."""
    if not cues:
        return None
    channels = {Channel(h.value) for h, _ in cues}
    best_hit, _ = min(cues, key=lambda c: c[1])
    best = Channel(best_hit.value)
    if best is Channel.CONSCRIPT and Channel.VOLUNTEER in channels:
        # «служил по призыву, затем подписал контракт»
        vol = next(h for h, _ in cues if h.value == Channel.VOLUNTEER.value)
        con = next(h for h, _ in cues if h.value == Channel.CONSCRIPT.value)
        if vol.start > con.start:
            return vol, Channel.VOLUNTEER
    return best_hit, best
