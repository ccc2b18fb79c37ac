"""Per-collection linkage files in the data dir: trained model, feature cache, scored pairs.

``<data_dir>/link/model.json`` holds the trained parameters (plain numbers, valid on every
backend); ``features.parquet`` the comparison features of linked mentions (so an incremental
run computes features only for new ones); ``pairs.parquet`` the scored pairs above the review
band's floor, from which the review queue is computed on demand.

The two frames grow append-only: an incremental run that only adds rows writes them as a part
(``features.part00001.parquet``, ...) read after the base file, so 1,000 new mentions do not
rewrite a million rows; every :data:`MAX_PARTS` parts, or when rows must go (superseded
mentions), the whole frame is written again as the base file and the parts removed.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pandas as pd

from tally.link.model import Params

#: Appended parts of a frame before it is written whole again.
MAX_PARTS = 16


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

    def parts(self, path: Path) -> list[Path]:
        """The appended parts of ``path``, oldest first."""
        return sorted(path.parent.glob(f"{path.stem}.part*.parquet"))

    def load_frame(self, path: Path) -> pd.DataFrame | None:
        """The base file and its parts, in the order written (None without a base file)."""
        if not path.exists():
            return None
        frames = [pd.read_parquet(p) for p in (path, *self.parts(path))]
        if len(frames) == 1:
            return frames[0]
        # a part's all-null column reads back untyped: give it the base file's types
        types = frames[0].dtypes.to_dict()
        return pd.concat([frames[0], *(f.astype(types) for f in frames[1:])], ignore_index=True)

    def save_frame(self, frame: pd.DataFrame, path: Path) -> None:
        """Write ``frame`` as the whole of ``path`` (its parts are removed)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        frame.to_parquet(tmp, index=False)
        for part in self.parts(path):
            part.unlink()
        tmp.replace(path)

    def extend_frame(self, frame: pd.DataFrame, added: int | None, path: Path) -> None:
        """Store ``frame`` whose last ``added`` rows are new, the others being exactly what
        :meth:`load_frame` gives now; ``added=None``: rows changed, write it whole."""
        parts = self.parts(path)
        if added is None or not path.exists() or len(parts) >= MAX_PARTS:
            self.save_frame(frame, path)
            return
        if added == 0:
            return
        last = int(parts[-1].name.rsplit(".part", 1)[1].split(".")[0]) if parts else 0
        part = path.with_name(f"{path.stem}.part{last + 1:05d}.parquet")
        tmp = part.with_suffix(".tmp")
        frame.iloc[len(frame) - added:].to_parquet(tmp, index=False)
        tmp.replace(part)


def default_params() -> Params:
    """Parameters to use when a collection is too small to train on (see docs/linkage.md)."""
    text = resources.files("tally.link").joinpath("data/default_params.json").read_text("utf-8")
    data: Params = json.loads(text)
    return data
