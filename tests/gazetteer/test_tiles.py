"""The tile-grid layout for the dashboard map."""

from __future__ import annotations

import pytest

from tally.gazetteer import regions, tile_grid


def test_every_region_has_its_own_cell() -> None:
    grid = tile_grid()
    assert set(grid) == {r.code for r in regions()}
    assert len(set(grid.values())) == 89


def test_orientation() -> None:
    grid = tile_grid()
    cols = [c for c, _ in grid.values()]
    assert grid["RU-KGD"][0] == min(cols)
    assert grid["RU-CHU"][0] == max(cols)
    assert grid["RU-MOW"][0] < (min(cols) + max(cols)) / 2
    for code in ("UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"):
        assert grid[code][0] <= 1, code


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("RU-MOW", "RU-MOS"), ("RU-SPE", "RU-LEN"), ("RU-TYU", "RU-KHM"), ("RU-KHM", "RU-YAN"),
        ("RU-CE", "RU-IN"), ("RU-CE", "RU-DA"), ("UA-43", "UA-40"), ("RU-KDA", "RU-AD"),
        ("RU-ARK", "RU-NEN"), ("RU-ALT", "RU-AL"), ("RU-KHA", "RU-PRI"), ("RU-AMU", "RU-YEV"),
        ("RU-BEL", "RU-KRS"), ("UA-09", "RU-ROS"), ("RU-TA", "RU-BA"),
    ],
)
def test_neighbours_are_close(a: str, b: str) -> None:
    grid = tile_grid()
    (ca, ra), (cb, rb) = grid[a], grid[b]
    assert max(abs(ca - cb), abs(ra - rb)) <= 1, (a, grid[a], b, grid[b])


def test_returns_a_copy() -> None:
    tile_grid().clear()
    assert len(tile_grid()) == 89
