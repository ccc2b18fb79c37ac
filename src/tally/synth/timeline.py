"""When synthetic deaths happen and who dies when.

Deaths span 2022-02-24..2025-12-31 with a growing monthly curve (a bump for Bakhmut in early
2023). The recruitment-channel mix changes over time: career soldiers dominate 2022,
prisoners peak in late 2022-2023, the mobilized appear from October 2022, volunteers grow
through 2024-2025.
"""

from __future__ import annotations

import bisect
import random
from datetime import date, timedelta
from functools import lru_cache

from tally.model import Channel

START = date(2022, 2, 24)
END = date(2025, 12, 31)
_MONTHS = [(y, m) for y in range(2022, 2026) for m in range(1, 13) if (y, m) >= (2022, 2)]

# Channel weights at anchor months (index from 2022-02), interpolated linearly in between.
_ANCHORS: tuple[int, ...] = (1, 7, 10, 13, 19, 25, 31, 40, 46)
_MIX: dict[Channel, tuple[float, ...]] = {
    Channel.PROFESSIONAL: (0.70, 0.45, 0.25, 0.15, 0.14, 0.11, 0.09, 0.08, 0.07),
    Channel.CONSCRIPT: (0.05, 0.03, 0.02, 0.01, 0.01, 0.01, 0.03, 0.01, 0.01),
    Channel.PRISONER: (0.00, 0.05, 0.35, 0.50, 0.30, 0.25, 0.22, 0.15, 0.12),
    Channel.PMC: (0.02, 0.06, 0.06, 0.05, 0.02, 0.02, 0.02, 0.02, 0.02),
    Channel.MOBILIZED: (0.00, 0.00, 0.22, 0.20, 0.28, 0.22, 0.16, 0.12, 0.10),
    Channel.VOLUNTEER: (0.12, 0.20, 0.14, 0.12, 0.24, 0.38, 0.46, 0.60, 0.66),
    Channel.SECURITY: (0.08, 0.05, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02),
}
CHANNELS: tuple[Channel, ...] = tuple(_MIX)

# Age at death by channel: mean, standard deviation, minimum, maximum.
_AGE: dict[Channel, tuple[float, float, int, int]] = {
    Channel.PROFESSIONAL: (28.0, 6.5, 19, 55),
    Channel.CONSCRIPT: (19.5, 0.8, 18, 22),
    Channel.PRISONER: (36.0, 8.0, 20, 62),
    Channel.PMC: (38.0, 8.0, 21, 62),
    Channel.MOBILIZED: (35.0, 7.0, 20, 60),
    Channel.VOLUNTEER: (37.0, 9.0, 18, 63),
    Channel.SECURITY: (33.0, 7.0, 20, 55),
}


def _month_weight(index: int) -> float:
    if index == 0:
        return 10.0  # five days of February 2022
    weight = 45.0 + 2.6 * index
    if 11 <= index <= 15:  # Bakhmut, December 2022 - May 2023
        weight *= 1.35
    return weight


@lru_cache(maxsize=1)
def _cum_month_weights() -> tuple[float, ...]:
    total, out = 0.0, []
    for i in range(len(_MONTHS)):
        total += _month_weight(i)
        out.append(total)
    return tuple(out)


def month_index(day: date) -> int:
    return (day.year - 2022) * 12 + day.month - 2


def sample_death_date(rng: random.Random) -> date:
    cum = _cum_month_weights()
    index = bisect.bisect_right(cum, rng.random() * cum[-1])
    year, month = _MONTHS[min(index, len(_MONTHS) - 1)]
    first = date(year, month, 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    first = max(first, START)
    return first + timedelta(days=rng.randrange((nxt - first).days))


@lru_cache(maxsize=64)
def _channel_cum(index: int) -> tuple[float, ...]:
    pos = bisect.bisect_right(_ANCHORS, index)
    if pos == 0:
        weights = [w[0] for w in _MIX.values()]
    elif pos == len(_ANCHORS):
        weights = [w[-1] for w in _MIX.values()]
    else:
        a, b = _ANCHORS[pos - 1], _ANCHORS[pos]
        t = (index - a) / (b - a)
        weights = [w[pos - 1] * (1 - t) + w[pos] * t for w in _MIX.values()]
    total, cum = 0.0, []
    for w in weights:
        total += w
        cum.append(total)
    return tuple(cum)


def sample_channel(rng: random.Random, death: date) -> Channel:
    cum = _channel_cum(month_index(death))
    return CHANNELS[min(bisect.bisect_right(cum, rng.random() * cum[-1]), len(CHANNELS) - 1)]


def sample_birth_date(rng: random.Random, death: date, channel: Channel) -> date:
    mean, sd, low, high = _AGE[channel]
    age = min(high, max(low, round(rng.gauss(mean, sd))))
    # a birthday within the year before the age-th birthday, so that the age at death is exact
    latest = date(death.year - age, death.month, min(death.day, 28))
    return latest - timedelta(days=rng.randrange(365))


def age_at(birth: date, death: date) -> int:
    return death.year - birth.year - ((death.month, death.day) < (birth.month, birth.day))
