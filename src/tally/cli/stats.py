"""``tally stats KIND``: counts of persons by region, date, channel, age or citizenship."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tally.cli.common import console, fail, store


class Kind(StrEnum):
    REGION = "region"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    CHANNEL = "channel"
    AGE = "age"
    CITIZENSHIP = "citizenship"
    OFFICER = "officer"
    REGION_CHANNEL = "region-channel"
    MONTH_CHANNEL = "month-channel"


class Format(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def _compute(kind: Kind, flt: Any, per_capita: bool, denominators: Any) -> Any:
    from tally import stats
    from tally.stats.regions import region_codes

    with store().engine.connect() as conn:
        if kind is Kind.REGION:
            result: Any = stats.by_region(conn, flt, region_codes())
            return stats.per_capita(result, denominators) if per_capita else result
        if kind in (Kind.DAY, Kind.WEEK, Kind.MONTH):
            return stats.by_death_date(conn, flt, kind.value)
        simple = {Kind.CHANNEL: stats.by_channel, Kind.AGE: stats.by_age,
                  Kind.CITIZENSHIP: stats.by_citizenship, Kind.OFFICER: stats.officers,
                  Kind.REGION_CHANNEL: stats.by_region_channel,
                  Kind.MONTH_CHANNEL: stats.by_month_channel}
        return simple[kind](conn, flt)


def _print(result: Any, fmt: Format) -> None:
    from rich.table import Table

    from tally.stats.tabular import flat

    if fmt is Format.JSON:
        console.print_json(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    header, rows = flat(result)
    if fmt is Format.CSV:
        writer = csv.writer(sys.stdout)
        writer.writerow(header)
        writer.writerows(["" if c is None else c for c in row] for row in rows)
        return
    as_of = result.as_of.isoformat(timespec="seconds") if result.as_of else "no data yet"
    table = Table(title=f"{result.counts}; as of {as_of}", title_justify="left")
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*("" if c is None else f"{c:,}" if isinstance(c, int) else str(c)
                        for c in row))
    console.print(table)
    for note, n in getattr(result, "notes", {}).items():
        console.print(f"{note.replace('_', ' ')}: {n:,}", highlight=False)
    if getattr(result, "interval", None):
        console.print(f"{result.interval}; denominator: {result.denominator}", highlight=False)


PerCapita = Annotated[bool, typer.Option(
    help="Rates per 100,000 with 95% intervals (region only)")]
DenominatorFile = Annotated[Path | None, typer.Option(
    exists=True, dir_okay=False,
    help="CSV of population by region (default: the shipped denominators)")]
RegionColumn = Annotated[str, typer.Option(help="Region column of --denominator")]
ValueColumn = Annotated[str, typer.Option(help="Population column of --denominator")]
GradeOption = Annotated[str, typer.Option(help="confirmed|reported|contested|discounted|all")]
FromOption = Annotated[str | None, typer.Option("--from", help="Died on or after YYYY-MM-DD")]
ToOption = Annotated[str | None, typer.Option("--to", help="Died on or before YYYY-MM-DD")]
SourceOption = Annotated[str | None, typer.Option(help="Only persons named by this source")]
FormatOption = Annotated[Format, typer.Option("--format", help="table|csv|json")]


def stats_command(
    kind: Annotated[Kind, typer.Argument(help="What to count persons by")],
    per_capita: PerCapita = False,
    denominator: DenominatorFile = None,
    denominator_region_column: RegionColumn = "region",
    denominator_value_column: ValueColumn = "value",
    grade: GradeOption = "confirmed",
    date_from: FromOption = None,
    date_to: ToOption = None,
    source: SourceOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Count persons (one per person; grade confirmed unless --grade), with "as of"."""
    from tally.stats import Denominators, StatsFilter

    try:
        flt = StatsFilter(grade, date.fromisoformat(date_from) if date_from else None,
                          date.fromisoformat(date_to) if date_to else None, source)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    if per_capita and kind is not Kind.REGION:
        raise fail("--per-capita needs regions: use `tally stats region --per-capita`")
    denominators = None
    if per_capita:
        try:
            denominators = (
                Denominators.from_csv(denominator, denominator_region_column,
                                      denominator_value_column)
                if denominator else Denominators.shipped()
            )
        except (KeyError, ValueError, OSError) as exc:
            raise fail(f"cannot read the denominators: {exc}") from exc
    _print(_compute(kind, flt, per_capita, denominators), fmt)


def register(app: typer.Typer) -> None:
    app.command("stats")(stats_command)
