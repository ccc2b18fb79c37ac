"""The grading engine on tables of cases (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.model import Grade
from tally.verify.evidence import Evidence, normalise_url
from tally.verify.grading import Review, compatible, grade_fact, grade_person
from tally.verify.independence import groups
from tally.verify.rules import RulesError, load_rules

RULES = load_rules()
POST = ("Сегодня стало известно о гибели нашего земляка Иванова Сергея Петровича, который "
        "служил в зоне специальной военной операции. Прощание состоится в пятницу в доме "
        "культуры, администрация района выражает соболезнования родным и близким.")


def ev(i: int, source: int | None = None, stype: str = "unknown", *, url: str | None = None,
       text: str | None = None, confirms: bool = False, **facts: str) -> Evidence:
    return Evidence(mention_id=i, source_id=source if source is not None else i,
                    source_type=stype, source_confirms=confirms,
                    urls=(url,) if url else (), text=text, facts=facts)


@pytest.mark.parametrize(
    ("evidence", "review", "grade", "why"),
    [
        ([ev(1, stype="local_media")], None, Grade.REPORTED, "single"),
        ([ev(1, stype="local_media"), ev(2, stype="aggregator")], None, Grade.CONFIRMED, "2 ind"),
        ([ev(1, 7), ev(2, 7)], None, Grade.REPORTED, "single"),  # one channel twice
        ([ev(1, url="https://t.me/s/chan/5"), ev(2, url="http://t.me/chan/5/")], None,
         Grade.REPORTED, "single"),  # the same post
        ([ev(1, url="https://ngs.ru/a/1"),
          ev(2, url="https://web.archive.org/web/2023/https://ngs.ru/a/1")], None,
         Grade.REPORTED, "single"),  # an archived copy of the same page
        ([ev(1, text=POST), ev(2, text=POST + " Вечная память!")], None, Grade.REPORTED,
         "single"),  # a repost with a line added
        ([ev(1, stype="relatives")], None, Grade.CONFIRMED, "relatives"),
        ([ev(1, stype="official")], None, Grade.CONFIRMED, "official"),
        ([ev(1, confirms=True)], None, Grade.CONFIRMED, "compilers"),
        ([ev(1)], Review("confirm", "olga"), Grade.CONFIRMED, "olga"),
        ([ev(1, stype="official")], Review("discount", "olga", "he is alive"),
         Grade.DISCOUNTED, "he is alive"),
        ([ev(1, text="Иванов Сергей погиб под Бахмутом"),
          ev(2, text="Иванов Сергей жив, он в плену, сообщила его семья")], None,
         Grade.CONTESTED, "alive, captured"),
        ([ev(1, text="Иванов Сергей погиб"), ev(2, text="Иванов Сергей в плену")],
         Review("confirm", "olga"), Grade.CONFIRMED, "note: sources conflict"),
        ([], None, Grade.DISCOUNTED, "no evidence left"),
        ([], Review("confirm", "olga"), Grade.DISCOUNTED, "confirmation by olga is kept"),
    ],
)
def test_person_grades(evidence: list[Evidence], review: Review | None, grade: Grade,
                       why: str) -> None:
    result = grade_person(evidence, RULES, review)
    assert result.grade is grade
    assert why in result.reason


def test_fact_contested_while_death_confirmed() -> None:
    result = grade_person([ev(1, "official", death_date="2023-05-14"),
                           ev(2, death_date="2023-06-02"), ev(3, death_date="2023-05")], RULES)
    assert result.grade is Grade.CONFIRMED
    fact = result.facts["death_date"]
    assert fact.grade is Grade.CONTESTED and fact.value is None
    assert "2023-05-14" in fact.reason and "2023-06-02" in fact.reason


def test_key_fact_conflict_contests_person() -> None:
    rules = RULES.model_copy(update={"key_facts": ["birth_date"]})
    result = grade_person([ev(1, birth_date="1990"), ev(2, birth_date="1985")], rules)
    assert result.grade is Grade.CONTESTED and "birth_date" in result.reason


@pytest.mark.parametrize(
    ("prop", "a", "b", "ok"),
    [("death_date", "2023-05", "2023-05-14", True), ("death_date", "2023", "2024", False),
     ("death_date", "2023-05-14", "2023-05-15", False), ("region", "RU-BU", "ru-bu", True),
     ("unit", "37 ОМСБр", "36 ОМСБр", False)],
)
def test_compatible(prop: str, a: str, b: str, ok: bool) -> None:
    assert compatible(prop, a, b) is ok


@pytest.mark.parametrize(
    ("evidence", "correction", "grade", "value"),
    [
        ([ev(1, region="RU-BU")], None, Grade.REPORTED, "RU-BU"),
        ([ev(1, region="RU-BU"), ev(2, region="RU-BU")], None, Grade.CONFIRMED, "RU-BU"),
        ([ev(1, death_date="2023-05"), ev(2, death_date="2023-05-14")], None,
         Grade.CONFIRMED, "2023-05-14"),
        ([ev(1, region="RU-BU"), ev(2, region="RU-TY")], None, Grade.CONTESTED, None),
        ([ev(1, region="RU-BU"), ev(2, region="RU-TY")], ("RU-TY", "olga"), Grade.CONFIRMED,
         "RU-TY"),
    ],
)
def test_fact_grades(evidence: list[Evidence], correction: tuple[str, str] | None,
                     grade: Grade, value: str | None) -> None:
    fact = grade_fact("region" if "region" in evidence[0].facts else "death_date",
                      groups(evidence, RULES.independence), RULES, correction)
    assert fact is not None and (fact.grade, fact.value) == (grade, value)


def test_independent_texts_stay_apart() -> None:
    other = ("Администрация города с прискорбием сообщает: при выполнении боевых задач погиб "
             "Иванов Сергей Петрович, уроженец села Кижинга, ему было тридцать два года, у "
             "него остались родители.")
    assert len(groups([ev(1, text=POST), ev(2, text=other)], RULES.independence)) == 2


@pytest.mark.parametrize(
    ("url", "norm"),
    [("https://www.Example.ru/a/", "example.ru/a"), ("t.me/s/x/1", "t.me/x/1"),
     ("https://web.archive.org/web/20230101000000/https://ngs.ru/x", "ngs.ru/x")],
)
def test_normalise_url(url: str, norm: str) -> None:
    assert normalise_url(url) == norm


def test_denial_only_near_the_name() -> None:
    far = "Иванов Сергей погиб. " + "слово " * 100 + "Его сосед Петров жив."
    near = Evidence(mention_id=1, source_id=1, text=far, name_span=(0, 13))
    assert grade_person([near, ev(2)], RULES).grade is Grade.CONFIRMED
    assert grade_person([ev(1, text=far), ev(2)], RULES).grade is Grade.CONTESTED  # no span


def test_rules_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("source_types: {official: {confirms: true}}\n", encoding="utf-8")
    with pytest.raises(RulesError, match="missing"):
        load_rules(bad)
    bad.write_text(Path(RULES_PATH).read_text(encoding="utf-8") + "\nsurprise: 1\n",
                   encoding="utf-8")
    with pytest.raises(RulesError):
        load_rules(bad)


def test_rules_change_the_grade(tmp_path: Path) -> None:
    text = Path(RULES_PATH).read_text(encoding="utf-8").replace(
        "independent_sources: 2", "independent_sources: 3")
    path = tmp_path / "strict.yaml"
    path.write_text(text, encoding="utf-8")
    strict = load_rules(path)
    two = [ev(1), ev(2)]
    assert grade_person(two, RULES).grade is Grade.CONFIRMED
    assert grade_person(two, strict).grade is Grade.REPORTED


from tally.verify.rules import DEFAULT_RULES as RULES_PATH  # noqa: E402
