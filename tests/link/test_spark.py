"""Spark gives the same clusters as DuckDB with the same trained parameters (tiny data)."""

from __future__ import annotations

import pytest

from tally.link import clusters, engine, features
from tally.link.files import default_params

from .test_run import OTHERS, SERGEI


@pytest.mark.spark
def test_spark_and_duckdb_give_the_same_clusters() -> None:
    pytest.importorskip("pyspark")
    rows = [{**r, "unique_id": i} for i, r in enumerate(SERGEI + OTHERS + SERGEI[:1])]
    frame = features.build(rows)
    params = default_params()
    out = {}
    for name in ("duckdb", "spark"):
        pairs = engine.predict(frame, params, 0.9, name)  # type: ignore[arg-type]
        groups = clusters.build({int(i): None for i in frame["unique_id"]}, [], [],
                                pairs.itertuples(index=False, name=None)).groups()
        out[name] = sorted(sorted(g) for g in groups)
    assert out["duckdb"] == out["spark"]
    assert [0, 1, 2, 6] in out["duckdb"]
