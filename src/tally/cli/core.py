"""``tally init``, ``tally import list``, ``tally grade``, ``tally audit verify``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tally.cli.common import byte_progress, console, fail, readable_errors, store
from tally.model import SourceType


class Lang(StrEnum):
    AUTO = "auto"
    RU = "ru"
    EN = "en"


import_app = typer.Typer(
    help="Import lists and posts, keeping every document as evidence.", no_args_is_help=True
)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)


def init() -> None:
    """Create the database and data folder, or upgrade them to the newest schema."""
    from tally.store.db import current_revision

    s = store(create=True)
    console.print(
        f"[green]ready[/]: database {s.engine.url.render_as_string(hide_password=True)}"
        f" at schema {current_revision(s.engine)}; evidence in {s.objects.root}"
    )


def import_list(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="CSV, TSV, XLSX, JSON or JSONL list")
    ],
    source: Annotated[str, typer.Option(help="Name of the source (created when new)")],
    mapping: Annotated[
        Path,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="Mapping YAML: which column is which field (see docs/mappings/)",
        ),
    ],
    source_type: Annotated[
        SourceType | None, typer.Option(help="Type of the source, for grading")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv|tsv|xlsx|json|jsonl (default: by extension)")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Force an encoding (default: detect UTF-8, cp1251, KOI8-R)")
    ] = None,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            help="Skip rows that break the mapping (each is listed) instead of refusing the file"
        ),
    ] = False,
) -> None:
    """Import a person list: every row becomes a Document and a Mention.

    All-or-nothing by default: one bad row refuses the file and nothing is stored.
    Re-importing the same file adds nothing; a changed row becomes a new version.
    """
    from tally.ingest.listimport import import_list as run
    from tally.ingest.mapping import load_mapping

    with readable_errors():
        m = load_mapping(mapping)
        s = store()
        with byte_progress() as progress:
            task = progress.add_task(f"importing {file.name}", total=file.stat().st_size)
            report = run(
                s,
                file,
                source,
                m,
                fmt=fmt,
                encoding=encoding,
                source_type=source_type,
                skip_bad_rows=skip_bad_rows,
                on_bytes=lambda n: progress.advance(task, n),
            )
    for problem in report.skipped:
        console.print(f"[yellow]skipped[/] {problem}", highlight=False)
    console.print(
        f"[green]imported[/] {file.name} into source {source!r}: {report.rows} rows, "
        f"{report.added} added, {report.changed} changed, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped (file sha256 {report.file_sha256[:12]}…)",
        highlight=False,
    )


def import_posts(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="Telegram result.json, .html, .warc(.gz), .txt or .jsonl",
        ),
    ],
    source: Annotated[str, typer.Option(help="Name of the source (created when new)")],
    source_type: Annotated[
        SourceType, typer.Option(help="Type of the source, for grading")
    ] = SourceType.UNKNOWN,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="telegram|html|warc|text|jsonl (default: by extension)"),
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the texts")] = Lang.AUTO,
) -> None:
    """Import posts or pages; each is a Document, and every person it reports killed a Mention.

    All-or-nothing: a bad post refuses the file and nothing is stored. Re-importing adds nothing.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from tally.ingest.postimport import import_posts as run

    with readable_errors():
        s = store()
        with Progress(
            SpinnerColumn(), TextColumn("{task.description} {task.completed} posts"), transient=True
        ) as progress:
            task = progress.add_task(f"extracting {file.name}")
            report = run(
                s,
                file,
                source,
                fmt=fmt,
                source_type=source_type,
                lang=lang,
                on_post=lambda: progress.advance(task),
            )
    console.print(
        f"[green]imported[/] {file.name} into source {source!r}: {report.posts} posts, "
        f"{report.added} new, {report.unchanged} already stored, {report.persons} persons "
        f"mentioned, {report.notes} with counts but no names",
        highlight=False,
    )


def grade() -> None:
    """Recompute every person's grade (confirmed / reported / contested / discounted)."""
    from tally.verify.grade import grade_all

    counts = grade_all(store())
    console.print("graded: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


def audit_verify() -> None:
    """Check the audit chain; exit 1 and say where when an event was edited, removed or moved."""
    from tally.verify.audit import count, verify_chain

    s = store()
    with s.engine.connect() as conn:
        problems = verify_chain(conn)
        n = count(conn)
    if problems:
        for p in problems:
            console.print(f"[red]event {p.seq}[/]: {p.problem}", highlight=False)
        raise fail(f"the audit log is broken at {len(problems)} place(s) of {n} events")
    console.print(f"[green]ok[/]: {n} audit events, chain intact")


def register(app: typer.Typer) -> None:
    app.command()(init)
    import_app.command("list")(import_list)
    import_app.command("posts")(import_posts)
    app.add_typer(import_app, name="import")
    app.command()(grade)
    audit_app.command("verify")(audit_verify)
    app.add_typer(audit_app, name="audit")
