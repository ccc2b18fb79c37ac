"""The recruitment monitor's pages. Handlers only call :mod:`tally.recruit` and render."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader

from tally.recruit.scenario import INPUT_UNITS, Input, Scenario, load_scenario
from tally.web.context import WebContext
from tally.web.deps import context
from tally.web.recruit import svg
from tally.web.rendering import render

router = APIRouter(prefix="/recruit", include_in_schema=False)
PAGE_NOTE = "entered on the model page"


@cache
def _env() -> Environment:
    return Environment(
        loader=ChoiceLoader([PackageLoader("tally.web.recruit"), PackageLoader("tally.web"),
                             PackageLoader("tally.publish")]),
        autoescape=True,
    )


def default_scenario() -> Scenario:
    return load_scenario(Path(str(files("tally.web.recruit").joinpath("default_scenario.yaml"))))


def _page(request: Request, name: str, **values: Any) -> HTMLResponse:
    return render(request, _env(), name, svg_w=svg.W, svg_h=svg.H, **values)


Ctx = Annotated[WebContext, Depends(context)]


@router.get("/", response_class=HTMLResponse)
@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request, ctx: Ctx) -> HTMLResponse:
    from tally.recruit.registry import list_indicators

    with ctx.store.engine.connect() as conn:
        items = list_indicators(conn)
    return _page(request, "recruit_indicators.html", items=items,
                 n_conflicts=sum(i.conflict for i in items))


@router.get("/bonus-wage", response_class=HTMLResponse)
def bonus_wage_page(request: Request, ctx: Ctx) -> HTMLResponse:
    from tally.recruit.ratio import bonus_to_wage

    with ctx.store.engine.connect() as conn:
        report = bonus_to_wage(conn)
    bars = svg.hbars([(f"{r.place} {r.date}", r.ratio, r.conflict or r.federal_ambiguous)
                      for r in report.rows])
    return _page(request, "recruit_bonus_wage.html", report=report, bars=bars)


@router.get("/deaths-income", response_class=HTMLResponse)
def deaths_income_page(request: Request, ctx: Ctx) -> HTMLResponse:
    from tally.recruit.correlation import deaths_vs_income

    with ctx.store.engine.connect() as conn:
        result = deaths_vs_income(conn)
    marks = svg.scatter([(p.income, p.rate, p.region) for p in result.points])
    return _page(request, "recruit_deaths_income.html", result=result, marks=marks)


@router.get("/channels", response_class=HTMLResponse)
def channels_page(request: Request, ctx: Ctx) -> HTMLResponse:
    from tally.recruit.channels import channel_mix, foreign_nationals

    with ctx.store.engine.connect() as conn:
        mix = channel_mix(conn)
        foreign = foreign_nationals(conn)
    line = svg.polyline([m.volunteer_share for m in mix.months], 1.0)
    return _page(request, "recruit_channels.html", mix=mix, foreign=foreign, line=line)


@router.get("/named", response_class=HTMLResponse)
def named_page(request: Request, ctx: Ctx) -> HTMLResponse:
    from tally.recruit.named import named_vs_estimates

    with ctx.store.engine.connect() as conn:
        result = named_vs_estimates(conn)
    top = max([n for _, n in result.cumulative] +
              [e.high or e.central or 0 for e in result.estimates] + [1])
    line = svg.polyline([float(n) for _, n in result.cumulative], float(top))
    return _page(request, "recruit_named.html", result=result, line=line, top=top)


def _with_form(base: Scenario, form: dict[str, str]) -> tuple[Scenario, list[str]]:
    """The base scenario with the posted numbers; a changed number becomes an assumption."""
    changed: dict[str, Input] = {}
    problems: list[str] = []
    numbers = base.numbers()
    for name in INPUT_UNITS:
        text = form.get(name, "").strip()
        if not text:
            continue
        try:
            value = float(text)
        except ValueError:
            problems.append(f"{name}: {text!r} is not a number")
            continue
        if value < 0:
            problems.append(f"{name}: must not be negative")
        elif value != numbers[name]:
            changed[name] = Input(value=value, assumption=True, note=PAGE_NOTE)
    if not changed:
        return base, problems
    return base.model_copy(update={"inputs": base.inputs.model_copy(update=changed)}), problems


def _model(request: Request, form: dict[str, str]) -> HTMLResponse:
    from tally.recruit.flows import simulate
    from tally.recruit.sensitivity import sensitivity

    base = default_scenario()
    scenario, problems = _with_form(base, form)
    result = simulate(scenario)
    variants = [simulate(base.variant(v)) for v in base.variants]
    tornado = sensitivity(scenario)
    marks = svg.tornado([(r.input, r.metric_low, r.metric_high) for r in tornado.rows],
                        tornado.base)
    return _page(request, "recruit_model.html", scenario=scenario, result=result,
                 variants=variants, tornado=tornado, marks=marks, problems=problems,
                 units=INPUT_UNITS, numbers=scenario.numbers())


@router.get("/model", response_class=HTMLResponse)
def model_page(request: Request) -> HTMLResponse:
    return _model(request, {k: v for k, v in request.query_params.items() if k in INPUT_UNITS})


@router.post("/model", response_class=HTMLResponse)
async def model_post(request: Request) -> HTMLResponse:
    form = await request.form()
    return _model(request, {k: str(v) for k, v in form.items() if k in INPUT_UNITS})
