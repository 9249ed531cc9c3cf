from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import body_texts, cleaned

STORY = "KYIV, Ukraine (Reuters) - Air defences shot down 14 drones overnight, the air force said."


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        (
            "Rescuers search the rubble in Odesa, Ukraine, Monday, May 8, 2023. (AP Photo)",
            "AP Photo",
        ),
        (
            "A soldier rests in a trench near Bakhmut, Ukraine, May 8, 2023. (AP Photo/Ann Berg, File)",
            "AP Photo/Ann Berg, File",
        ),
        (
            "Smoke rises after a strike in Kharkiv. (Ukrainian Emergency Service via AP)",
            "Ukrainian Emergency Service via AP",
        ),
        (
            "Firefighters work at a depot in Lviv, Ukraine May 8, 2023. REUTERS/Olha Petrenko",
            "REUTERS/Olha Petrenko",
        ),
        (
            "A man walks past a burned car in Kyiv. Picture taken May 7, 2023. REUTERS/Stringer/File Photo",
            "REUTERS/Stringer/File Photo",
        ),
        (
            "Displaced people queue for food in El Fasher on May 8, 2023. (Photo by AMIR SALIH / AFP)",
            "Photo by AMIR SALIH / AFP",
        ),
        (
            "Protesters chant slogans in Khartoum on May 8, 2023. AMIR SALIH/AFP via Getty Images",
            "AMIR SALIH/AFP via Getty Images",
        ),
        (
            "Soldiers patrol a street in Gaza City. (Photo by Ben Ari/Getty Images)",
            "Photo by Ben Ari/Getty Images",
        ),
        (
            "Police stand guard outside parliament in Tbilisi. EPA-EFE/ZURAB KURTSIKIDZE",
            "EPA-EFE/ZURAB KURTSIKIDZE",
        ),
        (
            "Villagers flee the fighting in Rakhine state. AFP PHOTO / KYAW LIN",
            "AFP PHOTO / KYAW LIN",
        ),
        (
            "PHOTO CAPTION: Residents search the rubble of a clinic in Hpakant, Kachin state, "
            "after an air strike on Sunday. (Reuters/Stringer)",
            "Reuters/Stringer",
        ),
        (
            "Photo caption: Firefighters work at a depot in Kharkiv after a missile strike on "
            "Thursday. (Reuters/Stringer)",
            "Reuters/Stringer",
        ),
    ],
)
def test_captions_credit_forms_are_separated_from_the_story(caption: str, credit: str) -> None:
    document = cleaned(f"{caption}\n{STORY}")
    assert body_texts(document) == [STORY]
    assert [c.credit for c in document.captions] == [credit]


@pytest.mark.parametrize(
    "caption",
    [
        "Displaced families are seen at a camp near Goma, Congo, Tuesday, May 4, 2021.",
        "Residents walk past a destroyed school in Mariupol, Ukraine, Thursday, April 7, 2022.",
        "FILE - Ukrainian soldiers ride an armoured vehicle near Izium, Ukraine, Sept. 14, 2022.",
        "In this photo released by the Sudanese army, troops stand on a truck in Omdurman.",
    ],
)
def test_captions_without_credit_are_recognised_by_form(caption: str) -> None:
    document = cleaned(f"{STORY}\n{caption}")
    assert body_texts(document) == [STORY]
    assert len(document.captions) == 1


@pytest.mark.parametrize(
    "paragraph",
    [
        "Two soldiers were killed in the attack, a Reuters witness said.",
        "The commander told The Associated Press that the brigade had withdrawn overnight.",
        "AFP reported that at least 30 people had fled the village by Tuesday.",
        "The ministry posted a photo on Telegram showing the wreckage of the drone.",
        "Smoke is seen rising over the city every night, residents say.",
        "The ceasefire took effect on Monday, Nov. 9, 2020.",
        "Photographs shared online showed a column of tanks moving north.",
        "Photographer Anna Kovalenko was wounded when the shell hit the school.",
        '"They shell us every day," said Olena Shevchuk, 54, standing by her gate.',
    ],
)
def test_captions_story_paragraphs_that_look_like_captions_stay_in_the_story(
    paragraph: str,
) -> None:
    document = cleaned(f"{STORY}\n{paragraph}")
    assert body_texts(document) == [STORY, paragraph]
    assert document.captions == ()


def test_captions_repeated_ones_are_kept_once_with_count_and_every_span(wire_story: str) -> None:
    document = cleaned(wire_story)
    smoke = [c for c in document.captions if c.text.startswith("Smoke rises")]
    assert len(smoke) == 1
    assert smoke[0].count == 3
    assert [span.slice(wire_story).startswith("Smoke rises") for span in smoke[0].spans] == [
        True
    ] * 3
    assert smoke[0].credit == "AP Photo/Tomas Lindqvist"
    assert smoke[0].date == date(2023, 3, 4)
    assert not any("AP Photo" in paragraph for paragraph in body_texts(document))


def test_captions_each_keeps_its_own_date(wire_story: str) -> None:
    document = cleaned(wire_story)
    assert sorted(c.date for c in document.captions if c.date) == [
        date(2023, 3, 3),
        date(2023, 3, 4),
    ]


def test_captions_glued_to_the_dateline_are_cut_off() -> None:
    text = (
        "Rescuers search the rubble in Odesa, Ukraine, Monday, May 8, 2023. (AP Photo/Ann Berg) "
        "ODESA, Ukraine (AP) — A missile strike on a warehouse killed two workers, officials said."
    )
    document = cleaned(text)
    assert body_texts(document) == [
        "ODESA, Ukraine (AP) — A missile strike on a warehouse killed two workers, officials said."
    ]
    assert document.captions[0].credit == "AP Photo/Ann Berg"
    assert document.dateline is not None and document.dateline.place == "ODESA"


def test_captions_with_one_word_changed_are_one_caption() -> None:
    first = (
        "Displaced families wait for food at a camp near Goma, Congo, Tuesday, May 4, 2021. "
        "Fighting in North Kivu has forced thousands from their homes. (AP Photo/Jean Mulenga)"
    )
    second = first.replace("thousands", "tens of thousands")
    document = cleaned(f"{first}\n{STORY}\n{second}")
    assert len(document.captions) == 1
    assert document.captions[0].count == 2


def test_captions_glued_to_a_plain_story_sentence_are_cut_off() -> None:
    story = "Hundreds of families fled villages near the town after drones dropped explosives."
    text = (
        "Soldiers guard a road near Apatzingan, Mexico, March 3, 2025. "
        f"(Photo by Ana Ruiz/Getty Images) {story}"
    )
    document = cleaned(text)
    assert body_texts(document) == [story]
    assert document.captions[0].credit == "Photo by Ana Ruiz/Getty Images"


def test_captions_a_bare_credit_mid_paragraph_is_not_cut_without_a_dateline() -> None:
    text = "Firefighters at the depot. REUTERS/Olha Petrenko The blaze spread overnight, it said."
    document = cleaned(text)
    assert document.captions == ()
