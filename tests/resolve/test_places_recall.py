"""Names the model mislabels or misses, and names that only look like places: a town known by
another spelling, a people's name, provinces named together, a village the gazetteer lacks;
where a speaker stands, provinces called states, villages placed in their district, and a city
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
from sitrep.resolve.places import NameToResolve, PlaceResolver, containers_after
from tests.extract.test_events import _events_of

COUNTRIES = frozenset(
    {
        "SO",
        "KE",
        "PK",
        "AF",
        "UA",
        "RU",
        "ZA",
        "CM",
        "SL",
        "BW",
        "NG",
        "YE",
        "IQ",
        "SY",
        "IL",
        "NE",
        "MX",
        "IN",
        "SD",
        "SA",
        "ML",
        "SN",
    }
)


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gazetteer-recall") / "gazetteer.sqlite3"
    build_gazetteer(path, countries=COUNTRIES)
    return load_gazetteer(path, countries=COUNTRIES)


def _places_of(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    return list(resolve_places(annotate(clean(Article(text=text))), gazetteer))


def _named(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    return [p for p in places if p.text == text]


def test_a_town_after_a_word_for_a_town_is_found_by_its_other_spelling(
    gazetteer: Gazetteer,
) -> None:
    # GeoNames spells the town Xarardheere.
    text = (
        "MOGADISHU (Reuters) - Somali troops recaptured the coastal town of Harardhere from al "
        "Shabaab on Tuesday, an army officer said. The militants had held Harardhere since 2010."
    )
    harardhere = _named(_places_of(text, gazetteer), "Harardhere")
    assert harardhere and all(p.country == "SO" and p.kind == "city" for p in harardhere)


def test_a_loose_match_in_a_country_the_story_does_not_name_is_not_taken(
    gazetteer: Gazetteer,
) -> None:
    # The only loose match of "Hazara" is Hazro City, in Pakistan; the story is Somali.
    text = (
        "MOGADISHU (Reuters) - Somali troops entered the village of Hazara on Tuesday, an army "
        "officer said."
    )
    assert all(p.country is None for p in _named(_places_of(text, gazetteer), "Hazara"))


def test_a_people_is_no_town_of_a_similar_name(gazetteer: Gazetteer) -> None:
    text = (
        "Hazara families march in Quetta\n\nHundreds of members of the Hazara community marched "
        "through Quetta on Saturday to demand the arrest of the gunmen who killed five "
        "shopkeepers, police said."
    )
    places = _places_of(text, gazetteer)
    assert not _named(places, "Hazara")
    assert {p.country for p in _named(places, "Quetta")} == {"PK"}


def test_an_area_word_after_names_given_together_applies_to_each(gazetteer: Gazetteer) -> None:
    text = (
        "KYIV (Reuters) - Russia launched 30 drones overnight, most of them over the Odesa and "
        "Mykolaiv regions, the air force said. Shelling also hit the Kharkiv, Sumy and "
        "Chernihiv regions."
    )
    places = _places_of(text, gazetteer)
    for name in ("Odesa", "Mykolaiv", "Kharkiv", "Sumy", "Chernihiv"):
        assert [(p.country, p.kind) for p in _named(places, name)] == [("UA", "admin1")], name


def test_a_province_named_with_its_area_word_is_not_only_a_namesake_by_that_name(
    gazetteer: Gazetteer,
) -> None:
    # "North West province" is among the names of Cameroon's and Sierra Leone's provinces, not
    # of South Africa's.
    text = (
        "JOHANNESBURG (Reuters) - Villages on platinum-rich land in the North West and Limpopo "
        "provinces have sued the mining companies, lawyers said on Monday."
    )
    places = _places_of(text, gazetteer)
    assert [p.country for p in _named(places, "North West")] == ["ZA"]
    story = [NameToResolve("North West province"), NameToResolve("Limpopo province")]
    north_west, _ = PlaceResolver(gazetteer).resolve(story)
    assert north_west.candidate is not None and north_west.candidate.country_code == "ZA"


def test_a_container_named_with_its_area_word() -> None:
    text = "Robotyne, in the Zaporizhzhia region, was shelled; fighting near Robotyne in Donetsk "
    assert containers_after(text, len("Robotyne")) == ("Zaporizhzhia",)
    second = text.rindex("Robotyne") + len("Robotyne")
    assert containers_after(text + "Oblast went on", second) == ("Donetsk",)
    assert containers_after("Kyiv, in March, officials said", len("Kyiv")) == ()


def test_a_village_the_gazetteer_lacks_stands_at_its_province_wherever_it_is_named(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "KYIV (Reuters) - Ukrainian troops pushed forward near the southern village of Robotyne "
        "on Wednesday, the military said. Fighting around Robotyne was heavy.\n\n"
        "Robotyne, in the Zaporizhzhia region, was recaptured by Ukrainian forces in August."
    )
    robotyne = _named(_places_of(text, gazetteer), "Robotyne")
    assert len(robotyne) == 3
    assert {(p.country, p.kind, p.admin1) for p in robotyne} == {("UA", "admin1", "26")}


def test_a_name_listed_among_places_is_a_place(gazetteer: Gazetteer) -> None:
    # The model tags Rongo a person; the four names beside it are Kenyan places.
    text = (
        "NAIROBI (Reuters) - Cholera has spread to Suba, Migori, Homa Bay, Rongo and Kisii since "
        "the elections, health officials said on Sunday."
    )
    assert [(p.country, p.kind) for p in _named(_places_of(text, gazetteer), "Rongo")] == [
        ("KE", "city")
    ]


def test_a_mislabelled_town_before_its_country_is_a_place(gazetteer: Gazetteer) -> None:
    text = "Krasnodar, Russia officials said on Thursday that bird flu had killed 3,000 chickens."
    assert [p.country for p in _named(_places_of(text, gazetteer), "Krasnodar")] == ["RU"]


def test_a_place_repeated_where_the_model_tags_nothing_is_a_place_again(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "MOGADISHU (Reuters) - Al Shabaab fighters attacked a base near Beledweyne on Monday, "
        "officials said. Beledweyne remains cut off."
    )
    beledweyne = _named(_places_of(text, gazetteer), "Beledweyne")
    assert [p.country for p in beledweyne] == ["SO", "SO"]


def test_a_former_province_the_news_still_names(gazetteer: Gazetteer) -> None:
    # Nyanza is also a town in Rwanda; Kenya's former province is no GeoNames admin area.
    text = (
        "NAIROBI (Reuters) - Floods displaced 3,000 families in Nyanza on Friday, and roads to "
        "Kisumu were cut, the Red Cross said."
    )
    [nyanza] = _named(_places_of(text, gazetteer), "Nyanza")
    assert (nyanza.name, nyanza.country) == ("Nyanza Province", "KE")


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


def test_a_named_area_is_a_place_not_an_organisations_seat(gazetteer: Gazetteer) -> None:
    # The model tags "Bama Local Government Area" an organisation: "Government" is in its name.
    text = (
        "MAIDUGURI, Nigeria (Reuters) - Boko Haram fighters surrendered to troops in Bama "
        "Local Government Area of Borno state on Monday, the army said."
    )
    [bama] = _named(_places_of(text, gazetteer), "Bama")
    assert (bama.country, bama.role) == ("NG", "event")


def test_a_township_is_its_namesake_town(gazetteer: Gazetteer) -> None:
    text = (
        "JOHANNESBURG (Reuters) - Police fired rubber bullets at residents who blocked roads in "
        "Diepsloot Township on Monday."
    )
    [diepsloot] = _named(_places_of(text, gazetteer), "Diepsloot Township")
    assert (diepsloot.name, diepsloot.kind, diepsloot.country) == ("Diepsloot", "city", "ZA")


def test_a_town_s_press_abbreviation_is_the_town(gazetteer: Gazetteer) -> None:
    places = _places_of(
        "Unidentified men hurled a hand grenade at a police van in DI Khan on Tuesday night, "
        "police said.",
        gazetteer,
    )
    assert [(p.name, p.country) for p in _named(places, "DI Khan")] == [("Dera Ismail Khan", "PK")]


def test_a_port_s_commonest_english_spelling_is_the_port(gazetteer: Gazetteer) -> None:
    # "Hodeidah", tagged a nationality by the model, is no people: Yemen's Red Sea port.
    places = _places_of(
        "Separately, Israeli warplanes struck the port of Hodeidah late on Friday, the "
        "Houthi-run Al Masirah television said.",
        gazetteer,
    )
    assert [(p.name, p.country) for p in _named(places, "Hodeidah")] == [("Al Ḩudaydah", "YE")]


def test_a_town_behind_arabic_s_lower_case_article_is_found(gazetteer: Gazetteer) -> None:
    places = _places_of(
        "Iraqi counter-terrorism forces arrested five suspected Islamic State members in a dawn "
        "raid near the town of al-Qaim on the Syrian border on Monday.",
        gazetteer,
    )
    assert [(p.name, p.country) for p in _named(places, "al-Qaim")] == [("Al Qā’im", "IQ")]


def test_a_village_in_a_named_province_is_never_a_namesake_in_another_country(
    gazetteer: Gazetteer,
) -> None:
    # The gazetteer knows an al-Mazraa only in Israel: the Syrian village stands at its area.
    places = _places_of(
        "DAMASCUS (Reuters) - Syrian government forces took back control of the village of "
        "al-Mazraa in western Sweida province on Monday, the Defence Ministry said.",
        gazetteer,
    )
    assert [p.country for p in _named(places, "al-Mazraa")] == ["SY"]


def test_a_country_the_model_tags_a_date_is_a_place(gazetteer: Gazetteer) -> None:
    places = _places_of(
        "In Niger, around 60 fighters of the Patriotic Liberation Front (FPL), a rebel group "
        "formed after the 2023 coup, laid down their weapons in Agadez on Thursday.",
        gazetteer,
    )
    assert [(p.name, p.kind) for p in _named(places, "Niger")] == [("Niger", "country")]


def test_no_country_is_named_with_an_area_word(gazetteer: Gazetteer) -> None:
    [niger_state] = PlaceResolver(gazetteer).resolve([NameToResolve("Niger State")])
    assert niger_state.candidate is not None
    assert (niger_state.candidate.country_code, niger_state.candidate.kind) == ("NG", "admin1")


def test_a_sentence_that_opens_on_an_area_places_its_names_inside_it(
    gazetteer: Gazetteer,
) -> None:
    # Nigeria has a Bassa in Kogi (41) and one in Plateau (49).
    places = _places_of(
        "In Plateau, gunmen killed nine farmers in Bassa on Sunday, police said.", gazetteer
    )
    assert [(p.country, p.admin1) for p in _named(places, "Bassa")] == [("NG", "49")]


def test_a_name_after_its_country_s_possessive_is_its_town(gazetteer: Gazetteer) -> None:
    places = _places_of(
        "Israeli warplanes struck Yemen's Hodeidah port late on Monday, the military said.",
        gazetteer,
    )
    assert [(p.name, p.country) for p in _named(places, "Hodeidah")] == [("Al Ḩudaydah", "YE")]


def test_a_town_and_its_state_tagged_as_one_organisation_are_both_places(
    gazetteer: Gazetteer,
) -> None:
    places = _places_of(
        "Two police officers were killed when gunmen attacked a checkpoint at Ihiala, Anambra "
        "State, on Saturday, the state police command said.",
        gazetteer,
    )
    assert {p.text for p in places if p.country == "NG"} >= {"Ihiala", "Anambra State"}


def test_a_somali_federal_state_is_a_place(gazetteer: Gazetteer) -> None:
    places = _places_of(
        "Al-Shabaab fighters overran an army base in Galmudug state on Tuesday.", gazetteer
    )
    assert [(p.name, p.country) for p in _named(places, "Galmudug")] == [("Galmudug", "SO")]


def _place_of_act(text: str, gazetteer: Gazetteer) -> str | None:
    [event] = [e for e in _events_of(text, gazetteer) if e.type != "statement"]
    return event.location.name if event.location else None


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # a state whose namesake town is not its seat stands no nearer than the town named
        ("In the state of Sinaloa, gunmen killed four men at a car wash in Culiacán on Sunday.",
         "Culiacán"),
        # a road named by its ends is at its first end, not at the teller's town
        ("Three vigilantes were killed when a roadside bomb hit their truck on the Dikwa-Gamboru "
         "road, a militia leader in Maiduguri said.", "Dikwa"),
        # ... but a town the act is told in comes first
        ("Angry youths in Dikwa town blocked the Maiduguri-Dikwa road and beat a suspected "
         "informant to death on Tuesday.", "Dikwa"),
        # a state's seat ranks below a town the sentence names in the state
        ("In the northern state of Chihuahua, soldiers arrested 11 suspected cartel members in "
         "Ciudad Juárez on Monday.", "Ciudad Juárez"),
        # "Jammu and Kashmir" is the territory, not the city of Jammu
        ("In Jammu and Kashmir, militants hurled a grenade at a police post in Srinagar's Lal "
         "Chowk area on Friday, wounding six people.", "Srinagar"),
    ],
)  # fmt: skip
def test_events_the_act_is_at_the_town_the_sentence_ties_it_to(
    text: str, town: str, gazetteer: Gazetteer
) -> None:
    place = _place_of_act(text, gazetteer)
    assert place is not None and place.casefold().startswith(town.casefold()[:5])


def test_geoparse_a_name_split_at_its_particles_is_one_town(gazetteer: Gazetteer) -> None:
    text = "Thousands marched through San Cristobal de las Casas on Monday."
    [town] = [p for p in _places_of(text, gazetteer) if p.role == "event"]
    assert (town.text, town.country) == ("San Cristobal de las Casas", "MX")


def test_geoparse_a_river_named_with_its_word_is_no_town(gazetteer: Gazetteer) -> None:
    text = (
        "JALALABAD, Afghanistan (AP) — Police pulled the bodies of four men from the Kabul "
        "river near Jalalabad on Monday."
    )
    kabul = [p for p in _places_of(text, gazetteer) if p.text.startswith("Kabul")]
    assert all(p.kind in (None, "river") for p in kabul)


def test_geoparse_a_lone_town_abroad_under_an_alternate_name_is_dropped(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "PORT SUDAN, Sudan (AFP) — Gunmen attacked women collecting firewood outside Tawila "
        "on Saturday. Tawila, west of El Fasher in North Darfur, shelters people who fled "
        "the fighting in Darfur."
    )
    tawila = [p for p in _places_of(text, gazetteer) if p.text == "Tawila"]
    assert tawila and all(p.country in (None, "SD") for p in tawila)


def test_containers_after_a_direction_before_a_possessive() -> None:
    text = "near the town of Busayrah in eastern Syria's Deir ez-Zor province on Thursday"
    end = text.index("Busayrah") + len("Busayrah")
    assert containers_after(text, end) == ("Deir ez-Zor",)


def test_a_round_up_s_section_label_is_its_country_and_no_speaker(gazetteer: Gazetteer) -> None:
    text = (
        "DAKAR (AFP) - Jihadist violence flared across the Sahel this week.\n\n"
        "NIGER - Niger's army said troops killed 27 militants in a clash near Tillaberi on "
        "Wednesday.\n\n"
        "MALI - Mali's army said its drones struck a gathering of militants about 20 kilometres "
        "north of Kidal on Tuesday."
    )
    events = [e for e in _events_of(text, gazetteer) if e.type != "statement"]
    strike = next(e for e in events if e.subtype == "Air/drone strike")
    assert strike.location is not None and strike.location.country == "ML"
    assert all(not (e.claim.by or "").startswith(("NIGER", "MALI")) for e in events)


def test_geoparse_a_time_zone_is_no_place(gazetteer: Gazetteer) -> None:
    text = (
        "Air defence units destroyed 41 drones over the Bryansk region between 8 p.m. and "
        "11 p.m. Moscow time on Sunday, the ministry said."
    )
    assert [p.text for p in _places_of(text, gazetteer) if p.text == "Moscow"] == []


def test_a_village_the_gazetteer_lacks_stands_near_the_town_that_locates_it(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "A Turkish drone struck a car near the town of Sinuni, north of Sinjar, on Tuesday, "
        "killing two men, local officials said."
    )
    place = _place_of_act(text, gazetteer)
    assert place is not None and place.startswith("Sinj")


def test_a_hyphenated_town_the_model_splits_at_its_particles_is_found_whole(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "In southern Russia, Platov International Airport outside Rostov-on-Don halted flights "
        "for about seven hours after a drone attack, the regional governor said."
    )
    [rostov] = _named(_places_of(text, gazetteer), "Rostov-on-Don")
    assert (rostov.country, rostov.kind) == ("RU", "city")
