from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tally.cli import _build
from tally.link.dedupe import DedupeError, dedupe_frame

ROWS = """id,full_name,birth_date,death_date,region,source
1,Иванов Сергей Петрович,1990-03-04,2023-05-14,RU-BU,a
2,Ivanov Sergei Petrovich,1990-03-04,2023-05-15,RU-BU,b
3,Иванова Мария,,2023-07,RU-TY,a
4,Серёжа Иванов,1990,2023-05,RU-BU,c
5,Петров Алексей,1985-01-01,2022-10-01,RU-DA,a
6,Pietrow Aleksiej,1985,2022-10-03,RU-DA,b
7,Петров Алексей,1970-06-06,2024-01-20,RU-SPE,a
8,,1985,2022-10-01,RU-DA,a
"""


def test_dedupe_cli_adds_person_and_probability(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(ROWS, encoding="utf-8")
    result = CliRunner().invoke(_build(), ["dedupe", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    pid = dict(zip(frame["id"], frame["person_id"], strict=True))
    assert pid[1] == pid[2] == pid[4]
    assert pid[5] == pid[6]
    assert len({pid[3], pid[1], pid[5], pid[7], pid[8]}) == 5
    assert frame.loc[frame["id"] == 1, "match_probability"].item() > 0.9
    assert pd.isna(frame.loc[frame["id"] == 3, "match_probability"].item())


def test_distinct_source_rows_are_never_merged(tmp_path: Path) -> None:
    frame = pd.read_csv(__import__("io").StringIO(ROWS), dtype=str)
    frame["source"] = "list"
    out = dedupe_frame(frame, distinct_sources=("list",))
    assert out["person_id"].nunique() == len(out)


@pytest.mark.parametrize("columns", [["full_name"], ["id", "region"]])
def test_bad_input_is_refused(columns: list[str]) -> None:
    with pytest.raises(DedupeError):
        dedupe_frame(pd.DataFrame({c: ["x"] for c in columns}))
