"""Blocking rules and derived blocking keys of the linkage model."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.link import model


def _conditions(rule: str) -> list[str]:
    return [c.strip() for c in re.split(r"\bAND\b", rule)]


@pytest.mark.parametrize("rule", model.BLOCKING_RULES)
def test_every_rule_joins_a_name_key_and_one_more_fact(rule: str) -> None:
    conds = _conditions(rule)
    if rule in ("l.name_block = r.name_block", "l.surname = r.given AND l.given = r.surname",
                "l.canon0 = r.canon0 AND l.birth_day = r.birth_day"):
        return  # a capped name block; swapped names; a full birth date is near-unique
    assert len(conds) >= 3, rule


def test_name_blocks_only_for_rare_names() -> None:
    common = model.NAME_BLOCK_MAX + 1
    frame = pd.DataFrame({
        "surname_coarse": ["ivnv"] * common + ["zhdkv", "zhdkv", None],
        "canon0": ["aleksandr"] * common + ["aleksandr", "aleksandr", "oleg"],
    })
    keys = model.name_blocks(frame)
    assert keys.iloc[:common].isna().all()
    assert keys.iloc[common] == keys.iloc[common + 1] == "zhdkv|aleksandr"
    assert pd.isna(keys.iloc[-1])


def test_conflict_levels_have_a_fixed_small_m() -> None:
    settings = model.settings_dict("duckdb")
    for name in ("birth", "death"):
        comp = next(c for c in settings["comparisons"] if c["output_column_name"] == name)
        last = comp["comparison_levels"][-1]
        assert last["m_probability"] == model.CONFLICT_M
        assert last["fix_m_probability"] is True


def test_full_birth_dates_that_differ_count_against_a_match() -> None:
    from tally.link import engine, features
    from tally.link.files import default_params

    base = {"last_name": "Журавлёв", "first_name": "Пётр", "patronymic": "Ильич",
            "death_date": "2023-05-02", "region": "RU-KRS"}
    births = {1: "1990-05-12", 2: "1990-05-12", 3: "1990-05-13", 4: "1990-12-05",
              5: "1990", 6: "1990-08-03"}
    rows = [{**base, "unique_id": uid, "birth_date": b} for uid, b in births.items()]
    pairs = engine.predict(features.build(rows), default_params(), 0.0,
                           blocking=("l.surname = r.surname",))
    p = {(int(a), int(b)): float(q) for a, b, q in pairs.itertuples(index=False, name=None)}
    assert p[(1, 2)] > p[(1, 5)] > p[(1, 6)]  # same day > year only > another full date
    assert p[(1, 3)] > p[(1, 6)]  # one digit off: a typo
    assert p[(4, 6)] < p[(1, 5)]
    assert p[(1, 4)] > p[(1, 6)]  # 12 May / 5 December: day and month swapped


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two trainings on the same data (DuckDB sums EM's expectations in thread order)
        (0.09576037214209987, 0.0957603721421011),
        (0.7258945796687043, 0.7258945796686956),
        (0.00045185991110100235, 0.0004518599111010388),
        (0.0003, 0.0003),
    ],
)
def test_trained_numbers_that_differ_in_the_last_bits_are_kept_equal(a: float, b: float) -> None:
    assert model.steady(a) == model.steady(b)


@given(st.floats(min_value=1e-300, max_value=1.0))
def test_steady_keeps_eight_significant_digits(x: float) -> None:
    kept = model.steady(x)
    assert kept is not None
    assert abs(kept - x) <= 5e-8 * x
    assert model.steady(kept) == kept


def test_steady_keeps_missing_and_zero() -> None:
    assert model.steady(None) is None
    assert model.steady(0.0) == 0.0


def test_swapped_names_have_a_fixed_m() -> None:
    # learned, it came out at 6e-323 on one corpus (Splink refuses values below 1e-300)
    settings = model.settings_dict("duckdb")
    for name in ("surname", "given"):
        comp = next(c for c in settings["comparisons"] if c["output_column_name"] == name)
        level = next(lvl for lvl in comp["comparison_levels"]
                     if lvl.get("label_for_charts") == "swapped")
        assert level["m_probability"] == model.SWAPPED_M
        assert level["fix_m_probability"] is True


@pytest.mark.parametrize(("m", "u"), [(6e-323, 1e-318), (1e-310, 0.5), (0.2, 1e-320)])
def test_vanishing_probabilities_are_floored_and_never_count_for_a_match(
    m: float, u: float
) -> None:
    got_m, got_u = model.extract_params({
        "probability_two_random_records_match": 1e-5,
        "comparisons": [{"output_column_name": "x", "comparison_levels": [
            {"m_probability": m, "u_probability": u}]}],
    })["levels"]["x"][0]
    assert got_m is not None and got_u is not None
    assert got_m >= model.PROBABILITY_FLOOR and got_u >= model.PROBABILITY_FLOOR
    assert got_m / got_u <= max(1.0, m / u)  # flooring never makes a level count for a match
