"""Run the model on a backend: DuckDB (default, in-process) or Apache Spark.

Training is unsupervised: u by random sampling, m by EM on blocked pairs (``max_pairs``
bounds every pass: an unbounded pass on 1M rows once ran past 12 minutes and 20 GB), the
prior from deterministic rules. Prediction scores the blocked pairs; incremental prediction
scores only new records against themselves and against existing records that share a block.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from tally.link import model

Engine = Literal["duckdb", "spark"]
PAIR_COLUMNS = ["unique_id_l", "unique_id_r", "match_probability"]


@dataclass(frozen=True)
class TrainingBudget:
    u_pairs: float = 2e6
    em_pairs: float = 1e6
    recall: float = 0.7
    seed: int = 7


def _quiet() -> None:
    logging.getLogger("splink").setLevel(logging.WARNING)


def db_api(engine: Engine, spark: Any = None) -> Any:
    """A Splink database API: a fresh in-memory DuckDB, or Spark on ``spark`` (a session)."""
    _quiet()
    if engine == "duckdb":
        from splink import DuckDBAPI

        return DuckDBAPI()
    if engine == "spark":
        from splink import SparkAPI

        from tally.link.spark import session

        return SparkAPI(  # type: ignore[no-untyped-call]
            spark_session=spark or session(), break_lineage_method="parquet")
    raise ValueError(f"unknown engine {engine!r} (duckdb or spark)")


def _dialect(engine: Engine) -> str:
    return "spark" if engine == "spark" else "duckdb"


def _register(api: Any, frame: pd.DataFrame, engine: Engine, name: str | None = None) -> Any:
    if engine == "spark":
        spark = api.spark
        return api.register(spark.createDataFrame(_for_spark(frame)), table_name=name)
    return api.register(frame, table_name=name)


def _for_spark(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.astype(object).where(frame.notna(), None)
    return out


def train(frame: pd.DataFrame, budget: TrainingBudget | None = None,
          engine: Engine = "duckdb", spark: Any = None) -> model.Params:
    """Learn the model's parameters from unlabelled records."""
    from splink import Linker

    budget = budget or TrainingBudget()
    api = db_api(engine, spark)
    linker = Linker(_register(api, frame, engine), model.settings_dict(_dialect(engine)),
                    log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [model.block_on_sql(r) for r in model.DETERMINISTIC_RULES], recall=budget.recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=budget.u_pairs, seed=budget.seed)
    for rule in model.TRAINING_RULES:
        linker.training.estimate_parameters_using_expectation_maximisation(
            model.block_on_sql(rule), max_pairs=budget.em_pairs)
    return model.extract_params(linker.misc.save_model_to_json())


def _to_pairs(result: Any) -> pd.DataFrame:
    frame = result.as_pandas_dataframe()
    if frame.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    out = frame[PAIR_COLUMNS].copy()
    out["unique_id_l"] = out["unique_id_l"].astype("int64")
    out["unique_id_r"] = out["unique_id_r"].astype("int64")
    return out


def predict(frame: pd.DataFrame, params: model.Params, threshold: float = 0.05,
            engine: Engine = "duckdb", spark: Any = None) -> pd.DataFrame:
    """Scored pairs (``unique_id_l < unique_id_r``) with probability ≥ ``threshold``."""
    from splink import Linker

    named = frame[frame["surname"].notna()]
    if len(named) < 2:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    api = db_api(engine, spark)
    linker = Linker(_register(api, named, engine), model.settings_dict(_dialect(engine), params),
                    log_level=logging.WARNING)
    return _to_pairs(linker.inference.predict(threshold_match_probability=threshold,
                                              warning_mode="never"))


TF_COLUMNS = ("surname", "given")


def term_frequencies(frame: pd.DataFrame, column: str = "surname") -> pd.DataFrame:
    """Term frequencies (``column``, ``tf_<column>``) of a collection's named records."""
    named = frame.loc[frame["surname"].notna(), column].dropna()
    counts = named.value_counts()
    return pd.DataFrame({column: counts.index,
                         f"tf_{column}": counts.to_numpy() / max(len(named), 1)})


def predict_new(new: pd.DataFrame, existing: pd.DataFrame, params: model.Params,
                tf: dict[str, pd.DataFrame], threshold: float = 0.05) -> pd.DataFrame:
    """Pairs among ``new`` records and between ``new`` and ``existing`` (DuckDB).

    ``existing`` should already be cut to records sharing a block with a new one
    (:func:`candidates`); ``tf`` holds term frequencies of the whole collection
    (:data:`TF_COLUMNS` → :func:`term_frequencies`).
    """
    from splink import Linker

    new = new[new["surname"].notna()]
    existing = existing[existing["surname"].notna()]
    if new.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    api = db_api("duckdb")
    left = _register(api, new, "duckdb", "tally_new")
    linker = Linker(left, model.settings_dict("duckdb", params), log_level=logging.WARNING)
    for column, table in tf.items():
        linker.table_management.register_term_frequency_lookup(
            api.register(table, table_name=f"tally_tf_{column}"), column)
    parts = []
    if len(new) > 1:
        parts.append(_to_pairs(linker.inference.predict_within(
            left, threshold_match_probability=threshold, warning_mode="never")))
    if not existing.empty:
        right = _register(api, existing, "duckdb", "tally_existing")
        parts.append(_to_pairs(linker.inference.predict_between(
            left, right, threshold_match_probability=threshold, warning_mode="never")))
    if not parts:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def candidates(new: pd.DataFrame, existing: pd.DataFrame) -> pd.DataFrame:
    """Existing records that share at least one blocking key with a new record."""
    import duckdb

    con = duckdb.connect()
    con.register("n", new)
    con.register("e", existing)
    conds = " OR ".join(
        "(" + rule.replace("l.", "n.").replace("r.", "e.") + ")" for rule in model.BLOCKING_RULES)
    sql = f"SELECT DISTINCT e.* FROM e JOIN n ON {conds}"
    ids = con.execute(f"SELECT unique_id FROM ({sql})").fetchall()
    con.close()
    keep = {int(r[0]) for r in ids}
    return existing[existing["unique_id"].isin(keep)]
