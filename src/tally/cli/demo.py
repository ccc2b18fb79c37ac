"""``tally demo``: a synthetic corpus through every stage, then the dashboard."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tally.cli.common import console, fail


def demo(
    people: Annotated[int, typer.Option(min=50, help="Synthetic persons to generate")] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same corpus)")] = 1,
    data_dir: Annotated[
        Path, typer.Option(help="Demo folder (rebuilt each time; never your real data dir)")
    ] = Path("./tally-demo"),
    serve: Annotated[bool, typer.Option(help="Serve the dashboard when built")] = True,
    host: Annotated[str, typer.Option(help="Address to serve on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on")] = 8000,
) -> None:
    """Build a demo database from a SYNTHETIC corpus, run every stage, serve the dashboard.

    Generates an official list, an aggregator spreadsheet, regional news, relatives'
    Telegram posts and an English outlet about synthetic people; imports, extracts, links,
    grades and estimates; prints a summary; then serves http://HOST:PORT
    (`--no-serve` only builds and prints the summary).
    """
    from rich.table import Table

    from tally.demo import DemoError, build_demo

    try:
        with console.status("building the demo") as status:
            store, summary = build_demo(
                data_dir, people, seed, on_step=lambda s: status.update(s + " …")
            )
    except DemoError as exc:
        raise fail(str(exc)) from exc
    table = Table(title=f"Tally demo (SYNTHETIC data) in {data_dir}", show_header=False)
    table.add_row("synthetic persons (truth)", f"{summary.people_true:,}")
    for step, detail in summary.steps:
        table.add_row(step, detail)
    if summary.estimate:
        est = summary.estimate
        table.add_row(
            "estimated total (MSE)",
            f"{est['N']:,.0f} (95% {est['lower']:,.0f}–{est['upper']:,.0f}), "
            f"{est['method']} {est.get('model') or ''}; truth {summary.people_true:,}",
        )
        table.add_row(
            "lists in the estimate",
            f"{len(est['lists'])}: {', '.join(est['lists'])}"
            + (f"; left out as compilations of the others: {', '.join(est['left_out'])}"
               if est["left_out"] else ""),
        )
    console.print(table)
    if serve:
        import uvicorn

        from tally.web import create_app

        console.print(f"serving the dashboard at http://{host}:{port} (Ctrl+C to stop)")
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(demo)
