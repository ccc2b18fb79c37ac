"""Deaths per capita by region against mean income, with Pearson and Spearman correlations.

Deaths are persons in the store (merged duplicates excluded, via :mod:`tally.stats`) by
region; the denominator is the region's latest ``population`` indicator (e.g. men aged
16-61.5, 2021 census) and income its latest ``mean_income`` indicator. Regions lacking
either are left out and listed. A correlation across regions says nothing about individuals.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection

from tally.recruit.kinds import Kind
from tally.recruit.latest import latest_by_region
from tally.stats import StatsFilter, by_region


@dataclass(frozen=True, slots=True)
class RegionPoint:
    region: str
    deaths: int
    population: float
    rate: float  # deaths per ``per`` people
    income: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Correlation:
    method: str
    coefficient: float | None
    p_value: float | None
    n: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DeathsIncome:
    per: int
    grade: str
    points: tuple[RegionPoint, ...]
    pearson: Correlation
    spearman: Correlation
    left_out: tuple[str, ...]  # regions with deaths but no denominator or income

    def to_dict(self) -> dict[str, Any]:
        return {
            "per": self.per, "grade": self.grade,
            "points": [p.to_dict() for p in self.points],
            "pearson": self.pearson.to_dict(), "spearman": self.spearman.to_dict(),
            "left_out": list(self.left_out),
            "chart": {"type": "scatter", "x": "income", "y": "rate",
                      "x_label": "mean income, RUB/month",
                      "y_label": f"deaths per {self.per:,} (denominator)"},
        }


def correlate(xs: list[float], ys: list[float]) -> tuple[Correlation, Correlation]:
    """Pearson and Spearman coefficients (None with fewer than 3 points or no variation)."""
    from scipy import stats

    n = len(xs)
    if n < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return Correlation("pearson", None, None, n), Correlation("spearman", None, None, n)
    pr = stats.pearsonr(xs, ys)
    sr = stats.spearmanr(xs, ys)
    return (
        Correlation("pearson", float(pr.statistic), float(pr.pvalue), n),
        Correlation("spearman", float(sr.statistic), float(sr.pvalue), n),
    )


def deaths_vs_income(
    conn: Connection, *, grade: str = "all", per: int = 100_000
) -> DeathsIncome:
    population = latest_by_region(conn, Kind.POPULATION)
    income = latest_by_region(conn, Kind.MEAN_INCOME)
    counts = by_region(conn, StatsFilter(grade=grade), universe=population).as_mapping()
    points: list[RegionPoint] = []
    for region in sorted(set(population) & set(income)):
        pop, inc = population[region].central, income[region].central
        if not pop or inc is None:
            continue
        deaths = counts.get(region, 0)
        points.append(RegionPoint(region, deaths, pop, deaths / pop * per, inc))
    left_out = tuple(sorted(r for r, n in counts.items()
                            if n and r not in {p.region for p in points}))
    pearson, spearman = correlate([p.income for p in points], [p.rate for p in points])
    return DeathsIncome(per, grade, tuple(points), pearson, spearman, left_out)
