"""``tally export csv|parquet|json|ftm OUT`` and ``tally report OUT.html``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tally.cli.common import console, fail, store


class ExportFormat(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"
    JSON = "json"
    FTM = "ftm"


def export_command(
    fmt: Annotated[ExportFormat, typer.Argument(help="csv|parquet|json (a folder) or ftm")],
    out: Annotated[Path, typer.Argument(help="Output folder (ftm: output file, JSON lines)")],
) -> None:
    """Export live persons and their statements, streamed (memory stays flat)."""
    from tally.publish import exports, ftm

    try:
        if fmt is ExportFormat.FTM:
            n = ftm.export(store(), out)
            console.print(f"wrote {n:,} FollowTheMoney entities to {out}", highlight=False)
            return
        report = exports.export(store(), fmt.value, out)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc}") from exc
    for name, rows in report.files.items():
        console.print(f"wrote {rows:,} rows to {out / name}", highlight=False)


def report_command(
    out: Annotated[Path, typer.Argument(help="The HTML file to write")],
    lang: Annotated[str, typer.Option(help="ru|en")] = "ru",
) -> None:
    """Write a static, self-contained HTML report (charts as inline SVG, methodology)."""
    from tally.publish import report

    try:
        report.write(store(), out, lang=lang)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc}") from exc
    console.print(f"wrote {out} ({out.stat().st_size:,} bytes)", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
    app.command("report")(report_command)
