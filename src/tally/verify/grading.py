"""The grading engine: a person's evidence and reviewer decisions -> grades, with reasons.

Pure functions (no database): :mod:`tally.verify.grade` gathers the evidence and writes the
result. Order of precedence for the person: a reviewer's discount, a reviewer's confirmation,
a conflict on the death itself (or on a key fact), confirmation by the evidence, else reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tally.model import Grade, PartialDate
from tally.verify.evidence import Evidence
from tally.verify.independence import groups as independent_groups
from tally.verify.rules import Rules


@dataclass(frozen=True)
class Review:
    """The newest active reviewer decision on a person (confirm or discount)."""

    kind: str
    user: str
    reason: str | None = None


@dataclass(frozen=True)
class FactGrade:
    prop: str
    grade: Grade
    value: str | None
    reason: str


@dataclass(frozen=True)
class PersonGrade:
    grade: Grade
    reason: str
    facts: dict[str, FactGrade] = field(default_factory=dict)
    n_independent: int = 0


def compatible(prop: str, a: str, b: str) -> bool:
    """Do two values of a fact agree? Partial dates agree when one refines the other."""
    if prop.endswith("_date"):
        try:
            da, db = PartialDate.parse(a), PartialDate.parse(b)
        except ValueError:
            return a.strip() == b.strip()
        short, long_ = sorted((str(da), str(db)), key=len)
        return long_.startswith(short)
    return a.strip().casefold() == b.strip().casefold()


def denies(ev: Evidence, rules: Rules) -> bool:
    """Does the text around this mention's name say the person is alive or captured?"""
    pattern = rules.denial
    if pattern is None or not ev.text:
        return False
    if ev.name_span is None:
        window = ev.text
    else:
        start, end = ev.name_span
        window = ev.text[max(0, start - rules.denial_window):end + rules.denial_window]
    return pattern.search(window) is not None


def _confirming(groups: Sequence[Sequence[Evidence]], rules: Rules) -> str | None:
    """Why these independent sources confirm something, or None."""
    conf = rules.confirmation
    if conf.confirming_type:
        types = rules.confirming_types()
        hits = sorted({e.source_type for g in groups for e in g if e.source_type in types})
        if hits:
            return f"reported by a source of type {hits[0]}"
    if conf.confirming_list and any(e.source_confirms for g in groups for e in g):
        return "on a list whose compilers confirmed each death"
    if len(groups) >= conf.independent_sources:
        return f"reported by {len(groups)} independent sources"
    return None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def grade_fact(prop: str, groups: Sequence[Sequence[Evidence]], rules: Rules,
               correction: tuple[str, str] | None = None) -> FactGrade | None:
    """The grade of one fact; None when no evidence states it. ``correction``: (value, user)."""
    if correction is not None:
        return FactGrade(prop, Grade.CONFIRMED, correction[0],
                         f"corrected by reviewer {correction[1]}")
    stating = [g for g in groups if any(prop in e.facts for e in g)]
    if not stating:
        return None
    values: list[str] = []
    support: dict[str, int] = {}
    for g in stating:
        for v in dict.fromkeys(e.facts[prop] for e in g if prop in e.facts):
            if v not in support:
                values.append(v)
            support[v] = support.get(v, 0) + 1
    conflicts = [(a, b) for i, a in enumerate(values) for b in values[i + 1:]
                 if not compatible(prop, a, b)]
    if conflicts:
        shown = "; ".join(f"{v} ({_plural(support[v], 'source')})" for v in values)
        return FactGrade(prop, Grade.CONTESTED, None, f"sources disagree: {shown}")
    best = max(values, key=lambda v: (len(v), support[v]))
    why = _confirming(stating, rules)
    if why is not None:
        return FactGrade(prop, Grade.CONFIRMED, best, why)
    return FactGrade(prop, Grade.REPORTED, best, _unconfirmed(len(stating), rules))


def grade_person(
    evidence: Sequence[Evidence],
    rules: Rules,
    review: Review | None = None,
    corrections: Mapping[str, tuple[str, str]] | None = None,
) -> PersonGrade:
    """Grade one person from its (not discounted) evidence and the reviewers' decisions."""
    corrections = corrections or {}
    groups = independent_groups(evidence, rules.independence)
    facts: dict[str, FactGrade] = {}
    for prop in rules.graded_facts:
        fg = grade_fact(prop, groups, rules, corrections.get(prop))
        if fg is not None:
            facts[prop] = fg
    n = len(groups)

    def result(grade: Grade, reason: str) -> PersonGrade:
        return PersonGrade(grade, reason, facts, n)

    if review is not None and review.kind == "discount":
        return result(Grade.DISCOUNTED, _by("discounted", review))
    if not groups:  # a reviewer's confirmation needs something to confirm
        return result(
            Grade.DISCOUNTED,
            "no evidence left: every mention was discounted, or retired by re-extraction"
            + (f" (a confirmation by {review.user} is kept, with nothing to apply to)"
               if review is not None else ""),
        )
    denying = [g for g in groups if any(denies(e, rules) for e in g)]
    contested_facts = [p for p in rules.key_facts
                       if p in facts and facts[p].grade is Grade.CONTESTED]
    conflict = None
    if denying:
        conflict = (f"sources conflict on the death itself: {n - len(denying)} of {n} "
                    f"independent sources report it, {len(denying)} say alive, captured or "
                    "missing")
    elif contested_facts:
        conflict = f"sources conflict on {', '.join(contested_facts)}"
    if review is not None and review.kind == "confirm" and rules.confirmation.reviewer:
        return result(Grade.CONFIRMED, _by("confirmed", review)
                      + (f" (note: {conflict})" if conflict else ""))
    if conflict:
        return result(Grade.CONTESTED, conflict)
    why = _confirming(groups, rules)
    if why is not None:
        return result(Grade.CONFIRMED, why)
    return result(Grade.REPORTED, _unconfirmed(n, rules))


def _unconfirmed(n: int, rules: Rules) -> str:
    if n == 1:
        return "a single unconfirmed source"
    return (f"{n} independent sources, no confirming one "
            f"({rules.confirmation.independent_sources} needed)")


def _by(verb: str, review: Review) -> str:
    text = f"{verb} by reviewer {review.user}"
    return f"{text}: {review.reason}" if review.reason else text
