"""Matching re-extracted persons to stored mentions: cases and Hypothesis properties."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.extract.rematch import Stored, match, same_facts, same_person


def row(key: str | None, span: tuple[int, int] | None = None, **facts: Any) -> dict[str, Any]:
    spans = {"full_name": list(span)} if span else {}
    return {"name_key": key, "spans": json.dumps(spans), **facts}


def stored(*rows: dict[str, Any], current: bool = True) -> list[Stored]:
    return [Stored(100 + i, i, 1, current, r) for i, r in enumerate(rows)]


CASES = [
    # (stored rows, found rows, expected new index -> stored position)
    ([row("a", (0, 5)), row("b", (10, 15))], [row("b", (10, 15)), row("a", (0, 5))],
     {0: 1, 1: 0}),  # reordered
    ([row("a", (0, 5)), row("b", (10, 15))], [row("b", (10, 15))], {0: 1}),  # one fewer
    ([row("a", (0, 5))], [row("c", (20, 25)), row("a", (0, 5))], {1: 0}),  # one more
    ([row("a", (0, 5))], [row("a2", (0, 9))], {0: 0}),  # name re-read at the same place
    ([row("a", (0, 5))], [row("z", (30, 35))], {}),  # someone else
    ([row(None), row(None)], [row(None), row(None)], {0: 0, 1: 1}),  # nameless: position
    ([row(None)], [row(None), row(None)], {0: 0}),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_cases(old: list[dict[str, Any]], new: list[dict[str, Any]],
               expected: dict[int, int]) -> None:
    assert match(stored(*old), new) == expected


def test_unchanged_current_wins_over_changed_or_retired() -> None:
    olds = [Stored(1, 0, 2, False, row("a", (0, 5))), Stored(2, 1, 1, True, row("a", (0, 5)))]
    assert match(olds, [row("a", (0, 5))]) == {0: 1}
    assert same_facts(row("a", unit=None, urls=None), row("a", unit=None, urls="[]"))
    assert not same_facts(row("a", unit="x"), row("a", unit="y"))


keys = st.sampled_from(["a", "b", "c", "d", None])
rows = st.builds(lambda k, s, u: row(k, (s, s + 4) if s is not None else None, unit=u),
                 keys, st.one_of(st.none(), st.integers(0, 40)), st.sampled_from([None, "x"]))


@given(st.lists(rows, max_size=6), st.lists(rows, max_size=6))
def test_matching_is_one_to_one_and_only_joins_the_same_person(
        old: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
    olds = stored(*old)
    result = match(olds, new)
    assert len(set(result.values())) == len(result)
    for i, j in result.items():
        named = bool(new[i]["name_key"]) or new[i]["spans"] != "{}"
        assert same_person(olds[j].row, new[i]) or (not named and olds[j].ordinal == i)


@given(st.lists(rows, max_size=6, unique_by=lambda r: (r["name_key"], r["spans"])),
       st.randoms())
def test_the_same_persons_in_any_order_are_all_found_unchanged(
        old: list[dict[str, Any]], rnd: Any) -> None:
    named = [r for r in old if r["name_key"] and r["spans"] != "{}"]
    keys_seen = [r["name_key"] for r in named]
    spans = [json.loads(r["spans"])["full_name"] for r in named]
    distinct = len(set(keys_seen)) == len(keys_seen) and not any(
        a[0] < b[1] and b[0] < a[1] for i, a in enumerate(spans) for b in spans[i + 1:])
    shuffled = named[:]
    rnd.shuffle(shuffled)
    result = match(stored(*named), shuffled)
    assert len(result) == len(named)
    if distinct:  # each person is recognised as itself, whatever the order
        assert all(same_facts(named[j], shuffled[i]) for i, j in result.items())
