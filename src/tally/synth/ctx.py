"""Rendering context for one person in one Russian text: every phrase records its fact.

A template calls methods of :class:`Ctx` (``c.who("ablt")``, ``c.region_gen()``, …); each
returns the Russian words and records what the document now states, so the mention's expected
facts are exactly what was written.
"""

from __future__ import annotations

import random
from datetime import date

from tally.synth import ru_words
from tally.synth.inflect import Case
from tally.synth.mentions import Mention
from tally.synth.names_ethnic import FOREIGN
from tally.synth.people import Person
from tally.synth.render import (
    STATES_FIRST,
    STATES_LAST,
    STATES_PATR,
    NameWriter,
    Style,
    rank_phrase,
)

_COUNTRY_GEN = {g.country: g.name_gen_ru for g in FOREIGN}


class Ctx:
    def __init__(self, person: Person, rng: random.Random, style: Style, mention: Mention,
                 diminutive: str = "") -> None:
        self.p = person
        self.rng = rng
        self.writer = NameWriter(person, style, diminutive)
        self.m = mention

    # --- grammar helpers -------------------------------------------------------------------
    def g(self, masculine: str, feminine: str) -> str:
        return masculine if self.p.sex == "M" else feminine

    def he(self) -> str:
        return self.g("Он", "Она")

    def him(self) -> str:
        return self.g("ему", "ей")

    def his(self) -> str:
        return self.g("его", "её")

    def _fact(self, name: str, value: str) -> None:
        if value:
            self.m.facts[name] = value

    # --- names -----------------------------------------------------------------------------
    def name(self, case: Case = "nomn") -> str:
        text = self.writer(case)
        style, p = self.writer.style, self.p
        if not self.m.surface:
            self.m.surface = text
        if style in STATES_LAST:
            self._fact("last_name", p.last_name)
            self._fact("full_name", self.writer("nomn"))
        if style in STATES_FIRST:
            self._fact("first_name", p.first_name)
        if style in STATES_PATR:
            self._fact("patronymic", p.patronymic)
        return text

    def rank(self, case: Case = "nomn") -> str:
        if self.p.rank:
            self._fact("rank", self.p.rank)
            self._fact("is_officer", "true" if self.p.is_officer else "false")
        return rank_phrase(self.p.rank, case)

    def who(self, case: Case = "nomn") -> str:
        """Name, preceded by the rank about half of the time (and always with initials)."""
        with_rank = self.p.rank and (self.writer.style == "l_init" or self.rng.random() < 0.5)
        name = self.name(case)
        return f"{self.rank(case)} {name}" if with_rank else name

    def surname(self) -> str:
        self._fact("last_name", self.p.last_name)
        return self.p.last_name

    # --- dates and age ---------------------------------------------------------------------
    def death(self) -> str:
        """A death-date phrase of random precision («14 мая», «в конце марта 2024», …)."""
        d, roll = self.p.death, self.rng.random()
        if roll < 0.35:
            self._fact("death_date", d.isoformat())
            return ru_words.day_month(d)
        if roll < 0.6:
            self._fact("death_date", d.isoformat())
            return ru_words.full_date(d)
        self._fact("death_date", f"{d.year:04d}-{d.month:02d}")
        if roll < 0.8:
            return ru_words.part_of_month(d)
        return ru_words.in_month(d)

    def birth_full(self) -> str:
        self._fact("birth_date", self.p.birth.isoformat())
        return ru_words.full_date(self.p.birth)

    def birth_numeric(self) -> str:
        self._fact("birth_date", self.p.birth.isoformat())
        return ru_words.numeric_date(self.p.birth)

    def birth_year(self) -> str:
        self._fact("birth_date", str(self.p.birth.year))
        return str(self.p.birth.year)

    def age(self) -> str:
        self._fact("age", str(self.p.age))
        return ru_words.age_phrase(self.p.age)

    def age_adj(self) -> str:
        self._fact("age", str(self.p.age))
        return f"{self.p.age}-{self.g('летний', 'летняя')}"

    # --- places ----------------------------------------------------------------------------
    def region_gen(self) -> str:
        assert self.p.region is not None
        self._fact("region", self.p.region.code)
        return self.p.region.gen_ru

    def region_loc(self) -> str:
        assert self.p.region is not None
        self._fact("region", self.p.region.code)
        return self.p.region.loc_ru

    def place_gen(self) -> str:
        assert self.p.settlement is not None
        self._fact("settlement", self.p.settlement.name)
        return self.p.settlement.gen

    def place_loc(self) -> str:
        assert self.p.settlement is not None
        self._fact("settlement", self.p.settlement.name)
        return self.p.settlement.loc

    # --- service ---------------------------------------------------------------------------
    def unit_loc(self) -> str:
        self._fact("unit", self.p.unit.nom)
        return self.p.unit.loc

    def unit_gen(self) -> str:
        self._fact("unit", self.p.unit.nom)
        return self.p.unit.gen

    def unit_short(self) -> str:
        self._fact("unit", self.p.unit.short)
        return self.p.unit.short

    def channel(self) -> str:
        """Record the channel; the template writes the cue."""
        self._fact("channel", self.p.channel.value)
        return ""

    def joined(self) -> date:
        return self.p.joined or self.p.death

    def country_gen(self) -> str:
        self._fact("citizenship", self.p.citizenship)
        return _COUNTRY_GEN[self.p.citizenship]
