"""Scoring of extraction against the labelled corpus (used by the test and the benchmark)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"
FIELDS = ("person", "name", "birth_date", "death_date", "age", "region", "settlement", "unit",
          "rank", "is_officer", "channel", "citizenship")


def load_corpus(split: str) -> list[dict[str, Any]]:
    path = CORPUS / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _norm(value: Any) -> str:
    s = str(value).casefold().replace("ё", "е")
    return re.sub(r"[^\w]+", "", s)


def _value(person: dict[str, Any], field: str) -> Any:
    if field == "person":
        return True
    if field == "name":
        parts = (person.get("last_name"), person.get("first_name"), person.get("patronymic"))
        return None if not any(parts) else tuple(_norm(p) if p else None for p in parts)
    value = person.get(field)
    if value is None:
        return None
    if field == "unit":
        return _norm(value).replace("чвк", "").replace("вч", "")
    if field in ("settlement", "rank"):
        return _norm(value)
    return value


def _match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    pairs = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi in used:
                continue
            gl, pl = _norm(g.get("last_name") or ""), _norm(p.get("last_name") or "")
            gf, pf = _norm(g.get("first_name") or ""), _norm(p.get("first_name") or "")
            same_last = bool(gl) and gl[:4] == pl[:4]
            same_first = bool(gf) and gf[:3] == pf[:3]
            if (same_last and (not gf or not pf or same_first)) or (not gl and same_first):
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def evaluate(
    corpus: list[dict[str, Any]], extract: Callable[..., Any]
) -> tuple[dict[str, tuple[float, float, float, int]], list[str]]:
    """Per-field (precision, recall, F1, gold count), and a list of mismatches."""
    tp = dict.fromkeys(FIELDS, 0)
    fp = dict.fromkeys(FIELDS, 0)
    fn = dict.fromkeys(FIELDS, 0)
    errors: list[str] = []
    for rec in corpus:
        res = extract(rec["text"], lang=rec["lang"], published=date.fromisoformat(rec["published"]))
        pred = [p.to_json() for p in res.persons]
        gold = rec["persons"]
        pairs = _match(gold, pred)
        mg = {g for g, _ in pairs}
        mp = {p for _, p in pairs}
        for field in FIELDS:
            for g, p in pairs:
                gv, pv = _value(gold[g], field), _value(pred[p], field)
                if gv is not None and pv == gv:
                    tp[field] += 1
                else:
                    if pv is not None:
                        fp[field] += 1
                    if gv is not None:
                        fn[field] += 1
                    if gv != pv:
                        errors.append(f"{rec['id']} {field}: gold={gv!r} pred={pv!r}")
            for g in set(range(len(gold))) - mg:
                if _value(gold[g], field) is not None:
                    fn[field] += 1
            for p in set(range(len(pred))) - mp:
                if _value(pred[p], field) is not None:
                    fp[field] += 1
        for g in set(range(len(gold))) - mg:
            who = f"{gold[g].get('last_name')} {gold[g].get('first_name')}"
            errors.append(f"{rec['id']} missed {who}")
        for p in set(range(len(pred))) - mp:
            errors.append(f"{rec['id']} extra {pred[p].get('full_name')}")
    rows: dict[str, tuple[float, float, float, int]] = {}
    for field in FIELDS:
        prec = tp[field] / (tp[field] + fp[field]) if tp[field] + fp[field] else 1.0
        rec_ = tp[field] / (tp[field] + fn[field]) if tp[field] + fn[field] else 1.0
        f = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
        rows[field] = (prec, rec_, f, tp[field] + fn[field])
    return rows, errors
