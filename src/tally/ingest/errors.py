"""Errors that name the place in the input where things went wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RowProblem:
    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class InputError(ValueError):
    """Bad input: the whole import is refused and nothing is stored."""

    def __init__(self, problem: RowProblem, hint: str = "") -> None:
        self.problem = problem
        self.hint = hint
        super().__init__(str(problem) + (f" ({hint})" if hint else ""))


def problem(path: Path, line: int | None, column: str | None, message: str) -> RowProblem:
    return RowProblem(path.name, line, column, message)
