"""Bayesian model averaging over decomposable graphs (dga), checked against published figures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tally.estimate.capture_arrays import from_rows
from tally.estimate.dga import NegBinPrior, dga_posterior, estimate_dga
from tally.estimate.graphs import decomposable_graphs, is_chordal
from tally.estimate.io import read_capture_csv


@pytest.mark.parametrize(("n_nodes", "expected"), [(2, 2), (3, 8), (4, 61), (5, 822)])
def test_number_of_decomposable_graphs(n_nodes: int, expected: int) -> None:
    assert len(decomposable_graphs(n_nodes)) == expected


@pytest.mark.parametrize(
    ("edges", "chordal"),
    [
        ({(0, 1), (1, 2), (2, 3), (0, 3)}, False),  # 4-cycle
        ({(0, 1), (1, 2), (2, 3), (0, 3), (0, 2)}, True),  # 4-cycle with a chord
        ({(0, 1), (2, 3)}, True),
    ],
)
def test_chordality(edges: set[tuple[int, int]], chordal: bool) -> None:
    assert is_chordal(4, frozenset(edges)) is chordal


def test_junction_tree_of_a_path() -> None:
    path = next(g for g in decomposable_graphs(3) if g.edges == frozenset({(0, 1), (1, 2)}))
    assert sorted(sorted(c) for c in path.cliques) == [[0, 1], [1, 2]]
    assert [sorted(s) for s in path.separators] == [[1]]
    assert path.label(["A", "B", "C"]) == "[A,B][B,C]"


def test_spina_bifida_reproduces_madigan_york(shared_data: Path) -> None:
    """dga's test: delta=1, NegBin(a=13.14, b=55.17) prior on N, Nmissing 1:300."""
    table = read_capture_csv(shared_data / "mse" / "dga_madigan_york_3list_spina_bifida.csv")
    post = dga_posterior(
        table, nmissing=np.arange(1, 301), delta=1.0, prior=NegBinPrior(13.14, 55.17)
    )
    top = post.top_model()
    assert round(float(post.model_probabilities[top]), 2) == 0.37
    assert round(post.averaged().bayes_estimate()) == 731
    assert round(post.for_model(top).bayes_estimate()) == 731
    assert post.averaged().mode() == 728
    assert post.for_model(top).mode() == 729
    est = estimate_dga(
        table, nmissing=np.arange(1, 301), delta=1.0, prior=NegBinPrior(13.14, 55.17)
    )
    assert est.diagnostics["top_model"] == "[birth_cert,death_cert][med_rehab]"
    assert est.lower < 731 < est.upper


def test_five_lists_posterior_is_proper(shared_data: Path) -> None:
    table = read_capture_csv(shared_data / "mse" / "dga_madigan_york_5list_example.csv")
    est = estimate_dga(table, nmissing=np.arange(1, 301), delta=0.5)
    assert est.n_observed == 537
    assert est.diagnostics["mass_at_grid_end"] < 1e-4
    assert 537 < est.lower < est.N < est.upper < 837
    probs = [m["probability"] for m in est.diagnostics["models"]]
    assert probs == sorted(probs, reverse=True)


def test_independent_lists_recover_the_truth() -> None:
    """Lists drawn independently (p = .3, .4, .5) from N = 5000: the interval covers N."""
    rng = np.random.default_rng(7)
    caught = rng.random((5000, 3)) < np.array([0.3, 0.4, 0.5])
    seen = caught[caught.any(axis=1)]
    patterns, counts = np.unique(seen.astype(int), axis=0, return_counts=True)
    table = from_rows(
        ["A", "B", "C"], [(tuple(p), int(c)) for p, c in zip(patterns, counts, strict=False)]
    )
    est = estimate_dga(table)
    assert est.lower <= 5000 <= est.upper
    assert est.upper - est.lower < 1000


def test_grid_prior_length_is_checked() -> None:
    table = from_rows(["A", "B", "C"], [((1, 0, 0), 10), ((0, 1, 0), 8), ((1, 1, 1), 3)])
    with pytest.raises(ValueError, match="one value per Nmissing"):
        dga_posterior(table, nmissing=np.arange(0, 10), prior=np.zeros(3))


def test_two_lists_are_refused() -> None:
    table = from_rows(["A", "B"], [((1, 0), 10), ((0, 1), 8), ((1, 1), 3)])
    with pytest.raises(ValueError, match="3 to 5 lists"):
        estimate_dga(table)
