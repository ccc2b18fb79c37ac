"""`tally synth`: write the whole synthetic corpus into a folder, file by file."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tally.synth import english, lists
from tally.synth.capture import SOURCES, capture
from tally.synth.mentions import MENTION_HEADER, Mention
from tally.synth.news import NewsWriter
from tally.synth.people import Person, PopulationGenerator
from tally.synth.relatives import RelativesWriter
from tally.synth.writers import (
    README,
    TRUTH_HEADER,
    CsvOut,
    TelegramExport,
    dump_json_line,
    truth_row,
    write_yaml,
)

TELEGRAM_URL = "https://t.example/pamyat_synthetic/{}"


@dataclass
class Summary:
    people: int
    seed: int
    records: Counter[str] = field(default_factory=Counter)  # rows / documents per source
    mentions: Counter[str] = field(default_factory=Counter)
    captured: int = 0  # persons in at least one source

    def lines(self) -> list[str]:
        out = [f"persons (true N): {self.people}", f"persons in any source: {self.captured}"]
        for s in SOURCES:
            out.append(f"{s}: {self.records[s]} records, {self.mentions[s]} mentions")
        return out


class _Mentions:
    """truth_mentions.csv plus the capture histories it implies."""

    def __init__(self, path: Path, summary: Summary) -> None:
        self.out = CsvOut(path, MENTION_HEADER)
        self.seen: dict[str, set[str]] = {}
        self.summary = summary

    def add(self, m: Mention) -> None:
        self.out.row(m.row())
        self.seen.setdefault(m.person.pid, set()).add(m.source)
        self.summary.mentions[m.source] += 1


def generate_corpus(outdir: Path, people: int, seed: int) -> Summary:
    """Write the synthetic corpus for ``people`` persons into ``outdir``; deterministic."""
    outdir.mkdir(parents=True, exist_ok=True)
    summary = Summary(people, seed)
    persons = list(PopulationGenerator(seed).people(people))
    cap_rng = random.Random(f"tally-synth:{seed}:capture")
    caps = {p.pid: capture(p, cap_rng) for p in persons}
    with CsvOut(outdir / "truth.csv", TRUTH_HEADER) as truth:
        for p in persons:
            truth.row(truth_row(p))
    mentions = _Mentions(outdir / "truth_mentions.csv", summary)
    urls: dict[str, list[str]] = {}
    _official(outdir, [p for p in persons if caps[p.pid].official], seed, mentions, summary)
    _news(outdir, [p for p in persons if caps[p.pid].news], seed, mentions, urls, summary)
    _relatives(outdir, [p for p in persons if caps[p.pid].relatives], seed, mentions, urls,
               summary)
    _english(outdir, [p for p in persons if caps[p.pid].english], seed, mentions, urls, summary)
    _aggregator(outdir, [p for p in persons if caps[p.pid].aggregator], seed, mentions, urls,
                summary)
    mentions.out.close()
    with CsvOut(outdir / "capture_histories.csv", ("person_id", *SOURCES)) as hist:
        for p in persons:
            seen = mentions.seen.get(p.pid, set())
            hist.row([p.pid, *("1" if s in seen else "0" for s in SOURCES)])
    summary.captured = len(mentions.seen)
    readme = README.format(seed=seed, people=people, counts="\n".join(summary.lines()))
    (outdir / "README.txt").write_text(readme, encoding="utf-8")
    return summary


def _official(outdir: Path, persons: list[Person], seed: int, mentions: _Mentions,
              summary: Summary) -> None:
    lang = random.Random(f"tally-synth:{seed}:official-lang").choice(("ru", "en"))
    with CsvOut(outdir / "official_list.csv", lists.OFFICIAL_COLUMNS[lang]) as out:
        for row, m in lists.official_rows(persons, seed):
            out.row(row)
            mentions.add(m)
            summary.records[lists.OFFICIAL] += 1
    write_yaml(outdir / "official_list.mapping.yaml", lists.official_mapping(lang),
               "SYNTHETIC data: list-import mapping for official_list.csv")


def _news(outdir: Path, persons: list[Person], seed: int, mentions: _Mentions,
          urls: dict[str, list[str]], summary: Summary) -> None:
    with (outdir / "news_posts.jsonl").open("w", encoding="utf-8") as out:
        for doc in NewsWriter(seed).documents(persons):
            dump_json_line(out, doc.json())
            summary.records["news_posts"] += 1
            for m in doc.mentions:
                mentions.add(m)
                urls.setdefault(m.person.pid, []).append(doc.url)


def _relatives(outdir: Path, persons: list[Person], seed: int, mentions: _Mentions,
               urls: dict[str, list[str]], summary: Summary) -> None:
    name = "Помним наших ребят (СИНТЕТИЧЕСКИЕ ДАННЫЕ)"
    export = TelegramExport(outdir / "relatives_posts.json", name, 1000000001)
    with CsvOut(outdir / "truth_private.csv",
                ("source", "doc_id", "kind", "text", "start", "end")) as private:
        for msg in RelativesWriter(seed).messages(persons):
            export.message(msg.export(name))
            summary.records["relatives_posts"] += 1
            plain = msg.plain()
            for m in msg.mentions:
                mentions.add(m)
                urls.setdefault(m.person.pid, []).append(TELEGRAM_URL.format(msg.id))
            for item in msg.private:
                start = plain.find(item.text)
                private.row(["relatives_posts", item.doc_id, item.kind, item.text, str(start),
                             str(start + len(item.text))])
    export.close()


def _english(outdir: Path, persons: list[Person], seed: int, mentions: _Mentions,
             urls: dict[str, list[str]], summary: Summary) -> None:
    with (outdir / "english_outlet.jsonl").open("w", encoding="utf-8") as out:
        for doc in english.articles(persons, seed):
            dump_json_line(out, doc.json())
            summary.records["english_outlet"] += 1
            for m in doc.mentions:
                mentions.add(m)
                urls.setdefault(m.person.pid, []).append(doc.url)


def _aggregator(outdir: Path, persons: list[Person], seed: int, mentions: _Mentions,
                urls: dict[str, list[str]], summary: Summary) -> None:
    rng = random.Random(f"tally-synth:{seed}:aggregator")
    rows: list[tuple[Person, int]] = [(p, 0) for p in persons]
    rows += [(p, 1) for p in persons if rng.random() < 0.02]  # duplicate rows
    rows.sort(key=lambda item: (item[0].death, item[0].pid, item[1]))
    with CsvOut(outdir / "aggregator_list.csv", lists.AGGREGATOR_COLUMNS) as out:
        for number, (p, _) in enumerate(rows, start=1):
            row_id = f"A{number:06d}"
            links = list(urls.get(p.pid, []))[:3]
            if not links or rng.random() < 0.5:
                links.append(f"https://archive.example/{rng.getrandbits(40):010x}")
            row, facts, name = lists.aggregator_row(p, row_id, links, rng)
            out.row(row)
            mentions.add(Mention(lists.AGGREGATOR, row_id, p, name, facts))
            summary.records[lists.AGGREGATOR] += 1
    write_yaml(outdir / "aggregator_list.mapping.yaml", lists.aggregator_mapping(),
               "SYNTHETIC data: list-import mapping for aggregator_list.csv")
