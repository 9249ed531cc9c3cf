"""Events of whole wire stories, composed for these tests: one event per act across headline,
lead, later paragraphs and captions; the act a clause recalls kept apart; denials disputing
the act they answer; the attacker before the target; ordinary crime and bylines left out."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.extract.events import classify, extract_events
from sitrep.extract.events.actors import sentence_actors
from sitrep.extract.events.mentions import sentence_mentions
from sitrep.extract.events.rules import acled_act
from sitrep.extract.quotes import extract_quotes
from sitrep.records import Article, Event
from sitrep.resolve import resolve_dates
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.geoparse import resolve_places
from tests.resolve.conftest import small_gazetteer

PUBLISHED = date(2024, 3, 12)  # a Tuesday


def _events(text: str, gazetteer: Gazetteer) -> list[Event]:
    annotated = annotate(clean(Article(text=text, published=PUBLISHED, published_basis="given")))
    dates = resolve_dates(annotated)
    places = resolve_places(annotated, gazetteer)
    quotes = extract_quotes(annotated, dates)
    return list(extract_events(annotated, gazetteer, dates=dates, places=places, quotes=quotes))


def _current(events: list[Event]) -> list[Event]:
    return [e for e in events if e.type != "statement" and not e.background]


def test_events_a_lead_built_on_a_noun_is_one_strike_with_headline_joined(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Russian strike on Sumy hospital kills four\n\n"
        "KYIV, Ukraine (AP) — A Russian strike on a hospital in Sumy killed four people on "
        "Monday, the regional governor said.\n\n"
        "Rescuers were still searching the rubble on Tuesday morning.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.type == "explosions_remote_violence"
    assert strike.date == date(2024, 3, 11)
    assert strike.location is not None and strike.location.country == "UA"
    assert strike.fatalities is not None and strike.fatalities.best == 4
    assert len(strike.evidence) == 2  # the headline and the lead


def test_events_a_march_a_day_after_a_strike_keeps_the_strike_apart(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "GAZA CITY (AP) — Thousands of mourners marched through Gaza City on Sunday, a day "
        "after an Israeli airstrike killed three members of one family in the Shati refugee "
        "camp.\n\nThe mourners chanted slogans and carried the bodies wrapped in flags.\n",
        gazetteer,
    )
    [march] = [e for e in events if e.type == "protests"]
    [strike] = [e for e in events if e.type == "explosions_remote_violence"]
    assert march.fatalities is None and not march.background
    assert strike.background and strike.date == date(2024, 3, 9)
    assert strike.fatalities is not None and strike.fatalities.best == 3
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Israel"


def test_events_a_denial_paragraphs_later_disputes_the_shelling(gazetteer: Gazetteer) -> None:
    events = _events(
        "GOMA, Congo (Reuters) - Rebels shelled a camp for displaced people near Goma on "
        "Tuesday, killing at least six people, local officials said.\n\n"
        "Aid workers said the camp held about 20,000 people.\n\n"
        "The army denied shelling the camp, saying the rebels had fired the shells.\n",
        gazetteer,
    )
    [shelling] = _current(events)
    assert shelling.claim.status == "disputed"
    assert "army" in shelling.claim.disputed_by
    assert shelling.fatalities is not None and shelling.fatalities.best == 6


def test_events_an_unnamed_attacker_comes_before_the_victims(gazetteer: Gazetteer) -> None:
    events = _events(
        "MAIDUGURI, Nigeria (AP) — A roadside bomb killed seven farmers near the town of "
        "Konduga on Monday, police said.\n",
        gazetteer,
    )
    [bomb] = _current(events)
    assert bomb.subtype == "Remote explosive/landmine/IED"
    assert bomb.actor1 is not None and bomb.actor1.kind == "unknown"
    assert bomb.actor2 is not None and bomb.actor2.kind == "civilians"


def test_events_a_riot_after_a_police_killing_does_not_take_its_toll(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "NAIROBI, Kenya (AP) — Rioters burned a police station in Kisumu on Monday after a "
        "man was shot dead by police the night before, officials said.\n",
        gazetteer,
    )
    [riot] = [e for e in events if e.type == "riots"]
    assert riot.fatalities is None
    assert riot.actor1 is not None and riot.actor1.kind == "rioters"
    [killing] = [e for e in events if e.background]
    assert killing.date == date(2024, 3, 10)
    assert killing.fatalities is not None and killing.fatalities.best == 1


def test_events_a_claim_is_never_a_datelines_and_no_one_disputes_himself(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV, Ukraine (Reuters) - Russian forces captured the village of Robotyne on Monday, "
        "Russia's defence ministry said.\n\n"
        'Ukrainian military spokesman Dmytro Lysenko said the claim was false. "Our troops '
        'hold the village," Lysenko said.\n',
        gazetteer,
    )
    [capture] = _current(events)
    assert capture.claim.status == "disputed"
    assert capture.claim.by is not None and "KYIV" not in capture.claim.by
    assert len(capture.claim.disputed_by) == 1


def test_events_ordinary_crime_and_bylines_are_no_events(gazetteer: Gazetteer) -> None:
    events = _events(
        "By Jane Okafor and Tom Reyes\n\n"
        "A man was arrested on Monday after he stabbed a shopkeeper during a robbery in "
        "Springfield, police said.\n\n"
        "The suspect was charged with burglary and assault.\n",
        gazetteer,
    )
    assert _current(events) == []


def test_events_the_attacking_country_is_not_the_place(gazetteer: Gazetteer) -> None:
    events = _events(
        "BEIRUT (AP) — Israel launched airstrikes on the southern Lebanese town of Nabatieh on "
        "Monday, killing two people, Lebanon's health ministry said.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.location is not None and strike.location.country == "LB"


def test_events_a_caption_reports_violence_of_its_own_but_describes_nothing_new(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOSCOW (AP) — Armenian forces have pulled back from positions around the town of "
        "Martuni, officials said Tuesday.\n\n"
        "Firefighters inspect the wreckage of a house in Martuni, Monday, March 11, 2024. "
        "Local authorities said that two civilians were killed by Azerbaijani shelling of the "
        "town. (AP Photo/Jane Doe)\n\n"
        "Policemen stand guard near the town hall in Martuni, Monday, March 11, 2024. "
        "(AP Photo/Jane Doe)\n\n"
        "The talks are due to resume next week.\n",
        gazetteer,
    )
    [shelling] = [e for e in events if e.type == "explosions_remote_violence"]
    assert shelling.fatalities is not None and shelling.fatalities.best == 2
    assert not any(e.subtype == "Change to group/activity" for e in events)


def test_events_a_protest_that_turned_violent_is_one_riot_with_its_injured(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "DHAKA, Bangladesh (Reuters) - Police fired tear gas and rubber bullets at thousands of "
        "students who threw bricks and set fire to vehicles near Dhaka University on Monday, "
        "witnesses said.\n\n"
        "At least 30 people were injured, a hospital official said. The students were "
        "protesting against a new quota system for government jobs.\n",
        gazetteer,
    )
    [riot] = _current(events)
    assert riot.subtype == "Violent demonstration"
    assert riot.actor1 is not None and riot.actor1.kind == "rioters"
    assert riot.actor2 is not None and riot.actor2.kind == "police"


def test_events_protesters_killed_in_a_clash_they_fought_are_rioters_before_the_police(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KHARKIV, Ukraine (Reuters) - Two people were killed on Monday when protesters "
        "demanding the mayor's resignation clashed with police outside the city council in "
        "Kharkiv, health officials said.\n\n"
        "Demonstrators threw stones and tried to storm the building, while police fired tear "
        "gas, the interior ministry said.\n",
        gazetteer,
    )
    [riot] = _current(events)
    assert riot.subtype == "Violent demonstration"
    assert riot.actor1 is not None and riot.actor1.kind == "rioters"
    assert riot.actor2 is not None and riot.actor2.kind == "police"
    assert riot.fatalities is not None and riot.fatalities.best == 2


def test_events_a_headline_of_two_acts_joins_each_to_its_report(gazetteer: Gazetteer) -> None:
    events = _events(
        "Russian drones hit Odesa port; shelling kills two in Kherson\n\n"
        "KYIV, Ukraine (AP) — Russian drones hit the port of Odesa overnight, damaging grain "
        "warehouses, officials said on Tuesday.\n\n"
        "Separately, Russian shelling killed two civilians in Kherson on Monday, the regional "
        "governor said.\n",
        gazetteer,
    )
    current = _current(events)
    places = sorted(e.location.name for e in current if e.location and e.location.name)
    assert len(current) == 2
    assert places == ["Kherson", "Odesa"]


def test_events_arrests_at_a_protest_are_its_intervention(gazetteer: Gazetteer) -> None:
    events = _events(
        "TBILISI, Georgia (AP) — Thousands of people rallied outside parliament in Tbilisi on "
        "Monday against a draft law on foreign agents.\n\n"
        "At least 47 people were arrested, the interior ministry said.\n",
        gazetteer,
    )
    [protest] = _current(events)
    assert protest.subtype == "Protest with intervention"
    assert len(protest.evidence) == 2


@pytest.mark.parametrize(
    ("later", "subtype", "crowd"),
    [
        (
            "The demonstrators hurled stones at officers and set fire to tyres, witnesses "
            "said. Several shops were looted.",
            "Violent demonstration",
            "rioters",
        ),
        (
            "Officers chased groups of demonstrators through the streets until dusk.",
            "Protest with intervention",
            "protesters",
        ),
    ],
)
def test_events_a_crowd_met_with_force_is_a_riot_only_where_it_turned_violent(
    gazetteer: Gazetteer, later: str, subtype: str, crowd: str
) -> None:
    events = _events(
        "TBILISI, Georgia (AP) — Police fired tear gas and water cannon on Monday to disperse "
        f"thousands of protesters outside parliament in Tbilisi.\n\n{later}\n",
        gazetteer,
    )
    [protest] = _current(events)
    assert protest.subtype == subtype
    assert protest.actor1 is not None and protest.actor1.kind == crowd


def test_events_soldiers_among_a_bombs_dead_are_its_target_not_its_author(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "A car bomb exploded near a checkpoint in Tbilisi on Monday, killing at least five "
        "people, including three soldiers, officials said.\n\n"
        "The Islamic State group claimed responsibility for the attack.\n",
        gazetteer,
    )
    [bombing] = _current(events)
    assert bombing.actor1 is not None and bombing.actor1.name == "Islamic State"


def test_events_a_denial_about_the_whole_country_disputes_a_claim_in_it(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOSCOW (Reuters) — Ukraine's military said on Monday it had shot down a Russian "
        "Su-34 bomber over Belgorod.\n\n"
        "A Russian defence ministry spokesman said the ministry had no reports of any aircraft "
        "being lost over Russia.\n",
        gazetteer,
    )
    [downed] = _current(events)
    assert downed.claim.status == "disputed"


def test_events_two_sides_firing_at_each_other_are_two_acts_each_at_its_place(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BEIRUT (AP) — An Israeli drone strike on a car in the southern Lebanese town of Bint "
        "Jbeil killed three people on Monday, Lebanon's state news agency said, hours after "
        "Hezbollah fired a barrage of rockets at a military base in northern Israel.\n\n"
        "Hezbollah said in a statement that it had targeted the base with 30 rockets.\n",
        gazetteer,
    )
    strikes = [e for e in events if e.type == "explosions_remote_violence"]
    attackers = {e.actor1.name for e in strikes if e.actor1}
    assert attackers == {"Military Forces of Israel", "Hezbollah"}
    [israeli] = [e for e in strikes if e.actor1 and e.actor1.name == "Military Forces of Israel"]
    assert israeli.location is not None and israeli.location.country == "LB"
    assert any(e.location and e.location.country == "IL" for e in strikes)


def test_events_the_forces_that_report_a_strike_are_not_its_attacker(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV, Ukraine (AP) — Russia launched 34 attack drones and two ballistic missiles at "
        "Kharkiv overnight, Ukraine's air force says.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Russia"


def test_events_the_day_sources_told_a_news_agency_is_not_the_attacks_day(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "ANKARA (AFP) - PKK militants killed at least 15 soldiers in an attack on a military "
        "post in southeastern Turkey, security sources told AFP on Tuesday.\n\n"
        "The assault on the post in Hakkari province took place on Sunday, one source said, "
        "adding that several attackers were also killed.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.date == date(2024, 3, 10)
    assert attack.fatalities is not None and attack.fatalities.best == 15


def test_events_herdsmen_who_attack_a_village_are_a_militia_and_its_people_civilians(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Suspected herdsmen on Sunday night attacked a village near Tbilisi, killing seven "
        "persons and injuring several others, police said.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.subtype == "Attack"
    assert attack.actor1 is not None and attack.actor1.kind == "militia"
    assert attack.actor2 is not None and attack.actor2.kind == "civilians"
    assert attack.fatalities is not None and attack.fatalities.best == 7


def test_events_an_act_in_a_countrys_capital_is_placed_at_the_capital(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Gunmen stormed a neighbourhood in Georgia's capital on Monday, shooting people in "
        "their homes in an attack that killed at least nine people, police said.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.location is not None and attack.location.name == "Tbilisi"


def test_events_a_later_sentence_that_says_who_launched_the_drones_names_the_attacker(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BEIRUT (AP) — Drones struck fuel depots in the port of Tyre for a third day on "
        "Tuesday, sending black smoke over the city that hosts the army-backed council.\n\n"
        "A military spokesman said the drones were launched by Hezbollah. There was no "
        "immediate comment from the group.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.actor1 is not None and strike.actor1.name == "Hezbollah"


def test_events_forces_sent_to_watch_drills_are_no_act(gazetteer: Gazetteer) -> None:
    events = _events(
        "Russia launches large-scale naval drills near Ukraine\n\n"
        "MOSCOW (Reuters) - Russia's navy launched large-scale exercises in the Black Sea on "
        "Monday, simulating strikes on key targets, the defence ministry said.\n\n"
        "Ukraine's navy said it had detected 12 Russian warships and had deployed forces to "
        "monitor the situation.\n",
        gazetteer,
    )
    assert _current(events) == []


def test_events_a_funeral_for_people_killed_earlier_gives_that_attack_their_toll(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "DIYARBAKIR, Turkey (AP) — Thousands of mourners on Monday attended the funeral of 17 "
        "worshippers killed when gunmen opened fire on a mosque in Diyarbakir on Friday.\n",
        gazetteer,
    )
    [attack] = [e for e in events if e.type == "violence_against_civilians"]
    assert attack.fatalities is not None and attack.fatalities.best == 17
    assert attack.date == date(2024, 3, 8)


@pytest.mark.parametrize(
    "sentence",
    [
        "Armenia has vowed to retaliate for a drone attack by Azerbaijan earlier this month.",
        "Armenia on Thursday rejected a demand by Azerbaijan to withdraw its troops from the "
        "border.",
    ],
)
def test_events_a_statements_speaker_comes_first_whoever_its_words_name_as_an_agent(
    gazetteer: Gazetteer, sentence: str
) -> None:
    events = _events(f"YEREVAN (Reuters) - {sentence}\n", gazetteer)
    [statement] = [e for e in events if e.type == "statement"]
    assert statement.actor1 is not None and statement.actor1.name == "Government of Armenia"


def test_events_police_who_fight_back_are_not_the_attackers_of_an_unnamed_gang(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "TBILISI, Georgia (AP) — Gunmen stormed a hillside neighborhood of Tbilisi overnight, "
        "torching homes and killing at least 14 people, police and residents said Tuesday.\n\n"
        "A police spokeswoman said officers backed by armored vehicles traded fire with the "
        "attackers in the neighborhood for several hours.\n",
        gazetteer,
    )
    attacks = [e for e in _current(events) if e.type == "violence_against_civilians"]
    assert attacks and all(e.actor1 is not None and e.actor1.kind != "police" for e in attacks)
    assert any(e.fatalities is not None and e.fatalities.best == 14 for e in attacks)


def test_events_security_moves_are_an_act_only_when_nothing_else_happened(
    gazetteer: Gazetteer,
) -> None:
    shelling = _events(
        "YEREVAN, Armenia (AP) — Azerbaijani forces shelled the Armenian village of Sotk on "
        "Monday, killing one soldier, the Armenian defence ministry said.\n\n"
        "The ministry said reinforcements had been deployed to the area.\n",
        gazetteer,
    )
    assert [e.subtype for e in _current(shelling)] == ["Shelling/artillery/missile attack"]
    deployment = _events(
        "MOSCOW (Reuters) - Russia deployed additional troops and armoured vehicles to the "
        "Belgorod region on Monday, the defence ministry said.\n",
        gazetteer,
    )
    assert [e.subtype for e in _current(deployment)] == ["Change to group/activity"]


def test_events_the_day_a_toll_rose_does_not_date_the_strike(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV, Ukraine (AP) — The death toll from a Russian missile strike on a supermarket in "
        "Kharkiv rose to 12 on Monday, officials said.\n\n"
        "The missile hit the supermarket on Saturday afternoon, when it was crowded with "
        "shoppers.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.date == date(2024, 3, 9)


def test_events_the_group_that_claims_an_attack_is_its_attacker(gazetteer: Gazetteer) -> None:
    events = _events(
        "DIYARBAKIR, Turkey (Reuters) - Gunmen attacked a police checkpoint near Diyarbakir "
        "on Monday, killing two officers, the governor's office said.\n\n"
        "The PKK claimed responsibility for the attack in a statement on Tuesday.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.actor1 is not None and attack.actor1.kind == "rebels"
    assert "PKK" in attack.actor1.name or "Kurdistan" in attack.actor1.name


def test_events_a_capital_that_speaks_is_not_where_the_act_was(gazetteer: Gazetteer) -> None:
    events = _events(
        "Russian forces have pressed an offensive around Vovchansk, in the Kharkiv region, for "
        "weeks.\n\n"
        "Kyiv said on Tuesday that Russian artillery shelled the town overnight, killing two "
        "civilians.\n",
        gazetteer,
    )
    [shelling] = [e for e in _current(events) if e.fatalities is not None]
    assert shelling.location is not None and shelling.location.name == "Vovchansk"


def test_events_a_title_case_dateline_is_not_the_place(gazetteer: Gazetteer) -> None:
    events = _events(
        "Tbilisi (AFP) - Police detained ten opposition activists in Batumi on Monday, their "
        "party said.\n",
        gazetteer,
    )
    [arrests] = _current(events)
    assert arrests.location is not None and arrests.location.name == "Batumi"


def test_events_no_act_in_silence_rain_or_a_lone_killers_crime(gazetteer: Gazetteer) -> None:
    for text in (
        "YEREVAN, Armenia (AP) — No gunfire was heard in the capital on Monday, witnesses said.\n",
        "Residents of Gyumri said they had been bombarded by rain for nearly two weeks.\n",
        "GYUMRI, Armenia (AP) — A man was found shot dead in his apartment in Gyumri on "
        "Sunday, police said. He had been shot twice in the head.\n",
    ):
        assert _current(_events(text, gazetteer)) == [], text


def test_events_the_datelines_day_is_the_filing_not_the_act(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV, Ukraine, March 12 (Reuters) - Russian forces shelled Kharkiv on Monday, killing "
        "two civilians, the regional governor said.\n",
        gazetteer,
    )
    [shelling] = _current(events)
    assert shelling.date == date(2024, 3, 11)


def test_events_a_side_claims_its_own_act_and_reports_what_was_done_to_it(
    gazetteer: Gazetteer,
) -> None:
    own = _events(
        "KYIV, Ukraine (AP) — Russian forces captured the village of Krasnohorivka on Monday, "
        "Russia's defence ministry said.\n",
        gazetteer,
    )
    suffered = _events(
        "YEREVAN, Armenia (AP) — Azerbaijani forces shelled an Armenian army post near Sotk "
        "on Monday, killing two soldiers, Armenia's defence ministry said.\n",
        gazetteer,
    )
    assert [e.claim.status for e in _current(own)] == ["claimed"]
    assert [e.claim.status for e in _current(suffered)] == ["reported"]


def test_events_a_court_judging_a_past_act_reports_no_act(gazetteer: Gazetteer) -> None:
    events = _events(
        "A man was prosecuted under the Chemical Weapons Act after he tried to buy ricin "
        "online, a court in Tbilisi heard on Monday.\n",
        gazetteer,
    )
    assert _current(events) == []


def test_events_a_dateline_is_never_the_claimant_and_a_denial_of_a_fall_is_read(
    gazetteer: Gazetteer,
) -> None:
    # The parser takes "LUHANSK" for a second subject of "said"; the rebels are the speaker.
    claim = (
        "LUHANSK, Ukraine (AP) — Separatist rebels said Saturday they had seized the town of "
        "Popasna after days of fighting."
    )
    [seized] = _current(_events(claim, gazetteer))
    assert seized.claim.by is not None and "LUHANSK" not in seized.claim.by
    assert seized.claim.status == "claimed"
    denial = (
        "KYIV, Ukraine (Reuters) - Ukraine's army on Saturday denied rebel claims that the town "
        "of Popasna had fallen to the separatists."
    )
    denied = _current(_events(denial, gazetteer))
    assert [(e.type, e.claim.status) for e in denied] == [("battles", "denied")]


def test_events_a_rejection_disputes_and_an_acknowledgement_confirms(gazetteer: Gazetteer) -> None:
    rejected = (
        "Ukraine's army on Monday rejected claims that separatist rebels had seized the town of "
        "Popasna, saying its troops still held the town centre."
    )
    acknowledged = (
        "Ukraine's army on Thursday acknowledged that separatist rebels had seized the town of "
        "Popasna after days of fighting."
    )
    assert [e.claim.status for e in _current(_events(rejected, gazetteer))] == ["denied"]
    assert [e.claim.status for e in _current(_events(acknowledged, gazetteer))] == ["confirmed"]


def test_events_a_generality_with_nothing_tied_to_it_is_no_event(gazetteer: Gazetteer) -> None:
    # After the lead, neither sentence ties a place, a date or a toll to what it mentions.
    lead = "A drone strike killed four people on Monday, officials said.\n\n"
    for generality in (
        "But amid the rallies and talk shows, he is also a high school senior with exams to pass.",
        "Police say arrests of protesters have become routine.",
    ):
        events = _current(_events(lead + generality, gazetteer))
        assert [e.evidence[0].start for e in events] == [0]


def test_events_an_act_compared_with_the_past_is_current(gazetteer: Gazetteer) -> None:
    story = (
        "KHARTOUM (Reuters) - Sudan's army said on Tuesday it had retaken the central market of "
        "Omdurman from the paramilitary RSF, its biggest gain in the capital since the war "
        "began.\n\n"
        "The war between the army and the RSF has killed more than 14,000 people since the war "
        "began, according to United Nations figures.\n"
    )
    events = [e for e in _events(story, gazetteer) if e.type != "statement"]
    retaking = [e for e in events if e.evidence[0].start < story.index("The war")]
    assert [(e.subtype, e.background) for e in retaking] == [
        ("Government regains territory", False)
    ]
    assert all(e.background for e in events if e not in retaking)


def test_events_a_review_s_headline_is_doubted_like_any_aside(gazetteer: Gazetteer) -> None:
    feature = (
        '"Ashfall Front" review: drone strikes, ambushes and a hollow victory\n\n'
        "The new strategy game drops you into a war that never ends.\n\nIts missions are long "
        "and its menus slow.\n\nStill, the soundtrack is superb and the maps are handsome.\n"
    )
    assert _current(_events(feature, gazetteer)) == []


def test_events_an_act_of_last_week_stands_at_its_middle(gazetteer: Gazetteer) -> None:
    # Published Tuesday 12 March 2024: last week ran from Monday 4 to Sunday 10 March.
    week = _current(_events("Gunmen killed five villagers near Kharkiv last week.", gazetteer))
    weekend = _current(
        _events("Gunmen killed five villagers near Kharkiv last weekend.", gazetteer)
    )
    assert [e.date for e in week] == [date(2024, 3, 6)]
    assert [e.date for e in weekend] == [date(2024, 3, 9)]


@pytest.mark.parametrize(
    ("later", "status"),
    [
        (
            "Videos verified by Reuters showed soldiers celebrating inside the compound.",
            "confirmed",
        ),
        ("UN monitors confirmed on Wednesday that troops held the compound.", "confirmed"),
        ("The claim could not be independently verified.", "claimed"),
        ("Hospital officials confirmed 12 deaths.", "claimed"),
    ],
)
def test_events_a_later_sentence_confirms_a_claim_unless_it_could_not(
    later: str, status: str, gazetteer: Gazetteer
) -> None:
    story = (
        "KYIV (Reuters) - Ukraine's army said on Tuesday it had retaken a radio compound in "
        f"Kharkiv from Russian forces, its biggest gain in weeks.\n\n{later}\n"
    )
    events = _current(_events(story, gazetteer))
    assert [e.claim.status for e in events] == [status]


def test_events_a_storys_latest_toll_beats_the_first_said(gazetteer: Gazetteer) -> None:
    story = (
        "KYIV (AP) - The death toll from a missile strike on a market in Kharkiv rose to 17 on "
        "Tuesday after three more of the wounded died in hospital, officials said.\n\n"
        "The missile hit the market in Kharkiv on Sunday afternoon. Officials initially said "
        "nine people had been killed.\n"
    )
    strikes = _current(_events(story, gazetteer))
    assert [e.fatalities.best if e.fatalities else None for e in strikes] == [17]


def test_events_a_headline_telling_a_claim_and_its_denial_disputes_it(
    gazetteer: Gazetteer,
) -> None:
    story = (
        "Army says it retook border village; rebels deny\n\n"
        "KYIV (AP) - Ukraine's army said on Tuesday its troops had recaptured the village of "
        "Vovchansk near Kharkiv from Russian forces after three days of fighting.\n"
    )
    [event] = _current(_events(story, gazetteer))
    assert event.claim.status == "disputed"


def test_events_a_state_is_never_a_namesake_town_in_another_state(
    american_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "INDIANAPOLIS (AP) — Police arrested 20 protesters in Indiana on Monday after they "
        "blocked a highway to demand the release of a jailed activist, state police said.\n",
        american_gazetteer,
    )
    [arrests] = _current(events)
    place = arrests.location
    assert place is not None and place.kind == "admin1"
    assert place.lon is not None and place.lon < -84.0  # not the town of Indiana, Pennsylvania


def test_events_the_sentence_after_names_the_town_an_area_stood_for(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV (AP) — Russian drones struck Ukraine's Kharkiv region overnight, killing two "
        "people, the regional governor said on Tuesday.\n\n"
        "The attack hit a row of houses in Kupiansk, a town about 10 kilometers from the front "
        "line, he said.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.location is not None and strike.location.text == "Kupiansk"
    assert len(strike.evidence) == 2


def test_events_a_provinces_police_are_whose_not_where(gazetteer: Gazetteer) -> None:
    events = _events(
        "ANKARA (Reuters) — A mob set fire to shops and cars in Iskenderun on Monday night "
        "after a video of a street fight spread online, witnesses said.\n\n"
        "Hatay police said on Tuesday that 40 people had been arrested in raids for their role "
        "in the violence.\n",
        gazetteer,
    )
    arrests = [e for e in _current(events) if e.subtype == "Arrests"]
    assert arrests and all(
        a.location is not None and a.location.text == "Iskenderun" for a in arrests
    )


def test_events_a_named_group_is_the_attacker_however_the_story_writes_it(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BEIRUT (AP) — Fighters of the Islamic State group abducted four shepherds near the "
        "Syrian border on Monday, Lebanese security officials said.\n\n"
        "In Somalia, a suicide bomber blew himself up at an army checkpoint on Monday, killing "
        "three soldiers.\n\n"
        "The al Qaeda-linked al Shabaab group claimed responsibility for the blast.\n",
        gazetteer,
    )
    kinds = {e.subtype: e.actor1.name if e.actor1 else None for e in _current(events)}
    assert kinds == {
        "Abduction/forced disappearance": "Islamic State",
        "Suicide bomb": "Al Shabaab",
    }


def test_events_where_a_weapon_came_from_is_not_where_it_was_stopped(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOSCOW (Reuters) — About 20 drones launched from Ukraine were shot down on Monday, "
        "Russia's defence ministry said.\n\n"
        "Debris from one of them damaged a house in Belgorod, the regional governor said.\n",
        gazetteer,
    )
    [downed] = [e for e in _current(events) if e.subtype == "Disrupted weapons use"]
    assert downed.location is not None and downed.location.country == "RU"


def test_events_the_police_who_break_up_a_riot_are_part_of_it(gazetteer: Gazetteer) -> None:
    events = _events(
        "TBILISI (AP) — Hundreds of youths blocked the main road into Rustavi on Monday with "
        "burning tyres and threw stones at passing cars, angry over the killing of a "
        "shopkeeper.\n\n"
        "Police fired tear gas to disperse them.\n",
        gazetteer,
    )
    [riot] = _current(events)
    assert riot.subtype == "Violent demonstration"
    assert len(riot.evidence) == 2
    assert riot.actor2 is not None and riot.actor2.kind == "police"


def test_events_a_claim_told_after_its_denial_is_disputed_on_the_claimed_day(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (AP) — Ukraine's military on Tuesday rejected Russian claims that Moscow's forces "
        "had taken Ocheretyne, saying its troops were still holding positions there.\n\n"
        "Russia's Defense Ministry announced Monday that its troops had captured the village "
        "in the Donetsk region.\n",
        gazetteer,
    )
    [capture] = _current(events)
    assert capture.claim.status == "disputed"
    assert capture.date == date(2024, 3, 11)  # Monday's claim, not Tuesday's denial
    assert capture.location is not None and capture.location.country == "UA"


def test_events_a_comparison_since_an_earlier_act_does_not_date_the_act(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOSCOW (Reuters) — Russia's defence ministry said on Tuesday its forces had captured "
        "the village of Ocheretyne, the latest in a string of gains since the fall of the "
        "nearby town of Avdiivka last month.\n",
        gazetteer,
    )
    [capture] = _current(events)
    assert capture.date == date(2024, 3, 12)


def test_events_a_group_whose_stronghold_was_struck_is_its_target(gazetteer: Gazetteer) -> None:
    events = _events(
        "BEIRUT (AP) — An airstrike near a Hezbollah stronghold in the town of Nabatieh killed "
        "four of the group's fighters on Monday, a security official said.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.actor1 is not None and strike.actor1.name != "Hezbollah"
    assert strike.actor2 is not None and strike.actor2.name == "Hezbollah"


def test_events_a_confirmation_of_an_act_weeks_old_is_news_not_history(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (AP) — The United Nations said Tuesday that Russian-backed separatists have "
        "controlled the town of Svatove in the Luhansk region since February 20, confirming a "
        "capture Ukraine's army had denied.\n",
        gazetteer,
    )
    [capture] = [e for e in events if e.type == "battles"]
    assert capture.claim.status == "confirmed"
    assert capture.date == date(2024, 2, 20)
    assert not capture.background


@pytest.fixture(scope="module")
def sahel_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    # Albania: "AL" must not be read in "Al-Qaeda"
    return small_gazetteer(tmp_path_factory, frozenset({"BF", "ML", "AL"}))


def test_events_a_group_named_by_its_allegiance_claims_its_own_attack(
    sahel_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "OUAGADOUGOU (AFP) - The Al-Qaeda-linked Group to Support Islam and Muslims (JNIM) said "
        "it attacked a military post near the town of Dori on Saturday, claiming to have killed "
        "25 soldiers.\n",
        sahel_gazetteer,
    )
    [attack] = _current(events)
    assert attack.claim.status == "claimed"


@pytest.mark.parametrize(
    ("witness", "status"),
    [
        (
            "The fighting at the camp lasted for three hours before the attackers fled, Moussa "
            "Traore, a local elected official, told AFP.\n",
            "reported",
        ),
        ("", "claimed"),
    ],
)
def test_events_a_partys_claim_that_someone_else_also_tells_is_reported(
    sahel_gazetteer: Gazetteer, witness: str, status: str
) -> None:
    events = _events(
        "Mali army says troops repelled jihadist attack near Gao\n\n"
        "BAMAKO, March 12 (AFP) - Soldiers fought off jihadists who attacked a military camp "
        "near Gao on Sunday, killing 15 of the attackers, the army said on Monday.\n\n" + witness,
        sahel_gazetteer,
    )
    [clash] = _current(events)
    assert clash.subtype == "Armed clash"
    assert clash.claim.status == status


@pytest.fixture(scope="module")
def gaza_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"PS", "IL", "EG"}))


def test_events_a_district_and_its_city_of_one_name_are_two_signs_of_the_country(
    gaza_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Israeli strike on Gaza school shelter kills 22, health officials say\n\n"
        "CAIRO (Reuters) - An Israeli air strike on a school sheltering displaced families in "
        "Gaza City killed at least 22 people on Thursday, according to Palestinian health "
        "officials.\n",
        gaza_gazetteer,
    )
    [strike] = _current(events)
    assert strike.location is not None and strike.location.country == "PS"


def test_events_a_sentence_for_a_past_massacre_is_history(gazetteer: Gazetteer) -> None:
    events = _events(
        "TBILISI (AP) — A court in Tbilisi on Monday sentenced a former militia commander to "
        "life in prison for ordering the massacre of 35 villagers near Gori in July 2008.\n\n"
        "Judges found that fighters under his command had attacked the villagers with guns "
        "and set fire to their homes.\n",
        gazetteer,
    )
    assert _current(events) == []
    assert any(e.background for e in events if e.type == "violence_against_civilians")


def test_events_a_states_weapon_names_its_forces(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV (Reuters) — A Russian missile struck an apartment block in Kharkiv on Monday "
        "evening, killing four people, the regional governor said.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Russia"


def test_events_who_tells_the_dead_is_no_side_of_the_strike(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV (Reuters) — A Russian missile hit an apartment block in Kharkiv on Monday, "
        "killing nine people, regional officials said.\n\n"
        "Two children were among the dead and 14 people were wounded, three of them seriously, "
        "the regional military administration said on the Telegram messaging app.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Russia"
    assert strike.fatalities is not None and strike.fatalities.best == 9


def test_events_a_gangs_killing_of_people_is_an_attack(gazetteer: Gazetteer) -> None:
    events = _events(
        "PORT-AU-PRINCE (AFP) - Twelve people were shot dead or burned alive when gangs "
        "attacked two hillside districts of Port-au-Prince on Monday, a rights group said.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.subtype == "Attack"
    assert attack.fatalities is not None and attack.fatalities.best == 12


@pytest.fixture(scope="module")
def myanmar_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"MM", "TH"}))


def test_events_who_holds_the_town_struck_struck_nothing(myanmar_gazetteer: Gazetteer) -> None:
    lead = (
        "An air strike on the market of Shwebo, a town held by resistance forces since March, "
        "killed at least nine people on Monday, residents said."
    )
    [strike] = _current(_events("BANGKOK (AP) — " + lead + "\n", myanmar_gazetteer))
    assert strike.actor1 is not None and strike.actor1.kind == "unknown"
    assert strike.actor2 is not None and strike.actor2.kind == "civilians"


def test_events_a_town_named_later_places_a_strike_told_by_its_region(
    myanmar_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BANGKOK (AP) — An airstrike by Myanmar's military killed at least nine villagers in "
        "the country's northwestern Sagaing region on Monday, residents said.\n\n"
        "A fighter jet dropped two bombs on a school in a village near the town of Shwebo, "
        "a resident said.\n",
        myanmar_gazetteer,
    )
    [strike] = _current(events)
    assert strike.location is not None and strike.location.name == "Shwebo"


def test_events_an_act_of_last_week_takes_the_day_the_story_gives_it(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (AP) — Ukraine's military acknowledged Tuesday that a Russian missile strike on "
        "a training ground near Dnipro last week killed nine of its soldiers.\n\n"
        "The soldiers died in the March 8 strike, the army's southern command said, "
        "without giving details.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.date == date(2024, 3, 8)


def test_events_a_bomb_near_a_police_vehicle_targets_the_police(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV (AP) — A bomb hidden in a parked car exploded near a police vehicle in Kharkiv "
        "on Monday, killing two officers, officials said.\n",
        gazetteer,
    )
    [blast] = _current(events)
    assert blast.actor1 is not None and blast.actor1.kind == "unknown"
    assert blast.actor2 is not None and blast.actor2.kind == "police"


def test_events_a_named_groups_gunmen_are_the_group_and_witnesses_no_victims(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BEIRUT (AP) — Residents reached by phone said Hezbollah gunmen fired on a car near "
        "the town of Nabatieh on Monday, killing two men.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.actor1 is not None and attack.actor1.name == "Hezbollah"
    assert attack.actor2 is not None and attack.actor2.kind == "civilians"


def test_events_a_plans_day_does_not_date_what_was_said(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV (AP) — Farmers blocked roads into Kyiv with tractors on Monday.\n\n"
        "The prime minister said he would meet farmers' unions on Friday and promised "
        "concrete measures within days.\n",
        gazetteer,
    )
    assert all(e.date is None or e.date <= PUBLISHED for e in events)


def test_events_fighters_killed_by_troops_are_a_clash_and_the_agency_says_nothing(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (AP) — Ukrainian troops killed 14 Wagner fighters and freed nine hostages, "
        "mostly women and children, in a raid near Bakhmut on Sunday, the army said.\n\n"
        "The army's new commander on Monday vowed to crush the remaining fighters.\n",
        gazetteer,
    )
    [clash] = _current(events)
    assert clash.subtype == "Armed clash"
    speakers = [e.actor1.name for e in events if e.type == "statement" and e.actor1]
    assert all(name != "AP" for name in speakers)


def test_events_a_local_story_naming_no_place_happens_at_its_dateline(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Police arrest 45 after student clashes\n\n"
        "TBILISI (AFP) - Georgian police arrested 45 students on Tuesday after rival student "
        "groups fought with sticks and stones at the state university, officials said.\n",
        gazetteer,
    )
    assert events
    assert all(e.location is not None and e.location.name == "Tbilisi" for e in events)


def test_events_a_dateline_never_places_a_story_about_another_country(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "TBILISI (AFP) - Armenian police arrested 45 students in Yerevan on Tuesday after "
        "rival student groups fought with sticks and stones, officials said.\n",
        gazetteer,
    )
    assert all(e.location is None or e.location.country == "AM" for e in events)


def test_events_an_act_years_after_which_a_story_is_told_is_history(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (AFP) - Ten years after Russian-backed fighters shot down a passenger jet over "
        "eastern Ukraine, killing all 298 people aboard, relatives say they still wait for "
        "justice.\n",
        gazetteer,
    )
    assert _current(events) == []


@pytest.mark.parametrize(
    "told", ["police and a teacher said", "residents and police said on Monday"]
)
def test_events_who_tells_an_abduction_mid_sentence_is_not_its_victim(
    gazetteer: Gazetteer, told: str
) -> None:
    events = _events(
        "TBILISI (Reuters) - Gunmen abducted at least 20 students from a school near Gori "
        f"early on Thursday, {told}, the latest kidnapping in the region.\n",
        gazetteer,
    )
    [abduction] = _current(events)
    assert abduction.actor2 is not None and abduction.actor2.kind == "civilians"


def test_events_a_repelled_assault_and_a_claimed_capture_in_one_sentence_are_two_acts(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV, March 11 (Reuters) - Ukrainian forces repelled a Russian assault on the town "
        "of Chasiv Yar overnight, the military said on Monday, while Russia's defence ministry "
        "said its troops had captured the nearby village of Bohdanivka.\n",
        gazetteer,
    )
    clash, capture = _current(events)
    assert clash.subtype == "Armed clash"
    assert {a.name for a in (clash.actor1, clash.actor2) if a} == {
        "Military Forces of Ukraine",
        "Military Forces of Russia",
    }
    assert capture.type == "battles" and "territory" in (capture.subtype or "")
    assert capture.actor1 is not None and capture.actor1.name == "Military Forces of Russia"


def test_events_a_robbery_told_by_police_in_a_headline_is_no_event(
    american_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Man shot dead in Chicago robbery, police say\n\n"
        "CHICAGO (AP) — A 34-year-old man was shot and killed during an attempted robbery on "
        "the city's South Side early Sunday, police said. No arrests have been made.\n",
        american_gazetteer,
    )
    assert _current(events) == []


def test_events_soldiers_sent_to_rescue_flood_victims_move_no_armed_group(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "TBILISI (Reuters) - Soldiers were deployed on Monday to search for survivors in the "
        "town of Oni, where floods swept away dozens of homes overnight, officials said.\n",
        gazetteer,
    )
    assert _current(events) == []


def test_events_a_truce_traders_bet_on_is_no_agreement(gazetteer: Gazetteer) -> None:
    events = _events(
        "Oil prices fall as traders bet on Black Sea ceasefire\n\n"
        "LONDON (Reuters) - Oil prices fell on Monday as traders bet that talks on a ceasefire "
        "between Russia and Ukraine would ease supply risks.\n",
        gazetteer,
    )
    assert _current(events) == []


def test_events_losing_a_town_is_a_taking_of_territory() -> None:
    act = acled_act("The army denied losing the town, saying its troops still held it.")
    assert act is not None and act.rule.type == "battles"
    assert acled_act("Three soldiers lost their lives in the accident.") is None


def test_events_neither_claim_verified_confirms_nothing(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV (Reuters) - Ukrainian troops killed 12 Russian soldiers in fighting near the "
        "town of Chasiv Yar on Thursday, the army said.\n\n"
        "Russia's defence ministry said its forces had repelled the attack. Neither claim "
        "could be independently verified.\n",
        gazetteer,
    )
    assert all(e.claim.status != "confirmed" for e in events)


def test_events_a_side_one_report_leaves_unnamed_is_the_one_another_names(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV, Ukraine (Wire) — The Wagner group said on Monday it had captured the town of "
        "Soledar in eastern Ukraine after weeks of fighting.\n\n"
        "Gunmen in unmarked uniforms took control of the town's administration building early "
        "on Monday and raised a flag over it, the group said in a statement on Telegram.\n\n"
        "Ukraine's military did not comment on the claim.\n",
        gazetteer,
    )
    [capture] = _current(events)
    assert capture.subtype == "Non-state actor overtakes territory"
    assert capture.actor1 is not None and capture.actor1.name == "Wagner Group"
    assert capture.actor2 is None or capture.actor2.kind != "unknown"


def test_events_a_rejected_claim_is_disputed_and_the_claims_side_took_the_town(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV, Ukraine (Wire) — Ukraine's army on Tuesday rejected Russian claims that "
        "Moscow's forces had taken the town of Avdiivka, saying its troops still held "
        "positions in the town.\n\n"
        '"Our defenders are holding the line," a military spokesman said on national '
        "television.\n",
        gazetteer,
    )
    [capture] = _current(events)
    assert capture.subtype == "Non-state actor overtakes territory"  # a foreign army's
    assert capture.actor1 is not None and capture.actor1.name == "Military Forces of Russia"
    assert capture.claim.status == "disputed"
    assert capture.claim.by == "Russian"
    assert capture.claim.disputed_by == ("Ukraine's army",)


def test_events_a_capital_that_says_it_took_a_town_is_its_taker(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV, Ukraine (Wire) — Ukraine's military on Tuesday acknowledged that its troops had "
        "withdrawn from Marinka, a town west of Donetsk that Moscow said it had captured on "
        "Sunday.\n\n"
        "A spokesman said the troops had moved to prepared positions to save lives.\n",
        gazetteer,
    )
    [capture] = _current(events)
    assert capture.subtype == "Non-state actor overtakes territory"
    assert capture.actor1 is not None and capture.actor1.name == "Military Forces of Russia"


def test_events_a_claim_that_a_side_killed_soldiers_is_its_act_not_an_earlier_one(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "ANKARA, Turkey (Wire) — Turkey's army on Saturday dismissed as false a claim by the PKK "
        "that its fighters had killed four soldiers in an ambush near the town of Semdinli.\n\n"
        '"No such attack took place," the army said in a statement.\n',
        gazetteer,
    )
    [ambush] = _current(events)
    assert ambush.actor1 is not None and ambush.actor1.name.startswith("PKK")
    assert ambush.fatalities is not None and ambush.fatalities.best == 4
    assert ambush.claim.status == "disputed"
    assert ambush.claim.disputed_by == ("Turkey's army",)


def test_events_that_night_is_the_night_the_story_named_not_the_anniversary(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "ISTANBUL (Wire) — Relatives of the victims gathered at Istanbul's main airport on "
        "Friday, eight years after the attack in which 45 people were killed there on June 28, "
        "2016.\n\n"
        "Three gunmen opened fire on travellers at the terminal's entrance that night and blew "
        "themselves up when police shot back.\n\n"
        "A plaque with the victims' names was unveiled in the arrivals hall.\n",
        gazetteer,
    )
    violent = [e for e in events if e.type in ("violence_against_civilians", "battles")]
    assert violent
    assert all(e.background and e.date == date(2016, 6, 28) for e in violent)


def test_events_a_commemoration_is_no_protest_and_a_march_gets_no_old_toll(
    gazetteer: Gazetteer,
) -> None:
    commemoration = _events(
        "ANKARA (Wire) — Hundreds of people gathered outside Ankara's main railway station on "
        "Saturday to mark nine years since the deadliest bombing in modern Turkish history, "
        "laying carnations for the 103 people killed there on October 10, 2015.\n",
        gazetteer,
    )
    assert [e for e in _current(commemoration) if e.type == "protests"] == []
    march = _events(
        "ANKARA (Wire) — Thousands of people marched through central Ankara on Saturday "
        "chanting slogans against the government and demanding justice for the 103 people "
        "killed in a bombing at a peace rally on October 10, 2015.\n\n"
        "Police fired tear gas to disperse the crowd near parliament and detained 12 people.\n",
        gazetteer,
    )
    [protest] = [e for e in _current(march) if e.type == "protests"]
    assert protest.fatalities is None  # the dead of 2015 are not the march's


def test_events_a_local_paper_s_march_for_last_week_s_dead_is_no_toll_and_their_killing_history(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Families march in Peshawar, demand arrest of bazaar attack killers\n\n"
        "Frontier Courier | Peshawar, March 12, 2024\n\n"
        "Hundreds of traders marched from the Qissa Khwani bazaar to the Peshawar Press Club on "
        "Monday to demand the arrest of the killers of four shopkeepers who were gunned down in "
        "the bazaar last Wednesday.\n\n"
        "The marchers dispersed peacefully after three hours.\n\n"
        "The four men were shot dead when two gunmen on a motorcycle opened fire on their shops "
        "on Wednesday evening. The attackers escaped.\n",
        gazetteer,
    )
    [march] = _current(events)
    assert march.type == "protests"
    assert march.fatalities is None  # last week's dead are its cause
    [killing] = [e for e in events if e.type == "violence_against_civilians"]
    assert killing.background and killing.date == date(2024, 3, 6)


def test_events_an_attack_days_before_the_leads_told_later_is_recalled(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "ODESA, Ukraine (Wire) — Russian drones struck an apartment block in Odesa early on "
        "Monday, killing three people, the regional governor said.\n\n"
        "Rescuers searched the rubble through the morning.\n\n"
        "It was the second attack on the city in a week. On Thursday, a missile hit a grain "
        "terminal in the port, killing one worker.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.date == date(2024, 3, 11)
    recalled = [e for e in events if e.background and e.type == "explosions_remote_violence"]
    assert [e.date for e in recalled] == [date(2024, 3, 7)]


def test_events_a_strike_days_before_a_statement_lead_is_recalled(gazetteer: Gazetteer) -> None:
    events = _events(
        "BEIRUT (Wire) — Lebanon's president on Tuesday demanded that Israel withdraw its "
        "troops from five hilltop positions in southern Lebanon.\n\n"
        '"Lebanon demands the complete withdrawal of the occupying forces," the presidency '
        "said.\n\n"
        "On Saturday, an Israeli drone strike on a car near the southern town of Nabatieh "
        "killed two people, Lebanon's Health Ministry said.\n",
        gazetteer,
    )
    [strike] = [e for e in events if e.type == "explosions_remote_violence"]
    assert strike.date == date(2024, 3, 9)
    assert strike.background


def test_events_a_side_that_acknowledges_its_losses_is_not_the_attacker(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BEIRUT (Wire) — Hezbollah acknowledged on Tuesday that an airstrike near the southern "
        "town of Nabatieh on Sunday killed three of its fighters, a rare admission of losses.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.claim.status == "confirmed"
    assert strike.actor1 is None or "Hezbollah" not in strike.actor1.name


def test_events_a_standing_accusation_is_no_current_act(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV, Ukraine (Wire) — Ukrainian forces repelled an assault on the town of Chasiv Yar "
        "on Monday, the military said.\n\n"
        "Rights groups have accused the military of carrying out air strikes on civilian areas "
        "in Kharkiv, which it denies.\n",
        gazetteer,
    )
    assert [e.type for e in _current(events)] == ["battles"]


@pytest.fixture(scope="module")
def blame_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """Nigeria, Somalia, Kenya and Pakistan, where stories blame attacks on named groups."""
    return small_gazetteer(tmp_path_factory, frozenset({"NG", "SO", "KE", "PK"}))


@pytest.mark.parametrize(
    ("story", "author"),
    [
        (  # blamed in the lead's own attribution
            "KANO, Nigeria (Reuters) - Gunmen stormed a mosque in the village of Kuka on "
            "Friday, killing nine worshippers, police said, blaming the attack on Boko Haram.\n",
            "Boko Haram",
        ),
        (  # blamed in the next paragraph
            "GARISSA, Kenya (AFP) - Attackers threw explosives at a bus station in Mandera on "
            "Sunday, killing four travellers, officials said.\n\n"
            "The county commissioner blamed the assault on al Shabaab fighters crossing from "
            "Somalia.\n",
            "Al Shabaab",
        ),
        (  # the police's suspicion
            "QUETTA, Pakistan (AP) — A bomb hidden in a motorcycle exploded near a vegetable "
            "market in Chaman on Saturday, killing five people.\n\n"
            "Police suspect the Pakistani Taliban, though no group has claimed it.\n",
            "TTP",
        ),
        (  # the hallmarks of a group
            "MOGADISHU (Reuters) - A car packed with explosives blew up at a checkpoint in "
            "Afgoye on Tuesday, killing three civilians, witnesses said.\n\n"
            "Security officials said the blast bore the hallmarks of al Shabaab.\n",
            "Al Shabaab",
        ),
    ],
)
def test_events_the_group_a_story_blames_is_the_attacker(
    story: str, author: str, blame_gazetteer: Gazetteer
) -> None:
    [attack] = _current(_events(story, blame_gazetteer))
    assert attack.actor1 is not None and author in attack.actor1.name
    assert attack.actor2 is not None and attack.actor1.kind == "rebels"


def test_events_an_unknown_group_planting_a_bomb_is_no_one_named(
    blame_gazetteer: Gazetteer,
) -> None:
    """The words after "planted by" are read for a named group, not the target they go on to."""
    [blast] = _current(
        _events(
            "PESHAWAR, Pakistan (AP) — A bomb planted by unknown attackers exploded beside an "
            "army truck near Bannu on Monday, killing two soldiers, police said.\n",
            blame_gazetteer,
        )
    )
    assert blast.actor1 is not None and blast.actor1.kind == "unknown"
    assert blast.actor2 is not None and blast.actor2.kind == "state_forces"


def test_events_a_suicide_bomber_at_a_police_post_makes_the_police_the_target(
    blame_gazetteer: Gazetteer,
) -> None:
    [blast] = _current(
        _events(
            "PESHAWAR, Pakistan (AFP) - A suicide bomber blew himself up outside a police "
            "station in Lakki Marwat on Thursday, killing four policemen, officials said.\n",
            blame_gazetteer,
        )
    )
    assert blast.actor1 is not None and blast.actor1.kind == "unknown"
    assert blast.actor2 is not None and blast.actor2.kind == "police"


def test_events_a_strike_told_before_the_state_that_launched_it_is_that_state_s(
    gazetteer: Gazetteer,
) -> None:
    [strike] = _current(
        _events(
            "KYIV, Ukraine (AP) — A drone slammed into a dormitory in Kharkiv overnight, "
            "killing a student, the regional governor said on Tuesday.\n\n"
            "Ukraine's air force said Russia had launched 31 drones and a missile at the "
            "country overnight.\n",
            gazetteer,
        )
    )
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Russia"


# A lead with a first toll, which the later sentences of the next two tests update.
_MARKET_ATTACK = (
    "MAIDUGURI, Nigeria (Reuters) - Gunmen attacked a market in the town of Gwoza on Monday, "
    "killing at least 12 traders, police said.\n\n"
)


def test_events_a_toll_that_rose_later_in_the_story_is_the_act_s_latest(
    blame_gazetteer: Gazetteer,
) -> None:
    [attack] = _current(
        _events(
            _MARKET_ATTACK
            + "Residents said the attackers arrived on motorcycles shortly after noon.\n\n"
            "By Tuesday morning the death toll had risen to 17, a local official said.\n",
            blame_gazetteer,
        )
    )
    assert attack.fatalities is not None
    assert (attack.fatalities.best, attack.fatalities.low) == (17, 12)


def test_events_bodies_another_source_counted_raise_only_the_high_bound(
    blame_gazetteer: Gazetteer,
) -> None:
    [attack] = _current(
        _events(
            _MARKET_ATTACK + "A local vigilante leader said his men had counted 20 bodies.\n",
            blame_gazetteer,
        )
    )
    assert attack.fatalities is not None
    assert (attack.fatalities.best, attack.fatalities.high) == (12, 20)


def test_events_men_who_throw_a_grenade_are_its_attackers_and_the_police_its_target(
    blame_gazetteer: Gazetteer,
) -> None:
    [blast] = _current(
        _events(
            "PESHAWAR, Pakistan (AP) — Two men on a motorbike hurled a grenade at a police post "
            "in Kohat on Friday, wounding three constables, officials said.\n",
            blame_gazetteer,
        )
    )
    assert blast.actor1 is not None and blast.actor1.kind == "unknown"
    assert blast.actor2 is not None and blast.actor2.kind == "police"


def test_events_the_army_s_statement_a_day_later_is_the_clash_told_again(
    sahel_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "OUAGADOUGOU (AFP) - Jihadists attacked an army post in the northern town of Djibo on "
        "Sunday, sparking hours of fighting, security sources said.\n\n"
        "In a statement issued late on Monday, the army said its units had repelled the "
        "assault and killed dozens of assailants.\n",
        sahel_gazetteer,
    )
    [clash] = _current(events)
    assert clash.date == date(2024, 3, 10)


def test_events_the_strike_a_funeral_follows_is_its_background(gaza_gazetteer: Gazetteer) -> None:
    events = _events(
        "JENIN, West Bank (AP) — Thousands of mourners marched through Jenin on Monday behind "
        "the bodies of two men killed in an Israeli drone strike a day earlier, chanting "
        "slogans and calling for a general strike.\n\n"
        "The two, aged 20 and 23, were killed on Sunday evening when a drone fired a missile "
        "at a car near the camp, the Palestinian Health Ministry said.\n",
        gaza_gazetteer,
    )
    [march] = _current(events)
    assert march.type == "protests"
    [strike] = [e for e in events if e.type == "explosions_remote_violence"]
    assert strike.background and strike.date == date(2024, 3, 10)


@pytest.mark.parametrize(
    "telling",
    [
        "Ukraine's air force said it shot down 20 of the 26 drones that Russia launched overnight.",
        "Air defence units shot down 20 of 26 drones launched by Russia overnight, the air force "
        "said.",
    ],
)
def test_events_drones_shot_down_are_the_launching_state_s(
    telling: str, gazetteer: Gazetteer
) -> None:
    events = _events("ODESA, Ukraine (AP) — " + telling + "\n", gazetteer)
    [downed] = [e for e in events if e.subtype == "Disrupted weapons use"]
    assert downed.actor1 is not None and downed.actor1.name == "Military Forces of Ukraine"
    assert downed.actor2 is not None and downed.actor2.name == "Military Forces of Russia"


def test_events_a_country_inside_a_group_s_name_leaves_a_local_story_at_its_dateline(
    blame_gazetteer: Gazetteer,
) -> None:
    [arrest] = _current(
        _events(
            "Peshawar: Police on Thursday arrested three suspected members of the banned "
            "Tehreek-i-Taliban Pakistan near the Warsak dam and seized two pistols, a spokesman "
            "for the Counter Terrorism Department said.\n",
            blame_gazetteer,
        )
    )
    assert arrest.subtype == "Arrests"
    assert arrest.location is not None and arrest.location.name == "Peshawar"


@pytest.mark.parametrize(
    ("story", "actor2"),
    [
        (
            "MANDERA, Kenya — Al-Shabaab fighters attacked a KDF base near Mandera on Monday "
            "night, the military said.\n",
            "Military Forces of Kenya",
        ),
        (
            "MOGADISHU, Somalia — Hundreds of gunmen attacked the army detachment and several "
            "positions held by SNA soldiers near Baidoa at dawn on Monday, residents said.\n",
            "Military Forces of Somalia",
        ),
    ],
)
def test_events_an_attack_on_a_state_s_forces_named_by_their_initials_is_a_clash(
    story: str, actor2: str, blame_gazetteer: Gazetteer
) -> None:
    [attack] = _current(_events(story, blame_gazetteer))
    assert attack.subtype == "Armed clash"
    assert attack.actor2 is not None and attack.actor2.name == actor2


def test_events_who_took_no_part_in_the_fighting_is_no_side_of_it(gazetteer: Gazetteer) -> None:
    [clash] = _current(
        _events(
            "Gunmen of two rival gangs fought for three hours on a highway outside Kherson on "
            "Sunday, leaving six gunmen dead, officials said. No soldiers or police took part in "
            "the fighting, the ministry added.\n",
            gazetteer,
        )
    )
    assert clash.subtype == "Armed clash"
    assert all(
        a is None or a.kind not in ("state_forces", "police") for a in (clash.actor1, clash.actor2)
    )


def test_events_police_gunfire_told_after_force_on_a_protest_is_that_act(
    gazetteer: Gazetteer,
) -> None:
    events = _current(
        _events(
            "KHERSON, Ukraine (AP) — Police opened fire on thousands of students protesting "
            "against job quotas in Kherson on Tuesday, killing two of them, hospital officials "
            "said.\n\nA human rights group that sent researchers to Kherson said it had "
            "confirmed two deaths from police gunfire.\n",
            gazetteer,
        )
    )
    assert [e.subtype for e in events] == ["Excessive force against protesters"]


def test_events_a_side_that_disowns_the_weapon_disputes_the_attack(gazetteer: Gazetteer) -> None:
    events = _current(
        _events(
            "KYIV, Ukraine (Reuters) — Russian drones dropped munitions filled with tear gas on "
            "Ukrainian positions near Kherson on Sunday, Ukraine's military said, an accusation "
            'Moscow rejected as "a crude fabrication".\n\n'
            "Eight soldiers were flown to a hospital in Odesa with breathing problems.\n\n"
            "Russia's defence ministry said in a statement that its forces \"do not possess and "
            'do not use" chemical weapons.\n',
            gazetteer,
        )
    )
    [attack] = [e for e in events if e.subtype == "Chemical weapon"]
    assert attack.claim.status == "disputed"


def test_events_gangs_that_seize_a_town_overtake_territory(gazetteer: Gazetteer) -> None:
    [taking] = _current(
        _events(
            "Heavily armed gangs seized control of the town of Kherson on Monday, forcing "
            "thousands of residents to flee, authorities said.\n",
            gazetteer,
        )
    )
    assert taking.subtype == "Non-state actor overtakes territory"


def test_events_suspects_apprehended_and_handed_over_are_arrests(gazetteer: Gazetteer) -> None:
    [arrest] = _current(
        _events(
            "During a sweep near Kherson on Saturday, the army apprehended 14 suspects presumed to "
            "be members of an armed group, including two presumed logisticians, who have been "
            "handed over to the competent services, the ministry said.\n",
            gazetteer,
        )
    )
    assert arrest.subtype == "Arrests"


@pytest.mark.parametrize(
    ("story", "killed"),
    [
        (
            "A suicide bomber killed 13 soldiers outside an army base in Kherson on Tuesday, "
            "police said. The bomber also died, and 20 people were wounded.\n",
            14,
        ),
        (
            "A suicide bomber blew himself up outside an army base in Kherson on Tuesday, killing "
            "nine people, including the bomber, police said.\n",
            9,
        ),
    ],
)
def test_events_a_suicide_bomber_who_died_is_among_the_dead_once(
    story: str, killed: int, gazetteer: Gazetteer
) -> None:
    [bombing] = _current(_events(story, gazetteer))
    assert bombing.subtype == "Suicide bomb"
    assert bombing.fatalities is not None and bombing.fatalities.best == killed


@pytest.mark.parametrize(
    ("story", "subtype", "sides", "killed"),
    [
        (  # the force named does the burning; the homes' owners are its second side
            "KHARKIV, Ukraine (AP) — Russian soldiers looted shops and set fire to a dozen "
            "houses in a village outside Kharkiv on Sunday, residents said.",
            "Looting/property destruction",
            ("external", "civilians"),
            None,
        ),
        (  # victims before a passive that Nigerian papers split ("were on Sunday killed")
            "Two police officers were on Sunday killed when unknown gunmen attacked the Ikeja "
            "Divisional Police Headquarters and set part of the building ablaze.",
            "Armed clash",
            ("unknown", "police"),
            2,
        ),
        (
            "Russian troops detained 12 Ukrainians in a raid on a village near Kherson on "
            "Monday, local officials said.",
            "Arrests",
            ("external", "civilians"),
            None,
        ),
        (
            "KHERSON, Ukraine — Police arrested 12 suspects near Kherson on Monday in connection "
            "with the attack on the village, a police spokesman said.",
            "Arrests",
            ("police", "unknown"),
            None,
        ),
        (  # guests are civilians, and the troops that came later no side of the attack
            "Gunmen attacked a wedding party near Kherson on Saturday, killing nine guests, and "
            "fled before troops reached the scene, officials said.",
            "Attack",
            ("unknown", "civilians"),
            9,
        ),
        (  # a man who does the act is no civilian; "no one was killed" is a toll of none
            "Late on Tuesday, a man on a motorcycle threw a grenade at a police post in Kherson, "
            "wounding two officers, police said. No one was killed.",
            "Grenade",
            ("unknown", "police"),
            0,
        ),
        (  # India's District Reserve Guard is police; "(DRG) were killed" its victims
            "Raipur: Two jawans of the District Reserve Guard (DRG) were killed on Wednesday "
            "when Maoists triggered an improvised explosive device beneath their vehicle.",
            "Remote explosive/landmine/IED",
            ("rebels", "police"),
            2,
        ),
    ],
)
def test_events_each_act_has_its_sides_in_acled_s_order(
    story: str,
    subtype: str,
    sides: tuple[str, str],
    killed: int | None,
    gazetteer: Gazetteer,
) -> None:
    [act] = [e for e in _current(_events(story + "\n", gazetteer)) if e.subtype == subtype]
    assert (act.actor1 and act.actor1.kind, act.actor2 and act.actor2.kind) == sides
    assert (act.fatalities.best if act.fatalities else None) == killed


def test_events_hours_later_is_the_day_told_before_and_the_next_morning_the_day_after(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BOGOTA (Wire) — Colombia's defence ministry on Monday signed contracts for anti-drone "
        "systems and radars.\n\n"
        "Officials cited the worst such attack this year. On February 21, a drone attack brought "
        "down a police helicopter near Amalfi, killing 13 officers.\n\n"
        "Hours later, a truck packed with explosives blew up near an air base in Cali, killing "
        "six civilians.\n\n"
        "The next morning, gunmen shot dead two police officers at a checkpoint in Jamundí.\n",
        gazetteer,
    )
    bomb = next(e for e in events if e.subtype == "Remote explosive/landmine/IED")
    assert bomb.date == date(2024, 2, 21)
    assert bomb.background
    burning = next(e for e in events if e.evidence[0].start > bomb.evidence[0].start)
    assert burning.date == date(2024, 2, 22)


def test_events_soldiers_who_came_after_the_attack_and_detained_men_made_one_current_arrest(
    gazetteer: Gazetteer,
) -> None:
    # The parse hangs the sentence's act on its "after" clause and leaves it no verb of its own.
    events = _events(
        "KHARKIV, Ukraine (Wire) — Gunmen shot dead a farmer near Izium on Monday, residents "
        "said.\n\n"
        "Israeli soldiers who arrived after the attack detained two Palestinian men from the "
        "village, according to a prisoners group.\n",
        gazetteer,
    )
    arrests = [e for e in events if e.subtype == "Arrests"]
    assert [(e.date, e.background) for e in arrests] == [(date(2024, 3, 11), False)]
    assert [e.subtype for e in events if e.type == "strategic_developments"] == ["Arrests"]


def test_events_people_arrested_after_a_riot_are_its_rioters(gazetteer: Gazetteer) -> None:
    events = _events(
        "KHERSON, Ukraine (Wire) — A mob beat to death a man accused of theft and set fire to "
        "his shop in a village near Kherson on Sunday evening, police said.\n\n"
        "In overnight raids on Monday, police arrested 46 people identified from video footage "
        "of the attack, a spokesman said.\n",
        gazetteer,
    )
    [arrest] = [e for e in _current(events) if e.subtype == "Arrests"]
    assert (arrest.actor1 and arrest.actor1.kind, arrest.actor2 and arrest.actor2.kind) == (
        "police",
        "rioters",
    )


def test_events_a_strike_s_dead_the_story_calls_a_group_s_members_are_that_group(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BEIRUT (Wire) — An Israeli drone strike on a car near the southern Lebanese town of "
        "Nabatieh killed two men on Monday, Lebanon's health ministry said.\n\n"
        "The Israeli military said both were members of Hezbollah.\n",
        gazetteer,
    )
    [strike] = [e for e in _current(events) if e.type == "explosions_remote_violence"]
    assert strike.actor2 is not None and strike.actor2.name == "Hezbollah"


def test_events_a_funeral_lead_after_a_dateline_with_a_date_keeps_the_strike_it_mourns_recalled(
    gazetteer: Gazetteer,
) -> None:
    # The sentence splitter cuts "JENIN, West Bank, Mar 12, 2024 (AFP) -" from the lead.
    events = _events(
        "Thousands mourn three men killed in Israeli drone strike on Jenin camp\n\n"
        "JENIN, West Bank, Mar 12, 2024 (AFP) - Thousands of mourners on Tuesday carried the "
        "bodies of three Palestinian men killed in an Israeli drone strike through the streets "
        "of the Jenin refugee camp, as crowds chanted against Israel.\n\n"
        "The three men, aged between 19 and 27, were killed when a drone struck a car in the "
        "camp on Sunday evening, the Palestinian health ministry said.\n",
        gazetteer,
    )
    strikes = [e for e in events if e.type == "explosions_remote_violence"]
    assert strikes and all(e.background for e in strikes)


def test_events_a_headline_of_two_acts_in_two_countries_joins_each_to_its_own_report(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Live: Russian drones hit Kyiv region; Ukraine strikes refinery in Saratov\n\n"
        "09:15 — Russian drones attacked the Kyiv region overnight, damaging houses in two "
        "villages and injuring three people, regional governor Mykola Kalashnyk said.\n\n"
        "10:40 — Ukraine's General Staff said its drones hit an oil refinery in the Russian "
        "city of Saratov overnight, causing a large fire.\n",
        gazetteer,
    )
    strikes = {e.location.country: e for e in _current(events) if e.location is not None}
    assert set(strikes) == {"UA", "RU"}
    assert len(_current(events)) == 2
    russian, ukrainian = strikes["UA"].actor1, strikes["RU"].actor1
    assert russian is not None and russian.name == "Military Forces of Russia"
    assert ukrainian is not None and ukrainian.name == "Military Forces of Ukraine"


def test_events_drones_shot_down_are_the_side_whose_strikes_the_story_tells(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (AP) — Russian artillery pounded a residential neighborhood of Kherson on "
        "Tuesday, killing three people, the regional governor said.\n\n"
        "Late Tuesday, air defense units shot down 11 of 14 drones over the Odesa region, the "
        "air force said.\n",
        gazetteer,
    )
    [downed] = [e for e in _current(events) if e.subtype == "Disrupted weapons use"]
    assert downed.actor1 is not None and downed.actor1.name == "Military Forces of Ukraine"
    assert downed.actor2 is not None and downed.actor2.name == "Military Forces of Russia"


def test_events_a_story_that_opens_on_a_mother_is_the_story_of_yesterdays_bombing(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOGADISHU, Somalia — Halima Nur sat outside the hospital on Tuesday, waiting for news "
        "of her son.\n\n"
        "The 19-year-old was among dozens wounded when a car bomb exploded at a busy checkpoint "
        "near the parliament building on Monday afternoon. At least 14 people were killed, "
        "police said.\n\n"
        "Al-Shabaab claimed responsibility for the attack through its radio station.\n",
        blame_gazetteer,
    )
    [bombing] = _current(events)
    assert bombing.type == "explosions_remote_violence"
    assert bombing.date == date(2024, 3, 11)
    assert bombing.fatalities is not None and bombing.fatalities.best == 14
    assert bombing.actor1 is not None and bombing.actor1.name == "Al Shabaab"


@pytest.mark.parametrize(
    ("after", "killed"),
    [
        ("Two of the attackers were also killed.", 5),
        ("Two attackers were killed in the ensuing gunfight, police said.", 5),
        ("Two of the wounded were in a serious condition.", 3),
    ],
)
def test_events_the_other_sides_dead_told_next_are_the_acts_too(
    gazetteer: Gazetteer, after: str, killed: int
) -> None:
    events = _events(
        "KYIV (AP) — Gunmen attacked a police checkpoint in Poltava on Monday, killing three "
        "policemen, officials said. " + after + "\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.fatalities is not None and attack.fatalities.best == killed


def test_events_a_protest_that_marks_an_anniversary_is_todays_and_not_its_past_dead(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (Reuters) - Police fired tear gas at thousands of protesters in central Kyiv on "
        "Monday as they marked the first anniversary of demonstrations in which dozens of "
        "people were killed.\n\n"
        "Last year, protesters stormed parliament on June 25. Police opened fire, killing at "
        "least 60 people over several weeks of protests, rights groups said.\n",
        gazetteer,
    )
    [protest] = _current(events)
    assert protest.type == "protests" and protest.date == date(2024, 3, 11)
    assert protest.fatalities is None
    assert all(e.date is None or e.date.year == 2023 for e in events if e.background)


def test_events_the_day_of_what_had_happened_before_is_not_the_acts_day(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (Reuters) - Ukraine's army said on Tuesday it had retaken two positions near "
        "Kupiansk that Russian troops had overrun last week.\n",
        gazetteer,
    )
    [retaking] = _current(events)
    assert retaking.date == date(2024, 3, 12)


def test_events_a_village_massacre_by_an_unnamed_side_is_reported_with_its_toll(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (AFP) - Fifteen civilians, among them women and children, were killed on Sunday "
        "in an attack on a village near Kupiansk, the regional governor's office said.\n\n"
        "Another resident said between 20 and 30 people had been killed.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.subtype == "Attack"
    assert attack.fatalities is not None and attack.fatalities.best == 15
    assert attack.actor1 is not None and attack.actor1.kind == "unknown"


def test_events_a_running_total_that_names_no_day_has_none_and_the_raid_keeps_its_own(
    myanmar_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BANGKOK (Reuters) - Myanmar's military bombed a village in Shwebo township on "
        "Monday, killing nine people, a spokesperson said.\n\n"
        "The United Nations says thousands of civilians have been killed since the 2021 "
        "coup.\n",
        myanmar_gazetteer,
    )
    [strike] = _current(events)
    assert strike.subtype == "Air/drone strike" and strike.date == date(2024, 3, 11)
    assert strike.fatalities is not None and strike.fatalities.best == 9
    assert all(e.date is None for e in events if e.background and e.fatalities)


def test_events_a_protest_for_the_dead_of_a_past_month_has_no_toll_of_its_own(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (Reuters) - Thousands of people marched through central Kyiv on Monday, "
        "demanding accountability for the deaths of 15 people in a hospital fire in "
        "November.\n",
        gazetteer,
    )
    [protest] = _current(events)
    assert protest.type == "protests" and protest.fatalities is None


@pytest.mark.parametrize(
    "lead",
    [
        # "its fighters" are the army's, not an unnamed group beside the one it repelled
        "Somalia's army said its fighters had repelled an al-Shabaab assault on a base near "
        "Baidoa on Monday.",
        # militants counted among the dead are the group the sentence names
        "At least 17 people, including 12 militants and five soldiers, were killed on Monday "
        "when al-Shabaab fighters attacked an army base near Baidoa, officials said.",
    ],
)
def test_events_the_unnamed_fighters_of_a_sentence_that_names_a_group_are_no_third_side(
    blame_gazetteer: Gazetteer, lead: str
) -> None:
    [clash] = _current(_events("MOGADISHU (Reuters) - " + lead + "\n", blame_gazetteer))
    sides = {a.name for a in (clash.actor1, clash.actor2) if a is not None}
    assert sides == {"Military Forces of Somalia", "Al Shabaab"}


def test_events_a_denial_of_earlier_strikes_does_not_dispute_todays(
    myanmar_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BANGKOK (Reuters) - An air strike by Myanmar's military on a monastery in Shwebo "
        "township killed 12 people on Monday, residents said.\n\n"
        "The military has denied targeting civilians in previous strikes and says it is "
        'fighting "terrorists".\n',
        myanmar_gazetteer,
    )
    [strike] = _current(events)
    assert strike.claim.status == "reported"


def test_events_a_headline_toll_told_after_a_semicolon_belongs_to_its_own_town(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Russian drones hit Poltava; two killed in Kherson\n\n"
        "KYIV (AP) — Russian drones struck Poltava overnight, damaging a school, the regional "
        "governor said. No one was hurt.\n\n"
        "Two people were killed when Russian artillery shelled Kherson on Monday morning, "
        "officials said.\n",
        gazetteer,
    )
    tolls = {
        e.location.name: e.fatalities.best if e.fatalities else None
        for e in _current(events)
        if e.location is not None
    }
    assert tolls.get("Kherson") == 2
    assert tolls.get("Poltava") in (None, 0)


def test_events_shots_fired_into_the_air_before_an_abduction_are_no_clash(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KANO, Nigeria - Gunmen stormed a boarding school in the village of Kuka on Sunday "
        "evening and whisked away its principal and four pupils, residents said.\n\n"
        "The gunmen fired several shots into the air before rounding up the pupils, who were "
        "in their dormitory.\n",
        blame_gazetteer,
    )
    [abduction] = _current(events)
    assert abduction.subtype == "Abduction/forced disappearance"


def test_events_a_country_blamed_for_a_strike_is_its_attacker(gazetteer: Gazetteer) -> None:
    events = _events(
        "YEREVAN (AFP) - A drone struck a car near the village of Sisian on Saturday, killing "
        "two men, local officials said.\n\n"
        "The men's families blamed Azerbaijan, whose forces have struck the area before.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Azerbaijan"


def test_events_a_strike_a_sentence_recalls_with_despite_is_not_its_act(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "YEREVAN (AFP) - Hundreds of people rallied in Yerevan on Monday to demand peace talks, "
        "despite a drone strike that killed two soldiers near Sisian the day before, police "
        "said.\n",
        gazetteer,
    )
    [rally] = _current(events)
    assert rally.type == "protests" and rally.fatalities is None
    assert any(e.type == "explosions_remote_violence" for e in events if e.background)


@pytest.mark.parametrize(
    "aside",
    [
        "Deadly clashes between government forces and rebel fighters have broken out several "
        "times along front lines in Tavush province.",
        'The army says it is fighting "armed criminal groups" that have attacked soldiers, '
        "police and civilians, including construction workers and teachers.",
    ],
)
def test_events_what_has_happened_several_times_is_history(
    gazetteer: Gazetteer, aside: str
) -> None:
    events = _events(
        "YEREVAN (AFP) - Azerbaijani forces shelled the village of Sotk on Monday, wounding two "
        "soldiers, officials said.\n\n" + aside + "\n",
        gazetteer,
    )
    assert [e.subtype for e in _current(events)] == ["Shelling/artillery/missile attack"]


def test_events_separatists_outside_ukraine_are_not_donbas_separatists(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOGADISHU (Reuters) - Suspected separatists shot dead two policemen at a checkpoint "
        "near Baidoa on Monday, police said.\n",
        blame_gazetteer,
    )
    [attack] = _current(events)
    names = [a.name for a in (attack.actor1, attack.actor2) if a is not None]
    assert not any("Novorossiya" in name for name in names)


def test_events_a_candidates_debate_in_the_words_of_war_is_no_event(gazetteer: Gazetteer) -> None:
    events = _events(
        "TBILISI (Reuters) - The battle for Georgia's presidency turned bitter on Tuesday night "
        "as two of the front-runners traded blows in a televised debate, one accusing the other "
        'of leading "an army of corrupt officials" and the other firing back that his rival was '
        '"a general without troops".\n',
        gazetteer,
    )
    assert _current(events) == []


def test_events_a_bombing_s_dead_security_men_are_targets_and_past_blame_names_no_author(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOGADISHU (Reuters) - A car bomb exploded near a checkpoint on the outskirts of "
        "Baidoa on Monday, killing five people including two members of the security forces, "
        "officials said.\n\n"
        "Baidoa has been hit by several bombings since the fall of the old government, most of "
        "them blamed on al-Shabaab.\n",
        blame_gazetteer,
    )
    [bombing] = _current(events)
    assert bombing.actor1 is not None and bombing.actor1.kind == "unknown"


def test_events_an_attacker_killed_as_troops_returned_fire_is_among_the_dead(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOGADISHU (AFP) - Two soldiers were killed when gunmen attacked an army post near "
        "Baidoa on Monday, the army said. The army said troops returned fire and that one "
        "attacker was killed.\n",
        blame_gazetteer,
    )
    [attack] = _current(events)
    assert attack.fatalities is not None and attack.fatalities.best == 3


def test_events_two_acts_of_a_headline_stay_apart_and_a_claim_names_the_bomber(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Suicide bomber kills 8 at Kismayo checkpoint; troops retake Bardhere\n\n"
        "MOGADISHU (AP) — A suicide bomber blew himself up at a checkpoint in the southern "
        "port city of Kismayo on Monday, killing five soldiers and three civilians, officials "
        "said.\n\n"
        "The al-Qaida-linked group al-Shabab claimed responsibility for the attack in a "
        "statement on its radio station.\n",
        blame_gazetteer,
    )
    [bombing] = [e for e in _current(events) if e.subtype == "Suicide bomb"]
    assert bombing.actor1 is not None and bombing.actor1.name == "Al Shabaab"


def test_events_a_lead_s_toll_in_the_next_paragraph_is_its_own(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOGADISHU (Reuters) - Al-Shabab fighters overran a military base near the town of "
        "Afgoye on Monday after several hours of fighting with government troops, residents "
        "said.\n\n"
        "At least 11 people, including seven soldiers, were killed, a local elder said.\n",
        blame_gazetteer,
    )
    [taking] = _current(events)
    assert taking.fatalities is not None and taking.fatalities.best == 11


def test_events_a_toll_first_given_as_risen_is_the_act_s(blame_gazetteer: Gazetteer) -> None:
    events = _events(
        "KANO, Nigeria (AP) - Gunmen on motorcycles attacked the village of Kuka on Sunday, "
        "shooting villagers in the market and setting fire to homes, officials said.\n\n"
        "By Monday evening the toll had risen to 19, a local official said.\n",
        blame_gazetteer,
    )
    [attack] = _current(events)
    assert attack.fatalities is not None and attack.fatalities.best == 19


def test_events_a_lead_in_the_present_perfect_is_today_s_act_dated_by_the_next_paragraph(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "GUSAU, Nigeria — Bandits have abducted at least 20 people, mostly women, in an "
        "overnight raid on a village in Zamfara State.\n\n"
        "Residents said the gunmen stormed the village at about midnight on Sunday and marched "
        "their victims into the forest.\n",
        blame_gazetteer,
    )
    [abduction] = _current(events)
    assert abduction.subtype == "Abduction/forced disappearance"
    assert abduction.date == date(2024, 3, 10)  # the Sunday before publication


def test_events_a_school_set_ablaze_by_armed_men_is_property_destroyed(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "GUSAU, Nigeria — Suspected bandits on Sunday night set ablaze a primary school in "
        "Tsafe, Zamfara State, residents said. Nobody was hurt.\n",
        blame_gazetteer,
    )
    [burning] = _current(events)
    assert burning.subtype == "Looting/property destruction"


def test_events_a_town_retaken_without_a_shot_is_transferred(blame_gazetteer: Gazetteer) -> None:
    events = _events(
        "MOGADISHU (AFP) - Somali troops re-entered the town of Bulo Burde on Sunday without "
        "firing a shot after al-Shabab fighters withdrew overnight, officials said.\n",
        blame_gazetteer,
    )
    [transfer] = _current(events)
    assert transfer.subtype == "Non-violent transfer of territory"


def test_events_an_ally_of_the_side_that_acted_is_not_the_other_side(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MOGADISHU (Reuters) - Somali forces backed by local clan fighters recaptured the town "
        "of Mahas from al-Shabab on Tuesday after heavy fighting, the defence ministry said.\n",
        blame_gazetteer,
    )
    [taking] = _current(events)
    assert taking.actor2 is not None and taking.actor2.name == "Al Shabaab"


@pytest.mark.parametrize(
    "story",
    [
        # a crowd that went home by itself
        "NAIROBI (AFP) - Hundreds of residents marched through Isiolo on Monday to demand an end "
        "to cattle raids. The marchers dispersed peacefully after handing a petition to the "
        "county commissioner.\n",
        # a police picket is a guard post
        "KARACHI (Reuters) - Police said the attackers had targeted a police picket at the "
        "entrance of the bus terminal in Quetta on Monday but missed, and nobody was hurt.\n",
        # a protest's cause told after it
        "NAIROBI (AFP) - Residents of Isiolo staged a peaceful march on Monday. The protest was "
        "sparked by a raid near Kinna on June 2, in which armed raiders killed four herders.\n",
    ],
)
def test_events_no_crowd_met_with_force(story: str, blame_gazetteer: Gazetteer) -> None:
    subtypes = {e.subtype for e in _current(_events(story, blame_gazetteer))}
    assert subtypes <= {"Peaceful protest"}


def test_events_an_accusation_of_a_massacre_and_an_anniversary_are_no_acts(
    blame_gazetteer: Gazetteer,
) -> None:
    accused = _events(
        'KANO, Nigeria (AFP) - The opposition on Monday accused the army of "a deliberate '
        'massacre of innocent villagers" in Zamfara State and called for an inquiry.\n',
        blame_gazetteer,
    )
    marked = _events(
        "MAIDUGURI, Nigeria (AP) - Hundreds of parents gathered in Chibok on Monday to mark ten "
        "years since Boko Haram militants abducted 276 schoolgirls from the town.\n",
        blame_gazetteer,
    )
    assert _current(accused) == []
    assert _current(marked) == []


def test_events_a_security_service_that_arrests_is_police(blame_gazetteer: Gazetteer) -> None:
    events = _events(
        "ISLAMABAD (Reuters) - Pakistan's Counter Terrorism Department said its officers had "
        "arrested three suspected militants in Quetta on Sunday.\n",
        blame_gazetteer,
    )
    [arrests] = _current(events)
    assert arrests.actor1 is not None and arrests.actor1.kind == "police"


def test_events_a_funeral_is_no_act_and_the_town_named_before_places_the_attack(
    sahel_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "OUAGADOUGOU (AP) — Wrapped in white cloth, the bodies were lowered into fresh graves "
        "on the edge of Djibo on Tuesday, residents said.\n\n"
        "They were among 16 people killed on Monday when gunmen stormed a village about 12 "
        "kilometers (7 miles) from the town in Burkina Faso's Sahel region, residents said.\n",
        sahel_gazetteer,
    )
    [attack] = _current(events)
    assert attack.subtype == "Attack"
    assert attack.location is not None and attack.location.name == "Djibo"


def test_events_the_strike_a_caption_recalls_is_the_act_its_photograph_shows(
    myanmar_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BANGKOK (Reuters) - Fuel prices in Myanmar's Kachin state have doubled in a month as "
        "fighting between the military and the Kachin Independence Army cuts roads, traders "
        "say.\n\n"
        "PHOTO CAPTION: Residents search the rubble of a clinic in Hpakant, Kachin state, after "
        "a military air strike on Sunday killed four people, residents said. (Reuters/Stringer)\n",
        myanmar_gazetteer,
    )
    [strike] = _current(events)
    assert strike.subtype == "Air/drone strike"
    assert strike.fatalities is not None and strike.fatalities.best == 4


def test_events_fighters_who_surrender_change_and_count_no_other_act_s_dead(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Over 90 Boko Haram fighters surrender in Bama as IED kills four soldiers near Damboa\n\n"
        "MAIDUGURI, Nigeria — More than 90 Boko Haram fighters and their families surrendered "
        "to troops in Bama on Monday, the military said.\n\n"
        "Separately, four soldiers were killed when their vehicle hit a roadside bomb near "
        "Damboa on Monday, a military source said. About 2,500 troops are deployed in the "
        "area.\n",
        blame_gazetteer,
    )
    current = _current(events)
    [surrender] = [e for e in current if e.subtype == "Change to group/activity"]
    assert surrender.fatalities is None
    assert any(e.subtype == "Remote explosive/landmine/IED" for e in current)


def test_events_a_lead_told_by_its_victims_is_today_s_strike(gaza_gazetteer: Gazetteer) -> None:
    events = _events(
        "KHAN YOUNIS, Gaza Strip (AP) - Two sisters were among eight people killed when an "
        "Israeli airstrike hit a tent in the Muwasi area of Khan Younis late on Sunday, "
        "according to a hospital that received the bodies.\n\n"
        "In Rafah, an Israeli drone strike killed two men on a motorcycle on Monday morning, "
        "medics said.\n",
        gaza_gazetteer,
    )
    strikes = _current(events)
    assert sorted(e.fatalities.best for e in strikes if e.fatalities and e.fatalities.best) == [
        2,
        8,
    ]


def test_events_a_headline_claim_after_its_act_names_the_author(
    american_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Roadside bomb kills two Kurdish-led fighters near Raqqa, IS claims attack\n\n"
        "BEIRUT (AFP) - Two fighters of the Kurdish-led Syrian Democratic Forces were killed "
        "when a roadside bomb hit their vehicle near Raqqa on Monday, a war monitor said.\n",
        american_gazetteer,
    )
    [bombing] = _current(events)
    assert bombing.actor1 is not None and bombing.actor1.name == "Islamic State"


def test_events_an_act_recalled_months_before_is_dated_back_and_kept_apart(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KANO, Nigeria (AP) - Gunmen opened fire on farmers near the village of Kuka on Sunday, "
        "residents said.\n\n"
        "The killings came two months after a wave of violence in which gunmen killed "
        "hundreds of villagers in the area.\n",
        blame_gazetteer,
    )
    [attack] = _current(events)
    assert attack.fatalities is None
    recalled = [e for e in events if e.background and e.type != "statement"]
    assert recalled and all(e.date is not None and e.date < date(2024, 2, 1) for e in recalled)


def test_events_armed_youths_who_abduct_in_a_raid_are_an_armed_group_and_a_running_total_stays_apart(
    blame_gazetteer: Gazetteer,
) -> None:
    events = _events(
        "NAIROBI (AP) - Armed youths abducted four children and drove off hundreds of cattle in "
        "a raid on a village near Lodwar on Sunday, county officials said.\n\n"
        "Cattle raids and abductions between rival communities have killed hundreds of people "
        "in recent years.\n",
        blame_gazetteer,
    )
    [abduction] = _current(events)
    assert abduction.subtype == "Abduction/forced disappearance"
    assert abduction.actor1 is not None and abduction.actor1.kind == "unknown"
    assert abduction.fatalities is None


@pytest.mark.parametrize(
    "story",
    [
        "KARACHI (Reuters) - Drones, missiles and armoured vehicles drew crowds as a defence "
        "exhibition opened in Karachi on Monday.\n",
        "NAIROBI (AFP) - A peace forum between the government and armed groups ended in Nairobi "
        "on Saturday without agreement on disarmament.\n",
        "PESHAWAR (AFP) - Forensic teams began digging up a decades-old mass grave near Peshawar on "
        "Monday.\n",
    ],
)
def test_events_fairs_failed_talks_and_old_graves_are_no_events(
    story: str, blame_gazetteer: Gazetteer
) -> None:
    assert _current(_events(story, blame_gazetteer)) == []


def test_events_a_side_s_announcement_of_its_routine_work_is_reported(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Moscow says it downed 30 drones over Belgorod\n\n"
        "MOSCOW (AP) — Russian air defence units destroyed 30 Ukrainian drones over the "
        "Belgorod region late on Monday, the Defence Ministry said on Tuesday.\n",
        gazetteer,
    )
    [downed] = _current(events)
    assert downed.subtype == "Disrupted weapons use"
    assert downed.claim.status == "reported"


def test_events_a_rival_force_left_unnamed_is_the_group_the_story_names(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (AP) — Fighting between Ukraine's army and a rival force pushed into the outskirts "
        "of Toretsk on Sunday, killing at least four soldiers, officials said.\n\n"
        "The clashes between the Ukrainian army and the Donetsk People's Militia began before "
        "dawn on the town's eastern edge, a local official said.\n\n"
        "Aid workers say the fighting has cut the main road into the town since early March.\n",
        gazetteer,
    )
    fights = [e for e in events if e.type == "battles"]
    assert fights and all(e.actor2 is not None and e.actor2.kind == "rebels" for e in fights)
    assert all(e.actor1 is not None and e.actor1.kind != "civilians" for e in fights)


def test_events_a_deadly_strike_with_no_named_target_killed_civilians(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Death toll from Russian glide bomb strike on Kharkiv rises to six\n\n"
        "KYIV, March 12 (Reuters) - The death toll from a Russian glide bomb strike on "
        "Kharkiv on Monday rose to six on Tuesday, regional officials said.\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Russia"
    assert strike.actor2 is not None and strike.actor2.kind == "civilians"
    assert strike.actor2.country == "UA"


@pytest.mark.parametrize(
    "denial",
    [", a claim Russia's defence ministry rejected.", ", but Moscow denied the claim."],
)
def test_events_a_claim_denied_in_its_own_sentence_is_the_act_disputed(
    gazetteer: Gazetteer, denial: str
) -> None:
    # The denier's words make no statement of their own and no side of the taking.
    events = _events(
        "KYIV (Reuters) - Ukraine's military said on Monday its troops had recaptured the village "
        "of Kozacha Lopan" + denial + "\n",
        gazetteer,
    )
    [taking] = _current(events)
    assert taking.type == "battles"
    assert taking.claim.status == "disputed"
    assert taking.claim.by == "Ukraine's military"
    assert taking.actor1 is not None and taking.actor1.name == "Military Forces of Ukraine"


def test_events_a_country_s_armed_group_is_not_that_country_s_army(
    myanmar_gazetteer: Gazetteer,
) -> None:
    # "Myanmar's Kachin Independence Army" is a rebel group, not Myanmar's army.
    events = _events(
        "YANGON (AFP) - Myanmar's Kachin Independence Army said on Monday it had seized the "
        "town of Bhamo.\n\nKIA fighters overran the last army base in the town on Sunday, a "
        "spokesman for the group said.\n",
        myanmar_gazetteer,
    )
    [taking] = _current(events)
    assert taking.subtype == "Non-state actor overtakes territory"
    assert taking.actor1 is not None and taking.actor1.name == "KIA: Kachin Independence Army"


def test_events_a_lead_dated_only_by_its_report_takes_the_day_told_next(
    gazetteer: Gazetteer,
) -> None:
    # Published Tuesday: "residents said Monday" is when they spoke; the shooting was Sunday.
    events = _events(
        "TBILISI, Georgia (AP) — Two farmers were killed when police opened fire on villagers "
        "protesting against a dam near Batumi, residents said Monday.\n\n"
        "Hundreds of people had come to the site on Sunday to stop the builders, three "
        "residents told reporters by telephone.\n",
        gazetteer,
    )
    [shooting] = _current(events)
    assert shooting.date == date(2024, 3, 10)
    assert shooting.fatalities is not None and shooting.fatalities.best == 2


def test_events_a_caption_photographed_the_day_after_shows_the_story_s_strike(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV, March 12 (Reuters) - A Russian glide bomb hit an apartment block in Kharkiv late "
        "on Monday, killing three people, the regional governor said on Tuesday.\n\n"
        "Photo caption: Rescuers search the rubble of the apartment block hit by a Russian "
        "glide bomb in Kharkiv, Ukraine, March 12, 2024. REUTERS\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.date == date(2024, 3, 11)
    assert len(strike.evidence) == 2  # the lead and the caption


def test_events_a_caption_alone_tells_a_strike_by_its_aftermath(gazetteer: Gazetteer) -> None:
    events = _events(
        "Talks on a truce resumed in Istanbul on Tuesday, officials said.\n\n"
        "Photo caption: Residents inspect a house hit by a Russian strike in Kharkiv, Ukraine, "
        "March 11, 2024. REUTERS\n",
        gazetteer,
    )
    [strike] = _current(events)
    assert strike.type == "explosions_remote_violence"
    assert strike.date == date(2024, 3, 11)


def test_events_two_developments_of_other_kinds_at_other_places_stay_apart(
    gazetteer: Gazetteer,
) -> None:
    # An arrest raid in one town and a looting in a town nearby, both on Monday.
    events = _events(
        "Russian troops detained 12 men in a raid on Nova Kakhovka on Monday, Ukraine's "
        "ombudsman said.\n\n"
        "In Kakhovka, Russian soldiers looted the town's hospital on Monday, residents said.\n",
        gazetteer,
    )
    kinds = sorted((e.subtype, e.location.name if e.location else None) for e in _current(events))
    assert [k for k, _ in kinds] == ["Arrests", "Looting/property destruction"]
    assert kinds[0][1] != kinds[1][1]


def test_events_the_group_the_attackers_belonged_to_is_the_attacker(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "MARDIN, Turkey (AP) — Gunmen killed four guests at a wedding in Mardin on Monday, the "
        "governor said.\n\n"
        "The attackers belonged to the Islamic State, which has carried out attacks in the "
        "region since 2015, he said.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.actor1 is not None and attack.actor1.name == "Islamic State"


def test_events_a_day_earlier_is_the_day_before_the_act_just_told(gazetteer: Gazetteer) -> None:
    # Published Tuesday: the taking was Monday, the council's dissolution "a day earlier" Sunday.
    events = _events(
        "KYIV (Reuters) - Ukrainian troops recaptured the village of Kozacha Lopan on Monday, "
        "the army said.\n\n"
        "A day earlier, commanders of a volunteer battalion in the area announced in Kharkiv "
        "that the unit was dissolving itself and joining the army.\n",
        gazetteer,
    )
    [change] = [e for e in _current(events) if e.subtype == "Change to group/activity"]
    assert change.date == date(2024, 3, 10)


def test_events_a_town_that_lies_across_a_river_denies_nothing(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV, March 12 (Reuters) - Russian artillery shelled Nikopol before dawn on Tuesday, "
        "killing a man, the regional governor said.\n\n"
        "The shells damaged an apartment building in Nikopol, which lies across the river from "
        "the Russian-occupied town of Enerhodar, the governor said.\n",
        gazetteer,
    )
    [shelling] = _current(events)
    assert shelling.claim.status == "reported"


def test_events_a_crowd_fired_on_told_again_as_an_attack_is_the_crowd_s_event(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "TBILISI, Georgia (AP) — Two farmers were killed and five wounded when security forces "
        "opened fire on villagers protesting against the destruction of their orchards near "
        "Batumi, residents said Monday.\n\n"
        "Hundreds of people from several villages had gathered on Sunday to stop a demolition "
        "team from entering their land, three residents told AP by telephone, when forces "
        "fired into the crowd.\n",
        gazetteer,
    )
    [shooting] = _current(events)
    assert shooting.type == "protests"
    assert shooting.actor1 is not None and shooting.actor1.kind == "police"
    assert shooting.actor2 is not None and shooting.actor2.kind == "protesters"


def test_events_a_story_opening_on_people_recalls_an_earlier_attack_as_background(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KHARKIV, Ukraine (AP) — A retired tram driver and her grandson were among the dead "
        "carried out of a collapsed stairwell on Tuesday, as rescuers finished their search.\n\n"
        "Russian aircraft dropped two guided bombs on Kharkiv late on Monday, killing five "
        "people, the regional administration said.\n\n"
        "It was the second deadly attack on the city this month. On March 2, a drone struck a "
        "bus stop in Kharkiv, killing two people.\n",
        gazetteer,
    )
    [current] = _current(events)
    assert current.date == date(2024, 3, 11)
    assert any(e.background and e.date == date(2024, 3, 2) for e in events)


def test_events_a_base_set_up_near_a_banned_group_s_stronghold_is_no_ban(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (Reuters) - Ukrainian troops on Monday set up a new forward operating base at "
        "Kupiansk, long a stronghold of the banned Russian Imperial Movement, police said.\n",
        gazetteer,
    )
    [base] = _current(events)
    assert base.subtype == "Headquarters or base established"


def test_events_a_troop_withdrawal_abroad_answers_no_attack_at_home(gazetteer: Gazetteer) -> None:
    # A grenade in Tbilisi and Georgian troops pulling out of positions in Ukraine: two acts,
    # the withdrawal no security move made in answer to the grenade.
    events = _events(
        "TBILISI, Georgia (AP) — A grenade thrown at a bus station in Tbilisi killed two people "
        "on Sunday evening, police said.\n\n"
        "Meanwhile, Georgian volunteer troops deployed near Kharkiv under an agreement with "
        "Kyiv began pulling out of their positions around Kupiansk on Monday, residents said.\n",
        gazetteer,
    )
    kinds = {e.subtype for e in _current(events)}
    assert "Change to group/activity" in kinds


def test_events_homes_burned_in_a_raid_are_part_of_the_attack(gazetteer: Gazetteer) -> None:
    # ACLED codes a raid as the attack alone: the burning told after it is no second event.
    events = _events(
        "TBILISI, Georgia (AP) — Masked gunmen stormed a village near Gori on Monday night, "
        "killing four farmers, police said.\n\n"
        "The attackers also set fire to a dozen homes and drove away cattle, a local official "
        "said.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.subtype == "Attack"
    assert len(attack.evidence) == 2


def test_events_houses_blown_up_since_a_ceasefire_are_demolitions_not_an_agreement(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BEIRUT (Reuters) - Israeli troops blew up at least seven houses in the southern "
        "Lebanese border village of Aita al-Shaab late on Monday, Lebanon's state news agency "
        "reported, in the latest demolitions since a ceasefire with Hezbollah.\n",
        gazetteer,
    )
    assert [e.subtype for e in _current(events)] == ["Looting/property destruction"]


def test_events_a_town_taken_as_the_other_side_pulls_out_under_a_deal_is_one_handover(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BAKU (AFP) - Azerbaijani forces took control of the town of Lachin on Monday after "
        "Armenian troops pulled out under a deal brokered by Moscow, both sides said.\n",
        gazetteer,
    )
    [handover] = [e for e in events if e.type != "statement"]
    assert handover.subtype == "Non-violent transfer of territory"
    assert not handover.background


def test_events_a_round_up_s_other_act_of_the_week_is_current(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV, Ukraine (AP) — A Russian missile struck a port warehouse in Odesa on Tuesday, "
        "killing three workers, the regional governor said.\n\n"
        "Across the border in Russia, a drone struck an oil depot in Belgorod on Sunday, "
        "setting a fuel tank ablaze, the region's governor said.\n",
        gazetteer,
    )
    depot = next(e for e in events if e.location is not None and e.location.country == "RU")
    assert depot.date == date(2024, 3, 10)
    assert not depot.background


def test_events_what_happens_as_a_rule_in_the_present_is_no_act(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV (Reuters) - Armed men abducted 12 farmers from a village near Sumy on Sunday, "
        "residents said.\n\n"
        "The Sumy and Kharkiv regions are among the worst hit by the war, where armed gangs "
        "raid villages, kill residents and abduct people for ransom.\n",
        gazetteer,
    )
    [abduction] = _current(events)
    assert abduction.location is not None and abduction.location.name == "Sumy"


def test_events_worshippers_marched_away_by_soldiers_are_no_march(gazetteer: Gazetteer) -> None:
    events = _events(
        "KHERSON, Ukraine (AP) — Russian soldiers surrounded a church near Kherson during the "
        "morning service on Sunday and marched the worshippers, among them women and children, "
        "to a nearby school, residents said.\n",
        gazetteer,
    )
    assert all(e.type != "protests" for e in events)


def test_events_rifles_recovered_after_a_gun_battle_take_no_place(gazetteer: Gazetteer) -> None:
    events = _events(
        'KYIV (Reuters) - The army said troops had "neutralised" 27 Russian fighters in a gun '
        "battle near Kupiansk on Saturday and recovered rifles and motorcycles.\n",
        gazetteer,
    )
    [clash] = _current(events)
    assert clash.subtype == "Armed clash"


def test_events_a_blockade_that_has_left_stations_dry_is_no_running_total(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "TBILISI, Georgia (AP) — Gunmen set fire to 30 fuel tankers near Gori on Monday, "
        "tightening a blockade that has left petrol stations across the region dry, police "
        "said.\n",
        gazetteer,
    )
    [burning] = [e for e in events if e.type != "statement"]
    assert burning.subtype == "Looting/property destruction"
    assert not burning.background


def test_events_a_town_occupied_by_insurgents_is_taken_but_occupied_land_is_not(
    gazetteer: Gazetteer,
) -> None:
    taken = _events(
        "DONETSK (Reuters) - Armed separatists occupied the town of Sloviansk on Monday after a "
        "brief firefight with police, local officials said.\n",
        gazetteer,
    )
    assert [e.subtype for e in _current(taken)] == ["Non-state actor overtakes territory"]
    described = _events(
        "KYIV (Reuters) - Ukrainian drones struck an ammunition depot in occupied Kherson on "
        "Monday, the general staff said.\n",
        gazetteer,
    )
    assert all(e.type != "battles" for e in described)


@pytest.mark.parametrize(
    ("sentence", "arrest"),
    [
        ("Locals blamed armed herders; police said no arrests had been made.", False),
        ("Nobody has been arrested over the killings, police said.", False),
        ("Police said they had arrested two suspects over the killings.", True),
    ],
)
def test_events_no_arrests_made_is_no_arrest(sentence: str, arrest: bool) -> None:
    act = acled_act(sentence)
    assert (act is not None and act.rule.subtype == "Arrests") is arrest


def test_events_an_attack_mourned_the_next_day_is_the_news(gazetteer: Gazetteer) -> None:
    # Published on a Tuesday: the burial is today, the attack it mourns was last night.
    events = _events(
        "Residents of Mala Rohan, a farming village near Kharkiv, on Tuesday buried 14 people "
        "killed when gunmen stormed the community on Monday night, shooting residents and "
        "setting houses ablaze.\n\n"
        "Separately, a drone struck a bus in Odesa on Tuesday, killing two people.\n",
        gazetteer,
    )
    attack = next(e for e in events if e.subtype == "Attack")
    assert attack.date == date(2024, 3, 11)
    assert not attack.background


def test_events_a_march_the_police_escorted_met_no_intervention(gazetteer: Gazetteer) -> None:
    events = _events(
        "KUTAISI, Georgia (AP) — Hundreds of market women marched peacefully through Kutaisi "
        "on Monday to protest the demolition of their stalls. They handed a letter to an "
        "official before dispersing. Police officers escorted the march.\n",
        gazetteer,
    )
    [march] = _current(events)
    assert march.subtype == "Peaceful protest"


def test_events_an_army_post_that_came_under_attack_fought_its_attackers(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (Reuters) - A Ukrainian army post near Kupiansk came under attack on Monday "
        "morning by several hundred Russian infantrymen, a military source said.\n",
        gazetteer,
    )
    [attack] = _current(events)
    assert attack.type == "battles"


def test_events_a_headline_s_list_of_acts_is_each_act(gazetteer: Gazetteer) -> None:
    events = _events(
        "Shelling hits market in Kherson, drone strike kills two in Odesa\n",
        gazetteer,
    )
    places = {e.location.name for e in _current(events) if e.location is not None}
    assert {"Kherson", "Odesa"} <= places


def test_events_gunfire_before_the_police_arrived_is_no_clash(gazetteer: Gazetteer) -> None:
    events = _events(
        "TBILISI, Georgia (AP) — Gunmen killed three villagers near Gori on Monday night, "
        "police said.\n\n"
        "The attackers arrived on motorcycles and opened fire for nearly an hour before police "
        "arrived, a spokesman said.\n",
        gazetteer,
    )
    assert all(e.type != "battles" for e in events)


def test_events_an_act_of_earlier_this_week_takes_the_day_the_next_paragraph_names(
    gazetteer: Gazetteer,
) -> None:
    # Published on Tuesday 2024-03-12; the fighting began on Monday.
    events = _events(
        "DONETSK (Reuters) - Armed separatists occupied the town of Sloviansk earlier this week "
        "after a firefight with police, local sources said.\n\n"
        "At least two policemen were killed in the fighting, which began at dawn on Monday, "
        "according to a security source in Kramatorsk.\n",
        gazetteer,
    )
    [taking] = _current(events)
    assert taking.date == date(2024, 3, 11)
    assert taking.location is not None and taking.location.text == "Sloviansk"


def test_events_the_side_an_official_says_was_behind_an_attack_is_its_attacker(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KHARKIV, Ukraine (AP) — Two people were killed when an unidentified man threw a "
        "grenade into a crowded cafe in Kharkiv on Monday night, police said.\n\n"
        'The regional governor said on Tuesday that "saboteurs of the Russian army" were '
        "behind the attack.\n",
        gazetteer,
    )
    [grenade] = _current(events)
    assert grenade.actor1 is not None and grenade.actor1.name == "Military Forces of Russia"


def test_events_a_court_that_jails_soldiers_over_a_past_killing_tells_no_new_act(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "Military court jails four soldiers over 2022 killing of civilians in Bucha\n", gazetteer
    )
    assert not _current(events)


def test_events_a_headline_s_attack_on_a_displacement_site_is_one_on_civilians() -> None:
    found = classify("Machete attack on Kharkiv displacement site kills at least 18")
    assert found is not None and found[0] == "Attack"


def test_events_who_is_abducted_as_a_rule_is_no_act(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV (Reuters) - Armed men abducted 12 farmers from a village near Sumy on Sunday, "
        "residents said.\n\n"
        "Sumy is among the regions worst hit by the war, where farmers are routinely abducted "
        "by armed gangs for ransom.\n",
        gazetteer,
    )
    assert [e.date for e in events if e.type != "statement"] == [date(2024, 3, 10)]


def test_events_the_authorities_account_of_stones_thrown_makes_no_riot(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (Reuters) - Police opened fire on a sit-in by miners outside the regional "
        "administration in Kharkiv on Monday, killing two people, organisers said.\n\n"
        "A spokesman for the regional government said the protesters had blocked a main road "
        "and thrown stones at police, and that officers had fired in self-defence.\n",
        gazetteer,
    )
    [crackdown] = _current(events)
    assert crackdown.subtype == "Excessive force against protesters"


def test_events_a_round_up_s_teller_is_no_side_of_the_act_it_tells(gazetteer: Gazetteer) -> None:
    events = _events(
        "KYIV (Reuters) - Russian shelling killed two people in Kherson on Monday, officials "
        "said.\n\n"
        "Separately, Hezbollah's Al-Manar television said Israeli drones had struck a car near "
        "Tyre late on Sunday, killing two people.\n",
        gazetteer,
    )
    strike = next(e for e in events if e.subtype == "Air/drone strike")
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Israel"


def test_events_a_side_s_outlet_that_tells_an_act_did_not_do_it(gazetteer: Gazetteer) -> None:
    actors = sentence_actors(
        "The Houthi-run health ministry said three port workers were killed in the strikes.",
        gazetteer,
        "YE",
        "violence_against_civilians",
    )
    assert all(a.name != "Ansar Allah (Houthis)" for a in actors)


def test_events_friday_prayers_in_a_named_month_are_a_friday_of_that_month(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "KYIV (Reuters) - Russian drones struck a grain terminal in Odesa on Monday, officials "
        "said.\n\n"
        "In January, a missile killed 14 worshippers during Friday prayers at a church in "
        "Kharkiv.\n",
        gazetteer,
    )
    recalled = next(e for e in events if e.location is not None and e.location.name == "Kharkiv")
    assert recalled.date is not None and recalled.date.month == 1
    assert recalled.background


def test_events_a_drill_s_scenario_is_no_act(gazetteer: Gazetteer) -> None:
    events = _events(
        "TBILISI, Georgia (AP) — Police held a hostage-rescue drill at a bank in Tbilisi on "
        "Monday.\n\n"
        'In the scenario, a gang of "kidnappers" held six bank staff hostage while a "suicide '
        'bomber" was said to be approaching, and officers "neutralised" the attackers.\n',
        gazetteer,
    )
    assert not _current(events)


def test_events_the_day_a_claim_was_made_is_not_the_bombing_s(gazetteer: Gazetteer) -> None:
    # Published on Tuesday 2024-03-12: the claim came on Monday, the bomb went off on Saturday.
    events = _events(
        "KYIV (Reuters) - A partisan group on Monday claimed responsibility for a roadside "
        "bombing that killed three Russian soldiers near Melitopol over the weekend.\n\n"
        "The bomb exploded under a truck leading a convoy near Melitopol on Saturday evening, "
        "officials said.\n",
        gazetteer,
    )
    [bombing] = _current(events)
    assert bombing.date == date(2024, 3, 9)


def test_events_a_speaker_s_this_morning_is_not_a_day_of_its_own(gazetteer: Gazetteer) -> None:
    events = _events(
        "Georgian army retakes village\n\n"
        "TBILISI (AFP) - Georgian troops backed by local volunteers on Monday recaptured the "
        "village of Perevi, months after it fell to rebels, the army and residents said.\n\n"
        '"Our forces entered Perevi this morning after fierce fighting on its outskirts, and the '
        'enemy fled," an army commander told state radio, adding that 17 militants and four '
        "soldiers had been killed.\n",
        gazetteer,
    )
    [retaking] = _current(events)
    assert retaking.date == date(2024, 3, 11)
    assert retaking.fatalities is not None and retaking.fatalities.best == 21


def test_events_the_militants_are_the_one_group_the_story_names_fighting_there(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "BEIRUT (AP) — Hezbollah fighters clashed with Lebanese troops near Kfar Kila on Monday, "
        "the army said.\n\n"
        "On Tuesday, the militants overran a Lebanese army post near Marjayoun, killing four "
        "soldiers, officials said.\n",
        gazetteer,
    )
    overrun = next(e for e in events if e.subtype == "Non-state actor overtakes territory")
    assert overrun.actor1 is not None and overrun.actor1.name == "Hezbollah"


def test_events_a_headline_s_village_attack_stays_news_beside_the_riot_it_led_to(
    blame_gazetteer: Gazetteer,
) -> None:
    """A round-up headline's first act, told with no attacker ("12 killed in village attack"),
    is news: the riot two days later, listed after it, is not what the story is about."""
    events = _current(
        _events(
            "Benue: 12 killed in Yelwata village attack; youths riot in Makurdi, 9 suspects "
            "held\n\n"
            "MAKURDI — Gunmen killed at least 12 people in an attack on Yelwata village in Guma "
            "local government area of Benue State on Saturday night, residents said.\n\n"
            "On Monday, hundreds of youths in Makurdi blocked the main road with burning tyres "
            "and set fire to a police van, witnesses said.\n",
            blame_gazetteer,
        )
    )
    attack = next(e for e in events if e.subtype == "Attack")
    assert attack.date == date(2024, 3, 9)
    assert attack.fatalities is not None and attack.fatalities.best == 12
    assert "Violent demonstration" in [e.subtype for e in events]


@pytest.fixture(scope="module")
def ethiopia_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory, frozenset({"ET"}))


def test_events_a_headline_capture_told_as_a_denied_claim_keeps_its_type_and_no_older_toll(
    ethiopia_gazetteer: Gazetteer,
) -> None:
    """A lead that tells a claim and its denial reports the headline's capture: the drone
    strike "last week" that the story recalls later does not become the headline's act."""
    events = _events(
        "Ethiopia: Fano militia claims capture of Debark as police round up youths in Gondar\n\n"
        "ADDIS ABABA, March 11 (AFP) - Fano militiamen said they captured the town of Debark, "
        "north of Gondar in Ethiopia's Amhara region, on Saturday after a day of fighting with "
        "federal troops, a claim the regional government denied.\n\n"
        "In Gondar, police detained dozens of young men in house-to-house searches on Sunday, "
        "residents said.\n\n"
        "The searches followed a drone strike last week on a minibus south of Gondar that "
        "killed seven passengers, according to relatives of the victims.\n",
        ethiopia_gazetteer,
    )
    capture = next(e for e in events if e.subtype == "Non-state actor overtakes territory")
    assert capture.claim.status == "disputed"
    assert capture.fatalities is None
    strike = next(e for e in events if e.subtype == "Air/drone strike")
    assert strike.date is not None and strike.date < date(2024, 3, 9)


@pytest.mark.parametrize(
    "where",
    [
        "on the edge of the Nuseirat refugee camp in central Gaza",
        "in the Nuseirat camp in central Gaza",
    ],
)
def test_events_a_refugee_camp_named_for_its_town_is_there_and_central_gaza_is_no_city(
    gaza_gazetteer: Gazetteer, where: str
) -> None:
    [shelling] = _current(
        _events(
            f"GAZA CITY (AFP) - Israeli tank shells hit an area of tents {where} on Sunday, "
            "killing two people, the civil defence agency said.\n",
            gaza_gazetteer,
        )
    )
    assert shelling.location is not None and shelling.location.text == "Nuseirat"


@pytest.mark.parametrize(
    ("sentence", "recalls"),
    [
        (
            "The strike on the village came shortly after 10 a.m., when a jet dropped two bombs "
            "near a monastery school, a resident said.",
            False,
        ),
        ("The shelling resumed just after midnight, killing two people, officials said.", False),
        (
            "Three people were killed on Sunday, two days after a drone strike hit the market, "
            "officials said.",
            True,
        ),
    ],
)
def test_events_after_a_time_of_day_recalls_no_earlier_act(sentence: str, recalls: bool) -> None:
    """ "Shortly after 10 a.m., when a jet dropped two bombs" tells the act itself, not one
    before it; "two days after a drone strike" recalls one."""
    annotated = annotate(
        clean(Article(text=sentence, published=PUBLISHED, published_basis="given"))
    )
    mentions = [m for s in annotated.sentences for m in sentence_mentions(annotated, s)]
    assert any(m.earlier for m in mentions) == recalls


def test_events_a_march_that_ends_by_lighting_lamps_for_the_dead_is_a_commemoration(
    gazetteer: Gazetteer,
) -> None:
    events = _events(
        "COLOMBO (Wire) — Families, priests and students marched through Trincomalee on "
        "Saturday in a march that ended with the lighting of oil lamps for the 17 aid workers "
        "killed in the town in 2006.\n",
        gazetteer,
    )
    assert [e for e in _current(events) if e.type == "protests"] == []
