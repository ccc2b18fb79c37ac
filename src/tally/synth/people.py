"""Synthetic persons: a random but internally consistent population of the dead."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from tally.model import Channel
from tally.synth import military, peoples, surnames, timeline
from tally.synth.inflect import feminine_surname
from tally.synth.names_ethnic import ETHNIC, FOREIGN, ForeignGroup
from tally.synth.names_ru import FEMALE_FIRST, MALE_FIRST
from tally.synth.patronymic import patronymic
from tally.synth.regions import Place, Region, regions
from tally.synth.sampling import Weighted, zipf

#: Foreign citizens among the dead: Mediazona's list counts 550+ foreigners among 160,000+
#: names (~0.35 %); was 3 %, which made foreign namesakes ten times too common.
FOREIGN_SHARE = 0.0035
_FEMALE_SHARE = 0.02


@dataclass(frozen=True, slots=True)
class Person:
    pid: str
    last_name: str
    first_name: str
    patronymic: str
    sex: str  # "M" / "F"
    birth: date
    death: date
    region: Region | None  # None for foreigners
    settlement: Place | None
    unit: military.Unit
    rank: str
    channel: Channel
    citizenship: str
    group: str  # name group: russian, buryat, ..., or the foreign country code
    last_latin: str = ""  # native Latin spelling of foreigners' names
    first_latin: str = ""
    joined: date | None = None  # mobilized on / signed the contract on

    @property
    def is_officer(self) -> bool:
        return self.rank in military.OFFICER

    @property
    def age(self) -> int:
        return timeline.age_at(self.birth, self.death)

    @property
    def region_code(self) -> str:
        return self.region.code if self.region else ""


class PopulationGenerator:
    """Draws persons one by one from a single random stream (deterministic for a seed)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"tally-synth:{seed}:people")
        self._regions = Weighted(regions(), [r.weight for r in regions()])
        self._surnames = surnames.sampler()
        self._male = zipf([name for name, _ in MALE_FIRST], 0.8)
        self._female = zipf([name for name, _ in FEMALE_FIRST], 0.8)
        self._foreign = Weighted(FOREIGN, [g.weight for g in FOREIGN])
        self._peoples = {k: peoples.samplers(k) for k in ETHNIC}
        unit_rng = random.Random(f"tally-synth:{seed}:units")
        self._units = {r.code: military.unit_pool(unit_rng, 4) for r in regions()}
        self._national_units = military.unit_pool(unit_rng, 30)

    def people(self, count: int, start: int = 1) -> Iterator[Person]:
        for i in range(start, start + count):
            yield self.person(f"SYN-{i:07d}")

    def person(self, pid: str) -> Person:
        rng = self.rng
        death = timeline.sample_death_date(rng)
        if rng.random() < FOREIGN_SHARE:
            return self._foreigner(pid, death)
        channel = timeline.sample_channel(rng, death)
        sex = "F" if rng.random() < _FEMALE_SHARE and channel != Channel.PRISONER else "M"
        region = self._regions.pick(rng)
        group = self._name_group(region)
        last, first, patr = self._russian_citizen_name(group, sex)
        place = region.capital if rng.random() < 0.45 else rng.choice(region.settlements)
        birth = timeline.sample_birth_date(rng, death, channel)
        rank = military.sample_rank(rng, channel, timeline.age_at(birth, death))
        return Person(
            pid, last, first, patr, sex, birth, death,
            region, place, self._unit(region, channel, death), rank, channel, "RU", group,
            joined=self._joined(channel, death),
        )

    def _name_group(self, region: Region) -> str:
        roll = self.rng.random()
        for key, share in region.ethnic:
            if roll < share:
                return key
            roll -= share
        return "russian"

    def _russian_citizen_name(self, group: str, sex: str) -> tuple[str, str, str]:
        rng = self.rng
        if group == "russian":
            last = self._surnames.pick(rng)
            first = (self._male if sex == "M" else self._female).pick(rng)
            father = self._male.pick(rng)
        else:
            g = self._peoples[group]
            last = g.surname.pick(rng)
            first = (g.first if sex == "M" else g.female).pick(rng)
            father = g.father.pick(rng)
        if sex == "F":
            last = feminine_surname(last)
        return last, first, patronymic(father, sex)

    def _foreigner(self, pid: str, death: date) -> Person:
        rng = self.rng
        g: ForeignGroup = self._foreign.pick(rng)
        last, last_lat = rng.choice(g.surnames)
        first, first_lat = rng.choice(g.first)
        patr = patronymic(rng.choice(g.fathers), "M") if g.fathers else ""
        channel = Channel.PMC if rng.random() < 0.12 else Channel.VOLUNTEER
        birth = timeline.sample_birth_date(rng, death, channel)
        rank = military.sample_rank(rng, channel, timeline.age_at(birth, death))
        unit = rng.choice(self._national_units) if channel == Channel.VOLUNTEER else (
            military.WAGNER if death < date(2023, 7, 1) else military.REDUT)
        return Person(pid, last, first, patr, "M", birth, death, None, None, unit, rank, channel,
                      g.country, g.country, last_lat, first_lat, self._joined(channel, death))

    def _unit(self, region: Region, channel: Channel, death: date) -> military.Unit:
        rng = self.rng
        if channel == Channel.PRISONER:
            if death < date(2023, 4, 1) and rng.random() < 0.8:
                return military.WAGNER
            return military.STORM_V if death >= date(2024, 6, 1) else military.STORM_Z
        if channel == Channel.PMC:
            return military.WAGNER if death < date(2023, 7, 1) else military.REDUT
        if channel == Channel.SECURITY:
            return military.ROSGVARDIA
        pool = self._units[region.code] if rng.random() < 0.8 else self._national_units
        return rng.choice(pool)

    def _joined(self, channel: Channel, death: date) -> date | None:
        rng = self.rng
        if channel == Channel.MOBILIZED:
            return date(2022, 9, 22) + timedelta(days=rng.randrange(40))
        if channel in (Channel.VOLUNTEER, Channel.PRISONER, Channel.PMC):
            joined = death - timedelta(days=30 + rng.randrange(300))
            return max(joined, date(2022, 3, 1))
        return None
