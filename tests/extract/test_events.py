"""Events of composed stories: type, date, place, actors, toll, claim, background, and the
statements (verbal and other non-violent acts) with their PLOVER types."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.extract.events import classify, extract_events
from sitrep.extract.events.actors import named_actors, sentence_actors
from sitrep.extract.events.factuality import recalls_history
from sitrep.extract.events.place import event_places
from sitrep.extract.events.rules import _leads, acled_act, statement_acts
from sitrep.extract.quotes import extract_quotes
from sitrep.records import Article, Event, PlaceMention
from sitrep.resolve import resolve_dates
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.geoparse import resolve_places
from tests.resolve.conftest import small_gazetteer

STORY = (
    "MOSCOW (AP) — Azerbaijani forces have taken control of the town of Shushi in "
    "Nagorno-Karabakh, President Ilham Aliyev said Sunday.\n"
    "Armenian Defense Ministry spokesman Artsrun Ovannisian denied it, saying “fighting in "
    "Shushi is continuing.”\n"
    "Azerbaijani shelling killed three civilians in Stepanakert on Friday, local officials said.\n"
    "The war has left hundreds — if not thousands — dead since Sept. 27.\n"
    "Aliyev vowed to continue the offensive until Armenia withdraws.\n"
)


@pytest.fixture(scope="module")
def events(gazetteer: Gazetteer) -> list[Event]:
    annotated = annotate(clean(Article(text=STORY, published=date(2020, 11, 8))))
    dates = resolve_dates(annotated)
    places = resolve_places(annotated, gazetteer)
    quotes = extract_quotes(annotated, dates)
    return list(extract_events(annotated, gazetteer, dates=dates, places=places, quotes=quotes))


def test_events_capture_is_regained_territory_claimed_and_disputed(events: list[Event]) -> None:
    capture = events[0]
    assert (capture.type, capture.subtype) == ("battles", "Government regains territory")
    assert capture.actor1 is not None and capture.actor1.name == "Military Forces of Azerbaijan"
    assert capture.location is not None and capture.location.name == "Shusha"
    assert capture.claim.by == "Ilham Aliyev"
    assert capture.claim.status == "disputed"
    assert "Artsrun Ovannisian" in capture.claim.disputed_by


def test_events_shelling_with_date_place_toll_and_civilians(events: list[Event]) -> None:
    [shelling] = [e for e in events if e.subtype == "Shelling/artillery/missile attack"]
    assert shelling.date == date(2020, 11, 6)
    assert shelling.fatalities is not None and shelling.fatalities.best == 3
    assert shelling.location is not None and shelling.location.name == "Khankendi"
    assert shelling.actor2 is not None and shelling.actor2.kind == "civilians"


def test_events_running_totals_are_background(events: list[Event]) -> None:
    [total] = [e for e in events if e.evidence[0].start == STORY.index("The war has left")]
    assert total.background
    assert total.fatalities is not None and total.fatalities.best == 200


def test_events_a_vow_is_a_statement_not_violence(events: list[Event]) -> None:
    vow = [e for e in events if e.evidence[0].start == STORY.index("Aliyev vowed")]
    assert vow and vow[0].type == "statement"


def test_events_evidence_lies_inside_the_text(events: list[Event]) -> None:
    for event in events:
        for span in event.evidence:
            assert 0 <= span.start < span.end <= len(STORY)


@pytest.mark.parametrize(
    "sentence",
    [
        "The supermarket chains are locked in a price war over bread.",
        "The company won the battle for market share in Asia.",
        "Shares were killed in early trading on Monday.",
        "The weather was mild and the roads were open.",
        "Troops of the two allies began a ten-day joint military exercise near the capital.",
    ],
)
def test_events_metaphors_and_non_events_give_none(sentence: str) -> None:
    assert classify(sentence) is None


def test_events_text_with_no_event_gives_an_empty_list(gazetteer: Gazetteer) -> None:
    annotated = annotate(clean(Article(text="The central bank kept interest rates unchanged.")))
    assert extract_events(annotated, gazetteer) == ()


@pytest.mark.parametrize(
    "text",
    [
        # the date line under a headline: its month is no march
        "March 06, 2005\n\nThe carmaker said its sales rose by four percent in February.",
        # developers who demonstrated their software showed it
        "At the launch, several developers demonstrated their applications on the new phone.",
        "The engineers demonstrated how the new brakes stop a truck in half the distance.",
    ],
)
def test_events_business_news_gives_no_event(text: str, gazetteer: Gazetteer) -> None:
    assert [event for event in _events_of(text, gazetteer) if event.type != "statement"] == []


def _events_of(text: str, gazetteer: Gazetteer) -> list[Event]:
    annotated = annotate(clean(Article(text=text, published=date(2024, 3, 1))))
    dates = resolve_dates(annotated)
    places = resolve_places(annotated, gazetteer)
    quotes = extract_quotes(annotated, dates)
    return list(extract_events(annotated, gazetteer, dates=dates, places=places, quotes=quotes))


@pytest.mark.parametrize(
    ("sentence", "plover"),
    [
        ("The foreign ministry accused Russia of violating the ceasefire.", "ACCUSE"),
        ("Ukraine's foreign minister urged Turkey to close the straits to warships.", "REQUEST"),
        ("The Kremlin rejected the peace proposal on Monday.", "REJECT"),
        ("Armenian and Azerbaijani diplomats met in Moscow for talks on Friday.", "CONSULT"),
        ("The Turkish president praised the agreement as a step toward peace.", "SUPPORT"),
        ("Ukraine threatened to cut off gas transit to Europe.", "THREATEN"),
        ("The European Union imposed new sanctions on Russia on Monday.", "SANCTION"),
        ("Turkey sent tons of humanitarian aid to Armenia after the earthquake.", "AID"),
        ("Azerbaijan released 15 Armenian prisoners of war on Saturday.", "RETREAT"),
        # The statement's verb governs the violence it names: no shelling is reported.
        ("The United Nations condemned the shelling of a hospital in Kharkiv.", "ACCUSE"),
        # A refusal of a cooperative act, and an intent to act, as CAMEO codes them.
        ("Azerbaijan said it would not attend the talks in Geneva.", "REJECT"),
        ("Russia said it would withdraw its troops from the town.", "AGREE"),
        # Violence to come is no violence yet: a statement with the best type.
        ("The opposition called for rallies across Armenia on Sunday.", "REQUEST"),
        ("Protesters will march on Friday in Yerevan.", "THREATEN"),
    ],
)
def test_events_verbal_acts_are_statements_with_their_plover_type(
    gazetteer: Gazetteer, sentence: str, plover: str
) -> None:
    [event] = _events_of(sentence, gazetteer)
    assert (event.type, event.subtype, event.plover) == ("statement", None, plover)


def test_events_a_statement_names_its_speaker_and_target(gazetteer: Gazetteer) -> None:
    text = "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi."
    [meeting] = _events_of(text, gazetteer)
    assert meeting.plover == "CONSULT"
    assert meeting.actor1 is not None and meeting.actor1.name == "Government of Russia"
    assert meeting.actor2 is not None and meeting.actor2.name == "Government of Turkey"


def test_events_an_accusation_of_violence_keeps_the_violence(gazetteer: Gazetteer) -> None:
    text = "Ukraine accused Russian forces of shelling Kharkiv on Tuesday, killing three civilians."
    [event] = _events_of(text, gazetteer)
    assert (event.type, event.plover) == ("explosions_remote_violence", "ASSAULT")
    assert event.fatalities is not None and event.fatalities.best == 3


def test_events_a_protest_that_demands_stays_a_protest(gazetteer: Gazetteer) -> None:
    text = (
        "Hundreds of protesters rallied in Yerevan on Saturday, demanding the release of activists."
    )
    [event] = _events_of(text, gazetteer)
    assert (event.type, event.plover) == ("protests", "PROTEST")


def test_events_a_raid_is_a_security_measure(gazetteer: Gazetteer) -> None:
    [raid] = _events_of("Police raided the offices of an opposition newspaper in Baku.", gazetteer)
    assert (raid.type, raid.subtype, raid.plover) == (
        "strategic_developments",
        "Change to group/activity",
        "COERCE",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "He said the weather was fine.",
        "Officials told reporters that the roads were open again.",
        "The minister said on Monday that the economy had grown by 3 percent.",
        "Fans praised the new stadium.",
        "The two supermarket chains are locked in a price war and threatened to cut prices again.",
    ],
)
def test_events_reporting_verbs_alone_and_metaphors_give_no_statement(
    gazetteer: Gazetteer, sentence: str
) -> None:
    assert _events_of(sentence, gazetteer) == []


@pytest.mark.parametrize(
    ("sentence", "subtype", "plover"),
    [
        ("Police arrested three activists in Tbilisi on Monday.", "Arrests", "COERCE"),
        (
            "Armenian and Azerbaijani troops exchanged fire with small arms.",
            "Armed clash",
            "ASSAULT",
        ),
        (
            "Russian forces withdrew from the village overnight.",
            "Non-violent transfer of territory",
            "RETREAT",
        ),
    ],
)
def test_events_acled_events_carry_current_plover_types(
    sentence: str, subtype: str, plover: str
) -> None:
    found = classify(sentence)
    assert found is not None and (found[0], found[2]) == (subtype, plover)


def test_events_a_denied_attack_is_the_attack_denied_by_its_denier(gazetteer: Gazetteer) -> None:
    [event] = _events_of(
        "DONETSK, Ukraine (AP) — Russian troops on Wednesday denied shelling a hospital in "
        "Horlivka on Tuesday.",
        gazetteer,
    )
    assert event.type == "explosions_remote_violence"
    assert (event.claim.status, event.claim.by) == ("denied", "Russian troops")
    assert event.location is not None and event.location.name == "Horlivka"


def test_events_a_confirmed_attack_is_confirmed_by_its_confirmer(gazetteer: Gazetteer) -> None:
    [event] = _events_of(
        "KYIV, Ukraine (Reuters) - U.N. monitors confirmed on Thursday that Russian forces "
        "had shelled a market in Kherson, killing four people.",
        gazetteer,
    )
    assert event.type == "explosions_remote_violence"
    assert (event.claim.status, event.claim.by) == ("confirmed", "U.N. monitors")
    assert event.fatalities is not None and event.fatalities.best == 4


def test_events_a_sentence_without_a_day_takes_the_day_named_before_it(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "TBILISI, Georgia (AP) — Russian forces shelled the town of Gori on Sunday. "
        "Hundreds of residents protested in the town centre.\n"
        "Russian drones struck the port of Poti, officials said.",
        gazetteer,
    )
    # Sunday before Friday, March 1; a later paragraph naming no day goes on about the lead's
    # day, as wire copy does (on the wire stories' dev split this moved date accuracy on
    # matched events from 0.81 to 0.89 against the publication date).
    assert [e.date for e in events] == [date(2024, 2, 25)] * 3


def test_events_a_sentence_naming_no_town_stays_where_the_story_was(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "KYIV, Ukraine (Reuters) - Russian forces shelled the town of Kupiansk on Monday. "
        "Ukraine's military said its troops clashed with Russian units in the area overnight.",
        gazetteer,
    )
    assert [e.location.name if e.location else None for e in events] == ["Kupyansk"] * 2


def test_events_a_sentence_going_on_about_the_same_attack_is_the_same_event(
    gazetteer: Gazetteer,
) -> None:
    [event] = _events_of(
        "KHERSON, Ukraine (AP) — Russian forces shelled Kherson on Monday. "
        "The shelling killed two civilians at a bus stop.\n",
        gazetteer,
    )
    assert event.fatalities is not None and event.fatalities.best == 2
    assert len(event.evidence) == 2


def test_events_attacks_on_two_towns_stay_two_events(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "KYIV, Ukraine (AP) — Russian forces shelled Kherson on Monday. "
        "A drone strike hit Mykolaiv on Monday, killing three people.\n",
        gazetteer,
    )
    names = [e.location.name if e.location else None for e in events]
    assert len(names) == 2 and names[0] == "Kherson" and names[1] != "Kherson"


def test_an_armed_group_the_gazetteer_lists_as_a_place_is_no_event_place(
    gazetteer: Gazetteer,
) -> None:
    # GeoNames lists "Hamas" among the names of Hamm, Germany.
    text = "Israeli troops arrested 20 members of Hamas in a raid on Nablus on Monday."
    annotated = annotate(clean(Article(text=text)))
    start = text.index("Hamas")
    hamm = PlaceMention(
        "Hamas", start, start + 5, "body", 2911271, "Hamm", 51.68, 7.82, "DE", "07", "city",
        "event", "exact", 1.0,
    )  # fmt: skip
    assert event_places(annotated, [hamm], gazetteer) == []


def test_events_civilians_a_strike_kills_are_its_target_before_other_sides(
    gazetteer: Gazetteer,
) -> None:
    [event] = _events_of(
        "BAMAKO, Mali (AFP) — A drone strike hit a crowded market in the town of Niono on "
        "Sunday, killing at least nine civilians, as fighting between the army and "
        "JNIM militants spread across the region.",
        gazetteer,
    )
    assert event.type == "explosions_remote_violence"
    assert event.actor2 is not None and event.actor2.kind == "civilians"


@pytest.mark.parametrize(
    "victim", ["a 62-year-old man", "an elderly woman", "one worker", "a taxi driver"]
)
def test_events_one_person_a_strike_kills_is_a_civilian_target(
    gazetteer: Gazetteer, victim: str
) -> None:
    [event] = _events_of(
        f"KHERSON, Ukraine (AP) — Russian guided bombs struck Kherson on Tuesday, killing {victim}"
        ", the regional governor said.",
        gazetteer,
    )
    assert event.type == "explosions_remote_violence"
    assert event.actor2 is not None and event.actor2.kind == "civilians"


def test_events_a_denial_answers_what_the_story_told_before_it(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "KYIV, Ukraine (AP) — Ukraine's military said Russian forces dropped gas grenades on "
        "its positions near Robotyne on Saturday.\n\n"
        'Russia\'s Defense Ministry rejected the accusation, saying its forces "do not use" '
        "chemical weapons.\n\n"
        "Meanwhile, Russian glide bombs struck the city of Zaporizhzhia on Sunday, killing a "
        "62-year-old man, the regional governor said.",
        gazetteer,
    )
    statuses = {e.subtype: e.claim.status for e in events if e.type != "statement"}
    assert statuses.get("Chemical weapon") == "disputed"
    assert statuses.get("Air/drone strike") == "reported"


def test_events_a_claim_dismissed_as_propaganda_is_disputed(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "MOGADISHU, Somalia (AP) — Somalia's government on Saturday dismissed as baseless "
        "propaganda a claim by al-Shabab extremists that they had overrun a military base "
        "near the town of Jowhar.",
        gazetteer,
    )
    assert [(e.subtype, e.claim.status) for e in events] == [
        ("Non-state actor overtakes territory", "disputed")
    ]
    [overrun] = events
    assert overrun.claim.by == "al-Shabab extremists"  # the claim the denial names
    assert overrun.claim.disputed_by == ("Somalia's government",)
    assert overrun.actor1 is not None and overrun.actor1.name == "Al Shabaab"


def test_events_past_the_lead_a_rule_the_model_doubts_is_no_event(gazetteer: Gazetteer) -> None:
    lead = (
        "NIAMEY, Niger (AP) — Gunmen killed seven soldiers in an ambush near the town of Tera "
        "on Tuesday, the army said.\n\n"
    )
    aside = (
        "On Monday, students in Niamey debated the seizure of weapons at the border as part "
        "of a civics class."
    )
    assert [e.subtype for e in _events_of(lead + aside, gazetteer)] == ["Armed clash"]


def test_events_a_claim_called_fabricated_is_disputed(gazetteer: Gazetteer) -> None:
    events = _events_of(
        'BOGOTA, Colombia (AP) — Colombia\'s army on Saturday called "fabricated" a claim by '
        "rebels that they had killed three soldiers in a drone attack on a base in Suarez.",
        gazetteer,
    )
    assert [e.claim.status for e in events if e.type != "statement"] == ["disputed"]
    [attack] = [e for e in events if e.type != "statement"]
    assert (attack.claim.by, attack.claim.disputed_by) == ("rebels", ("Colombia's army",))


def test_events_a_report_confirming_a_capture_confirms_it_in_its_speakers_name(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "CAIRO (AP) — The United Nations said Tuesday that the Rapid Support Forces have "
        "controlled the army base in the town of Babanusa since April 7, confirming a capture "
        "the military had denied.",
        gazetteer,
    )
    [capture] = [e for e in events if e.type != "statement"]
    assert (capture.claim.status, capture.claim.by) == ("confirmed", "United Nations")


def test_events_the_day_a_report_was_made_does_not_date_the_act_it_names(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "MOGADISHU, Somalia (AP) — Al-Shabab acknowledged on Tuesday that an airstrike near "
        "Jilib on Sunday killed six of its fighters.",
        gazetteer,
    )
    [strike] = [e for e in events if e.type != "statement"]
    assert strike.date == date(2024, 2, 25)


def test_events_the_country_whose_forces_act_is_not_the_place(gazetteer: Gazetteer) -> None:
    [event] = _events_of(
        "On 19 August 2020, military forces of Azerbaijan fired with small arms on the "
        "positions of the military forces of Armenia located near Areguni, Gegharkunik.",
        gazetteer,
    )
    assert event.location is not None and event.location.country == "AM"
    assert event.actor1 is not None and event.actor1.kind == "external"


@pytest.mark.parametrize(
    ("story", "country"),
    [
        (  # a country that qualifies the target: not where the strike was
            "Warplanes struck three depots used by Iran-backed fighters in Lebanon's Bekaa "
            "valley on Tuesday, officials said.",
            "LB",
        ),
        (  # nor a sign of the story's country
            "A Russia-based handler paid the men who threw a grenade at a police post in "
            "Kharkiv on Sunday, police said.",
            "UA",
        ),
        (  # a country that modifies a person: whose, not where
            "Drones struck an air base near Kharkiv on Monday, officials said.\n\n"
            "A U.S. official confirmed that one drone hit a hangar at the base.",
            "UA",
        ),
    ],
)
def test_events_a_country_that_says_whose_or_who_is_not_the_place(
    story: str, country: str, gazetteer: Gazetteer
) -> None:
    events = [e for e in _events_of(story, gazetteer) if e.type != "statement"]
    assert events and all(e.location is not None for e in events)
    assert {e.location.country for e in events if e.location} == {country}


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen shot dead a polio vaccination worker and a police officer guarding her.",
        "Unknown attackers killed two aid workers on the road to the camp.",
        "A local councillor was shot dead outside his home by men on a motorcycle.",
        "Suspected herdsmen attacked the farming community on Sunday, killing seven persons.",
        "Gunmen stormed the neighbourhood overnight, killing at least 14 people, police and "
        "residents said.",
    ],
)
def test_events_the_rules_know_the_civilians_wire_stories_name_by_their_work(
    sentence: str,
) -> None:
    act = acled_act(sentence)
    assert act is not None and act.rule.subtype == "Attack"


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        (
            "Security forces killed four militants in an operation in North Waziristan, the "
            "military said.",
            "Armed clash",
        ),
        ("Six insurgents were killed by troops in a raid near Maiduguri.", "Armed clash"),
        ("Army says 12 militants killed in raid near Gao", "Armed clash"),
        (
            "Soldiers raided a camp near Gao on Sunday, killing 12 fighters, the army said.",
            "Armed clash",
        ),
        (
            "Troops pursued the attackers into the hills and killed three of them, the army said.",
            "Armed clash",
        ),
        ("Insurgents beheaded four villagers in Macomia district on Friday.", "Attack"),
        (
            "Settlers hurled stones at residents of the village on Friday, the council said.",
            "Attack",
        ),
        ("Gunmen on motorbikes sped through the market, shooting two women.", "Attack"),
        (
            "Four persons were killed when separatist fighters opened fire on a bar in the "
            "town on Tuesday night.",
            "Attack",
        ),
        ("Two persons were killed after armed men opened fire at a village on Thursday.", "Attack"),
        (
            "Suspected hoodlums on Thursday night set ablaze the police divisional headquarters "
            "in the town, killing two officers on duty.",
            "Armed clash",
        ),
        (
            "Gunmen on Sunday attacked a checkpoint, killing three security personnel.",
            "Armed clash",
        ),
        (
            "Ukrainian forces repelled 42 Russian assaults near the town over the past day.",
            "Armed clash",
        ),
    ],
)
def test_events_troops_killing_militants_is_a_clash_and_one_sided_violence_an_attack(
    sentence: str, subtype: str
) -> None:
    kind = classify(sentence)
    assert kind is not None and kind[0] == subtype


def test_events_the_occupied_territory_is_a_name_not_an_occupation(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "In the occupied West Bank, hundreds of mourners attended the funeral on Friday.\n\n"
        "Russian troops occupied the town of Kupiansk on Tuesday, officials said.",
        gazetteer,
    )
    acts = [e for e in events if e.type != "statement"]
    # the town occupied is taken, as ACLED codes a town that changes hands
    assert [(e.evidence[0].start > 0, e.type) for e in acts] == [(True, "battles")]


def test_events_gunmen_storming_a_school_take_no_territory() -> None:
    kind = classify(
        "Taliban gunmen in police uniforms stormed the school and went from room to room."
    )
    assert kind is None or kind[0] != "Non-state actor overtakes territory"


def test_events_a_capital_naming_a_government_is_not_the_place(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "Shelling hit a crowded market on Monday, killing three people, officials said.\n\n"
        "Moscow blamed the Kyiv regime for the attack.",
        gazetteer,
    )
    shelling = [e for e in events if e.type == "explosions_remote_violence"]
    assert shelling and all(e.location is None or e.location.text != "Kyiv" for e in shelling)


def test_events_a_place_naming_a_people_is_not_where_they_march(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "Kharkiv families march in Lviv, demand news of missing sons\n\n"
        "Hundreds of members of the Kharkiv community marched from the station to the city hall "
        "on Saturday to demand news of missing soldiers.",
        gazetteer,
    )
    protests = [e for e in events if e.type == "protests"]
    assert protests and {e.location.text for e in protests if e.location} == {"Lviv"}


@pytest.mark.parametrize(
    ("story", "subtype"),
    [
        (
            "Russian troops on Monday completed their withdrawal from a base near Kherson, "
            "handing it over to a local militia, officials said.",
            "Non-violent transfer of territory",
        ),
        (
            "More than 200 militants and their families surrendered to troops near Kharkiv on "
            "Wednesday, the army said.",
            "Change to group/activity",
        ),
        (
            "The rebels said on Monday they had decided to dissolve themselves and end their armed "
            "struggle against the state.",
            "Change to group/activity",
        ),
        ("The suspect surrendered to police in Kharkiv on Monday.", None),
    ],
)
def test_events_a_withdrawal_and_a_surrender_are_strategic_developments(
    story: str, subtype: str | None, gazetteer: Gazetteer
) -> None:
    strategic = [e.subtype for e in _events_of(story, gazetteer) if e.type != "statement"]
    assert strategic == ([subtype] if subtype else [])


def test_events_an_arrest_for_a_part_in_the_violence_is_political(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "Police in Kharkiv said on Sunday that two men had been detained overnight on suspicion "
        "of involvement in the violence.",
        gazetteer,
    )
    assert [e.subtype for e in events if e.type != "statement"] == ["Arrests"]


def test_events_policemen_a_bomb_kills_are_its_target_beside_civilians(
    gazetteer: Gazetteer,
) -> None:
    [event] = _events_of(
        "A roadside bomb struck a police van escorting vaccination workers near Kharkiv on "
        "Tuesday, killing five policemen and a health worker, officials said.",
        gazetteer,
    )
    assert event.actor2 is not None and event.actor2.kind == "police"


def test_events_civilians_a_clash_kills_are_its_toll_not_its_side(gazetteer: Gazetteer) -> None:
    [event] = _events_of(
        "NAIROBI, Kenya (AP) — Fighting between Sudan's army and a rival paramilitary force "
        "spread into residential areas of Nyala on Sunday, killing at least 14 civilians, "
        "medics said.",
        gazetteer,
    )
    assert event.subtype == "Armed clash"
    assert event.fatalities is not None and event.fatalities.best == 14
    kinds = {a.kind for a in (event.actor1, event.actor2) if a is not None}
    assert kinds == {"state_forces", "unknown"}


def test_events_where_the_wounded_were_brought_is_not_the_event_place(
    gazetteer: Gazetteer,
) -> None:
    [event] = _events_of(
        "Gunmen ambushed an army convoy on Monday, killing two soldiers, and three wounded "
        "soldiers were brought to a hospital in Kharkiv, the army said.",
        gazetteer,
    )
    assert event.location is None or event.location.name != "Kharkiv"


def test_events_where_the_wounded_died_or_travellers_were_bound_is_not_the_event_place(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "Izium bus station blast: toll rises to six\n\nBy Olena Marchenko, Kharkiv\n\n"
        "A female suicide bomber blew herself up near a crowded kiosk at the bus station in Izium "
        "on Sunday evening, killing herself and three other people, police said.\n\n"
        "The toll rose to six on Monday morning after two of the wounded died at the Regional "
        "Clinical Hospital in Kharkiv, a health official said.\n\n"
        "A police spokesman said the bomber approached the kiosk as travellers waited for the "
        "last buses to Kharkiv and detonated explosives strapped to her body.\n",
        gazetteer,
    )
    bombings = [e for e in events if e.type == "explosions_remote_violence"]
    assert [e.location.name if e.location else None for e in bombings] == ["Izyum"]


@pytest.mark.parametrize(
    ("sentence", "subtype", "first"),
    [
        (
            "Two protesters were killed on Saturday when firing broke out as personnel tried to "
            "disperse a sit-in on the main road in Kharkiv.",
            "Excessive force against protesters",
            "police",
        ),
        (
            "Hundreds of students marched in Kharkiv on Saturday before they were dispersed "
            "with tear gas and water cannon.",
            "Protest with intervention",
            "protesters",
        ),
    ],
)
def test_events_a_crowd_met_with_force_has_a_force_where_the_story_names_none(
    gazetteer: Gazetteer, sentence: str, subtype: str, first: str
) -> None:
    [event] = _events_of(sentence, gazetteer)
    assert event.subtype == subtype
    assert event.actor1 is not None and event.actor1.kind == first
    assert {event.actor1.kind, event.actor2.kind if event.actor2 else None} == {
        "police",
        "protesters",
    }


def test_events_men_killed_in_a_gunfight_between_armed_groups_died_in_a_clash(
    gazetteer: Gazetteer,
) -> None:
    [event] = _events_of(
        "Three Rohingya men were killed and at least seven others injured in a gunfight between "
        "two armed groups at Jamtoli camp (Camp-15) in Ukhiya upazila of Cox's Bazar on "
        "Wednesday night, police and camp residents said.",
        gazetteer,
    )
    assert event.subtype == "Armed clash"


@pytest.mark.parametrize(
    ("sentence", "protest"),
    [
        (
            "The gunmen surrounded the mosque and marched the worshippers into the nearby "
            "forest, a police spokesman said.",
            False,
        ),
        ("The kidnappers marched them deep into the bush overnight.", False),
        (
            "The hoodlums, dressed in military camouflage, blocked the road with logs and "
            "opened fire on the vehicles.",
            False,
        ),
        ("Hundreds of traders blocked the main road to protest the new levy.", True),
        ("Thousands of students marched the streets of the capital on Friday.", True),
    ],
)
def test_events_gunmen_who_march_people_away_or_block_a_road_are_no_protest(
    sentence: str, protest: bool
) -> None:
    act = acled_act(sentence)
    assert (act is not None and act.rule.type == "protests") is protest


def test_events_a_coach_s_battle_is_no_clash(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "Shakhtar beat Dynamo 2-1 in Kyiv on Sunday.\n\n"
        '"It was a battle, and my boys fought like soldiers. We were under siege in the first '
        'half but we regrouped," the coach said after the match.',
        gazetteer,
    )
    assert [e for e in events if e.type != "statement"] == []


@pytest.mark.parametrize(
    ("sentence", "subtype", "read"),
    [
        (
            "The suspects were detained without a shot being fired, and troops seized four "
            "assault rifles and a grenade launcher.",
            "Armed clash",
            False,
        ),
        (
            "Police recovered two machine guns and 400 rounds of ammunition from the house.",
            "Armed clash",
            False,
        ),
        (
            "A soldier was killed on Saturday when a drone loaded with explosives was dropped "
            "on the base.",
            "Air/drone strike",
            True,
        ),
        (
            "Two grenades released from a drone hit the checkpoint overnight.",
            "Air/drone strike",
            True,
        ),
        (
            "The rebels announced they had installed a military command in the town hall.",
            "Headquarters or base established",
            True,
        ),
    ],
)
def test_events_the_rules_tell_weapons_seized_dropped_and_commands_installed(
    sentence: str, subtype: str, read: bool
) -> None:
    act = acled_act(sentence)
    assert (act is not None and act.rule.subtype == subtype) is read


def test_events_a_headline_s_soldier_killed_in_an_attack_is_today_s_news(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "Soldier killed in ELN drone attack on Kharkiv battalion\n\nBy Ivan Petrenko, Kharkiv\n",
        gazetteer,
    )
    assert [(e.subtype, e.background) for e in events] == [("Air/drone strike", False)]


@pytest.mark.parametrize("died", ["killed", "martyred"])
def test_events_one_act_that_kills_some_and_leaves_others_injured_is_one_event(
    gazetteer: Gazetteer, died: str
) -> None:
    [event] = _events_of(
        f"PESHAWAR: Three policemen were {died} and two others injured on Sunday when a "
        "roadside bomb exploded near their patrol vehicle outside Bannu, police said.",
        gazetteer,
    )
    assert event.subtype == "Remote explosive/landmine/IED"
    assert event.fatalities is not None and event.fatalities.best == 3
    assert event.actor1 is not None and event.actor1.kind == "unknown"
    assert event.actor2 is not None and event.actor2.kind == "police"


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        ("Soldiers detained three men at a checkpoint outside the town on Friday.", "Arrests"),
        ("Four men were picked up on Monday in raids around the market.", "Arrests"),
        ("Gunmen detained two men at a roadblock and took them away.", "Abduction"),
        ("The two engineers were seized by armed men who stopped their truck.", "Abduction"),
        ("The border town was seized by rebels on Monday.", "Non-state actor"),
    ],
)
def test_events_men_detained_by_police_are_arrested_by_gunmen_abducted(
    sentence: str, subtype: str
) -> None:
    kind = classify(sentence)
    assert kind is not None and (kind[0] or "").startswith(subtype)


def test_events_protesters_who_burn_tyres_riot_whatever_the_police_did() -> None:
    kind = classify(
        "Residents blocked the main avenue with burning tyres to protest the killings, before "
        "police dispersed them with tear gas."
    )
    assert kind is not None and kind[0] == "Violent demonstration"


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        (
            "Four teachers were taken by armed men on Sunday on the road to Zugdidi.",
            "Abduction/forced disappearance",
        ),
        (
            "Some 200 teachers blocked the Tbilisi–Senaki federal highway for six hours on "
            "Monday, demanding higher pay.",
            "Peaceful protest",
        ),
        (
            "Police detained two men in Gori on Monday who are allegedly linked to the abduction.",
            "Arrests",
        ),
        (
            "Nino and a small group of supporters set off on Wednesday on a march from Tbilisi "
            "to the prison in Rustavi.",
            "Peaceful protest",
        ),
        (
            "In Batumi, his supporters fought running battles with police on Tuesday.",
            "Violent demonstration",
        ),
    ],
)
def test_events_acts_told_in_plain_words(gazetteer: Gazetteer, sentence: str, subtype: str) -> None:
    assert [e.subtype for e in _events_of(sentence, gazetteer)] == [subtype]


def test_events_an_arrest_nobody_is_named_for_is_the_states_police(gazetteer: Gazetteer) -> None:
    [arrests] = _events_of(
        "The opposition party said nine of its activists were arrested in Tbilisi on Monday.",
        gazetteer,
    )
    assert arrests.subtype == "Arrests"
    assert arrests.actor1 is not None and arrests.actor1.name == "Police Forces of Georgia"
    assert arrests.actor2 is not None and arrests.actor2.kind == "civilians"


@pytest.mark.parametrize(
    ("sentence", "subtypes"),
    [
        ("Riot police entered the Tbilisi suburb before dawn to arrest leaders of the gang.", []),
        (
            "Thousands gathered in Tbilisi on Monday to protest against the new law.",
            ["Peaceful protest"],
        ),
    ],
)
def test_events_what_a_force_went_somewhere_to_do_is_its_aim_a_crowds_is_its_act(
    gazetteer: Gazetteer, sentence: str, subtypes: list[str]
) -> None:
    events = _events_of(sentence, gazetteer)
    assert [e.subtype for e in events if e.type != "statement"] == subtypes


def test_rule_leads_extend_letters_with_a_group_that_must_follow() -> None:
    assert _leads(r"\b(?:h(?:eld|olds?)|den(?:y|ies)\b)") == frozenset(
        {"held", "hold", "deny", "denies"}
    )
    assert _leads(r"\bchant(?:ed|ing)\b") == frozenset({"chante", "chanti"})  # six letters at most
    assert _leads(r"\bpull(?:s|ed)? out") == frozenset({"pull"})  # an optional group adds nothing
    # "co-operate" begins with the word "co"
    assert _leads(r"\bco(?:-|op)erat") == frozenset({"co"})


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        ("Gunmen killed four soldiers at a checkpoint in Mali on Monday.", "Armed clash"),
        ("Suspected jihadists killed 12 gendarmes in an attack on their post.", "Armed clash"),
        (
            "ELN rebels on Tuesday released six soldiers they had kidnapped last month in Arauca.",
            "Agreement",
        ),
        ("Gunmen kidnapped 20 passengers on the Abuja-Kaduna highway on Sunday.", None),
    ],
)
def test_events_who_did_what_to_whom_decides_the_type(sentence: str, subtype: str | None) -> None:
    kind = classify(sentence)
    assert kind is not None
    if subtype is not None:
        assert kind[0] == subtype
    else:  # an abduction stays one
        assert kind[0] == "Abduction/forced disappearance"


@pytest.mark.parametrize(
    "sentence",
    [
        "The soldiers were handed over to a humanitarian commission in a rural area of Tame.",
        "Three engineers held for a month by the rebels were freed on Friday in the north and "
        "handed over to a church delegation, officials said.",
        "The injured, including two women and a boy, were shifted to the district hospital, "
        "where doctors said their condition was stable.",
    ],
)
def test_events_people_handed_over_or_taken_to_hospital_are_no_territory_or_crowd(
    sentence: str,
) -> None:
    kind = classify(sentence)
    assert kind is None or kind[1] not in ("protests", "riots")
    assert kind is None or kind[0] != "Non-violent transfer of territory"


def test_events_a_group_named_inside_a_longer_name_is_the_longer_one(
    gazetteer: Gazetteer,
) -> None:
    [ambush] = [
        e
        for e in _events_of(
            "PESHAWAR, Pakistan (AP) — Pakistani Taliban fighters ambushed a police patrol in "
            "Bannu on Tuesday, killing four policemen, officials said.",
            gazetteer,
        )
        if e.type != "statement"
    ]
    assert ambush.actor1 is not None
    assert (ambush.actor1.name, ambush.actor1.country) == ("TTP: Tehreek-i-Taliban Pakistan", "PK")


def test_events_the_day_a_claim_was_made_does_not_part_it_from_the_act_it_dates(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "Myanmar rebels say they captured border town\n\n"
        "An ethnic armed group in Myanmar said on Friday it had seized control of a town on the "
        "border with China after days of fighting with the military.\n\n"
        "The Ta'ang National Liberation Army said its fighters took Namhsan in northern Shan "
        "state on Thursday.",
        gazetteer,
    )
    [capture] = [e for e in events if e.type != "statement"]
    assert capture.subtype == "Non-state actor overtakes territory"
    assert capture.date == date(2024, 2, 29)  # the Thursday before 1 March 2024
    assert capture.actor1 is not None and capture.actor1.name.startswith("TNLA")


def test_events_a_headline_joined_by_its_lead_keeps_who_told_it(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "Car bomb kills 7 near Mogadishu checkpoint\n\n"
        "MOGADISHU (AP) — A car bomb exploded near a police checkpoint in the Somali capital on "
        "Monday, killing at least seven people, a police officer said.",
        gazetteer,
    )
    [blast] = [e for e in events if e.type != "statement"]
    assert blast.claim.by == "police officer"


def test_events_a_states_troops_are_one_side_and_people_named_by_nationality_the_other(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "Israeli troops kill 3 Palestinians in West Bank raid\n\n"
        "JERUSALEM (AP) — Israeli forces killed three Palestinians during a raid in the Jenin "
        "refugee camp on Thursday, the Palestinian Health Ministry said.",
        gazetteer,
    )
    [raid] = [e for e in events if e.type != "statement"]
    assert raid.subtype == "Attack"
    assert raid.actor1 is not None and raid.actor1.name == "Military Forces of Israel"
    assert raid.actor2 is None or raid.actor2.kind != "state_forces"  # no Palestinian army


def test_events_a_bomber_who_rammed_a_checkpoint_made_its_police_the_target(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "PESHAWAR, Pakistan (AP) — A suicide bomber on a motorcycle rammed into a police "
        "checkpoint in Peshawar on Wednesday, killing four officers, police said.",
        gazetteer,
    )
    [blast] = [e for e in events if e.type != "statement"]
    assert blast.actor1 is not None and blast.actor1.kind == "unknown"
    assert blast.actor2 is not None and blast.actor2.kind == "police"


def test_events_where_the_wounded_were_treated_is_not_a_second_place_of_the_attack(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "KYIV (Reuters) - Three soldiers were killed when fighters attacked a military "
        "base in Kupiansk on Thursday, the army said.\n\n"
        "Five others were being treated in hospital in the city of Kharkiv, the army said.\n\n"
        "The fighters attacked the base with rifles and machine guns in the early hours of "
        "Thursday, the statement said.",
        gazetteer,
    )
    [attack] = [e for e in events if e.type != "statement"]
    assert attack.location is not None and attack.location.text == "Kupiansk"


@pytest.mark.parametrize(
    ("sentence", "history"),
    [
        ("Troops clashed with rebels near the town, killing dozens over the past day.", False),
        ("Troops have killed 400 rebels over the past month, the army said.", True),
        (
            "Fano, which has been fighting federal forces for two years, announced on Tuesday "
            "that its factions had merged.",
            False,
        ),
        ("The group has been fighting federal forces for two years.", True),
        ("The group has in the past denied targeting civilians.", True),
        ("The area around the town has seen repeated fighting between the army and rebels.", True),
        ("The RSF has been pushing into Kordofan since taking control of most of Darfur.", True),
        ("Troops have been shelling the village since dawn, residents said.", False),
        (
            "Israel has kept troops at five hilltop points since a ceasefire ended more than a "
            "year of fighting with Hezbollah.",
            True,
        ),
        ("The blockade has left petrol stations across the country dry.", False),
        ("The war has left thousands dead and millions displaced.", True),
        (
            "Fighting in North Kordofan has intensified since the army drove the RSF out of "
            "Khartoum.",
            True,
        ),
        ("Fighting intensified on Monday near the town, residents said.", False),
    ],
)
def test_events_a_running_total_is_history_but_the_past_day_is_news(
    sentence: str, history: bool
) -> None:
    assert recalls_history(sentence) is history


def test_events_a_strike_told_with_no_attacker_is_the_launching_states(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "KYIV, Ukraine (AP) — Russia launched 65 drones and two ballistic missiles at Ukraine "
        "overnight, the Ukrainian air force said Sunday.\n\n"
        "A missile struck an apartment building in the city of Kharkiv, killing two people, "
        "regional Governor Oleh Syniehubov said.",
        gazetteer,
    )
    [strike] = [e for e in events if e.subtype == "Shelling/artillery/missile attack"]
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Russia"


def test_events_an_ally_that_backed_the_side_that_acted_is_not_its_actor(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "MOSCOW (AP) — Ukrainian forces backed by Turkish drones recaptured a village near "
        "Kupiansk on Thursday after days of fighting, the military said.",
        gazetteer,
    )
    [capture] = [e for e in events if e.type != "statement"]
    assert capture.actor1 is not None and capture.actor1.name == "Military Forces of Ukraine"


def test_events_a_ministry_whose_positions_were_fired_on_names_the_target(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "BAKU (Reuters) - Azerbaijan's defence ministry said on Monday that Armenian forces had "
        "fired on its army positions in the Kalbajar district overnight, wounding one soldier.",
        gazetteer,
    )
    [fire] = [e for e in events if e.type != "statement"]
    assert fire.actor1 is not None and fire.actor1.name == "Military Forces of Armenia"
    assert fire.actor2 is not None and fire.actor2.name == "Military Forces of Azerbaijan"


@pytest.mark.parametrize(
    "text",
    [
        "Fighters of al Shabaab attacked the base.",
        "Al-Shabaab said it attacked the base.",
        "The Donetsk People’s Republic said its forces shelled the town.",
        "Kurdistan Workers’ Party fighters were killed.",
        "No group claimed the attack.",
    ],
)
def test_events_named_actor_search_finds_what_its_pattern_finds(text: str) -> None:
    """A group's needles only spare patterns that cannot match: either apostrophe, an Arabic
    article in either case, are found as the pattern finds them."""
    for named in named_actors():
        found, expected = named.search(text), named.pattern.search(text)
        assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        # civilians killed by gunmen firing on them: an attack, not a clash
        ("Gunmen opened fire on a minibus near the market, killing five passengers.", "Attack"),
        ("Militants raided a church in the village, killing seven worshippers.", "Attack"),
        # civilians caught between two armed sides died in the clash
        (
            "Troops fought insurgents for hours near the town, killing two farmers caught in "
            "the crossfire.",
            "Armed clash",
        ),
        # a drone that crashes into a building is a drone strike
        ("A drone smashed into a block of flats in the suburb before dawn.", "Air/drone strike"),
    ],
)
def test_events_the_rules_type_who_was_killed_and_how(sentence: str, subtype: str) -> None:
    act = acled_act(sentence)
    assert act is not None and act.rule.subtype == subtype


def test_events_an_accusation_of_killing_is_no_attack() -> None:
    assert acled_act("The report accuses the army and its militias of killing civilians.") is None


def test_events_who_tells_an_act_before_it_is_not_its_side(gazetteer: Gazetteer) -> None:
    [event] = _events_of(
        "KYIV, Ukraine (AP) — Ukraine's general staff said Russian forces shelled the village "
        "of Bilozerka on Sunday, wounding two women.",
        gazetteer,
    )
    assert event.actor1 is not None and event.actor1.name == "Military Forces of Russia"
    assert event.actor2 is not None and event.actor2.kind == "civilians"


def test_events_the_accused_did_the_act_on_its_own_day(gazetteer: Gazetteer) -> None:
    """An accusation is a report of the act: the accused is its author and the day of the
    accusation is not the act's; the statement that gives its day is the same act."""
    events = _events_of(
        "KYIV, Mar 1, 2024 (AFP) - Ukraine's military accused Russian forces on Friday of "
        "shelling a water pumping station near Nikopol.\n\n"
        "According to the General Staff, Russian artillery hit the station on Thursday "
        "evening, cutting supplies to thousands of homes.",
        gazetteer,
    )
    [shelling] = [e for e in events if e.type == "explosions_remote_violence"]
    assert shelling.actor1 is not None and shelling.actor1.name == "Military Forces of Russia"
    assert shelling.date == date(2024, 2, 29)


@pytest.mark.parametrize(
    "sentence",
    [
        "Police arrested an alleged financier of the Islamic State group at a hotel in Kyiv "
        "on Monday.",
        "Soldiers arrested three suspected bandits at a hideout near Kharkiv on Monday.",
    ],
)
def test_events_the_arrest_of_an_armed_group_s_member_is_an_event(
    sentence: str, gazetteer: Gazetteer
) -> None:
    [arrest] = [e for e in _events_of(sentence, gazetteer) if e.subtype == "Arrests"]
    assert arrest.type == "strategic_developments"


def test_events_the_arrest_of_a_burglar_is_no_event(gazetteer: Gazetteer) -> None:
    events = _events_of("Police arrested a burglar at a shop in Kyiv on Monday.", gazetteer)
    assert not [e for e in events if e.subtype == "Arrests"]


def test_events_where_the_drones_were_launched_from_is_not_where_they_were_downed(
    gazetteer: Gazetteer,
) -> None:
    events = _events_of(
        "KYIV, March 1 /Ukrinform/. Russia launched 60 drones overnight from the directions of "
        "Kursk, Bryansk and Millerovo, and air defence forces shot down 52 of them over the "
        "Sumy and Chernihiv regions, the Air Force said.",
        gazetteer,
    )
    [downed] = [e for e in events if e.subtype == "Disrupted weapons use"]
    assert downed.location is not None and downed.location.country == "UA"
    assert downed.actor1 is not None and downed.actor1.name == "Military Forces of Ukraine"


def test_events_a_violent_demonstration_faces_the_police_not_its_own_crowd(
    gazetteer: Gazetteer,
) -> None:
    [riot] = _events_of(
        "TBILISI, Georgia (AP) — Residents protesting against power cuts blocked a highway near "
        "Rustavi with burning tyres and hurled stones at passing cars on Friday.",
        gazetteer,
    )
    assert riot.subtype == "Violent demonstration"
    assert riot.actor1 is not None and riot.actor1.kind == "rioters"
    assert riot.actor2 is not None and riot.actor2.kind == "police"


def test_events_a_dateline_cut_from_its_paragraph_is_no_march(gazetteer: Gazetteer) -> None:
    events = _events_of(
        "ANALYSIS-Ukraine braces for a Russian spring push on its last Donetsk strongholds\n\n"
        "KYIV, March 23 (Reuters) - As the ground thaws across eastern Ukraine, Ukrainian "
        "commanders expect Russia to launch a major offensive within weeks.\n",
        gazetteer,
    )
    assert [e for e in events if e.type in ("protests", "riots")] == []


@pytest.mark.parametrize(
    ("sentence", "agreement"),
    [
        (
            "Kenya's defence ministry on Tuesday signed contracts worth $210 million for drones.",
            False,
        ),
        (
            "The two sides have held several rounds of talks, but no agreement has been reached.",
            False,
        ),
        (
            "On Sunday, 84 soldiers came home in exchange for the same number of Russian prisoners.",
            True,
        ),
        ("The army and the rebels signed a ceasefire agreement in Doha on Tuesday.", True),
    ],
)
def test_events_an_agreement_is_between_the_sides_and_reached(
    sentence: str, agreement: bool
) -> None:
    act = acled_act(sentence)
    assert (act is not None and act.rule.subtype == "Agreement") == agreement


def test_events_a_mediator_is_neither_the_place_nor_a_side(gazetteer: Gazetteer) -> None:
    [swap] = _events_of(
        "KYIV, Ukraine (Wire) — On Saturday, 150 Ukrainian soldiers came home in exchange for the "
        "same number of Russian prisoners, in a swap mediated by the United Arab Emirates.",
        gazetteer,
    )
    assert swap.subtype == "Agreement"
    assert swap.location is None or swap.location.country != "AE"
    sides = [actor.name for actor in (swap.actor1, swap.actor2) if actor]
    assert not any("Emirates" in name for name in sides)


@pytest.fixture(scope="module")
def kenyan_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"KE"}))


def test_events_herders_named_for_a_people_or_a_county_are_not_its_place(
    kenyan_gazetteer: Gazetteer,
) -> None:
    [clash] = _events_of(
        "By Maurice Cheruiyot, Baringo\n\n"
        "Seven people were killed on Sunday in a clash between Pokot and Turkana herders in "
        "Kapedo, on the Baringo-Turkana border, police said.",
        kenyan_gazetteer,
    )
    assert clash.location is None or clash.location.name != "Turkana"


def test_events_troops_entering_without_a_shot_fired_attack_nobody() -> None:
    act = acled_act(
        "Columns of army vehicles entered the town in the morning without a shot being fired, "
        "while residents waved flags in the main square."
    )
    assert act is None or act.rule.subtype != "Attack"


def test_events_the_month_of_march_is_no_march_met_with_force() -> None:
    act = acled_act(
        "The attack was the deadliest since March 2020, when the group killed nearly 100 "
        "soldiers in the same region."
    )
    assert act is None or act.rule.type != "protests"
    march = acled_act("Police opened fire on a march by opposition supporters, killing two.")
    assert march is not None and march.rule.subtype == "Excessive force against protesters"


def test_events_separatists_are_rebels_and_a_mob_that_accused_its_victim_still_killed_him(
    gazetteer: Gazetteer,
) -> None:
    [attack] = _events_of(
        "Separatist fighters opened fire on a bar in Kharkiv on Tuesday night, killing four "
        "customers, police said.",
        gazetteer,
    )
    assert attack.actor1 is not None and attack.actor1.kind == "rebels"
    [lynching] = _events_of(
        "A mob beat a man to death in Kharkiv on Wednesday night after accusing him of stealing "
        "a motorcycle, police said.",
        gazetteer,
    )
    assert lynching.subtype == "Mob violence"
    assert lynching.actor2 is not None and lynching.actor2.kind == "civilians"


@pytest.mark.parametrize(
    ("sentence", "subtype", "reads"),
    [
        # "vigilante" alone names a militia or a speaker, no mob
        (
            "Gunmen killed four farmers near Gwoza on Sunday, residents and a vigilante leader said.",
            "Mob violence",
            False,
        ),
        ("Vigilante killings of suspected thieves have risen in the city.", "Mob violence", True),
        ("A mob lynched a suspected thief in the market on Monday.", "Mob violence", True),
        # a headline's suspects "held" are arrested; a town held or a conference held is not
        ("Four ULFA-I suspects held in Tinsukia", "Arrests", True),
        ("Three suspects were held by police in Kano after the raid", "Arrests", True),
        ("Militants held the town for two days before withdrawing", "Arrests", False),
        ("The suspects held a press conference to deny the charges", "Arrests", False),
        # to riot is a violent demonstration; riot police are not rioters
        ("Youths riot in Jos after village attack", "Violent demonstration", True),
        ("Students rioted in Dhaka after the verdict was read", "Violent demonstration", True),
        ("Riot police fired tear gas at protesters in Nairobi", "Protest with intervention", True),
        # what a drone drops on a target is a strike; what a helicopter drops to villagers is not
        (
            "Drones dropped three explosive charges on the police station in Suarez.",
            "Air/drone strike",
            True,
        ),
        (
            "A drone dropped a grenade on a checkpoint near Kupiansk on Monday.",
            "Air/drone strike",
            True,
        ),
        (
            "Helicopters dropped food and water to villagers cut off by the floods.",
            "Air/drone strike",
            False,
        ),
    ],
)
def test_events_rules_read_these_words_as_their_act(
    sentence: str, subtype: str, reads: bool
) -> None:
    act = acled_act(sentence)
    assert (act is not None and act.rule.subtype == subtype) == reads


@pytest.mark.parametrize(
    ("sentence", "concedes"),
    [
        ("Drones dropped three explosive charges on the police station, police said.", False),
        ("Prosecutors dropped the charges against the opposition leader on Monday.", True),
    ],
)
def test_events_charges_dropped_from_a_drone_are_no_concession(
    sentence: str, concedes: bool
) -> None:
    assert ("CONCEDE" in [a.rule.plover for a in statement_acts(sentence)]) == concedes


@pytest.mark.parametrize(
    "sentence",
    [
        "Gang members killed eight people and set fire to homes in a farming area on Saturday, "
        "then returned the next day to loot shops and a health centre, officials said.",
        "Gang kills eight in Haiti's Artibonite",
    ],
)
def test_events_killings_told_with_looting_are_an_attack(sentence: str) -> None:
    found = classify(sentence)
    assert found is not None and found[0] == "Attack"


def test_events_a_group_outside_the_peace_deal_is_described_by_it_and_signs_nothing() -> None:
    described = acled_act("The area is held by a rebel group outside the country's peace deal.")
    assert described is None or described.rule.subtype != "Agreement"
    signed = acled_act("The two sides signed a peace deal in Juba on Monday.")
    assert signed is not None and signed.rule.subtype == "Agreement"


@pytest.mark.parametrize(
    ("text", "country", "actor"),
    [
        ("The Gran Grif gang attacked the town.", "HT", "Gran Grif Gang"),
        ("Ambazonian separatists attacked a school.", "CM", "Ambazonian Separatists"),
        (
            "Pro-Russian separatists shelled the village.",
            "UA",
            "NAF: United Armed Forces of Novorossiya",
        ),
    ],
)
def test_events_a_named_group_is_one_side_under_the_name_acled_gives_it(
    gazetteer: Gazetteer, text: str, country: str, actor: str
) -> None:
    actors = sentence_actors(text, gazetteer, country, "battles")
    assert [a.name for a in actors] == [actor]


def test_events_a_state_read_inside_a_groups_name_is_no_side(gazetteer: Gazetteer) -> None:
    actors = sentence_actors(
        "A Turkish drone strike killed three fighters of the U.S.-backed Syrian Democratic "
        "Forces (SDF) on Tuesday.",
        gazetteer,
        "SY",
        "explosions_remote_violence",
    )
    assert [a.name for a in actors] == [
        "Military Forces of Turkey",
        "QSD: Syrian Democratic Forces",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia and Ukraine exchanged 150 prisoners of war each on Thursday.",
        "The two sides swapped the bodies of 40 soldiers on Friday.",
    ],
)
def test_events_an_exchange_of_prisoners_or_bodies_is_an_agreement(sentence: str) -> None:
    act = acled_act(sentence)
    assert act is not None and act.rule.subtype == "Agreement"


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        (
            "An arson attack by settlers on the village of Sinjil late on Friday burned four "
            "cars and a barn, the village council said.",
            "Looting/property destruction",
        ),
        (
            "Members of the armed group handed over more than 200 weapons to a UN team on "
            "Tuesday, completing their demobilisation.",
            "Change to group/activity",
        ),
        (
            "The defence ministry said its troops had repelled an attempt by enemy units to "
            "cross the border near the village on Tuesday.",
            "Armed clash",
        ),
        # a truce that holds is no new agreement; the clashes it follows are the act
        ("Truce holds in the capital after clashes between armed groups kill four", "Armed clash"),
        ("Army engineers destroyed the explosives in a controlled blast outside the town.", None),
    ],
)
def test_events_rules_read_burning_disarming_repelling_and_no_agreement(
    sentence: str, subtype: str | None
) -> None:
    act = acled_act(sentence)
    assert (act.rule.subtype if act else None) == subtype


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        # arson of vehicles on a road, nobody hurt: property destroyed, whoever "official" said it
        (
            "Insurgents set fire to a dozen fuel tankers and lorries on the road north of the "
            "town on Monday, according to a transport union official.",
            "Looting/property destruction",
        ),
        # arson that kills is an attack on the people it killed
        (
            "Gunmen set fire to houses in the village on Sunday, killing five residents.",
            "Attack",
        ),
    ],
)
def test_events_arson_by_armed_men_destroys_property_unless_it_kills(
    sentence: str, subtype: str
) -> None:
    act = acled_act(sentence)
    assert act is not None and act.rule.subtype == subtype


def test_events_the_shell_of_a_house_is_no_shelling() -> None:
    act = acled_act("He stands in the shell of his house, pointing to where the kitchen was.")
    assert act is None or act.rule.subtype != "Shelling/artillery/missile attack"
    shelled = acled_act("Russian forces fired shells at the village overnight.")
    assert shelled is not None and shelled.rule.subtype == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    "sentence",
    [
        "Read more: Army struggles to hold towns retaken from the militants",
        "The national police said its cybercrime unit had launched an offensive to trace the "
        "hackers behind the attack on the bank.",
        "The government held a ceremony in the ruined town on Wednesday to mark the clearance "
        "of 10,000 hectares of farmland of mines and unexploded ordnance.",
    ],
)
def test_events_links_cyber_offensives_and_demining_ceremonies_are_no_acts(sentence: str) -> None:
    assert classify(sentence) is None


def test_events_fighters_killed_or_captured_took_no_place() -> None:
    kind = classify(
        "The army killed or captured 137 militiamen in fighting on the outskirts of the town "
        "on Saturday, a spokesman said."
    )
    assert kind is not None and kind[0] == "Armed clash"


def test_events_israeli_settlers_are_acled_s_settler_militia(gazetteer: Gazetteer) -> None:
    actors = sentence_actors(
        "Israeli settlers attacked farmers working their land near the village on Saturday.",
        gazetteer,
        "PS",
        "violence_against_civilians",
    )
    assert actors and (actors[0].name, actors[0].kind) == ("Settlers (Israel)", "militia")


@pytest.mark.parametrize(
    "sentence",
    [
        "Government forces enter Manbij as Kurdish-led fighters pull back",
        "Government troops took over the town and nearby villages on Tuesday after the rebels "
        "withdrew under a handover deal, officials said.",
    ],
)
def test_events_a_town_entered_as_the_other_side_withdraws_is_transferred(sentence: str) -> None:
    act = acled_act(sentence)
    assert act is not None and act.rule.subtype == "Non-violent transfer of territory"


def test_events_celebratory_shots_into_the_air_hurt_nobody() -> None:
    act = acled_act(
        "Residents came out to wave at the troops and fire celebratory shots into the air."
    )
    assert act is None or act.rule.subtype != "Attack"


def test_events_a_village_cleared_of_the_enemy_is_regained() -> None:
    act = acled_act(
        "The General Staff said assault units had cleared the village of Zolotyi Kolodiaz on "
        "Saturday after several days of fighting."
    )
    assert act is not None and act.rule.subtype == "Government regains territory"


def test_a_place_whose_official_speaks_is_no_event_place(gazetteer: Gazetteer) -> None:
    text = (
        "The truce was signed at a ceremony in the city's southern district, Nabatieh's "
        "security minister Ahmed Ali Farah told AFP."
    )
    annotated = annotate(clean(Article(text=text)))
    start = text.index("Nabatieh")
    nabatieh = PlaceMention(
        "Nabatieh", start, start + 8, "body", 278913, "Nabatîyé et Tahta", 33.37, 35.48, "LB",
        "07", "city", "event", "exact", 1.0,
    )  # fmt: skip
    assert event_places(annotated, [nabatieh], gazetteer) == []


def test_events_an_act_named_with_its_year_is_that_year_s(gazetteer: Gazetteer) -> None:
    text = (
        "A court in Yerevan on Thursday sentenced three men to life in prison for their role "
        "in the 2019 bombing of a bus station that killed 12 people."
    )
    [bombing] = [e for e in _events_of(text, gazetteer) if e.type != "statement"]
    assert bombing.date is not None and bombing.date.year == 2019 and bombing.background


def test_events_a_gun_salute_is_no_shelling(gazetteer: Gazetteer) -> None:
    text = (
        "The thunder of a 21-gun salute rolled across the military academy in Yerevan on "
        "Thursday as 212 officer cadets graduated."
    )
    assert [e for e in _events_of(text, gazetteer) if e.type != "statement"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Fighters of the Group for the Support of Islam and Muslims (JNIM) stormed an army post.",
        "Fighters of the Ansar Dine splinter movement (JNIM) stormed an army post.",
    ],
)
def test_actors_fighters_of_a_group_named_at_length_are_the_group(
    sentence: str, gazetteer: Gazetteer
) -> None:
    actors = sentence_actors(sentence, gazetteer, "ML", "battles")
    assert actors[0].name.startswith("JNIM")
    assert all(a.kind != "unknown" for a in actors)


def test_events_the_fighting_a_truce_ends_is_news(gazetteer: Gazetteer) -> None:
    text = (
        "A truce held in the capital on Wednesday after clashes between the Radaa Special "
        "Deterrence Force and the Stability Support Apparatus late on Monday killed four people."
    )
    clashes = [e for e in _events_of(text, gazetteer) if e.subtype == "Armed clash"]
    assert clashes and not clashes[0].background
    assert clashes[0].actor1 is not None and clashes[0].actor1.kind == "militia"


@pytest.mark.parametrize(
    "text",
    [
        # a denial of another act: the town's fall, not the shelling
        "Rebel shelling killed three civilians in Martuni on Sunday, residents said. The rebels "
        "said on Monday that they had captured the town. The army denied that the town had "
        'fallen, saying its troops "still hold the garrison".',
        # a denial of a habit, not of this act
        "Gunmen raped nine women near a camp outside Martuni on Saturday, a medical charity "
        "said. The group has in the past denied that its fighters commit sexual violence, "
        'saying it "punishes any fighter who breaks its rules".',
    ],
)
def test_claims_a_denial_of_another_act_disputes_nothing(text: str, gazetteer: Gazetteer) -> None:
    first = next(e for e in _events_of(text, gazetteer) if e.type != "statement")
    assert first.claim.status != "disputed"


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen stormed the prison late on Sunday, exchanging fire with guards for an hour.",
        "Six Maoists were killed in an encounter with security forces in the forest on Sunday.",
    ],
)
def test_events_an_exchange_of_fire_or_an_encounter_is_a_clash(
    sentence: str, gazetteer: Gazetteer
) -> None:
    assert [e.subtype for e in _events_of(sentence, gazetteer)] == ["Armed clash"]


def test_events_a_round_up_s_lynching_makes_no_earlier_act_its_cause(gazetteer: Gazetteer) -> None:
    text = (
        "Mob kills man in Gyumri, gunmen storm prison in Vanadzor\n\n"
        "In Gyumri, a mob on Thursday beat to death a man accused of theft, police said.\n\n"
        "In Vanadzor, gunmen stormed the prison late on Wednesday, exchanging fire with guards "
        "for an hour before freeing 20 inmates, officials said."
    )
    prison = next(e for e in _events_of(text, gazetteer) if e.subtype == "Armed clash")
    assert not prison.background


def test_events_an_act_earlier_this_week_stands_at_its_monday(gazetteer: Gazetteer) -> None:
    text = (
        "Earlier this week, security forces arrested five suspected Islamic State members in "
        "raids on villages near Gyumri, officials said."
    )
    [arrests] = [e for e in _events_of(text, gazetteer) if e.subtype == "Arrests"]
    assert arrests.date == date(2024, 2, 26)  # published Friday 2024-03-01


@pytest.mark.parametrize(
    "text",
    [
        "Halfway through the screening in Yerevan an air raid alert sounded across the region.",
        "The alert was lifted 40 minutes later without explosions being reported in Yerevan.",
    ],
)
def test_events_an_air_raid_alert_is_no_strike(text: str, gazetteer: Gazetteer) -> None:
    assert [e for e in _events_of(text, gazetteer) if e.type != "statement"] == []
