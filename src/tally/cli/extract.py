"""``tally extract``: person facts from a text or a JSON Lines file, one JSON object a line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

_FIELDS = ("last_name", "first_name", "patronymic", "birth_date", "death_date", "age", "region",
           "settlement", "unit", "rank", "is_officer", "channel", "citizenship", "full_name")


def extract_command(
    file: Annotated[
        str, typer.Argument(help="Text file, .jsonl of {id,text,published}, or - for stdin")
    ] = "-",
    lang: Annotated[str, typer.Option(help="ru, en or auto")] = "auto",
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD (resolves dates without a year)"),
    ] = None,
) -> None:
    """Extract dead persons' facts from posts and pages; print one JSON object per person."""
    from tally.extract import extract
    from tally.extract.batch import InputError, decode, parse_date, records

    if lang not in ("ru", "en", "auto"):
        _fail(f"--lang must be ru, en or auto, not {lang!r}")
    try:
        default_date = parse_date(published, where="--published")
        if file == "-":
            data, name = sys.stdin.buffer.read(), "<stdin>"
        else:
            path = Path(file)
            if not path.is_file():
                _fail(f"{file}: no such file")
            data, name = path.read_bytes(), file
        text = decode(data, name=name)
        jsonl = name.endswith(".jsonl") or (
            name == "<stdin>" and text.lstrip().startswith("{") and '"text"' in text[:2000]
        )
        for rec in records(text, name=name, jsonl=jsonl, published=default_date):
            result = extract(rec.text, lang=lang, published=rec.published)
            for person, key in zip(result.persons, result.name_keys, strict=True):
                typer.echo(json.dumps(_row(person.to_json(), rec.id, key), ensure_ascii=False))
            for note in result.notes:
                typer.echo(f"note{' ' + rec.id if rec.id else ''}: {note}", err=True)
    except InputError as exc:
        _fail(str(exc))


def _row(js: dict[str, Any], rid: str | None, key: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rid} if rid is not None else {}
    out.update({k: js.get(k) for k in _FIELDS})
    out["name_key"] = key
    out["spans"] = js["spans"]
    out["confidence"] = js["confidence"]
    return out


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
