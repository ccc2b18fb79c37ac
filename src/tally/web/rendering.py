"""Jinja2 templates (autoescaped everywhere) and the per-request page context."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader

from tally.web.i18n import LANGUAGES, Translator, pick, region_names

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def environment() -> Environment:
    """The template environment: web pages first, then the shared chart macros."""
    return Environment(
        loader=ChoiceLoader([PackageLoader("tally.web"), PackageLoader("tally.publish")]),
        autoescape=True,
        trim_blocks=False,
    )


@cache
def _country_names(lang: str) -> dict[str, str]:
    import gettext

    import pycountry

    translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang],
                                    fallback=True).gettext
    return {c.alpha_2: translate(c.name) for c in pycountry.countries}


def base_context(lang: str, static_prefix: str = "/static") -> dict[str, Any]:
    """Names every template may use: ``t``, ``lang``, region and country names."""
    names = _country_names(lang)
    return {
        "t": Translator(lang), "lang": lang, "region_names": region_names(lang),
        "country": lambda code: names.get(str(code), str(code)),
        "same": lambda value: value, "static_prefix": static_prefix,
    }


def render(request: Request, env: Environment, name: str, status: int = 200,
           **values: Any) -> HTMLResponse:
    lang = pick(request.query_params.get("lang"))
    other = next(x for x in LANGUAGES if x != lang)
    query = dict(request.query_params)
    query["lang"] = other
    context = base_context(lang)
    context["other_lang"] = other
    context["other_lang_url"] = f"{request.url.path}?{urlencode(query)}"
    context.update(values)
    html = env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
