"""The public methodology (docs and /methodology) states the rules actually shipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.verify.rules import load_rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "methodology.md"
RULES = load_rules()


def test_doc_names_every_source_type_and_its_weight() -> None:
    text = DOC.read_text(encoding="utf-8")
    for stype, rule in RULES.source_types.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{stype.value}`"))
        assert ("| yes |" in row) is rule.confirms


@pytest.mark.parametrize("value", [
    f"at least **{RULES.confirmation.independent_sources}** independent sources",
    f"at least {RULES.independence.min_words} words",
    f"word {RULES.independence.shingle_words}-shingles of at least "
    f"{RULES.independence.text_similarity}",
    f"Within {RULES.denial_window} characters",
    "(none by default)" if not RULES.key_facts else ", ".join(RULES.key_facts),
])
def test_doc_states_the_numbers(value: str) -> None:
    assert value in DOC.read_text(encoding="utf-8")


def test_doc_lists_graded_facts() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{f}`" in text for f in RULES.graded_facts)
