"""A synthetic corpus for the linkage benchmark: persons, and mentions of them with noise.

Independent of Tally's own name keys: Latin spellings come from iuliia schemes and from
``tally.synth.translit`` (German, Polish); inflection from ``tally.synth.inflect``; names from
``tally.synth.names_ru`` plus generated surnames (Zipf frequencies). Noise: diminutives,
initials, missing patronymics, swapped order, typos, partial dates, age instead of birth date,
death dates a few days off, missing region/unit.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from tally.synth import names_ru
from tally.synth.inflect import feminine_surname, inflect_first_name, inflect_surname
from tally.synth.patronymic import patronymic
from tally.synth.translit import transliterate

LATIN = ("bgn_pcgn", "icao", "gost_779_b", "wikipedia", "german", "polish")
IULIIA_EXTRA = ("mvd_310", "scientific", "ala_lc", "ungegn_1987")
SUFFIXES = ("ов", "ев", "ин", "енко", "ский", "ук", "ишин", "анов", "яев", "ихин")
STEMS = "Бел Волк Гор Дуб Жар Зар Клим Крас Лап Мал Нов Пас Рыж Сав Тар Фил Чер Шум Щег Юр " \
        "Бар Вор Гал Дор Ерм Заб Кар Лыс Мор Нест Остр Пал Род Сух Тих Уст Хар Цар Шар Яр " \
        "Баж Вит Глад Дер Жил Кол Кур Лук Мих Ник Пет Сем Ткач Фед Чуд Шест Бур Гусл Мед Сол"


def surnames(n: int, rng: random.Random) -> list[str]:
    base = list(dict.fromkeys(names_ru.SURNAMES))
    stems = STEMS.split()
    vowels = "аеиоу"
    out = list(base)
    seen = set(out)
    while len(out) < n:
        stem = rng.choice(stems) + (rng.choice(vowels) + rng.choice("бвгдклмнпрст")
                                    if rng.random() < 0.7 else "")
        word = stem + rng.choice(SUFFIXES)
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


def _zipf_pick(rng: random.Random, items: list[Any], cum: list[float]) -> Any:
    import bisect

    return items[bisect.bisect(cum, rng.random() * cum[-1])]


def _cum(n: int, exponent: float) -> list[float]:
    out, total = [], 0.0
    for i in range(n):
        total += 1 / (i + 1) ** exponent
        out.append(total)
    return out


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1:]
    if kind < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    letters = "аеиоуынлркст" if "а" <= word[i].lower() <= "я" else "aeiounlrkst"
    return word[:i] + rng.choice(letters) + word[i + 1:]


def _latin(word: str, scheme: str) -> str:
    if scheme in IULIIA_EXTRA:
        import iuliia

        return str(iuliia.translate(word, iuliia.schemas.get(scheme)))
    return transliterate(word, scheme)  # type: ignore[arg-type]


def generate(n_persons: int, seed: int = 1, mentions_per_person: float = 2.0,
             ) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """(mention rows, unique_id -> true person id)."""
    rng = random.Random(seed)
    pool = surnames(max(2000, n_persons // 8), rng)
    cum = _cum(len(pool), 0.9)
    male = [m for m, _d in names_ru.MALE_FIRST]
    dims = dict(names_ru.MALE_FIRST)
    male_cum = _cum(len(male), 1.0)
    regions = [f"RU-{c}" for c in ("BU", "TY", "DA", "MOW", "SPE", "KDA", "ROS", "BA", "TA",
                                   "SVE", "CHE", "NIZ", "VGG", "SAR", "IRK", "KYA", "OMS")]
    rows: list[dict[str, Any]] = []
    truth: dict[int, int] = {}
    uid = 0
    for pid in range(n_persons):
        female = rng.random() < 0.03
        last = _zipf_pick(rng, pool, cum)
        first = _zipf_pick(rng, male, male_cum)
        if female:
            last, first = feminine_surname(last), rng.choice(("Анна", "Елена", "Ольга", "Мария"))
        father = _zipf_pick(rng, male, male_cum)
        patr = patronymic(father, "F" if female else "M")
        death = date(2022, 2, 24) + timedelta(days=rng.randrange(0, 1100))
        birth = death - timedelta(days=rng.randrange(19 * 365, 60 * 365))
        region = rng.choice(regions)
        unit = f"в/ч {rng.randrange(10000, 99999)}"
        k = 1 + min(5, int(rng.expovariate(1 / max(mentions_per_person - 1, 0.01))))
        for _ in range(k):
            rows.append(_mention(rng, uid, last, first, patr, female, dims, birth, death,
                                 region, unit))
            truth[uid] = pid
            uid += 1
    rng.shuffle(rows)
    return rows, truth


def _mention(rng: random.Random, uid: int, last: str, first: str, patr: str, female: bool,
             dims: dict[str, tuple[str, ...]], birth: date, death: date, region: str,
             unit: str) -> dict[str, Any]:
    sex = "F" if female else "M"
    f = first
    r = rng.random()
    if r < 0.12 and dims.get(first):
        f = rng.choice(dims[first])
    elif r < 0.2:
        f = first[0] + "."
    p: str | None = patr if rng.random() < 0.55 else None
    ln = last
    style = rng.random()
    if style < 0.15:  # inflected, as in a news sentence
        case = rng.choice(("gent", "datv", "ablt", "loct"))
        ln = inflect_surname(last, sex, case)
        if not f.endswith("."):
            f = inflect_first_name(f, sex, case)
        p = None
    if rng.random() < 0.08:
        ln = _typo(ln, rng)
    if rng.random() < 0.04 and not f.endswith("."):
        f = _typo(f, rng)
    if style > 0.6:  # Latin script
        scheme = rng.choice(LATIN + IULIIA_EXTRA)
        ln = _latin(ln, scheme)
        f = f if f.endswith(".") and False else _latin(f, scheme)
        p = _latin(p, scheme) if p else None
    row: dict[str, Any] = {"unique_id": uid}
    if rng.random() < 0.5:
        parts = [ln, f] + ([p] if p else [])
        if style > 0.6 and rng.random() < 0.6:
            parts = [f] + ([p] if p else []) + [ln]
        row["full_name"] = " ".join(parts)
        # the true split, for the vanilla baseline only (Tally's model never reads it)
        row["split"] = (ln, f, p)
    else:
        if rng.random() < 0.04:
            ln, f = f, ln  # swapped fields
        row.update(last_name=ln, first_name=f, patronymic=p)
    b = rng.random()
    if b < 0.35:
        row["birth_date"] = birth.isoformat()
    elif b < 0.5:
        row["birth_date"] = str(birth.year)
    elif b < 0.75:
        row["age"] = death.year - birth.year - ((death.month, death.day) < (birth.month,
                                                                           birth.day))
    d = rng.random()
    if d < 0.45:
        shift = rng.choice((0, 0, 0, -1, 1, -3, 5))
        row["death_date"] = (death + timedelta(days=shift)).isoformat()
    elif d < 0.65:
        row["death_date"] = death.isoformat()[:7]
    elif d < 0.75:
        row["death_date"] = str(death.year)
    if rng.random() < 0.7:
        row["region"] = region
    if rng.random() < 0.3:
        row["unit"] = unit
    return row
