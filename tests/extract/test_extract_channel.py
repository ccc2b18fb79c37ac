"""Recruitment channel from Russian and English cues."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.model import Channel


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Рядовой Иван Петров был мобилизован в 2022 году и погиб.", Channel.MOBILIZED),
        ("Алексей Смирнов заключил контракт с Минобороны и погиб.", Channel.VOLUNTEER),
        ("Сергей Волков ушёл добровольцем и погиб 9 июня.", Channel.VOLUNTEER),
        ("Андрей Ткаченко отбывал наказание в колонии, погиб в «Шторм Z».", Channel.PRISONER),
        ("Боец ЧВК «Вагнер» Николай Иванов погиб, ранее он служил в армии.", Channel.PMC),
        ("Денис Кириллов, проходивший срочную службу, погиб.", Channel.CONSCRIPT),
        ("Сотрудник Росгвардии Виктор Лебедев погиб в Херсонской области.", Channel.SECURITY),
        ("Подсудимый Антон Мельников заключил контракт и погиб.", Channel.VOLUNTEER),
        ("Майор Андрей Сорокин, кадровый офицер, погиб.", Channel.PROFESSIONAL),
        ("Ivan Petrov, who had been mobilised in 2022, was killed.", Channel.MOBILIZED),
        ("Yevgeny Golubev, a convict recruited by Wagner, died.", Channel.PRISONER),
        ("Andrei Kuznetsov, a conscript, was killed.", Channel.CONSCRIPT),
        ("Nuwan Perera signed a contract and was killed.", Channel.VOLUNTEER),
    ],
)
def test_channel(text: str, channel: Channel) -> None:
    (person,) = extract(text).persons
    assert person.channel is channel


def test_no_cue_no_channel() -> None:
    (person,) = extract("Погиб Иван Петрович Сидоров, 1990 г.р.").persons
    assert person.channel is None


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        # a contract signed before the war is a career soldier's (professional)
        ("Алексей Смирнов, контрактник с 2016 года, погиб 14 мая.", Channel.PROFESSIONAL),
        ("Алексей Смирнов заключил контракт в 2019 году и погиб 14 мая.", Channel.PROFESSIONAL),
        ("Ещё в 2014 году Павел Орлов подписал контракт с Минобороны. Погиб 3 марта.",
         Channel.PROFESSIONAL),
        ("Роман Носов по контракту служил с 2010 года, погиб 2 мая.", Channel.PROFESSIONAL),
        ("Денис Котов заключил контракт ещё до начала СВО, погиб 5 мая.", Channel.PROFESSIONAL),
        ("Igor Ilyin signed a contract in 2017 and was killed in May.", Channel.PROFESSIONAL),
        # during the war it stays volunteer
        ("Алексей Смирнов в 2023 году заключил контракт и погиб 14 мая.", Channel.VOLUNTEER),
        ("Контрактник Эрдэм Цыдыпов погиб 30 января.", Channel.VOLUNTEER),
        ("Глеб Носков служил по контракту, погиб 2 февраля.", Channel.VOLUNTEER),
        ("Владислав Жуков заключил контракт в 2022 году, погиб 30 декабря.", Channel.VOLUNTEER),
    ],
)
def test_contract_before_the_war_is_professional(text: str, channel: Channel) -> None:
    (person,) = extract(text).persons
    assert person.channel is channel
