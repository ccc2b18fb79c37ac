"""Which sources report which person: heterogeneous, dependent capture.

Officers and people from regions with an official list or active local media are more likely
to be reported; relatives post more about the mobilized than about prisoners; the news site
often reposts the official list; the aggregator collects mostly from the other sources. A
latent per-person "visibility" adds heterogeneity no observed trait explains.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tally.model import Channel
from tally.synth.people import Person

SOURCES: tuple[str, ...] = (
    "official_list", "news_posts", "relatives_posts", "english_outlet", "aggregator_list",
)

_RELATIVES = {
    Channel.MOBILIZED: 0.35, Channel.VOLUNTEER: 0.2, Channel.PROFESSIONAL: 0.2,
    Channel.CONSCRIPT: 0.3, Channel.PRISONER: 0.06, Channel.PMC: 0.08, Channel.SECURITY: 0.15,
}
_SENIOR = {"майор", "подполковник", "полковник"}


@dataclass(frozen=True, slots=True)
class Capture:
    official: bool
    news: bool
    relatives: bool
    english: bool
    aggregator: bool


def capture(p: Person, rng: random.Random) -> Capture:
    visibility = min(rng.lognormvariate(0.0, 0.5), 3.0)
    officer = 1.3 if p.is_officer else 1.0
    official = False
    if p.region is not None:
        prisoner = 0.5 if p.channel == Channel.PRISONER else 1.0
        official = rng.random() < min(0.95, p.region.official * officer * prisoner)
    media = p.region.media if p.region is not None else 0.5
    p_news = min(0.95, 0.33 * media * officer * visibility)
    if official:
        p_news = max(p_news, 0.75)  # the news site reposts the official list
    news = rng.random() < p_news
    p_rel = 0.03 if p.citizenship != "RU" else _RELATIVES[p.channel] * visibility
    relatives = rng.random() < min(0.9, p_rel)
    p_en = 0.45 if p.citizenship != "RU" else 0.2 if p.rank in _SENIOR else 0.03
    english = rng.random() < min(0.9, p_en * (1.5 if news else 1.0))
    elsewhere = official or news or relatives or english
    aggregator = rng.random() < (0.85 if elsewhere else 0.08 * visibility)
    return Capture(official, news, relatives, english, aggregator)
