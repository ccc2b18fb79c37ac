"""English name mentions: runs of capitalised words, with titles, ranks, places and other
capitalised non-names stripped («Journalist Maria Ivanova» → Maria Ivanova, a journalist).
"""

from __future__ import annotations

import re

from tally.extract.persons import NameMention, mark_dropped
from tally.extract.roles import OFFICIAL_EN, RELATIVE_EN
from tally.names.morph import NameParts
from tally.names.ranks import is_rank_word

_EN_NAME = re.compile(
    r"(?<![\w'])(?P<n>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,3})"
)
_ROLE_WORD = re.compile(rf"(?:{OFFICIAL_EN}|{RELATIVE_EN}|paratrooper|marine|medic|soldier|"
                        r"serviceman|fighter|conscript|volunteer|convict|inmate|"
                        r"late|fallen|hero|born|among|separately)", re.I)
EN_STOP = frozenset((
    "The", "A", "An", "As", "At", "In", "On", "Of", "From", "For", "And", "But", "He", "She",
    "His", "Her", "Both", "Two", "Three", "Russia", "Russian", "Ukraine", "Ukrainian", "Moscow",
    "Defence", "Defense", "Ministry", "National", "Guard", "Republic", "Region", "Krai",
    "Oblast", "Brigade", "Regiment", "Division", "Army", "Herald", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "VKontakte", "Telegram", "Storm", "Wagner", "Group", "Black", "Sea", "Air", "Assault",
    "Motor", "Rifle", "Rosgvardia", "Soledar", "Bakhmut", "Kursk", "Zaporizhzhia", "Kherson",
    "Donetsk", "Luhansk", "Belgorod", "Kurakhove", "Officials", "Local", "According", "Human",
    "Rights", "Senior", "Junior", "Lieutenant", "Captain", "Colonel", "Major", "Sergeant",
    "Private", "Corporal", "Warrant", "Officer", "General", "Medical", "Conscript", "Volunteer",
    "Lance", "Staff", "First", "Second", "Third", "Rank", "Navy", "Mobilised", "Mobilized",
    "Kazakh", "Uzbek", "Cuban", "Indian", "Nepali", "Somali", "Serbian", "Moldovan", "Ghanaian",
    "Sri", "Lankan", "Syrian", "Egyptian", "Tajik", "Kyrgyz", "Iraqi", "Chinese", "Tuva",
    "Buryatia", "Bashkortostan", "Tatarstan", "Chechnya", "Dagestan", "Siberia", "Crimea",
    "Sevastopol", "Ufa", "Pskov", "Omsk", "Tula", "Ryazan", "Kaluga", "Lipetsk", "Voronezh",
    "Nizhny", "Novgorod", "Khabarovsk", "Murmansk", "Salekhard", "Nalchik", "Kabardino-Balkaria",
    "Ulan-Ude", "Sheregesh", "Nizhnekamsk", "Naberezhnye", "Chelny", "Kemerovo", "Novosibirsk",
    "Saratov", "Tver", "Chelyabinsk", "Zabaykalsky", "Rostov-on-Don", "Governor", "Minister",
    "Mayor", "President", "Deputy", "Head", "Chief", "Eastern", "Western", "Northern",
    "Southern", "Kremlin", "Mediazona", "BBC", "Meduza",
))


def en_mentions(text: str) -> list[NameMention]:
    out = []
    for m in _EN_NAME.finditer(text):
        start, end = m.start("n"), m.end("n")
        words = m.group("n").split()
        while words and (words[0] in EN_STOP or is_rank_word(words[0])
                         or _ROLE_WORD.fullmatch(words[0])):
            start += len(words[0]) + 1
            words.pop(0)
            while start < end and text[start].isspace():
                start += 1
        while words and words[-1] in EN_STOP:
            words.pop()
        if len(words) < 2 or any(w in EN_STOP for w in words):
            continue
        end = start + len(" ".join(words))
        if text[start:end] != " ".join(words):
            continue
        if re.match(r"\s+(?:region|Republic|Krai|Oblast|Brigade)", text[end : end + 12]):
            continue
        parts = NameParts(words[-1], " ".join(words[:-1]), None, None)
        spans = {"last_name": (end - len(words[-1]), end),
                 "first_name": (start, start + len(parts.first or ""))}
        out.append(NameMention(start, end, text[start:end], parts, part_spans=spans))
    return mark_dropped(text, out, english=True)
