"""The gazetteer's regions as the stats layer needs them: codes and display names."""

from __future__ import annotations


def region_codes() -> list[str]:
    """Every region code of the gazetteer (Russian regions and annexed Ukrainian ones)."""
    from tally import gazetteer

    return [r.code for r in gazetteer.regions()]


def region_names(lang: str = "en") -> dict[str, str]:
    """Code → region name in ``ru`` or ``en``."""
    from tally import gazetteer

    attr = "name_ru" if lang == "ru" else "name_en"
    return {r.code: str(getattr(r, attr)) for r in gazetteer.regions()}
