"""Place: where an event happened, the most specific place its sentence or story ties to it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from sitrep.extract.events.actors import named_actors
from sitrep.extract.events.spans import ByStart
from sitrep.records import (
    Annotated,
    PlaceMention,
    Sentence,
    Span,
)
from sitrep.resolve.gazetteer import Candidate, Gazetteer, country_capitals
from sitrep.resolve.geoparse import PART_OF_AREA, ROAD_WORDS

_SPECIFICITY = {"city": 0, "landmark": 0, "crossing": 0, "admin2": 1, "admin1": 2, "region": 2}


def _place(
    sentence: Sentence, places: ByStart[PlaceMention], ranks: Mapping[int, tuple[float, int]]
) -> PlaceMention | None:
    """The sentence's most specific place (``_ranks``), the first of equals."""
    inside = [
        p
        for p in places.within(sentence.start, sentence.end)
        if p.role == "event" and p.lat is not None
    ]
    return min(inside, key=lambda p: (*ranks.get(p.start, (3, 0)), p.start), default=None)


def _ranks(annotated: Annotated, places: Sequence[PlaceMention]) -> dict[int, tuple[float, int]]:
    """Each place's rank among a sentence's places (by where it starts): its coarseness (a town
    0, a district 1, a province 2, a country 3; a province standing at its seat, ``_as_town``,
    that the text calls a province, 1.5: "In the northern state of Chihuahua, … in Ciudad
    Juarez" is in Ciudad Juarez), then among places of one coarseness, what puts it last: a
    road's end (1: "a bomb on the Konduga-Bama road" is at Konduga where nothing nearer is
    named), a speaker's place (2: "a CJTF leader in Maiduguri said"), a place that modifies a
    noun (3: "the southern Gaza city of Rafah" is in Rafah, named in the same phrase)."""
    text = annotated.document.article.text
    return {p.start: (_coarseness(text, p), _demotion(annotated, p)) for p in places}


def _coarseness(text: str, place: PlaceMention) -> float:
    if place.kind == "city" and place.precision == "region" and _called_an_area(text, place):
        return 1.5
    return _SPECIFICITY.get(place.kind or "", 3)


def _called_an_area(text: str, place: PlaceMention) -> bool:
    return bool(
        _AREA_OF_BEFORE.search(text, max(0, place.start - 30), place.start)
        or _AREA_WORD_AFTER.match(text, place.end)
        or _PART_OF_BEFORE.search(text, max(0, place.start - 20), place.start)
    )


# The area words by which a text calls a province one (narrower than the resolver's ``AREAS``:
# with all of those, one wire dev event moved away from its gold place).
_PROVINCE_WORDS = r"(?:state|province|region|governorate|oblast|department|district)"
_AREA_OF_BEFORE = re.compile(rf"\b{_PROVINCE_WORDS}\s+of\s+(?:the\s+)?\Z", re.IGNORECASE)
_AREA_WORD_AFTER = re.compile(rf"\s+{_PROVINCE_WORDS}\b", re.IGNORECASE)
# "in central Gaza", "northern Gaza": a part of the province, not its namesake town.
_PART_OF_BEFORE = re.compile(rf"\b{PART_OF_AREA}\s+\Z", re.IGNORECASE)


def _demotion(annotated: Annotated, place: PlaceMention) -> int:
    tokens = annotated.tokens
    index = _last_word(annotated, place)
    if index is None:
        return 0
    if _names_a_road(annotated, index):
        return 1
    if _SAID_AFTER.match(annotated.document.article.text, place.end):
        return 2
    if tokens[index].dep in ("compound", "amod", "nmod") and not _names_itself(annotated, index):
        return 3
    return 0


_SAID_AFTER = re.compile(r"\s+(?:has\s+|had\s+)?(?:said|says|told)\b")


def _names_itself(annotated: Annotated, index: int) -> bool:
    """Whether the place at ``index`` modifies a word for a settlement that is the place
    itself ("in Bokkos town"), not one inside it ("the Gaza city of Rafah")."""
    tokens = annotated.tokens
    head = tokens[index].head
    if tokens[head].dep == "compound" and tokens[head].lemma.lower() in _KIN:
        head = tokens[head].head  # "the Nuseirat refugee camp"
    following = tokens[head + 1].text if head + 1 < len(tokens) else ""
    return tokens[head].lemma.lower() in _SETTLEMENTS and following != "of"


_SETTLEMENTS = frozenset({"town", "village", "city", "township", "hamlet", "settlement", "camp"})


def _names_a_road(annotated: Annotated, index: int) -> bool:
    """Whether the word at ``index`` is part of a road's name ("the Konduga-Bama road")."""
    tokens = annotated.tokens
    if tokens[index].dep != "compound":
        return False
    head = tokens[index].head
    if tokens[head].dep == "compound" and tokens[head].pos == "PROPN":
        head = tokens[head].head  # "Konduga" modifies "Bama", which modifies "road"
    return tokens[head].lemma.lower() in _ROADS


_ROADS = frozenset(ROAD_WORDS)


def event_places(
    annotated: Annotated, places: Sequence[PlaceMention], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """The places an event can be at: those of role ``event`` with a point, less

    - a country that acts ("Russia launched drones", "Britain's foreign office"): the subject
      or the possessor of its sentence is an actor, not where anything happened; so is any
      place that speaks ("Ankara says…"), owns forces ("Moscow's forces") or is party to a pact
      ("an agreement with Kinshasa");
    - a place in a country the story gives no other sign of ("Fano" read as the Italian town
      in a story from Ethiopia, "Mushu" as Muş in Turkey): the story's countries are those it
      names as countries, its dateline's, any two of its places share, and that of a place
      it names three times or more;
    - an armed group's name that the gazetteer also knows as a place ("Hamas");
    - where a weapon came from ("rockets fired from Lebanon"), which still tells the story's
      countries;
    - a place that qualifies someone ("Iran-backed militias", "a Pakistan-based handler"), a
      country that modifies a noun ("a U.S. official") or a place that modifies a government
      or a people ("the Kyiv regime", "the Hazara community"), which is no sign of the story's
      countries either;

    and a province or district named like its capital town ("Dhaka", "Goma") stands at the
    town, where the gazetteer has it in the same country: a story names the town."""
    text = annotated.document.article.text
    places = [
        p
        for p in places
        if p.role == "dateline"  # a section's label ("MALI - Mali's army said…") is no modifier
        or not (_QUALIFIES.match(text, p.end) or _modifies(annotated, p))
    ]
    located = [
        p for p in places if p.role == "event" and p.lat is not None and not _origin(text, p)
    ]
    located = [
        p
        for p in located
        if not (
            (p.kind == "country" and _acts(annotated, p))
            or _speaks(annotated, p)
            or owns_forces(annotated, p)
            or _PARTY_BEFORE.search(text, max(0, p.start - _PARTY_REACH), p.start)
        )
        and not _in_armed_group_name(text, p)
    ]
    supported = _story_countries(places)
    if supported:
        located = [p for p in located if p.country in supported]
    return [
        _as_town(_as_capital(text, p, gazetteer), gazetteer) for p in located
    ] or _dateline_alone([p for p in places if not _origin(text, p)])


# A place that is a party to a pact ("deployed under an agreement with Kinshasa", "talks with
# Moscow"): a government, not where anything happened.
_PARTY_BEFORE = re.compile(
    r"\b(?:agreements?|deals?|accords?|talks|pacts?|treaty|negotiations|partnership)\s+"
    r"(?:(?:signed|reached|struck|held)\s+)?with\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_PARTY_REACH = 40


def _as_capital(text: str, place: PlaceMention, gazetteer: Gazetteer) -> PlaceMention:
    """A country named for its capital ("in Haiti's capital", "the capital of Somalia") stands
    at that city: where the act happened, not the country's centre. The geoparser keeps the
    country, which is what the name itself means."""
    if place.kind != "country" or not (
        _CAPITAL_AFTER.match(text, place.end) or _CAPITAL_BEFORE.search(text, 0, place.start)
    ):
        return place
    capital = country_capitals().get(place.country or "")
    cities = [
        c
        for c in (gazetteer.candidates(capital, limit=5, skeleton="never") if capital else [])
        if c.kind == "city" and c.country_code == place.country
    ]
    city = max(cities, key=lambda c: c.population or 0, default=None)
    if city is None:
        return place
    return _at_town(place, city, f"the capital of {place.name}")


_CAPITAL_AFTER = re.compile(r"['’]s? capital\b")
_CAPITAL_BEFORE = re.compile(r"\bthe capital(?: city)? of (?:the )?\Z", re.IGNORECASE)


def _dateline_alone(places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The dateline's city, as the event place of a story that names no other place and no
    other country ("DHAKA (AFP) - Police arrested 45 students after clashes at the
    university"): a local story happens where it was filed."""
    datelines = [p for p in places if p.role == "dateline" and p.lat is not None]
    if not datelines or any(p.country not in (None, datelines[0].country) for p in places):
        return []
    return [replace(datelines[0], role="event", reason="dateline: the story names no other place")]


# A place that qualifies who someone is ("Iran-backed militias", "a Pakistan-based handler",
# "the Saudi-led coalition") is no place where anything happened.
_QUALIFIES = re.compile(
    r"-(?:backed|aligned|allied|linked|based|led|funded|sponsored|supported|affiliated|born)\b",
    re.IGNORECASE,
)


# Where a weapon came from, not where it struck ("about 40 projectiles crossed from Lebanon",
# "a drone launched from Yemen", "drones launched by Russia").
_ORIGIN_BEFORE = re.compile(
    r"\b(?:(?:fired|launched|crossed(?:\s+over)?|flew|flown|came|coming)\s+(?:\w+\s+){0,4}?from"
    r"|(?:fired|launched)\s+(?:\w+\s+){0,2}?by)\s+"
    r"(?:the\s+)?(?:directions?\s+of\s+|[\w-]+\s+)?"
    # the next of a list: "launched from the directions of Kursk, Oryol and Millerovo"
    r"(?:(?:[A-Z][\w'’-]+\s+){0,2}?[A-Z][\w'’-]+(?:,\s+|,?\s+and\s+))*\Z",
    re.IGNORECASE,
)


# Where the wounded were taken or died ("being treated in hospital in the city of Cucuta",
# "airlifted to Kabul", "brought to a hospital in Cotabato City", "died at the State Specialist
# Hospital in Maiduguri") and where travellers were bound ("waited for the last vehicles to
# Maiduguri"): not where the act happened.
_TAKEN_OR_BOUND_BEFORE = re.compile(
    r"\b(?:(?:treated|rushed|evacuated|flown|airlifted|transferred|admitted|brought|taken|"
    r"carried|died|succumbed)(?:\s+[\w-]+){0,6}?\s+(?:in|to|at)"
    r"|(?:bound|heading|headed|travell?ing|en route|vehicles?|bus|buses|flights?)\s+(?:to|for))"
    r"\s+(?:the\s+)?(?:(?:city|town|capital)\s+of\s+)?\Z",
    re.IGNORECASE,
)


def _origin(text: str, place: PlaceMention) -> bool:
    """Whether a place is where a weapon came from, where the wounded were taken or died,
    where travellers were bound, or the name of herders or raiders ("a clash between Pokot
    and Turkana herders in Kapedo": the Turkana are a people, Turkana a county)."""
    before = max(0, place.start - 60)
    return bool(
        _ORIGIN_BEFORE.search(text, max(0, place.start - 120), place.start)
        or _TAKEN_OR_BOUND_BEFORE.search(text, before, place.start)
        or _MOBILE_PEOPLE_AFTER.match(text, place.end)
    )


_MOBILE_PEOPLE_AFTER = re.compile(
    r"\s+(?:herders|herdsmen|pastoralists|raiders|militiamen|cattle rustlers)\b"
)


def _in_armed_group_name(text: str, place: PlaceMention) -> bool:
    """Whether a "place" is an armed group's name the gazetteer also lists ("Hamas" is an
    alternate name of Hamm, Germany), or lies inside one ("Tehreek-i-Taliban Pakistan")."""
    start = max(0, place.start - _GROUP_NAME_REACH)
    window = text[start : place.end + _GROUP_NAME_REACH]
    at, end = place.start - start, place.end - start
    return any(
        hit.start() <= at and end <= hit.end()
        for actor in named_actors()
        if any(needle in window for needle in actor.needles)
        for hit in actor.pattern.finditer(window)
    )


_GROUP_NAME_REACH = 60  # characters either side of a place searched for a group's name


def owns_forces(
    annotated: Annotated, place: PlaceMention, within: Callable[[int], bool] | None = None
) -> bool:
    """Whether a place is the possessor of forces ("Moscow's forces had taken Ocheretyne"): a
    government, not where they were. ``within``: where the forces must be named, for a part of
    a sentence (the parse may join "Somalia's Baidoa; army retakes…" across the semicolon)."""
    index = _last_word(annotated, place)
    if index is None:
        return False
    tokens = annotated.tokens
    token = tokens[index]
    forces = tokens[token.head]
    return (
        token.dep == "poss"
        and forces.lemma.lower() in _FORCES
        and (within is None or within(forces.start))
        and not _group_named_after(annotated.document.article.text, place.end, forces.end)
    )


def _group_named_after(text: str, start: int, end: int) -> bool:
    """Whether an armed group's name follows a possessive: "Myanmar's Kachin Independence
    Army" is a rebel group, not Myanmar's army."""
    words = text[start:end]
    return any(
        actor.kind != "state_forces" and actor.pattern.search(words)
        for actor in named_actors()
        if any(needle in words for needle in actor.needles)
    )


def _acts(annotated: Annotated, place: PlaceMention) -> bool:
    """Whether a country is named as the subject or the possessor of its sentence, as the
    agent of a passive ("brokered by Turkey", "shelled by Russia"), as the owner of the
    forces that act ("military forces of Azerbaijan fired"), and not as the container of a place
    ("Iraq's Anbar province"). A name of many words stands in the parse by its last ("mediated
    by the United Arab Emirates")."""
    tokens = annotated.tokens
    index = _last_word(annotated, place)
    if index is None:
        return False
    token = tokens[index]
    if token.dep == "pobj" and tokens[token.head].text.lower() == "of":
        owner = tokens[tokens[token.head].head]  # "military forces of Azerbaijan fired"
        return owner.dep in ("nsubj", "nsubjpass") and owner.lemma.lower() in _FORCES
    if token.dep == "poss" and tokens[token.head].lemma.lower() in _AREAS:
        return False  # "Iraq's Anbar province", "Haiti's capital": where, not who
    return token.dep in ("nsubj", "poss") or (
        token.head != index and tokens[token.head].dep in ("poss", "agent")
    )


def _modifies(annotated: Annotated, place: PlaceMention) -> bool:
    """Whether a place name says whose, not where: a country that modifies a noun that is no
    place ("a U.S. official", "U.S. strikes"; "the Kharkiv region" is where), any place that
    modifies a government ("the Kyiv regime", "Juba authorities") or a people ("the Hazara
    community", "Gaza families"), and a province or district whose police speak or act
    anywhere in it ("Punjab police said 129 people were arrested": where the riot was)."""
    tokens = annotated.tokens
    index = _token_starting(annotated, place.start)
    if index is None:
        return False
    while tokens[index].dep == "compound" and place.end >= tokens[tokens[index].head].end:
        index = tokens[index].head  # "United States": its last word
    token = tokens[index]
    if token.dep not in ("compound", "amod"):
        return False
    noun = tokens[token.head].lemma.lower()
    return (
        noun in _GOVERNMENTS
        or (noun in _KIN and not _names_a_camp(annotated, token.head))
        or (place.kind == "country" and noun not in _AREAS)
        or (noun == "police" and place.kind in ("admin1", "admin2"))
    )


def _names_a_camp(annotated: Annotated, index: int) -> bool:
    """Whether the word at ``index`` ("refugee") names, with the word it modifies, a place
    where people live: "the Nuseirat refugee camp" is in Nuseirat."""
    tokens = annotated.tokens
    token = tokens[index]
    return token.dep == "compound" and tokens[token.head].lemma.lower() in _SETTLEMENTS


_GOVERNMENTS = frozenset(
    {"regime", "government", "authority", "administration", "leadership", "junta", "official"}
)
_KIN = frozenset(
    {"community", "family", "tribe", "clan", "diaspora", "refugee", "migrant", "descent"}
)
_FORCES = frozenset({"force", "army", "military", "troop", "unit", "soldier", "government"})
_AREAS = frozenset(
    {"area", "province", "district", "region", "state", "county", "governorate", "oblast",
     "capital", "city", "town", "village", "north", "south", "east", "west", "northeast",
     "northwest", "southeast", "southwest", "border", "coast", "outskirts", "territory"}
)  # fmt: skip


_SPEECH = frozenset(
    {"say", "tell", "deny", "accuse", "announce", "claim", "insist", "warn", "confirm", "blame",
     "respond", "reject", "condemn", "demand", "urge", "threaten", "vow", "allege", "argue"}
)  # fmt: skip


def _speaks(annotated: Annotated, place: PlaceMention) -> bool:
    """Whether a place is named as the one who speaks or acts on something ("Moscow denied",
    "Ankara regularly carries out operations against the PKK", "Galmudug's security minister
    told AFP"): its government, not where anything happened ("Goma fell" is where)."""
    index = _last_word(annotated, place)
    if index is None:
        return False
    tokens = annotated.tokens
    token = tokens[index]
    if token.dep == "poss":
        # "Galmudug's security minister Ahmed Ali Farah told AFP": the place's government speaks
        owner = token.head
        while tokens[owner].dep == "compound" and tokens[owner].head != owner:
            owner = tokens[owner].head
        return tokens[owner].dep == "nsubj" and tokens[tokens[owner].head].lemma.lower() in _SPEECH
    if token.dep != "nsubj":
        return False
    verb = token.head
    return tokens[verb].lemma.lower() in _SPEECH or any(
        tokens[i].dep == "dobj" and tokens[i].head == verb
        for i in range(max(0, verb - 12), min(len(tokens), verb + 12))
    )


def _last_word(annotated: Annotated, place: PlaceMention) -> int | None:
    """The token of a place name's last word, which carries the name's relation in the parse
    ("United States" hangs on "States")."""
    index = _token_starting(annotated, place.start)
    if index is None:
        return None
    tokens = annotated.tokens
    while tokens[index].end < place.end and index + 1 < len(tokens):
        index += 1
    return index


def _token_starting(annotated: Annotated, start: int) -> int | None:
    low, high = 0, len(annotated.tokens)
    while low < high:  # tokens are in text order
        middle = (low + high) // 2
        if annotated.tokens[middle].start < start:
            low = middle + 1
        else:
            high = middle
    return low if low < len(annotated.tokens) and annotated.tokens[low].start == start else None


# A place the story names this often is a sign of its country by itself ("Srinagar" five
# times in a story that also names Pakistan).
_TOLD_TIMES = 3


def _story_countries(places: Sequence[PlaceMention]) -> set[str]:
    named = {
        p.country for p in places if p.country and (p.kind == "country" or p.role == "dateline")
    }
    # two places, not two names: "Gaza" (the district) and "Gaza City" share a name
    places_by_country: dict[str, set[int]] = {}
    for p in places:
        if p.country and p.geonameid is not None:
            places_by_country.setdefault(p.country, set()).add(p.geonameid)
    shared = {country for country, ids in places_by_country.items() if len(ids) >= 2}
    times = Counter((p.country, p.name) for p in places if p.country and p.name)
    told = {country for (country, _), count in times.items() if count >= _TOLD_TIMES}
    return named | shared | told


def _as_town(place: PlaceMention, gazetteer: Gazetteer) -> PlaceMention:
    """The town a province or district is named after, in that province ("Dhaka", "Goma"), as
    ACLED places an act told only by its province at the provincial capital; never a namesake
    town elsewhere in the country ("Michoacán" is a state, not the hamlet of that name in
    Chiapas; "Indiana" not the town in Pennsylvania), nor a small town that bears the name and
    is not the seat ("Chiapas" is not Chiapa de Corzo, "Sinaloa" not Sinaloa de Leyva):
    ``_SEAT_SHARE``."""
    if place.kind not in ("admin1", "admin2") or not place.name or place.geonameid is None:
        return place
    area = gazetteer.get(place.geonameid)
    if area is None:
        return place
    towns = [
        c
        for c in gazetteer.candidates(place.text, limit=5, skeleton="never")
        if c.kind == "city"
        and c.country_code == place.country
        and c.matched_by == "exact"
        and c.admin1_code == area.admin1_code
        and (c.population or 0) >= _SEAT_SHARE * (area.population or 0)
    ]
    if not towns:
        return place
    return _at_town(place, towns[0])


# The least share of its area's people a town named like the area holds where it is the seat:
# on the wire dev stories the seats hold 0.11 (Kherson) to all of them, the namesakes that are
# not seats 0.002 (Sinaloa de Leyva) to 0.013 (Tavush, whose seat is Ijevan). An area's people
# are the cities500 populations inside it (``Place``); one of none known takes its namesake.
_SEAT_SHARE = 0.05


def _at_town(place: PlaceMention, town: Candidate, reason: str | None = None) -> PlaceMention:
    """The mention standing at ``town``, with the reason it does where one is given."""
    return replace(
        place,
        geonameid=town.geonameid,
        name=town.name,
        lat=town.lat,
        lon=town.lon,
        admin1=town.admin1_code,
        kind="city",
        reason=reason or place.reason,
    )


def more_specific(place: PlaceMention, than: PlaceMention) -> bool:
    """Whether ``place`` is of a finer kind than ``than``: a town than a district, a district
    than a province, a province than a country, and any town than a province's capital that
    stands for the province (``_as_town``: its precision stays ``region``)."""
    if than.precision == "region" and place.precision != "region":
        return True
    return _SPECIFICITY.get(place.kind or "", 3) < _SPECIFICITY.get(than.kind or "", 3)


def own_place(
    annotated: Annotated, sentence: Sentence, located: ByStart[PlaceMention]
) -> PlaceMention | None:
    """The most specific event place ``sentence`` names itself (``_place``), else None."""
    inside = located.within(sentence.start, sentence.end)
    return _place(sentence, located, _ranks(annotated, inside)) if inside else None


def nearby_places(
    annotated: Annotated, located: Sequence[PlaceMention]
) -> list[PlaceMention | None]:
    """Each sentence's place among ``located`` (``event_places``): its own most specific one;
    where it names none, or only a country, the last town or region named before it in that
    country ("JNIM said its fighters had overrun the post" after "a post near the town of
    Niono"); else the story's first place below country level, else its first place."""
    below_country = [p for p in located if p.kind != "country"]
    story = below_country[0] if below_country else (located[0] if located else None)
    ranks = _ranks(annotated, located)
    by_start = ByStart(located, lambda p: p.start)
    text = annotated.document.article.text
    result: list[PlaceMention | None] = []
    last: PlaceMention | None = None
    for sentence in annotated.sentences:
        own = _place(sentence, by_start, ranks)
        if (
            last is not None
            and own is not None
            and _names_the_town_again(text, sentence, own, last)
        ):
            result.append(replace(last, reason=f"the town named before, in {own.name}"))
        elif own is not None and own.kind != "country":
            last = own
            result.append(own)
        elif last is not None and (own is None or own.country == last.country):
            result.append(last)
        else:
            result.append(own or story)
    return result


# A town named before and pointed at again: "a village about 15 kilometers from the town in
# Burkina Faso's Sahel region" after "the edge of Aribinda".
_THE_TOWN = re.compile(
    r"\b(?:from|of|near|outside|around|in|to) the (?:town|city|village|settlement)\b(?! of\b)",
    re.IGNORECASE,
)


def _names_the_town_again(
    text: str, sentence: Sentence, own: PlaceMention | None, last: PlaceMention | None
) -> bool:
    """Whether ``sentence`` places its act by "the town" named before (``last``), naming
    itself only the province or district that holds it: the town is the more specific."""
    return (
        own is not None
        and last is not None
        and own.kind in ("admin1", "admin2")
        and last.kind == "city"
        and last.country == own.country
        and last.admin1 is not None
        and last.admin1 == own.admin1
        and _THE_TOWN.search(text, sentence.start, sentence.end) is not None
    )


def part_place(
    annotated: Annotated,
    located: ByStart[PlaceMention],
    part: Span,
    covers: Callable[[int], bool],
    sentence_place: PlaceMention | None,
    *,
    recalled: bool = False,
) -> PlaceMention | None:
    """The place of a part of a sentence that reports an act of its own (``mentions``): the
    most specific place below country level it names (``covers`` tells which offsets of the
    stretch ``part`` are its), else, for a clause that recalls an earlier act, a country it
    names other than its sentence's place's ("killed three in Bint Jbeil, hours after
    Hezbollah fired rockets at a base in northern Israel"), else its sentence's."""
    named = [p for p in located.within(part.start, part.end) if covers(p.start)]
    own = [p for p in named if p.kind != "country"]
    if not own:
        home = sentence_place.country if sentence_place else None
        abroad = (p for p in named if recalled and p.country != home)
        return next(abroad, sentence_place)
    ranks = _ranks(annotated, own)
    return min(own, key=lambda p: ranks[p.start])


def main_country(places: Sequence[PlaceMention]) -> str | None:
    countries = Counter(p.country for p in places if p.role != "dateline" and p.country)
    return countries.most_common(1)[0][0] if countries else None
