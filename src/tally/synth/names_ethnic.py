"""Names of peoples of Russia's regions (Russian citizens) and of foreign fighters.

Each :class:`NameGroup` gives masculine surnames, men's first names and the fathers' names
patronymics are built from, most common first; the lists and their weights live in
:mod:`tally.synth.peoples` (``data/names_peoples.txt``). Foreign groups carry a Latin form
next to the Cyrillic one.
"""

from __future__ import annotations

from dataclasses import dataclass

from tally.synth import peoples


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


def _ethnic() -> dict[str, NameGroup]:
    """The groups of :mod:`tally.synth.peoples` (pools in frequency order)."""
    return {k: NameGroup(k, g.surnames, g.first, g.fathers, female_first=g.female)
            for k, g in peoples.groups().items()}


ETHNIC: dict[str, NameGroup] = _ethnic()


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
                    "Адхикари/Adhikari; Рай/Rai; Тхапа/Thapa; Шрестха/Shrestha; Карки/Karki; "
                    "Кхадка/Khadka; Баснет/Basnet; Бишта/Bista; Пун/Pun; Гхале/Ghale; "
                    "Шерпа/Sherpa; Лама/Lama; Бхаттараи/Bhattarai; Паудел/Poudel; Рана/Rana; "
                    "Олли/Oli; Кунвар/Kunwar; Тамата/Tamata; Ачарья/Acharya"),
                 _p("Рам/Ram; Бикаш/Bikash; Сунил/Sunil; Пракаш/Prakash; Дипак/Dipak; "
                    "Сурадж/Suraj; Рамеш/Ramesh; Санджай/Sanjay; Бишал/Bishal; Кишор/Kishor; "
                    "Раджу/Raju; Анил/Anil; Бинод/Binod; Сантош/Santosh; Ганеш/Ganesh; "
                    "Хари/Hari; Кумар/Kumar; Бимал/Bimal; Рохит/Rohit; Мадан/Madan"), weight=2.0),
    ForeignGroup("IN", "Индии", "an Indian national",
                 _p("Сингх/Singh; Кумар/Kumar; Ядав/Yadav; Пател/Patel; Наир/Nair; "
                    "Шарма/Sharma; Верма/Verma; Гупта/Gupta; Рао/Rao; Редди/Reddy; "
                    "Мишра/Mishra; Джха/Jha; Чаухан/Chauhan; Тивари/Tiwari; Хан/Khan"),
                 _p("Раджеш/Rajesh; Амит/Amit; Вивек/Vivek; Рахул/Rahul; Мохит/Mohit; "
                    "Суреш/Suresh; Ашвин/Ashwin; Викас/Vikas; Аджай/Ajay; Маниш/Manish; "
                    "Санджив/Sanjeev; Ракеш/Rakesh; Хемил/Hemil; Мухаммед/Mohammed")),
    ForeignGroup("CU", "Кубы", "a Cuban national",
                 _p("Родригес/Rodriguez; Гонсалес/Gonzalez; Перес/Perez; Фернандес/Fernandez; "
                    "Эрнандес/Hernandez; Лопес/Lopez; Гарсия/Garcia; Мартинес/Martinez; "
                    "Диас/Diaz; Санчес/Sanchez; Ромеро/Romero; Альварес/Alvarez; Торрес/Torres; "
                    "Рамирес/Ramirez; Суарес/Suarez; Кастро/Castro; Моралес/Morales"),
                 _p("Карлос/Carlos; Луис/Luis; Эрнесто/Ernesto; Йосвани/Yosvani; Хорхе/Jorge; "
                    "Рауль/Raul; Алексис/Alexis; Йоэль/Yoel; Дайрон/Dairon; Хосе/Jose; "
                    "Мигель/Miguel; Йордан/Yordan; Андрес/Andres; Рейнальдо/Reinaldo")),
    ForeignGroup("TJ", "Таджикистана", "a Tajik national",
                 _p("Рахимов/Rakhimov; Назаров/Nazarov; Саидов/Saidov; Шарипов/Sharipov; "
                    "Юсупов/Yusupov; Каримов/Karimov; Давлатов/Davlatov; Сафаров/Safarov; "
                    "Раджабов/Rajabov; Мирзоев/Mirzoev; Хакимов/Khakimov; Олимов/Olimov; "
                    "Алиев/Aliev; Холов/Kholov; Шарифов/Sharifov; Рустамов/Rustamov; "
                    "Исмоилов/Ismoilov; Хайдаров/Khaidarov"),
                 _p("Фаррух/Farrukh; Фирдавс/Firdavs; Умед/Umed; Дилшод/Dilshod; "
                    "Шерзод/Sherzod; Бахтиёр/Bakhtiyor; Сухроб/Sukhrob; Мухаммад/Muhammad; "
                    "Зафар/Zafar; Комрон/Komron; Джамшед/Jamshed; Далер/Daler; "
                    "Шохрух/Shokhrukh; Рустам/Rustam; Абдулло/Abdullo"),
                 fathers=_w("Рустам Абдулло Хуршед Давлат Исмоил Сайфулло Назар Шариф Рахим "
                            "Карим Олим"), weight=2.0),
    ForeignGroup("UZ", "Узбекистана", "an Uzbek national",
                 _p("Каримов/Karimov; Тошматов/Toshmatov; Эргашев/Ergashev; Усмонов/Usmonov; "
                    "Холматов/Kholmatov; Рахимов/Rakhimov; Юлдашев/Yuldashev; "
                    "Абдуллаев/Abdullaev; Турсунов/Tursunov; Исмоилов/Ismoilov; "
                    "Норматов/Normatov; Мирзаев/Mirzaev; Сайдуллаев/Saydullaev; "
                    "Хамидов/Khamidov; Хасанов/Khasanov; Жураев/Juraev"),
                 _p("Бахтиёр/Bakhtiyor; Жасур/Jasur; Отабек/Otabek; Санжар/Sanjar; "
                    "Улугбек/Ulugbek; Шохрух/Shokhrukh; Азиз/Aziz; Бекзод/Bekzod; "
                    "Достон/Doston; Жахонгир/Jakhongir; Сардор/Sardor; Тимур/Timur; "
                    "Шерзод/Sherzod; Фаррух/Farrukh"),
                 fathers=_w("Рустам Алишер Бахром Тимур Шухрат Абдулла Анвар Ботир Ислом Эркин"),
                 weight=1.5),
    ForeignGroup("KZ", "Казахстана", "a Kazakh national",
                 _p("Нурланов/Nurlanov; Жумабеков/Zhumabekov; Сейткалиев/Seitkaliyev; "
                    "Ахметов/Akhmetov; Омаров/Omarov; Сулейменов/Suleimenov; "
                    "Искаков/Iskakov; Абенов/Abenov; Касымов/Kassymov; Жаксылыков/Zhaksylykov; "
                    "Байжанов/Baizhanov; Есенов/Yessenov; Калиев/Kaliyev"),
                 _p("Ерлан/Yerlan; Нурлан/Nurlan; Даурен/Dauren; Асхат/Askhat; "
                    "Бауыржан/Bauyrzhan; Ерболат/Yerbolat; Азамат/Azamat; Арман/Arman; "
                    "Данияр/Daniyar; Ержан/Yerzhan; Мейрам/Meiram; Талгат/Talgat"),
                 fathers=_w("Серик Марат Болат Канат Ерболат Нурлан Бахыт Сагат Жанат")),
    ForeignGroup("BY", "Белоруссии", "a Belarusian national",
                 _p("Лукашевич/Lukashevich; Ковалёв/Kovalyov; Новик/Novik; Жук/Zhuk; "
                    "Кравцов/Kravtsov; Мельник/Melnik; Шевчик/Shevchik; Козловский/Kozlovsky; "
                    "Марченко/Marchenko; Климович/Klimovich; Якимович/Yakimovich; "
                    "Ковальчук/Kovalchuk; Савицкий/Savitsky; Бондарь/Bondar; Левчук/Levchuk"),
                 _p("Андрей/Andrei; Сергей/Sergei; Дмитрий/Dmitry; Павел/Pavel; Иван/Ivan; "
                    "Александр/Aleksandr; Алексей/Aleksei; Денис/Denis; Артём/Artyom; "
                    "Владислав/Vladislav; Максим/Maksim; Евгений/Yevgeny"),
                 fathers=_w("Иван Николай Виктор Александр Михаил Сергей Анатолий Владимир")),
    ForeignGroup("UA", "Украины", "a Ukrainian national",
                 _p("Шевчук/Shevchuk; Мельник/Melnyk; Бойко/Boiko; Коваль/Koval; "
                    "Марченко/Marchenko; Шевченко/Shevchenko; Бондаренко/Bondarenko; "
                    "Ткаченко/Tkachenko; Кравченко/Kravchenko; Олейник/Oliinyk; "
                    "Лысенко/Lysenko; Руденко/Rudenko; Савчук/Savchuk; Полищук/Polishchuk; "
                    "Кравчук/Kravchuk; Гончаренко/Honcharenko"),
                 _p("Олег/Oleh; Богдан/Bohdan; Юрий/Yurii; Николай/Mykola; Андрей/Andrii; "
                    "Сергей/Serhii; Виталий/Vitalii; Александр/Oleksandr; Владимир/Volodymyr; "
                    "Дмитрий/Dmytro; Игорь/Ihor; Руслан/Ruslan"),
                 fathers=_w("Иван Николай Виктор Василий Пётр Михаил Сергей Григорий")),
    ForeignGroup("SY", "Сирии", "a Syrian national",
                 _p("Хасан/Hasan; Халил/Khalil; Аббас/Abbas; Юсеф/Yousef; Наджар/Najjar; "
                    "Ибрагим/Ibrahim; Али/Ali; Хуссейн/Hussein; Махмуд/Mahmoud; Салех/Saleh; "
                    "Хамид/Hamid; Осман/Othman"),
                 _p("Ахмад/Ahmad; Мухаммад/Muhammad; Омар/Omar; Халед/Khaled; Юсуф/Yusuf; "
                    "Али/Ali; Хасан/Hasan; Махмуд/Mahmoud; Самер/Samer; Басель/Basel; "
                    "Айман/Ayman"),
                 weight=0.7),
    ForeignGroup("LK", "Шри-Ланки", "a Sri Lankan national",
                 _p("Фернандо/Fernando; Диссанаяке/Dissanayake; Виджесингхе/Wijesinghe; "
                    "Гунасекере/Gunasekere; Перера/Perera; Сильва/Silva; Бандара/Bandara; "
                    "Кумара/Kumara; Раджапакса/Rajapaksa; Джаявардене/Jayawardene"),
                 _p("Нуван/Nuwan; Руван/Ruwan; Прасад/Prasad; Лахиру/Lahiru; Сампат/Sampath; "
                    "Чаминда/Chaminda; Дасун/Dasun; Тилина/Thilina; Асанка/Asanka"),
                 weight=0.7),
    ForeignGroup("GH", "Ганы", "a Ghanaian national",
                 _p("Боатенг/Boateng; Асанте/Asante; Овусу/Owusu; Аддо/Addo; Менса/Mensah; "
                    "Осеи/Osei; Агьеманг/Agyemang; Амоако/Amoako"),
                 _p("Кваме/Kwame; Кофи/Kofi; Яо/Yaw; Кваку/Kwaku; Эммануэль/Emmanuel; "
                    "Квези/Kwesi; Коджо/Kojo; Айзек/Isaac"),
                 weight=0.5),
)
