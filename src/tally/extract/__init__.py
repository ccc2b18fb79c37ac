"""Text → person facts (names, dates, places, units, ranks, channel, citizenship).

``extract(text, lang=..., published=...)`` returns an :class:`ExtractionResult`.
"""

from __future__ import annotations

from tally.extract.pipeline import detect_lang, extract
from tally.extract.result import ExtractionResult

__all__ = ["ExtractionResult", "detect_lang", "extract"]
