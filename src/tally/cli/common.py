"""What every command shares: settings, the store, readable errors, progress bars."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from tally.settings import Settings
from tally.store import Store, StoreError, open_store

console = Console()
err_console = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic validation of TALLY_* variables
        raise fail(f"bad TALLY_* settings: {exc}") from exc


def store(create: bool = False) -> Store:
    try:
        return open_store(settings(), create=create)
    except StoreError as exc:
        raise fail(str(exc)) from exc


@contextmanager
def readable_errors() -> Iterator[None]:
    """Turn expected failures (bad input, bad mapping, store not ready) into one red line."""
    from tally.ingest.errors import InputError
    from tally.ingest.mapping import MappingError

    try:
        yield
    except (InputError, MappingError, StoreError, FileNotFoundError) as exc:
        raise fail(f"{exc}\nNothing was stored.") from exc


def byte_progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )
