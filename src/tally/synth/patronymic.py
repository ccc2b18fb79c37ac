"""Patronymics built from a father's first name (Иван → Иванович / Ивановна)."""

from __future__ import annotations

# Names whose patronymic is not built by the general rules: (masculine, feminine).
_IRREGULAR: dict[str, tuple[str, str]] = {
    "Илья": ("Ильич", "Ильинична"),
    "Никита": ("Никитич", "Никитична"),
    "Лука": ("Лукич", "Лукинична"),
    "Фома": ("Фомич", "Фоминична"),
    "Кузьма": ("Кузьмич", "Кузьминична"),
    "Савва": ("Саввич", "Саввична"),
    "Лев": ("Львович", "Львовна"),
    "Павел": ("Павлович", "Павловна"),
    "Пётр": ("Петрович", "Петровна"),
    "Яков": ("Яковлевич", "Яковлевна"),
    "Дмитрий": ("Дмитриевич", "Дмитриевна"),
    "Георгий": ("Георгиевич", "Георгиевна"),
}

_SIBILANTS = "жшчщц"


def patronymic(father: str, sex: str) -> str:
    """The patronymic of a son (``sex="M"``) or daughter (``"F"``) of ``father``."""
    if father in _IRREGULAR:
        male, female = _IRREGULAR[father]
        return male if sex == "M" else female
    if father.endswith("ий"):
        stem, suffix = father[:-2], "ьев"
    elif father.endswith(("ей", "ай", "яй", "ь")):
        stem, suffix = father[:-1], "ев"
    elif father[-1] in "аяоиэу":
        # Non-Russian names ending in a vowel: Муса → Мусаевич, Гаджи → Гаджиевич, Бато → Батоевич.
        stem, suffix = father, "ев"
    elif father[-1] in _SIBILANTS:
        stem, suffix = father, "ев"
    else:
        stem, suffix = father, "ов"
    return stem + suffix + ("ич" if sex == "M" else "на")
