"""Places of composed stories: recognition, resolution, roles and relative places."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.pipeline import process
from sitrep.records import Article, PlaceMention
from sitrep.resolve.gazetteer import Candidate, Gazetteer, PlaceKind
from sitrep.resolve.geometry import haversine_km
from sitrep.resolve.geoparse import _CAPITALISED, resolve_places
from sitrep.resolve.places import NameToResolve, PlaceResolver, containers_after
from tests.resolve.conftest import small_gazetteer

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


def test_resolver_a_loose_match_outside_the_named_container_is_no_place(
    gazetteer: Gazetteer,
) -> None:
    resolver = PlaceResolver(gazetteer)
    [loose] = resolver.resolve([NameToResolve("Kolagir")])  # by its consonants, elsewhere
    [inside] = resolver.resolve([NameToResolve("Kolagir", ("Tavush",))])
    assert loose.candidate is not None and loose.candidate.admin1_code != "09"
    assert inside.candidate is not None and inside.candidate.kind == "admin1"  # Tavush itself
    assert inside.candidate.admin1_code == "09"


def test_resolver_a_name_missing_from_the_gazetteer_stands_at_its_container(
    gazetteer: Gazetteer,
) -> None:
    [village] = PlaceResolver(gazetteer).resolve([NameToResolve("Areguni", ("Gegharkunik",))])
    assert village.candidate is not None
    assert (village.candidate.country_code, village.candidate.kind) == ("AM", "admin1")
    assert village.reason is not None and village.reason.startswith("container: not in")


def test_resolver_a_lower_case_direction_is_not_part_of_the_name(gazetteer: Gazetteer) -> None:
    resolver = PlaceResolver(gazetteer)
    [south] = resolver.resolve([NameToResolve("south Lebanon")])
    [eastern] = resolver.resolve([NameToResolve("eastern Ukraine")])
    assert south.candidate is not None and south.candidate.country_code == "LB"
    assert eastern.candidate is not None and eastern.candidate.kind == "country"


def _places_of(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    return list(resolve_places(annotate(clean(Article(text=text))), gazetteer))


class _Atlas:
    """A gazetteer of a few real places, each name's candidates given outright: enough to
    pose the resolver one choice between namesakes (``PlaceResolver`` asks only this)."""

    def __init__(self, *places: tuple[str, str, PlaceKind, float, float, int]) -> None:
        self.by_name: dict[str, list[Candidate]] = {}
        for number, (name, country, kind, lat, lon, population) in enumerate(places, 1):
            place = Candidate(
                geonameid=number, name=name, ascii_name=name, lat=lat, lon=lon,
                country_code=country, admin1_code=None, admin2_code=None, feature_class=None,
                feature_code=None, kind=kind, population=population, source="test",
                matched_by="exact",
            )  # fmt: skip
            self.by_name.setdefault(name, []).append(place)

    def candidates(self, name: str, limit: int = 100, skeleton: str = "auto") -> list[Candidate]:
        return self.by_name.get(name, [])[:limit]

    def demonym(self, word: str) -> None:
        return None


_ATLAS = _Atlas(
    ("Israel", "IL", "country", 31.5, 34.75, 8_900_000),
    ("Egypt", "EG", "country", 27.0, 30.0, 100_000_000),
    ("Gaza", "MZ", "admin1", -23.0, 32.7, 1_400_000),
    ("Gaza", "PS", "city", 31.50, 34.47, 410_000),
    ("United States", "US", "country", 39.76, -98.5, 330_000_000),
    ("U.S.", "US", "country", 39.76, -98.5, 330_000_000),
    ("Washington", "US", "city", 38.9, -77.04, 690_000),
    ("Russia", "RU", "country", 60.0, 100.0, 144_000_000),
    ("Moscow", "RU", "city", 55.75, 37.62, 10_381_222),
    ("Moscow", "US", "city", 46.73, -117.0, 25_060),
    ("Iran", "IR", "country", 32.0, 53.0, 84_000_000),
    ("Zahedan", "IR", "city", 29.50, 60.86, 551_980),
    ("Zahedan", "IR", "city", 28.70, 53.80, 9_719),
    ("Mogadishu", "SO", "city", 2.04, 45.34, 2_587_183),
    ("Somalia", "SO", "country", 6.0, 48.0, 15_000_000),
    ("Lido Beach", "US", "city", 40.59, -73.62, 2_897),
    ("Geneva", "CH", "city", 46.20, 6.14, 183_981),
)


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # Gaza is also a province of Mozambique: beside Israel and Egypt it is the city.
        (("Israel", "Egypt", "Gaza"), ("PS", 410_000, "coherence")),
        # The story names the United States more often than Russia, yet a town in Idaho
        # must not outweigh the Russian capital on its country alone.
        (
            ("United States", "U.S.", "Washington", "Russia", "Moscow"),
            ("RU", 10_381_222, "coherence"),
        ),
        # Iran's centre lies far from Zahedan: a village near that centre must not win.
        (("Iran", "Zahedan"), ("IR", 551_980, "population")),
    ],
)
def test_resolver_the_story_s_other_places_choose_between_namesakes(
    story: tuple[str, ...], expected: tuple[str, int, str]
) -> None:
    resolver = PlaceResolver(_ATLAS)  # type: ignore[arg-type]
    *_, last = resolver.resolve([NameToResolve(name) for name in story])
    assert last.candidate is not None and last.reason is not None
    reason = last.reason.split(":")[0]
    assert (last.candidate.country_code, last.candidate.population, reason) == expected


def test_resolver_a_container_is_the_reason_given(gazetteer: Gazetteer) -> None:
    [inside] = PlaceResolver(gazetteer).resolve([NameToResolve("Aleksandrovka", ("Ukraine",))])
    assert inside.reason is not None and inside.reason.startswith("container: inside Ukraine")


def test_geoparse_a_demonym_is_its_country_and_never_an_event_place(gazetteer: Gazetteer) -> None:
    text = (
        "YEREVAN, Armenia (AP) — Protesters burned Russian flags and Turkish goods outside a "
        "market in Gyumri on Friday, police said."
    )
    places = _places_of(text, gazetteer)
    russian = by_text(places, "Russian")
    assert russian and russian[0].country == "RU" and russian[0].role == "origin"
    assert by_text(places, "Turkish")[0].country == "TR"
    assert {p.country for p in places if p.role == "event"} == {"AM"}


def test_geoparse_a_demonym_that_tells_a_places_country_is_context(gazetteer: Gazetteer) -> None:
    places = _places_of(
        "Drones hit an oil refinery in the Russian city of Saratov overnight.", gazetteer
    )
    [russian] = by_text(places, "Russian")
    assert russian.country == "RU" and russian.role == "context"
    assert [p.text for p in places if p.role == "event"] == ["Saratov"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The mob struck in Novi Sanzhary Extension 12, north of Poltava, on Saturday.", "context"),
        ("The drone struck a depot 20 km north of Poltava on Saturday.", "event"),
    ],
)
def test_geoparse_a_town_named_to_locate_another_place_is_context(
    gazetteer: Gazetteer, text: str, role: str
) -> None:
    [poltava] = by_text(_places_of(text, gazetteer), "Poltava")
    assert poltava.role == role


def test_geoparse_a_place_inside_an_organisation_name(gazetteer: Gazetteer) -> None:
    text = (
        "Power was cut to 3,000 homes after the storm, the Kharkiv Regional Military "
        "Administration said. The National Bank of Georgia kept its rate unchanged."
    )
    places = _places_of(text, gazetteer)
    found = {p.text: p for p in places}
    assert found["Kharkiv"].role == "organisation" and found["Kharkiv"].country == "UA"
    assert found["Georgia"].role == "organisation" and found["Georgia"].kind == "country"
    for place in places:
        assert text[place.start : place.end] == place.text


def test_resolver_a_small_place_far_from_all_the_story_names_is_dropped() -> None:
    # "Lido beach" in a Mogadishu story is no beach on Long Island; Geneva, named far away
    # too, is a city large enough to be meant.
    resolver = PlaceResolver(_ATLAS)  # type: ignore[arg-type]
    names = [NameToResolve(n) for n in ("Somalia", "Mogadishu", "Lido Beach", "Geneva")]
    *_, beach, geneva = resolver.resolve(names)
    assert beach.candidate is None and beach.reason is not None
    assert beach.reason.startswith("far from the story's other places")
    assert geneva.candidate is not None and geneva.candidate.country_code == "CH"


def test_geoparse_the_far_side_of_a_border_is_no_event_place(gazetteer: Gazetteer) -> None:
    text = (
        "KYIV, Ukraine (AP) — Russian forces shelled Kharkiv, a city close to the border with "
        "Russia, on Sunday. Hundreds of people rallied in central Kyiv on Saturday."
    )
    places = _places_of(text, gazetteer)
    assert [p.role for p in by_text(places, "Russia")] == ["context"]
    assert [p.role for p in by_text(places, "Kharkiv")] == ["event"]
    assert [p.role for p in by_text(places, "Kyiv")] == ["event"]  # the dateline says KYIV


def test_geoparse_a_city_the_model_takes_for_a_nationality_and_a_ministry_that_speaks(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "A Russian drone attack on the port of Odesa overnight killed two dock workers, the "
        "governor said. Russia's defence ministry said its forces had struck military targets."
    )
    places = _places_of(text, gazetteer)
    assert [(p.country, p.role) for p in by_text(places, "Odesa")] == [("UA", "event")]
    assert [p.role for p in by_text(places, "Russia")] == ["context"]
    assert [p.role for p in by_text(places, "Russian")] == ["origin"]


def test_geoparse_a_possessive_and_an_area_word_are_no_part_of_the_name(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "Russian artillery shelled Kupiansk in Kharkiv province on Sunday. Kharkiv’s mayor said "
        "the U.S. had sent generators."
    )
    places = _places_of(text, gazetteer)
    kharkiv = by_text(places, "Kharkiv")
    assert [p.kind for p in kharkiv] == ["admin1", "city"]  # the province, then the city
    assert by_text(places, "U.S.")  # an abbreviation keeps its last period
    assert not [p for p in places if p.text.endswith(("’s", "province"))]
    for place in places:
        assert text[place.start : place.end] == place.text


def test_geoparse_the_town_inside_a_facility_s_name_is_where_things_there_happen(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "Flights resumed at Kharkiv International Airport on Monday. Divers searched Lake "
        "Sevan for the wreck."
    )
    places = _places_of(text, gazetteer)
    assert [(p.country, p.kind, p.role) for p in by_text(places, "Kharkiv")] == [
        ("UA", "city", "event")
    ]
    assert by_text(places, "Lake Sevan")  # a lake keeps its whole name
    assert not by_text(places, "Lake")


def test_geoparse_a_common_word_inside_an_organisation_s_name_is_no_town(
    gazetteer: Gazetteer,
) -> None:
    # Progress is a Russian village of 9,820 people: no town a utility's name means.
    text = "Progress Energy said the Gyumri Police Department had the files."
    found = {p.text: p for p in _places_of(text, gazetteer)}
    assert found["Gyumri"].role == "organisation" and found["Gyumri"].country == "AM"
    assert "Progress" not in found


def test_geoparse_a_dateline_in_capitals_after_a_headline(gazetteer: Gazetteer) -> None:
    text = (
        "Grain terminal hit again. ODESA: A drone struck a grain terminal overnight, the port "
        "authority said. Russia’s defence ministry said its forces had hit military targets."
    )
    places = _places_of(text, gazetteer)
    assert [(p.country, p.kind, p.role) for p in by_text(places, "ODESA")] == [
        ("UA", "city", "dateline")
    ]
    assert [p.role for p in by_text(places, "Russia")] == ["context"]


def test_geoparse_a_legislator_s_hometown_is_no_event_place(american_gazetteer: Gazetteer) -> None:
    text = (
        "Tolls will return to the turnpike, said Rep. Joseph Wagner, D-Chicopee, on Monday. "
        "Sen. Tom Bakk (DFL-Cook) voted against the bill in St. Paul."
    )
    places = _places_of(text, american_gazetteer)
    assert [(p.country, p.role) for p in by_text(places, "Chicopee")] == [("US", "origin")]
    assert [p.role for p in by_text(places, "Cook")] == ["origin"]


def test_geoparse_a_town_named_before_its_people(american_gazetteer: Gazetteer) -> None:
    text = (
        "Gainesville man charged with theft. A Gainesville man was arrested on Friday after a "
        "car was stolen, police said. But women at the scene said they saw nothing."
    )
    places = _places_of(text, american_gazetteer)
    gainesville = by_text(places, "Gainesville")
    assert len(gainesville) == 2 and {p.country for p in gainesville} == {"US"}
    assert not by_text(places, "But")


def test_geoparse_a_country_s_initials_are_the_country(american_gazetteer: Gazetteer) -> None:
    text = (
        "The EU and Syria are engaged in a tug-of-war over the ship, a senior US State "
        "Department official said. (AP Photo)"
    )
    places = _places_of(text, american_gazetteer)
    assert [p.name for p in by_text(places, "EU")] == ["European Union"]
    assert [(p.country, p.role) for p in by_text(places, "US")] == [("US", "organisation")]
    assert not by_text(places, "AP")


def test_geoparse_a_people_heading_an_organisation_s_name(gazetteer: Gazetteer) -> None:
    text = (
        "Two villages came under fire overnight near Tskhinvali, the Georgian Interior Ministry "
        "said. The Russian Foreign Ministry denied it."
    )
    places = _places_of(text, gazetteer)
    assert [(p.country, p.role) for p in by_text(places, "Georgian")] == [("GE", "origin")]
    assert [(p.country, p.role) for p in by_text(places, "Russian")] == [("RU", "origin")]


def test_geoparse_both_halves_of_a_hyphenated_pair(american_gazetteer: Gazetteer) -> None:
    text = (
        "A 12-year-old German-Iraqi boy was arrested, Vatican spokesman Joaquin Navarro-Valls "
        "said. The Lebanon-Syria treaty was signed in Beirut."
    )
    places = _places_of(text, american_gazetteer)
    assert [(p.country, p.role) for p in by_text(places, "German")] == [("DE", "origin")]
    assert [(p.country, p.role) for p in by_text(places, "Iraqi")] == [("IQ", "origin")]
    assert [(p.country, p.role) for p in by_text(places, "Lebanon")] == [("LB", "context")]
    assert [(p.country, p.role) for p in by_text(places, "Syria")] == [("SY", "context")]
    assert not by_text(places, "Navarro") and not by_text(places, "Valls")


def test_geoparse_a_direction_in_capitals_is_no_part_of_the_name(
    american_gazetteer: Gazetteer,
) -> None:
    # North East is a town in Maryland: no place in a story about Kenya.
    text = (
        "Most Northeast Kenya schools are closed, officials in Nairobi said. Cases of West Nile "
        "virus were found in Northern Virginia."
    )
    places = _places_of(text, american_gazetteer)
    assert not by_text(places, "Northeast") and not by_text(places, "Nile")
    assert [p.country for p in places if p.text in ("Kenya", "Nairobi")] == ["KE", "KE"]
    virginia = [p for p in places if p.start == text.index("Virginia")]
    assert [(p.text, p.kind) for p in virginia] == [("Virginia", "admin1")]


def test_geoparse_a_name_before_an_area_word_is_a_place(gazetteer: Gazetteer) -> None:
    text = (
        "YEREVAN, Armenia (AP) — Azerbaijani forces shelled the Vardenis region on Sunday, the "
        "defence ministry said."
    )
    [vardenis] = by_text(_places_of(text, gazetteer), "Vardenis")
    assert vardenis.country == "AM" and vardenis.role == "event"


def test_resolver_a_small_province_far_from_the_story_is_dropped() -> None:
    # New Zealand's West Coast is no part of a story about Oregon.
    atlas = _Atlas(
        ("Oregon", "US", "admin1", 44.0, -120.5, 4_200_000),
        ("Portland", "US", "city", 45.52, -122.68, 650_000),
        ("Newport", "US", "city", 44.64, -124.05, 10_000),
        ("West Coast", "NZ", "admin1", -42.5, 171.25, 29_000),
    )
    story = ("Oregon", "Portland", "Newport", "West Coast")
    *_, coast = PlaceResolver(atlas).resolve([NameToResolve(name) for name in story])  # type: ignore[arg-type]
    assert coast.candidate is None
    assert coast.reason is not None and coast.reason.startswith("far from the story's")


def test_geoparse_the_direction_of_a_town_is_the_front_at_it(gazetteer: Gazetteer) -> None:
    # "In the direction of X" names the front sector at X, where the shelling is (ACLED codes
    # it there); "towards X" is where an advance is headed, not where anything happened.
    text = (
        "Russian forces fired mortars in the direction of Avdiivka, Donetsk, on Monday. "
        "Their columns moved towards Kramatorsk."
    )
    places = _places_of(text, gazetteer)
    [avdiivka] = by_text(places, "Avdiivka")
    assert (avdiivka.role, avdiivka.precision, avdiivka.relation) == (
        "event",
        "near",
        "in the direction of",
    )
    assert [p.role for p in by_text(places, "Kramatorsk")] == ["context"]


def test_geoparse_a_country_named_as_a_container_is_a_place_of_the_story(
    gazetteer: Gazetteer,
) -> None:
    # ACLED gives a place's containers in a parenthesis; the country there is the story's, so
    # the protest stays in Yerevan, not at the embassy's country.
    text = (
        "On 3 May 2021, a group of people organized a protest in front of the embassy of "
        "Georgia in Yerevan (Yerevan, Armenia) against new customs rules. [size=no report]"
    )
    places = _places_of(text, gazetteer)
    assert [(p.country, p.kind) for p in by_text(places, "Armenia")] == [("AM", "country")]
    record = process(Article(text=text), gazetteer=gazetteer)
    [event] = [e for e in record.events if e.type == "protests"]
    assert event.location is not None and event.location.text == "Yerevan"


def test_geoparse_a_town_s_district_after_a_dash_is_in_the_town(gazetteer: Gazetteer) -> None:
    # ACLED names a city's district after a spaced dash; whatever the model tags it, it is no
    # organisation's name, and the shelling is in the town.
    text = (
        "On 30 May 2022, Ukrainian forces fired 122mm mortars at DPR positions in "
        "Donetsk - Petrovskyi, Donetsk. Casualties unknown."
    )
    places = _places_of(text, gazetteer)
    assert by_text(places, "Donetsk")[0].role == "event"
    record = process(Article(text=text), gazetteer=gazetteer)
    located = [e.location for e in record.events if e.location is not None]
    assert located and located[0].name == "Donetsk" and located[0].kind == "city"


def test_geoparse_arabic_names_with_their_articles_and_particles(
    american_gazetteer: Gazetteer,
) -> None:
    # The model cuts "Deir ez Zor" at its particle and reads "Ar-Raqqa" as a pair of places.
    text = (
        "On 5 May 2022, gunmen killed a man in a village in Deir ez Zor countryside. On 6 May "
        "2022, QSD detained forty men at checkpoints in Ar-Raqqa city."
    )
    places = _places_of(text, american_gazetteer)
    assert [(p.country, p.role) for p in by_text(places, "Deir ez Zor")] == [("SY", "event")]
    assert [(p.country, p.role) for p in by_text(places, "Ar-Raqqa")] == [("SY", "event")]
    assert not by_text(places, "Deir") and not by_text(places, "Ar")


@pytest.fixture(scope="module")
def haitian_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"HT", "FR"}))  # "Croix" is in France


def test_geoparse_a_hyphenated_french_name_the_model_cuts_is_read_whole(
    haitian_gazetteer: Gazetteer,
) -> None:
    # The model reads only "Croix" of "Croix-des-Bouquets", and as an organisation.
    text = (
        "Port-au-Prince (AFP) - On Tuesday, gunmen stopped a public bus near Croix-des-Bouquets "
        "and abducted seven passengers, police said."
    )
    places = _places_of(text, haitian_gazetteer)
    assert [(p.country, p.role) for p in by_text(places, "Croix-des-Bouquets")] == [("HT", "event")]
    assert not by_text(places, "Croix")


def test_geoparse_a_province_named_as_a_container_is_a_place_of_the_story(
    gazetteer: Gazetteer,
) -> None:
    # The container ends with its sentence; the model tagged it as nothing.
    text = (
        "On 1 April 2022, Russian forces fired artillery at positions near Avdiivka, Donetsk "
        "Oblast. Casualties unknown. On 2 April 2022, they shelled Avdiivka, Donetsk Oblast."
    )
    places = _places_of(text, gazetteer)
    assert [(p.country, p.kind) for p in by_text(places, "Donetsk Oblast")] == [
        ("UA", "admin1"),
        ("UA", "admin1"),
    ]


def test_geoparse_a_province_s_countryside_is_the_province(
    american_gazetteer: Gazetteer,
) -> None:
    # "Dara countryside" is rural Daraa, Syria, not Dara in Senegal; ACLED's "X town in Y
    # countryside" names Y as X's container.
    text = "On 20 April 2022, unknown gunmen shot and killed a man in a town in Dara countryside."
    assert [p.country for p in by_text(_places_of(text, american_gazetteer), "Dara")] == ["SY"]
    note = "shelled Saida town in Ar Raqqa countryside with artillery"
    assert containers_after(note, note.index(" town")) == ("Ar Raqqa",)


@pytest.fixture(scope="module")
def congo_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"CD", "BR"}))  # Brazil has a Congo


def test_geoparse_a_datelines_country_stays_a_country(congo_gazetteer: Gazetteer) -> None:
    text = (
        "GOMA, Democratic Republic of Congo (Reuters) - Floods killed at least 40 people in "
        "eastern Congo's South Kivu province overnight, the provincial governor said on Friday."
    )
    places = _places_of(text, congo_gazetteer)
    assert places and all(p.country == "CD" for p in places)


def test_geoparse_a_destination_is_no_event_place(gazetteer: Gazetteer) -> None:
    text = (
        "An aid convoy bound for Kharkiv was hit by a drone near Kupiansk on Monday. Two "
        "fighters died on the road to Mariupol, the group said."
    )
    places = _places_of(text, gazetteer)
    assert [p.role for p in by_text(places, "Kharkiv")] == ["context"]
    assert [p.role for p in by_text(places, "Mariupol")] == ["context"]
    assert [p.role for p in by_text(places, "Kupiansk")] == ["event"]


@pytest.mark.parametrize(
    "sentence",
    [
        "On Sunday, hundreds of people staged a sit-in outside the Kharkiv Press Club.",
        "Police fired tear gas at protesters near the Odesa Shevchenko Chowk on Sunday.",
    ],
)
def test_a_building_or_square_the_story_stands_at_places_its_act(
    gazetteer: Gazetteer, sentence: str
) -> None:
    places = resolve_places(annotate(clean(Article(text=sentence))), gazetteer)
    [place] = [p for p in places if p.name in ("Kharkiv", "Odesa")]
    assert place.role != "organisation"


def test_geoparse_a_name_the_model_missed_is_not_run_on_past_a_possessive() -> None:
    found = [m.group(0) for m in _CAPITALISED.finditer("in northwestern Nigeria's Kebbi state")]
    assert found == ["Nigeria's", "Kebbi"]


def test_resolver_a_far_hamlet_keeps_no_company_of_its_own_names_or_loose_matches() -> None:
    # "Nasir" and "Nasir county" in a South Sudan story, both read as one Turkish hamlet, do
    # not vouch for each other; nor does that hamlet, once dropped, for "Gumuruk" loosely
    # read as a Turkish town.
    loose = replace(_ATLAS.by_name["Lido Beach"][0], geonameid=99, lat=40.7, matched_by="skeleton")
    atlas = _Atlas()
    atlas.by_name = {**_ATLAS.by_name, "Lido Beach County": _ATLAS.by_name["Lido Beach"]}
    atlas.by_name["Lidobich"] = [loose]
    resolver = PlaceResolver(atlas)  # type: ignore[arg-type]
    names = ("Somalia", "Mogadishu", "Lido Beach", "Lido Beach County", "Lidobich")
    *_, beach, county, lidobich = resolver.resolve([NameToResolve(n) for n in names])
    assert beach.candidate is None and county.candidate is None
    assert lidobich.candidate is None


def test_resolver_a_large_city_far_away_under_an_alternate_name_is_dropped() -> None:
    # "Boni", a Malian town the gazetteer lacks, is an alternate name of Bonn: in a story
    # about Mogadishu it is no German city; Washington, under its own name, stays.
    atlas = _Atlas()
    bonn = replace(_ATLAS.by_name["Geneva"][0], geonameid=98, name="Bonn", ascii_name="Bonn",
                   country_code="DE", lat=50.73, lon=7.1, population=330_579)  # fmt: skip
    atlas.by_name = {**_ATLAS.by_name, "Boni": [bonn]}
    resolver = PlaceResolver(atlas)  # type: ignore[arg-type]
    names = ("Somalia", "Mogadishu", "Boni", "Washington")
    *_, boni, washington = resolver.resolve([NameToResolve(n) for n in names])
    assert boni.candidate is None
    assert washington.candidate is not None and washington.candidate.country_code == "US"
