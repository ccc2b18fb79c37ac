"""Input checks of ``tally extract`` and the command itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import _build
from tally.extract.batch import MAX_BYTES, InputError, decode, records


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"abc\x00def", "binary"),
        (b"\xff\xfe\xfa not utf-8", "not UTF-8"),
        (b"x" * (MAX_BYTES + 1), "limit"),
    ],
)
def test_bad_bytes(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, name="f.txt")


def test_bad_jsonl_line_is_named() -> None:
    text = '{"id": "1", "text": "ok"}\n{not json\n'
    with pytest.raises(InputError, match="line 2"):
        list(records(text, name="in.jsonl", jsonl=True, published=None))


def test_cli_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "p1", "text": "Рядовой Иван Петрович Сидоров погиб 14 мая.",
                    "published": "2024-03-01"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(_build(), ["extract", str(src)])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout.splitlines()[0])
    assert row["id"] == "p1"
    assert (row["last_name"], row["death_date"], row["rank"]) == ("Сидоров", "2023-05-14",
                                                                 "рядовой")
    assert set(row["spans"]) <= set(row) and row["confidence"]["last_name"] > 0


def test_cli_bad_input_exits_non_zero(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "x"}\n[1, 2]\n', encoding="utf-8")
    result = CliRunner().invoke(_build(), ["extract", str(src)])
    assert result.exit_code == 2
    assert "line 2" in result.output and "Traceback" not in result.output
