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


GENERIC = """id,given_name,surname,street,suburb,postcode,state,date_of_birth,soc_sec_id
a1,mitchell,green,wallaby place,cleveland,2119,sa,19560409,1804974
a2,mitchell,greene,wallaby pl,cleveland,2119,sa,19560409,1804974
a3,harley,mccarthy,pridham street,marsden,3165,nsw,19080419,6089216
a4,harley,mccarthy,pridhamstreet,marsden,3165,nsw,19080419,6089261
a5,sarah,mccarthy,ocean road,bondi,2026,nsw,19900101,5550001
a6,james,green,kent street,perth,6000,wa,19700512,3210987
"""


def test_generic_person_columns_use_the_generic_model(tmp_path: Path) -> None:
    rows = [GENERIC.splitlines()[0]]
    body = GENERIC.splitlines()[1:]
    # enough unrelated filler rows for the unsupervised training to see non-matches
    filler = [f"f{i},given{i % 37},sur{i % 53},street {i},town{i % 11},{1000 + i % 97},"
              f"vic,19{i % 90 + 10:02d}0{i % 9 + 1}1{i % 9},{1000000 + i}" for i in range(300)]
    src = tmp_path / "generic.csv"
    src.write_text("\n".join(rows + body + filler) + "\n", encoding="utf-8")
    frame = pd.read_csv(src, dtype=str)
    out = dedupe_frame(frame)
    pid = dict(zip(out["id"], out["person_id"], strict=True))
    assert pid["a1"] == pid["a2"]
    assert pid["a3"] == pid["a4"]
    assert len({pid["a1"], pid["a3"], pid["a5"], pid["a6"]}) == 4
