"""What an indicator measures. The kind fixes the meaning; the unit is stored beside it."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """Indicator kinds. Bonuses are one-time payments on signing a contract."""

    SIGNUP_BONUS_REGIONAL = "signup_bonus_regional"
    SIGNUP_BONUS_FEDERAL = "signup_bonus_federal"
    SIGNUP_BONUS_MUNICIPAL = "signup_bonus_municipal"
    SIGNUP_BONUS_EMPLOYER = "signup_bonus_employer"
    #: all parts of the payment together (federal + regional + ...), as some sources give it
    SIGNUP_BONUS_TOTAL = "signup_bonus_total"
    #: a national average of regional payments (a summary, not one region's figure)
    SIGNUP_BONUS_REGIONAL_AVG = "signup_bonus_regional_avg"
    MONTHLY_PAY = "monthly_pay"
    AVG_WAGE = "avg_wage"  # average nominal monthly wage (RUB/month)
    MEAN_INCOME = "mean_income"  # mean per-capita monthly income (RUB/month)
    POPULATION = "population"  # a denominator (e.g. men aged 16-61.5)
    RECRUITMENT_COUNT = "recruitment_count"
    NAMED_COUNT = "named_count"  # deaths confirmed by name (a published list's total)
    DEATH_ESTIMATE = "death_estimate"
    CASUALTY_ESTIMATE = "casualty_estimate"
    BUDGET = "budget"


#: Kinds whose value is a regional payment paid on top of the federal one.
REGIONAL_BONUS_KINDS = frozenset(
    {Kind.SIGNUP_BONUS_REGIONAL, Kind.SIGNUP_BONUS_MUNICIPAL, Kind.SIGNUP_BONUS_EMPLOYER}
)
