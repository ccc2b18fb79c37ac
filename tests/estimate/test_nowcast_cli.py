"""``tally nowcast`` (src/tally/cli/nowcast.py) on synthetic snapshots and the real vintages."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from tally.cli.nowcast import register

START = dt.date(2023, 1, 2)  # a Monday


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command keeps typer in multi-command mode
        """Unused."""

    return app


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(_app(), ["nowcast", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.output


def _write(path: Path, daily: dict[dt.date, int]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["date", "change", "total"])
        total = 0
        for day in sorted(daily):
            total += daily[day]
            writer.writerow([day.isoformat(), daily[day], total])


def synthetic(folder: Path, days: int = 364, seed: int = 0) -> np.ndarray:
    """Snapshots every 28 days of deaths reported after an exponential delay (mean 40 days).

    Returns the true number of deaths per week of death.
    """
    rng = np.random.default_rng(seed)
    deaths = rng.poisson(20.0, days)
    death_day = np.repeat(np.arange(days), deaths)
    reported = death_day + rng.exponential(40.0, death_day.size)
    folder.mkdir(exist_ok=True)
    for cut in range(84, days + 1, 28):
        daily = np.bincount(death_day[(reported < cut) & (death_day < cut)], minlength=cut)
        day0 = START + dt.timedelta(days=cut)
        _write(folder / f"{day0.isoformat()}_cumsum.csv",
               {START + dt.timedelta(days=d): int(daily[d]) for d in range(cut)})
    return np.bincount(death_day // 7, minlength=days // 7)


def weekly(path: Path) -> Counter[str]:
    """Deaths per ISO week (Monday) in one snapshot file, read independently of the library."""
    out: Counter[str] = Counter()
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            day = dt.date.fromisoformat(row["date"])
            out[(day - dt.timedelta(days=day.weekday())).isoformat()] += int(row["change"])
    return out


def test_json_reports_the_latest_snapshot_and_corrects_towards_the_truth(tmp_path: Path) -> None:
    truth = synthetic(tmp_path / "v")
    code, out, text = _run(str(tmp_path / "v"), "--weeks", "6", "--boot", "30", "--json")
    assert code == 0, text
    data = json.loads(out)
    latest = sorted((tmp_path / "v").glob("*.csv"))[-1]
    assert data["snapshot"] == latest.name[:10] and data["level"] == 0.9
    assert len(data["weeks"]) == 6
    counts = weekly(latest)
    for row in data["weeks"]:
        assert row["reported"] == counts[row["week"]]
        assert row["lower"] <= row["nowcast"] <= row["upper"]
        assert row["nowcast"] >= row["reported"]
    # delays are stable here, so the nowcast total is closer to the truth than the raw count
    index = [(dt.date.fromisoformat(r["week"]) - START).days // 7 for r in data["weeks"]]
    true_total = truth[index].sum()
    nowcast_total = sum(r["nowcast"] for r in data["weeks"])
    reported_total = sum(r["reported"] for r in data["weeks"])
    assert abs(nowcast_total - true_total) < 0.5 * abs(reported_total - true_total)


def test_table_output(tmp_path: Path) -> None:
    synthetic(tmp_path / "v", days=252)
    code, out, text = _run(str(tmp_path / "v"), "--weeks", "3", "--boot", "10", "--level", "0.8")
    assert code == 0, text
    assert "week of death" in out and "80% interval" in out and "extrapolation" in out
    assert out.count(str(START.year)) >= 3


def test_backtest_beats_the_naive_count_on_stable_delays(tmp_path: Path) -> None:
    synthetic(tmp_path / "v")
    args = (str(tmp_path / "v"), "--backtest", "--weeks", "4", "--boot", "10")
    code, out, text = _run(*args, "--gap-days", "0", "--json")
    assert code == 0, text
    data = json.loads(out)
    assert data["reference"] == "the latest snapshot" and data["origins"] >= 3
    assert data["weeks"] == 4 * data["origins"]
    assert data["mae_nowcast"] < data["mae_naive"]
    assert 0.0 <= data["coverage"] <= 1.0
    code, out, text = _run(*args)
    assert code == 0, text
    assert "mean absolute error" in out and "days later" in out and "coverage of the 90%" in out


def _one_file(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")
    return folder


GOOD = "date,change,total\n2024-01-01,3,3\n2024-01-02,4,7\n"


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({}, (), "no vintage CSV files"),
        ({"2024-02-01.csv": GOOD, "2024-03-01.csv": "date,change,total\n2024-01-01,3,3\n"
          "2024-01-02,four,7\n"}, (), "2024-03-01.csv:3: expected date,change,total"),
        ({"2024-02-01.csv": "day,count\n2024-01-01,3\n"}, (), "2024-02-01.csv:2:"),
        ({"2024-02-01.csv": "date,change,total\n"}, (), "2024-02-01.csv: no rows"),
        ({"snapshot.csv": GOOD}, (), "snapshot.csv: file name must start with the vintage date"),
        ({"2024-02-01.csv": GOOD}, (), "at least two snapshots, found 1"),
        ({"2024-02-01.csv": GOOD, "2024-03-01.csv": GOOD}, ("--weeks", "40"),
         "--weeks 40: the snapshots cover only"),
        ({"2024-02-01.csv": GOOD, "2024-03-01.csv": GOOD}, ("--level", "1.5"), "--level"),
    ],
)
def test_clear_errors(tmp_path: Path, files: dict[str, str], args: tuple[str, ...],
                      message: str) -> None:
    folder = tmp_path / "v"
    folder.mkdir()
    for name, body in files.items():
        _one_file(folder, name, body)
    code, _, text = _run(str(folder), *args)
    assert code == 2
    assert message in " ".join(text.split())


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    code, _, text = _run(str(tmp_path / "nowhere"))
    assert code == 2 and "does not exist" in text


def test_real_vintages(shared_data: Path) -> None:
    folder = shared_data / "losses" / "mediazona_daily" / "vintages"
    if not folder.is_dir():
        pytest.skip(f"no vintages at {folder}")
    code, out, text = _run(str(folder), "--weeks", "4", "--boot", "10", "--json")
    assert code == 0, text
    data = json.loads(out)
    files = sorted(folder.glob("*.csv"))
    assert data["snapshots"] == len(files) and data["snapshot"] == files[-1].name[:10]
    counts = weekly(files[-1])
    assert [r["reported"] for r in data["weeks"]] == [counts[r["week"]] for r in data["weeks"]]
    # recent weeks are far from complete: the nowcast is well above what is reported
    assert all(r["nowcast"] > 2 * r["reported"] for r in data["weeks"])


def test_ahead_weeks_targets_a_nearer_count(tmp_path: Path) -> None:
    synthetic(tmp_path / "v")
    base = (str(tmp_path / "v"), "--weeks", "4", "--boot", "20", "--json")
    code, out, text = _run(*base, "--ahead-weeks", "4")
    assert code == 0, text
    near = json.loads(out)
    assert near["ahead_weeks"] == 4 and near["target"] == "count known 4 weeks after the snapshot"
    code, out, text = _run(*base)
    assert code == 0, text
    far = json.loads(out)
    assert far["ahead_weeks"] is None and "weeks of age" in far["target"]
    for n, f in zip(near["weeks"], far["weeks"], strict=True):
        assert n["reported"] <= n["nowcast"] <= f["nowcast"]


@pytest.mark.parametrize(
    ("args", "ok"),
    [
        (("--no-drift",), True),
        (("--window", "3"), True),
        (("--window", "0"), False),
        (("--ahead-weeks", "0"), False),
    ],
)
def test_model_options(tmp_path: Path, args: tuple[str, ...], ok: bool) -> None:
    synthetic(tmp_path / "v", days=252)
    code, out, text = _run(str(tmp_path / "v"), "--weeks", "3", "--boot", "10", "--json", *args)
    if ok:
        assert code == 0, text
        assert len(json.loads(out)["weeks"]) == 3
    else:
        assert code == 2 and "Invalid value" in text
