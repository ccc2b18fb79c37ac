"""The demo: a synthetic corpus through every stage, into its own data folder.

``tally demo`` calls :func:`build_demo` and then serves the dashboard. The folder is marked
with a ``.tally-demo`` file; an existing folder without that mark is never touched.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tally.model import SourceType
from tally.settings import Settings
from tally.store import Store, open_store

MARK = ".tally-demo"

#: (file in the corpus, source name, source type, kind)
SOURCES: tuple[tuple[str, str, SourceType, str], ...] = (
    ("official_list.csv", "official-list", SourceType.OFFICIAL, "list"),
    ("aggregator_list.csv", "aggregator-list", SourceType.AGGREGATOR, "list"),
    ("news_posts.jsonl", "regional-news", SourceType.LOCAL_MEDIA, "posts"),
    ("relatives_posts.json", "relatives-telegram", SourceType.RELATIVES, "posts"),
    ("english_outlet.jsonl", "english-outlet", SourceType.NATIONAL_MEDIA, "posts"),
)


class DemoError(RuntimeError):
    pass


@dataclass
class DemoSummary:
    data_dir: Path
    people_true: int
    steps: list[tuple[str, str]] = field(default_factory=list)
    estimate: dict[str, Any] | None = None

    def add(self, step: str, detail: str) -> None:
        self.steps.append((step, detail))


def prepare_folder(data_dir: Path) -> None:
    if data_dir.exists() and any(data_dir.iterdir()):
        if not (data_dir / MARK).exists():
            raise DemoError(
                f"{data_dir} exists and is not a demo folder; the demo will not touch it "
                "(choose another --data-dir)"
            )
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / MARK).write_text("built by `tally demo`; safe to delete\n", encoding="utf-8")


def build_demo(
    data_dir: Path,
    people: int = 2000,
    seed: int = 1,
    database_url: str = "",
    on_step: Callable[[str], None] | None = None,
) -> tuple[Store, DemoSummary]:
    """Generate, import, extract, link, grade and estimate; returns the store and a summary."""
    from tally.ingest.listimport import import_list
    from tally.ingest.mapping import load_mapping
    from tally.ingest.postimport import import_posts
    from tally.synth import generate_corpus

    def step(name: str) -> None:
        if on_step:
            on_step(name)

    prepare_folder(data_dir)
    corpus = data_dir / "corpus"
    step("generating a synthetic corpus")
    generate_corpus(corpus, people, seed)
    store = open_store(Settings(data_dir=data_dir, database_url=database_url), create=True)
    summary = DemoSummary(data_dir, people)
    for filename, source, stype, kind in SOURCES:
        path = corpus / filename
        step(f"importing {filename}")
        if kind == "list":
            mapping = load_mapping(path.with_name(path.stem + ".mapping.yaml"))
            rep = import_list(store, path, source, mapping, source_type=stype)
            summary.add(f"import {source}", f"{rep.added} rows")
        else:
            prep = import_posts(store, path, source, source_type=stype)
            summary.add(f"import {source}", f"{prep.added} posts, {prep.persons} persons found")
    step("linking mentions into persons")
    summary.add("link", _link(store))
    step("grading")
    from tally.verify.grade import grade_all

    grades = grade_all(store)
    summary.add("grade", ", ".join(f"{k} {v}" for k, v in sorted(grades.items())))
    step("estimating the total (multiple systems estimation)")
    summary.estimate = _estimate(store)
    _after_link(store)
    return store, summary


def _link(store: Store) -> str:
    from tally.link.run import link_probabilistic

    report = link_probabilistic(store)
    return f"{report.mentions} mentions -> {report.persons} persons (Splink, Russian name keys)"


def _after_link(store: Store) -> None:
    """Refresh what the dashboard reads: the person search index."""
    from tally.publish.search_index import refresh

    refresh(store)


def _estimate(store: Store) -> dict[str, Any] | None:
    from tally.estimate import estimate
    from tally.estimate.from_store import capture_table, derived_sources

    table = capture_table(store)
    if table is None:
        return None
    result = estimate(table, method="loglinear", criterion="bic").to_dict()
    result["lists"] = list(table.lists)
    with store.engine.connect() as conn:
        result["left_out"] = derived_sources(conn)  # compilations: not independent lists
    return result
