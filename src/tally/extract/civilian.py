"""Civilians are not military deaths: a person whose sentences tell of shelling, a strike or
a drone and say nothing military (no rank, unit, channel, «СВО», «на фронте», "soldier" …) is
left out. The rule is conservative: a civilian cue alone does not drop anybody who has any
military cue of their own.
"""

from __future__ import annotations

import re

from tally.model import MentionFacts

_MILITARY = re.compile(
    r"военнослужащ|(?<![а-яё])бо[ей]ц|бойц|\bСВО\b|спецопераци|специальной\s+военной|"
    r"боев[а-яё]*\s+(?:действ|задач)|фронт|мобилиз|контракт|добровол[ье]ц|рядов[а-яё]+|"
    r"сержант|ефрейтор|лейтенант|прапорщик|капитан|майор|полковник|(?<![а-яё])полк|бригад|"
    r"батальон|дивизи|ВДВ|Минобороны|Вагнер|ЧВК|Шторм|служ[иб]|воевал|штурм|позици|"
    r"военн|(?<![а-яё])арми[яиюей]|\bsoldier|servicem[ae]n|\bfighter|\btroops|\bmilitary|\barmy\b|mobili[sz]|"
    r"contract|volunteer|private\b|sergeant|colonel|lieutenant|captain|major\b|corporal|"
    r"\bfront\b|brigade|regiment|battalion|Wagner|Storm-|combat|\bserved|serving|"
    r"paratrooper|marine|conscript|recruited|war\b",
    re.I,
)
_CIVILIAN = re.compile(
    r"(?<![а-яё])(?:мирн[а-яё]+|обстрел|удар[аеу]?\s+по|беспилотник|дрон|ракетн|авиаудар|"
    r"жительниц|медсестр|водител|пенсионер|реб[её]н|школьни|гражданск|прил[её]т)|"
    r"\bcivilian|shelling|strike\s+on|\bdrone|missile|neighbou?r|pensioner|air\s+raid|"
    r"bombing|killed\s+\d{1,2}-year-old",
    re.I,
)


def is_civilian(facts: MentionFacts, sentences: list[str]) -> bool:
    """True when the person's own sentences tell of a civilian death and nothing military."""
    if facts.rank or facts.unit or facts.channel:
        return False
    joined = " ".join(sentences)
    return bool(_CIVILIAN.search(joined)) and not _MILITARY.search(joined)
