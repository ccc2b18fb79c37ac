"""The estimates page's own strings (Russian and English), including the sentences for the
assumption and warning codes that :mod:`tally.estimate.panel` reports."""
# ruff: noqa: E501  (interface strings read best one per line)

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tally.estimate.panel import Note
from tally.web.i18n import Translator

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "est.title": "Estimates: how many deaths no list recorded",
        "est.intro": "Several lists overlap. How much they overlap tells how many deaths none of them recorded (multiple systems estimation). An estimate is only as good as its assumptions, which are stated below in words.",
        "est.named": "named: persons in the database",
        "est.confirmed": "of them confirmed: {n}",
        "est.total": "estimated total, named and unnamed",
        "est.interval": "{level} interval",
        "est.unnamed": "of them on none of the lists used: about {n}",
        "est.method": "Method",
        "est.method.loglinear": "log-linear model over the lists, chosen by BIC among {models} models; profile-likelihood interval",
        "est.model": "Model",
        "est.model.terms": "interactions: {terms}",
        "est.model.none": "independence (no interactions)",
        "est.second": "Second opinion: LCMCR (latent classes, Bayesian)",
        "est.second.pending": "The second opinion is being computed (it takes up to a minute); reload the page later.",
        "est.second.off": "not computed on this server",
        "est.second.failed": "could not be computed for this table",
        "est.second.detail": "posterior median; {level} credible interval; {chains} chains, R-hat {rhat}",
        "est.assumptions": "What the estimate assumes",
        "est.warnings": "Warnings",
        "est.lists": "Lists (sources) used",
        "est.list": "list",
        "est.persons": "persons",
        "est.only": "on this list only",
        "est.patterns": "Capture patterns",
        "est.patterns.note": "How many persons were found on each combination of lists (✓ = on that list). The last row, on none of these lists, is what is estimated.",
        "est.count": "persons",
        "est.nolist": "on none of these lists (estimated)",
        "est.refused": "No estimate",
        "est.methodology": "Methodology: docs/methodology-estimation.md in the Tally repository.",
        "link.exact": "exact match of name and birth date",
        "link.splink": "probabilistic matching (Splink) with reviewers' decisions",
        "link.none": "no link run yet",
        "note.closed": "The deaths the lists describe are one fixed set: the same period and the same kind of death for every list. Lists covering different periods or places break this.",
        "note.linkage": "Linkage is right: a person on two lists is recognised as one (linked by: {method}). Missed links make the estimate too high; wrong links make it too low.",
        "note.dependence": "Lists may depend on each other (one copies another). The model allows for dependence within: {terms}; any other dependence between lists is assumed absent.",
        "note.dependence.none": "The chosen model treats the lists as independent: being on one list says nothing about being on another. Lists that copy each other make this estimate too low.",
        "note.highest_order": "The interaction of all {lists} lists together is assumed to be zero. This cannot be tested from the data, and it decides the answer.",
        "note.heterogeneity": "Some deaths are much more visible than others (a city with active media against a remote village). The log-linear model absorbs this only partly, LCMCR models it with latent classes; what remains makes estimates too low.",
        "note.catchable": "Deaths that no list could ever record, because nobody reports them anywhere, are outside every estimate.",
        "note.pooled": "{count} smaller sources are pooled into one list, “other sources”: {sources}.",
        "note.derived": "Left out as compilations of other sources (not independent lists): {sources}. A person only they name counts among the deaths the independent lists missed.",
        "note.too_few_lists": "Estimation needs at least {needed} sources holding linked persons; the database has {lists} ({names}). With two lists one has to assume they are independent, which casualty lists rarely are. Import more sources and run `tally link`.",
        "note.small_list": "The list “{list}” holds only {size} persons: its overlaps say little, and the estimate leans on them.",
        "note.no_overlap": "Nobody on the list “{list}” is on any other list: the data cannot tell how much it misses, and the estimate may be far too high.",
        "note.named_differs": "{named} persons are named, {observed} are in the capture table (persons without a current list entry, or discounted by reviewers, are counted differently).",
        "note.discounted_included": "{count} persons discounted by reviewers are still in the capture table.",
        "note.unbounded": "The {method} interval has no upper bound: the data do not rule out any large total.",
        "note.far_above": "The {method} interval reaches {upper}, {ratio} times the number observed: the lists overlap too little for a firm estimate.",
        "note.model_uncertainty": "Another model nearly as good ({model}) gives {N}: the choice of model matters more than the interval shows.",
        "note.lcmcr_unconverged": "The LCMCR chains did not agree (R-hat {rhat}): read its figure as rough.",
        "note.methods_disagree": "The two methods disagree: LCMCR gives {lcmcr}, outside the log-linear interval around {loglinear}.",
        "note.loglinear_failed": "No log-linear model could be fitted to this table.",
    },
    "ru": {
        "est.title": "Оценки: сколько смертей не попало ни в один список",
        "est.intro": "Несколько списков пересекаются. По тому, насколько они пересекаются, можно оценить, сколько смертей не записал ни один из них (оценка по нескольким источникам, метод «поимки — повторной поимки»). Оценка хороша настолько, насколько верны её допущения; они изложены ниже словами.",
        "est.named": "поимённо: людей в базе",
        "est.confirmed": "из них подтверждено: {n}",
        "est.total": "оценка общего числа, с именем и без",
        "est.interval": "интервал {level}",
        "est.unnamed": "из них ни в одном из использованных списков: около {n}",
        "est.method": "Метод",
        "est.method.loglinear": "логлинейная модель по спискам, выбрана по BIC из {models} моделей; интервал по профильному правдоподобию",
        "est.model": "Модель",
        "est.model.terms": "взаимодействия: {terms}",
        "est.model.none": "независимость (без взаимодействий)",
        "est.second": "Второе мнение: LCMCR (латентные классы, байесовский метод)",
        "est.second.pending": "Второе мнение считается (до минуты); обновите страницу позже.",
        "est.second.off": "на этом сервере не вычисляется",
        "est.second.failed": "для этой таблицы вычислить не удалось",
        "est.second.detail": "медиана апостериорного распределения; интервал {level}; цепей: {chains}, R-hat {rhat}",
        "est.assumptions": "Что предполагает оценка",
        "est.warnings": "Предупреждения",
        "est.lists": "Использованные списки (источники)",
        "est.list": "список",
        "est.persons": "людей",
        "est.only": "только в этом списке",
        "est.patterns": "Сочетания списков",
        "est.patterns.note": "Сколько людей найдено в каждом сочетании списков (✓ — есть в этом списке). Последняя строка, «ни в одном из этих списков», — то, что оценивается.",
        "est.count": "людей",
        "est.nolist": "ни в одном из этих списков (оценка)",
        "est.refused": "Оценки нет",
        "est.methodology": "Методология: docs/methodology-estimation.md в репозитории Tally.",
        "link.exact": "точное совпадение имени и даты рождения",
        "link.splink": "вероятностное сопоставление (Splink) с решениями проверяющих",
        "link.none": "связывание ещё не запускалось",
        "note.closed": "Смерти, которые описывают списки, — одно и то же множество: один период и один род смертей для всех списков. Списки за разные периоды или по разным местам это нарушают.",
        "note.linkage": "Связывание верно: человек из двух списков опознан как один (способ связывания: {method}). Пропущенные связи завышают оценку, ошибочные — занижают.",
        "note.dependence": "Списки могут зависеть друг от друга (один перепечатывает другой). Модель учитывает зависимость внутри: {terms}; другие зависимости между списками считаются отсутствующими.",
        "note.dependence.none": "Выбранная модель считает списки независимыми: попадание в один список ничего не говорит о попадании в другой. Если списки перепечатывают друг друга, оценка занижена.",
        "note.highest_order": "Взаимодействие всех {lists} списков сразу считается нулевым. Это нельзя проверить по данным, и именно это определяет ответ.",
        "note.heterogeneity": "Одни смерти заметнее других (город с активными СМИ и отдалённое село). Логлинейная модель учитывает это лишь частично, LCMCR — через латентные классы; неучтённая разница занижает оценки.",
        "note.catchable": "Смерти, которые не мог бы записать ни один список, потому что о них нигде не сообщают, не входят ни в одну оценку.",
        "note.pooled": "{count} небольших источников объединены в один список «прочие источники»: {sources}.",
        "note.derived": "Не учитываются как сводки других источников (не независимые списки): {sources}. Человек, названный только в них, входит в число смертей, пропущенных независимыми списками.",
        "note.too_few_lists": "Для оценки нужно не меньше {needed} источников со связанными людьми; в базе их {lists} ({names}). По двум спискам пришлось бы считать их независимыми, а списки погибших такими почти не бывают. Импортируйте ещё источники и запустите `tally link`.",
        "note.small_list": "В списке «{list}» всего {size} человек: его пересечения мало что говорят, а оценка на них опирается.",
        "note.no_overlap": "Никто из списка «{list}» не встречается в других списках: по данным нельзя понять, сколько он пропускает, и оценка может быть сильно завышена.",
        "note.named_differs": "Поимённо {named} человек, в таблице пересечений {observed} (люди без действующей записи в списке или отклонённые проверяющими учитываются по-разному).",
        "note.discounted_included": "{count} человек, отклонённых проверяющими, всё ещё входят в таблицу пересечений.",
        "note.unbounded": "У интервала ({method}) нет верхней границы: данные не исключают сколь угодно большое число.",
        "note.far_above": "Интервал ({method}) доходит до {upper}, в {ratio} раза больше наблюдаемого: списки пересекаются слишком мало для надёжной оценки.",
        "note.model_uncertainty": "Другая почти столь же хорошая модель ({model}) даёт {N}: выбор модели значит больше, чем показывает интервал.",
        "note.lcmcr_unconverged": "Цепи LCMCR не сошлись (R-hat {rhat}): считайте эту цифру грубой.",
        "note.methods_disagree": "Методы расходятся: LCMCR даёт {lcmcr}, вне интервала логлинейной оценки около {loglinear}.",
        "note.loglinear_failed": "Ни одна логлинейная модель не подошла к этой таблице.",
    },
}
_AND = {"en": " and ", "ru": " и "}


def number(value: Any) -> str:
    """Whole numbers with thousands separators; other values as text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value != value:  # nan
        return "—"
    return f"{value:,.0f}" if abs(value) >= 10 or float(value).is_integer() else f"{value:.2f}"


@dataclass(frozen=True)
class EstimatesTranslator:
    """Our strings first, then the app's."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        text = MESSAGES.get(self.lang, MESSAGES["en"]).get(key)
        if text is None:
            return Translator(self.lang)(key, **values)
        return text.format(**values) if values else text

    def note(self, note: Note) -> str:
        """The sentence for an assumption or warning, numbers and names formatted."""
        values = {k: self.value(v) for k, v in note.values.items()}
        key = f"note.{note.code}"
        if note.code == "dependence" and not note.values.get("terms"):
            key = "note.dependence.none"
        if note.code == "model_uncertainty" and not note.values.get("model"):
            values["model"] = self("est.model.none")
        method = f"link.{note.values.get('method')}"
        if note.code == "linkage" and method in MESSAGES["en"]:
            values["method"] = self(method)
        return self(key, **values)

    def value(self, value: Any) -> str:
        if isinstance(value, list) and not value:
            return "—"
        if isinstance(value, list):
            return _AND[self.lang if self.lang in _AND else "en"].join(map(str, value)) \
                if len(value) == 2 else ", ".join(map(str, value))
        return number(value)
