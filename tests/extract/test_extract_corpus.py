"""The labelled corpus through extract(): per-field F1 must not fall below the floors.

Floors sit a little below the values measured when they were set (see
docs/benchmarks/extract.md), so that a regression fails.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tally.extract import extract

_spec = importlib.util.spec_from_file_location(
    "extract_corpus_eval", Path(__file__).with_name("corpus_eval.py")
)
assert _spec is not None and _spec.loader is not None
corpus_eval = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = corpus_eval
_spec.loader.exec_module(corpus_eval)
evaluate, load_corpus = corpus_eval.evaluate, corpus_eval.load_corpus

FLOORS = {
    "dev": {"person": 0.98, "name": 0.98, "death_date": 0.97, "birth_date": 0.98, "age": 0.96,
            "region": 0.95, "settlement": 0.92, "unit": 0.91, "rank": 0.97, "channel": 0.97,
            "citizenship": 0.97},
    "heldout": {"person": 0.98, "name": 0.98, "death_date": 0.97, "birth_date": 0.98,
                "age": 0.95, "region": 0.97, "settlement": 0.97, "unit": 0.89, "rank": 0.98,
                "channel": 0.98, "citizenship": 0.98},
    "heldout2": {"person": 0.98, "name": 0.98, "death_date": 0.97, "birth_date": 0.98,
                 "age": 0.98, "region": 0.93, "settlement": 0.95, "unit": 0.98, "rank": 0.98,
                 "channel": 0.98, "citizenship": 0.98},
}


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_f1_floors(split: str) -> None:
    rows, _ = evaluate(load_corpus(split), extract)
    low = {f: round(rows[f][2], 3) for f, floor in FLOORS[split].items() if rows[f][2] < floor}
    assert not low, f"F1 below floor on {split}: {low}"


def test_corpus_is_large_and_labelled() -> None:
    corpus = load_corpus("dev") + load_corpus("heldout") + load_corpus("heldout2")
    assert len(corpus) >= 270
    assert {r["lang"] for r in corpus} == {"ru", "en"}
    assert sum(bool(r["persons"]) for r in corpus) > 150
