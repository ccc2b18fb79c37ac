"""Linkage benchmark: Tally's Russian-aware model vs vanilla Splink; Febrl; RUWA; incremental.

Usage: ``PYTHONPATH=src:benchmarks python benchmarks/link.py [--synth 20000 ...]
[--hard 20000] [--incremental 100000] [--skip-febrl]``. Corpora:

* ``synth`` — ``tally synth`` (``generate_corpus``), mention records from
  ``truth_mentions.csv``'s expected fields (what a perfect extractor gives; initials taken
  from the printed name); the size is the number of generated persons;
* ``hard`` — ``benchmarks/link_corpus.py``: more transliteration, inflection and typos.

Each run is its own process, so peak memory (max RSS) is its own; wall and CPU time are both
reported (a 2-core machine shared with other jobs). Writes ``docs/benchmarks/link.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
CACHE = Path("/tmp/tally-link-bench")


def pairwise(groups: list[set[int]], truth: dict[int, int]) -> tuple[float, float, float]:
    tp = pred = 0
    for g in groups:
        pred += len(g) * (len(g) - 1) // 2
        tp += sum(k * (k - 1) // 2 for k in Counter(truth[m] for m in g).values())
    true = sum(k * (k - 1) // 2 for k in Counter(truth.values()).values())
    p = tp / pred if pred else 1.0
    r = tp / true if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_ours(rows: list[dict[str, Any]], lemmatize: bool) -> list[set[int]]:
    from tally.link import engine, features, scoring
    from tally.link.run import MATCH_THRESHOLD, cluster

    feats = features.build(_drain(rows), lemmatize=lemmatize)
    params = engine.train(feats)
    pairs = scoring.score(feats, params, MATCH_THRESHOLD)
    items: dict[int, int | None] = dict.fromkeys(feats["unique_id"].tolist())
    del feats  # clustering needs the ids only
    return cluster(items, [], [], pairs, MATCH_THRESHOLD)


def _drain(rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield the records while freeing them (at 1M mentions they take a gigabyte)."""
    rows.reverse()
    while rows:
        yield rows.pop()


def _raw(rows: list[dict[str, Any]]) -> Any:
    """Names as written, split correctly (the generator's own split), nothing normalised."""
    import pandas as pd

    out = []
    for r in rows:
        last, first, patr = r.get("last_name"), r.get("first_name"), r.get("patronymic")
        if r.get("split"):
            last, first, patr = r["split"]
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
    from tally.link.engine import duckdb_connection

    frame = _raw(rows)
    rows.clear()  # as in run_ours: only the frame is needed from here on
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
                     cl.NameComparison("first_name"), cl.NameComparison("patronymic"),
                     cl.ExactMatch("birth_date"), cl.ExactMatch("death_date"),
                     cl.ExactMatch("region")],
        # the same blocking shapes as Tally's model (tally.link.model.BLOCKING_RULES), on the
        # raw columns: every rule is a name key plus one more fact
        blocking_rules_to_generate_predictions=[
            block_on("last_name", "substr(first_name, 1, 1)", "substr(birth_date, 1, 4)"),
            block_on("last_name", "substr(first_name, 1, 1)", "substr(death_date, 1, 7)"),
            block_on("last_name", "substr(first_name, 1, 1)", "region"),
            block_on("last_name", "substr(first_name, 1, 1)", "substr(patronymic, 1, 1)"),
            block_on("first_name", "patronymic", "substr(birth_date, 1, 4)"),
            block_on("first_name", "death_date", "region"),
            block_on("first_name", "patronymic", "substr(last_name, 1, 2)"),
        ],
    )
    api = DuckDBAPI(connection=duckdb_connection())
    linker = Linker(api.register(frame), settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("last_name", "first_name", "birth_date")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=7)
    for rule in (block_on("last_name", "first_name"), block_on("birth_date")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=1e6)
    pairs = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    items = {int(u): None for u in frame["unique_id"]}
    edges = pairs[["unique_id_l", "unique_id_r", "match_probability"]].itertuples(
        index=False, name=None)
    return clusters.build(items, [], [], ((int(a), int(b), p) for a, b, p in edges)).groups()


def synth_dir(people: int) -> Path:
    from tally.synth import generate_corpus

    out = CACHE / f"synth-v3-{people}-7"  # v3: long-tailed pools of peoples of Russia
    if not (out / "README.txt").exists():
        generate_corpus(out, people, 7)
    return out


def name_groups(people: int) -> dict[int, str]:
    """Person number (as in :func:`corpus`) -> "russian", "ethnic RU" or "foreign"."""
    import csv

    order: dict[str, int] = {}
    with (synth_dir(people) / "truth_mentions.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            order.setdefault(rec["person_id"], len(order))
    out: dict[int, str] = {}
    with (synth_dir(people) / "truth.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["person_id"] in order:
                g = rec["name_group"]
                out[order[rec["person_id"]]] = ("russian" if g == "russian" else
                                                "ethnic RU" if g.islower() else "foreign")
    return out


def by_group(groups: list[set[int]], truth: dict[int, int], kinds: dict[int, str],
             ) -> dict[str, float]:
    """Pairwise F1 within each name group (a pair counts for the group of its persons)."""
    out = {}
    for kind in sorted(set(kinds.values())):
        keep = {m for m, p in truth.items() if kinds.get(p) == kind}
        out[kind] = pairwise(*_restrict(groups, truth, keep))[2]
    return out


def corpus(kind: str, size: int) -> tuple[list[dict[str, Any]], dict[int, int]]:
    if kind == "synth":
        from link_synth import expected_rows

        rows, truth, _raw_rows = expected_rows(synth_dir(size), keep_raw=False)
        return rows, truth
    from link_corpus import generate

    return generate(size, seed=11)


def _usage() -> dict[str, float]:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": ru.ru_utime + ru.ru_stime, "peak_gb": ru.ru_maxrss / 1024 / 1024}


def _restrict(groups: list[set[int]], truth: dict[int, int], keep: set[int],
              ) -> tuple[list[set[int]], dict[int, int]]:
    return [g & keep for g in groups if g & keep], {m: p for m, p in truth.items() if m in keep}


def one(model: str, kind: str, size: int) -> dict[str, Any]:
    rows, truth = corpus(kind, size)
    mentions = len(rows)
    named = {int(r["unique_id"]) for r in rows if r.get("last_name") or r.get("full_name")}
    load0 = os.getloadavg()[0]
    start, cpu0 = time.perf_counter(), _usage()["cpu"]
    groups = run_ours(rows, kind == "hard") if model == "ours" else run_vanilla(rows)
    seconds = time.perf_counter() - start
    use = _usage()
    p, r, f1 = pairwise(groups, truth)
    _p, r_named, f1_named = pairwise(*_restrict(groups, truth, named))
    groups_f1 = by_group(groups, truth, name_groups(size)) if kind == "synth" else {}
    return {"model": model, "corpus": kind, "size": size, "mentions": mentions,
            "f1_by_group": groups_f1,
            "precision": p, "recall": r, "f1": f1, "recall_named": r_named,
            "f1_named": f1_named, "seconds": seconds, "cpu": use["cpu"] - cpu0,
            "peak_gb": use["peak_gb"], "load": (load0 + os.getloadavg()[0]) / 2}


def incremental(size: int, new: int = 1000) -> dict[str, Any]:
    """``size - new`` synth mentions linked into a SQLite store, then ``new`` more (timed)."""
    import tempfile
    from datetime import UTC, datetime

    from tally.link.run import RunOptions, link_probabilistic
    from tally.model import SourceType
    from tally.settings import Settings
    from tally.store import open_store
    from tally.store import sources as store_sources
    from tally.store.schema import documents, mentions

    people = int(size / 1.32)
    rows, _truth = corpus("synth", people)
    rows = rows[:size]
    st = open_store(Settings(data_dir=Path(tempfile.mkdtemp(prefix="tally-inc-"))), create=True)

    def add(batch: list[dict[str, Any]]) -> None:
        now = datetime.now(UTC)
        digest = f"{len(batch):064x}"  # one document per batch; (sha256, source) is unique
        with st.engine.begin() as conn:
            sid = store_sources.get_or_create(conn, "bench", type=SourceType.UNKNOWN)
            first = conn.execute(documents.insert().values(
                sha256=digest, source_id=sid, media_type="text/plain", imported_at=now,
                size=0)).inserted_primary_key
            assert first is not None
            recs = [{"document_id": int(first[0]), "source_id": sid, "ordinal": i,
                     "created_at": now, **{k: v for k, v in r.items() if k != "unique_id"}}
                    for i, r in enumerate(batch)]
            for s in range(0, len(recs), 50_000):
                conn.execute(mentions.insert(), recs[s:s + 50_000])

    add(rows[:-new])
    t0 = time.perf_counter()
    link_probabilistic(st, RunOptions(full=True))
    full_s = time.perf_counter() - t0
    add(rows[-new:])
    t1, cpu1 = time.perf_counter(), _usage()["cpu"]
    report = link_probabilistic(st)
    inc_s = time.perf_counter() - t1
    return {"size": len(rows), "new": new, "full_seconds": full_s, "inc_seconds": inc_s,
            "inc_cpu": _usage()["cpu"] - cpu1, "persons": report.persons,
            "peak_gb": _usage()["peak_gb"]}


def febrl() -> list[dict[str, Any]]:
    import pandas as pd

    from tally.link import clusters
    from tally.link.generic import link_generic

    base = DATA / "linkage" / "febrl"

    def load(name: str, offset: int = 0) -> pd.DataFrame:
        f = pd.read_csv(base / name, dtype=str, skipinitialspace=True, keep_default_na=False)
        f.columns = [c.strip() for c in f.columns]
        f["unique_id"] = range(offset, offset + len(f))
        return f

    out = []
    for label, frames, links in (
            ("Febrl 3 (dedupe)", [load("dataset3.csv")], "febrl3_true_links.csv"),
            ("Febrl 4 (link A↔B)", [load("dataset4a.csv"), load("dataset4b.csv", 10**6)],
             "febrl4_true_links.csv")):
        start = time.perf_counter()
        pairs = link_generic(frames)
        every = pd.concat(frames)
        rid = dict(zip(every["rec_id"], every["unique_id"], strict=True))
        tl = pd.read_csv(base / links)
        true = {tuple(sorted((rid[a], rid[b]))) for a, b in zip(tl.rec_id_1, tl.rec_id_2,
                                                                  strict=True)}
        strong = pairs[pairs["match_probability"] >= 0.5]
        items: dict[int, int | None] = {int(u): None for u in every["unique_id"]}
        groups = clusters.build(items, [], [], strong.itertuples(index=False, name=None))
        pred = {tuple(sorted(p)) for g in groups.groups() for p in combinations(g, 2)}
        tp = len(pred & true)
        p, r = tp / max(len(pred), 1), tp / len(true)
        out.append({"label": label, "records": len(every), "precision": p, "recall": r,
                    "f1": 2 * p * r / (p + r), "seconds": time.perf_counter() - start})
    return out


def ruwa() -> dict[str, float]:
    import csv

    from tally.names.keys import coarse_key, given_keys, surname_key

    path = DATA / "linkage" / "ruwa_name_variants" / "name_variant_groups.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [(int(r["group_id"]), r["variant"]) for r in csv.DictReader(fh)]

    def key(v: str) -> tuple[str, frozenset[str]]:
        words = v.split()
        return surname_key(words[-1]), frozenset(given_keys(words[0]) if len(words) > 1 else ())

    keyed = [(g, key(v)) for g, v in rows]

    def together(a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> bool:
        same_last = a[0] == b[0] or coarse_key(a[0]) == coarse_key(b[0])
        return same_last and (not a[1] or not b[1] or bool(a[1] & b[1]))

    same = [together(a, b) for (ga, a), (gb, b) in combinations(keyed, 2) if ga == gb]
    diff = [not together(a, b) for (ga, a), (gb, b) in combinations(keyed, 2) if ga != gb]
    return {"same_pairs": len(same), "same_together": sum(same) / len(same),
            "diff_pairs": len(diff), "diff_apart": sum(diff) / len(diff)}


def _sub(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                         check=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synth", type=int, nargs="*", default=[20_000])
    ap.add_argument("--hard", type=int, nargs="*", default=[20_000])
    ap.add_argument("--incremental", type=int, nargs="*", default=[])
    ap.add_argument("--skip-febrl", action="store_true")
    ap.add_argument("--models", nargs="*", default=["ours", "vanilla"])
    ap.add_argument("--one", nargs=3)
    ap.add_argument("--inc-one", type=int)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" / "link.md")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], args.one[1], int(args.one[2]))))
        return
    if args.inc_one:
        print(json.dumps(incremental(args.inc_one)))
        return
    lines = ["## Linkage", "", f"2-core machine shared with other jobs, {date.today()}; each run "
             "in its own process (peak = max RSS; CPU = user + system seconds; load = 1-minute "
             "load average, mean of start and end). \"named\" = only mentions that carry a "
             "surname (the others are never linked by design).", "",
             "| corpus | persons | mentions | model | precision | recall | F1 | recall (named) | "
             "F1 (named) | wall s | CPU s | peak GB | load |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    jobs = [("synth", n) for n in args.synth] + [("hard", n) for n in args.hard]
    notes: list[str] = []
    for kind, n in jobs:
        for model in args.models:
            r = _sub("--one", model, kind, str(n))
            label = "tally synth (expected fields)" if kind == "synth" else "link_corpus (hard)"
            lines.append(f"| {label} | {n} | {r['mentions']} | {model} | {r['precision']:.3f} "
                         f"| {r['recall']:.3f} | {r['f1']:.3f} | {r['recall_named']:.3f} | "
                         f"{r['f1_named']:.3f} | {r['seconds']:.0f} | {r['cpu']:.0f} | "
                         f"{r['peak_gb']:.2f} | {r['load']:.1f} |")
            print(lines[-1], flush=True)
            if r["f1_by_group"]:
                notes.append(f"{label}, {n} persons, {model}: F1 by name group " + ", ".join(
                    f"{k} {v:.3f}" for k, v in r["f1_by_group"].items()))
    lines += ["", *[f"* {note}" for note in notes]]
    for size in args.incremental:
        r = _sub("--inc-one", str(size))
        lines += ["", f"Incremental (SQLite store): {r['new']} new mentions into "
                  f"{r['size'] - r['new']}: {r['inc_seconds']:.1f} s wall, {r['inc_cpu']:.1f} s "
                  f"CPU (scoring + store write); the full first run took "
                  f"{r['full_seconds']:.0f} s; peak {r['peak_gb']:.2f} GB."]
        print(lines[-1], flush=True)
    if not args.skip_febrl:
        lines += ["", "| Febrl (generic path) | records | precision | recall | F1 | wall s |",
                  "|---|---|---|---|---|---|"]
        for fb in febrl():
            lines.append(f"| {fb['label']} | {fb['records']} | {fb['precision']:.4f} | "
                         f"{fb['recall']:.4f} | {fb['f1']:.4f} | {fb['seconds']:.0f} |")
    rw = ruwa()
    lines += ["", f"RUWA Latin-script variant groups: {rw['same_together']:.1%} of "
              f"{rw['same_pairs']} same-group pairs brought together by the name key; "
              f"{rw['diff_apart']:.2%} of {rw['diff_pairs']} different-group pairs kept apart."]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
