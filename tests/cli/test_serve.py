"""``tally serve``: options reach uvicorn's worker processes; workers build the app."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tally.cli import _build
from tally.settings import Settings
from tally.store import open_store
from tally.web import serving


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    open_store(Settings(data_dir=folder), create=True).engine.dispose()
    monkeypatch.setenv("TALLY_DATA_DIR", str(folder))
    monkeypatch.delenv("TALLY_DATABASE_URL", raising=False)
    return folder


@pytest.mark.parametrize(("argv", "workers"), [([], serving.default_workers()),
                                               (["--workers", "3"], 3)])
def test_serve_starts_uvicorn_workers(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                      argv: list[str], workers: int) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(serving, "run", lambda host, port, workers: seen.update(
        target=serving.APP, factory=True, workers=workers, port=port))
    monkeypatch.delenv(serving.OPTIONS_VARIABLE, raising=False)
    result = CliRunner().invoke(_build(), ["serve", "--port", "8123", *argv])
    assert result.exit_code == 0, result.output
    assert seen["target"] == "tally.web.serving:app_from_environment"
    assert seen["factory"] is True and seen["workers"] == workers and seen["port"] == 8123
    options = serving.ServeOptions.from_json(os.environ[serving.OPTIONS_VARIABLE])
    assert options.warm_every and options.geojson is None
    monkeypatch.delenv(serving.OPTIONS_VARIABLE)


def test_serve_refuses_a_missing_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    monkeypatch.setenv("TALLY_DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("must not start"))
    result = CliRunner().invoke(_build(), ["serve", "--workers", "2"])
    assert result.exit_code != 0


def test_worker_builds_the_app_from_the_environment(data_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    csv = tmp_path / "pop.csv"
    csv.write_text("code,people\nRU-BU,1000\n", encoding="utf-8")
    options = serving.ServeOptions(denominator=str(csv), denominator_region_column="code",
                                   denominator_value_column="people", warm_every=0.05)
    monkeypatch.setenv(serving.OPTIONS_VARIABLE, options.to_json())
    app = serving.app_from_environment()
    assert app.state.tally.denominators.values == {"RU-BU": 1000}
    with TestClient(app) as client:  # the lifespan starts and stops the warmer
        assert client.get("/").status_code == 200
        assert client.get("/api/persons").json()["items"] == []


def test_options_round_trip() -> None:
    options = serving.ServeOptions(geojson="/x.geojson", warm_every=None)
    assert serving.ServeOptions.from_json(options.to_json()) == options
    assert serving.ServeOptions.from_json("") == serving.ServeOptions()
    assert serving.default_workers() >= 1


def test_the_workers_socket_has_nagle_off() -> None:
    """Several workers share uvicorn's socket; without TCP_NODELAY every response that is
    written in two parts waits ~40 ms for the client's delayed ACK."""
    import socket

    import uvicorn

    from tally.web.serving import APP, listening_socket

    config = uvicorn.Config(APP, factory=True, host="127.0.0.1", port=0, workers=2)
    sock = listening_socket(config)
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        sock.listen()
        client = socket.create_connection(sock.getsockname()[:2])
        accepted, _ = sock.accept()
        with client, accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        sock.close()
