"""Quotations and reported speech in composed stories."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.extract.quotes import extract_quotes
from sitrep.records import Article, Quote
from sitrep.resolve import resolve_dates

STORY = (
    "Displaced families wait at a camp near Goma, Congo, Saturday, March 4, 2023. "
    "(AP Photo/Jean Mulenga)\n"
    "GOMA, Congo (AP) — Rebels have seized the town of Sake, the country's president said Sunday.\n"
    "In a televised address, President Felix Tshisekedi said “we will not give up one inch of "
    "our land.”\n"
    "“The fighting is continuing,” rebel spokesman Lawrence Kanyuka wrote on Telegram. "
    "He said the group had not attacked civilians.\n"
    "At least 12 people were killed in the shelling, according to the North Kivu health "
    "ministry.\n"
)


def _quotes_of(text: str, published: date) -> tuple[Quote, ...]:
    annotated = annotate(clean(Article(text=text, published=published)))
    return extract_quotes(annotated, resolve_dates(annotated))


@pytest.fixture(scope="module")
def quotes() -> list[Quote]:
    return list(_quotes_of(STORY, date(2023, 3, 5)))


def by_speaker(quotes: list[Quote], speaker: str) -> list[Quote]:
    return [q for q in quotes if q.speaker == speaker]


def test_quotes_direct_quotation_with_title_channel_and_date(quotes: list[Quote]) -> None:
    [quote] = [q for q in by_speaker(quotes, "Felix Tshisekedi") if q.direct]
    assert quote.text == "we will not give up one inch of our land"
    assert quote.speaker_title == "President"
    assert quote.channel == "televised address"
    assert quote.date == date(2023, 3, 5)
    assert STORY[quote.start : quote.end] == quote.text


def test_quotes_a_title_alone_resolves_to_the_person_named_with_it(quotes: list[Quote]) -> None:
    reported = [q for q in quotes if not q.direct and q.text.startswith("Rebels have seized")]
    assert reported and reported[0].speaker == "Felix Tshisekedi"
    assert reported[0].speaker_title == "country's president"


def test_quotes_speaker_after_the_quotation_and_a_pronoun_later(quotes: list[Quote]) -> None:
    kanyuka = by_speaker(quotes, "Lawrence Kanyuka")
    assert any(q.direct and q.text == "The fighting is continuing" for q in kanyuka)
    assert any(q.channel == "Telegram" for q in kanyuka)
    assert kanyuka[0].speaker_title == "rebel spokesman"
    assert any(not q.direct and "had not attacked civilians" in q.text for q in kanyuka)


def test_quotes_according_to(quotes: list[Quote]) -> None:
    [quote] = [q for q in quotes if q.cue == "according to"]
    assert quote.speaker == "North Kivu health ministry"
    assert quote.text == "At least 12 people were killed in the shelling"


def test_quotes_a_photographer_is_never_a_speaker(quotes: list[Quote]) -> None:
    assert not any("Mulenga" in (q.speaker or "") for q in quotes)


def test_quotes_a_speaker_after_the_verb_keeps_the_verb_out_of_the_title() -> None:
    text = (
        "GOMA, Congo (AP) — Doctors worked through the night, said Dr. Amal Kitoko, a surgeon "
        "at the main hospital.\n"
    )
    [quote] = _quotes_of(text, date(2023, 3, 5))
    assert (quote.speaker, quote.speaker_title) == ("Amal Kitoko", "Dr.")


def test_quotes_a_speaker_never_takes_in_the_dateline() -> None:
    text = (
        "MOGADISHU, March 15 (Reuters) - Al Shabaab militants said on Friday they had overrun "
        "a military base near Jowhar.\n"
    )
    [quote] = _quotes_of(text, date(2024, 3, 15))
    assert quote.speaker == "Al Shabaab militants"


def test_quotes_a_group_the_parser_hangs_on_the_dateline_still_speaks() -> None:
    text = (
        "OUAGADOUGOU (AFP) - The Al-Qaeda-linked Group to Support Islam and Muslims (JNIM) said "
        "it attacked a military post near the town of Djibo in northern Burkina Faso on Sunday, "
        "claiming to have killed 12 soldiers."
    )
    [quote] = _quotes_of(text, date(2024, 4, 7))
    assert quote.speaker is not None and "Group" in quote.speaker
    assert "BAMAKO" not in quote.speaker


def test_quotes_a_group_hung_on_the_datelines_region_still_speaks() -> None:
    text = (
        "GOMA, DR Congo (AFP) - M23 rebels said on Monday they had captured Kanyabayonga, a town "
        "in North Kivu province."
    )
    [quote] = _quotes_of(text, date(2024, 4, 15))
    assert quote.speaker == "M23 rebels"


def test_quotes_a_body_named_like_a_title_is_the_speaker_whole() -> None:
    text = (
        "KYIV (Wire) — Ukraine's General Staff denied that the village had been lost, and "
        "Russia's Southern Command said its units were advancing.\n"
    )
    speakers = {q.speaker for q in _quotes_of(text, date(2025, 2, 21))}
    assert "Staff" not in speakers and "Command" not in speakers
    assert "General Staff" in speakers


def test_quotes_a_description_of_the_dead_is_not_the_speaker() -> None:
    text = (
        "A military jet bombed a village school on Monday, killing at least 17 people, most of "
        "them students, residents and a local resistance group said.\n"
    )
    [quote] = _quotes_of(text, date(2024, 3, 12))
    assert quote.speaker == "residents"


def test_quotes_a_title_named_in_apposition_is_its_own_speaker_not_another_sides() -> None:
    text = (
        "M23 rebels said on Saturday they had taken the town. \u201cThe town is under our "
        "control,\u201d M23 spokesman Willy Ngoma told Reuters.\n"
        "An army spokesman, Lieutenant Colonel Guy Ndala, said fighting was continuing.\n"
        "The army spokesman said reinforcements had arrived.\n"
    )
    quotes = _quotes_of(text, date(2024, 3, 12))
    speakers = [q.speaker for q in quotes if q.speaker != "M23 rebels"]
    assert speakers == ["Willy Ngoma", "Guy Ndala", "Guy Ndala"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The fighting lasted three hours, a local government official, Sani Abdullahi, told "
        "Reuters.",
        "The fighting lasted three hours, a police spokesman, Sani Abdullahi, said.",
    ],
)
def test_quotes_a_title_then_a_name_between_commas_is_the_speaker(sentence: str) -> None:
    [quote] = _quotes_of(sentence, date(2024, 3, 12))
    assert quote.speaker == "Sani Abdullahi"
