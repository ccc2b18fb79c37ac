"""The probabilistic model: Splink comparisons and blocking over :mod:`tally.link.features`.

Comparisons (each level's m and u are learned without labels):

* surname — exact (term-frequency weighted: common surnames count less), same phonetic
  skeleton, one edit apart (a typo), Jaro-Winkler ≥ 0.92 / ≥ 0.8, swapped with the given name;
* given name — exact (term-frequency weighted), same full name behind a diminutive or
  regional form, one edit apart, Jaro-Winkler ≥ 0.9, initial against a name, swapped with
  the surname;
* patronymic — optional: missing on either side is neutral;
* birth — same day; full dates one digit off or with day and month swapped (a typo); full
  dates that differ otherwise (evidence against, m fixed); narrow birth-year ranges (from a
  date, or from age and death year) overlap; ±1; wide ranges (age without a death date)
  overlap; ±3 years;
* death date — ±10 days at day precision; overlapping months; overlapping years (±10 days);
  within 90 days;
* region and unit — supporting evidence.

Settings are built per backend from this one description (a model saved on DuckDB does not
load on Spark); trained parameters travel as plain numbers (:class:`Params`).
"""

from __future__ import annotations

from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.comparison_creator import ComparisonCreator

from tally.link.features import FEATURE_COLUMNS

Params = dict[str, Any]  # {"lambda": float, "levels": {comparison: [[m, u], ...]}}

_DEATH_MONTH = "l.death_month = r.death_month"
_PREFIX2 = "substr(l.surname, 1, 2) = substr(r.surname, 1, 2)"
# Every rule joins on a name key *and* one more fact, so no block grows with the square of a
# common name's share: "surname + first initial" alone gave 11 M pairs at 100k mentions on
# the old synthetic pool and ~116 M at 1M on a realistic one (benchmarks/link_blocking.py).
BLOCKING_RULES: tuple[str, ...] = (
    # the phonetic skeleton of the surname (it contains the exact key and bridges
    # transliterations) + the first initial + one more fact
    "l.surname_coarse = r.surname_coarse AND l.init0 = r.init0 AND l.birth_lo = r.birth_lo",
    f"l.surname_coarse = r.surname_coarse AND l.init0 = r.init0 AND {_DEATH_MONTH}",
    "l.surname_coarse = r.surname_coarse AND l.init0 = r.init0 AND l.region = r.region",
    "l.surname_coarse = r.surname_coarse AND l.init0 = r.init0"
    " AND l.patr_initial = r.patr_initial",
    # the name alone, where it is rare enough to mean something (see NAME_BLOCK_MAX)
    "l.name_block = r.name_block",
    "l.canon0 = r.canon0 AND l.patronymic = r.patronymic AND l.birth_lo = r.birth_lo",
    "l.canon0 = r.canon0 AND l.birth_day = r.birth_day",
    "l.canon0 = r.canon0 AND l.death_lo = r.death_lo AND l.region = r.region",
    # a typo in the surname: the rest of the name, or a date, and the surname's first letters
    f"l.canon0 = r.canon0 AND l.patronymic = r.patronymic AND {_PREFIX2}",
    f"l.canon0 = r.canon0 AND l.birth_lo = r.birth_lo AND {_PREFIX2}",
    f"l.canon0 = r.canon0 AND {_DEATH_MONTH} AND {_PREFIX2}",
    "l.canon0 = r.canon0 AND l.patronymic = r.patronymic AND l.region = r.region",
    # a typo in the given name: surname, patronymic and a date
    "l.surname = r.surname AND l.patronymic = r.patronymic AND l.birth_lo = r.birth_lo",
    f"l.surname = r.surname AND l.patronymic = r.patronymic AND {_DEATH_MONTH}",
    "l.surname = r.given AND l.given = r.surname",
)
#: A mention with nothing but a name (no birth, death month, region or patronymic shared with
#: the other) is compared on the name alone — only when at most this many mentions carry that
#: name (surname skeleton + full given name). With more, the name alone can never reach the
#: match threshold (term frequencies), and the block would grow with the square of the
#: collection (30 M pairs at 1M mentions).
NAME_BLOCK_MAX = 25


def name_blocks(frame: Any) -> Any:
    """The ``name_block`` column: ``surname_coarse|canon0`` where that name is rare enough."""
    key = frame["surname_coarse"].astype("string") + "|" + frame["canon0"].astype("string")
    counts = key.map(key.value_counts())
    return key.where(counts <= NAME_BLOCK_MAX)


# EM training passes: each estimates the comparisons its rule does not use.
TRAINING_RULES: tuple[str, ...] = (
    'l.surname = r.surname AND l.canon0 = r.canon0',
    'l.birth_lo = r.birth_lo AND l.death_lo = r.death_lo',
)
DETERMINISTIC_RULES: tuple[str, ...] = (
    'l.surname = r.surname AND l.canon0 = r.canon0 AND l.birth_lo = r.birth_lo',
    'l.surname = r.surname AND l.canon0 = r.canon0 AND l.death_lo = r.death_lo',
)


def _level(sql: str, label: str) -> cll.CustomLevel:
    return cll.CustomLevel(sql, label)


#: m of "the dates disagree beyond every tolerance": fixed, not learned. EM on blocks full of
#: namesakes learned ~0.006 (true matches 1 in 160 with birth years 4+ apart), which let
#: single-linkage chain two namesakes with different birth years through one vague mention.
#: 1e-3 still allows for a mistyped year in a real list.
CONFLICT_M = 1e-3


def _conflict() -> cll.ElseLevel:
    level = cll.ElseLevel()
    level.configure(m_probability=CONFLICT_M, fix_m_probability=True,
                    label_for_charts="conflict")
    return level


#: Both birth dates are full and disagree beyond a typo: m fixed, not learned (EM on blocks of
#: namesakes takes their different dates for matches, as for the conflict levels). Rough: a
#: real list's date is sometimes wrong outright, so ~1 true pair in 100, not 1 in 1,000.
FULL_DATES_DIFFER_M = 1e-2
_SWAPPED = ("substr(birth_day_l, 1, 4) = substr(birth_day_r, 1, 4)"
            " AND substr(birth_day_l, 6, 2) = substr(birth_day_r, 9, 2)"
            " AND substr(birth_day_l, 9, 2) = substr(birth_day_r, 6, 2)")


def _full_dates_differ() -> cll.CustomLevel:
    level = _level("birth_day_l IS NOT NULL AND birth_day_r IS NOT NULL", "full dates differ")
    level.configure(m_probability=FULL_DATES_DIFFER_M, fix_m_probability=True)
    return level


#: Surname and given name in each other's columns: m fixed, not learned. Features put most
#: swapped columns right (``features._swapped``), so EM sees the level too rarely to learn it
#: (it learned 6e-323 on one corpus, which Splink refuses); about 1 true pair in 200 keeps a
#: swap that could not be recognised.
SWAPPED_M = 5e-3


def _swapped() -> cll.CustomLevel:
    level = _level("surname_l = given_r AND given_l = surname_r", "swapped")
    level.configure(m_probability=SWAPPED_M, fix_m_probability=True)
    return level


def _surname() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="surname",
        comparison_levels=[
            cll.NullLevel("surname"),
            cll.ExactMatchLevel("surname", term_frequency_adjustments=True),
            _swapped(),
            cll.ExactMatchLevel("surname_coarse"),
            cll.LevenshteinLevel("surname", 1),
            cll.JaroWinklerLevel("surname", 0.92),
            cll.JaroWinklerLevel("surname", 0.8),
            cll.ElseLevel(),
        ],
    )


def _given() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="given",
        comparison_levels=[
            cll.NullLevel("given_initials"),
            cll.ExactMatchLevel("given", term_frequency_adjustments=True),
            cll.ArrayIntersectLevel("given_canon", 1),
            _swapped(),
            cll.LevenshteinLevel("given", 1),
            cll.JaroWinklerLevel("given", 0.9),
            cll.And(
                cll.Or(cll.NullLevel("given"), cll.NullLevel("given_canon")),
                cll.ArrayIntersectLevel("given_initials", 1),
            ).configure(label_for_charts="initial agrees"),
            cll.ElseLevel(),
        ],
    )


def _patronymic() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="patronymic",
        comparison_levels=[
            cll.NullLevel("patr_initial"),
            cll.ExactMatchLevel("patronymic"),
            cll.JaroWinklerLevel("patronymic", 0.9),
            _level("(patronymic_l IS NULL OR patronymic_r IS NULL) "
                   "AND patr_initial_l = patr_initial_r", "initial agrees"),
            cll.ElseLevel(),
        ],
    )


def _birth() -> ComparisonCreator:
    def near(years: int) -> str:
        return f"birth_lo_l <= birth_hi_r + {years} AND birth_lo_r <= birth_hi_l + {years}"

    narrow = "birth_hi_l - birth_lo_l <= 1 AND birth_hi_r - birth_lo_r <= 1"
    return cl.CustomComparison(
        output_column_name="birth",
        comparison_levels=[
            cll.NullLevel("birth_lo"),
            cll.ExactMatchLevel("birth_day"),
            _level(f"levenshtein(birth_day_l, birth_day_r) <= 1 OR ({_SWAPPED})",
                   "one digit off or day and month swapped"),
            _full_dates_differ(),
            _level(f"{narrow} AND {near(0)}", "years agree"),
            _level(f"{narrow} AND {near(1)}", "within 1 year"),
            _level(near(0), "wide ranges overlap"),
            _level(near(3), "within 3 years"),
            _conflict(),
        ],
    )


def _death() -> ComparisonCreator:
    def near(days: int) -> str:
        return f"death_lo_l <= death_hi_r + {days} AND death_lo_r <= death_hi_l + {days}"

    return cl.CustomComparison(
        output_column_name="death",
        comparison_levels=[
            cll.NullLevel("death_lo"),
            _level(f"death_prec_l = 'day' AND death_prec_r = 'day' AND {near(10)}",
                   "within 10 days"),
            _level(f"death_prec_l <> 'year' AND death_prec_r <> 'year' AND {near(10)}",
                   "months agree"),
            _level(near(10), "years agree"),
            _level(near(90), "within 90 days"),
            _conflict(),
        ],
    )


def _region() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="region",
        comparison_levels=[cll.NullLevel("region"), cll.ExactMatchLevel("region"),
                           cll.ElseLevel()],
    )


def _unit() -> ComparisonCreator:
    return cl.CustomComparison(
        output_column_name="unit",
        comparison_levels=[cll.NullLevel("unit"), cll.ExactMatchLevel("unit"),
                           cll.JaroWinklerLevel("unit", 0.88), cll.ElseLevel()],
    )


def comparisons() -> list[ComparisonCreator | dict[str, Any]]:
    return [_surname(), _given(), _patronymic(), _birth(), _death(), _region(), _unit()]


def settings(blocking: tuple[str, ...] = BLOCKING_RULES) -> SettingsCreator:
    """The model description, the same for every backend."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=[block_on_sql(r) for r in blocking],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
        additional_columns_to_retain=["grp"],
    )


def block_on_sql(rule: str) -> Any:
    return CustomRule(rule)


def settings_dict(dialect: str, params: Params | None = None,
                  blocking: tuple[str, ...] = BLOCKING_RULES) -> dict[str, Any]:
    """Splink settings for ``dialect`` ("duckdb", "spark"), with trained values if given."""
    out = settings(blocking).create_settings_dict(dialect)
    if params is not None:
        apply_params(out, params)
    return out


def extract_params(model: dict[str, Any]) -> Params:
    """The trained numbers of a Splink settings dict (``linker.misc.save_model_to_json()``)."""
    levels: dict[str, list[list[float | None]]] = {}
    for comp in model["comparisons"]:
        levels[comp["output_column_name"]] = [
            [steady(v) for v in _neutral_if_untrained(lvl)]
            for lvl in comp["comparison_levels"]
        ]
    return {"lambda": steady(model["probability_two_random_records_match"]),
            "levels": levels}


#: Significant digits kept of each trained probability (see :func:`steady`).
DIGITS = 8


def steady(value: float | None) -> float | None:
    """``value`` to :data:`DIGITS` significant digits.

    DuckDB sums EM's expectations over threads in whatever order they finish, so two trainings
    on the same data differ in the last bits (~1e-15 relative), and a pair whose probability
    sat on the clustering threshold could flip between runs. Rounded, both runs keep the same
    numbers (unless a value straddles a rounding boundary, ~1e-7 per value); 8 digits are far
    finer than anything EM can tell apart.
    """
    if value is None or value == 0.0:
        return value
    return float(f"{value:.{DIGITS - 1}e}")


#: No single comparison level may count more than 2**-MAX_AGAINST against a match: EM can
#: drive m of a rarely seen level to ~0 (one learned 2**-46 for "similar unit name").
MAX_AGAINST = 14


def _neutral_if_untrained(level: dict[str, Any]) -> list[float | None]:
    """[m, u] of a level; a level never seen in training gets m = u (no evidence either way)."""
    if level.get("is_null_level"):
        return [None, None]
    m, u = level.get("m_probability"), level.get("u_probability")
    if m is None and u is None:
        return [1e-3, 1e-3]
    if m is None:
        return [u, u]
    if u is None:
        return [m, m]
    u = max(u, PROBABILITY_FLOOR)
    return [max(m, u * 2.0 ** -MAX_AGAINST, PROBABILITY_FLOOR), u]


#: Smallest m or u kept: a level EM and sampling almost never saw (a "swapped names" level on
#: data where swapped columns were already put right) can come out near 1e-320, which Splink
#: refuses (below 1e-300) and which says nothing either way; floored, such a level is neutral.
PROBABILITY_FLOOR = 1e-12


def fits(params: Params) -> bool:
    """Do trained parameters fit the current comparisons (same levels)?"""
    model = settings().create_settings_dict("duckdb")
    levels = params.get("levels", {})
    return all(len(levels.get(c["output_column_name"], ())) == len(c["comparison_levels"])
               for c in model["comparisons"])


def apply_params(model: dict[str, Any], params: Params) -> None:
    model["probability_two_random_records_match"] = params["lambda"]
    for comp in model["comparisons"]:
        values = params["levels"].get(comp["output_column_name"])
        if values is None or len(values) != len(comp["comparison_levels"]):
            raise ValueError(f"trained model does not fit comparison {comp['output_column_name']}")
        for lvl, (m, u) in zip(comp["comparison_levels"], values, strict=True):
            if m is not None:
                lvl["m_probability"] = m
            if u is not None:
                lvl["u_probability"] = u


__all__ = [
    "BLOCKING_RULES",
    "DETERMINISTIC_RULES",
    "FEATURE_COLUMNS",
    "TRAINING_RULES",
    "Params",
    "apply_params",
    "block_on",
    "extract_params",
    "fits",
    "settings",
    "settings_dict",
]
