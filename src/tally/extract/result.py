"""What :func:`tally.extract.extract` returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from tally.model import MentionFacts


@dataclass(slots=True)
class ExtractionResult:
    """Persons found in one text, and notes (such as a count of dead given without names)."""

    persons: list[MentionFacts] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    name_keys: list[str | None] = field(default_factory=list)
    """Cyrillic/Latin matching key per person (``tally.names.keys.name_key``; None without it)."""
