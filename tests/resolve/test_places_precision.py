"""Precision of places: no name lands in the wrong country for want of the story's evidence.

Stories composed for these tests; the gazetteers are the small ones of ``conftest.py``.
"""

from __future__ import annotations

import pytest

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.records import Article, PlaceMention
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.geoparse import resolve_places
from sitrep.resolve.places import NameToResolve, PlaceResolver, containers_after
from tests.resolve.conftest import small_gazetteer


def _places_of(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    return list(resolve_places(annotate(clean(Article(text=text))), gazetteer))


def _resolved(gazetteer: Gazetteer, *names: NameToResolve) -> list[tuple[str | None, str | None]]:
    resolutions = PlaceResolver(gazetteer).resolve(list(names))
    return [
        (r.candidate.name, r.candidate.country_code) if r.candidate else (None, None)
        for r in resolutions
    ]


def test_a_name_given_once_with_its_country_keeps_that_place(
    american_gazetteer: Gazetteer,
) -> None:
    # Hamburg is also a town near Buffalo: once the story says which Hamburg, it stays.
    text = (
        "A youth orchestra from Buffalo played in Hamburg, Germany, in May. Back home in Buffalo "
        "and Rochester, the players said Hamburg had been the highlight of the tour."
    )
    hamburg = [p for p in _places_of(text, american_gazetteer) if p.text == "Hamburg"]
    assert [p.country for p in hamburg] == ["DE", "DE"]


def test_the_surname_of_a_person_the_story_names_is_no_place(
    american_gazetteer: Gazetteer,
) -> None:
    text = (
        "Judge Mark Turner lost his seat on the municipal court on Tuesday in Columbus, Georgia. "
        "Turner said he would not ask for a recount, and the vote went to Turner's rival."
    )
    places = _places_of(text, american_gazetteer)
    assert not [p for p in places if p.text == "Turner"]
    assert [p.country for p in places if p.text == "Columbus"] == ["US"]


def test_a_common_word_heading_an_organisation_is_no_place(american_gazetteer: Gazetteer) -> None:
    text = (
        "The University of Nebraska will raise tuition by 3 percent, its regents said on "
        "Thursday in Lincoln."
    )
    places = _places_of(text, american_gazetteer)
    assert not [p for p in places if p.text == "University"]
    assert [(p.kind, p.role) for p in places if p.text == "Nebraska"] == [
        ("admin1", "organisation")
    ]


def test_a_word_for_a_people_is_no_town_of_that_name(american_gazetteer: Gazetteer) -> None:
    # Welsh is a town in Louisiana; the apartments are in Paris, Texas.
    text = (
        "Paris firefighters put out a kitchen fire at the Welsh apartments on Monday, the fire "
        "chief said. Nobody was hurt."
    )
    places = _places_of(text, american_gazetteer)
    assert not [p for p in places if p.text == "Welsh"]


def test_landmarks_the_news_names_are_not_their_namesakes(american_gazetteer: Gazetteer) -> None:
    # "White House" is also a name of Casablanca and a town in Tennessee; Heathrow a town in
    # Florida.
    protest = "Hundreds of protesters marched to the White House on Saturday."
    [white_house] = [p for p in _places_of(protest, american_gazetteer) if p.text == "White House"]
    assert (white_house.name, white_house.country, white_house.kind) == (
        "White House",
        "US",
        "landmark",
    )
    snow = "Passengers waited for hours at Heathrow on Monday after snow closed both runways."
    [heathrow] = [p for p in _places_of(snow, american_gazetteer) if p.text == "Heathrow"]
    assert (heathrow.name, heathrow.country) == ("Heathrow Airport", "GB")


def test_a_town_named_like_a_region_or_an_ocean_gains_nothing_from_its_country(
    american_gazetteer: Gazetteer,
) -> None:
    # Middle East is a neighbourhood of Baltimore, Pacific a town in Missouri.
    resolved = _resolved(
        american_gazetteer,
        NameToResolve("Syria"),
        NameToResolve("Washington"),
        NameToResolve("Virginia"),
        NameToResolve("Alaska"),
        NameToResolve("Middle East"),
        NameToResolve("Pacific"),
    )
    assert resolved[-2:] == [("Middle East", None), ("Pacific Ocean", None)]


def test_an_abbreviated_saint_is_the_saint_s_city(american_gazetteer: Gazetteer) -> None:
    # GeoNames spells the Russian city "Saint Petersburg" and the Florida one "St. Petersburg":
    # alone, the name is the far larger city's.
    assert _resolved(american_gazetteer, NameToResolve("St. Petersburg")) == [
        ("Saint Petersburg", "RU")
    ]


def test_a_small_town_far_from_the_story_s_towns_in_its_country_is_dropped(
    american_gazetteer: Gazetteer,
) -> None:
    # The story is about northeast Texas; the gazetteer's only Howland is in Maine.
    text = (
        "Sales tax rebates rose in Paris, Texas, in March. Rebates also rose in Roxton and in "
        "Honey Grove, both in Lamar County, and a pipeline station near Howland paid $812."
    )
    places = {p.text: p for p in _places_of(text, american_gazetteer)}
    assert places["Roxton"].country == "US" and places["Roxton"].admin1 == "TX"
    howland = places["Howland"]
    assert howland.geonameid is None
    assert howland.reason is not None and howland.reason.startswith("far from the story's")


def test_a_container_stops_where_the_next_sentence_begins(american_gazetteer: Gazetteer) -> None:
    # A period went missing between the place and the next sentence.
    text = "a survivor of the school shooting in Parkland, Florida The controversy grew"
    end = text.index("Parkland") + len("Parkland")
    assert containers_after(text, end) == ("Florida",)
    [(_, country)] = _resolved(american_gazetteer, NameToResolve("Parkland", ("Florida",)))
    assert country == "US"
    [parkland] = PlaceResolver(american_gazetteer).resolve(
        [NameToResolve("Parkland", containers_after(text, end))]
    )
    assert parkland.candidate is not None and parkland.candidate.admin1_code == "FL"


def test_a_church_s_saint_is_no_town(american_gazetteer: Gazetteer) -> None:
    # Saint Peter and Saint Paul are towns in Minnesota.
    text = (
        "A bomb damaged the church of St. Peter and St. Paul in Damascus on Sunday, state media "
        "said. Worshippers at St. Paul's Cathedral prayed for the victims."
    )
    places = _places_of(text, american_gazetteer)
    assert [(p.text, p.country) for p in places] == [("Damascus", "SY")]


def test_a_holy_city_known_by_its_english_name_is_no_american_namesake(
    american_gazetteer: Gazetteer,
) -> None:
    # GeoNames names them Makkah and Madinah; Mecca, California and Medina, Ohio bear the
    # English names as their own.
    names = [NameToResolve("Mecca"), NameToResolve("Medina"), NameToResolve("Saudi Arabia")]
    assert [country for _, country in _resolved(american_gazetteer, *names)] == ["SA"] * 3


def test_countries_stand_at_their_geonames_point(american_gazetteer: Gazetteer) -> None:
    united_states, canada = american_gazetteer.country("US"), american_gazetteer.country("CA")
    assert united_states is not None and canada is not None
    assert (round(united_states.lat, 2), round(united_states.lon, 2)) == (39.76, -98.5)
    assert (round(canada.lat, 2), round(canada.lon, 2)) == (60.11, -113.64)


def test_loose_matches_never_vouch_for_each_other(american_gazetteer: Gazetteer) -> None:
    # Read by their consonants, "Saakashvili" is Sykesville and "Civil" Manteca, both in the
    # United States; in a story from Tbilisi neither is a place.
    picks = _resolved(
        american_gazetteer,
        NameToResolve("Tbilisi"),
        NameToResolve("Saakashvili"),
        NameToResolve("Civil"),
    )
    assert picks[0] == ("Tbilisi", "GE")
    assert [country for _, country in picks[1:]] == [None, None]


def test_a_two_letter_name_that_is_no_acronym_is_no_place(american_gazetteer: Gazetteer) -> None:
    assert _resolved(american_gazetteer, NameToResolve("Li"), NameToResolve("Tbilisi")) == [
        (None, None),
        ("Tbilisi", "GE"),
    ]


def test_a_dateline_names_a_town_not_a_country(american_gazetteer: Gazetteer) -> None:
    # A local paper's dateline is the town it was filed from: Lebanon, Pennsylvania, not the
    # country; the story's later "Lebanon" is the same town.
    text = (
        "Library hosts annual book sale. LEBANON – About 500 books are stacked on tables near the "
        "entrance of the public library. The sale runs from 9 a.m. to 3:30 p.m. Saturday at the "
        "library on Main Street in Lebanon."
    )
    lebanon = [p for p in _places_of(text, american_gazetteer) if p.text.casefold() == "lebanon"]
    assert [(p.country, p.kind) for p in lebanon] == [("US", "city"), ("US", "city")]


def test_a_country_heading_a_section_of_briefs_stays_the_country(
    american_gazetteer: Gazetteer,
) -> None:
    # Before a colon, a country's name heads a section of briefs: no American town Lebanon.
    text = (
        "MIDEAST BRIEFS\n\nLEBANON: Strike kills two fighters\n\nBEIRUT (AP) — An Israeli strike "
        "hit a car in southern Lebanon on Tuesday, killing two fighters, officials said."
    )
    lebanon = [p for p in _places_of(text, american_gazetteer) if p.text.casefold() == "lebanon"]
    assert lebanon and all(p.country == "LB" for p in lebanon)


@pytest.fixture(scope="module")
def congo_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"CD", "US"}))


def test_and_is_no_locative_before_an_organisation(congo_gazetteer: Gazetteer) -> None:
    # "and" joins places in a list ("in Odesa and Mykolaiv"), not soldiers and an aid group:
    # Red Cross is also a town in North Carolina.
    text = (
        "Fighting in South Kivu displaced thousands. Soldiers and Red Cross volunteers reached "
        "Bukavu on Monday."
    )
    places = _places_of(text, congo_gazetteer)
    assert not [p for p in places if "Cross" in p.text]
    assert {p.country for p in places if p.country} == {"CD"}


def test_a_loose_match_needs_a_place_of_its_country_near_it(congo_gazetteer: Gazetteer) -> None:
    # Read by its consonants, Kalehe (which the gazetteer lacks) is Kalihi-Palama in Hawaii;
    # the United States named in the story lies thousands of kilometres from Hawaii.
    text = (
        "Rebels attacked Kalehe on Monday, officials in Bukavu said. The United States "
        "condemned the attack."
    )
    [kalehe] = [p for p in _places_of(text, congo_gazetteer) if p.text == "Kalehe"]
    assert kalehe.country is None
    assert kalehe.reason is not None and "loose match" in kalehe.reason


def test_an_abbreviation_is_what_it_abbreviates(american_gazetteer: Gazetteer) -> None:
    # Folded, "Ind." and "Man." are the codes of India and the name of Amman; the periods make
    # them the state and the province of the Associated and Canadian Press.
    assert _resolved(american_gazetteer, NameToResolve("Ind.")) == [("Indiana", "US")]
    text = "Lucy Lau was born in Churchill, Man., and grew up in Thompson."
    places = _places_of(text, american_gazetteer)
    assert [(p.name, p.country) for p in places if p.text == "Man."] == [("Manitoba", "CA")]


def test_initials_in_mixed_case_are_no_place(american_gazetteer: Gazetteer) -> None:
    # "MoD" is also an alternate name of Maud, Texas.
    text = "The Ministry of Defence (MoD) named the soldier on Sunday. The MoD said he was 24."
    assert not [p for p in _places_of(text, american_gazetteer) if p.text == "MoD"]


@pytest.fixture(scope="module")
def british_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"GB", "JM", "AU"}))


def test_a_province_smaller_than_a_town_of_its_name_is_not_broader(
    british_gazetteer: Gazetteer,
) -> None:
    # Manchester is also a parish of Jamaica (62,000 people), Cambridge a council in Western
    # Australia (30,000): a name alone is the English city.
    picks = [
        _resolved(british_gazetteer, NameToResolve(name))[0] for name in ("Manchester", "Cambridge")
    ]
    assert [country for _, country in picks] == ["GB", "GB"]


def test_a_town_a_twentieth_of_a_city_the_story_names_the_country_of_is_that_city(
    american_gazetteer: Gazetteer,
) -> None:
    # St. Petersburg, Florida (260,000 people), is a twentieth of the Russian city; a story
    # that names Russia means Russia's, however many American places it names.
    text = (
        "Russia will close the American consulate in St. Petersburg and expel diplomats, after "
        "the United States expelled Russian envoys from New York and Seattle and closed the "
        "consulate in San Francisco."
    )
    [petersburg] = [p for p in _places_of(text, american_gazetteer) if p.text == "St. Petersburg"]
    assert petersburg.country == "RU"


def test_an_officer_s_surname_is_no_place_abroad(tmp_path_factory: pytest.TempPathFactory) -> None:
    gazetteer = small_gazetteer(tmp_path_factory, frozenset({"PH", "FR", "PE"}))
    text = (
        "Major General Eduardo Lim said troops overran a rebel camp on Tuesday. Two soldiers "
        'were wounded and brought to a hospital in Cotabato City, Dizon said. "The camp is '
        'ours," Lim said.'
    )
    places = _places_of(text, gazetteer)
    assert {p.country for p in places if p.country} == {"PH"}
    assert [p.name for p in places if p.text == "Cotabato City"] == ["Cotabato City"]


@pytest.fixture(scope="module")
def philippine_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"PH", "ES"}))


def test_a_name_before_the_word_town_is_the_town(philippine_gazetteer: Gazetteer) -> None:
    # The model tags "Las Navas" a nationality; "town" after it says it is a place, the
    # Philippine town the story's other places stand beside, not the Spanish one.
    text = (
        "CATARMAN, Northern Samar - One member of the New People's Army (NPA) was killed in an "
        "encounter with government troops in Barangay Bagacay, Las Navas town, on Saturday."
    )
    [navas] = [p for p in _places_of(text, philippine_gazetteer) if p.text == "Las Navas"]
    assert navas.country == "PH"


@pytest.fixture(scope="module")
def sudans_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"SS", "SD", "IN"}))


def test_a_dateline_s_country_is_read_whole(sudans_gazetteer: Gazetteer) -> None:
    # "South Sudan" in a dateline holds no Sudan, and the agency after it is no Andhra Pradesh.
    text = "JUBA, South Sudan (AP) — Clashes broke out in Jonglei state on Monday."
    places = _places_of(text, sudans_gazetteer)
    assert {p.country for p in places if p.country} == {"SS"}


def test_a_road_s_far_end_is_no_event_place(gazetteer: Gazetteer) -> None:
    # ACLED codes an ambush "on the road between X and Y" at X: Y is where the road leads.
    text = "Gunmen ambushed a bus on the road between Mariupol and Berdiansk on Monday."
    roles = {p.text: p.role for p in _places_of(text, gazetteer)}
    assert roles == {"Mariupol": "event", "Berdiansk": "context"}


@pytest.fixture(scope="module")
def drenthe_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"CD", "NL"}))


def test_a_name_the_model_splits_in_two_is_read_whole(drenthe_gazetteer: Gazetteer) -> None:
    # The model tags "DR" and "Congo" apart; "DR" alone is Drenthe in the Netherlands.
    text = "Militia fighters raided villages in southeastern DR Congo late last month."
    places = _places_of(text, drenthe_gazetteer)
    assert {p.country for p in places if p.country} == {"CD"}
