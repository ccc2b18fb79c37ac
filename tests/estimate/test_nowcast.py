"""Nowcasting reporting delay: synthetic triangles with a known answer, and the real vintages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from tally.estimate.nowcast import fit_completeness, nowcast
from tally.estimate.nowcast_backtest import backtest, summarise
from tally.estimate.nowcast_data import Vintage, build_triangle, read_vintage, read_vintages

START = dt.date(2023, 1, 2)  # a Monday


def _synthetic(
    days: int = 560, per_day: float = 30.0, mean_delay: float = 60.0, seed: int = 0
) -> tuple[list[Vintage], np.ndarray]:
    """Deaths at ``per_day`` a day, each reported after an exponential delay (days).

    Returns the vintages (every 28 days) and the true number of deaths per ISO week.
    """
    rng = np.random.default_rng(seed)
    deaths = rng.poisson(per_day, days)
    death_day = np.repeat(np.arange(days), deaths)
    reported_day = death_day + rng.exponential(mean_delay, death_day.size)
    vintages = []
    for cut in range(84, days + 1, 28):
        known = death_day[(reported_day < cut) & (death_day < cut)]
        daily = np.bincount(known, minlength=cut)
        vintages.append(
            Vintage(
                START + dt.timedelta(days=cut),
                {START + dt.timedelta(days=int(d)): int(daily[d]) for d in range(cut)},
            )
        )
    weekly_truth = np.bincount(death_day // 7, minlength=days // 7)
    return vintages, weekly_truth


def test_triangle_counts_and_ages() -> None:
    vintages, _ = _synthetic(days=200)
    tri = build_triangle(vintages)
    assert tri.weeks[0] == START
    assert len(tri.vintages) == len(vintages)
    obs = tri.observed()
    # a week is observed at a snapshot exactly when it had ended by the snapshot's last day
    assert not obs[-1, 0] and obs[0, 0]
    ages = tri.ages[obs[:, -1], -1]
    assert np.all(np.diff(ages) <= 0)  # later weeks are younger
    counts = tri.counts[0]
    assert np.all(np.diff(counts[~np.isnan(counts)]) >= 0)  # counts only grow here


def test_fitted_completeness_matches_the_true_delay() -> None:
    vintages, _ = _synthetic(mean_delay=60.0, seed=1)
    fit = fit_completeness(build_triangle(vintages), horizon=40)
    # exponential delay: share known a weeks after the week ends ≈ 1 - exp(-(7a + 3.5) / 60)
    for age in (2, 6, 12):
        true_share = 1 - np.exp(-(7 * age + 3.5) / 60.0)
        assert np.exp(fit.g[age]) == pytest.approx(true_share, rel=0.15)


def test_nowcast_recovers_known_weekly_totals() -> None:
    vintages, truth = _synthetic(mean_delay=60.0, seed=2)
    tri = build_triangle(vintages)
    nc = nowcast(tri, weeks_back=8, horizon=40, n_boot=100, seed=0)
    rows = [tri.weeks.index(w) for w in nc.weeks]
    actual = truth[rows]
    naive_error = np.abs(nc.reported - actual).mean()
    assert np.abs(nc.estimate - actual).mean() < 0.5 * naive_error
    covered = (nc.lower <= actual) & (actual <= nc.upper)
    assert covered.mean() >= 0.6


def test_read_vintage_rejects_bad_names(tmp_path: Path) -> None:
    bad = tmp_path / "snapshot.csv"
    bad.write_text("date,change,total\n2024-01-01,1,1\n")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        read_vintage(bad)
    broken = tmp_path / "2024-02-01_cumsum.csv"
    broken.write_text("date,change,total\n2024-01-01,x,1\n")
    with pytest.raises(ValueError, match=":2:"):
        read_vintage(broken)


def test_real_vintages_build_a_triangle(shared_data: Path) -> None:
    vintages = read_vintages(shared_data / "losses" / "mediazona_daily" / "vintages")
    assert len(vintages) == 27
    tri = build_triangle(vintages)
    assert tri.weeks[0] == dt.date(2022, 2, 21)
    latest = np.nansum(tri.counts[:, -1])
    assert 130_000 < latest <= 137_930  # the last snapshot's total, less its unfinished week


def test_real_backtest_beats_the_naive_count(shared_data: Path) -> None:
    """Six months on, the nowcast is closer to what was later known than the raw count."""
    tri = build_triangle(read_vintages(shared_data / "losses" / "mediazona_daily" / "vintages"))
    summary = summarise(backtest(tri, weeks_back=8, first_origin=18, n_boot=20))
    assert summary.origins >= 3
    assert summary.mae_nowcast < summary.mae_naive


def test_real_backtest_default_is_less_biased_than_the_stationary_chain_ladder(
    shared_data: Path,
) -> None:
    """The diagnosis in numbers: correcting for the lengthening delay halves the bias."""
    tri = build_triangle(read_vintages(shared_data / "losses" / "mediazona_daily" / "vintages"))
    plain = summarise(backtest(tri, weeks_back=12, n_boot=30, window=None, batches=False,
                               calibrate=False))
    default = summarise(backtest(tri, weeks_back=12, n_boot=30))
    assert plain.mean_rel_nowcast < -0.2  # the old model ran low
    assert abs(default.mean_rel_nowcast) < 0.5 * abs(plain.mean_rel_nowcast)
    assert default.coverage > plain.coverage + 0.2
