"""Generic person records (no Russian name model): a Splink configuration built from the columns.

For spreadsheets whose columns are ordinary person fields — ``given_name``, ``surname``,
``street`` (or ``address_1``), ``suburb``, ``postcode``, ``state``, ``date_of_birth``,
``soc_sec_id`` — such as the Febrl benchmark files. Each column present gets a comparison
(names: exact with term frequencies / Jaro-Winkler / Damerau-Levenshtein; identifiers and
codes: exact / one or two edits; dates: exact / one edit / transposed month and day); blocking
rules are pairs of columns, so a record with an error in one field is still found through
the others. Training is unsupervised (u by random sampling, m by EM), as for the name model.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import pandas as pd

NAME_COLUMNS = ("given_name", "surname")
TEXT_COLUMNS = ("street", "address_1", "address_2", "suburb")
CODE_COLUMNS = ("street_number", "postcode", "soc_sec_id")
DATE_COLUMNS = ("date_of_birth",)
EXACT_COLUMNS = ("state", "sex")
GENERIC_COLUMNS = (*NAME_COLUMNS, *TEXT_COLUMNS, *CODE_COLUMNS, *DATE_COLUMNS, *EXACT_COLUMNS)
#: Column pairs to block on, in order of preference; rules whose columns are missing are skipped.
BLOCK_PAIRS: tuple[tuple[str, ...], ...] = (
    ("given_name", "surname"),
    ("surname", "date_of_birth"),
    ("given_name", "date_of_birth"),
    ("soc_sec_id",),
    ("postcode", "surname"),
    ("postcode", "given_name"),
    ("street", "suburb"),
    ("address_1", "suburb"),
    ("date_of_birth", "postcode"),
)


def is_generic(columns: Sequence[str]) -> bool:
    """Does a table look like generic person records (a surname and at least two others)?"""
    cols = set(columns)
    return "surname" in cols and len(cols & set(GENERIC_COLUMNS)) >= 3


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip and lower-case text, empty strings to null, keep the generic columns."""
    out = pd.DataFrame({"unique_id": frame["unique_id"].astype("int64")})
    for col in GENERIC_COLUMNS:
        if col not in frame.columns:
            continue
        values = frame[col].astype("string").str.strip().str.lower()
        out[col] = values.where(values.str.len() > 0, None)
    if "source_dataset" in frame.columns:
        out["source_dataset"] = frame["source_dataset"].astype(str)
    return out


def _comparisons(columns: set[str]) -> list[Any]:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    out: list[Any] = []
    for col in NAME_COLUMNS:
        if col in columns:
            out.append(cl.CustomComparison(output_column_name=col, comparison_levels=[
                cll.NullLevel(col),
                cll.ExactMatchLevel(col, term_frequency_adjustments=True),
                cll.DamerauLevenshteinLevel(col, 1),
                cll.JaroWinklerLevel(col, 0.9),
                cll.JaroWinklerLevel(col, 0.7),
                cll.ElseLevel()]))
    if "given_name" in columns and "surname" in columns:
        out.append(cl.CustomComparison(output_column_name="swapped", comparison_levels=[
            cll.Or(cll.NullLevel("given_name"), cll.NullLevel("surname")),
            cll.CustomLevel("given_name_l = surname_r AND surname_l = given_name_r",
                            "names swapped"),
            cll.ElseLevel()]))
    for col in TEXT_COLUMNS:
        if col in columns:
            out.append(cl.CustomComparison(output_column_name=col, comparison_levels=[
                cll.NullLevel(col), cll.ExactMatchLevel(col),
                cll.DamerauLevenshteinLevel(col, 2), cll.JaroWinklerLevel(col, 0.8),
                cll.ElseLevel()]))
    for col in CODE_COLUMNS:
        if col in columns:
            out.append(cl.CustomComparison(output_column_name=col, comparison_levels=[
                cll.NullLevel(col), cll.ExactMatchLevel(col),
                cll.DamerauLevenshteinLevel(col, 1), cll.DamerauLevenshteinLevel(col, 2),
                cll.ElseLevel()]))
    for col in DATE_COLUMNS:
        if col in columns:
            out.append(cl.CustomComparison(output_column_name=col, comparison_levels=[
                cll.NullLevel(col), cll.ExactMatchLevel(col),
                cll.DamerauLevenshteinLevel(col, 1),
                cll.CustomLevel(f"substr({col}_l, 1, 4) = substr({col}_r, 1, 4)", "same year"),
                cll.DamerauLevenshteinLevel(col, 2),
                cll.ElseLevel()]))
    for col in EXACT_COLUMNS:
        if col in columns:
            out.append(cl.ExactMatch(col))
    return out


def _blocking(columns: set[str]) -> list[Any]:
    from splink import block_on

    return [block_on(*pair) for pair in BLOCK_PAIRS if set(pair) <= columns]


def link_generic(frames: Sequence[pd.DataFrame], threshold: float = 0.0,
                 seed: int = 7) -> pd.DataFrame:
    """Scored pairs (``unique_id_l``, ``unique_id_r``, ``match_probability``).

    One frame: deduplicate it; two or more: link them (pairs across frames only; give each
    frame a distinct ``source_dataset``). ``unique_id`` must be unique across frames.
    """
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    prepared = [prepare(f) for f in frames]
    columns = set.intersection(*(set(p.columns) for p in prepared)) - {"unique_id",
                                                                        "source_dataset"}
    blocking = _blocking(columns)
    if not blocking:
        raise ValueError("no blocking rule fits these columns; see link.generic.BLOCK_PAIRS")
    settings = SettingsCreator(
        link_type="dedupe_only" if len(prepared) == 1 else "link_only",
        comparisons=_comparisons(columns),
        blocking_rules_to_generate_predictions=blocking,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    api = DuckDBAPI()
    linker = Linker([api.register(p) for p in prepared], settings, log_level=logging.WARNING)
    deterministic: list[Any] = [block_on(*pair) for pair in BLOCK_PAIRS[:3]
                                if set(pair) <= columns]
    linker.training.estimate_probability_two_random_records_match(
        deterministic or blocking[:1], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    for rule in blocking[:3]:
        linker.training.estimate_parameters_using_expectation_maximisation(rule,
                                                                            max_pairs=1e6)
    predicted: Any = linker.inference.predict(threshold_match_probability=threshold,
                                              warning_mode="never")
    result: pd.DataFrame = predicted.as_pandas_dataframe()
    out = result[["unique_id_l", "unique_id_r", "match_probability"]].copy()
    out["unique_id_l"] = out["unique_id_l"].astype("int64")
    out["unique_id_r"] = out["unique_id_r"].astype("int64")
    return out
