"""Any result as a flat table (header + rows of plain values), for CSV, terminals and HTML.

Missing values are explicit: the persons without a value are an ``unknown`` row, and a rate
without a denominator is the text ``no denominator``.
"""

from __future__ import annotations

from tally.stats.results import CrossTab, Headline, RateTable, Tally

Cell = str | int | float | None
NO_DENOMINATOR = "no denominator"
UNKNOWN_ROW = "unknown"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def flat(result: Tally | RateTable | CrossTab | Headline) -> tuple[list[str], list[list[Cell]]]:
    if isinstance(result, Headline):
        return ["grade", "persons"], [[g, n] for g, n in result.by_grade.items()]
    if isinstance(result, CrossTab):
        header = [result.rows_dimension, *result.col_keys, "total"]
        rows: list[list[Cell]] = []
        for key in result.row_keys:
            cells = [result.cell(key, c) for c in result.col_keys]
            rows.append([key, *cells, sum(cells)])
        return header, rows
    if isinstance(result, RateTable):
        header = [result.dimension, "persons", "denominator", f"rate per {result.per:,}",
                  "95% low", "95% high"]
        rows = []
        for r in result.rows:
            if r.rate is None:
                rows.append([r.key, r.count, NO_DENOMINATOR, NO_DENOMINATOR, None, None])
            else:
                rows.append([r.key, r.count, r.denominator, _round(r.rate), _round(r.low),
                             _round(r.high)])
        rows.append([UNKNOWN_ROW, result.unknown, None, None, None, None])
        return header, rows
    rows = [[r.key, r.count] for r in result.rows]
    rows.append([UNKNOWN_ROW, result.unknown])
    return [result.dimension, "persons"], rows
