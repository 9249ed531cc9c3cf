"""Where a speaker stands, provinces called states, villages placed in their district, and a city
named like its province.

Stories composed for these tests, on a small gazetteer of the countries they name.
"""

from __future__ import annotations

import pytest

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.records import Article, PlaceMention
from sitrep.resolve.gazetteer import Gazetteer, build_gazetteer, load_gazetteer
from sitrep.resolve.geoparse import resolve_places

COUNTRIES = frozenset({"KE", "SO", "NG", "PK", "UA"})


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gazetteer-areas") / "gazetteer.sqlite3"
    build_gazetteer(path, countries=COUNTRIES)
    return load_gazetteer(path, countries=COUNTRIES)


def _places_of(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    return list(resolve_places(annotate(clean(Article(text=text))), gazetteer))


def _named(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    return [p for p in places if p.text == text]


def test_a_place_where_a_speaker_stands_is_no_speaking_place(gazetteer: Gazetteer) -> None:
    text = (
        "NAIROBI (Reuters) - Police in Wajir said on Tuesday that gunmen had raided a camp "
        "overnight. Mogadishu denied any role in the raid."
    )
    places = _places_of(text, gazetteer)
    assert [p.role for p in _named(places, "Wajir")] == ["event"]
    assert [p.role for p in _named(places, "Mogadishu")] == ["context"]


def test_a_province_called_a_state_in_lower_case_is_found(gazetteer: Gazetteer) -> None:
    text = (
        "ABUJA (Reuters) - Herders killed nine farmers near a market in Nigeria's central "
        "Plateau state on Friday, officials said. Islamic State said it was not involved, and "
        "the State Department called for calm. Borno State Governor Babagana Zulum visited."
    )
    places = _places_of(text, gazetteer)
    assert [(p.kind, p.country) for p in _named(places, "Plateau")] == [("admin1", "NG")]
    assert not [p for p in places if "Islamic" in p.text or "Department" in p.text]
    assert not [p for p in places if "Governor" in p.text]


@pytest.mark.parametrize(
    ("text", "village", "area"),
    [
        (
            "PESHAWAR (Reuters) - A bomb hit an army compound in Daraban in Dera Ismail Khan "
            "district on Monday, the army said.",
            "Daraban",
            "Dera Ismail Khan",
        ),
        (
            "ABUJA (Reuters) - Herders killed nine farmers in the village of Kwakdong in "
            "Nigeria's central Plateau state on Friday, officials said.",
            "Kwakdong",
            "Plateau",
        ),
    ],
)
def test_a_village_the_gazetteer_lacks_stands_at_the_area_it_lies_in(
    gazetteer: Gazetteer, text: str, village: str, area: str
) -> None:
    places = _named(_places_of(text, gazetteer), village)
    assert places and all(p.kind in ("admin1", "admin2") for p in places)
    assert all(p.name and p.name.startswith(area) for p in places)


def test_a_group_in_a_province_is_no_place(gazetteer: Gazetteer) -> None:
    text = (
        "MAIDUGURI (Reuters) - Attacks by Boko Haram in Borno state have killed dozens this "
        "month, officials said."
    )
    assert not [p for p in _places_of(text, gazetteer) if "Boko" in p.text or "Haram" in p.text]


def test_the_city_of_a_name_is_the_city_not_its_province(gazetteer: Gazetteer) -> None:
    text = (
        "KYIV (Reuters) - A drone hit a school in the city of Zaporizhzhia overnight, the mayor "
        "said. Zaporizhzhia has been shelled often this month."
    )
    places = _named(_places_of(text, gazetteer), "Zaporizhzhia")
    assert len(places) == 2
    assert all((p.kind, p.country) == ("city", "UA") for p in places)
