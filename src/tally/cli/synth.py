"""`tally synth`: write a synthetic corpus (demo data and benchmark corpus)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("synth")
    def synth(
        outdir: Annotated[Path, typer.Argument(help="Folder to write the corpus into.")],
        people: Annotated[int, typer.Option("--people", min=1, help="Synthetic persons.")] = 1000,
        seed: Annotated[
            int, typer.Option("--seed", help="Random seed (same seed, same bytes).")
        ] = 1,
        rows_only: Annotated[
            int | None,
            typer.Option("--rows-only", min=1,
                         help="Only stream an official-style list of this many rows "
                              "(official_list.csv + mapping), e.g. for the import benchmark."),
        ] = None,
    ) -> None:
        """Generate a clearly labelled SYNTHETIC corpus: truth, five sources, mentions."""
        from rich.console import Console

        from tally.synth import generate_corpus, write_big_list

        console = Console()
        if rows_only is not None:
            outdir.mkdir(parents=True, exist_ok=True)
            mapping = write_big_list(outdir / "official_list.csv", rows_only, seed)
            console.print(f"wrote {rows_only} synthetic rows to {outdir / 'official_list.csv'} "
                          f"(mapping {mapping.name})")
            return
        summary = generate_corpus(outdir, people, seed)
        console.print(f"[bold]SYNTHETIC corpus[/bold] written to {outdir}")
        for line in summary.lines():
            console.print(f"  {line}")
