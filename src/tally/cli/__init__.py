"""The ``tally`` command: thin typer commands over the library.

Each module in this package defines ``register(app)``. Heavy libraries (natasha, splink,
pandas) are imported inside command functions so that ``tally --help`` stays fast.
"""

from __future__ import annotations

import functools
import importlib
import logging

import typer

app = typer.Typer(
    name="tally",
    help=(
        "Tally records military deaths from public information, name by name, and counts and "
        "estimates them honestly.\n\nStart with `tally demo`, or `tally init` then "
        "`tally import list FILE --source NAME --mapping MAP.yaml`."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

#: Command modules, registered in this order. Add yours here.
_MODULES: tuple[str, ...] = (
    "core",
    "demo",
    "extract",
    "estimate",
    "nowcast",
    "stats",
    "serve",
    "export",
    "synth",
    "recruit",
    "link",
    "verify",
    "reextract",
)


@functools.cache
def _build() -> typer.Typer:
    """Register every command module once; later calls return the same app."""
    for name in _MODULES:
        module = importlib.import_module(f"tally.cli.{name}")
        module.register(app)
    return app


#: Libraries whose progress chatter (e.g. Splink's EM training notes) is not for users of
#: the command line; their errors still show.
_QUIET_LOGGERS = ("splink", "py4j", "trafilatura", "htmldate", "courlan")


def main() -> None:
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    _build()()
