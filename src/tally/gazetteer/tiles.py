"""Square tile-grid layout of the regions for the dashboard map.

Each region is one equal square on a grid laid out like the tile maps of Russia used by Russian
data journalists: Kaliningrad far west, Chukotka far east, Moscow in the west-centre, the North
Caucasus along the bottom, and the Ukrainian regions (Crimea, Sevastopol and the four claimed
in 2022) on the west edge. Neighbours are roughly, not exactly, adjacent. The layout is drawn
in ``data/tile_grid.txt`` so it can be read and edited by eye.
"""

from __future__ import annotations

from functools import cache

from tally.gazetteer.region import data_text

_CELL = 6


@cache
def _grid() -> dict[str, tuple[int, int]]:
    cells: dict[str, tuple[int, int]] = {}
    row = 0
    for line in data_text("tile_grid.txt").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        for col in range(0, len(line), _CELL):
            code = line[col:col + _CELL].strip()
            if code and code != ".":
                if code in cells:
                    raise ValueError(f"tile_grid.txt: {code} appears twice")
                cells[code] = (col // _CELL, row)
        row += 1
    return cells


def tile_grid() -> dict[str, tuple[int, int]]:
    """Region code → (column, row); column 0 is the west edge, row 0 the north edge."""
    return dict(_grid())
