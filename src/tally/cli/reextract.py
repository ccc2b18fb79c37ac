"""``tally reextract``: run the extractor again over the stored texts of posts and pages."""

from __future__ import annotations

from typing import Annotated

import typer

from tally.cli import common
from tally.cli.core import Lang


def reextract(
    source: Annotated[str | None, typer.Option(help="only this source (default: all)")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="count what would change, store nothing")] = False,
    lang: Annotated[Lang, typer.Option(help="language of the texts")] = Lang.AUTO,
) -> None:
    """Re-extract stored documents: changed mentions get new versions, decisions carry over.

    All-or-nothing. Run `tally link` afterwards. Decisions that cannot be carried over (their
    mention or person is gone) are listed; they stay in the decisions table.
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from tally.extract.rerun import RerunError, count_documents
    from tally.extract.rerun import reextract as run

    with common.readable_errors():
        store = common.store()
        try:
            total = count_documents(store, source)
            with Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                          MofNCompleteColumn(), TimeRemainingColumn(),
                          console=common.err_console, transient=True) as progress:
                task = progress.add_task("re-extracting", total=total)
                report = run(store, source=source, lang=lang.value, dry_run=dry_run,
                             on_document=lambda: progress.advance(task))
        except RerunError as exc:
            raise common.fail(str(exc)) from exc
    def say(text: str, markup: bool = False) -> None:
        common.console.print(text, highlight=False, markup=markup, soft_wrap=True)

    say(f"{'[yellow]dry run[/], nothing stored' if dry_run else '[green]re-extracted[/]'}: "
        f"{report.documents} documents read", markup=True)
    say(f"mentions: {report.unchanged} unchanged, {report.new_versions} new versions, "
        f"{report.added} added, {report.retired} retired")
    say(f"decisions: {report.carried} carried over, {len(report.not_carried)} not carried over")
    for u in report.not_carried:
        say(f"  decision {u.decision} ({u.kind}): {u.why}")
    if not dry_run and (report.new_versions or report.added or report.retired):
        say("now run `tally link` to update persons")


def register(app: typer.Typer) -> None:
    app.command()(reextract)
