"""``tally report OUT.html``: a static, self-contained HTML report.

Charts are inline SVG (the dashboard's own macros), the CSS is inlined, there is no script
and no external reference: the file can be published as it is, without a server.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from markupsafe import Markup

from tally.publish import charts, dashboard
from tally.stats import Denominators
from tally.store import Store


def render(store: Store, *, lang: str = "ru",
           denominators: Denominators | None = None) -> str:
    from tally.gazetteer import tile_grid
    from tally.web.i18n import pick, region_names
    from tally.web.rendering import base_context, environment

    lang = pick(lang)
    denominators = denominators or Denominators.shipped()
    with store.engine.connect() as conn:
        dash = dashboard.build(conn, denominators)
    names = region_names(lang)
    maps = {}
    for mode in ("count", "rate"):
        values = dash.map_values(mode)
        vmax = max((v for v in values.values() if v is not None), default=0.0)
        maps[mode] = (charts.tile_map(tile_grid(), values, names), charts.legend(vmax))
    # our own package file, not data: safe to inline as markup
    css = Markup(files("tally.web").joinpath("static", "chart.css").read_text("utf-8"))
    context = base_context(lang)
    context.update(dash=dash, data=dash.chart_data(), maps=maps, css=css)
    return environment().get_template("report.html").render(**context)


def write(store: Store, out: Path, *, lang: str = "ru",
          denominators: Denominators | None = None) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(store, lang=lang, denominators=denominators), encoding="utf-8")
    return out
