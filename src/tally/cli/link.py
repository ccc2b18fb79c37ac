"""``tally link`` (persons from mentions in the store) and ``tally dedupe`` (a spreadsheet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tally.cli import common


def link(
    engine: Annotated[str, typer.Option(help="duckdb (default) or spark")] = "duckdb",
    full: Annotated[bool, typer.Option("--full", help="retrain and rescore every pair")] = False,
    method: Annotated[str, typer.Option(help="splink (probabilistic) or exact")] = "splink",
    threshold: Annotated[float, typer.Option(help="match probability to merge")] = 0.5,
) -> None:
    """Link mentions into persons; reviewer decisions are applied as constraints."""
    if engine not in ("duckdb", "spark"):
        raise common.fail(f"--engine must be duckdb or spark, not {engine!r}")
    if method not in ("splink", "exact"):
        raise common.fail(f"--method must be splink or exact, not {method!r}")
    store = common.store()
    if method == "exact":
        from tally.link.exact import link_exact

        report = link_exact(store)
    else:
        from tally.link.run import RunOptions, link_probabilistic

        report = link_probabilistic(store, RunOptions(engine=engine, full=full,  # type: ignore[arg-type]
                                                      threshold=threshold))
    from tally.publish.search_index import refresh

    indexed = refresh(store)  # persons changed: the public search must see them
    common.console.print(
        f"run {report.run_id}: {report.mentions} mentions → {report.persons} persons "
        f"({report.merged_pairs} merged); search index: {indexed.persons} persons")


def dedupe(
    src: Annotated[Path, typer.Argument(help="CSV with an id column and name/date columns",
                                        exists=True, dir_okay=False)],
    out: Annotated[Path, typer.Option("--out", help="CSV to write")],
    threshold: Annotated[float, typer.Option(help="match probability to merge")] = 0.5,
    distinct_source: Annotated[list[str] | None, typer.Option(
        help="a source whose rows are distinct persons (repeatable)")] = None,
) -> None:
    """Add person_id and match_probability to a spreadsheet of names (no store needed)."""
    from tally.ingest.errors import InputError
    from tally.link.dedupe import DedupeError, dedupe_csv

    try:
        result, notes = dedupe_csv(src, out, threshold=threshold,
                                   distinct_sources=tuple(distinct_source or ()))
    except (DedupeError, InputError) as exc:
        raise common.fail(str(exc)) from exc
    for note in notes:
        common.err_console.print(f"[yellow]note:[/] {note}", highlight=False)
    common.console.print(
        f"{len(result)} rows → {result['person_id'].nunique()} persons; wrote {out}")


def register(app: typer.Typer) -> None:
    app.command()(link)
    app.command()(dedupe)
