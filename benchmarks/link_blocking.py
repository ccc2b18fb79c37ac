"""Candidate pairs per blocking rule (Splink's ``count_comparisons_from_blocking_rules``).

Usage: ``PYTHONPATH=src:benchmarks python benchmarks/link_blocking.py [--persons 75758]
[--sample 0.3] [--out PATH]``. On a ``tally synth`` corpus (expected fields, as in
``benchmarks/link.py``) it counts, for each rule of :data:`tally.link.model.BLOCKING_RULES`,
the pairs it adds to the rules before it (marginal) and the running total (cumulative),
estimated by Splink from a sample of records on each side of the join. Pair counts grow with
the square of the collection, so 100k-mention counts × 100 bound the 1M run's. Writes
``docs/benchmarks/link_blocking.md``.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def counts(persons: int, sample: float) -> tuple[int, list[tuple[str, int, int]], float]:
    from link_synth import expected_rows
    from splink import DuckDBAPI
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    from link import synth_dir
    from tally.link import features, model
    from tally.link.engine import duckdb_connection, with_block_keys

    rows, _truth, _raw = expected_rows(synth_dir(persons), keep_raw=False)
    feats = features.build(rows)
    named = with_block_keys(feats[feats["surname"].notna()])
    start = time.perf_counter()
    api = DuckDBAPI(connection=duckdb_connection())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "estimate based on few sampled pairs" for rare rules
        records = count_comparisons_from_blocking_rules(
            api.register(named), blocking_rules=[model.block_on_sql(r)
                                                 for r in model.BLOCKING_RULES],
            link_type="dedupe_only", record_sample_proportion=sample)
    out = [(rule, int(r["marginal_comparison_count"]), int(r["cumulative_comparison_count"]))
           for rule, r in zip(model.BLOCKING_RULES, records, strict=True)]
    return len(rows), out, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=75_758)
    ap.add_argument("--sample", type=float, default=0.3)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" / "link_blocking.md")
    args = ap.parse_args()
    mentions, rows, seconds = counts(args.persons, args.sample)
    lines = ["## Linkage blocking: candidate pairs per rule", "",
             f"{date.today()}; tally synth, {args.persons} persons, {mentions} mentions; "
             f"Splink's estimate from a {args.sample:.0%} sample of records per side "
             f"({seconds:.0f} s, load {os.getloadavg()[0]:.1f}).", "",
             "| rule | marginal pairs | cumulative |", "|---|---|---|"]
    for rule, marginal, cumulative in rows:
        lines.append(f"| `{rule}` | {marginal:,} | {cumulative:,} |")
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
