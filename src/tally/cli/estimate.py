"""``tally estimate``: multiple systems estimation from a capture-table CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

METHOD_HELP = "chapman | lincoln-petersen | loglinear | closedp | coverage | dga | lcmcr"


def register(app: typer.Typer) -> None:
    """Add the ``estimate`` command."""
    app.command("estimate")(estimate_command)


def estimate_command(
    table_csv: Annotated[
        Path,
        typer.Argument(
            help="CSV: 0/1 list columns plus `count`/`freq`, or one row per individual.",
            exists=True,
            dir_okay=False,
        ),
    ],
    method: Annotated[str, typer.Option(help=METHOD_HELP)] = "loglinear",
    criterion: Annotated[str, typer.Option(help="Model choice for loglinear: aic | bic.")] = "bic",
    model: Annotated[
        str | None,
        typer.Option(
            help="loglinear: e.g. 'c1:c2 + c1:c3', 'EXH*ABA', '[12 13]', 'independence'; "
            "closedp: 'Mh Chao', 'Mth Darroch', ...; coverage: hsc | lsc | indep."
        ),
    ] = None,
    lists: Annotated[
        str | None, typer.Option(help="Comma-separated subset of lists to use (e.g. for chapman).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed (bootstrap, MCMC).")] = None,
    level: Annotated[float, typer.Option(help="Interval coverage.")] = 0.95,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Estimate how many individuals no list recorded, from a capture-history table."""
    from tally.estimate import METHODS, CaptureTableError, estimate, read_capture_csv
    from tally.estimate.models import ModelSpecError

    if method not in METHODS:
        raise typer.BadParameter(f"choose one of {', '.join(METHODS)}", param_hint="--method")
    try:
        table = read_capture_csv(table_csv)
        if lists:
            table = table.select([name.strip() for name in lists.split(",")])
        result = estimate(
            table, method=method, criterion=criterion, model=model, level=level, seed=seed
        )
    except (CaptureTableError, ModelSpecError, ValueError) as exc:
        hint = " (use --lists A,B)" if "exactly 2 lists" in str(exc) else ""
        typer.echo(f"error: {exc}{hint}", err=True)
        raise typer.Exit(code=2) from exc
    except ImportError as exc:
        typer.echo(f"error: method {method!r} is not available: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    if as_json:
        typer.echo(result.to_json(indent=2))
        return
    _print_rich(result, table_csv.name)


def _print_rich(result: object, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from tally.estimate import Estimate

    assert isinstance(result, Estimate)
    table = Table(title=f"{title}: {result.method}", show_header=False)
    table.add_column("", style="bold")
    table.add_column("")
    pct = f"{result.level:.0%}"
    rows = [
        ("observed (n)", f"{result.n_observed:,}"),
        ("estimate (N)", f"{result.N:,.1f}"),
        (f"{pct} interval", f"{result.lower:,.1f} – {result.upper:,.1f}"),
        ("unobserved (N − n)", f"{result.n_unobserved:,.1f}"),
        ("s.e.", "—" if result.se is None else f"{result.se:,.1f}"),
        ("model", result.model or "—"),
    ]
    for key, value in rows:
        table.add_row(key, value)
    for key, value in result.diagnostics.items():
        if isinstance(value, float):
            text = f"{value:,.3f}"
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            text = "\n".join(", ".join(f"{k}={v}" for k, v in item.items()) for item in value)
        else:
            text = str(value)
        table.add_row(f"[dim]{key}[/dim]", text if len(text) < 400 else text[:397] + "...")
    Console().print(table)
