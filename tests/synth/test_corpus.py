"""The corpus as a whole: determinism, truth/mention consistency, file shapes."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from tally.model import Channel, PartialDate
from tally.synth import generate_corpus
from tally.synth.capture import SOURCES
from tally.synth.news_templates import all_template_keys

PEOPLE = 800


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "a"
    generate_corpus(out, PEOPLE, seed=7)
    return out


def _docs(corpus: Path) -> dict[tuple[str, str], str]:
    """(source, doc_id) -> text, for the text sources."""
    texts: dict[tuple[str, str], str] = {}
    for source in ("news_posts", "english_outlet"):
        for line in (corpus / f"{source}.jsonl").read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            texts[(source, item["id"])] = item["text"]
    export = json.loads((corpus / "relatives_posts.json").read_text(encoding="utf-8"))
    for msg in export["messages"]:
        text = msg["text"] if isinstance(msg["text"], str) else "".join(
            part if isinstance(part, str) else part["text"] for part in msg["text"])
        texts[("relatives_posts", f"tg-{msg['id']:06d}")] = text
    return texts


def test_same_seed_same_bytes_other_seed_differs(corpus: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    generate_corpus(again, PEOPLE, seed=7)
    generate_corpus(other, PEOPLE, seed=8)
    files = sorted(p.name for p in corpus.iterdir())
    assert files == sorted(p.name for p in again.iterdir())
    for name in files:
        assert (corpus / name).read_bytes() == (again / name).read_bytes(), name
    assert (corpus / "truth.csv").read_bytes() != (other / "truth.csv").read_bytes()
    assert (corpus / "news_posts.jsonl").read_bytes() != (other / "news_posts.jsonl").read_bytes()


def test_truth_rows_are_valid(corpus: Path) -> None:
    rows = _read(corpus / "truth.csv")
    assert len(rows) == PEOPLE
    assert len({r["person_id"] for r in rows}) == PEOPLE
    channels = {c.value for c in Channel}
    for r in rows:
        assert r["channel"] in channels
        assert PartialDate.parse(r["birth_date"]).precision == "day"
        assert "2022-02-24" <= r["death_date"] <= "2025-12-31"
        assert r["region"].startswith("RU-") or r["citizenship"] != "RU"
    foreign = sum(r["citizenship"] != "RU" for r in rows)
    assert 0 < foreign < PEOPLE * 0.1


def test_mentions_point_to_real_persons_and_histories_agree(corpus: Path) -> None:
    persons = {r["person_id"] for r in _read(corpus / "truth.csv")}
    seen: dict[str, set[str]] = defaultdict(set)
    for m in _read(corpus / "truth_mentions.csv"):
        assert m["person_id"] in persons
        assert m["source"] in SOURCES
        seen[m["person_id"]].add(m["source"])
    histories = _read(corpus / "capture_histories.csv")
    assert {h["person_id"] for h in histories} == persons
    for h in histories:
        assert {s for s in SOURCES if h[s] == "1"} == seen.get(h["person_id"], set())
    never_seen = sum(all(h[s] == "0" for s in SOURCES) for h in histories)
    assert 0 < never_seen < PEOPLE  # the true N exceeds what the sources show


def test_mention_spans_and_dates(corpus: Path) -> None:
    texts = _docs(corpus)
    checked = 0
    for m in _read(corpus / "truth_mentions.csv"):
        for field in ("birth_date", "death_date"):
            if m[field]:
                PartialDate.parse(m[field])
        if m["name_start"]:
            text = texts[(m["source"], m["doc_id"])]
            assert text[int(m["name_start"]) : int(m["name_end"])] == m["surface"]
            checked += 1
    assert checked > PEOPLE / 4


def test_telegram_export_shape(corpus: Path) -> None:
    export = json.loads((corpus / "relatives_posts.json").read_text(encoding="utf-8"))
    assert export["synthetic"] is True
    assert {"name", "type", "id", "messages"} <= set(export)
    assert export["messages"]
    for msg in export["messages"]:
        assert msg["type"] == "message"
        assert isinstance(msg["id"], int)
        assert len(msg["date"]) == 19 and msg["date"][10] == "T"
        assert isinstance(msg["text"], str | list)
        if isinstance(msg["text"], list):
            for part in msg["text"]:
                assert isinstance(part, str) or {"type", "text"} <= set(part)
        joined = "".join(e["text"] for e in msg["text_entities"])
        plain = msg["text"] if isinstance(msg["text"], str) else "".join(
            p if isinstance(p, str) else p["text"] for p in msg["text"])
        assert joined == plain


def test_private_data_spans(corpus: Path) -> None:
    texts = _docs(corpus)
    rows = _read(corpus / "truth_private.csv")
    assert {r["kind"] for r in rows} == {"phone", "address", "relative_name"}
    for r in rows:
        text = texts[("relatives_posts", r["doc_id"])]
        assert text[int(r["start"]) : int(r["end"])] == r["text"]


@pytest.mark.parametrize(("csv_name", "yaml_name"), [
    ("official_list.csv", "official_list.mapping.yaml"),
    ("aggregator_list.csv", "aggregator_list.mapping.yaml"),
])
def test_mapping_names_existing_columns(corpus: Path, csv_name: str, yaml_name: str) -> None:
    mapping = yaml.safe_load((corpus / yaml_name).read_text(encoding="utf-8"))
    with (corpus / csv_name).open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert mapping["id"] in header
    assert set(mapping["fields"].values()) <= set(header)
    rows = _read(corpus / csv_name)
    for field, table in mapping["values"].items():
        column = mapping["fields"][field]
        used = {r[column] for r in rows} - set(mapping["missing"])
        assert used <= set(table), (field, used - set(table))


def test_mappings_load_with_the_list_importer(corpus: Path) -> None:
    mapping = pytest.importorskip("tally.ingest.mapping")
    for name in ("official_list.mapping.yaml", "aggregator_list.mapping.yaml"):
        mapping.load_mapping(corpus / name)


def test_official_list_rows_are_distinct_persons(corpus: Path) -> None:
    rows = [m for m in _read(corpus / "truth_mentions.csv") if m["source"] == "official_list"]
    assert rows
    assert len({m["person_id"] for m in rows}) == len(rows)


def test_labelled_synthetic(corpus: Path) -> None:
    assert "SYNTHETIC" in (corpus / "README.txt").read_text(encoding="utf-8")
    first = json.loads((corpus / "news_posts.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["synthetic"] is True
    assert "SYNTHETIC" in (corpus / "official_list.mapping.yaml").read_text(encoding="utf-8")


def test_enough_distinct_news_sentence_structures() -> None:
    keys = all_template_keys()
    assert len(set(keys)) == len(keys) >= 40
