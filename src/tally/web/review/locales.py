"""The review workspace's own interface strings (Russian and English)."""
# ruff: noqa: E501  (interface strings read best one per line)

from __future__ import annotations

from dataclasses import dataclass

from tally.web.i18n import Translator

MESSAGES: dict[str, dict[str, str]] = {
    "ru": {
        "auth.login": "Вход", "auth.logout": "Выйти", "auth.username": "Имя пользователя",
        "auth.password": "Пароль", "review.queue": "Очередь проверки",
        "review.empty": "Очередь пуста: все пары решены.",
        "review.pair": "Пара {i} из {n}", "review.probability": "Вероятность совпадения",
        "review.same": "Один человек", "review.different": "Разные люди",
        "review.unsure": "Не уверен", "review.next": "Следующая", "review.prev": "Предыдущая",
        "review.keys": "Клавиши: s — один человек, d — разные, u — не уверен, j/k — следующая/предыдущая",
        "review.agree": "Совпадает", "review.disagree": "Расходится", "review.only_one": "Только в одном",
        "review.document": "Документ", "review.fields": "Поля строки списка",
        "review.person": "Человек (редактор)", "review.grade": "Оценка", "review.why": "Почему",
        "review.facts": "Факты по источникам", "review.conflict": "противоречие",
        "review.mentions": "Упоминания и документы", "review.decisions": "Решения",
        "review.confirm": "Подтвердить", "review.discount": "Отклонить",
        "review.reason": "Причина", "review.correct": "Исправить факт",
        "review.value": "Значение", "review.fact": "Факт", "review.superseded": "заменено",
        "review.methodology": "Методология оценки", "review.redacted": "Текст скрыт частично: данные о живых людях удалены.",
        "review.done": "Решение записано.", "fact.full_name": "имя полностью",
    },
    "en": {
        "auth.login": "Log in", "auth.logout": "Log out", "auth.username": "Username",
        "auth.password": "Password", "review.queue": "Review queue",
        "review.empty": "The queue is empty: every pair is decided.",
        "review.pair": "Pair {i} of {n}", "review.probability": "Match probability",
        "review.same": "Same person", "review.different": "Different persons",
        "review.unsure": "Not sure", "review.next": "Next", "review.prev": "Previous",
        "review.keys": "Keys: s same, d different, u not sure, j/k next/previous",
        "review.agree": "Agree", "review.disagree": "Disagree", "review.only_one": "Only in one",
        "review.document": "Document", "review.fields": "List row fields",
        "review.person": "Person (editor)", "review.grade": "Grade", "review.why": "Why",
        "review.facts": "Facts by source", "review.conflict": "conflict",
        "review.mentions": "Mentions and documents", "review.decisions": "Decisions",
        "review.confirm": "Confirm", "review.discount": "Discount",
        "review.reason": "Reason", "review.correct": "Correct a fact",
        "review.value": "Value", "review.fact": "Fact", "review.superseded": "superseded",
        "review.methodology": "Grading methodology", "review.redacted": "Text partly hidden: data about living people removed.",
        "review.done": "Decision recorded.", "fact.full_name": "full name",
    },
}


@dataclass(frozen=True)
class ReviewTranslator:
    """Our strings first, then the app's (grades, facts, channels)."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        text = MESSAGES.get(self.lang, MESSAGES["en"]).get(key)
        if text is None:
            return Translator(self.lang)(key, **values)
        return text.format(**values) if values else text
