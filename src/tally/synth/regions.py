"""A small internal table of Russian regions for the synthetic corpus.

Codes are ISO 3166-2; Russian names come with the case forms the texts need («уроженец
Бурятии», «в Курской области»). ``weight`` is a rough relative share of deaths,
``official`` the chance a death appears on the region's official list, ``media`` a
multiplier for local news coverage, ``ethnic`` the share of names from each name group: the
people's share of the region's population in the 2021 census (2010 where the 2021 figure
was not at hand; see docs/benchmarks/link.md). Peoples whose names are mostly Russian in
form (Yakuts, Udmurts, Komi, ...) are drawn from the Russian pools.
"""

# ruff: noqa: E501  (the region table keeps one region per line)

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # nominative: «Улан-Удэ», «Мухоршибирь»
    kind: str  # "" for a regional capital, else «село», «город», «посёлок», «станица»
    gen: str  # «из Улан-Удэ», «из села Мухоршибирь»
    loc: str  # «в Улан-Удэ», «в селе Мухоршибирь»


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name_ru: str  # «Республика Бурятия», «Курская область»
    list_forms: tuple[str, ...]  # spellings an official list uses
    short_ru: str
    gen_ru: str
    loc_ru: str
    name_en: str
    short_en: str  # "Buryatia", "Kursk", "North Ossetia", "St.Petersburg"
    capital: Place
    settlements: tuple[Place, ...]
    weight: float
    official: float
    media: float
    ethnic: tuple[tuple[str, float], ...]


_KIND_FORMS = {
    "город": ("города", "городе"),
    "село": ("села", "селе"),
    "посёлок": ("посёлка", "посёлке"),
    "станица": ("станицы", "станице"),
}

# code | kind | Russian core | English short | capital[/gen/loc] | settlements | weight | official
# | media | ethnic.  kind: obl, krai, rep (core = «Республика Бурятия/Бурятия/Бурятии»), city.
_TABLE = """
RU-MOW|city|Москва/Москвы/Москве|Moscow|Москва/Москвы/Москве|город Зеленоград;посёлок Коммунарка|1.5|0|0.35|tatar:0.014
RU-SPE|city|Санкт-Петербург/Санкт-Петербурга/Санкт-Петербурге|St.Petersburg|Санкт-Петербург|город Колпино;город Кронштадт|1.5|0|0.4|
RU-MOS|obl|Московская|Moscow Oblast|Красногорск|город Подольск;город Коломна|2.0|0|0.4|
RU-BU|rep|Республика Бурятия/Бурятия/Бурятии|Buryatia|Улан-Удэ/Улан-Удэ/Улан-Удэ|село Мухоршибирь;город Кяхта;село Иволгинск|2.0|0.75|1.4|buryat:0.32
RU-TY|rep|Республика Тыва/Тыва/Тывы/Тыве|Tuva|Кызыл|город Чадан;село Кызыл-Мажалык|1.0|0.6|1.3|tuvan:0.88
RU-DA|rep|Республика Дагестан/Дагестан/Дагестана/Дагестане|Dagestan|Махачкала/Махачкалы/Махачкале|город Буйнакск;город Дербент;село Карабудахкент|1.8|0|0.6|dagestani:0.92
RU-CE|rep|Чеченская Республика/Чечня/Чечни/Чечне|Chechnya|Грозный/Грозного/Грозном|город Гудермес;город Аргун|0.5|0|0.3|chechen:0.95
RU-TA|rep|Республика Татарстан/Татарстан/Татарстана/Татарстане|Tatarstan|Казань/Казани/Казани|город Набережные Челны;город Альметьевск|2.5|0.1|1.0|tatar:0.53
RU-BA|rep|Республика Башкортостан/Башкирия/Башкирии|Bashkortostan|Уфа/Уфы/Уфе|город Стерлитамак;село Аскино|4.0|0.2|1.2|bashkir:0.31,tatar:0.24
RU-SE|rep|Республика Северная Осетия — Алания/Северная Осетия/Северной Осетии|North Ossetia|Владикавказ|город Моздок;город Беслан|0.8|0.3|1.0|ossetian:0.68
RU-ZAB|krai|Забайкальский|Zabaykalsky|Чита/Читы/Чите|город Краснокаменск;посёлок Агинское|1.8|0.5|1.3|buryat:0.07
RU-IRK|obl|Иркутская|Irkutsk|Иркутск|город Братск;город Усть-Илимск|2.5|0.3|1.2|buryat:0.03
RU-KRS|obl|Курская|Kursk|Курск|город Рыльск;город Суджа|1.2|0.5|1.0|
RU-BEL|obl|Белгородская|Belgorod|Белгород|город Шебекино;город Валуйки|1.5|0.4|1.0|
RU-VOR|obl|Воронежская|Voronezh|Воронеж|город Россошь;город Борисоглебск|1.8|0.1|0.9|
RU-ROS|obl|Ростовская|Rostov|Ростов-на-Дону/Ростова-на-Дону/Ростове-на-Дону|город Шахты;город Таганрог;станица Вёшенская|2.8|0|0.8|
RU-KDA|krai|Краснодарский|Krasnodar|Краснодар|город Армавир;станица Каневская|3.5|0.05|0.9|
RU-STA|krai|Ставропольский|Stavropol|Ставрополь/Ставрополя/Ставрополе|город Пятигорск;город Будённовск|1.8|0|0.9|
RU-VGG|obl|Волгоградская|Volgograd|Волгоград|город Камышин;город Волжский|2.2|0.05|0.9|
RU-SAR|obl|Саратовская|Saratov|Саратов|город Энгельс;город Балаково|2.0|0.05|0.9|
RU-SAM|obl|Самарская|Samara|Самара/Самары/Самаре|город Тольятти;город Сызрань|2.5|0|0.9|tatar:0.04
RU-ORE|obl|Оренбургская|Orenburg|Оренбург|город Орск;город Бузулук|2.5|0.2|1.0|tatar:0.07,bashkir:0.02
RU-CHE|obl|Челябинская|Chelyabinsk|Челябинск|город Магнитогорск;город Златоуст|3.5|0.05|1.0|tatar:0.05,bashkir:0.05
RU-SVE|obl|Свердловская|Sverdlovsk|Екатеринбург|город Нижний Тагил;город Каменск-Уральский|3.5|0.05|1.0|tatar:0.04
RU-PER|krai|Пермский|Perm|Пермь/Перми/Перми|город Березники;город Соликамск|2.8|0.1|1.0|tatar:0.05,bashkir:0.01
RU-NIZ|obl|Нижегородская|Nizhny Novgorod|Нижний Новгород/Нижнего Новгорода/Нижнем Новгороде|город Дзержинск;город Арзамас|2.0|0|0.8|
RU-KEM|obl|Кемеровская|Kemerovo|Кемерово/Кемерово/Кемерово|город Новокузнецк;город Прокопьевск|2.5|0.2|1.1|
RU-NVS|obl|Новосибирская|Novosibirsk|Новосибирск|город Бердск;город Искитим|2.2|0.05|0.9|
RU-OMS|obl|Омская|Omsk|Омск|город Тара;посёлок Марьяновка|2.0|0.1|1.0|
RU-ALT|krai|Алтайский|Altai Krai|Барнаул|город Бийск;город Рубцовск|2.2|0.1|1.1|
RU-KYA|krai|Красноярский|Krasnoyarsk|Красноярск|город Норильск;город Ачинск|3.0|0.1|1.0|
RU-SA|rep|Республика Саха (Якутия)/Якутия/Якутии|Yakutia|Якутск|город Мирный;город Нерюнгри|1.0|0.5|1.2|
RU-PRI|krai|Приморский|Primorsky|Владивосток|город Уссурийск;город Находка|2.0|0.1|1.0|
RU-KHA|krai|Хабаровский|Khabarovsk|Хабаровск|город Комсомольск-на-Амуре;город Амурск|1.3|0.1|1.0|
RU-AMU|obl|Амурская|Amur|Благовещенск|город Свободный;город Белогорск|1.0|0.2|1.0|
RU-YAR|obl|Ярославская|Yaroslavl|Ярославль/Ярославля/Ярославле|город Рыбинск;город Углич|1.0|0|0.8|
RU-TVE|obl|Тверская|Tver|Тверь/Твери/Твери|город Ржев;город Бологое|1.2|0|0.8|
RU-PSK|obl|Псковская|Pskov|Псков|город Великие Луки;город Остров|1.0|0.2|1.0|
RU-UD|rep|Удмуртская Республика/Удмуртия/Удмуртии|Udmurtia|Ижевск|город Сарапул;город Воткинск|1.8|0.1|1.0|tatar:0.07
RU-KO|rep|Республика Коми/Коми/Коми|Komi|Сыктывкар|город Ухта;город Воркута|1.0|0.1|1.0|
RU-ULY|obl|Ульяновская|Ulyanovsk|Ульяновск|город Димитровград;город Барыш|1.3|0.05|0.9|tatar:0.12
RU-TUL|obl|Тульская|Tula|Тула/Тулы/Туле|город Новомосковск;город Алексин|1.4|0|0.8|
RU-KGD|obl|Калининградская|Kaliningrad|Калининград|город Советск;город Черняховск|1.0|0|0.8|
"""


def _capital(spec: str) -> Place:
    parts = spec.split("/")
    if len(parts) == 3:
        return Place(parts[0], "", parts[1], parts[2])
    return Place(spec, "", spec + "а", spec + "е")  # consonant-final city names


def _settlement(spec: str) -> Place:
    kind, name = spec.split(" ", 1)
    gen, loc = _KIND_FORMS[kind]
    return Place(name, kind, f"{gen} {name}", f"{loc} {name}")


def _names(kind: str, core: str, short_en: str) -> tuple[str, tuple[str, ...], str, str, str, str]:
    """(name_ru, list forms, short_ru, gen, loc, name_en) for one table row."""
    if kind == "obl":
        stem = core[:-2]  # «Курск»-«ая»
        name = f"{core} область"
        return (name, (name, f"{core} обл."), name, f"{stem}ой области", f"{stem}ой области",
                f"{short_en} Oblast" if "Oblast" not in short_en else short_en)
    if kind == "krai":
        stem = core[:-2]
        name = f"{core} край"
        en = short_en if "Krai" in short_en else f"{short_en} Krai"
        return name, (name, f"{core} кр."), name, f"{stem}ого края", f"{stem}ом крае", en
    if kind == "city":
        nom, gen, loc = core.split("/")
        return nom, (nom, f"г. {nom}"), nom, gen, loc, short_en
    full, short, gen, *rest = core.split("/")
    loc = rest[0] if rest else gen
    forms = (full, f"Респ. {short}" if full.startswith("Республика") else full, short)
    return full, forms, short, gen, loc, f"Republic of {short_en}"


def _row(line: str) -> Region:
    code, kind, core, short_en, cap, settl, weight, official, media, ethnic = line.split("|")
    name_ru, forms, short_ru, gen, loc, name_en = _names(kind, core, short_en)
    groups = tuple(
        (k, float(v)) for k, v in (item.split(":") for item in ethnic.split(",") if item)
    )
    return Region(code, name_ru, forms, short_ru, gen, loc, name_en, short_en, _capital(cap),
                  tuple(_settlement(s) for s in settl.split(";")), float(weight),
                  float(official), float(media), groups)


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """All regions of the internal table, in table order."""
    return tuple(_row(line) for line in _TABLE.strip().splitlines())


@lru_cache(maxsize=1)
def by_code() -> dict[str, Region]:
    return {r.code: r for r in regions()}
