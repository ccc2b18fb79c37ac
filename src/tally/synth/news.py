"""The regional news site: obituary-style Russian items about one, two or three persons."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tally.synth import news_templates as nt
from tally.synth.ctx import Ctx
from tally.synth.mentions import Mention
from tally.synth.people import Person
from tally.synth.regions import regions
from tally.synth.render import Style

SOURCE = "news_posts"
_STYLES: tuple[Style, ...] = ("fpl", "fl", "lfp", "l_init", "init_l", "lf")
_STYLE_W = (35, 25, 15, 10, 5, 10)


@dataclass(slots=True)
class Doc:
    id: str
    text: str
    url: str
    date: date
    mentions: list[Mention]

    def json(self) -> dict[str, object]:
        return {"id": self.id, "text": self.text, "url": self.url,
                "date": self.date.isoformat(), "synthetic": True}


def report_delay(rng: random.Random) -> timedelta:
    return timedelta(days=1 + int(rng.lognormvariate(2.3, 0.9)))


def _pick(rng: random.Random, templates: Sequence[nt.T], c: Ctx) -> nt.T | None:
    fitting = [t for t in templates if t.fits(c)]
    return rng.choice(fitting) if fitting else None


def _ctx(p: Person, rng: random.Random, doc_id: str) -> Ctx:
    style = rng.choices(_STYLES, _STYLE_W)[0]
    return Ctx(p, rng, style, Mention(SOURCE, doc_id, p))


def _single(p: Person, rng: random.Random, doc_id: str) -> tuple[list[str], Ctx]:
    c = _ctx(p, rng, doc_id)
    lead = _pick(rng, nt.LEADS, c)
    assert lead is not None
    sentences = [lead.render(c)]
    body: list[str] = []
    for group, chance in ((nt.BIRTH, 0.45), (nt.AGE, 0.4), (nt.ORIGIN, 0.6), (nt.UNIT, 0.45),
                          (nt.RANK, 0.15), (nt.DEATH, 0.6), (nt.CITIZEN, 0.9)):
        t = _pick(rng, group, c) if rng.random() < chance else None
        if t is not None:
            body.append(t.render(c))
    cue = _pick(rng, nt.CHANNEL.get(p.channel, ()), c) if rng.random() < 0.6 else None
    if cue is not None:
        body.append(cue.render(c))
    rng.shuffle(body)
    sentences += body
    if rng.random() < 0.5:
        closings = nt.CLOSINGS if p.sex == "M" else nt.CLOSINGS[:2]
        sentences.append(rng.choice(closings))
    return sentences, c


class NewsWriter:
    """Turns the persons the news site reports into documents (in order of publication)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"tally-synth:{seed}:news")
        self._count = 0

    def _next_id(self) -> str:
        self._count += 1
        return f"news-{self._count:06d}"

    def _doc(self, doc_id: str, sentences: list[str], day: date, ctxs: list[Ctx]) -> Doc:
        text = " ".join(s[:1].upper() + s[1:] for s in sentences)
        for c in ctxs:
            c.m.locate(text)
        url = f"https://news.example/{day:%Y/%m/%d}/{doc_id}"
        return Doc(doc_id, text, url, day, [c.m for c in ctxs])

    def documents(self, persons: Sequence[Person]) -> Iterator[Doc]:
        rng = self.rng
        dated = sorted((p.death + report_delay(rng), p.pid, p) for p in persons)
        used: set[str] = set()
        reported: dict[str, list[Person]] = {}
        for i, (day, pid, p) in enumerate(dated):
            if pid in used:
                continue
            used.add(pid)
            if rng.random() < 0.04:
                yield self._count_only(day)
            group = [p]
            if p.region is not None and rng.random() < 0.1:
                for _, qid, q in dated[i + 1 : i + 40]:
                    if qid not in used and q.region is p.region and len(group) < 3:
                        group.append(q)
                        used.add(qid)
            if len(group) > 1:
                yield self._group(group, day)
            else:
                yield self._one(p, day, reported.get(p.region_code, []))
            reported.setdefault(p.region_code, []).extend(group)

    def _one(self, p: Person, day: date, earlier: list[Person]) -> Doc:
        rng, doc_id = self.rng, self._next_id()
        sentences, c = _single(p, rng, doc_id)
        ctxs = [c]
        if earlier and rng.random() < 0.12:
            other = rng.choice(earlier[-20:])
            back = _ctx(other, rng, doc_id)
            t = _pick(rng, nt.BACKREFS, back)
            if t is not None:
                sentences.append(t.render(back))
                ctxs.append(back)
        return self._doc(doc_id, sentences, day, ctxs)

    def _group(self, group: list[Person], day: date) -> Doc:
        rng, doc_id = self.rng, self._next_id()
        region = group[0].region
        assert region is not None
        _, lead = rng.choice(nt.GROUP_LEADS)
        sentences, ctxs = [lead(region, len(group))], []
        for p in group:
            c = _ctx(p, rng, doc_id)
            c.m.facts["region"] = region.code
            t = _pick(rng, nt.GROUP_LINES, c)
            assert t is not None
            sentences.append(t.render(c))
            ctxs.append(c)
        return self._doc(doc_id, sentences, day, ctxs)

    def _count_only(self, day: date) -> Doc:
        rng, doc_id = self.rng, self._next_id()
        _, render = rng.choice(nt.COUNT_ONLY)
        return self._doc(doc_id, [render(rng.choice(regions()), rng.randrange(2, 9))], day, [])
