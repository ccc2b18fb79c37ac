"""``tally demo --no-serve``: the README's first command, end to end on a small corpus."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from tally.cli import _build
from tally.demo import DemoError, prepare_folder


def test_demo_builds_every_stage_and_estimates_from_independent_lists(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = CliRunner().invoke(
        _build(), ["demo", "--no-serve", "--people", "300", "--seed", "4", "--data-dir",
                   str(folder)])
    assert result.exit_code == 0, result.output
    out = " ".join(re.sub(r"[│┌┐└┘├┤─┬┴┼]", " ", result.output).split())  # rich wraps cells
    for step in ("import official-list", "import aggregator-list", "import regional-news",
                 "import relatives-telegram", "import english-outlet", "link", "grade",
                 "estimated total (MSE)"):
        assert step in out
    assert "left out as compilations of the others: aggregator-list" in out
    assert (folder / "tally.db").is_file() and (folder / ".tally-demo").is_file()


def test_demo_never_touches_a_folder_it_did_not_make(tmp_path: Path) -> None:
    precious = tmp_path / "data"
    precious.mkdir()
    (precious / "tally.db").write_bytes(b"real work")
    try:
        prepare_folder(precious)
    except DemoError as exc:
        assert "not a demo folder" in str(exc)
    else:
        raise AssertionError("prepare_folder removed a folder it did not make")
    assert (precious / "tally.db").read_bytes() == b"real work"
