"""``tally indicators ...`` (the incentives registry) and ``tally model ...`` (manpower and
cost model). Thin: parse options, call :mod:`tally.recruit`, print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from tally.cli.common import console, fail, readable_errors, store

indicators_app = typer.Typer(help="Dated, sourced indicators: sign-up bonuses, wages, "
                             "published estimates. Conflicts are shown, never averaged.",
                             no_args_is_help=True)
model_app = typer.Typer(help="The manpower and cost model (docs/recruitment.md).",
                        no_args_is_help=True)


def _json(data: Any) -> None:
    console.print_json(json.dumps(data, ensure_ascii=False))


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _bn(value: float) -> str:
    return f"{value / 1e9:,.1f} bn"


def import_indicators(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV/TSV/XLSX/JSON")],
    mapping: Annotated[Path, typer.Option("--mapping", "-m", exists=True, dir_okay=False,
                                          help="mapping YAML (see docs/mappings/)")],
    source: Annotated[str | None, typer.Option(help="source name (default: the mapping's)")]
    = None,
    encoding: Annotated[str | None, typer.Option(help="text encoding (default: detected)")]
    = None,
) -> None:
    """Import indicators from FILE by a mapping; all rows or none."""
    from tally.recruit.importer import import_indicators as run
    from tally.recruit.mapping import MappingError, load_mapping

    try:
        spec = load_mapping(mapping)
    except MappingError as exc:
        raise fail(str(exc)) from exc
    with readable_errors():
        report = run(store(), file, spec, source=source, encoding=encoding)
    console.print(f"[green]imported[/] {report.added} indicator(s) from {report.rows} row(s) "
                  f"as {report.source!r} ({report.unchanged} already stored)", highlight=False)


def _table(items: list[Any], title: str) -> None:
    from rich.table import Table

    table = Table(title=title)
    for col in ("id", "kind", "place", "date", "value (low–high)", "unit", "source", "!"):
        table.add_column(col)
    for i in items:
        rng = f" ({_num(i.low)}–{_num(i.high)})" if i.low is not None or i.high is not None else ""
        flag = f"[red]conflicts with {', '.join(map(str, i.conflicts_with))}[/]" \
            if i.conflict else ""
        table.add_row(str(i.id), i.kind, i.place, i.claim_date or "undated",
                      _num(i.value) + rng, i.unit, i.citation or i.source_url or i.source, flag)
    console.print(table)


def list_cmd(
    kind: Annotated[str | None, typer.Option(help="e.g. signup_bonus_regional")] = None,
    region: Annotated[str | None, typer.Option(help="ISO 3166-2 code, e.g. RU-TA")] = None,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="only conflicting")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List indicators, with their sources; conflicting figures are marked."""
    from tally.recruit.registry import list_indicators

    with store().engine.connect() as conn:
        items = list_indicators(conn, kind=kind, region=region.upper() if region else None)
    if conflicts:
        items = [i for i in items if i.conflict]
    if as_json:
        _json([i.to_dict() for i in items])
        return
    _table(items, f"{len(items)} indicator(s)")


def history_cmd(
    kind: Annotated[str, typer.Argument(help="indicator kind")],
    region: Annotated[str, typer.Argument(help="ISO 3166-2 region, or a country code (RU)")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One value over time for one region (or the national figure), oldest first."""
    from tally.recruit.registry import history

    with store().engine.connect() as conn:
        items = history(conn, kind, region)
    if as_json:
        _json([i.to_dict() for i in items])
        return
    if not items:
        raise fail(f"no {kind} indicators for {region}")
    _table(items, f"{kind} in {region.upper()}")


def export_cmd(
    out: Annotated[Path, typer.Argument(dir_okay=False, help="OUT.csv or OUT.json")],
    kind: Annotated[list[str] | None, typer.Option(help="only this kind (repeatable)")]
    = None,
) -> None:
    """Write the registry (value, unit, place, validity, source, document hash, grade,
    conflict flag) to a CSV or JSON file, row by row."""
    from tally.recruit.export import export_format, export_indicators
    from tally.recruit.kinds import Kind

    kinds = kind or []
    unknown = sorted(set(kinds) - {k.value for k in Kind})
    if unknown:
        raise fail(f"unknown kind(s): {', '.join(unknown)}")
    try:
        export_format(out)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    with store().engine.connect() as conn:
        n = export_indicators(conn, out, kinds)
    console.print(f"[green]wrote[/] {n} indicator(s) to {out}", highlight=False)


def _scenario(path: Path) -> Any:
    from tally.recruit.drawn import needs_store, resolve
    from tally.recruit.scenario import ScenarioError, load_scenario

    try:
        scenario = load_scenario(path)
        if needs_store(scenario):
            with store().engine.connect() as conn:
                return resolve(scenario, conn)
        return scenario
    except ScenarioError as exc:
        raise fail(str(exc)) from exc


def run_cmd(
    scenario: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Run a scenario and its variants side by side (yearly cost, share of budget)."""
    from rich.table import Table

    from tally.recruit.flows import COSTS, simulate

    base = _scenario(scenario)
    results = [simulate(base)] + [simulate(base.variant(v)) for v in base.variants]
    if as_json:
        _json([r.to_dict() for r in results])
        return
    table = Table(title=base.name)
    table.add_column("per year (average)")
    labels = ["base", *base.variants]
    for label in labels:
        table.add_column(label, justify="right")
    rows: list[tuple[str, list[str]]] = [
        ("recruits", [_num(sum(s.recruits for s in r.steps) * 12 / len(r.steps))
                      for r in results]),
        ("bonus per recruit", [_num(r.bonus_per_recruit) for r in results]),
    ]
    for cost in COSTS:
        rows.append((f"{cost}, RUB", [_bn(sum(getattr(s, cost) for s in r.steps) * 12
                                          / len(r.steps)) for r in results]))
    rows.append(("[bold]total cost, RUB[/]", [f"[bold]{_bn(r.yearly_cost)}[/]" for r in results]))
    rows.append(("share of budget", [f"{r.budget_share:.1%}" if r.budget_share is not None
                                     else "" for r in results]))
    for name, cells in rows:
        table.add_row(name, *cells)
    console.print(table)
    assumed = [k for k, v in results[0].inputs.items() if v["assumption"]]
    console.print(f"[yellow]assumptions[/] (no source): {', '.join(assumed)}", highlight=False)


def sensitivity_cmd(
    scenario: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    pct: Annotated[float, typer.Option(help="move each input by ± this many percent")] = 10.0,
    metric: Annotated[str, typer.Option(help="yearly_cost or budget_share")] = "yearly_cost",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One-at-a-time sensitivity of the yearly cost to each input (tornado, largest first)."""
    from rich.table import Table

    from tally.recruit.sensitivity import sensitivity

    try:
        result = sensitivity(_scenario(scenario), pct=pct, metric=metric)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        _json(result.to_dict())
        return
    share = metric == "budget_share"

    def show(v: float) -> str:
        return f"{v:.2%}" if share else _bn(v)

    table = Table(title=f"{result.scenario}: {metric} ±{pct:g}% (base {show(result.base)})")
    for col in ("input", "base value", f"{metric} at −{pct:g}%", f"at +{pct:g}%", "swing"):
        table.add_column(col, justify="right" if col != "input" else "left")
    for r in result.rows:
        table.add_row(r.input, _num(r.base_value) if r.base_value >= 10 else f"{r.base_value:g}",
                      show(r.metric_low), show(r.metric_high), show(r.swing))
    console.print(table)


def register(app: typer.Typer) -> None:
    indicators_app.command("import")(import_indicators)
    indicators_app.command("list")(list_cmd)
    indicators_app.command("history")(history_cmd)
    indicators_app.command("export")(export_cmd)
    app.add_typer(indicators_app, name="indicators")
    model_app.command("run")(run_cmd)
    model_app.command("sensitivity")(sensitivity_cmd)
    app.add_typer(model_app, name="model")
