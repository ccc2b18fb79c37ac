"""Linkage benchmark: Tally's Russian-aware model vs vanilla Splink, Febrl, RUWA, Bessudnov.

Usage: ``PYTHONPATH=src:benchmarks python benchmarks/link.py [--persons 20000 100000 ...]``.
Each synthetic run is a separate process so peak memory (max RSS) is its own. Writes
``docs/benchmarks/link.md``. Measured on a 2-core machine shared with other jobs.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


def pairwise(groups: list[set[int]], truth: dict[int, int]) -> tuple[float, float, float]:
    tp = pred = 0
    for g in groups:
        pred += len(g) * (len(g) - 1) // 2
        tp += sum(k * (k - 1) // 2 for k in Counter(truth[m] for m in g).values())
    true = sum(k * (k - 1) // 2 for k in Counter(truth.values()).values())
    p = tp / pred if pred else 1.0
    r = tp / true if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_ours(rows: list[dict[str, Any]]) -> list[set[int]]:
    from tally.link import engine, features
    from tally.link.run import MATCH_THRESHOLD, cluster

    feats = features.build(rows, lemmatize=True)
    params = engine.train(feats, engine.TrainingBudget(u_pairs=5e6, em_pairs=2e6))
    pairs = engine.predict(feats, params, 0.0)
    items: dict[int, int | None] = {int(r["unique_id"]): None for r in rows}
    return cluster(items, [], [], pairs, MATCH_THRESHOLD)


def _raw(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    out = []
    for r in rows:
        last, first, patr = r.get("last_name"), r.get("first_name"), r.get("patronymic")
        if r.get("full_name"):
            words = r["full_name"].split()
            last, first = words[0], (words[1] if len(words) > 1 else None)
            patr = words[2] if len(words) > 2 else None
        out.append({"unique_id": r["unique_id"], "last_name": last, "first_name": first,
                    "patronymic": patr, "birth_date": r.get("birth_date"),
                    "death_date": r.get("death_date"), "region": r.get("region")})
    return pd.DataFrame(out)


def run_vanilla(rows: list[dict[str, Any]]) -> list[set[int]]:
    """Splink's default name comparisons on the names as written, the same blocking shape."""
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from tally.link import clusters

    frame = _raw(rows)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
                     cl.NameComparison("first_name"), cl.NameComparison("patronymic"),
                     cl.ExactMatch("birth_date"), cl.ExactMatch("death_date"),
                     cl.ExactMatch("region")],
        blocking_rules_to_generate_predictions=[
            block_on("last_name", "substr(first_name, 1, 1)"),
            block_on("last_name", "substr(birth_date, 1, 4)"),
            block_on("last_name", "death_date"),
            block_on("first_name", "patronymic", "substr(birth_date, 1, 4)"),
        ],
    )
    api = DuckDBAPI()
    linker = Linker(api.register(frame), settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("last_name", "first_name", "birth_date")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=7)
    for rule in (block_on("last_name", "first_name"), block_on("birth_date")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=2e6)
    pairs = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    items = {int(u): None for u in frame["unique_id"]}
    edges = pairs[["unique_id_l", "unique_id_r", "match_probability"]].itertuples(
        index=False, name=None)
    return clusters.build(items, [], [], ((int(a), int(b), p) for a, b, p in edges)).groups()


def one(kind: str, persons: int) -> dict[str, Any]:
    from link_corpus import generate

    rows, truth = generate(persons, seed=11)
    start = time.perf_counter()
    groups = run_ours(rows) if kind == "ours" else run_vanilla(rows)
    seconds = time.perf_counter() - start
    p, r, f1 = pairwise(groups, truth)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    return {"kind": kind, "persons": persons, "mentions": len(rows), "precision": p,
            "recall": r, "f1": f1, "seconds": seconds, "peak_gb": peak}


def ruwa() -> dict[str, float]:
    import csv

    from tally.names.keys import given_keys, surname_key

    path = DATA / "linkage" / "ruwa_name_variants" / "name_variant_groups.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [(int(r["group_id"]), r["variant"]) for r in csv.DictReader(fh)]

    def key(v: str) -> tuple[str, frozenset[str]]:
        words = v.split()
        return surname_key(words[-1]), frozenset(given_keys(words[0]) if len(words) > 1 else ())

    keyed = [(g, key(v)) for g, v in rows]

    def together(a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> bool:
        from tally.names.keys import coarse_key

        same_last = a[0] == b[0] or coarse_key(a[0]) == coarse_key(b[0])
        return same_last and (not a[1] or not b[1] or bool(a[1] & b[1]))

    same = [together(a, b) for (ga, a), (gb, b) in combinations(keyed, 2) if ga == gb]
    diff = [not together(a, b) for (ga, a), (gb, b) in combinations(keyed, 2) if ga != gb]
    return {"same_pairs": len(same), "same_together": sum(same) / len(same),
            "diff_pairs": len(diff), "diff_apart": sum(diff) / len(diff)}


def bessudnov() -> dict[str, float]:
    import duckdb

    base = DATA / "losses" / "bessudnov"
    con = duckdb.connect()
    con.execute(f"""
      CREATE TABLE old AS SELECT id, region, birthYear AS by, deathConfirmedDate AS d,
        unnest(regexp_extract_all(coalesce(source, ''), 'https?://[^\\s()]+')) AS url
        FROM read_csv_auto('{base / "dfCasualtiesAnonymised_Dec2022.csv"}', all_varchar=true);
      CREATE TABLE new AS SELECT id, region, birthYear AS by, deathConfirmedDate AS d,
        unnest(regexp_extract_all(coalesce(source, ''), 'https?://[^\\s()]+')) AS url
        FROM read_csv_auto('{base / "dfFatalitiesAnonymised.csv"}', all_varchar=true);
    """)
    n_old = con.execute(
        f"SELECT count(*) FROM read_csv_auto('{base / 'dfCasualtiesAnonymised_Dec2022.csv'}')"
    ).fetchall()[0][0]
    found = con.execute("""
      SELECT count(DISTINCT o.id) FROM old o JOIN new n ON o.url = n.url
      WHERE o.region = n.region AND (o.by IS NULL OR n.by IS NULL OR o.by = n.by)""").fetchall()
    with_url = con.execute("SELECT count(DISTINCT id) FROM old").fetchall()[0][0]
    return {"earlier_rows": n_old, "with_url": with_url, "found": found[0][0]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, nargs="*", default=[20_000])
    ap.add_argument("--one", nargs=2)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return
    lines = ["## Linkage", "", "2-core machine shared with other jobs; each run in its own "
             "process (peak = max RSS).", "",
             "| corpus | persons | mentions | model | precision | recall | F1 | time s | "
             "peak GB |", "|---|---|---|---|---|---|---|---|---|"]
    for n in args.persons:
        for kind in ("ours", "vanilla"):
            out = subprocess.run([sys.executable, __file__, "--one", kind, str(n)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            lines.append(f"| synthetic | {n} | {r['mentions']} | {kind} | {r['precision']:.3f} "
                         f"| {r['recall']:.3f} | {r['f1']:.3f} | {r['seconds']:.0f} | "
                         f"{r['peak_gb']:.2f} |")
            print(lines[-1], flush=True)
    rw = ruwa()
    lines += ["", f"RUWA Latin-script variant groups: {rw['same_together']:.1%} of "
              f"{rw['same_pairs']} same-group pairs brought together by the name key; "
              f"{rw['diff_apart']:.2%} of {rw['diff_pairs']} different-group pairs kept apart."]
    bs = bessudnov()
    lines += ["", f"Bessudnov releases (no names; shared archive URL + region + birth year): "
              f"{bs['found']} of {bs['earlier_rows']} Dec-2022 rows found again in the later "
              f"release ({bs['with_url']} of them have a URL)."]
    text = "\n".join(lines) + "\n"
    print(text)
    out_path = REPO / "docs" / "benchmarks" / "link.md"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
