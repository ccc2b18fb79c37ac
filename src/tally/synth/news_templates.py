"""Russian news-style sentence templates (regional news site obituaries).

Each template is a function of a :class:`~tally.synth.ctx.Ctx`; ``needs`` names what the person
must have (a region, a settlement, a rank) for the template to apply.
"""

# ruff: noqa: E501  (one template per line reads better than wrapped f-strings)

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tally.model import Channel
from tally.synth import ru_words
from tally.synth.ctx import Ctx
from tally.synth.regions import Region


@dataclass(frozen=True, slots=True)
class T:
    key: str
    render: Callable[[Ctx], str]
    needs: frozenset[str] = frozenset()

    def fits(self, c: Ctx) -> bool:
        p = c.p
        have = {"region": p.region is not None, "place": p.settlement is not None,
                "rank": bool(p.rank), "foreign": p.citizenship != "RU"}
        return all(have[n] for n in self.needs)


R, P, K, F = frozenset({"region"}), frozenset({"place"}), frozenset({"rank"}), frozenset({"foreign"})
RP = R | P

LEADS: tuple[T, ...] = (
    T("lead_farewell", lambda c: f"В {c.region_loc()} простились с {c.who('ablt')}.", R),
    T("lead_news_of_death", lambda c: f"Стало известно о гибели {c.who('gent')} из {c.place_gen()}.", P),
    T("lead_killed_svo", lambda c: f"В зоне СВО {c.g('погиб', 'погибла')} {c.who()}."),
    T("lead_killed_during", lambda c: f"{c.who()} {c.g('погиб', 'погибла')} в ходе специальной военной операции."),
    T("lead_sad_news", lambda c: f"Пришла печальная весть: на Украине {c.g('погиб', 'погибла')} {c.age_adj()} {c.who()}."),
    T("lead_will_bury", lambda c: f"В {c.place_loc()} похоронят {c.who('accs')}.", P),
    T("lead_condolences", lambda c: f"Глава региона выразил соболезнования родным {c.who('gent')}."),
    T("lead_list_style", lambda c: f"{c.name()} ({c.birth_year()} г. р.) {c.g('погиб', 'погибла')} при выполнении боевых задач."),
    T("lead_countryman", lambda c: f"В ходе специальной военной операции {c.g('погиб', 'погибла')} {c.g('наш земляк', 'наша землячка')} {c.who()}."),
    T("lead_plaque", lambda c: f"Память {c.who('gent')} увековечат мемориальной доской в школе, где {c.g('он учился', 'она училась')}."),
    T("lead_farewell_today", lambda c: f"Сегодня в {c.place_loc()} прошло прощание с {c.who('ablt')}.", P),
    T("lead_last_path", lambda c: f"Родные и близкие проводили в последний путь {c.who('accs')}."),
    T("lead_school_name", lambda c: f"Школе в {c.place_loc()} присвоят имя {c.name('gent')}.", P),
    T("lead_order", lambda c: f"{c.who('datv')} посмертно присвоен орден Мужества."),
    T("lead_order_family", lambda c: f"Орден Мужества {c.who('gent')} передали {c.his()} родным."),
    T("lead_became_known", lambda c: f"Стало известно о гибели {c.who('gent')}."),
    T("lead_age_dat", lambda c: f"{c.name('datv')} было всего {c.age()}."),
    T("lead_mayor", lambda c: f"Мэр выразил соболезнования в связи с гибелью {c.who('gent')}."),
    T("lead_another", lambda c: f"Ещё {c.g('один житель', 'одна жительница')} {c.region_gen()} {c.g('погиб', 'погибла')} на Украине — {c.who()}.", R),
    T("lead_tragic_dated", lambda c: f"Трагическая новость: {c.who()}, {c.age()}, {c.g('погиб', 'погибла')} {c.death()}."),
    T("lead_zone_from", lambda c: f"В зоне спецоперации {c.g('погиб', 'погибла')} {c.age_adj()} {c.who()} из {c.place_gen()}.", P),
    T("lead_memory", lambda c: f"Вечная память {c.name('datv')}!"),
    T("lead_surname_first", lambda c: f"{c.g('Погиб', 'Погибла')} {c.name()} — так сообщили в администрации."),
    T("lead_foreigner", lambda c: f"В зоне СВО {c.g('погиб', 'погибла')} гражданин {c.country_gen()} {c.name()}.", F),
)

BIRTH: tuple[T, ...] = (
    T("birth_full_place", lambda c: f"{c.he()} {c.g('родился', 'родилась')} {c.birth_full()} в {c.place_loc()}.", P),
    T("birth_year", lambda c: f"{c.he()} {c.g('родился', 'родилась')} в {c.birth_year()} году."),
    T("birth_numeric", lambda c: f"Дата рождения — {c.birth_numeric()}."),
    T("birth_year_of", lambda c: f"{c.surname()} {c.g('был', 'была')} {c.birth_year()} года рождения."),
)
AGE: tuple[T, ...] = (
    T("age_was", lambda c: f"{c.him().capitalize()} было {c.age()}."),
    T("age_at_death", lambda c: f"На момент гибели {c.him()} исполнилось {c.age()}."),
)
ORIGIN: tuple[T, ...] = (
    T("origin_native", lambda c: f"{c.he()} {c.g('уроженец', 'уроженка')} {c.region_gen()}.", R),
    T("origin_resident", lambda c: f"{c.g('Погибший', 'Погибшая')} — {c.g('житель', 'жительница')} {c.place_gen()}.", P),
    T("origin_grew_up", lambda c: f"{c.he()} {c.g('вырос', 'выросла')} в {c.place_loc()}, окончил{c.g('', 'а')} там школу.", P),
    T("origin_region_resident", lambda c: f"{c.he()} — {c.g('житель', 'жительница')} {c.region_gen()}.", R),
    T("origin_from", lambda c: f"Родом {c.he().lower()} из {c.place_gen()}.", P),
    T("origin_worked", lambda c: f"До войны {c.he().lower()} {c.g('жил', 'жила')} в {c.region_loc()} и работал{c.g('', 'а')} {c.rng.choice(('водителем', 'на заводе', 'вахтовым методом', 'в охране', 'электриком'))}.", R),
)
UNIT: tuple[T, ...] = (
    T("unit_served_in", lambda c: f"{c.he()} {c.g('служил', 'служила')} в {c.unit_loc()}."),
    T("unit_in_ranks", lambda c: f"{c.he()} {c.g('воевал', 'воевала')} в составе {c.unit_gen()}."),
    T("unit_place_of_service", lambda c: f"Место службы — {c.unit_short()}."),
)
RANK: tuple[T, ...] = (
    T("rank_dash", lambda c: f"Звание — {c.rank()}.", K),
    T("rank_had", lambda c: f"{c.he()} {c.g('имел', 'имела')} звание «{c.rank()}».", K),
)
DEATH: tuple[T, ...] = (
    T("death_he_died", lambda c: f"{c.he()} {c.g('погиб', 'погибла')} {c.death()}."),
    T("death_happened", lambda c: f"Трагедия произошла {c.death()}."),
    T("death_task", lambda c: f"{c.g('Военнослужащий погиб', 'Военнослужащая погибла')} {c.death()} при выполнении боевой задачи."),
)
CITIZEN: tuple[T, ...] = (
    T("citizen_was", lambda c: f"{c.he()} {c.g('был гражданином', 'была гражданкой')} {c.country_gen()}.", F),
)

CHANNEL: dict[Channel, tuple[T, ...]] = {
    Channel.MOBILIZED: (
        T("ch_mob_month", lambda c: f"{c.channel()}{c.he()} {c.g('был мобилизован', 'была мобилизована')} {ru_words.in_month(c.joined())}."),
        T("ch_mob_partial", lambda c: f"{c.channel()}В рамках частичной мобилизации {c.his()} призвали в 2022 году."),
    ),
    Channel.VOLUNTEER: (
        T("ch_vol_contract", lambda c: f"{c.channel()}{c.he()} {c.g('заключил', 'заключила')} контракт с Минобороны {ru_words.in_month(c.joined())}."),
        T("ch_vol_volunteer", lambda c: f"{c.channel()}{c.he()} {c.g('ушёл', 'ушла')} на фронт добровольцем."),
    ),
    Channel.PRISONER: (
        T("ch_pris_colony", lambda c: f"{c.channel()}{c.he()} {c.g('отбывал', 'отбывала')} наказание в исправительной колонии и подписал{c.g('', 'а')} контракт."),
        T("ch_pris_convicted", lambda c: f"{c.channel()}Ранее {c.he().lower()} {c.g('был осуждён', 'была осуждена')}, на фронт {c.g('попал', 'попала')} из колонии."),
    ),
    Channel.PMC: (
        T("ch_pmc_fighter", lambda c: f"{c.channel()}{c.he()} {c.g('был бойцом', 'была бойцом')} {c.unit_gen()}."),
    ),
    Channel.PROFESSIONAL: (
        T("ch_prof_career", lambda c: f"{c.channel()}{c.g('Кадровый военный', 'Кадровая военнослужащая')}, {c.he().lower()} {c.g('служил', 'служила')} по контракту с {c.p.death.year - 1 - c.rng.randrange(8)} года."),
    ),
    Channel.CONSCRIPT: (
        T("ch_consc_service", lambda c: f"{c.channel()}{c.he()} {c.g('проходил', 'проходила')} срочную службу."),
    ),
    Channel.SECURITY: (
        T("ch_sec_rosgvardia", lambda c: f"{c.channel()}{c.he()} {c.g('был сотрудником', 'была сотрудницей')} Росгвардии."),
    ),
}

#: Closing lines; the first two also fit women.
CLOSINGS: tuple[str, ...] = (
    "Прощание состоится в местном доме культуры.",
    "Редакция выражает соболезнования родным и близким.",
    "Похоронят бойца на Аллее героев.",
    "У него остались жена и двое детей.",
    "Глава района выразил соболезнования семье погибшего.",
    "Вечная память герою.",
    "Сослуживцы вспоминают его как надёжного товарища.",
)

GROUP_LEADS: tuple[tuple[str, Callable[[Region, int], str]], ...] = (
    ("group_farewell", lambda r, n: f"В {r.loc_ru} простились с {ru_words.count_ins(n)} военнослужащими."),
    ("group_known", lambda r, n: f"Стало известно о гибели ещё {ru_words.count_gen(n)} участников СВО, сообщают в {r.loc_ru}."),
)
GROUP_LINES: tuple[T, ...] = (
    T("group_line_age", lambda c: f"{c.who()} ({c.age()}) {c.g('погиб', 'погибла')} {c.death()}."),
    T("group_line_unit", lambda c: f"{c.name()}, {c.birth_year()} г. р., {c.g('служил', 'служила')} в {c.unit_loc()}."),
    T("group_line_from", lambda c: f"{c.name()} из {c.place_gen()}.", P),
)
BACKREFS: tuple[T, ...] = (
    T("backref_reminder", lambda c: f"Напомним, ранее сообщалось о гибели {c.name('gent')}."),
    T("backref_wrote", lambda c: f"Ранее мы писали о гибели {c.name('gent')} из {c.place_gen()}.", P),
)
COUNT_ONLY: tuple[tuple[str, Callable[[Region, int], str]], ...] = (
    ("count_buried", lambda r, n: f"В {r.loc_ru} за неделю похоронили ещё {ru_words.count_gen(min(n, 10))} участников СВО. Имена погибших не называются."),
    ("count_total", lambda r, n: f"По данным администрации, число погибших участников СВО из {r.gen_ru} превысило {n * 50}."),
    ("count_district", lambda r, n: f"В одном из районов {r.gen_ru} простились сразу с {ru_words.count_ins(min(n, 10))} бойцами. Их имена родственники попросили не публиковать."),
)


def all_template_keys() -> list[str]:
    """Every distinct sentence structure, for tests and the README."""
    keys = [t.key for group in (LEADS, BIRTH, AGE, ORIGIN, UNIT, RANK, DEATH, CITIZEN,
                                GROUP_LINES, BACKREFS) for t in group]
    keys += [t.key for ts in CHANNEL.values() for t in ts]
    keys += [k for k, _ in GROUP_LEADS] + [k for k, _ in COUNT_ONLY]
    keys += [f"closing_{i}" for i in range(len(CLOSINGS))]
    return keys
