"""A local Spark session for Splink (optional backend: ``pip install pyspark``).

Splink's Jaro-Winkler runs as a Scala UDF from its bundled similarity JAR, which must be on
the class path before the session starts; Splink also needs a checkpoint directory.
"""

from __future__ import annotations

import tempfile
from functools import cache
from typing import Any


@cache
def session(master: str = "local[2]") -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("the Spark engine needs pyspark: pip install 'tally[spark]'") from exc
    from splink.backends.spark import similarity_jar_location

    spark = (
        SparkSession.builder.master(master)
        .appName("tally-link")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="tally-spark-"))
    return spark
