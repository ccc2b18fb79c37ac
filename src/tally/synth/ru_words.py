"""Russian wording of dates, ages and gendered verbs for the synthetic texts."""

from __future__ import annotations

from datetime import date

MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря")
MONTHS_LOC = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
              "сентябре", "октябре", "ноябре", "декабре")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def years_word(n: int) -> str:
    """«год», «года» or «лет» for ``n`` years."""
    if 11 <= n % 100 <= 14:
        return "лет"
    return {1: "год", 2: "года", 3: "года", 4: "года"}.get(n % 10, "лет")


def age_phrase(n: int) -> str:
    return f"{n} {years_word(n)}"


def day_month(d: date) -> str:
    return f"{d.day} {MONTHS_GEN[d.month - 1]}"


def full_date(d: date) -> str:
    return f"{d.day} {MONTHS_GEN[d.month - 1]} {d.year} года"


def in_month(d: date, with_year: bool = True) -> str:
    text = f"в {MONTHS_LOC[d.month - 1]}"
    return f"{text} {d.year} года" if with_year else text


def part_of_month(d: date) -> str:
    """«в начале марта 2024», «в середине марта 2024», «в конце марта 2024»."""
    part = "начале" if d.day <= 10 else "середине" if d.day <= 20 else "конце"
    return f"в {part} {MONTHS_GEN[d.month - 1]} {d.year}"


def numeric_date(d: date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def count_gen(n: int) -> str:
    """«троих», «пятерых» … for counts of people (accusative of collective numerals)."""
    words = {2: "двоих", 3: "троих", 4: "четверых", 5: "пятерых", 6: "шестерых", 7: "семерых",
             8: "восьмерых", 9: "девятерых", 10: "десятерых"}
    return words.get(n, str(n))


def count_ins(n: int) -> str:
    """«с двумя», «с тремя» …"""
    words = {2: "двумя", 3: "тремя", 4: "четырьмя", 5: "пятью", 6: "шестью", 7: "семью",
             8: "восемью", 9: "девятью", 10: "десятью"}
    return words.get(n, str(n))


def en_date(d: date) -> str:
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
