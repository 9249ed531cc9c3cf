"""Places of composed stories: recognition, resolution, roles and relative places."""

from __future__ import annotations

import pytest

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.records import Article, PlaceMention
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.geometry import haversine_km
from sitrep.resolve.geoparse import resolve_places
from sitrep.resolve.places import NameToResolve, PlaceResolver, containers_after

STORY = (
    "Smoke rises over Shushi, outside Stepanakert, Nagorno-Karabakh, Saturday, Nov. 7, 2020. "
    "(AP Photo/Ann Berg)\n"
    "MOSCOW (AP) — Azerbaijani forces said they had taken the town of Shushi, which sits about "
    "10 kilometers (6 miles) south of Stepanakert, after weeks of fighting with Armenia.\n"
    "Moscow denied sending troops. Refugees crossed into Armenia near Vardenis on Sunday.\n"
    "Turkish President Recep Tayyip Erdogan spoke at a rally in Kocaeli.\n"
)


@pytest.fixture(scope="module")
def places(gazetteer: Gazetteer) -> list[PlaceMention]:
    return list(resolve_places(annotate(clean(Article(text=STORY))), gazetteer))


def by_text(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    return [p for p in places if p.text == text]


def test_geoparse_resolves_names_the_model_mislabels(places: list[PlaceMention]) -> None:
    stepanakert = by_text(places, "Stepanakert")
    assert stepanakert and all(p.country == "AZ" for p in stepanakert)
    karabakh = by_text(places, "Nagorno-Karabakh")
    assert karabakh and karabakh[0].kind == "region"


def test_geoparse_other_names_of_a_place_resolve_to_it(places: list[PlaceMention]) -> None:
    [shushi, *_] = by_text(places, "Shushi")
    assert (shushi.name, shushi.country) == ("Shusha", "AZ")
    assert haversine_km(shushi.lat or 0, shushi.lon or 0, 39.76, 46.75) < 10


def test_geoparse_dateline_place_has_the_dateline_role(places: list[PlaceMention]) -> None:
    [moscow] = [p for p in places if p.text == "MOSCOW"]
    assert (moscow.role, moscow.segment, moscow.country, moscow.kind) == (
        "dateline",
        "dateline",
        "RU",
        "city",
    )
    assert not any(p.text == "AP" for p in places)


def test_geoparse_a_capital_standing_for_its_government_is_context(
    places: list[PlaceMention],
) -> None:
    moscow = [p for p in places if p.text == "Moscow"]
    assert moscow and moscow[0].role == "context"
    assert all(p.role == "event" for p in by_text(places, "Kocaeli"))


def test_geoparse_provinces_missing_from_city_lists_resolve(places: list[PlaceMention]) -> None:
    [kocaeli] = by_text(places, "Kocaeli")
    assert (kocaeli.country, kocaeli.kind) == ("TR", "admin1")


def test_geoparse_relative_places_keep_the_anchor_and_move_the_point(
    places: list[PlaceMention],
) -> None:
    offset = [p for p in by_text(places, "Stepanakert") if p.relation and "south" in p.relation]
    assert offset, [p.relation for p in places]
    [south] = offset
    assert south.precision == "near" and south.name == "Khankendi"
    anchor = next(
        p for p in by_text(places, "Stepanakert") if not p.relation or "south" not in p.relation
    )
    assert anchor.lat is not None and south.lat is not None and south.lon is not None
    assert south.lat < anchor.lat
    assert 9 < haversine_km(anchor.lat, anchor.lon or 0, south.lat, south.lon) < 11
    near = by_text(places, "Vardenis")
    assert near and near[0].precision == "near" and near[0].country == "AM"


def test_geoparse_unknown_names_stay_with_a_reason(gazetteer: Gazetteer) -> None:
    text = "Shelling hit the Zzyzxqvar Heights near Stepanakert on Friday, officials said."
    places = resolve_places(annotate(clean(Article(text=text))), gazetteer)
    unknown = [p for p in places if p.geonameid is None]
    for place in unknown:
        assert place.lat is None and place.reason
    assert any(p.name == "Khankendi" for p in places)


def test_geoparse_spans_point_into_the_text(places: list[PlaceMention]) -> None:
    for place in places:
        assert STORY[place.start : place.end] == place.text


@pytest.mark.parametrize(
    ("name", "rest", "containers"),
    [
        ("Vardenis", ", Armenia, Saturday", ("Armenia",)),
        ("Kupiansk", ", a town in the Kharkiv region, was hit", ("Kharkiv",)),
        (
            "Aurora",
            " is a city in Hamilton County, Nebraska, United States",
            ("Hamilton County", "Nebraska"),
        ),
        (
            "San Jose",
            " is a town in the Province of Northern Samar, Philippines",
            ("Province of Northern Samar", "Philippines"),
        ),
        ("Shushi", " fell on Sunday", ()),
    ],
)
def test_geoparse_containers_named_beside_a_place(
    name: str, rest: str, containers: tuple[str, ...]
) -> None:
    assert containers_after(name + rest, len(name)) == containers


def test_geoparse_a_container_picks_the_namesake_inside_it(gazetteer: Gazetteer) -> None:
    resolver = PlaceResolver(gazetteer)
    [plain] = resolver.resolve([NameToResolve("Aleksandrovka")])
    [inside] = resolver.resolve([NameToResolve("Aleksandrovka", ("Ukraine",))])
    assert inside.candidate is not None and inside.candidate.country_code == "UA"
    assert plain.candidate is not None


def test_resolver_a_lower_case_direction_is_not_part_of_the_name(gazetteer: Gazetteer) -> None:
    resolver = PlaceResolver(gazetteer)
    [south] = resolver.resolve([NameToResolve("south Lebanon")])
    [eastern] = resolver.resolve([NameToResolve("eastern Ukraine")])
    assert south.candidate is not None and south.candidate.country_code == "LB"
    assert eastern.candidate is not None and eastern.candidate.kind == "country"
