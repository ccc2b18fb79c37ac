"""Interface languages: Russian (default) and English, from ``locales/*.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

LANGUAGES: tuple[str, ...] = ("ru", "en")
DEFAULT = "ru"


@cache
def messages(lang: str) -> dict[str, str]:
    text = files("tally.web").joinpath("locales", f"{lang}.json").read_text(encoding="utf-8")
    data: dict[str, str] = json.loads(text)
    return data


def pick(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT


@dataclass(frozen=True)
class Translator:
    lang: str

    def __call__(self, key: str, **values: object) -> str:
        text = messages(self.lang).get(key) or messages("en").get(key) or key
        return text.format(**values) if values else text


@cache
def region_names(lang: str) -> dict[str, str]:
    from tally.stats.regions import region_names as names

    return names(lang)
