"""English-language outlet: short articles with transliterated names."""

# ruff: noqa: E501  (one template per line reads better than wrapped f-strings)

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence

from tally.model import Channel
from tally.synth import ru_words
from tally.synth.mentions import Mention
from tally.synth.military import RANK_EN
from tally.synth.names_ethnic import FOREIGN
from tally.synth.news import Doc, report_delay
from tally.synth.people import Person
from tally.synth.translit import SCHEMES, Scheme, transliterate

SOURCE = "english_outlet"
_DEMONYM = {g.country: g.demonym_en for g in FOREIGN}


class EnCtx:
    def __init__(self, p: Person, rng: random.Random, scheme: Scheme, m: Mention) -> None:
        self.p, self.rng, self.scheme, self.m = p, rng, scheme, m

    def _fact(self, name: str, value: str) -> None:
        if value:
            self.m.facts[name] = value

    def he(self) -> str:
        return "He" if self.p.sex == "M" else "She"

    def _latin(self, word: str) -> str:
        return transliterate(word, self.scheme) if word else ""

    def name(self) -> str:
        p = self.p
        if p.last_latin:
            first, last, patr = p.first_latin, p.last_latin, ""
        else:
            first, last = self._latin(p.first_name), self._latin(p.last_name)
            patr = self._latin(p.patronymic) if self.rng.random() < 0.15 else ""
        text = " ".join(x for x in (first, patr, last) if x)
        self.m.surface = self.m.surface or text
        self._fact("full_name", text)
        self._fact("last_name", last)
        self._fact("first_name", first)
        self._fact("patronymic", patr)
        return text

    def who(self) -> str:
        if self.p.rank and self.rng.random() < 0.4:
            self._fact("rank", self.p.rank)
            self._fact("is_officer", "true" if self.p.is_officer else "false")
            return f"{RANK_EN[self.p.rank]} {self.name()}"
        return self.name()

    def age(self) -> str:
        self._fact("age", str(self.p.age))
        return str(self.p.age)

    def region(self) -> str:
        assert self.p.region is not None
        self._fact("region", self.p.region.code)
        return self.p.region.short_en

    def death(self) -> str:
        d = self.p.death
        if self.rng.random() < 0.6:
            self._fact("death_date", d.isoformat())
            return f"on {ru_words.en_date(d)}"
        self._fact("death_date", f"{d.year:04d}-{d.month:02d}")
        return f"in {ru_words.MONTHS_EN[d.month - 1]} {d.year}"

    def unit(self) -> str:
        self._fact("unit", self.p.unit.nom)
        return self.p.unit.en

    def demonym(self) -> str:
        self._fact("citizenship", self.p.citizenship)
        return _DEMONYM[self.p.citizenship]

    def channel(self, phrase: str) -> str:
        self._fact("channel", self.p.channel.value)
        return phrase


_CHANNEL_EN: dict[Channel, str] = {
    Channel.MOBILIZED: "had been mobilized in the autumn of 2022",
    Channel.VOLUNTEER: "had signed a contract with the Ministry of Defence",
    Channel.PRISONER: "had been recruited from a penal colony",
    Channel.PMC: "had joined a private military company",
    Channel.PROFESSIONAL: "was a career soldier",
    Channel.CONSCRIPT: "was a conscript",
    Channel.SECURITY: "served with Rosgvardia, the national guard",
}

_Leads = tuple[tuple[str, Callable[[EnCtx], str], bool], ...]
#: (key, template, needs a region)
LEADS: _Leads = (
    ("en_aged_from", lambda c: f"{c.who()}, {c.age()}, from the {c.region()} region, was killed in Ukraine, local media reported.", True),
    ("en_died_on", lambda c: f"{c.who()} died {c.death()}, according to a regional news site.", False),
    ("en_among_dead", lambda c: f"Among the dead is {c.who()}, aged {c.age()}.", False),
    ("en_funeral", lambda c: f"A funeral was held in the {c.region()} region for {c.who()}, who was killed {c.death()}.", True),
    ("en_served", lambda c: f"{c.who()} served with {c.unit()}.", False),
)
#: (key, fact it states, template)
EXTRAS: tuple[tuple[str, str, Callable[[EnCtx], str]], ...] = (
    ("en_channel", "channel", lambda c: f"{c.he()} {c.channel(_CHANNEL_EN[c.p.channel])}."),
    ("en_unit", "unit", lambda c: f"{c.he()} served with {c.unit()}."),
    ("en_age", "age", lambda c: f"{c.he()} was {c.age()}."),
    ("en_died", "death_date", lambda c: f"{c.he()} was killed {c.death()}."),
)


def _article(p: Person, rng: random.Random, doc_id: str) -> tuple[str, Mention]:
    m = Mention(SOURCE, doc_id, p)
    c = EnCtx(p, rng, rng.choice(SCHEMES), m)
    sentences = []
    if p.citizenship != "RU":
        sentences.append(f"{c.name()}, {c.demonym()}, was killed {c.death()} fighting for Russia.")
    else:
        leads = [t for _, t, needs_region in LEADS if not needs_region or p.region is not None]
        sentences.append(rng.choice(leads)(c))
    for _, fact, extra in rng.sample(EXTRAS, rng.randrange(0, 3)):
        if fact not in m.facts:
            sentences.append(extra(c))
    return " ".join(x[:1].upper() + x[1:] for x in sentences), m


def articles(persons: Sequence[Person], seed: int) -> Iterator[Doc]:
    rng = random.Random(f"tally-synth:{seed}:english")
    dated = sorted((p.death + report_delay(rng) * 2, p.pid, p) for p in persons)
    for i, (day, _, p) in enumerate(dated, start=1):
        doc_id = f"en-{i:06d}"
        text, m = _article(p, rng, doc_id)
        m.locate(text)
        yield Doc(doc_id, text, f"https://world-news.example/{day:%Y/%m}/{doc_id}", day, [m])


def template_keys() -> list[str]:
    return [k for k, _, _ in LEADS] + [k for k, _, _ in EXTRAS]


__all__ = ["articles", "template_keys"]
