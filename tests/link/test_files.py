"""Link files: the feature and pair caches grow by appended parts, rewritten when rows go."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tally.link import files as files_
from tally.link.files import LinkFiles


def _frame(ids: range) -> pd.DataFrame:
    return pd.DataFrame({"unique_id": list(ids), "p": [i / 100 for i in ids]})


@pytest.mark.parametrize(("steps", "parts", "rows"), [
    ([(range(0, 5), None)], 0, 5),  # first write: whole
    ([(range(0, 5), None), (range(0, 8), 3)], 1, 8),  # 3 new rows: one part
    ([(range(0, 5), None), (range(0, 8), 3), (range(0, 9), 1)], 2, 9),
    ([(range(0, 5), None), (range(0, 5), 0)], 0, 5),  # nothing new: nothing written
    ([(range(0, 5), None), (range(0, 8), 3), (range(2, 9), None)], 0, 7),  # rows gone: whole
])
def test_extend_appends_parts_and_reads_them_back(tmp_path: Path,
                                                  steps: list[tuple[range, int | None]],
                                                  parts: int, rows: int) -> None:
    f = LinkFiles(tmp_path)
    for ids, added in steps:
        f.extend_frame(_frame(ids), added, f.pairs)
        loaded = f.load_frame(f.pairs)
        assert loaded is not None
        pd.testing.assert_frame_equal(loaded, _frame(ids))
    assert len(f.parts(f.pairs)) == parts
    loaded = f.load_frame(f.pairs)
    assert loaded is not None and len(loaded) == rows


def test_parts_are_merged_into_the_base_file_after_max_parts(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             ) -> None:
    monkeypatch.setattr(files_, "MAX_PARTS", 2)
    f = LinkFiles(tmp_path)
    f.extend_frame(_frame(range(3)), None, f.features)
    counts = []
    for n in range(4, 8):
        f.extend_frame(_frame(range(n)), 1, f.features)
        counts.append(len(f.parts(f.features)))
    assert counts == [1, 2, 0, 1]
    loaded = f.load_frame(f.features)
    assert loaded is not None
    pd.testing.assert_frame_equal(loaded, _frame(range(7)))


def test_parts_without_a_base_file_are_not_read(tmp_path: Path) -> None:
    f = LinkFiles(tmp_path)
    f.dir.mkdir()
    _frame(range(3)).to_parquet(f.dir / "pairs.part00001.parquet")
    assert f.load_frame(f.pairs) is None
    assert f.load_frame(f.features) is None
