"""Assemble docs/benchmarks.md from the sections the benchmark scripts write.

Each script in benchmarks/ writes docs/benchmarks/<name>.md; this joins them in a fixed
order (then any others alphabetically) under one heading.

    python benchmarks/assemble.py
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SECTIONS = REPO / "docs" / "benchmarks"
OUT = REPO / "docs" / "benchmarks.md"
ORDER = (
    "import_list", "extract", "gazetteer", "link", "web_load", "estimate_loglinear",
    "estimate_lcmcr", "estimate_simulation", "nowcast",
)

HEADER = """# Benchmarks

Measured by the scripts in `benchmarks/` (each writes its section to `docs/benchmarks/`;
`python benchmarks/assemble.py` joins them here). All figures come from a 2-core machine
with 24 GB of memory; each section says when it ran and under what load. Numbers are never
edited by hand.
"""


def main() -> None:
    files = {p.stem: p for p in SECTIONS.glob("*.md")}
    names = [n for n in ORDER if n in files] + sorted(set(files) - set(ORDER))
    parts = [HEADER] + [files[n].read_text(encoding="utf-8").strip() + "\n" for n in names]
    OUT.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {OUT} from {len(names)} sections: {', '.join(names)}")


if __name__ == "__main__":
    main()
