"""What counts as data about the living in a post: the regular expressions.

Phones (Russian formats: +7 / 8 / 7, with brackets, dashes, spaces or nothing; 10-digit mobiles
9xx without prefix), e-mail addresses, street addresses («ул. Ленина, д. 5, кв. 12»), and
the names of relatives after a kinship word («мать Ольга Ивановна», «жена Мария», "his wife
Anna").
"""

from __future__ import annotations

import re

_SEP = r"[\s\-\u2010-\u2015.]*"
#: a candidate phone: optional +7/8/7 prefix, an optional bracketed code, digit groups
PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\+\s*7|8|7)" + _SEP + r")?"
    r"(?:\(\s*\d{3,5}\s*\)|\d{3,5})" + _SEP +
    r"\d{1,3}" + _SEP + r"\d{2}" + _SEP + r"\d{2}"
    r"(?!\w)"
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-zА-Яа-я]{2,}", re.UNICODE)

_STREET = (
    r"(?:ул\.|улиц[аеуы]|пр-т\.?|пр-кт\.?|просп\.|проспект[аеу]?|пер\.|переул(?:ок|ке|ка)|"
    r"б-р\.?|бульвар[аеу]?|ш\.|шоссе|пл\.|площад[ьи]|наб\.|набережн(?:ая|ой)|"
    r"мкр\.?|микрорайон[аеу]?|проезд[аеу]?|street|st\.|avenue|ave\.|road|rd\.)"
)
_HOUSE = r"(?:д\.|дом[аеу]?|кв\.|квартир[аеы]|корп\.|корпус|стр\.|строение|apt\.?|flat)"
_CAP = r"[A-ZА-ЯЁ0-9][\w\-]*"
#: «ул. Ленина, д. 5, кв. 12», «улица 50 лет Октября 3-12», «пр-т Мира, 10»
ADDRESS = re.compile(
    r"(?i:" + _STREET + r")\s*" + _CAP + r"(?:\s+(?:" + _CAP + r"|лет|им\.|имени))*"
    r"(?:,?\s*(?:(?i:" + _HOUSE + r")\s*)?\d+[\w/\-]*)*"
)
#: a bare «д. 5, кв. 12» (house and flat without a street)
_HOUSE_NO = r"(?i:" + _HOUSE + r")\s*\d+[\w/\-]*"
HOUSE = re.compile(_HOUSE_NO + r"(?:,?\s*" + _HOUSE_NO + r")*")

_KIN_RU = (
    r"мать|матери|матерью|мама|мамы|маме|мамой|отец|отца|отцу|отцом|папа|папы|"
    r"жена|жены|жене|женой|супруга|супруги|супруге|супругой|вдова|вдовы|вдове|"
    r"муж|мужа|мужу|сын|сына|сыну|сыном|сыновья|сыновей|дочь|дочери|дочерью|дочка|дочки|"
    r"брат|брата|брату|братом|братья|сестра|сестры|сестре|сестрой|"
    r"бабушка|бабушки|дедушка|дедушки|внук|внука|внучка|внучки|"
    r"тёща|теща|свекровь|отчим|мачеха|невеста|невесты|тётя|тетя|дядя|"
    r"родители|родителей|родные|родных"
)
_KIN_EN = (
    r"wife|husband|widow|mother|father|mom|mum|dad|son|daughter|brother|sister|"
    r"grandmother|grandfather|fiancée|fiancee|fiance|parents|aunt|uncle"
)
_NAME = r"[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?"
#: «мать Ольга Ивановна», «жена — Мария», «his wife Anna», «сына Дмитрия и дочь Анну»
KIN_NAME = re.compile(
    r"(?i:\b(?:" + _KIN_RU + r"|" + _KIN_EN + r"))\b"
    r"(?:\s+(?i:погибшего|погибшей|бойца|военного|его|её|ее|их|his|her|their|named|по\s+имени))*"
    r"[\s,:\-—–]+"
    r"(" + _NAME + r"(?:\s+" + _NAME + r"){0,2})"
)
