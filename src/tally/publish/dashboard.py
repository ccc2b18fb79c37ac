"""Everything the dashboard and the static report show, computed once from tally.stats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from tally import stats
from tally.publish import charts
from tally.stats.overview import overview
from tally.stats.regions import region_codes


@dataclass(frozen=True)
class Dashboard:
    headline: stats.Headline
    weekly: stats.CrossTab
    weekly_notes: stats.Tally
    age: stats.Tally
    shares: stats.CrossTab
    citizenship: stats.Tally
    regions: stats.Tally
    rates: stats.RateTable | None

    def chart_data(self) -> dict[str, Any]:
        """The numbers of every chart, as embedded in the page for scripts and tests."""
        return {
            "headline": self.headline.to_dict(),
            "weekly": self.weekly.to_dict(),
            "age": self.age.to_dict(),
            "shares": self.shares.to_dict(),
            "foreign": self.foreign_tally(),
            "regions": self.regions.to_dict(),
            "rates": self.rates.to_dict() if self.rates else None,
        }

    def foreign_tally(self) -> dict[str, Any]:
        data = self.citizenship.to_dict()
        data["rows"] = [r for r in data["rows"] if r["key"] != "RU"]
        return data

    def weekly_chart(self) -> charts.Chart:
        weeks = [w for w in self.weekly.row_keys if w != "unknown"]
        series = {c: [self.weekly.cell(w, c) for w in weeks] for c in self.weekly.col_keys}
        return charts.stacked_columns(weeks, series, label_every=max(1, -(-len(weeks) // 8)))

    def shares_chart(self) -> charts.Chart:
        months = [m for m in self.shares.row_keys if m != "unknown"]
        series = {c: [self.shares.cell(m, c) for m in months] for c in self.shares.col_keys}
        return charts.stacked_columns(months, series, percent=True,
                                      label_every=max(1, -(-len(months) // 8)))

    def age_chart(self) -> charts.Chart:
        return charts.bars([(r.key, r.count) for r in self.age.rows])

    def foreign_chart(self) -> charts.Chart:
        return charts.bars([(r["key"], r["count"]) for r in self.foreign_tally()["rows"]])

    def map_values(self, mode: str) -> dict[str, float | None]:
        if mode == "rate":
            if self.rates is None:
                return {}
            return {r.key: r.rate for r in self.rates.rows}
        return {r.key: float(r.count) for r in self.regions.rows}


def build(conn: Connection, denominators: stats.Denominators | None) -> Dashboard:
    """All figures, from three table scans (:func:`tally.stats.overview.overview`)."""
    view = overview(conn, stats.StatsFilter(), region_codes())
    return Dashboard(
        headline=view.headline,
        weekly=view.weekly,
        weekly_notes=view.weekly_notes,
        age=view.age,
        shares=view.shares,
        citizenship=view.citizenship,
        regions=view.regions,
        rates=stats.per_capita(view.regions, denominators) if denominators else None,
    )
