"""Names of peoples of Russia's regions (Russian citizens) and of foreign fighters.

Each :class:`NameGroup` gives masculine surnames, men's first names and the fathers' names
patronymics are built from. Foreign groups carry a Latin form next to the Cyrillic one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NameGroup:
    key: str
    surnames: tuple[str, ...]
    first: tuple[str, ...]
    fathers: tuple[str, ...]
    #: "russian": patronymic from the father's name; "none": no patronymic.
    patronymic: str = "russian"
    female_first: tuple[str, ...] = ()


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ETHNIC: dict[str, NameGroup] = {
    "buryat": NameGroup(
        "buryat",
        _w("Дашиев Цыденов Батуев Жамсуев Доржиев Гармаев Цыренов Бадмаев Намсараев Аюшеев "
           "Балданов Будаев Очиров Раднаев Шагдуров Цыбиков Эрдынеев Мункуев"),
        _w("Баир Бато Цырен Жаргал Булат Дашинима Алдар Солбон Тумэн Аюр Мунко Эрдэни Батор "
           "Чингис Бэликто Аюша"),
        _w("Цырен Дашинима Бато Баир Жаргал Дамба Доржи Аюша Намжил Буда Балдан Мунко Очир"),
        female_first=_w("Сэсэг Туяна Аюна Долгор"),
    ),
    "tuvan": NameGroup(
        "tuvan",
        _w("Ондар Куулар Сат Ооржак Донгак Хертек Салчак Кужугет Сарыглар Иргит Тулуш Ховалыг "
           "Ондур"),
        _w("Айдыс Айдаш Сылдыс Чечен Херел Аржаан Начын Орлан Шолбан Буян Саян Чингис Аяс Эртине"),
        _w("Оюн-оол Кара-оол Март-оол Мерген Долаан Байыр Сергей Эрес Шолбан Буян"),
        female_first=_w("Айлана Чейнеш Аюна Шенне"),
    ),
    "dagestani": NameGroup(
        "dagestani",
        _w("Магомедов Абдулаев Гаджиев Алиев Рамазанов Омаров Исмаилов Курбанов Муртузалиев "
           "Гасанов Абакаров Нурмагомедов Ибрагимов Салихов Джабраилов Султанов"),
        _w("Магомед Шамиль Арсен Рустам Гаджи Ахмед Муса Расул Мурад Абдула Руслан Заур Камиль "
           "Ислам Ибрагим Тимур"),
        _w("Магомед Абдула Гаджи Муса Ахмед Омар Рамазан Гасан Курбан Алик Расул Шамиль"),
        female_first=_w("Патимат Аминат Загидат"),
    ),
    "chechen": NameGroup(
        "chechen",
        _w("Мусаев Исаев Умаров Хасанов Магомадов Ибрагимов Дадаев Эльмурзаев Абдурахманов "
           "Байсултанов Гериханов Арсанов Яхьяев"),
        _w("Ахмед Ислам Хамзат Адам Магомед Ибрагим Муслим Турпал Зелимхан Асланбек Мовсар Ризван"),
        _w("Ахмед Руслан Магомед Ибрагим Султан Муса Лечи Хасан Аслан Сайд"),
        female_first=_w("Марьям Хеда"),
    ),
    "tatar": NameGroup(
        "tatar",
        _w("Хабибуллин Галиев Сафин Гарипов Нуриев Мухаметшин Закиров Валиев Шарипов Хайруллин "
           "Гиниятуллин Файзуллин Ахметов Исмагилов Зарипов Садыков"),
        _w("Ринат Рустем Айдар Ильдар Марат Ильнур Радик Фарид Булат Ильшат Рамиль Азат Альберт "
           "Раиль Ильназ Тимур"),
        _w("Ринат Рустем Ильдар Марат Радик Фарид Рашид Рафаэль Ильшат Рамиль Азат Наиль Ринат"),
        female_first=_w("Гульнара Алсу Лилия"),
    ),
    "bashkir": NameGroup(
        "bashkir",
        _w("Юлдашев Ахмадеев Байбулатов Кутлугильдин Сагитов Ишмухаметов Гайнуллин Мухаметов "
           "Ялалов Габдрахманов Кильдибаев Рахимов"),
        _w("Азамат Айрат Салават Ильгиз Ирек Фанис Ильшат Ринат Динар Урал Артур Рустам"),
        _w("Азамат Айрат Салават Ильгиз Ирек Фанис Ринат Урал Мидхат Ильдар"),
        female_first=_w("Гульшат Айгиза"),
    ),
    "ossetian": NameGroup(
        "ossetian",
        _w("Гаглоев Дзагоев Кокоев Бекоев Цаголов Хетагуров Гобозов Тедеев Кочиев Плиев"),
        _w("Алан Сослан Тамерлан Заур Георгий Аслан Руслан Батраз Казбек Эльбрус"),
        _w("Алан Сослан Тамерлан Казбек Георгий Аслан Руслан Эльбрус"),
        female_first=_w("Залина Мадина"),
    ),
}


@dataclass(frozen=True, slots=True)
class ForeignGroup:
    """A foreign country's fighters: (Cyrillic, Latin) name pairs."""

    country: str  # ISO 3166-1 alpha-2
    name_gen_ru: str  # «гражданин Непала»
    demonym_en: str  # "a Nepali national"
    surnames: tuple[tuple[str, str], ...]
    first: tuple[tuple[str, str], ...]
    fathers: tuple[str, ...] = ()  # Cyrillic fathers' names, when patronymics are used
    weight: float = 1.0


def _p(text: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in text.split(";"):
        cyr, lat = item.strip().split("/")
        pairs.append((cyr.strip(), lat.strip()))
    return tuple(pairs)


FOREIGN: tuple[ForeignGroup, ...] = (
    ForeignGroup("NP", "Непала", "a Nepali national",
                 _p("Гурунг/Gurung; Таманг/Tamang; Магар/Magar; Лимбу/Limbu; Бхандари/Bhandari; "
                    "Адхикари/Adhikari"),
                 _p("Рам/Ram; Бикаш/Bikash; Сунил/Sunil; Пракаш/Prakash; Дипак/Dipak; "
                    "Сурадж/Suraj"), weight=2.0),
    ForeignGroup("IN", "Индии", "an Indian national",
                 _p("Сингх/Singh; Кумар/Kumar; Ядав/Yadav; Пател/Patel; Наир/Nair"),
                 _p("Раджеш/Rajesh; Амит/Amit; Вивек/Vivek; Рахул/Rahul; Мохит/Mohit")),
    ForeignGroup("CU", "Кубы", "a Cuban national",
                 _p("Родригес/Rodriguez; Гонсалес/Gonzalez; Перес/Perez; Фернандес/Fernandez; "
                    "Эрнандес/Hernandez; Лопес/Lopez"),
                 _p("Карлос/Carlos; Луис/Luis; Эрнесто/Ernesto; Йосвани/Yosvani; Хорхе/Jorge; "
                    "Рауль/Raul")),
    ForeignGroup("TJ", "Таджикистана", "a Tajik national",
                 _p("Рахимов/Rakhimov; Назаров/Nazarov; Саидов/Saidov; Шарипов/Sharipov; "
                    "Юсупов/Yusupov"),
                 _p("Фаррух/Farrukh; Фирдавс/Firdavs; Умед/Umed; Дилшод/Dilshod; Шерзод/Sherzod"),
                 fathers=_w("Рустам Абдулло Хуршед Давлат Исмоил"), weight=2.0),
    ForeignGroup("UZ", "Узбекистана", "an Uzbek national",
                 _p("Каримов/Karimov; Тошматов/Toshmatov; Эргашев/Ergashev; Усмонов/Usmonov; "
                    "Холматов/Kholmatov"),
                 _p("Бахтиёр/Bakhtiyor; Жасур/Jasur; Отабек/Otabek; Санжар/Sanjar; "
                    "Улугбек/Ulugbek"),
                 fathers=_w("Рустам Алишер Бахром Тимур Шухрат"), weight=1.5),
    ForeignGroup("KZ", "Казахстана", "a Kazakh national",
                 _p("Нурланов/Nurlanov; Жумабеков/Zhumabekov; Сейткалиев/Seitkaliyev; "
                    "Ахметов/Akhmetov"),
                 _p("Ерлан/Yerlan; Нурлан/Nurlan; Даурен/Dauren; Асхат/Askhat; Бауыржан/Bauyrzhan"),
                 fathers=_w("Серик Марат Болат Канат Ерболат")),
    ForeignGroup("BY", "Белоруссии", "a Belarusian national",
                 _p("Лукашевич/Lukashevich; Ковалёв/Kovalyov; Новик/Novik; Жук/Zhuk; "
                    "Кравцов/Kravtsov"),
                 _p("Андрей/Andrei; Сергей/Sergei; Дмитрий/Dmitry; Павел/Pavel; Иван/Ivan"),
                 fathers=_w("Иван Николай Виктор Александр Михаил")),
    ForeignGroup("UA", "Украины", "a Ukrainian national",
                 _p("Шевчук/Shevchuk; Мельник/Melnyk; Бойко/Boiko; Коваль/Koval; "
                    "Марченко/Marchenko"),
                 _p("Олег/Oleh; Богдан/Bohdan; Юрий/Yurii; Николай/Mykola; Андрей/Andrii"),
                 fathers=_w("Иван Николай Виктор Василий Пётр")),
    ForeignGroup("SY", "Сирии", "a Syrian national",
                 _p("Хасан/Hasan; Халил/Khalil; Аббас/Abbas; Юсеф/Yousef; Наджар/Najjar"),
                 _p("Ахмад/Ahmad; Мухаммад/Muhammad; Омар/Omar; Халед/Khaled; Юсуф/Yusuf"),
                 weight=0.7),
    ForeignGroup("LK", "Шри-Ланки", "a Sri Lankan national",
                 _p("Фернандо/Fernando; Диссанаяке/Dissanayake; Виджесингхе/Wijesinghe; "
                    "Гунасекере/Gunasekere"),
                 _p("Нуван/Nuwan; Руван/Ruwan; Прасад/Prasad; Лахиру/Lahiru; Сампат/Sampath"),
                 weight=0.7),
    ForeignGroup("GH", "Ганы", "a Ghanaian national",
                 _p("Боатенг/Boateng; Асанте/Asante; Овусу/Owusu; Аддо/Addo"),
                 _p("Кваме/Kwame; Кофи/Kofi; Яо/Yaw; Кваку/Kwaku; Эммануэль/Emmanuel"),
                 weight=0.5),
)
