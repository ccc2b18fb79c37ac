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


MESSY = [
    ("ID", "Full Name", "Birth Date", "Death-Date", "Age", "Region"),
    ("1", "Иванов Сергей Петрович", "12.03.1990", "05.06.2023", "", "Республика Бурятия"),
    ("2", "Сергея Иванова", "1990", "июнь 2023", "33 года", "Бурятия"),
    ("3", "рядовой Петров Пётр (позывной Пётр)", "1985 г.р.", "12 мая 2023 г.", "",
     "Краснодарский край"),
    ("4", "Петров Пётр Петрович", "01.01.1985", "12.05.2023", "", "Краснодарский кр."),
    ("5", "Сидоров Иван", "abc", "", "много", "Тыва"),
]


@pytest.mark.parametrize(("encoding", "delimiter"), [("cp1251", ";"), ("utf-8-sig", ","),
                                                     ("koi8_r", "\t")])
def test_dedupe_reads_spreadsheets_as_people_save_them(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("\n".join(delimiter.join(r) for r in MESSY) + "\n", encoding=encoding)
    result = CliRunner().invoke(_build(), ["dedupe", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=str)
    assert list(frame.columns) == [*MESSY[0], "person_id", "match_probability"]
    pid = dict(zip(frame["ID"], frame["person_id"], strict=True))
    assert pid["1"] == pid["2"]  # dd.mm.yyyy, «июнь 2023», «33 года», region names
    assert pid["3"] == pid["4"]  # rank and call sign dropped, «1985 г.р.», «кр.»
    assert len({pid["1"], pid["3"], pid["5"]}) == 3
    assert "1 birth_date value(s) could not be read" in result.output
    assert "'много'" in result.output


def test_dedupe_names_the_line_of_a_malformed_file(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text('id,full_name\n1,"Иванов\n', encoding="utf-8")
    result = CliRunner().invoke(_build(), ["dedupe", str(src), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert "in.csv" in result.output
    assert "Traceback" not in result.output
