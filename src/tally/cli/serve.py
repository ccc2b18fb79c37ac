"""``tally serve``: the public dashboard, search, person pages and JSON API."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from tally.cli.common import console, fail, store

GeoJSONOption = Annotated[Path | None, typer.Option(
    exists=True, dir_okay=False, help="GeoJSON of region polygons (ISO 3166-2 codes) for a map")]
DenominatorFile = Annotated[Path | None, typer.Option(
    exists=True, dir_okay=False,
    help="CSV of population by region for per-capita maps (default: shipped denominators)")]
WorkersOption = Annotated[int | None, typer.Option(
    min=1, max=64, help="Worker processes (default: one per CPU core, at most 8)")]


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    geojson: GeoJSONOption = None,
    denominator: DenominatorFile = None,
    denominator_region_column: Annotated[str, typer.Option(help="Region column")] = "region",
    denominator_value_column: Annotated[str, typer.Option(help="Population column")] = "value",
    workers: WorkersOption = None,
) -> None:
    """Serve the dashboard (Russian by default; add ?lang=en) and the API under /api/.

    Several worker processes share the load; each reads through its own read-only
    connections (SQLite in WAL mode, or a PostgreSQL pool), and the dashboard's figures are
    recomputed once, in the background, after the data change."""
    from tally.publish.geo import GeoJSONError, load_regions
    from tally.web.serving import OPTIONS_VARIABLE, ServeOptions, default_workers, run

    options = ServeOptions(
        geojson=str(geojson.resolve()) if geojson else None,
        denominator=str(denominator.resolve()) if denominator else None,
        denominator_region_column=denominator_region_column,
        denominator_value_column=denominator_value_column,
    )
    try:
        if geojson:
            load_regions(geojson)  # fail early on a bad file
        options.denominators()
    except (GeoJSONError, KeyError, ValueError, OSError) as exc:
        raise fail(str(exc)) from exc
    store().engine.dispose()  # fail early when the store is missing or too old
    count = workers or default_workers()
    os.environ[OPTIONS_VARIABLE] = options.to_json()
    console.print(f"serving on http://{host}:{port}/ with {count} worker"
                  f"{'s' if count > 1 else ''} (Ctrl+C stops)")
    run(host, port, count)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
