"""Relatives' and friends' posts, as a Telegram Desktop export (``result.json`` shape).

Informal Russian with diminutives, emotional wording and private data of the living (a
relative's name, a phone number, an address); those are listed in ``truth_private.csv`` for
redaction tests. Bold names and phone numbers become Telegram text entities.
"""

# ruff: noqa: E501  (one template per line reads better than wrapped f-strings)

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tally.model import Channel
from tally.synth import ru_words
from tally.synth.ctx import Ctx
from tally.synth.inflect import feminine_surname
from tally.synth.mentions import Mention
from tally.synth.names_ru import FEMALE_FIRST
from tally.synth.news import report_delay
from tally.synth.people import Person
from tally.synth.render import Style, diminutives

SOURCE = "relatives_posts"
_STREETS = ("Ленина", "Советская", "Мира", "Гагарина", "Лесная", "Школьная", "Молодёжная")
_PHONE_RE = re.compile(r"\+7 9\d\d \d{3}-\d\d-\d\d")


@dataclass(slots=True)
class Private:
    doc_id: str
    kind: str  # phone | address | relative_name
    text: str


@dataclass(slots=True)
class Message:
    id: int
    date: datetime
    text: str  # with **bold** markers
    mentions: list[Mention] = field(default_factory=list)
    private: list[Private] = field(default_factory=list)

    def plain(self) -> str:
        return self.text.replace("**", "")

    def export(self, channel: str) -> dict[str, Any]:
        parts: list[Any] = []
        entities: list[dict[str, str]] = []
        for i, chunk in enumerate(self.text.split("**")):
            if not chunk:
                continue
            if i % 2:
                parts.append({"type": "bold", "text": chunk})
                entities.append({"type": "bold", "text": chunk})
                continue
            pos = 0
            for m in _PHONE_RE.finditer(chunk):
                if m.start() > pos:
                    parts.append(chunk[pos : m.start()])
                    entities.append({"type": "plain", "text": chunk[pos : m.start()]})
                parts.append({"type": "phone", "text": m.group()})
                entities.append({"type": "phone", "text": m.group()})
                pos = m.end()
            if pos < len(chunk):
                parts.append(chunk[pos:])
                entities.append({"type": "plain", "text": chunk[pos:]})
        text: Any = parts[0] if len(parts) == 1 and isinstance(parts[0], str) else parts
        return {
            "id": self.id, "type": "message", "date": self.date.isoformat(timespec="seconds"),
            "date_unixtime": str(int(self.date.timestamp())), "from": channel,
            "from_id": "channel1000000001", "text": text, "text_entities": entities,
        }


_Tmpl = Callable[[Ctx], str]
OPENERS: tuple[tuple[str, _Tmpl], ...] = (
    ("rel_our", lambda c: f"Наш **{c.name()}** {c.g('погиб', 'погибла')} {c.death()}."),
    ("rel_no_more", lambda c: f"Нет больше с нами **{c.name('gent')}**... Не верится."),
    ("rel_buried_brother", lambda c: f"Сегодня похоронили {c.g('моего брата', 'мою сестру')} **{c.name('accs')}**."),
    ("rel_memory", lambda c: f"Светлая память {c.name('datv')}! {c.g('Погиб', 'Погибла')} {c.death()}."),
    ("rel_forty_days", lambda c: f"40 дней как нет с нами **{c.name('gent')}**. Помним, любим, скорбим."),
    ("rel_son", lambda c: f"{c.g('Сыночек', 'Доченька')} наш, **{c.name()}**, как же так..."),
    ("rel_looking", lambda c: f"Ищем сослуживцев **{c.name('gent')}**, кто был рядом в последние дни."),
)
DETAILS: tuple[tuple[str, _Tmpl], ...] = (
    ("rel_birth", lambda c: f"{c.birth_year()} г.р."),
    ("rel_age", lambda c: f"{c.him().capitalize()} было всего {c.age()}."),
    ("rel_from", lambda c: f"Сам{c.g('', 'а')} из {c.place_gen()}." if c.p.settlement else ""),
    ("rel_unit", lambda c: f"Служил{c.g('', 'а')} в {c.unit_loc()}."),
)
CHANNEL_CUES: dict[Channel, tuple[str, _Tmpl]] = {
    Channel.MOBILIZED: ("rel_mob", lambda c: f"{c.channel()}Забрали по мобилизации {ru_words.in_month(c.joined())}."),
    Channel.VOLUNTEER: ("rel_vol", lambda c: f"{c.channel()}Сам пошёл, подписал контракт, никого не послушал."),
    Channel.PRISONER: ("rel_pris", lambda c: f"{c.channel()}Ушёл на фронт из колонии, хотел начать жизнь заново."),
}
CLOSERS: tuple[str, ...] = ("Вечная память, родной!", "Царствие небесное.", "Помним. Любим. 🕯",
                            "Спи спокойно, родной.", "Не забудем никогда.")
NOISE: tuple[str, ...] = (
    "Спасибо всем, кто поддержал нашу семью в эти дни.",
    "Сбор для ребят из бригады: реквизиты в комментариях.",
    "Кто знает, где сейчас 3-й батальон? Связи нет уже неделю.",
    "#помним Подписывайтесь на канал, здесь мы собираем память о наших ребятах.",
)


def _phone(rng: random.Random) -> str:
    return (f"+7 9{rng.randrange(10, 100)} {rng.randrange(100, 1000)}-"
            f"{rng.randrange(10, 100)}-{rng.randrange(10, 100)}")


def _style(rng: random.Random, p: Person) -> tuple[Style, str]:
    dims = diminutives(p.first_name) if p.citizenship == "RU" else ()
    roll = rng.random()
    if dims and roll < 0.45:
        return ("dim_l" if rng.random() < 0.6 else "dim"), rng.choice(dims)
    return rng.choices(("fl", "fpl", "lfp", "f"), (50, 25, 15, 10))[0], ""


def _private(c: Ctx, rng: random.Random, doc_id: str) -> tuple[str, list[Private]]:
    kind = rng.random()
    if kind < 0.4:
        phone = _phone(rng)
        mother = rng.choice(FEMALE_FIRST)[0]
        who = f"{feminine_surname(c.p.last_name) if c.p.sex == 'M' else c.p.last_name} {mother}"
        return (f"Мама, {who}, просит всех, кто знал, позвонить: {phone}.",
                [Private(doc_id, "relative_name", who), Private(doc_id, "phone", phone)])
    if kind < 0.7:
        address = (f"ул. {rng.choice(_STREETS)}, д. {rng.randrange(1, 80)}, "
                   f"кв. {rng.randrange(1, 120)}")
        return (f"Прощание дома по адресу: {address}.",
                [Private(doc_id, "address", address)])
    return "", []


class RelativesWriter:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"tally-synth:{seed}:relatives")
        self._next = 0

    def _id(self) -> int:
        self._next += 1
        return self._next

    def messages(self, persons: Sequence[Person]) -> Iterator[Message]:
        rng = self.rng
        dated = sorted((p.death + report_delay(rng), p.pid, p) for p in persons)
        for day, _, p in dated:
            when = datetime(day.year, day.month, day.day, rng.randrange(7, 23), rng.randrange(60))
            if rng.random() < 0.08:
                yield Message(self._id(), when - timedelta(hours=1), rng.choice(NOISE))
            yield self._post(p, when)
            if rng.random() < 0.1:  # «40 дней» follow-up about the same person
                yield self._post(p, when + timedelta(days=40), forty=True)

    def _post(self, p: Person, when: datetime, forty: bool = False) -> Message:
        rng = self.rng
        msg_id = self._id()
        doc_id = f"tg-{msg_id:06d}"
        style, dim = _style(rng, p)
        c = Ctx(p, rng, style, Mention(SOURCE, doc_id, p), dim)
        if not c.writer.inflects():
            openers = [OPENERS[0][1], OPENERS[5][1]]  # nominative only («Игорёк»)
        else:
            openers = [OPENERS[4][1]] if forty else [t for _, t in OPENERS]
        parts = [rng.choice(openers)(c)]
        for _, detail in rng.sample(DETAILS, rng.randrange(0, 3)):
            parts.append(detail(c))
        cue = CHANNEL_CUES.get(p.channel)
        if cue and rng.random() < 0.5 and p.sex == "M":
            parts.append(cue[1](c))
        private_text, private = _private(c, rng, doc_id)
        parts.append(private_text)
        parts.append(rng.choice(CLOSERS))
        msg = Message(msg_id, when, " ".join(x for x in parts if x), [c.m], private)
        c.m.locate(msg.plain())
        return msg


def template_keys() -> list[str]:
    keys = [k for k, _ in OPENERS] + [k for k, _ in DETAILS]
    return keys + [k for k, _ in CHANNEL_CUES.values()]
