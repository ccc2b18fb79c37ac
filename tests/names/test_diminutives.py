from __future__ import annotations

import pytest

from tally.names.diminutives import _table, canonical_keys, full_names, sex_of
from tally.names.translit import to_folded_latin


@pytest.mark.parametrize(("form", "names"), [
    ("Саша", {"Александр", "Александра"}), ("Шура", {"Александр", "Александра"}),
    ("Серёжа", {"Сергей"}), ("Сережа", {"Сергей"}), ("Лёша", {"Алексей"}),
    ("Женя", {"Евгений", "Евгения"}), ("Дима", {"Дмитрий"}), ("Коля", {"Николай"}),
    ("Ваня", {"Иван"}), ("Олександр", {"Александр"}), ("Sasha", {"Александр", "Александра"}),
    ("Zhenya", {"Евгений", "Евгения"}), ("Schenja", {"Евгений", "Евгения"}),
    ("Volodymyr", {"Владимир"}), ("Михайло", {"Михаил"}), ("Serhiy", {"Сергей"}),
])
def test_diminutives_and_regional_forms(form: str, names: set[str]) -> None:
    assert set(full_names(form)) == names


def test_full_name_resolves_to_itself_first() -> None:
    assert full_names("Алёна")[0] == "Алёна"
    assert canonical_keys("Aleksandr") == (to_folded_latin("Александр"),)


def test_unknown_name_keeps_its_own_key() -> None:
    assert canonical_keys("Баирма") == (to_folded_latin("Баирма"),)
    assert full_names("Баирма") == ()


def test_table_is_large_and_well_formed() -> None:
    rows = _table()
    assert len(rows) >= 150
    assert all(sex in ("m", "f") for _n, sex, _v in rows)
    assert sex_of("Евгения") == "f"
    assert sex_of("Евгений") == "m"
