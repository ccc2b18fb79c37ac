"""Backtest of the reporting-delay nowcast on the 27 Mediazona/BBC snapshots.

Writes docs/benchmarks/nowcast.md. Usage:
PYTHONPATH=src python benchmarks/nowcast.py [path/to/shared/data]
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

from tally.estimate.nowcast import fit_completeness, nowcast
from tally.estimate.nowcast_backtest import backtest, summarise
from tally.estimate.nowcast_data import build_triangle, read_vintages

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data"
    start = time.perf_counter()
    tri = build_triangle(read_vintages(data / "losses" / "mediazona_daily" / "vintages"))
    fit = fit_completeness(tri)
    shares = ", ".join(
        f"{a} wk {100 * math.exp(float(fit.g[a])):.1f}%"
        for a in (0, 4, 8, 13, 26, 52, 104, 156)
        if a <= fit.horizon
    )
    lines = [
        "## Nowcasting the reporting delay (Mediazona/BBC named deaths by week of death)",
        "",
        f"{len(tri.vintages)} snapshots {tri.vintages[0]} – {tri.vintages[-1]}, "
        f"{len(tri.weeks)} weeks of death. Fitted share of the count known at age "
        f"(anchored at {fit.horizon} weeks = 100%): {shares}. Dispersion φ = {fit.phi:.1f}.",
        "",
        "Backtest: from each snapshot, nowcast the 12 most recent complete weeks using only the "
        "snapshots up to it; compare with a later snapshot. Naive = the count as reported.",
        "",
        "| reference | origins | weeks | MAE nowcast | MAE naive | mean abs. rel. error "
        "nowcast | naive | mean signed rel. error nowcast | 90% interval coverage | "
        "abs. rel. error of the 12-week total, nowcast | naive |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, gap in (("≥ 6 months later", 182), ("latest snapshot", None)):
        s = summarise(backtest(tri, weeks_back=12, min_gap_days=gap, n_boot=100))
        lines.append(
            f"| {label} | {s.origins} | {s.weeks} | {s.mae_nowcast:.0f} | {s.mae_naive:.0f} | "
            f"{s.mean_abs_rel_nowcast:.0%} | {s.mean_abs_rel_naive:.0%} | "
            f"{s.mean_rel_nowcast:+.0%} | {s.coverage:.0%} | {s.total_abs_rel_nowcast:.0%} | "
            f"{s.total_abs_rel_naive:.0%} |"
        )
    nc = nowcast(tri, weeks_back=12, seed=0)
    lines += [
        "",
        f"Nowcast at the latest snapshot ({tri.vintages[-1]}), count expected at "
        f"{fit.horizon} weeks of age, 90% interval:",
        "",
        "| week of death (Mon) | reported | nowcast | 90% interval |",
        "|---|---|---|---|",
    ]
    for w, r, e, lo, hi in zip(nc.weeks, nc.reported, nc.estimate, nc.lower, nc.upper, strict=True):
        lines.append(f"| {w} | {r:,.0f} | {e:,.0f} | {lo:,.0f}–{hi:,.0f} |")
    lines += ["", f"Run time {time.perf_counter() - start:.0f} s on a 2-core machine."]
    text = "\n".join(lines) + "\n"
    print(text)
    (REPO / "docs" / "benchmarks" / "nowcast.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
