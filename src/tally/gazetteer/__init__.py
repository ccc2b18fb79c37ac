"""Region gazetteer: ISO 3166-2 codes, names in every form, text search, denominators, tile map.

89 regions: the 83 Russian federal subjects (ISO 3166-2:RU), Crimea (UA-43) and Sevastopol
(UA-40), and the four Ukrainian regions Russia claimed in 2022 (UA-14, UA-09, UA-23, UA-65).

>>> lookup("Курской области"), lookup("St.Petersburg"), lookup("Yevreyskaya")
('RU-KRS', 'RU-SPE', 'RU-YEV')
>>> [(h.code, h.surface) for h in find_in_text("уроженец Бурятии, жил в Улан-Удэ")]
[('RU-BU', 'Бурятии'), ('RU-BU', 'Улан-Удэ')]
"""

from tally.gazetteer.denominators import (
    Denominator,
    DenominatorFileError,
    denominator_gaps,
    denominators,
    load_denominator_csv,
)
from tally.gazetteer.lookup import UnknownRegion, lookup, resolve, suggestions
from tally.gazetteer.region import Region, RegionStatus, get, regions
from tally.gazetteer.text import HitKind, RegionHit, find_in_text
from tally.gazetteer.tiles import tile_grid

__all__ = [
    "Denominator",
    "DenominatorFileError",
    "HitKind",
    "Region",
    "RegionHit",
    "RegionStatus",
    "UnknownRegion",
    "denominator_gaps",
    "denominators",
    "find_in_text",
    "get",
    "load_denominator_csv",
    "lookup",
    "regions",
    "resolve",
    "suggestions",
    "tile_grid",
]
