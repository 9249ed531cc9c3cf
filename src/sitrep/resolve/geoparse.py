"""The places of an article: names found in the parsed text, resolved together, given a role.

Recognition: spaCy's GPE, LOC and FAC entities, plus names the small model gets wrong ("
Stepanakert" as a PERSON, "Nagorno-Karabakh" as an ORG) when the gazetteer knows them as a
country, province or region, or as a town after a locative preposition ("near Vardenis"), before
an area word ("the Odesa and Mykolaiv regions") or before its country or province ("Krasnodar,
Russia"), or only by a loose match of its consonants after a word for a place, in a country the
story names ("the coastal town of Harardhere", GeoNames' Xarardheere); members of a list of
places ("Moonbi, Parkes, Berry and Wyong", two of them tagged); the repeats of a name found once
where the model tags nothing ("Douma is surrounded"); and datelines in capitals the cleaner did
not take ("BEIRUT: ..."), a country's initials ("US", "EU"; never "SA", which two places share),
a town before a word for its people ("Gainesville man charged"), both halves of a hyphenated
pair ("the Lebanon-Syria treaty"). A compass direction in capitals is no part of a name unless
the whole is one ("Northeast Georgia" is Georgia; "South Sudan" stays), and alone no place
("Western diplomats"). A span is the name alone: a possessive or a lower-case area word after it
is dropped ("Kharkiv's", "Nyanza province", the area word still read to choose the province), an
abbreviation keeps its period ("U.S.", "W.Va."). A facility tagged as a place but named after
one ("Vancouver International Airport", "Henrico County Police") gives that place, unless a
feature word makes it a place of its own ("Lake Ontario", "Fort Hood"). Two more kinds of name
are found, for what they tell of the story's geography, and never taken for where anything
happened: a demonym ("Azerbaijani troops", "Georgians", "the Georgian Interior Ministry", "a
German-Iraqi boy") stands for its country with the role ``origin``, and so does a legislator's
hometown ("Rep. Joseph Wagner, D-Chicopee"); a place at the head or tail of an organisation's
name ("Gainesville Police Department", "University of Nebraska", "CBC Toronto") is the place
with the role ``organisation`` (a single word only when it names a country, a province or a
sizeable town: "Energy Department" is no village in Illinois). A name is no place, however it
was found, when it is a church's saint ("the church of St. Peter and St. Paul"), or a single
word that is a common word ("the Centre"), a people's word that names some town ("the Spanish
Oaks Apartments") or the surname of a person the story names in full ("Turner said"), and when
it names a people and the gazetteer knows it only loosely ("Hazara families" are no Hazro City).
An area word after names given together applies to each ("the Odesa and Mykolaiv regions": two
provinces). Only demonyms are left out of the coherence of the others (an "American" product in
a story about Dhaka says nothing of where Dhaka's namesakes lie).

Roles: the dateline's place is ``dateline``; a place standing for its government or people
("Moscow denied", "Baku said") or named as the far side of a border or a direction ("toward the
border with Burkina Faso") or joined to another by a hyphen ("the Lebanon-Syria treaty") is
``context``; a demonym's country ``origin``; a place in an organisation's name ``organisation``;
any other is ``event``.

Relative places: "about 10 kilometers (6 miles) south of Stepanakert" keeps Stepanakert, with
``precision: near`` and the point moved 10 km south; "near", "outside", "on the outskirts of"
give ``near`` without a move.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from sitrep.numbers import NUMBER, parse_number
from sitrep.records import (
    Annotated,
    Dateline,
    Entity,
    PlaceMention,
    PlacePrecision,
    PlaceRole,
    SegmentKind,
)
from sitrep.resolve.gazetteer import Candidate, Gazetteer
from sitrep.resolve.geometry import destination
from sitrep.resolve.places import (
    AREAS,
    NOT_PLACE_WORDS,
    NameToResolve,
    PlaceResolver,
    Resolution,
    containers_after,
    in_named_area,
    initials_of,
    is_acronym,
)
from sitrep.resolve.readers import readers_of

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MISLABELLED = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "NORP", "LANGUAGE"})
_BROAD_KINDS = frozenset(
    {"country", "admin1", "region", "continent", "sea", "river", "mountains", "crossing"}
)
# The words that name a part of an area ("central Gaza", "northern Kherson"), shared with the
# event stage's ranking of places.
PART_OF_AREA = (
    r"(?:central|northern|southern|eastern|western|north-?(?:east|west)ern|"
    r"south-?(?:east|west)ern)"
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|outside|at|from|to|into|towards?|around|across|of|between|and|"
    rf"outskirts\s+of)\s+(?:the\s+)?(?:(?:{PART_OF_AREA}|downtown|rural)\s+)?\Z",
    re.IGNORECASE,
)
# "countryside": the rural part of a province, as ACLED and Syrian reporting name it ("Dara
# countryside", "in Aleppo countryside"): the province, not a namesake town abroad (Dara,
# Senegal). With "X town in Y countryside" read as X's container (``containers_after``),
# ACLED notes dev: place within 25 km 0.720 to 0.724; geoparsing and wire dev unchanged.
_AREA_NOUNS = (
    r"province|region|district|governorate|oblast|prefecture|raion|krai|municipality|countryside"
)
# An area word right after a name ("the Vardenis region"), or after the last of names it
# applies to each of ("the Odesa and Mykolaiv regions", "Kherson, Zaporizhzhia and Donetsk
# provinces").
_AREA_NEXT = re.compile(rf"\s+(?P<area>{_AREA_NOUNS})\b")
# A river named with its word ("along the Khabur river"): a river, never a town of its name.
_RIVER_NEXT = re.compile(r"\s+(?P<area>river)\b", re.IGNORECASE)
# "Plateau state", "Kachin state": Nigerian, Indian, Sudanese and Myanmar stories write the
# word in lower case after a province's name.
_STATE_NEXT = re.compile(r"\s+state\b")
_AREAS_NEXT = re.compile(
    r"(?:(?:,\s+|,?\s+and\s+)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})*"
    r"\s+(?P<area>provinces|regions|districts|governorates|oblasts|prefectures|raions|krais|"
    r"municipalities)\b"
)
# An unambiguous word for a place right before a name: "the coastal town of Harardhere", "the
# southern village of Robotyne", "the border district of Kurram".
_PLACE_NOUN_BEFORE = re.compile(
    r"\b[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>town|village|city|district|province|region|"
    r"county|hamlet|port|settlement|township|suburb)\s+of\s+\Z"
)
_AREA_PLACE_NOUNS = frozenset({"district", "province", "region", "county"})
# A capitalised name, or one behind Arabic's article in lower case ("al-Qaim", "el-Fasher").
_ARTICLE_CAPITALISED = re.compile(r"(?:(?:al|el|an|ar|as|ash|at|ad|az|ez|es|ed)-)?[A-Z]")
# A word for a people's members right after its name: "Hazara families", "the Hazara
# community".
_PEOPLE_AFTER = re.compile(
    r"\s+(?:famil(?:y|ies)|communit(?:y|ies)|minorit(?:y|ies)|tribes?|tribesmen|clans?|elders|"
    r"people|women|men|leaders|refugees|activists|mourners|pilgrims)\b"
)
# A capitalised name of up to three words, not run on past a possessive ("Nigeria's Kebbi").
_CAPITALISED = re.compile(
    r"[A-Z][\w'’-]*[a-z][\w'’-]*(?:(?<!['’]s)\s+[A-Z][\w'’-]*[a-z][\w'’-]*){0,2}"
)
_SPEECH_AFTER = re.compile(
    r"\A(?:['’]s\s+(?:\w+\s+){1,2})?\s*(?:has\s+|have\s+|had\s+|also\s+|again\s+)?"
    r"(?:said|says|say|denied|denies|deny|claimed|claims|accused|accuses|warned|warns|"
    r"announced|announces|insisted|insists|responded|rejected|rejects|condemned|condemns|"
    r"urged|urges|demanded|demands|threatened|threatens|blamed|blames|welcomed|welcomes)\b"
)
# A preposition right before a place that seems to speak: "police in Mandera said" is where the
# speaker is, not the place speaking ("Moscow said").
_WHERE_A_SPEAKER_IS = re.compile(
    r"\b(?:in|at|near|outside|inside|from|around|across)\s+(?:the\s+)?\Z", re.IGNORECASE
)
# Where a teller of the news sits, not where it happened: "according to a security source in
# Pemba", "a diplomat based in Nairobi", "our correspondent in Maiduguri".
_TELLER_BEFORE = re.compile(
    r"\b(?:sources?|correspondents?|diplomats?|analysts?|journalists?|reporters?|"
    r"(?:[\w-]+\s+)?based)\s+(?:who\s+is\s+)?(?:in|at)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_COMPASS = {
    "north": 0.0, "northeast": 45.0, "north-east": 45.0, "east": 90.0, "southeast": 135.0,
    "south-east": 135.0, "south": 180.0, "southwest": 225.0, "south-west": 225.0, "west": 270.0,
    "northwest": 315.0, "north-west": 315.0,
}  # fmt: skip
_OFFSET_BEFORE = re.compile(
    rf"(?P<relation>(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+)?(?P<distance>{NUMBER})\s*-?\s*"
    r"(?P<unit>kilometers?|kilometres?|km|miles?|mi)\b(?:\s*\([^)]{0,30}\))?\s+"
    r"(?P<bearing>north-?east|north-?west|south-?east|south-?west|north|south|east|west)"
    r"\s+of)(?P<tail>\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?)\Z",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"\b(?P<relation>near|outside|close\s+to|on\s+the\s+(?:outskirts|edge|fringes)\s+of|"
    r"in\s+the\s+outskirts\s+of|just\s+outside|around|the\s+outskirts\s+of|"
    r"in\s+the\s+direction\s+of)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_MILE_KM = 1.609344
# A place named as a direction or the far side of a border ("toward the border with Burkina
# Faso", "the frontier with Iran", "towards Kramatorsk"), where nothing happened. "In the
# direction of X" is no such place but the front sector at X, where the shelling and the
# fighting are ("Russian forces shelled in the direction of Marinka, Donetsk"): ACLED codes
# such events to X (``_NEAR_BEFORE``).
_BEYOND_BEFORE = re.compile(
    r"\b(?:(?:border|borders|frontier|boundary)\s+with|towards?|"
    # a destination: "martyred on the road to Jerusalem", "a convoy bound for Gaza"
    r"on\s+the\s+(?:road|way)\s+to|bound\s+for|en\s+route\s+to|"
    # a road's far end: "the road between Sevare and Bandiagara" is coded at Sevare
    r"(?:road|highway|motorway|route|expressway)\s+(?:between|linking|connecting|from)\s+"
    r"[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*){0,2}\s+(?:and|to|with))"
    r"\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundName:
    """A place name found in the text, before resolution."""

    text: str
    start: int
    end: int
    segment: SegmentKind
    role: PlaceRole | None = None  # "organisation" for a place inside an organisation's name
    # What the resolver looks up, when more than the span: "Nyanza province" for "Nyanza".
    lookup: str | None = None


def find_place_names(annotated: Annotated, gazetteer: Gazetteer) -> list[FoundName]:
    """Place names of the story and its captions, each distinct caption once, in text order."""
    text = annotated.document.article.text
    dateline = annotated.document.dateline
    countries = _story_countries(annotated, gazetteer)
    found: list[FoundName] = []
    for entity in _joined_names(annotated.entities, text, gazetteer):
        if dateline and dateline.start <= entity.start < dateline.end:
            continue  # the dateline's place is added below; its outlet ("(AP)") is no place
        if not _ARTICLE_CAPITALISED.match(entity.text.removeprefix("the ")):
            continue  # "bush", "the border": a common word, whatever the model tags it
        if _DIRECTION_WORD.fullmatch(entity.text.removeprefix("the ")):
            continue  # "Western diplomats", "the Northeast": no place of its own
        if entity.label in ("NORP", "LANGUAGE") and gazetteer.demonym(entity.text):
            continue  # a demonym stands for its country (``_demonyms``), not a place name
        if entity.label in _PLACE_LABELS and _holds_a_place(entity, gazetteer):
            continue  # "Henrico County Police": the place inside it (``_organisation_places``)
        if (
            entity.label in _PLACE_LABELS
            or (entity.label in _MISLABELLED and _known_place(text, entity, gazetteer, countries))
            or (entity.label == "DATE" and _a_country(entity.text, gazetteer))
        ):
            found.append(_trimmed(text, entity.start, entity.end, entity.segment, gazetteer))
        elif entity.label in _MISLABELLED:
            found.extend(_place_and_container(text, entity, gazetteer))
    # A name taken once is a place wherever the story repeats it, whatever the model tags it.
    accepted = {f.text for f in found}
    starts = {f.start for f in found}
    for entity in annotated.entities:
        in_dateline = dateline is not None and dateline.start <= entity.start < dateline.end
        repeated = entity.text in accepted and entity.start not in starts
        if repeated and not in_dateline:
            found.append(_trimmed(text, entity.start, entity.end, entity.segment, gazetteer))
            starts.add(found[-1].start)
    tagged = _Taken(
        [(f.start, f.end) for f in found] + [(e.start, e.end) for e in annotated.entities]
    )
    found.extend(_untagged_repeats(annotated, gazetteer, accepted, tagged))
    taken = _Taken(
        [(f.start, f.end) for f in found] + [(e.start, e.end) for e in annotated.entities]
    )
    found.extend(_hometowns(annotated, gazetteer, _Taken([(f.start, f.end) for f in found])))
    found.extend(_article_names(annotated, gazetteer, _Taken([(f.start, f.end) for f in found])))
    names_taken = _Taken([(f.start, f.end) for f in found])
    found.extend(_missed_names(annotated, gazetteer, taken, countries))
    found.extend(_first_after_dateline(annotated, gazetteer, taken, countries))
    found.extend(_listed_names(annotated, gazetteer, found))
    found.extend(_organisation_places(annotated, gazetteer, names_taken))
    # Both halves of a pair of places are context, whichever way each was found (but a road's
    # first end).
    pairs = {(p.start, p.end): p for p in _paired_places(annotated, gazetteer) if p.role}
    found = [
        replace(f, role=pairs[(f.start, f.end)].role) if (f.start, f.end) in pairs else f
        for f in found
        if not _holds_a_pair(f, pairs.values())  # "Dikwa-Gamboru", tagged as one name
    ]
    found_taken = _Taken([(f.start, f.end) for f in found])
    found.extend(p for p in pairs.values() if not found_taken.overlaps(p.start, p.end))
    found.extend(_bare_datelines(annotated, gazetteer, names_taken))
    found.extend(_named_containers(annotated, gazetteer, found))
    found = _run_on(text, found, gazetteer)
    surnames = _surnames(annotated)
    found = [f for f in found if not _no_place(text, f, surnames, gazetteer)]
    peoples = _peoples(annotated, found)
    found = [_with_area(text, f, gazetteer) for f in found if not _a_people(f, peoples, gazetteer)]
    if dateline and dateline.place:
        start = text.find(dateline.place, dateline.start, dateline.end)
        found.append(FoundName(dateline.place, start, start + len(dateline.place), "body"))
    return sorted(found, key=lambda f: f.start)


def _place_and_container(text: str, entity: Entity, gazetteer: Gazetteer) -> list[FoundName]:
    """A town and the area it lies in that the model tagged as one organisation ("Ihiala,
    Anambra State"): both places, where the gazetteer knows each by exactly its name."""
    pair = _PLACE_COMMA_AREA.fullmatch(entity.text)
    if pair is None:
        return []
    parts = [pair.span("place"), pair.span("area")]
    if not all(gazetteer.candidates(entity.text[a:b], limit=1, skeleton="never") for a, b in parts):
        return []
    return [
        FoundName(entity.text[a:b], entity.start + a, entity.start + b, entity.segment)
        for a, b in parts
    ]


# "Ihiala, Anambra State", "Kauru, Kaduna": a town, then the area it lies in.
_PLACE_COMMA_AREA = re.compile(
    r"(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?),\s(?P<area>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
)


def _a_country(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is exactly a country's ("Niger", which the model may tag a date)."""
    return any(
        c.kind == "country" and c.matched_by == "exact"
        for c in gazetteer.candidates(name, limit=3, skeleton="never")
    )


def _joined_names(entities: Sequence[Entity], text: str, gazetteer: Gazetteer) -> list[Entity]:
    """The entities, two adjacent place names the model split that together name one area
    joined: "DR" and "Congo" are DR Congo, not Drenthe and the Congo; "Jammu" and "Kashmir"
    are Jammu and Kashmir, the territory, not the city of Jammu."""
    joined: list[Entity] = []
    for entity in entities:
        town = _hyphenated_town(entity, text, gazetteer)
        while town is not entity and joined and joined[-1].end > town.start:
            joined.pop()  # "Rostov", tagged alone before "-on-Don"
        entity = town
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label in _PLACE_LABELS
            and entity.label in _PLACE_LABELS
            and _JOIN_GAP.fullmatch(text, last.end, entity.start)
            and _one_place(text[last.start : entity.end], text[last.end : entity.start], gazetteer)
        ):
            joined[-1] = replace(last, end=entity.end, text=text[last.start : entity.end])
        else:
            joined.append(entity)
    return joined


def _hyphenated_town(entity: Entity, text: str, gazetteer: Gazetteer) -> Entity:
    """The entity as the town whose hyphenated name it ends, where the model split the name at
    its particles ("Rostov-on-Don" read as "Don", a person): a place, whatever it was tagged."""
    before = _HYPHENED_PARTICLE_BEFORE.search(text, max(0, entity.start - 40), entity.start)
    if before is None:
        return entity
    name = text[before.start() : entity.end]
    if not any(
        c.kind == "city" and c.matched_by == "exact"
        for c in gazetteer.candidates(name, limit=5, skeleton="never")
    ):
        return entity
    return replace(entity, start=before.start(), text=name, label="GPE")


_HYPHENED_PARTICLE_BEFORE = re.compile(
    r"\b[A-Z][\w'’]+-(?:on|upon|sur|en|am|an|de|del|la|le|les|di|du)-\Z"
)
# What may lie between two parts of one name: a space, "and", or the particles of a Spanish,
# Portuguese or Italian name ("San Cristobal de las Casas", split by the model at "las").
_JOIN_GAP = re.compile(r" (?:and |(?:(?:de|del|la|las|los|da|do|das|dos|di) ){1,2})?")


def _one_place(name: str, gap: str, gazetteer: Gazetteer) -> bool:
    """Whether two adjacent names joined are one: an area ("DR Congo", "Jammu and Kashmir"),
    or a town of exactly that name where particles join them."""
    if gap.strip() in ("", "and"):
        return _names_an_area(name, gazetteer)
    return any(
        c.kind == "city" and c.matched_by != "skeleton"
        for c in gazetteer.candidates(name, limit=5, skeleton="never")
    )


def _names_an_area(name: str, gazetteer: Gazetteer) -> bool:
    return any(
        c.kind in ("country", "admin1") and c.matched_by != "skeleton"
        for c in gazetteer.candidates(name, limit=5, skeleton="never")
    )


def _named_containers(
    annotated: Annotated, gazetteer: Gazetteer, found: list[FoundName]
) -> Iterator[FoundName]:
    """The country or province named after a place as its container that no name covers ("in
    Yerevan (Yerevan, Armenia)", "Gyumri, Armenia", "Oleksandrivka, Donetsk", where the model
    tagged the container as nothing): the story names that area, as the resolver already read
    it (``containers_after``). Without it, a story from Yerevan that also names Belarus had no
    sign of Armenia, and its protest was placed in Belarus (``extract/events/place.py``: places
    in a country the story gives no other sign of are no event's). A container the model
    tagged as something else ("Yerevan (Yerevan" a facility) is taken too. ACLED notes dev:
    place within 25 km 0.690 to 0.696 (countries), 0.713 to 0.720 (provinces too, whatever the
    model tagged); geoparsing dev (end to end) all gold unchanged, GeoVirus 0.798 to 0.799,
    strict F1 LGL 0.7717 to 0.7712 and TR-News 0.8733 to 0.8726 (containers the gold does not
    count); wire dev unchanged."""
    text = annotated.document.article.text
    taken = _Taken([(f.start, f.end) for f in found])
    seen: set[int] = set()
    for name in found:
        end = _end(text, name)
        for named in [*containers_after(text, end), *_parenthesised(text, end)]:
            # "Kurakhove, Donetsk. Casualties unknown.": the container ends with its sentence
            first = named.split(". ")[0]
            for container in dict.fromkeys([named, first, first.rstrip(".")]):
                start = text.find(container, end, end + 150)
                if start < 0 or start in seen or taken.overlaps(start, start + len(container)):
                    continue
                known = gazetteer.candidates(container, limit=10, skeleton="never")
                if any(c.kind in _CONTAINER_KINDS and c.matched_by == "exact" for c in known):
                    seen.add(start)
                    yield FoundName(container, start, start + len(container), name.segment)
                    break


def _article_names(
    annotated: Annotated, gazetteer: Gazetteer, taken: _Taken
) -> Iterator[FoundName]:
    """Names that open with an Arabic article and a hyphen ("Ar-Raqqa", "As-Suwayda") that no
    name covers, when the rest is a country, a province, a region or a large city
    (``_broad_or_large``): looked up by the rest, as the gazetteer spells many of them
    otherwise ("Ar Raqqah"); never a hyphenated pair of places. With ``_run_on``, ACLED notes
    dev: place within 25 km 0.706 to 0.713 (nine notes of Syria); geoparsing and wire dev
    unchanged."""
    text = annotated.document.article.text
    for sentence in annotated.sentences:
        for match in _PAIR.finditer(text, sentence.start, sentence.end):
            article, rest = match.group(1), match.group(2)
            if article not in _ARTICLES or taken.overlaps(*match.span(0)):
                continue
            if gazetteer.candidates(match.group(0), limit=1, skeleton="never"):
                yield FoundName(match.group(0), *match.span(0), sentence.segment)
            elif _broad_or_large(rest, gazetteer):
                yield FoundName(match.group(0), *match.span(0), sentence.segment, lookup=rest)


_ARTICLES = frozenset(
    {"Al", "Ar", "As", "Ad", "An", "At", "Az", "Ash", "Adh", "El", "Ed", "Es", "Et", "Ez"}
)


def _run_on(text: str, found: list[FoundName], gazetteer: Gazetteer) -> list[FoundName]:
    """Names run on over a lower-case particle and the word after it when the gazetteer knows
    the whole by exactly that name ("Deir ez Zor", which the model cut at "Deir"; "Ras al
    Ain"); names inside the longer one are dropped. See ``_article_names`` for the figures."""
    longer: list[FoundName] = []
    for name in found:
        after = _PARTICLE_AFTER.match(text, name.end)
        if after is None or name.lookup or name.role == "dateline":
            continue
        whole = text[name.start : after.end()]
        known = gazetteer.candidates(whole, limit=10, skeleton="never")
        if any(c.matched_by != "skeleton" and c.kind in _ORGANISATION_KINDS for c in known):
            longer.append(replace(name, text=whole, end=after.end()))
    if not longer:
        return found
    spans = _Taken([(f.start, f.end) for f in longer])
    kept = [f for f in found if not spans.overlaps(f.start, f.end)]
    return sorted([*kept, *longer], key=lambda f: f.start)


# A lower-case particle inside a place's name and the capitalised word after it: Arabic
# articles and prepositions, Romance ones ("Deir ez Zor", "Ras al Ain", "Aix en Provence",
# "Croix-des-Bouquets").
_PARTICLE_AFTER = re.compile(
    r"[ -](?:al|el|ar|as|ad|an|at|az|ash|ez|es|ed|et|bin|ibn|abu|de|del|des|di|da|do|dos|du|en|"
    r"la|le|les|los|las|aux|sur|upon|on)[ -][A-Z][\w'’]+(?:-[A-Z][\w'’]+)?"
)


# What a named container must be to count as the story's place: a country or a province (a
# town as container, "Bucha, Kyiv", added nothing on ACLED's dev notes).
_CONTAINER_KINDS = frozenset({"country", "admin1"})


def _parenthesised(text: str, end: int) -> list[str]:
    """The items of a parenthesis right after a name, as ACLED gives a place's containers
    ("Yerevan (Yerevan, Armenia)")."""
    inside = _PARENTHESIS.match(text, end)
    return [item.strip() for item in inside.group(1).split(",")] if inside else []


_PARENTHESIS = re.compile(r"\s*\(([^()]{1,80})\)")


def _untagged_repeats(
    annotated: Annotated, gazetteer: Gazetteer, names: set[str], taken: _Taken
) -> Iterator[FoundName]:
    """The repeats of names taken as places where the model tagged nothing: capitalised words
    that are exactly the name, or the name after a word that opens sentences ("In Aleppo"),
    when the gazetteer knows the name ("Douma is surrounded", opening a sentence) or the text
    names the area it lies in (``_in_an_area``). On the geoparsing dev splits (end to end),
    names placed within 161 km: LGL +7, TR-News +3, GeoWebNews +1, for 13 names found that
    the gold does not hold (6 of them a football club's)."""
    text = annotated.document.article.text
    dateline = annotated.document.dateline
    known = {name for name in names if gazetteer.candidates(name, limit=1, skeleton="never")}
    for sentence in annotated.sentences:
        if dateline and dateline.start <= sentence.start < dateline.end:
            continue
        for match in _CAPITALISED.finditer(text, sentence.start, sentence.end):
            start, end = match.span()
            words = match.group(0)
            first, _, rest = words.partition(" ")
            if words not in names and first in NOT_PLACE_WORDS:
                start, words = start + len(first) + 1, rest
            if words not in names or words in NOT_PLACE_WORDS or taken.overlaps(start, end):
                continue
            if words in known or _in_an_area(text, end, gazetteer):
                yield FoundName(words, start, end, sentence.segment)


def _in_an_area(text: str, end: int, gazetteer: Gazetteer) -> bool:
    """Whether the text names, after a comma, the country or the province a name ending at
    ``end`` lies in ("Krasnodar, Russia", "Robotyne, in the Zaporizhzhia region"; not "Ebola,
    Pauline Cafferkey", "Mason, Devon and the driver", "Obama in Orange County"). As a reason
    to take a name the model mislabelled, it raised ACLED's notes (dev) place within 25 km
    from 0.677 to 0.684."""
    containers = containers_after(text, end) if text.startswith(",", end) else ()
    known = gazetteer.candidates(containers[0], limit=10, skeleton="never") if containers else []
    return any(c.kind in _AREA_KINDS for c in known)


_AREA_KINDS = frozenset({"country", "admin1", "region"})


def _story_countries(annotated: Annotated, gazetteer: Gazetteer) -> frozenset[str]:
    """The countries a story names: by name ("Somalia"), by a people's word ("Somali
    troops"), by its dateline ("MOGADISHU")."""
    codes = set()
    for entity in annotated.entities:
        if entity.label in ("NORP", "LANGUAGE"):
            codes.add(gazetteer.demonym(entity.text))
        elif entity.label in _PLACE_LABELS:
            known = gazetteer.candidates(
                entity.text.removeprefix("the "), limit=3, skeleton="never"
            )
            codes.update(c.country_code for c in known if c.kind == "country")
    codes.add(_dateline_country(annotated, gazetteer))
    return frozenset(code for code in codes if code)


def _peoples(annotated: Annotated, found: list[FoundName]) -> frozenset[str]:
    """The names the story gives a people: those the model tags as a nationality or a group
    anywhere, and those right before a word for a people's members ("Hazara families")."""
    text = annotated.document.article.text
    tagged = {
        entity.text.removeprefix("the ") for entity in annotated.entities if entity.label == "NORP"
    }
    before_members = {f.text for f in found if _PEOPLE_AFTER.match(text, f.end)}
    return frozenset(tagged | before_members)


def _a_people(name: FoundName, peoples: frozenset[str], gazetteer: Gazetteer) -> bool:
    """Whether a name is a people's that the gazetteer knows only by a loose match of its
    consonants: the Hazara are no Hazro City. A dateline is always a place."""
    if name.role == "dateline" or name.text not in peoples:
        return False
    if gazetteer.candidates(name.text, limit=1, skeleton="never"):
        return False
    return bool(gazetteer.candidates(name.text, limit=1))


def _with_area(text: str, name: FoundName, gazetteer: Gazetteer) -> FoundName:
    """A name with the area word that follows it, for the resolver to look up: "Mykolaiv
    region" for both names of "the Odesa and Mykolaiv regions" (the province, not a town of
    its name)."""
    area = None if name.lookup else _area_after(text, name.text, name.end, gazetteer)
    return replace(name, lookup=f"{name.text} {area}") if area else name


def _area_after(text: str, name: str, end: int, gazetteer: Gazetteer) -> str | None:
    """The area word that applies to a name ending at ``end``, in the singular: "region" for
    "Kharkiv region", and for each name of "the Odesa and Mykolaiv regions"; "state" for
    "Plateau state" when the gazetteer has a province of that name (not "Islamic State")."""
    single = _AREA_NEXT.match(text, end) or _RIVER_NEXT.match(text, end)
    if single:
        return single.group("area")
    if _STATE_NEXT.match(text, end) and _a_province(name, gazetteer):
        return "state"
    several = _AREAS_NEXT.match(text, end)
    if several is None:
        return None
    area = several.group("area")
    return "municipality" if area == "municipalities" else area.removesuffix("s")


def _a_province(name: str, gazetteer: Gazetteer) -> bool:
    return any(c.kind == "admin1" for c in gazetteer.candidates(name, limit=10, skeleton="never"))


def _surnames(annotated: Annotated) -> frozenset[str]:
    """The last words of the people the story names in full ("Judge Mark Turner")."""
    names = (entity.text.split() for entity in annotated.entities if entity.label == "PERSON")
    return frozenset(_POSSESSIVE.sub("", words[-1]) for words in names if len(words) > 1)


def _no_place(text: str, name: FoundName, surnames: frozenset[str], gazetteer: Gazetteer) -> bool:
    """Whether a name is no place, however it was found: the saint of a church ("the church
    of St. Peter and St. Paul" in Cairo is in no Minnesota town), initials in mixed case ("MoD"
    is no Maud, Texas), or a word that names no place (``_no_place_word``). A dateline is
    always a place.

    On the geoparsing dev splits, strict recognition precision rose from 0.648 to 0.713 (LGL),
    0.790 to 0.822 (TR-News), 0.733 to 0.794 (GeoWebNews), 0.772 to 0.785 (GeoVirus), recall
    unchanged or up (the tail of "University of Cincinnati" is now found)."""
    if name.role == "dateline":
        return False
    if _SAINT.match(name.text):
        return _a_church_s_saint(text, name)
    if _MIXED_INITIALS.fullmatch(name.text):
        return True  # "MoD", "DoD": a ministry's initials, not Maud, Texas
    if _TIME_ZONE_AFTER.match(text, name.end):
        return True  # "11 p.m. Moscow time": a clock, not a place
    return " " not in name.text and _no_place_word(name.text, surnames, gazetteer)


_TIME_ZONE_AFTER = re.compile(r"\s+time\b")
# Initials in mixed case: "MoD" (Ministry of Defence), "DoD", "HoC".
_MIXED_INITIALS = re.compile(r"[A-Z][a-z][A-Z][A-Za-z]?")


def _no_place_word(word: str, surnames: frozenset[str], gazetteer: Gazetteer) -> bool:
    """Whether one word names no place: a common word ("the Centre", "University"), a word
    for a people that names a town ("the Spanish Oaks Apartments" are not in Spanish,
    Ontario), or the surname of a person the story names in full ("Turner said", after "Judge
    Mark Turner"), unless a country, a province or a region bears it."""
    if word in NOT_PLACE_WORDS:
        return True
    demonym = gazetteer.demonym(word) is not None
    if not demonym and word not in surnames:
        return False
    known = gazetteer.candidates(word, limit=10, skeleton="never")
    if demonym and not known:
        return False  # "Emirati" alone stands for its country (``PlaceResolver``)
    # a province by its own name: "Lim" (Major General Eduardo Lim) is one of Lima's other names
    return not any(
        c.kind in _PAIR_KINDS and (c.kind == "country" or word in (c.name, c.ascii_name))
        for c in known
    )


def _a_church_s_saint(text: str, name: FoundName) -> bool:
    """Whether "St. Peter" names the saint of a church: "the church of St. Peter", "St.
    Peter's Cathedral"."""
    before = _CHURCH_OF.search(text, max(0, name.start - 60), name.start)
    return before is not None or _CHURCH_AFTER.match(text, name.end) is not None


_SAINT = re.compile(r"(?:St\.?|Saint)\s+[A-Z]")
_CHURCH = r"(?:Church|Cathedral|Chapel|Basilica|Monastery|Abbey|Parish)"
# "the church of St. Peter and St. Paul", "the Cathedral of Saint Mark".
_CHURCH_OF = re.compile(
    rf"\b(?i:{_CHURCH})\s+of\s+(?:the\s+)?(?:(?:St\.?|Saint)\s+[A-Z][\w'’]*\s+and\s+)?\Z"
)
# "St. Mark's Cathedral", "Saint Peter and Saint Paul Coptic Orthodox Church" (in capitals:
# "St. Paul church leaders" are the city's).
_CHURCH_AFTER = re.compile(
    rf"(?:\s+and\s+(?:St\.?|Saint)\s+[A-Z][\w'’]*)?(?:['’]s)?(?:\s+[A-Z][\w'’]*){{0,3}}"
    rf"\s+{_CHURCH}\b"
)


def _known_place(
    text: str, entity: Entity, gazetteer: Gazetteer, countries: frozenset[str]
) -> bool:
    """A name the model mislabelled ("Angola's worst outbreak" an organisation), taken when
    the gazetteer knows it as a broad place, or as a town right after a locative preposition,
    before an area word, before a word for a town ("Las Navas town") or before the area it
    lies in ("Krasnodar, Russia"), or only loosely
    after a word for a place (``_loosely_known``). Short all-capital names ("AP", "UN") are
    organisations far more often than places."""
    if is_acronym(entity.text):
        return _initials(entity.text, gazetteer) is not None
    name = _POSSESSIVE.sub("", entity.text)
    candidates = gazetteer.candidates(name, limit=10, skeleton="never")
    if _RESIDENT_AFTER.match(text, entity.end) and _town_of_residents(entity.text, gazetteer):
        return True  # "Gainesville man charged", "a Camarillo resident"
    if not candidates:
        loose = _loosely_known(text, entity.start, entity.end, gazetteer, countries)
        return loose or _placed_in_an_area(text, entity, gazetteer)
    if any(c.kind in _BROAD_KINDS for c in candidates):
        return True
    if name != entity.text:
        return False  # "at Culver's" is a business named after its founder
    locative = _after_a_locative(text, entity.start, entity.end, 0, gazetteer)
    # "the Vardenis region", tagged a nationality
    area = _area_after(text, name, entity.end, gazetteer)
    town = _TOWN_NEXT.match(text, entity.end) is not None and any(
        c.kind == "city" for c in candidates
    )  # "in Barangay Bagacay, Las Navas town", tagged a nationality
    return locative or town or area is not None or _in_an_area(text, entity.end, gazetteer)


_TOWN_NEXT = re.compile(r"\s+(?:town|village|city|municipality|hamlet)\b")


def _after_a_locative(text: str, start: int, end: int, floor: int, gazetteer: Gazetteer) -> bool:
    """Whether a locative preposition comes right before ``start`` (not before ``floor``):
    "near Vardenis", "in central Kherson". "And" is one only after a place, as the next member
    of a list of places ("in Odesa and Mykolaiv"): "Soldiers and Red Cross volunteers" name no
    town in North Carolina. After any name, "and" is one before a county or a larger area
    ("Clarke and Oconee"); and after a first name that itself follows a locative ("the
    villages of Bumbacari and Dudescu")."""
    locative = _LOCATIVE_BEFORE.search(text, max(floor, start - 25), start)
    if locative is None:
        return False
    if locative.group(0).split()[0].casefold() != "and":
        return True
    known = gazetteer.candidates(text[start:end], limit=10, skeleton="never")
    if any(c.kind in _LIST_AREA_KINDS for c in known):
        return True  # "Clarke and Oconee", two counties
    before = _NAME_BEFORE_AND.search(text, max(floor, locative.start() - 50), locative.start())
    if before is None or before.group("name") in NOT_PLACE_WORDS:
        return False
    if gazetteer.candidates(before.group("name"), limit=1, skeleton="never"):
        return True
    # "the villages of Bumbacari and Dudescu": a list of names after a locative
    first = _LOCATIVE_BEFORE.search(text, max(floor, before.start() - 25), before.start())
    return first is not None and first.group(0).split()[0].casefold() != "and"


_LIST_AREA_KINDS = frozenset({"admin2", *_BROAD_KINDS})
# The name a list's "and" follows: "Odesa and", "Moonbi, Parkes and".
_NAME_BEFORE_AND = re.compile(r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}),?\s+\Z")


def _loosely_known(
    text: str, start: int, end: int, gazetteer: Gazetteer, countries: frozenset[str]
) -> bool:
    """Whether a name the gazetteer knows only by a loose match of its consonants is a place:
    when a word for a place comes right before it ("the coastal town of Harardhere") or an
    area word right after it ("Harardhere district"), and the match is a town or an area in
    a country the story names (GeoNames spells the Somali town Xarardheere)."""
    noun = _PLACE_NOUN_BEFORE.search(text, max(0, start - 50), start)
    if noun is None and _area_after(text, text[start:end], end, gazetteer) is None:
        return False
    loose = gazetteer.candidates(text[start:end], limit=10, skeleton="always")
    return any(c.country_code in countries and c.kind in _LOOSE_KINDS for c in loose)


_LOOSE_KINDS = frozenset({"city", "admin1", "admin2"})
# "a compound in Daraban in Dera Ismail Khan district": where a place lies, not who is there
# ("the Taliban in Helmand province", "attacks by Boko Haram in Borno state").
_WHERE_BEFORE = re.compile(r"\b(?:in|near|outside|at)\s+\Z")
_IN_NEXT = re.compile(r",?\s+in\s")  # the only containers after it are areas with their word


def _placed_in_an_area(text: str, entity: Entity, gazetteer: Gazetteer) -> bool:
    """Whether a name the gazetteer lacks, not a person's, lies somewhere ("in Daraban") in an
    area named with its area word that the gazetteer knows ("in Dera Ismail Khan district"):
    the name then stands at that area (``containers_after``)."""
    if entity.label == "PERSON" or not _WHERE_BEFORE.search(
        text, max(0, entity.start - 10), entity.start
    ):
        return False
    containers = containers_after(text, entity.end) if _IN_NEXT.match(text, entity.end) else ()
    if not containers:
        return False
    known = gazetteer.candidates(containers[0], limit=10, skeleton="never")
    return any(c.kind in _AREA_KINDS or c.kind == "admin2" for c in known)


class _Taken:
    """Spans of text already taken, asked whether a span overlaps any of them in logarithmic
    time (the names of a long text are many, and so are the capitalised words it checks)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end of the spans up to each one: some span starting before ``end``
        # overlaps [start, end) when the furthest end among them lies past ``start``.
        self._furthest = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)
        return before > 0 and self._furthest[before - 1] > start


def _missed_names(
    annotated: Annotated, gazetteer: Gazetteer, taken: _Taken, countries: frozenset[str]
) -> Iterator[FoundName]:
    """Capitalised names that no entity covers, after a locative preposition ("near
    Vardenis") or before an area word ("Vardenis region was shelled"), or a town's by exactly
    that name before a word for its people ("Gainesville man charged")."""
    text = annotated.document.article.text
    for sentence in annotated.sentences:
        for match in _CAPITALISED.finditer(text, sentence.start, sentence.end):
            start, end = match.span()
            if taken.overlaps(start, end):
                continue
            if _missed(text, match, sentence.start, gazetteer, countries):
                yield FoundName(match.group(0), start, end, sentence.segment)


def _first_after_dateline(
    annotated: Annotated, gazetteer: Gazetteer, taken: _Taken, countries: frozenset[str]
) -> Iterator[FoundName]:
    """The name that opens the lead after its dateline, which the model often fails to tag
    there ("YEREVAN (Reuters) - Armenia has vowed…"), where the gazetteer knows it by exactly
    that name as a country or as a place in one of the story's countries."""
    dateline = annotated.document.dateline
    if dateline is None:
        return
    text = annotated.document.article.text
    start = dateline.end
    while start < len(text) and text[start] in " \n-—–:":
        start += 1
    match = _CAPITALISED.match(text, start)
    if match is None or taken.overlaps(*match.span()) or match.group(0) in NOT_PLACE_WORDS:
        return
    known = gazetteer.candidates(match.group(0), limit=10, skeleton="never")
    if any(
        c.matched_by == "exact" and (c.kind == "country" or c.country_code in countries)
        for c in known
    ):
        yield FoundName(match.group(0), *match.span(), "body")


def _missed(
    text: str,
    match: re.Match[str],
    sentence_start: int,
    gazetteer: Gazetteer,
    countries: frozenset[str],
) -> bool:
    name = match.group(0)
    start, end = match.span()
    if _in_owner_country(text, name, start, gazetteer):
        return True
    locative = _after_a_locative(text, start, end, sentence_start, gazetteer)
    if locative or _area_after(text, name, end, gazetteer):
        if gazetteer.candidates(name, limit=1, skeleton="never"):
            return True
        return _loosely_known(text, start, end, gazetteer, countries)
    return bool(_RESIDENT_AFTER.match(text, end)) and _town_of_residents(name, gazetteer)


def _in_owner_country(text: str, name: str, start: int, gazetteer: Gazetteer) -> bool:
    """Whether a name follows its country's possessive and the gazetteer knows it by exactly
    that name there ("Yemen's Hodeidah port", "Nigeria's Kebbi state")."""
    owner = _OWNER_BEFORE.search(text, max(0, start - 40), start)
    if owner is None:
        return False
    countries = {
        c.country_code
        for c in gazetteer.candidates(owner.group("owner"), limit=3, skeleton="never")
        if c.kind == "country"
    }
    return bool(countries) and any(
        c.country_code in countries and c.matched_by != "skeleton"
        for c in gazetteer.candidates(name, limit=10, skeleton="never")
    )


_OWNER_BEFORE = re.compile(r"\b(?P<owner>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)['’]s\s+\Z")


def _listed_names(
    annotated: Annotated, gazetteer: Gazetteer, found: list[FoundName]
) -> Iterator[FoundName]:
    """The members of a list of three names or more of which two are places found ("in
    Moonbi, Parkes, Berry and Wyong", the model tagging two of the four), each taken when no
    other name covers it (the model may have mislabelled it) and the gazetteer knows it by
    exactly that name in a country one of those places may lie in. On the geoparsing dev
    splits (end to end), names placed within 161 km: LGL +7, GeoVirus +7, no name found that
    the gold does not hold."""
    text = annotated.document.article.text
    places = {(f.start, f.end) for f in found if f.role is None}
    taken = _Taken([(f.start, f.end) for f in found])
    tagged = _Taken([(e.start, e.end) for e in annotated.entities if e.label not in _MISLABELLED])
    for sentence in annotated.sentences:
        for listing in _LIST.finditer(text, sentence.start, sentence.end):
            items = [m.span() for m in _LIST_ITEM.finditer(text, *listing.span())]
            named = [text[start:end] for start, end in items if (start, end) in places]
            if len(named) < 2:
                continue
            countries = {
                c.country_code
                for name in named
                for c in gazetteer.candidates(name, limit=10, skeleton="never")
            }
            for start, end in items:
                name = text[start:end]
                if taken.overlaps(start, end) or tagged.overlaps(start, end):
                    continue
                known = gazetteer.candidates(name, limit=10, skeleton="never")
                if name not in NOT_PLACE_WORDS and any(c.country_code in countries for c in known):
                    yield FoundName(name, start, end, sentence.segment)


# A list of three names or more: "Moonbi, Parkes, Berry and Wyong", "Vestfold, Buskerud, and
# Telemark".
_LIST_ITEM = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,2}")
_LIST = re.compile(
    rf"{_LIST_ITEM.pattern}(?:,\s+{_LIST_ITEM.pattern})+,?\s+(?:and|or)\s+{_LIST_ITEM.pattern}"
)


def _initials(acronym: str, gazetteer: Gazetteer) -> Candidate | None:
    return initials_of(acronym, gazetteer.candidates(acronym, limit=10, skeleton="never"))


def _town_of_residents(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name before a word for people ("Her mother", "Coral Gables man") is a town:
    one by exactly that name, a single word only when the town is sizeable and the word no
    word of a sentence ("But women", "And police")."""
    return _known_exactly(name, gazetteer, lone=" " not in name)


# A word for the people of a place right after its name: "a Gainesville man", "Tabriz
# resident", "Winnipeg police".
_RESIDENT_AFTER = re.compile(
    r"\s+(?:man|woman|men|women|residents?|natives?|teen|teenager|boy|girl|couple|mother|"
    r"father|police)\b"
)


# An organisation's name that carries its place at the head ("Gainesville Police Department",
# "the Texas Forest Service", "Watertown-Mayer Lutheran", "Los Angeles County Fire Department")
# or at the tail ("University of Nebraska", "CBC Toronto"): the longest of the first (or last)
# one to three words that the gazetteer knows by exactly that name as a town, a province, a
# county or a country.
_ORGANISATION_WORD = r"(?:[A-Z][a-z][\w'’]*|(?:[A-Z]\.){2,}|[A-Z]{2,4}\b)"
_ORGANISATION_HEAD = re.compile(
    rf"(?:[Tt]he\s+)?({_ORGANISATION_WORD})(?:\s+({_ORGANISATION_WORD}))?"
    rf"(?:\s+({_ORGANISATION_WORD}))?[\s-]"
)
_ORGANISATION_TAIL = re.compile(
    rf"(?:\bof\s+(?:the\s+)?|\s)({_ORGANISATION_WORD})(?:\s+({_ORGANISATION_WORD}))?"
    rf"(?:\s+({_ORGANISATION_WORD}))?\Z"
)
_ORGANISATION_KINDS = frozenset({"city", "admin1", "admin2", "country"})
# A single word taken from inside a longer name is a town only when one of its namesakes is a
# town of this size: "Energy Department", "Human Rights Watch" and "Lake Street" name tiny
# towns (Energy, Illinois) as often as "Gainesville Police" names a city. Read off the dev
# splits' false names, not searched; with the feature words below, recognition precision on
# dev rose from 0.583 to 0.632 (LGL), 0.673 to 0.721 (GeoWebNews), 0.748 to 0.774 (GeoVirus).
_LONE_WORD_POPULATION = 10_000
# Words that make a name a place of its own, whether the gazetteer has it or not ("Lake
# Ontario", "Fort Benning", "Royal Street"): such a name is never taken apart.
_FEATURE_WORD = re.compile(
    r"\b(?:River|Lake|Lakes|Mount|Mountains?|Fort|Islands?|Valley|Bay|Harbou?r|Gulf|Sea|Ocean|"
    r"Park|Street|St|Avenue|Ave|Road|Rd|Boulevard|Township|Twp|Town|City|Village|Delta|"
    r"Peninsula|Canal|Creek|Beach|Heights|Hills?|Falls|Springs|Desert|Plateau|Square|Port|"
    r"Camp|Strait|Coast|Canyon|Forest|Province|Region|District|State|Kingdom|Republic|Union)\b"
)
# Labels of the names that may hold a place: organisations, and facilities, events and works
# the model tags as such ("Vancouver International Airport", "the Nashville Film Festival").
_HOLDERS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "GPE", "LOC"})


def _holds_a_place(entity: Entity, gazetteer: Gazetteer) -> bool:
    """Whether a name tagged as a place is more than one (no place has its whole name) and
    holds one at its head or tail ("Vancouver International Airport", "Henderson County Jail")."""
    name = _POSSESSIVE.sub("", entity.text.removeprefix("the "))  # "Hong Kong's"
    if " " not in name or _FEATURE_WORD.search(name) or gazetteer.demonym(name):
        return False  # "Lake Ontario", "Fort Hood": a place, whether the gazetteer has it or not
    if _after_direction(name, 0, len(name), gazetteer) > 0:
        return False  # "Northeast Georgia": the place after the direction (``_trimmed``)
    if gazetteer.candidates(name, limit=1, skeleton="never"):
        return False
    return any(
        (match := pattern.search(name)) and _known_words(match, gazetteer)
        for pattern in (_ORGANISATION_HEAD, _ORGANISATION_TAIL)
    )


def _organisation_places(
    annotated: Annotated, gazetteer: Gazetteer, taken: _Taken
) -> Iterator[FoundName]:
    """Places named inside the names of organisations, facilities and events that no place name
    covers; a facility's place is where things there happen, an organisation's is only its
    seat (role ``organisation``)."""
    text = annotated.document.article.text
    dateline = annotated.document.dateline
    for entity in annotated.entities:
        if entity.label not in _HOLDERS or taken.overlaps(entity.start, entity.end):
            continue
        if dateline and dateline.start <= entity.start < dateline.end:
            continue  # "JUBA, South Sudan (AP)": the dateline's country is no Sudan's

        name = text[entity.start : entity.end]
        role: PlaceRole | None = None if _a_facility(text, entity) else "organisation"
        for pattern in (_ORGANISATION_HEAD, _ORGANISATION_TAIL):
            match = pattern.search(name)
            place = match and _known_words(match, gazetteer)
            if match and place and not gazetteer.demonym(place):  # "the Canadian Food Agency"
                start = entity.start + match.start(1)
                end = start + len(place)
                part = _PART_AFTER.match(text, end, entity.end)
                area = _NAMED_AREA.fullmatch(text, end, entity.end)
                yield FoundName(place, start, end, entity.segment, None if part or area else role)
                break


def _a_facility(text: str, entity: Entity) -> bool:
    """Whether a name is of a place where things happen: tagged a facility or a place, a
    square, market or road the model tags an organisation ("a sit-in near the Turbat Shaheed
    Chowk" is in Turbat), or an organisation's building where the story stands outside it ("a
    sit-in outside the Quetta Press Club" is in Quetta)."""
    name = text[entity.start : entity.end]
    return (
        entity.label in _PLACE_LABELS
        or _FACILITY_TAIL.search(name) is not None
        or _AT_BUILDING.search(text, max(0, entity.start - 20), entity.start) is not None
    )


_FACILITY_TAIL = re.compile(
    r"\s(?:Chowk|Square|Bazaa?r|Market|Road|Street|Avenue|Roundabout|Junction|Bridge|Highway)\Z"
)
_AT_BUILDING = re.compile(r"\b(?:outside|in front of|opposite)\s+(?:the\s+)?\Z", re.IGNORECASE)


# A part of a town after a spaced dash, as ACLED names a city's district ("DPR positions in
# Donetsk - Petrovskyi"): no organisation's name, which never holds one; the town is where
# the event is. ACLED notes dev: place within 25 km 0.696 to 0.706 (the model tagged
# "Donetsk - Petrovskyi" an organisation, and the shelling had no place).
_PART_AFTER = re.compile(r"\s+[-–—]\s+[A-Z]")


def _known_words(match: re.Match[str], gazetteer: Gazetteer) -> str | None:
    """The longest run of a match's first one to three words that names a place by exactly
    that name."""
    words = [word for word in match.groups() if word]
    for count in range(len(words), 0, -1):
        name = match.string[match.start(1) : match.end(count)]
        if _DIRECTION_WORD.fullmatch(name):
            continue  # "Northeast Georgia Medical Center" is in Georgia, not in "Northeast"
        if _known_exactly(name, gazetteer, lone=count == 1):
            return name
    return None


def _known_exactly(name: str, gazetteer: Gazetteer, *, lone: bool) -> bool:
    """Whether the gazetteer has a town, a province, a county or a country of exactly this
    name; a ``lone`` word only when it names a country, a province or a sizeable town; an
    acronym only when it is the initials of a country or a region ("U.S.", "EU")."""
    if is_acronym(name) and (_initials(name, gazetteer) or "." not in name):
        return _initials(name, gazetteer) is not None  # "AP" is no Andhra Pradesh
    if lone and name in NOT_PLACE_WORDS:
        return False  # "University of Nebraska" is in Nebraska, not in University, Florida
    known = gazetteer.candidates(name, limit=10, skeleton="never")
    return any(
        c.kind in _ORGANISATION_KINDS
        and c.matched_by == "exact"
        and not (lone and c.kind == "city" and (c.population or 0) < _LONE_WORD_POPULATION)
        for c in known
    )


# A legislator's party and hometown: "Rep. Joseph Wagner, D-Chicopee", "(R-Elbow Lake)",
# "D-N.Y.": the town where they live, no place of the story's events.
_HOMETOWN = re.compile(
    r"(?:,\s*|\()(?:D|R|I|DFL)-(?P<place>[A-Z][\w'’]*\.?(?:\s[A-Z][\w'’]*\.?){0,2}?)"
    r"(?=[,);]|\s[-–—]|\Z)"
)


def _hometowns(annotated: Annotated, gazetteer: Gazetteer, taken: _Taken) -> Iterator[FoundName]:
    """The hometowns of legislators named with their party (role ``origin``)."""
    text = annotated.document.article.text
    for sentence in annotated.sentences:
        for match in _HOMETOWN.finditer(text, sentence.start, sentence.end):
            start, end = match.span("place")
            if taken.overlaps(start, end):
                continue
            if gazetteer.candidates(match.group("place"), limit=1, skeleton="never"):
                yield FoundName(match.group("place"), start, end, sentence.segment, "origin")


# Two places or peoples joined by a hyphen: "the Lebanon-Syria treaty", "the Syrian-Turkish
# border", "a German-Iraqi boy", "Egypt-US relations", "the Washington-Moscow route". Each
# part is taken when both are a people or a broad place (``_broad_or_large``) and the whole is
# no place of its own ("Guinea-Bissau", "Winston-Salem"): people's double names
# ("Navarro-Valls", "Kerry-Ann") join two small towns at most.
_PAIR_PART = r"(?:[A-Z][a-z]\w*|[A-Z]{2,4}|(?:[A-Z]\.){2,})"
_PAIR = re.compile(rf"(?<![\w.'’-])({_PAIR_PART})-\s?({_PAIR_PART})(?![\w'’-])")


def _broad_or_large(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is a country's or a region's initials, or exactly the name of a country,
    a province, a region or a continent, or of a city of ``_PAIR_CITY_POPULATION`` or more."""
    if is_acronym(name):
        return _initials(name, gazetteer) is not None
    return any(
        c.matched_by == "exact"
        and (c.kind in _PAIR_KINDS or (c.population or 0) >= _PAIR_CITY_POPULATION)
        for c in gazetteer.candidates(name, limit=10, skeleton="never")
    )


_PAIR_KINDS = frozenset({"country", "admin1", "region", "continent"})
# A city this large: "Washington-Moscow", "Amsterdam-London", "Wisconsin-Milwaukee"; on the dev
# splits no person's double name joined two such names (Valls, Spain: 24,000 people).
_PAIR_CITY_POPULATION = 100_000


def _holds_a_pair(name: FoundName, parts: Iterable[FoundName]) -> bool:
    """Whether a found name spans both parts of a pair of places, as one name."""
    inside = [p for p in parts if name.start <= p.start and p.end <= name.end]
    return len(inside) >= 2


def _paired_places(annotated: Annotated, gazetteer: Gazetteer) -> Iterator[FoundName]:
    """The parts of hyphenated pairs of places: a place with the role ``context`` (nothing is
    reported there), a demonym with no role (its country is added by ``_demonyms``). A road
    named by its two ends ("a bomb on the Konduga-Bama road") joins towns of any size, and
    what happened on it is placed at its first end, as ACLED codes "the road between Sevare
    and Bandiagara" at Sevare (``_BEYOND_BEFORE``)."""
    text = annotated.document.article.text
    for sentence in annotated.sentences:
        for match in _PAIR.finditer(text, sentence.start, sentence.end):
            if gazetteer.candidates(match.group(0), limit=1, skeleton="never"):
                continue
            if match.group(1) in _ARTICLES:
                continue  # "Ar-Raqqa" is one name (``_article_names``)
            road = _ROAD_NEXT.match(text, match.end()) is not None
            parts = [(match.group(i), match.span(i)) for i in (1, 2)]
            demonyms = [bool(gazetteer.demonym(part)) for part, _ in parts]
            known = [
                demonym
                or _broad_or_large(part, gazetteer)
                or (road and _known_exactly(part, gazetteer, lone=False))
                for (part, _), demonym in zip(parts, demonyms, strict=True)
            ]
            if not all(known):
                continue
            for index, (part, (start, end)) in enumerate(parts):
                role: PlaceRole | None = None if demonyms[index] else "context"
                if road and index == 0 and not demonyms[index]:
                    role = "event"
                yield FoundName(part, start, end, sentence.segment, role)


# The words that name a road after its ends, shared with the event stage's ranking of places.
ROAD_WORDS = ("road", "highway", "motorway", "expressway", "axis", "route")
_ROAD_NEXT = re.compile(rf"\s+(?:{'|'.join(ROAD_WORDS)})\b", re.IGNORECASE)


# A dateline the cleaner did not take, in capitals before a dash or a colon, after a headline
# or at a paragraph's start: "BEIRUT: ...", "COLUMBUS -- ...", "BELGRADE, Minn. -- ...".
_BARE_DATELINE = re.compile(
    r"(?:(?<=[.!?]\s)|(?<=\n)|\A)(?P<place>[A-Z][A-Z'’.]{3,}(?:[ -][A-Z][A-Z'’.]+){0,2})"
    r"(?:,\s+[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?\s*(?:\([A-Za-z]+\)\s*)?(?:--|—|–|-|:)\s"
)


def _bare_datelines(
    annotated: Annotated, gazetteer: Gazetteer, taken: _Taken
) -> Iterator[FoundName]:
    """Places of datelines the cleaner did not take, known to the gazetteer as a town or an
    area by exactly that name."""
    text = annotated.document.article.text
    dateline = annotated.document.dateline
    for sentence in annotated.sentences:
        match = _BARE_DATELINE.match(text, sentence.start)  # the dash may end the sentence
        if match is None or taken.overlaps(*match.span("place")):
            continue
        if dateline and dateline.start <= match.start() < dateline.end:
            continue
        name = match.group("place")
        if _known_exactly(name.title(), gazetteer, lone=False):
            yield FoundName(name, *match.span("place"), sentence.segment, "dateline")


# A compass direction in capitals, alone ("Western", "the Northeast") or before a name
# ("Northeast Georgia", "Southern Sudan"): part of the sentence, not of the place's name, unless
# the whole is a name ("South Sudan", "North Carolina", "West Bank").
_DIRECTION_WORD = re.compile(
    r"(?:North|South|East|West|Central|Mid)(?:ern|-?[Ee]ast(?:ern)?|-?[Ww]est(?:ern)?)?"
)
_DIRECTION_BEFORE = re.compile(rf"{_DIRECTION_WORD.pattern}\s+(?=[A-Z])")
# What ends a span but is no part of the name: a possessive ("Sun Valley's"), punctuation, and
# a final period unless it ends an abbreviation ("U.S.", "W.Va.", "Calif.").
_POSSESSIVE = re.compile(r"['’]s?\Z")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\b[A-Z][a-z]{1,4}\.)\Z")
# A lower-case area word after a name ("Nyanza province", "the Karak district"): the name is
# what comes before it, the word says which of its namesakes is meant.
_AREA_AFTER = re.compile(rf"\s+{AREAS}\Z")
# An area named as one ("Bama Local Government Area", "Shwebo Township"): a place, whatever
# the model tagged it ("Gyumri Police Department" is no area).
_NAMED_AREA = re.compile(rf"\s+{AREAS}", re.IGNORECASE)


def _trimmed(
    text: str, start: int, end: int, segment: SegmentKind, gazetteer: Gazetteer
) -> FoundName:
    if text.startswith(("the ", "The "), start):
        start += 4
    possessive = _POSSESSIVE.search(text, start, end)
    end = possessive.start() if possessive else end
    while end > start and _trailing(text, start, end):
        end -= 1
    start = _after_direction(text, start, end, gazetteer)
    area = _AREA_AFTER.search(text, start, end)
    if area and area.start() > start:
        return FoundName(
            text[start : area.start()], start, area.start(), segment, None, text[start:end]
        )
    return FoundName(text[start:end], start, end, segment)


def _after_direction(text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    """Where a name starts once a direction before it is left out: "Northeast Georgia" is
    Georgia, "South Philadelphia" Philadelphia, when the whole is no name ("South Sudan", "North
    Carolina") and the rest is a broad place or a large city (``_broad_or_large``): "West Nile"
    virus is no Nile."""
    direction = _DIRECTION_BEFORE.match(text, start, end)
    if direction is None or gazetteer.candidates(text[start:end], limit=1, skeleton="never"):
        return start
    return direction.end() if _broad_or_large(text[direction.end() : end], gazetteer) else start


def _trailing(text: str, start: int, end: int) -> bool:
    """Whether the span's last character is punctuation that ends no part of the name."""
    last = text[end - 1]
    return last in ",;:'’" or (last == "." and not _ABBREVIATION.search(text, start, end))


def resolve_places(annotated: Annotated, gazetteer: Gazetteer) -> tuple[PlaceMention, ...]:
    """Every place name of the article, resolved together, with its role and precision."""
    text = annotated.document.article.text
    found = find_place_names(annotated, gazetteer)
    resolver = PlaceResolver(gazetteer)
    openers = _opening_areas(annotated)
    names = [
        NameToResolve(
            f.lookup or f.text,
            containers_after(text, _end(text, f)) + _opener_of(openers, f),
            town=_names_a_town(text, f, annotated.document.dateline),
            in_named_area=in_named_area(text, _end(text, f)),
        )
        for f in found
    ]
    dateline_country = _dateline_country(annotated, gazetteer)
    resolutions = resolver.resolve(
        names, dateline_country=dateline_country, readers=readers_of(text)
    )
    resolutions = [
        _city_for_dateline(resolver, name, resolution, annotated)
        for name, resolution in zip(found, resolutions, strict=True)
    ]
    named = _reference_points(
        text,
        [
            _mention(text, annotated, name, resolution)
            for name, resolution in zip(found, resolutions, strict=True)
        ],
    )
    return tuple(sorted([*named, *_demonyms(annotated, gazetteer)], key=lambda p: p.start))


# "in Diepsloot Extension 12, north of Johannesburg": the town after a bare bearing locates the
# place named before it, where nothing happened. (With a distance, "20 km north of Kharkiv",
# the town's point moved by it is the place: ``_relative``.)
_BEARING_OF = re.compile(
    r",\s+(?:just\s+|far\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?\s+of\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)


_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|\d+))*\Z")


def _reference_points(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """The places named only to locate a place named just before them, as context; where the
    gazetteer lacks that place ("the village of Beita, south of Nablus"), the place it is
    near, as ACLED codes a village it cannot find at the nearest town it can."""
    result: list[PlaceMention] = []
    for place in places:
        bearing = _BEARING_OF.search(text, max(0, place.start - 40), place.start)
        if (
            place.role == "event"
            and bearing is not None
            and _NAME_BEFORE.search(text, max(0, bearing.start() - 60), bearing.start())
        ):
            located = next((p for p in reversed(result) if p.end == bearing.start()), None)
            if located is not None and located.lat is None and located.role == "event":
                place = replace(place, precision="near", relation="near")
            else:
                place = replace(place, role="context")
        result.append(place)
    return result


def _opening_areas(annotated: Annotated) -> list[tuple[int, int, str]]:
    """The sentences that open on the area they tell of ("In Chhattisgarh, six Maoists were
    killed … in the forests of Bijapur district"): each sentence's span and that area's name,
    the outer container of the places it names after."""
    text = annotated.document.article.text
    found = []
    for sentence in annotated.sentences:
        opener = _OPENING_AREA.match(text, sentence.start, sentence.end)
        if opener is not None:
            found.append((opener.end(), sentence.end, opener.group("area")))
    return found


def _opener_of(openers: list[tuple[int, int, str]], name: FoundName) -> tuple[str, ...]:
    return tuple(area for start, end, area in openers if start <= name.start < end)


# "In Chhattisgarh, …", "In northern Benin, …", "In the South-East, …".
_OPENING_AREA = re.compile(
    r"\s*(?:Separately, |Meanwhile, |Elsewhere, )?In (?:the )?(?:(?:north|south|east|west|"
    r"central)[\w-]*\s+)?(?P<area>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),"
)


def _names_a_town(text: str, name: FoundName, dateline: Dateline | None = None) -> bool:
    """Whether a name stands for a town, not the country or province of its name: one the text
    calls a town (``_called_a_town``), or a dateline in capitals before a dash that the cleaner
    did not take ("MALTA – About 5,000 books…" in an Illinois paper is Malta, Illinois: a
    dateline is where the reporter filed from, a town). Before a colon a country's name heads
    a section of briefs as often ("MOZAMBIQUE: Insurgents behead four", then the story from
    Maputo), so it stays the country. Its other occurrences follow it (``_qualified``). On the
    geoparsing dev splits (end to end) LGL's names far and in another country 56 to 54, the
    other corpora and accuracy unchanged. After the story's own dateline such a name heads a
    section of a round-up ("DAKAR (AFP) - … MALI - Mali's army said…"): a country stays one."""
    if name.role == "dateline" and _DASH_AFTER.match(text, name.end):
        return dateline is None or name.start < dateline.end
    return _called_a_town(text, name.start)


# What follows a dateline's place before its dash: "BELGRADE, Minn. --", "HUME (AP) –".
_DASH_AFTER = re.compile(
    r"(?:,\s+[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?\s*(?:\([A-Za-z]+\)\s*)?(?:--|—|–|-)\s"
)


def _called_a_town(text: str, start: int) -> bool:
    """Whether a word for a town comes right before a name: "the city of Zaporizhzhia" is the
    city, not the oblast of its name."""
    noun = _PLACE_NOUN_BEFORE.search(text, max(0, start - 50), start)
    return noun is not None and noun.group("noun") not in _AREA_PLACE_NOUNS


def _end(text: str, name: FoundName) -> int:
    """Where a name ends, with the area word it spans ("Nyanza province"), if any."""
    if name.lookup and text.startswith(name.lookup, name.start):
        return name.start + len(name.lookup)
    return name.end


def _demonyms(annotated: Annotated, gazetteer: Gazetteer) -> Iterator[PlaceMention]:
    """The countries of the story's demonyms ("Georgian", "Palestinians"), role ``origin``:
    the model's nationalities, the first word of an organisation's name ("the Georgian
    Interior Ministry") and a part of a hyphenated pair ("a German-Iraqi boy"); role
    ``context`` where the demonym tells a place's country ("the Russian city of Saratov")."""
    dateline = annotated.document.dateline
    article = annotated.document.article.text
    for text, start, end, segment in _demonym_spans(annotated, gazetteer):
        if dateline and dateline.start <= start < dateline.end:
            continue
        iso2 = gazetteer.demonym(text)
        country = gazetteer.country(iso2) if iso2 else None
        if country is None:
            continue
        yield PlaceMention(
            text=text, start=start, end=end, segment=segment,
            geonameid=country.geonameid, name=country.name, lat=round(country.lat, 5),
            lon=round(country.lon, 5), country=country.country_code, admin1=None,
            kind="country", role="context" if _OF_A_PLACE.match(article, end) else "origin",
            precision="country", score=0.0, reason="a demonym: its country",
        )  # fmt: skip


_OF_A_PLACE = re.compile(
    r"\s+(?:(?:border|frontline|front-line|port|coastal|northern|southern|eastern|western|central)"
    r"\s+)?(?:city|cities|town|towns|village|villages|capital|province|region|district|port)\b"
)


_FIRST_WORD = re.compile(r"(?:[Tt]he\s+)?([A-Z][a-z]+)\s")


def _demonym_spans(
    annotated: Annotated, gazetteer: Gazetteer
) -> Iterator[tuple[str, int, int, SegmentKind]]:
    """Where the story may name a people: nationalities, the first word of an organisation's
    name, the parts of hyphenated pairs; each span once."""
    seen: set[int] = set()
    text = annotated.document.article.text
    for entity in annotated.entities:
        if entity.label == "NORP" and gazetteer.demonym(entity.text):
            seen.add(entity.start)
            yield entity.text, entity.start, entity.end, entity.segment
        elif entity.label == "ORG":
            head = _FIRST_WORD.match(text, entity.start, entity.end)
            if head:
                seen.add(head.start(1))
                yield head.group(1), head.start(1), head.end(1), entity.segment
    for part in _paired_places(annotated, gazetteer):
        if part.role is None and part.start not in seen:
            yield part.text, part.start, part.end, part.segment


def _city_for_dateline(
    resolver: PlaceResolver, name: FoundName, resolution: Resolution, annotated: Annotated
) -> Resolution:
    """A dateline names the city the reporter filed from, not the province of the same name;
    the country or province after it ("GOMA, Democratic Republic of Congo") stays what it is
    (it was "Congo", a town in Brazil)."""
    dateline = annotated.document.dateline
    chosen = resolution.candidate
    if dateline is None or not dateline.start <= name.start < dateline.end or chosen is None:
        return resolution
    text = annotated.document.article.text
    if dateline.place and text.find(dateline.place, dateline.start, dateline.end) != name.start:
        return resolution
    cities = [c for c in resolver.candidates(name.text) if c.kind == "city"]
    same_country = [c for c in cities if c.country_code == chosen.country_code]
    best = max(same_country or cities, key=lambda c: c.population or 0, default=None)
    if best is None:
        return resolution
    reason = "dateline: the city the story was filed from"
    return Resolution(best, resolution.score, resolution.candidates, reason)


def _dateline_country(annotated: Annotated, gazetteer: Gazetteer) -> str | None:
    dateline = annotated.document.dateline
    if dateline is None or not dateline.place:
        return None
    container = dateline.region
    if container:
        found = gazetteer.candidates(container, limit=1)
        if found and found[0].kind == "country":
            return found[0].country_code
    found = gazetteer.candidates(dateline.place.title(), limit=1)
    return found[0].country_code if found else None


def _mention(
    text: str, annotated: Annotated, name: FoundName, resolution: Resolution
) -> PlaceMention:
    candidate, score = resolution.candidate, resolution.score
    dateline = annotated.document.dateline
    in_dateline = dateline is not None and dateline.start <= name.start < dateline.end
    role: PlaceRole = "dateline" if in_dateline else _role(text, name)
    segment = "dateline" if in_dateline else name.segment
    if candidate is None:
        return PlaceMention(
            name.text, name.start, name.end, segment,
            None, None, None, None, None, None, None, role, "exact", 0.0,
            reason=resolution.reason or "no place of this name in the gazetteer",
        )  # fmt: skip
    lat, lon, precision, relation = _relative(text, name, candidate)
    return PlaceMention(
        text=name.text,
        start=name.start,
        end=name.end,
        segment=segment,
        geonameid=candidate.geonameid,
        name=candidate.name,
        lat=round(lat, 5),
        lon=round(lon, 5),
        country=candidate.country_code,
        admin1=candidate.admin1_code,
        kind=candidate.kind,
        role=role,
        precision=precision,
        score=score,
        relation=relation,
        reason=resolution.reason,
    )


def _role(text: str, name: FoundName) -> PlaceRole:
    if name.role is not None:
        return name.role
    if _BEYOND_BEFORE.search(text, max(0, name.start - 40), name.start) or (
        _TELLER_BEFORE.search(text, max(0, name.start - 40), name.start)
    ):
        return "context"
    if _WHERE_A_SPEAKER_IS.search(text, max(0, name.start - 20), name.start):
        return "event"  # "police in Mandera said": the speaker is there, the place says nothing
    return "context" if _SPEECH_AFTER.match(text[name.end : name.end + 40]) else "event"


def _relative(
    text: str, name: FoundName, candidate: Candidate
) -> tuple[float, float, PlacePrecision, str | None]:
    before_start = max(0, name.start - 80)
    offset = _OFFSET_BEFORE.search(text, before_start, name.start)
    if offset:
        distance = parse_number(offset.group("distance"))
        if distance is not None:
            km = distance * (_MILE_KM if offset.group("unit").lower().startswith("mi") else 1)
            bearing = _COMPASS[offset.group("bearing").lower()]
            lat, lon = destination(candidate.lat, candidate.lon, km, bearing)
            return lat, lon, "near", offset.group("relation")
    near = _NEAR_BEFORE.search(text, before_start, name.start)
    if near:
        return candidate.lat, candidate.lon, "near", near.group("relation")
    return candidate.lat, candidate.lon, _precision_of(candidate), None


def _precision_of(candidate: Candidate) -> PlacePrecision:
    if candidate.kind == "country":
        return "country"
    if candidate.kind in ("city", "landmark", "crossing"):
        return "exact"
    return "region"
