"""Is the linkage model's match probability calibrated? Pairs by score band vs the truth.

For every pair the model scores (``tally.link.scoring.score``: pairs ≥ the floor, and the low
pairs inside components), the share that are truly one person, per band of
``match_probability``. A calibrated model has share ≈ mean probability in every band; then the
pairs it leaves apart near the threshold are genuinely ambiguous (a bare «Коваленко Роман»
that could be either of two namesakes), and F1 can only rise with more evidence per mention,
not with another threshold.

    PYTHONPATH=src:benchmarks .venv/bin/python benchmarks/link_calibration.py [--synth 75758]
        [--hard 20000] [--out docs/benchmarks/link_calibration.md]
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

import numpy as np

from link import REPO, _drain, corpus

BANDS = (0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97, 0.99, 1.0001)


def table(kind: str, size: int) -> list[str]:
    from tally.link import engine, features, scoring
    from tally.link.run import MATCH_THRESHOLD

    rows, truth = corpus(kind, size)
    mentions = len(rows)
    feats = features.build(_drain(rows), lemmatize=kind == "hard")
    pairs = scoring.score(feats, engine.train(feats), MATCH_THRESHOLD)
    same = np.array([truth[a] == truth[b] for a, b in
                     zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True)])
    prob = pairs["match_probability"].to_numpy()
    band = np.digitize(prob, BANDS) - 1
    out = [f"### {kind}, {size:,} persons ({mentions:,} mentions), {len(prob):,} scored pairs",
           "", "| match_probability | pairs | mean probability | truly one person |",
           "|---|---:|---:|---:|"]
    for i in range(len(BANDS) - 1):
        m = band == i
        if m.any():
            hi = min(BANDS[i + 1], 1.0)
            out.append(f"| [{BANDS[i]:.2f}, {hi:.2f}{']' if hi == 1.0 else ')'} | {m.sum():,} "
                       f"| {prob[m].mean():.3f} | {same[m].mean():.3f} |")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synth", type=int, nargs="*", default=[75_758])
    ap.add_argument("--hard", type=int, nargs="*", default=[20_000])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" /
                    "link_calibration.md")
    args = ap.parse_args()
    lines = ["# Linkage: calibration of the match probability", "",
             f"{date.today()}, {os.cpu_count()}-core machine; `benchmarks/link_calibration.py`.",
             ""]
    for kind, sizes in (("synth", args.synth), ("hard", args.hard)):
        for size in sizes:
            lines += [*table(kind, size), ""]
            print("\n".join(lines[-20:]), flush=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
