"""Per-collection linkage files in the data dir: trained model, feature cache, scored pairs.

``<data_dir>/link/model.json`` holds the trained parameters (plain numbers, valid on every
backend); ``features.parquet`` the comparison features of linked mentions (so an incremental
run computes features only for new ones); ``pairs.parquet`` the scored pairs above the review
band's floor, from which the review queue is computed on demand.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pandas as pd

from tally.link.model import Params


class LinkFiles:
    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir / "link"

    @property
    def model(self) -> Path:
        return self.dir / "model.json"

    @property
    def features(self) -> Path:
        return self.dir / "features.parquet"

    @property
    def pairs(self) -> Path:
        return self.dir / "pairs.parquet"

    def load_params(self) -> Params | None:
        if not self.model.exists():
            return None
        data: Params = json.loads(self.model.read_text("utf-8"))
        return data

    def save_params(self, params: Params) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.model.write_text(json.dumps(params, indent=1), "utf-8")

    def load_frame(self, path: Path) -> pd.DataFrame | None:
        return pd.read_parquet(path) if path.exists() else None

    def save_frame(self, frame: pd.DataFrame, path: Path) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        frame.to_parquet(tmp, index=False)
        tmp.replace(path)


def default_params() -> Params:
    """Parameters to use when a collection is too small to train on (see docs/linkage.md)."""
    text = resources.files("tally.link").joinpath("data/default_params.json").read_text("utf-8")
    data: Params = json.loads(text)
    return data
