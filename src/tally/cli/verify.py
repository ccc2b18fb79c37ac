"""``tally user``, ``tally review queue``, ``tally confirm``, ``tally discount``,
``tally evidence export|verify``."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from tally.auth.policy import Role
from tally.cli.common import console, fail, store

user_app = typer.Typer(help="Users and their roles (admin, reviewer, viewer).",
                       no_args_is_help=True)
review_app = typer.Typer(help="The review queue of uncertain pairs.", no_args_is_help=True)
evidence_app = typer.Typer(help="Evidence packages: one person and all its evidence, "
                                "checkable offline.", no_args_is_help=True)

Actor = Annotated[str, typer.Option("--by", help="Who does it (recorded in the audit log)")]


def _password(given: str | None) -> str:
    if given:
        return given
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise fail("the passwords differ")
    return first


def user_add(
    username: str, role: Annotated[Role, typer.Option(help="admin, reviewer or viewer")],
    password: Annotated[str | None, typer.Option(help="Read from the terminal when omitted")]
    = None, by: Actor = "cli",
) -> None:
    """Add a user."""
    from tally.auth import users
    from tally.auth.passwords import WeakPassword

    s = store()
    try:
        with s.engine.begin() as conn:
            users.add(conn, username, _password(password), role, by)
    except (users.UserError, WeakPassword) as exc:
        raise fail(str(exc)) from exc
    console.print(f"[green]added[/] {username} as {role.value}", highlight=False)


def user_passwd(
    username: str,
    password: Annotated[str | None, typer.Option(help="Read from the terminal when omitted")]
    = None, by: Actor = "cli",
) -> None:
    """Set a user's password (ends the user's open sessions)."""
    from tally.auth import users
    from tally.auth.passwords import WeakPassword

    s = store()
    try:
        with s.engine.begin() as conn:
            users.set_password(conn, username, _password(password), by)
    except (users.UserError, WeakPassword) as exc:
        raise fail(str(exc)) from exc
    console.print(f"[green]password set[/] for {username}", highlight=False)


def user_role(username: str, role: Role, by: Actor = "cli") -> None:
    """Change a user's role (ends the user's open sessions)."""
    from tally.auth import users

    s = store()
    try:
        with s.engine.begin() as conn:
            users.set_role(conn, username, role, by)
    except users.UserError as exc:
        raise fail(str(exc)) from exc
    console.print(f"[green]{username}[/] is now {role.value}", highlight=False)


def review_queue(limit: Annotated[int, typer.Option(min=1, max=10_000)] = 20) -> None:
    """List the undecided uncertain pairs, most uncertain first."""
    from rich.table import Table

    from tally.verify.queue import pending_pairs
    from tally.verify.workspace import pair_view

    s = store()
    table = Table("mention a", "mention b", "p", "a", "b", "disagree")
    with s.engine.connect() as conn:
        pairs = pending_pairs(conn, limit)
        for p in pairs:
            v = pair_view(conn, p.mention_a, p.mention_b, p.probability, redacted=True)
            if v is None:
                continue
            table.add_row(str(p.mention_a), str(p.mention_b),
                          "—" if p.probability is None else f"{p.probability:.2f}",
                          str(v.a.facts.get("full_name") or v.a.facts.get("last_name", "")),
                          str(v.b.facts.get("full_name") or v.b.facts.get("last_name", "")),
                          ", ".join(d[0] for d in v.disagree))
    console.print(table)
    console.print(f"{len(pairs)} pair(s) waiting; review them at /review/queue")


def _decide(kind: str, person: int, reason: str | None, by: str) -> None:
    from tally.verify import decisions

    s = store()
    try:
        with s.engine.begin() as conn:
            decisions.record(conn, kind, by, person_id=person, reason=reason)
    except decisions.DecisionError as exc:
        raise fail(str(exc)) from exc
    with s.engine.connect() as conn:
        from sqlalchemy import select

        from tally.store.schema import persons

        row = conn.execute(select(persons.c.grade, persons.c.grade_reason)
                           .where(persons.c.id == person)).one()
    console.print(f"person {person}: [bold]{row.grade}[/] — {row.grade_reason}", highlight=False)


def confirm(person: int, reason: Annotated[str | None, typer.Option()] = None,
            by: Actor = "cli") -> None:
    """Confirm a person's death (a Decision; the grade is recomputed)."""
    _decide("confirm", person, reason, by)


def discount(person: int, reason: Annotated[str, typer.Option(help="Why it is wrong")],
             by: Actor = "cli") -> None:
    """Discount a person (shown wrong; kept with the reason, never counted)."""
    _decide("discount", person, reason, by)


def evidence_export(person: int, out: Path, by: Actor = "cli") -> None:
    """Write PERSON's evidence package (unredacted: for verification, not publication)."""
    from tally.verify.package import ExportError, export

    try:
        manifest = export(store(), person, out, by)
    except ExportError as exc:
        raise fail(str(exc)) from exc
    console.print(f"[green]wrote[/] {out}: {len(manifest['files'])} files", highlight=False)


def evidence_verify(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Check an evidence package offline; exit 1 and say what is wrong."""
    from tally.verify.package_check import check

    problems = check(file)
    for p in problems:
        console.print(f"[red]✗[/] {p}", highlight=False)
    if problems:
        raise fail(f"{file.name}: {len(problems)} problem(s)")
    console.print(f"[green]ok[/]: {file.name} is intact")


def register(app: typer.Typer) -> None:
    user_app.command("add")(user_add)
    user_app.command("passwd")(user_passwd)
    user_app.command("role")(user_role)
    app.add_typer(user_app, name="user")
    review_app.command("queue")(review_queue)
    app.add_typer(review_app, name="review")
    app.command()(confirm)
    app.command()(discount)
    evidence_app.command("export")(evidence_export)
    evidence_app.command("verify")(evidence_verify)
    app.add_typer(evidence_app, name="evidence")
