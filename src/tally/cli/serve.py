"""``tally serve``: the public dashboard, search, person pages and JSON API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tally.cli.common import console, fail, store

GeoJSONOption = Annotated[Path | None, typer.Option(
    exists=True, dir_okay=False, help="GeoJSON of region polygons (ISO 3166-2 codes) for a map")]
DenominatorFile = Annotated[Path | None, typer.Option(
    exists=True, dir_okay=False,
    help="CSV of population by region for per-capita maps (default: shipped denominators)")]


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    geojson: GeoJSONOption = None,
    denominator: DenominatorFile = None,
    denominator_region_column: Annotated[str, typer.Option(help="Region column")] = "region",
    denominator_value_column: Annotated[str, typer.Option(help="Population column")] = "value",
) -> None:
    """Serve the dashboard (Russian by default; add ?lang=en) and the API under /api/."""
    import uvicorn

    from tally.publish.geo import GeoJSONError, load_regions
    from tally.stats import Denominators
    from tally.web import create_app

    try:
        if geojson:
            load_regions(geojson)  # fail early on a bad file
        denominators = (Denominators.from_csv(denominator, denominator_region_column,
                                              denominator_value_column)
                        if denominator else None)
    except (GeoJSONError, KeyError, ValueError, OSError) as exc:
        raise fail(str(exc)) from exc
    app = create_app(store(), denominators=denominators, geojson=geojson)
    console.print(f"serving on http://{host}:{port}/ (Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
