"""Domain types shared by every pipeline stage.

Values here are plain, immutable and typed. Partial dates keep their precision
(``2023``, ``2023-05``, ``2023-05-14``): a day is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Channel(StrEnum):
    """How a person came to fight (see docs/methodology.md)."""

    PROFESSIONAL = "professional"
    VOLUNTEER = "volunteer"
    MOBILIZED = "mobilized"
    PRISONER = "prisoner"
    PMC = "pmc"
    CONSCRIPT = "conscript"
    SECURITY = "security"
    UNKNOWN = "unknown"


class SourceType(StrEnum):
    OFFICIAL = "official"
    RELATIVES = "relatives"
    LOCAL_MEDIA = "local_media"
    NATIONAL_MEDIA = "national_media"
    AGGREGATOR = "aggregator"
    UNKNOWN = "unknown"


class Grade(StrEnum):
    CONFIRMED = "confirmed"
    REPORTED = "reported"
    CONTESTED = "contested"
    DISCOUNTED = "discounted"


class DecisionKind(StrEnum):
    SAME = "same"  # two mentions are one person (must-link)
    DIFFERENT = "different"  # two mentions are different persons (cannot-link)
    UNSURE = "unsure"
    CONFIRM = "confirm"  # a person's death is confirmed by a reviewer
    DISCOUNT = "discount"  # a person or mention is shown wrong (kept, with reason)
    CORRECT = "correct"  # a fact of a person is corrected


#: Fields a mention may carry, in output order.
MENTION_FIELDS: tuple[str, ...] = (
    "full_name",
    "last_name",
    "first_name",
    "patronymic",
    "birth_date",
    "death_date",
    "age",
    "region",
    "settlement",
    "unit",
    "rank",
    "is_officer",
    "channel",
    "citizenship",
)

#: Facts a person view holds: the mention fields but the name as written.
PERSON_FIELDS: tuple[str, ...] = tuple(f for f in MENTION_FIELDS if f != "full_name")

_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Ordered as their text sorts: ``2001`` < ``2001-01`` < ``2001-01-01`` < ``2001-02``
    (a less precise date sorts before the more precise dates it may be).
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1800 <= self.year <= 2200:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            assert self.month is not None
            date(self.year, self.month, self.day)  # raises ValueError when invalid

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        m = _PARTIAL_RE.match(text.strip())
        if not m:
            raise ValueError(f"not a partial date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        if self.day:
            return date(self.year, self.month or 1, self.day)
        if self.month:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        return self._key() >= other._key()

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
        if self.day:
            out += f"-{self.day:02d}"
        return out


Span = tuple[int, int]


@dataclass(slots=True)
class MentionFacts:
    """What one document says about one person. Every field may be None.

    ``spans`` maps a field name to its character span in the document text;
    ``confidence`` maps a field name to a number in [0, 1].
    """

    full_name: str | None = None
    last_name: str | None = None
    first_name: str | None = None
    patronymic: str | None = None
    birth_date: PartialDate | None = None
    death_date: PartialDate | None = None
    age: int | None = None
    region: str | None = None  # ISO 3166-2
    settlement: str | None = None
    unit: str | None = None
    rank: str | None = None
    is_officer: bool | None = None
    channel: Channel | None = None
    citizenship: str | None = None  # ISO 3166-1 alpha-2
    urls: list[str] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)

    def has_name(self) -> bool:
        return bool(self.last_name or self.full_name)

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape (``tally extract`` prints this)."""
        out: dict[str, Any] = {}
        for name in MENTION_FIELDS:
            value = getattr(self, name)
            if isinstance(value, PartialDate):
                value = str(value)
            elif isinstance(value, Channel):
                value = value.value
            out[name] = value
        out["urls"] = list(self.urls)
        out["spans"] = {k: [s, e] for k, (s, e) in self.spans.items()}
        out["confidence"] = dict(self.confidence)
        return out
