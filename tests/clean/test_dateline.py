from __future__ import annotations

import pytest

from tests.conftest import cleaned


@pytest.mark.parametrize(
    ("opening", "place", "region", "outlet", "date_text"),
    [
        ("MOSCOW (AP) — ", "MOSCOW", None, "AP", None),
        ("KYIV, Ukraine (Reuters) - ", "KYIV", "Ukraine", "Reuters", None),
        ("BEIRUT — ", "BEIRUT", None, None, None),
        ("GENEVA, 5 May (IPS) - ", "GENEVA", None, "IPS", "5 May"),
        ("WASHINGTON, Nov 8 (Reuters) - ", "WASHINGTON", None, "Reuters", "Nov 8"),
        ("UNITED NATIONS (AP) — ", "UNITED NATIONS", None, "AP", None),
        ("KHARTOUM, Sudan (AFP) - ", "KHARTOUM", "Sudan", "AFP", None),
        ("(CNN) — ", None, None, "CNN", None),
        ("KYIV, Jan 11, 2024 (AFP) - ", "KYIV", None, "AFP", "Jan 11, 2024"),
        ("ODESA, March 3 /Ukrinform/. ", "ODESA", None, "Ukrinform", "March 3"),
        ("Maputo, 19 Oct 2026 (Lusa) - ", "Maputo", None, "Lusa", "19 Oct 2026"),
        ("Srinagar, 10 November 2026: ", "Srinagar", None, None, "10 November 2026"),
        ("September 1, 2025 (EL OBEID) – ", "EL OBEID", None, None, "September 1, 2025"),
        (
            "Kashmir Ledger | Srinagar, May 14, 2023\n\n",
            "Srinagar",
            None,
            "Kashmir Ledger",
            "May 14, 2023",
        ),
        (
            "Sudan Horizon | Monday, 12 February 2024\n\n",
            None,
            None,
            "Sudan Horizon",
            "12 February 2024",
        ),
    ],
)
def test_dateline_forms_give_place_and_outlet(
    opening: str, place: str | None, region: str | None, outlet: str | None, date_text: str | None
) -> None:
    text = opening + "Fighting continued on the edge of the city, officials said."
    dateline = cleaned(text).dateline
    assert dateline is not None
    assert (dateline.place, dateline.region, dateline.outlet, dateline.date_text) == (
        place,
        region,
        outlet,
        date_text,
    )
    assert text[dateline.start : dateline.end] == opening.rstrip()


@pytest.mark.parametrize(
    "opening",
    [
        "FILE - Soldiers patrol a street in Goma, Congo, May 4, 2021. (AP Photo)\nGoma is calm. ",
        "The U.N. - backed talks resumed on Monday, officials said. ",
        "NATO allies met in Brussels on Monday, where ministers said more air defences would go. ",
    ],
)
def test_dateline_absent_when_the_story_has_none(opening: str) -> None:
    assert cleaned(opening).dateline is None


def test_dateline_found_after_a_headline_line() -> None:
    text = "Shelling hits Kherson market\nBy Petra Novak\nKHERSON, Ukraine (AP) — Shelling hit a market."
    dateline = cleaned(text).dateline
    assert dateline is not None and dateline.place == "KHERSON"


def test_a_byline_s_place_is_the_dateline_of_a_story_without_one() -> None:
    text = (
        "Bandits abduct 31 worshippers in Kauru\n\nBy Musa Abdullahi, Kaduna\n\n"
        "Armed bandits abducted 31 worshippers from a church on Sunday, residents said."
    )
    dateline = cleaned(text).dateline
    assert dateline is not None and dateline.place == "Kaduna"
    assert text[dateline.start : dateline.end] == "By Musa Abdullahi, Kaduna"


def test_a_dateline_comes_before_a_byline_s_place() -> None:
    text = (
        "By Musa Abdullahi, Kaduna\n\nKATSINA, Nigeria (AP) — Troops repelled an attack "
        "on a village on Sunday, the army said."
    )
    dateline = cleaned(text).dateline
    assert dateline is not None and dateline.place == "KATSINA"


@pytest.mark.parametrize(
    ("opening", "place", "date_text"),
    [
        ("Srinagar: ", "Srinagar", None),
        ("New Delhi, Oct 21: ", "New Delhi", "Oct 21"),
        ("DERA ISMAIL KHAN: ", "DERA ISMAIL KHAN", None),
        ("PESHAWAR, Oct 21: ", "PESHAWAR", "Oct 21"),
    ],
)
def test_dateline_a_south_asian_paper_s_colon_form(
    opening: str, place: str, date_text: str | None
) -> None:
    dateline = cleaned(opening + "Two policemen were injured in a grenade attack.").dateline
    assert dateline is not None and (dateline.place, dateline.date_text) == (place, date_text)


@pytest.mark.parametrize(
    "label",
    ["Photo: ", "Note: ", "Also Read: ", "Editor's note: ", "PHOTO CAPTION: ", "NIGERIA: "],
)
def test_dateline_a_label_and_a_colon_is_none(label: str) -> None:
    assert cleaned(label + "Mourners gather at the funeral in the village.").dateline is None


def test_dateline_a_headlines_topic_and_a_colon_is_none_and_the_dateline_under_it_is_read() -> None:
    text = (
        "Manipur: Two killed as armed men open fire in Jiribam village\n\n"
        "IMPHAL, Nov 8: Two persons were killed after armed men opened fire in a village."
    )
    dateline = cleaned(text).dateline
    assert dateline is not None and (dateline.place, dateline.date_text) == ("IMPHAL", "Nov 8")
