"""``tally dedupe``: find the persons in one spreadsheet, no store needed.

Input columns: ``id`` and any of ``full_name, last_name, first_name, patronymic, birth_date,
death_date, age, region, settlement, unit, source``. Output: the input plus ``person_id`` (the
smallest ``id`` in the cluster's order of appearance, as a 1-based cluster number) and
``match_probability`` (the strongest link to another row of the same person; empty when
alone). Rows with a ``source`` marked distinct are never merged with each other.

A table without Russian name columns but with generic person columns (``given_name``,
``surname``, ``date_of_birth``, ``postcode``, …, as in Febrl) goes through
:mod:`tally.link.generic` instead.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pandas as pd

from tally.link import cells, clusters, engine, features, generic, scoring
from tally.link.files import default_params
from tally.link.run import MATCH_THRESHOLD, MIN_TRAINING_ROWS, best_probability, cluster

INPUT_COLUMNS = ("id", "full_name", "last_name", "first_name", "patronymic", "birth_date",
                 "death_date", "age", "region", "settlement", "unit", "source")


class DedupeError(ValueError):
    """The input cannot be deduplicated as given."""


def dedupe_frame(frame: pd.DataFrame, *, threshold: float = MATCH_THRESHOLD,
                 engine_name: engine.Engine = "duckdb",
                 distinct_sources: Collection[str] = ()) -> pd.DataFrame:
    if "id" not in frame.columns:
        raise DedupeError("the input needs an 'id' column")
    if frame["id"].duplicated().any():
        raise DedupeError("values in the 'id' column must be unique")
    names = {"full_name", "last_name"} & set(frame.columns)
    if not names and generic.is_generic(list(frame.columns)):
        return _dedupe_generic(frame, threshold)
    if not names:
        raise DedupeError("the input needs a 'full_name' or 'last_name' column (or generic "
                          "person columns: given_name, surname, date_of_birth, ...)")
    records = []
    for i, row in enumerate(frame.to_dict("records")):
        rec = {k: row.get(k) for k in INPUT_COLUMNS if k in frame.columns}
        rec["unique_id"] = i
        source = row.get("source")
        rec["grp"] = (sorted(distinct_sources).index(source)
                      if source in distinct_sources else None)
        records.append(rec)
    feats = features.build(records, lemmatize=True)
    named = int(feats["surname"].notna().sum())
    params = (engine.train(feats, engine=engine_name) if named >= MIN_TRAINING_ROWS
              else default_params())
    pairs = scoring.score(feats, params, threshold, engine=engine_name)
    items = {int(r["unique_id"]): r["grp"] for r in records}
    groups = sorted(cluster(items, [], [], pairs, threshold), key=min)
    person = {m: n for n, g in enumerate(groups, start=1) for m in g}
    prob = best_probability(pairs, groups)
    out = frame.copy()
    out["person_id"] = [person[i] for i in range(len(frame))]
    out["match_probability"] = [round(prob[i], 4) if i in prob else None
                                for i in range(len(frame))]
    return out


def _dedupe_generic(frame: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Generic person records (:mod:`tally.link.generic`): no Russian name model."""
    records = frame.copy()
    records["unique_id"] = range(len(frame))
    pairs = generic.link_generic([records])
    strong = pairs[pairs["match_probability"] >= threshold]
    items: dict[int, int | None] = dict.fromkeys(range(len(frame)))
    groups = sorted(clusters.build(items, [], [], strong.itertuples(index=False, name=None))
                    .groups(), key=min)
    person = {m: n for n, g in enumerate(groups, start=1) for m in g}
    prob = best_probability(pairs, groups)
    out = frame.copy()
    out["person_id"] = [person[i] for i in range(len(frame))]
    out["match_probability"] = [round(prob[i], 4) if i in prob else None
                                for i in range(len(frame))]
    return out


def read_table(src: Path) -> pd.DataFrame:
    """A CSV/TSV/XLSX/JSON(L) table as text cells, empty cells as None.

    Read as list imports are (:func:`tally.ingest.readers.read_rows`): UTF-8 with or without a
    BOM, cp1251 or KOI8-R; comma, semicolon or tab; a malformed file raises
    :class:`~tally.ingest.errors.InputError` naming the line.
    """
    from tally.ingest.readers import read_rows

    header, rows = read_rows(src)
    records = [[row.values.get(h) or None for h in header] for row in rows]
    return pd.DataFrame(records, columns=header, dtype=object)


def _column_key(name: str) -> str:
    """``Full Name``, ``full-name``, `` FULL_NAME`` → ``full_name``."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def input_notes(frame: pd.DataFrame) -> list[str]:
    """Cells of the date and age columns that cannot be read (they are left out)."""
    readers = {"birth_date": cells.iso_date, "death_date": cells.iso_date,
               "age": cells.age_years}
    notes = []
    for column, reader in readers.items():
        if column in frame.columns:
            note = cells.unreadable(column, frame[column].tolist(), reader)
            if note:
                notes.append(note)
    return notes


def dedupe_csv(src: Path, dest: Path, **kwargs: object) -> tuple[pd.DataFrame, list[str]]:
    """Deduplicate the table in ``src`` into ``dest``; returns it and notes for the user.

    Column names are matched without regard to case, spaces or hyphens (``Full Name`` is
    ``full_name``); the output keeps the input's own names.
    """
    frame = read_table(src)
    keys = [_column_key(c) for c in frame.columns]
    if len(set(keys)) < len(keys):
        raise DedupeError(f"two columns have the same name once case and spaces are ignored: "
                          f"{list(frame.columns)}")
    work = frame.set_axis(keys, axis=1)
    out = dedupe_frame(work, **kwargs)  # type: ignore[arg-type]
    out = out.set_axis([*frame.columns, *out.columns[len(keys):]], axis=1)
    out.to_csv(dest, index=False)
    return out, input_notes(work)
