"""Counts of persons, by region, date, age, channel and citizenship, with per-capita rates.

Every result says what it counts and "as of" when the data last changed. The web app, the
CLI and the exports all call these functions; none of them queries the tables directly.
"""

from tally.stats.crosstab import by_date_channel, by_month_channel, by_region_channel
from tally.stats.dates import by_death_date
from tally.stats.demography import by_age
from tally.stats.filters import GRADES, StatsFilter
from tally.stats.freshness import as_of, data_version
from tally.stats.headline import headline
from tally.stats.oneway import by_channel, by_citizenship, by_region, officers
from tally.stats.rates import Denominators, garwood_interval, per_capita
from tally.stats.results import CountRow, CrossTab, Headline, RateRow, RateTable, Tally

__all__ = [
    "GRADES",
    "CountRow",
    "CrossTab",
    "Denominators",
    "Headline",
    "RateRow",
    "RateTable",
    "StatsFilter",
    "Tally",
    "as_of",
    "by_age",
    "by_channel",
    "by_citizenship",
    "by_date_channel",
    "by_death_date",
    "by_month_channel",
    "by_region",
    "by_region_channel",
    "data_version",
    "garwood_interval",
    "headline",
    "officers",
    "per_capita",
]
