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
        Path | None,
        typer.Argument(
            help="CSV: 0/1 list columns plus `count`/`freq`, or one row per individual.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    from_db: Annotated[
        bool,
        typer.Option(
            "--from-db",
            help="Build the capture histories from linked persons in the store (lists = sources).",
        ),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option(
            help="With --from-db: estimate per stratum and combine (region|month|channel)."
        ),
    ] = None,
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
    include_derived: Annotated[
        bool,
        typer.Option(
            "--include-derived",
            help="With --from-db: also use sources of type aggregator (compilations of other "
            "sources; left out by default because they are not independent lists).",
        ),
    ] = False,
    seed: Annotated[int | None, typer.Option(help="Random seed (bootstrap, MCMC).")] = None,
    level: Annotated[float, typer.Option(help="Interval coverage.")] = 0.95,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Estimate how many individuals no list recorded, from a capture-history table."""
    from tally.estimate import METHODS, CaptureTableError, estimate, read_capture_csv
    from tally.estimate.models import ModelSpecError

    if method not in METHODS:
        raise typer.BadParameter(f"choose one of {', '.join(METHODS)}", param_hint="--method")
    if (table_csv is None) == (not from_db):
        raise typer.BadParameter("give a TABLE_CSV or --from-db (one of the two)")
    if by is not None and not from_db:
        raise typer.BadParameter("--by goes with --from-db", param_hint="--by")
    if from_db:
        _from_db(method, criterion, model, lists, seed, level, as_json, by, include_derived)
        return
    assert table_csv is not None
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


def _from_db(
    method: str,
    criterion: str,
    model: str | None,
    lists: str | None,
    seed: int | None,
    level: float,
    as_json: bool,
    by: str | None,
    include_derived: bool = False,
) -> None:
    """Estimate from the store: one table, or per stratum combined (strata independent)."""
    import json

    from tally.cli.common import store
    from tally.estimate import CaptureTableError, Estimate, estimate
    from tally.estimate.from_store import capture_tables, derived_sources
    from tally.estimate.models import ModelSpecError
    from tally.estimate.stratify import StratumError, stratified_bayes, stratified_frequentist

    def one(table: object) -> Estimate:
        from tally.estimate import CaptureTable

        assert isinstance(table, CaptureTable)
        if lists:
            table = table.select([name.strip() for name in lists.split(",")])
        return estimate(
            table, method=method, criterion=criterion, model=model, level=level, seed=seed
        )

    the_store = store()
    if not include_derived:
        with the_store.engine.connect() as conn:
            left_out = derived_sources(conn)
        if left_out:
            typer.echo(f"left out as compilations of other sources: {', '.join(left_out)} "
                       "(--include-derived uses them)", err=True)
    try:
        tables = capture_tables(the_store, by, include_derived)
        if by is None:
            result = one(tables[""])
            if as_json:
                typer.echo(result.to_json(indent=2))
            else:
                _print_rich(result, "linked persons in the store")
            return
        if method in ("dga", "lcmcr"):
            combined = stratified_bayes(tables, method=method, level=level, seed=seed)  # type: ignore[arg-type]
        else:
            combined = stratified_frequentist(tables, one, level=level)
    except (CaptureTableError, ModelSpecError, StratumError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "total": combined.total.to_dict(),
                    "strata": {k: v.to_dict() for k, v in combined.strata.items()},
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    _print_rich(combined.total, f"linked persons by {by}")
    for name, est in combined.strata.items():
        typer.echo(
            f"  {name}: N {est.N:,.0f} ({est.lower:,.0f}–{est.upper:,.0f}), "
            f"observed {est.n_observed:,}"
        )


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
