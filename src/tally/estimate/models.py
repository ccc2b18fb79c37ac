"""Hierarchical log-linear models over J lists: terms, parsing, labels, design matrices.

A model is a set of interaction terms (sets of 2 or more list indices, 0-based); all main
effects are always present, and the set is closed downwards (*hierarchical*: if ``{0,1,2}``
is in, so are ``{0,1}``, ``{0,2}``, ``{1,2}``). The ``J``-way interaction is never estimable
from the ``2**J - 1`` observed cells, so it is refused.

Text forms accepted by :func:`parse_model` (case-insensitive for ``c1..cJ``):

* ``independence`` (or empty, or ``.``) — main effects only;
* ``c1:c2 + c1:c3`` — Rcapture style, ``cK`` is the K-th list; ``~ . + c1:c2`` also works;
* ``EXH:ABA + OSCE*HRW`` — list names, ``:`` or ``*`` between them;
* ``[12 13 123]`` or ``[12][13]`` — Ball/Fienberg style digit strings (J <= 9).

Terms are closed hierarchically: ``c1:c2:c3`` implies the three two-way terms.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Term = frozenset[int]


class ModelSpecError(ValueError):
    """A model description cannot be parsed or is not estimable."""


def hierarchical_closure(terms: Iterable[Iterable[int]]) -> frozenset[Term]:
    """All interaction sub-terms (size >= 2) of the given terms."""
    closed: set[Term] = set()
    for term in terms:
        items = sorted(set(term))
        for r in range(2, len(items) + 1):
            closed.update(frozenset(c) for c in itertools.combinations(items, r))
    return frozenset(closed)


def _term_key(term: Term) -> tuple[int, tuple[int, ...]]:
    return (len(term), tuple(sorted(term)))


@dataclass(frozen=True)
class LogLinearModel:
    """A hierarchical log-linear model: main effects plus ``terms`` (closed downwards)."""

    n_lists: int
    terms: frozenset[Term]

    def __post_init__(self) -> None:
        for term in self.terms:
            if len(term) < 2 or not all(0 <= i < self.n_lists for i in term):
                raise ModelSpecError(f"bad term {sorted(term)} for {self.n_lists} lists")
            if len(term) >= self.n_lists:
                raise ModelSpecError(
                    f"the {self.n_lists}-way interaction is not estimable from the observed cells"
                )
        if hierarchical_closure(self.terms) != self.terms:
            raise ModelSpecError("terms are not hierarchical; use LogLinearModel.of()")

    @classmethod
    def of(cls, n_lists: int, terms: Iterable[Iterable[int]]) -> LogLinearModel:
        """Model with the hierarchical closure of ``terms``."""
        return cls(n_lists, hierarchical_closure(terms))

    @classmethod
    def independence(cls, n_lists: int) -> LogLinearModel:
        """Main effects only."""
        return cls(n_lists, frozenset())

    @property
    def sorted_terms(self) -> list[Term]:
        """Terms ordered by size then indices."""
        return sorted(self.terms, key=_term_key)

    @property
    def generators(self) -> list[Term]:
        """Maximal terms (those not contained in another term)."""
        return [t for t in self.sorted_terms if not any(t < other for other in self.terms)]

    @property
    def n_params(self) -> int:
        """Intercept + main effects + interaction terms."""
        return 1 + self.n_lists + len(self.terms)

    def label(self) -> str:
        """Ball-style label listing every interaction, e.g. ``[12 13 14 23 34 123]``."""
        if not self.terms:
            return "[independence]"
        digits = ("".join(str(i + 1) for i in sorted(t)) for t in self.sorted_terms)
        return "[" + " ".join(digits) + "]"

    def formula(self, lists: Sequence[str]) -> str:
        """Generators with list names, e.g. ``EXH*ABA*OSCE + EXH*HRW``; ``independence``."""
        if not self.terms:
            return "independence"
        return " + ".join("*".join(lists[i] for i in sorted(t)) for t in self.generators)

    def design(self, patterns: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Design matrix (intercept, main effects, interactions) for rows of 0/1 patterns."""
        cols = [np.ones(patterns.shape[0]), *(patterns[:, j] for j in range(self.n_lists))]
        cols.extend(np.prod(patterns[:, sorted(t)], axis=1) for t in self.sorted_terms)
        return np.column_stack(cols)


_DIGITS = re.compile(r"^\d{2,}$")
_CK = re.compile(r"^c(\d+)$", re.IGNORECASE)


def parse_model(text: str, lists: Sequence[str]) -> LogLinearModel:
    """Parse a model description (see module docstring) for the given list names."""
    n_lists = len(lists)
    body = text.strip().lstrip("~").strip()
    if body.lower() in ("", ".", "independence", "indep"):
        return LogLinearModel.independence(n_lists)
    body = body.replace("][", "] + [")
    chunks: list[str] = []
    for part in body.split("+"):
        part = part.strip()
        if part.startswith("[") and part.endswith("]"):
            chunks.extend(part[1:-1].split())
        elif part:
            chunks.append(part)
    terms: list[list[int]] = []
    for chunk in chunks:
        if chunk in (".", "") or chunk.lower() == "independence":
            continue
        if _DIGITS.match(chunk) and chunk not in lists:
            if n_lists > 9:
                raise ModelSpecError("digit-string terms need at most 9 lists")
            terms.append([_index(int(ch), n_lists, chunk) for ch in chunk])
            continue
        names = [n.strip() for n in re.split(r"[:*]", chunk)]
        if len(names) < 2:
            raise ModelSpecError(
                f"term {chunk!r} is a main effect or unknown; main effects are always included, "
                "interactions are written like c1:c2"
            )
        terms.append([_resolve(name, lists) for name in names])
    return LogLinearModel.of(n_lists, terms)


def _index(k: int, n_lists: int, where: str) -> int:
    if not 1 <= k <= n_lists:
        raise ModelSpecError(f"list number {k} in {where!r} is outside 1..{n_lists}")
    return k - 1


def _resolve(name: str, lists: Sequence[str]) -> int:
    if name in lists:
        return list(lists).index(name)
    match = _CK.match(name)
    if match:
        return _index(int(match.group(1)), len(lists), name)
    raise ModelSpecError(f"unknown list {name!r}; lists are {list(lists)} (or c1..c{len(lists)})")


def enumerate_hierarchical(
    n_lists: int, max_order: int, limit: int = 20000
) -> list[LogLinearModel]:
    """All hierarchical models whose interactions have order <= ``max_order`` (< ``n_lists``).

    For 4 lists and order 3 this is the 113 models of the classic analysis; for order 2 it is
    the ``2**C(J,2)`` graphical-pairwise models. Raises if more than ``limit`` models.
    """
    max_order = min(max_order, n_lists - 1)
    families: list[frozenset[Term]] = [frozenset()]
    for order in range(2, max_order + 1):
        grown: list[frozenset[Term]] = []
        for fam in families:
            eligible = [
                frozenset(c)
                for c in itertools.combinations(range(n_lists), order)
                if all(frozenset(s) in fam for s in itertools.combinations(c, order - 1))
                or order == 2
            ]
            for r in range(len(eligible) + 1):
                for chosen in itertools.combinations(eligible, r):
                    grown.append(fam | frozenset(chosen))
                    if len(grown) > limit:
                        raise ModelSpecError(
                            f"more than {limit} hierarchical models for {n_lists} lists up to "
                            f"order {max_order}; lower the order or give a model"
                        )
        families = grown
    return [LogLinearModel(n_lists, fam) for fam in families]
