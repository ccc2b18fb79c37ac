"""``tally nowcast``: the eventual count per week of death, from dated snapshots of a list."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from tally.estimate.nowcast import Nowcast
    from tally.estimate.nowcast_backtest import BacktestSummary
    from tally.estimate.nowcast_data import ReportingTriangle

CAVEAT = (
    "Reporting delays have kept lengthening on the Mediazona/BBC list; the model corrects by how "
    "far its own past nowcasts fell short, and in the backtest six months ahead it still ran "
    "about 10% low with 90% intervals covering 83%. The count at the horizon age is an "
    "extrapolation no backtest can check, at present probably too high; --ahead-weeks 26 "
    "gives a checked target "
    "(docs/methodology-nowcast.md)."
)


def register(app: typer.Typer) -> None:
    """Add the ``nowcast`` command."""
    app.command("nowcast")(nowcast_command)


def nowcast_command(
    vintages_dir: Annotated[
        Path,
        typer.Argument(
            help="Folder of snapshots YYYY-MM-DD*.csv with columns date,change,total "
            "(deaths by day of death as known at that date).",
            exists=True,
            file_okay=False,
        ),
    ],
    weeks: Annotated[int, typer.Option(help="How many recent complete weeks.", min=1)] = 12,
    level: Annotated[float, typer.Option(help="Interval coverage.")] = 0.9,
    backtest: Annotated[
        bool,
        typer.Option("--backtest", help="Nowcast from every past snapshot and score it."),
    ] = False,
    gap_days: Annotated[
        int,
        typer.Option(
            help="--backtest: compare with the first snapshot at least this many days later "
            "(0: with the latest snapshot).",
            min=0,
        ),
    ] = 182,
    boot: Annotated[
        int | None,
        typer.Option(help="Bootstrap replicates (default 200; 100 per origin in --backtest).",
                     min=10),
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    ahead_weeks: Annotated[
        int | None,
        typer.Option(help="Nowcast the count as it will be known this many weeks after the "
                     "latest snapshot (default: the count at the oldest age in the data).",
                     min=1),
    ] = None,
    window: Annotated[
        int, typer.Option(help="Fit the delay on this many most recent snapshot transitions.",
                          min=1),
    ] = 12,
    drift: Annotated[
        bool, typer.Option(help="Correct by how far the model's own past nowcasts fell short."),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Nowcast the eventual count per week of death, or backtest the nowcast."""
    from tally.estimate.nowcast_data import build_triangle, read_vintages

    if not 0.0 < level < 1.0:
        raise typer.BadParameter("must be between 0 and 1", param_hint="--level")
    try:
        tri = build_triangle(read_vintages(vintages_dir))
        _check_weeks(tri, weeks)
        if backtest:
            summary = _backtest(tri, weeks, level, gap_days, boot or 100, seed, as_json,
                                window, drift)
            _print_backtest(summary, gap_days, as_json)
            return
        from tally.estimate.nowcast import nowcast

        result = nowcast(tri, weeks_back=weeks, target_extra_weeks=ahead_weeks, level=level,
                         n_boot=boot or 200, seed=seed, window=window, calibrate=drift)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    if as_json:
        _print_json(_nowcast_dict(tri, result, ahead_weeks))
    else:
        _print_nowcast(tri, result, ahead_weeks)


def _check_weeks(tri: ReportingTriangle, weeks: int) -> None:
    if len(tri.vintages) < 2:
        raise ValueError(f"nowcasting needs at least two snapshots, found {len(tri.vintages)}")
    if weeks > len(tri.weeks):
        raise ValueError(f"--weeks {weeks}: the snapshots cover only {len(tri.weeks)} weeks")
    uncovered = [str(tri.weeks[i]) for i in range(len(tri.weeks) - weeks, len(tri.weeks))
                 if tri.ages[i, -1] < 0]
    if uncovered:
        raise ValueError(
            f"the latest snapshot ({tri.vintages[-1]}) does not cover the weeks of "
            f"{', '.join(uncovered)}, which an earlier snapshot does"
        )


def _backtest(tri: ReportingTriangle, weeks: int, level: float, gap_days: int, boot: int,
              seed: int, quiet: bool, window: int, drift: bool) -> BacktestSummary:
    from rich.console import Console

    from tally.estimate.nowcast_backtest import backtest, summarise

    gap = gap_days or None
    status = f"backtesting from {len(tri.vintages)} snapshots ({boot} bootstrap replicates each)…"
    with nullcontext() if quiet else Console(stderr=True).status(status):
        results = backtest(tri, weeks_back=weeks, min_gap_days=gap, level=level, n_boot=boot,
                           seed=seed, window=window, calibrate=drift)
    return summarise(results, level=level)


def _nowcast_dict(tri: ReportingTriangle, result: Nowcast,
                  ahead_weeks: int | None = None) -> dict[str, Any]:
    target = (f"count known at {int(tri.ages.max())} weeks of age" if ahead_weeks is None
              else f"count known {ahead_weeks} weeks after the snapshot")
    return {
        "snapshot": str(tri.vintages[-1]),
        "snapshots": len(tri.vintages),
        "target": target,
        "horizon_weeks": int(tri.ages.max()),
        "ahead_weeks": ahead_weeks,
        "level": result.level,
        "weeks": [
            {"week": str(w), "reported": int(r), "nowcast": round(float(e), 1),
             "lower": float(lo), "upper": float(hi)}
            for w, r, e, lo, hi in zip(result.weeks, result.reported, result.estimate,
                                       result.lower, result.upper, strict=True)
        ],
    }


def _print_json(data: dict[str, Any]) -> None:
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))


def _print_nowcast(tri: ReportingTriangle, result: Nowcast, ahead_weeks: int | None) -> None:
    from rich.console import Console
    from rich.table import Table

    data = _nowcast_dict(tri, result, ahead_weeks)
    table = Table(title=f"Nowcast at the snapshot of {data['snapshot']} ({data['snapshots']} "
                  f"snapshots): {data['target']}")
    table.add_column("week of death (Mon)")
    table.add_column("reported", justify="right")
    table.add_column("nowcast", justify="right")
    table.add_column(f"{result.level:.0%} interval", justify="right")
    for row in data["weeks"]:
        table.add_row(row["week"], f"{row['reported']:,}", f"{row['nowcast']:,.0f}",
                      f"{row['lower']:,.0f} – {row['upper']:,.0f}")
    console = Console()
    console.print(table)
    console.print(f"[dim]{CAVEAT}[/dim]")


def _print_backtest(summary: BacktestSummary, gap_days: int, as_json: bool) -> None:
    from dataclasses import asdict

    reference = "the latest snapshot" if gap_days == 0 else f"≥ {gap_days} days later"
    if as_json:
        _print_json({"reference": reference, **asdict(summary)})
        return
    from rich.console import Console
    from rich.table import Table

    s = summary
    table = Table(title=f"Backtest: {s.origins} origins, {s.weeks} weeks, reference {reference}")
    table.add_column("")
    table.add_column("nowcast", justify="right")
    table.add_column("naive (as reported)", justify="right")
    table.add_row("mean absolute error (deaths/week)", f"{s.mae_nowcast:,.0f}",
                  f"{s.mae_naive:,.0f}")
    table.add_row("mean absolute relative error", f"{s.mean_abs_rel_nowcast:.0%}",
                  f"{s.mean_abs_rel_naive:.0%}")
    table.add_row("mean signed relative error", f"{s.mean_rel_nowcast:+.0%}", "")
    table.add_row("median signed relative error", f"{s.median_rel_nowcast:+.0%}", "")
    table.add_row("abs. relative error of the total over the weeks",
                  f"{s.total_abs_rel_nowcast:.0%}", f"{s.total_abs_rel_naive:.0%}")
    table.add_row(f"coverage of the {s.level:.0%} interval", f"{s.coverage:.0%}", "")
    table.add_row("later count below / above the interval",
                  f"{s.below_interval:.0%} / {s.above_interval:.0%}", "")
    table.add_row("later count already above the eventual nowcast",
                  f"{s.eventual_overtaken:.0%}", "")
    Console().print(table)
