from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tally.publish import report
from tally.stats import Denominators
from tally.store import Store


@pytest.mark.parametrize(("lang", "word"), [("ru", "подтверждённых"), ("en", "confirmed")])
def test_report_is_self_contained(
    store: Store, add_persons: Callable[[list[dict[str, Any]]], None], tmp_path: Path,
    lang: str, word: str,
) -> None:
    add_persons([{"region": "RU-BU", "death_date": "2022-10-03", "channel": "mobilized",
                  "last_name": "<b>x</b>"}] * 3)
    out = report.write(store, tmp_path / "r.html", lang=lang,
                       denominators=Denominators({"RU-BU": 300_000}, "test"))
    html = out.read_text(encoding="utf-8")
    assert word in html
    assert html.count("<svg") >= 4
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', html)  # nothing fetched
    assert "<script src" not in html and "<link" not in html
    assert 'id="n-confirmed">3<' in html
    assert "1.0" in html  # RU-BU: 3 per 300,000 = 1.0 per 100,000
