"""The ground truth of one generated mention: who it is and what the document states."""

from __future__ import annotations

from dataclasses import dataclass, field

from tally.synth.people import Person

#: Columns of truth_mentions.csv after source, doc_id, person_id.
FACT_COLUMNS: tuple[str, ...] = (
    "full_name", "last_name", "first_name", "patronymic", "birth_date", "death_date", "age",
    "region", "settlement", "unit", "rank", "is_officer", "channel", "citizenship",
)


@dataclass(slots=True)
class Mention:
    source: str
    doc_id: str
    person: Person
    surface: str = ""  # the name as first written in the document
    facts: dict[str, str] = field(default_factory=dict)
    span: tuple[int, int] | None = None  # of ``surface`` in the document text

    def locate(self, text: str) -> None:
        """Find the span of ``surface`` in ``text`` (first occurrence)."""
        if self.surface:
            start = text.find(self.surface)
            if start >= 0:
                self.span = (start, start + len(self.surface))

    def row(self) -> list[str]:
        start, end = self.span if self.span else ("", "")
        return [self.source, self.doc_id, self.person.pid, self.surface, str(start), str(end),
                *(self.facts.get(c, "") for c in FACT_COLUMNS)]


MENTION_HEADER: tuple[str, ...] = (
    "source", "doc_id", "person_id", "surface", "name_start", "name_end", *FACT_COLUMNS,
)
