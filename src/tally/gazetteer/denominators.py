"""Per-capita denominators: the shipped population table and a loader for other tables.

Shipped (``kind="population"``): the total population of each Russian federal subject at the
2010 All-Russian Population Census (Rosstat), counted on 14 October 2010. The figures were mapped
to ISO codes from the census table as republished by the cartogram-cpp project, with three rows
corrected to the census's own breakdown: Arkhangelsk Oblast without the Nenets Autonomous Okrug
(1,185,536), Tyumen Oblast without its two autonomous okrugs (1,340,608) and the Khanty-Mansi
Autonomous Okrug (1,532,243). The 83 figures add up to the census total for Russia,
142,856,536. Official statistics are not subject to copyright in Russia (Civil Code art. 1259).

Crimea, Sevastopol and the four regions claimed in 2022 have no figure in a Russian census of
2010; they are absent from the table, each with its reason in :func:`denominator_gaps`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tally.gazetteer.lookup import UnknownRegion, resolve
from tally.gazetteer.region import data_text, regions

_SOURCE_2010 = (
    "Rosstat, All-Russian Population Census 2010, total population by federal subject "
    "(via the cartogram-cpp republication; Arkhangelsk and Tyumen shown without their "
    "autonomous okrugs)"
)
_GAP_2014 = (
    "Ukrainian territory not covered by the 2010 Russian census "
    "(Ukraine's last census was in 2001)"
)
_GAP_2022 = "Ukrainian region not covered by any Russian census (claimed by Russia in 2022)"


@dataclass(frozen=True, slots=True)
class Denominator:
    """One region's denominator figure and what it is."""

    code: str
    value: int
    year: int
    counts: str
    """What is counted, e.g. "total population (2010 census)"."""
    source: str


class DenominatorFileError(ValueError):
    """A denominator file has rows that cannot be used; ``problems`` lists each one."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))


@cache
def _population_2010() -> dict[str, Denominator]:
    out: dict[str, Denominator] = {}
    for row in csv.DictReader(data_text("population_2010.csv").splitlines()):
        code = row["code"]
        out[code] = Denominator(
            code=code,
            value=int(row["population"]),
            year=2010,
            counts="total population (2010 census)",
            source=_SOURCE_2010,
        )
    return out


def denominators(kind: str = "population") -> dict[str, Denominator]:
    """Shipped denominators by region code. Only ``kind="population"`` is shipped."""
    if kind != "population":
        raise ValueError(f"no shipped denominator of kind {kind!r}; known kinds: 'population'")
    return dict(_population_2010())


def denominator_gaps(kind: str = "population") -> dict[str, str]:
    """Regions with no shipped figure of this kind, each with the reason."""
    have = denominators(kind)
    gaps: dict[str, str] = {}
    for r in regions():
        if r.code in have:
            continue
        gaps[r.code] = _GAP_2014 if r.is_annexed_2014 else _GAP_2022
    return gaps


def load_denominator_csv(
    path: str | Path,
    region_column: str,
    value_column: str,
    *,
    year: int | None = None,
    counts: str | None = None,
    source: str | None = None,
) -> dict[str, Denominator]:
    """Read a region → value table; every region name or code must resolve.

    Raises :class:`DenominatorFileError` naming the file, line and value of every row whose
    region is unknown or ambiguous, repeated, or whose value is not a non-negative number.
    """
    path = Path(path)
    problems: list[str] = []
    out: dict[str, Denominator] = {}
    lines: dict[str, int] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = {region_column, value_column} - set(reader.fieldnames or ())
        if missing:
            raise DenominatorFileError(path, [f"missing column(s): {', '.join(sorted(missing))}"])
        for row in reader:
            line = reader.line_num
            name = (row[region_column] or "").strip()
            raw = (row[value_column] or "").strip()
            try:
                code = resolve(name)
            except UnknownRegion as e:
                problems.append(f"line {line}: {region_column}={name!r}: {e}")
                continue
            try:
                value = int(float(raw.replace(" ", "").replace("\u00a0", "")))
                if value < 0:
                    raise ValueError(raw)
            except ValueError:
                problems.append(f"line {line}: {value_column}={raw!r} is not a count")
                continue
            if code in out:
                problems.append(
                    f"line {line}: {region_column}={name!r} is {code}, "
                    f"already given on line {lines[code]}"
                )
                continue
            lines[code] = line
            out[code] = Denominator(
                code=code,
                value=value,
                year=year or 0,
                counts=counts or value_column,
                source=source or str(path),
            )
    if problems:
        raise DenominatorFileError(path, problems)
    return out
