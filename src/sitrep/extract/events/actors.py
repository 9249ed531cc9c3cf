"""Actors: who acted and on whom, under stable names ("Military Forces of Azerbaijan"), with
their kinds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from sitrep import datafiles
from sitrep.extract.events.parse import in_place_phrase, token_at
from sitrep.extract.events.spans import entities_within
from sitrep.records import (
    Actor,
    ActorKind,
    Annotated,
    Event,
    EventType,
    PlaceMention,
    Sentence,
)
from sitrep.resolve.gazetteer import Gazetteer

_STATE_NOUNS = (
    r"(?i:forces|army|troops|military|soldiers|servicem[ae]n|border guards|air forces?|navy|"
    r"artillery|units|armed forces|drones?|warplanes?|jets?|uavs?|helicopters?|aircraft|"
    r"fighter jets?|side|positions)"
)


STATE_BY_DEMONYM = re.compile(
    rf"\b(?P<word>[A-Z][a-z]+(?:ian|ani|ese|ish|ean|an|i|ic|n))\s+(?:\w+\s+)?"
    rf"(?:{_STATE_NOUNS}|shelling|strikes?|airstrikes?|air strikes?|fire|attacks?|bombardment|"
    # a state's weapons: "A Russian missile struck an apartment block"
    rf"missiles?|drones?|rockets?|shells|artillery|warplanes?|jets|bombs?|air raids?|"
    # and its moves: "Ukrainian forces repelled a Russian assault on Chasiv Yar"
    rf"assaults?|offensive|incursion|raids?)\b"
)


_STATE_BY_COUNTRY = re.compile(
    rf"\b(?:(?:military|armed) forces of|forces of|army of|troops of)\s+(?:the\s+)?"
    rf"(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)|\b(?P<owner>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)'s\s+"
    rf"{_STATE_NOUNS}\b"
)


# A defence ministry that tells what "its troops" did speaks for its state's forces ("Russia's
# defence ministry said its troops had captured the village": Russia's, not the place's).
_MINISTRY_FORCES = re.compile(
    r"\b(?:(?P<owner>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)['’]s|[Tt]he\s+(?P<word>[A-Z][a-z]+))\s+"
    r"(?:[Dd]efen[cs]e [Mm]inistry|[Mm]inistry of [Dd]efen[cs]e|[Gg]eneral [Ss]taff)\b[^.;]*?"
    r"\b(?P<its>its\s+(?:troops|forces|units|soldiers|army|servicemen|drones|missiles|warplanes|"
    r"jets|aircraft|artillery|navy|air defen[cs]es))\b"
)


# A side that tells what it did itself ("Moscow said it had captured the village", "a claim by
# the Arakan Army that its fighters had taken the town"): the speaker did it.
ITSELF = re.compile(
    r"\s*(?:(?:on\s+)?\w+day\s+)?(?:that\s+)?(?:it|they|(?:its|their) (?:\w+ )?(?:fighters|"
    r"forces|troops|units|men))\s+(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+)?",
    re.IGNORECASE,
)
_SAID = re.compile(
    r"(?:\bclaims? by\s+(?P<by>[^,;.]{2,60}?)\s+that|\b(?:said|says|claimed|claims|announced|"
    r"announces)(?:\s+(?:on\s+)?\w+day)?(?:\s+that)?)\s*\Z",
    re.IGNORECASE,
)
_BEFORE_SPEAKER = re.compile(r"[;.—–]|\s-\s|\b(?:that|which|who)\b", re.IGNORECASE)


def speaker_words(text: str, end: int) -> tuple[int, int] | None:
    """Where the speaker of the words ending at ``end`` is named: "the Arakan Army" of "a claim
    by the Arakan Army that", "The Arakan Army" of "The Arakan Army, one of …, said"."""
    said = _SAID.search(text, max(0, end - _SPEAKER_REACH), end)
    if said is None:
        return None
    if said["by"]:
        return said.span("by")
    start = max(0, said.start() - _SPEAKER_REACH)
    for stop in _BEFORE_SPEAKER.finditer(text, start, said.start()):
        start = stop.end()
    comma = text.find(",", start, said.start())  # past an apposition: "X, a group of…, said"
    return start, comma if comma > start and text[start:comma].strip() else said.start()


def own_act_speaker(text: str) -> tuple[int, int] | None:
    """Where ``text`` names a side that tells an act of its own ("a claim by dissidents that
    they had killed three soldiers", "Al Shabaab said its fighters stormed the base"): that
    side did it."""
    for itself in _TOLD_ITSELF.finditer(text):
        found = speaker_words(text, itself.start("gap"))
        if found:
            return found
    return None


_TOLD_ITSELF = re.compile(
    r"\b(?:that|said|says|claimed|announced)(?P<gap>(?:\s+(?:on\s+)?\w+day)?(?:\s+that)?\s+)"
    r"(?=(?:it|they|its|their)\b)(?!(?:it|they)\s+(?:\w+\s+)?been\b)",
    re.IGNORECASE,
)
_SPEAKER_REACH = 150  # characters before "it had…" searched for who said it


def country_forces(gazetteer: Gazetteer, name: str, location_country: str | None) -> Actor | None:
    """The forces of the state that a bare country's name stands for, as the side blamed for
    an act ("The PKK … blamed Turkey")."""
    iso2 = _country_named(gazetteer, name.strip())
    return state_forces(gazetteer, iso2, location_country) if iso2 else None


def _country_named(gazetteer: Gazetteer, name: str) -> str | None:
    """The country code of a country's name ("Russia"), if the gazetteer knows it as one."""
    candidates = gazetteer.candidates(name, limit=3, skeleton="never")
    return next((c.country_code for c in candidates if c.kind == "country"), None)


# A state the story says launched the weapons ("Russia launched 65 drones and two ballistic
# missiles at Ukraine overnight", "Israeli forces fired rockets"): the attacker of the strikes it
# then tells with no attacker ("A missile struck an apartment building in Kharkiv").
_LAUNCHED = re.compile(
    r"\b(?P<who>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:'s|’s)?(?:\s+(?:forces|military|army|troops|"
    r"air force|navy))?\s+(?:ha[ds]\s+|have\s+)?(?:launched|fired)\s+(?:[\w,-]+\s+){0,8}?"
    r"(?:drones?|missiles?|rockets?|"
    r"shells?|glide bombs?|bombs?)\b"
)


# "the 24 Shahed-type drones that Russia launched overnight", "drones launched by Russia"
_LAUNCHED_BY = re.compile(
    r"\b(?:drones?|missiles?|rockets?|shells?)\s+(?:(?:that|which)\s+(?P<who>[A-Z][a-z]+)\s+"
    r"(?:had\s+|has\s+)?(?:launched|fired)|(?:launched|fired)\s+(?:[\w-]+\s+){0,3}?by\s+"
    r"(?P<by>[A-Z][a-z]+))\b"
)


def launcher(text: str, gazetteer: Gazetteer, location_country: str | None) -> Actor | None:
    """The state ``text`` says launched drones, missiles, rockets or shells, as an actor."""
    for match in (*_LAUNCHED.finditer(text), *_LAUNCHED_BY.finditer(text)):
        who = match.group("who") or match.groupdict().get("by") or ""
        iso2 = _country_named(gazetteer, who) or gazetteer.demonym(who)
        if iso2:
            return state_forces(gazetteer, iso2, location_country)
    return None


# Forces named by their government, not their country: the state of the place they act in.
REGIME = re.compile(
    r"\b(?:regime|government(?:al)? (?:forces|troops|positions)|pro-government forces|state forces|"
    r"(?:the )?army|soldiers|troops|(?:the )?military|air defen[cs]es?(?: forces| units)?)\b",
    re.IGNORECASE,
)


REBELS = re.compile(
    r"\b(?:opposition rebels|rebels|insurgents|opposition fighters|opposition factions|"
    r"opposition groups?|jihadist(?:s| fighters| militants)|islamist(?:s| fighters| militants)|"
    r"extremists|guerrillas?|maoists|naxal(?:ite)?s|secessionists|"
    r"separatist(?:s| fighters| militants| rebels| gunmen))\b",
    re.IGNORECASE,
)


POLICE = re.compile(
    r"\b(?:police(?:m[ae]n|\s+officers?)?|security forces|law enforcement|riot police)\b",
    re.IGNORECASE,
)


_PROTESTERS = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|picket\w*|activists|residents|"
    r"gathered|a group of people)\b",
    re.IGNORECASE,
)


_RIOTERS = re.compile(r"\b(?:rioters|mob)\b", re.IGNORECASE)
# Armed herders, as ACLED codes the communal militias wire stories call "herdsmen".
_HERDERS = re.compile(r"\b(?:(?:fulani|armed|suspected) )?(?:herdsmen|herders)\b", re.IGNORECASE)


_CIVILIANS = re.compile(
    r"\b(?:civilians?|residents?|villagers?|men|women|children|"
    # "a man", "a 62-year-old man", "an elderly woman", "one worker"
    r"(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|child|boy|girl|worker|driver|trader)|traders|"
    r"students?|pupils?|schoolgirls|schoolchildren|"
    r"farmers?|shepherds?|passengers|travell?ers|commuters|shoppers|patients|fishermen|miners|"
    r"worshippers|pilgrims|guests|mourners|congregants|journalists?|family|people|doctors?|wife|"
    r"husband|"
    r"(?:community|village|religious|tribal|youth) leaders?|"
    r"nurses?|teachers?|(?:the )?head of|mayor|officials?|priest|activists?|employees|workers|"
    r"(?<!unknown )(?<!unidentified )(?<!armed )persons)\b"
    # not inside a group's name: "New People's Army", "Kurdistan Workers' Party"
    r"(?!['’]s?\s+[A-Z])",
    re.IGNORECASE,
)


# People counted by their nationality ("arrested 15 Palestinians", "dozens of Afghans").
_COUNTED_PEOPLE = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|scores of|hundreds of|"
    r"several|many)\s+(?P<people>[A-Z][a-z]+s)\b"
)


# Those arrested as suspects of an armed act are its unidentified group ("12 suspects had been
# arrested in connection with the attack", "two men who are allegedly linked to the abduction").
_SUSPECTS = re.compile(
    r"\b(?:suspects|(?:allegedly|reportedly|suspected to be|believed to be) linked to)\b",
    re.IGNORECASE,
)


# Men counted among a toll ("including 12 militants and five soldiers"), and words of two
# armed sides, for ``sentence_actors``'s reading of unnamed armed men beside a named group.
_COUNTED_BEFORE = re.compile(
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty|dozens of|"
    r"scores of)\s+$",
    re.IGNORECASE,
)
_RIVALS = re.compile(r"\b(?:between|rivals?|against|versus|factions?)\b", re.IGNORECASE)

UNIDENTIFIED = re.compile(
    # men who do the act: "Two men on a motorcycle hurled a grenade", "three men stormed", "a
    # man on a motorcycle threw a grenade"
    r"\b(?:(?:(?:two|three|four|five|six|\d+|several|some|a group of)\s+(?:[\w-]+\s+)?men"
    r"|(?:a|an|one)\s+(?:[\w-]+\s+)?man)"
    r"(?=(?:\s+(?:on|in|riding|wearing|with|armed)\b[^,.;]{0,40}?)?\s+(?:hurled|threw|opened|"
    r"fired|shot|stabbed|attacked|stormed|abducted|kidnapped|snatched|set|hacked|gunned|"
    r"torched|planted)\b)|gunmen|unidentified (?:armed )?(?:men|gunmen|assailants|attackers|group)|"
    r"(?:unknown|unidentified|masked|armed) (?:armed )?(?:gunman|assailant|attacker|perpetrators?|"
    r"persons?|individuals?)|perpetrators|"
    r"unknown (?:armed )?(?:men|gunmen|assailants|attackers)|armed men|militants|bandits|"
    # "Armed youths abducted six children … in a raid", cattle raiders
    r"armed (?:youths?|herders|herdsmen|civilians|villagers)|(?:cattle )?raiders|"
    # "its fighters" are the side named before them: "The army said its fighters repelled…"
    r"gang(?:s|sters| members)|assailants|attackers|"
    r"(?<!its )(?<!their )(?:suspected |armed )?fighters|"
    r"armed groups?|kidnappers|abductors|militiamen|paramilitar(?:y (?:forces?|groups?)|ies)|"
    # Nigerian papers' words for armed attackers ("suspected hoodlums set ablaze the station")
    r"hoodlums|miscreants)\b",
    re.IGNORECASE,
)


# An ally of the side that acted, which is neither side ("Somali forces backed by local clan
# fighters recaptured the town from al-Shabab"; "backed by Rwandan soldiers").
_ALLY = re.compile(
    r"\b(?:backed|supported|aided|assisted|accompanied|helped|joined) by (?:[\w’'-]+ ){0,4}?"
    r"(?:fighters|militias?|militiamen|troops|forces|soldiers|volunteers|vigilantes|allies|"
    r"units|gunships|aircraft|warplanes|drones)\b",
    re.IGNORECASE,
)


# A side's outlet or ministry that tells an act ("The Houthi-run health ministry said three port
# workers were killed"): its teller, not its author.
_RUN_BY = re.compile(
    r"\b[A-Z][\w'’]+-(?:run|controlled|led|affiliated|owned)\s+(?:[\w-]+\s+)?(?:ministry|"
    r"television|TV|media|news agency|agency|radio|channel|outlet|broadcaster|website|"
    r"newspaper|authorities|administration|officials?)\b"
)


# The agent of a passive ("shelled by the Azerbaijani forces"); an ally that "backed" or
# "supported" the side that acted is not the act's agent, nor who holds what it hit
# ("positions held by the VDP").
_AGENT_BEFORE = re.compile(
    r"(?<!backed )(?<!supported )(?<!aided )(?<!assisted )(?<!helped )(?<!accompanied )"
    r"(?<!held )(?<!controlled )(?<!manned )(?<!guarded )(?<!occupied )(?<!run )(?<!owned )"
    r"\bby\s+(?:the\s+|an?\s+)?(?:\w+\s+)?\Z",
    re.IGNORECASE,
)


# Statement actors: officials and bodies that speak for a state or a group.
_OFFICIALS = (
    r"(?:government|cabinet|administration|authorities|(?:foreign |defen[cs]e |interior )?"
    r"ministry|(?:prime |foreign |defen[cs]e |interior )?minister|president|presidency|premier|"
    r"chancellor|officials?|spokes(?:man|woman|person)|diplomats?|ambassador|envoy|embassy|"
    r"parliament|lawmakers|legislature|leaders?(?:hip)?|prosecutors?|court)"
)


_OFFICIALS_OF_STATE = re.compile(
    rf"\b(?P<word>[A-Z][a-z]+(?:ian|ani|ese|ish|ean|an|i|ic|n))\s+(?:\w+\s+)?(?i:{_OFFICIALS})\b|"
    rf"\b(?P<owner>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)['’]s\s+(?:\w+\s+)?(?i:{_OFFICIALS})\b|"
    rf"\b(?i:{_OFFICIALS})\s+of\s+(?:the\s+)?(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)


OFFICIALS_ALONE = re.compile(rf"\b{_OFFICIALS}\b", re.IGNORECASE)


GROUPS = re.compile(
    r"\b(?:protesters|demonstrators|activists|opposition|(?:trade |labou?r )?unions?|"
    r"political part(?:y|ies)|army|military|troops|armed forces|militants|rebels)\b",
    re.IGNORECASE,
)


# Named organisations that are political: states' bodies, parties, movements, international
# bodies and acronyms ("NATO", "OSCE"), not companies.
POLITICAL_ORG = re.compile(
    r"(?i:\b(?:ministry|government|council|parliament|assembly|congress|senate|party|front|"
    r"movement|union|nations|organi[sz]ation|committee|commission|court|army|forces|police|"
    r"league|alliance|coalition|brigades?|guard|office|agency|bank|fund|department|house|"
    r"kremlin|pentagon|embassy)\b)|^(?:[Tt]he\s+)?[A-Z]{2,6}$"
)


_CROWDS = re.compile(r"\b(?:protesters|demonstrators|activists)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _NamedActor:
    """A group of ``actors.toml``. ``needles``: a piece of each alias that every match of it
    holds, as written: where none is in a text the pattern is not tried. On the 1,751
    sentences of ``bench.throughput``'s articles and the wire dev stories, ``_named_hits``
    took 0.036 CPU seconds instead of 0.19 (best of 7 runs)."""

    name: str
    kind: ActorKind
    country: str | None
    pattern: re.Pattern[str]
    needles: tuple[str, ...]

    def search(self, text: str) -> re.Match[str] | None:
        """The first mention of the group in ``text``."""
        for needle in self.needles:
            if needle in text:
                return self.pattern.search(text)
        return None


def _alias_pattern(alias: str) -> str:
    """An alias as a pattern: either apostrophe, and an Arabic article in either case and with
    a hyphen or a space ("al Shabaab", "Al-Shabaab")."""
    pattern = re.escape(alias).replace("'", "['’]")
    return re.sub(r"^[Aa]l(?:\\-|\\ |-| )", r"[Aa]l[- ]", pattern)


def _aliases_regex(aliases: list[str]) -> re.Pattern[str]:
    """Any of an entry's aliases, as whole words."""
    return re.compile(rf"\b(?:{'|'.join(_alias_pattern(alias) for alias in aliases)})\b")


def _alias_needle(alias: str) -> str:
    """The longest piece of an alias that its pattern (``_alias_pattern``) matches as written:
    no apostrophe, no Arabic article."""
    pieces = re.sub(r"^[Aa]l[- ]", "", alias).split("'")
    return max(pieces, key=len)


@cache
def named_actors() -> tuple[_NamedActor, ...]:
    actors = []
    for entry in datafiles.load("actors.toml")["actor"]:
        actors.append(
            _NamedActor(
                entry["name"],
                entry["kind"],
                entry.get("country"),
                _aliases_regex(entry["aliases"]),
                tuple(_alias_needle(alias) for alias in entry["aliases"]),
            )
        )
    return tuple(actors)


@dataclass(frozen=True, slots=True)
class _NationalForce:
    """A state's forces by a name of their own (``[[force]]`` of ``actors.toml``)."""

    country: str
    kind: ActorKind
    pattern: re.Pattern[str]


@cache
def national_forces() -> tuple[_NationalForce, ...]:
    forces = []
    for entry in datafiles.load("actors.toml")["force"]:
        forces.append(
            _NationalForce(entry["country"], entry["kind"], _aliases_regex(entry["aliases"]))
        )
    return tuple(forces)


def _national_force(
    force: _NationalForce, gazetteer: Gazetteer, location_country: str | None
) -> Actor:
    if force.kind == "police":
        name = _country_name(gazetteer, force.country)
        return Actor(f"Police Forces of {name}", "police", force.country)
    return state_forces(gazetteer, force.country, location_country)


_KIN_OF = re.compile(r"-(?:linked|affiliated|allied|aligned|backed|inspired)\b")


def _named_hits(text: str) -> list[tuple[re.Match[str], _NamedActor]]:
    """The named groups of ``text``, each at its first mention; a name inside a longer one is
    the longer one's ("Pakistani Taliban" is not the Taliban, "Kataib Hezbollah" not
    Hezbollah), and a name that describes another group ("the al Qaeda-linked al Shabaab") is
    none."""
    hits = []
    for named in named_actors():
        hit = named.search(text)
        if hit is not None and not _KIN_OF.match(text, hit.end()):
            hits.append((hit, named))
    hits.sort(key=lambda pair: (pair[0].start(), -pair[0].end()))
    kept: list[tuple[re.Match[str], _NamedActor]] = []
    for hit, named in hits:
        if not any(k.start() <= hit.start() and hit.end() <= k.end() for k, _ in kept):
            kept.append((hit, named))
    return kept


def members_named(text: str) -> Actor | None:
    """The group whose members ``text`` says the dead were ("the Israeli military said both
    were members of Hezbollah", "it had eliminated a Hezbollah operative"), if it names one;
    not a group named for what it does ("as fighting between the army and JNIM militants
    spread")."""
    for hit, named in _named_hits(text):
        before = _IDENTIFIED_AS.search(text, 0, hit.start())
        if before and (before.group("member") or _MEMBER_AFTER.match(text, hit.end())):
            return Actor(named.name, named.kind, named.country)
    return None


_MEMBER_WORDS = r"(?:operatives?|members?|fighters?|commanders?|militants?|cadres?)"
# "were members of", "was a senior", "eliminated a", "killed two": the words that make the dead
# a group's, before its name.
_IDENTIFIED_AS = re.compile(
    r"\b(?:were|was|are|is|eliminated|killed|targeted|struck)\s+"
    r"(?:(?:all|both|an?|two|three|four|five|its|senior|top|local)\s+){0,2}"
    rf"(?:(?P<member>{_MEMBER_WORDS})\s+of\s+(?:the\s+)?)?\Z"
)
_MEMBER_AFTER = re.compile(rf"\s+(?:\w+\s+)?{_MEMBER_WORDS}\b")


_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "poss", "conj", "appos"})


_ACTOR_PREPOSITIONS = frozenset({"with", "against", "to", "on", "by", "between", "from"})


def statement_officials(
    annotated: Annotated,
    sentence: Sentence,
    gazetteer: Gazetteer,
    places: Sequence[PlaceMention],
) -> list[tuple[int, Actor]]:
    """The political actors of a statement, with their offsets in the sentence: a country
    named as subject or object stands for its government ("accused Russia"), as do its
    officials ("Ukraine's foreign ministry", "Russian officials", "Russian President Vladimir
    Putin"); a named person; a political organisation. Officials of no named state keep their
    organisation's own name where the tagger gives one ("the Foreign Ministry"), else they are
    a government of unknown country: the dateline is where the reporter is, not whose
    officials speak."""
    text = annotated.document.article.text[sentence.start : sentence.end]
    tokens = annotated.tokens
    dateline = annotated.document.dateline  # "LAGOS (AP) —": the agency says nothing here
    entities = [
        (e.start - sentence.start, e.end - sentence.start, e)
        for e in entities_within(annotated, sentence.start, sentence.end)
        if dateline is None or not dateline.start <= e.start < dateline.end
    ]
    place_starts = {p.start - sentence.start for p in places}
    found: list[tuple[int, Actor]] = []
    taken: list[tuple[int, int]] = []  # stretches read as a state's officials
    titles: dict[int, bool] = {}  # where a title ends: whether its state is known
    for match in _OFFICIALS_OF_STATE.finditer(text):
        if match.group("word"):
            iso2 = gazetteer.demonym(match.group("word"))
        else:
            iso2 = _country_named(gazetteer, match.group("owner") or match.group("country"))
        if iso2:
            found.append((match.start(), _government(gazetteer, iso2)))
            taken.append((match.start(), match.end()))
            titles[match.end()] = True
    names = [start for start, _, e in entities if e.label == "PERSON"]
    organisations = [(start, end) for start, end, e in entities if e.label == "ORG"]
    for match in OFFICIALS_ALONE.finditer(text):
        at = match.start()
        if any(start <= at < end for start, end in taken):
            continue
        titles.setdefault(match.end(), False)
        titled_name = any(0 <= name - match.end() <= 2 for name in names)
        named_body = any(start <= at < end for start, end in organisations)
        if not titled_name and not named_body:
            found.append((at, _government(gazetteer, None)))
            taken.append((at, match.end()))
    for place in places:
        at = place.start - sentence.start
        if not 0 <= at < len(text) or place.kind != "country" or not place.country:
            continue
        index = token_at(annotated, sentence, at)
        if index is None:
            continue
        token = tokens[index]
        if token.dep in _ACTOR_DEPS or (
            token.dep == "pobj" and tokens[token.head].text.lower() in _ACTOR_PREPOSITIONS
        ):
            found.append((at, _government(gazetteer, place.country)))
    for at, until, entity in entities:
        if (
            entity.label == "PERSON"
            and at not in place_starts
            and not in_place_phrase(annotated, sentence, at)
        ):
            title = next((known for end, known in titles.items() if 0 <= at - end <= 2), None)
            if title is not True and not gazetteer.demonym(entity.text):
                kind: ActorKind = "unknown" if title is None else "government"
                found.append((at, Actor(entity.text, kind, None)))
        elif (
            entity.label == "ORG"
            and POLITICAL_ORG.search(entity.text)
            and not any(start < until and at < end for start, end in taken)
            and not any(named.search(entity.text) for named in named_actors())
        ):
            found.append((at, Actor(re.sub(r"^[Tt]he\s+", "", entity.text), "unknown", None)))
    return found


def _government(gazetteer: Gazetteer, iso2: str | None) -> Actor:
    if iso2 is None:
        return Actor("Government (unknown country)", "government", None)
    return Actor(f"Government of {_country_name(gazetteer, iso2)}", "government", iso2)


def sentence_actors(
    sentence: str,
    gazetteer: Gazetteer,
    location_country: str | None,
    event_type: EventType,
    officials: Sequence[tuple[int, Actor]] = (),
    subtype: str | None = None,
    agent_words: tuple[int, int] | None = None,
) -> list[Actor]:
    """The actors a sentence names, in order, each once; ``officials`` are a statement's
    political actors, with their offsets in the sentence; an armed side named within
    ``agent_words`` (where the sentence names who did the act) comes first. Who reports the
    act ("…, police said") is its source, not an actor of a violent act."""
    found: list[tuple[int, Actor]] = list(officials)
    if event_type != "statement":
        sentence = _ATTRIBUTION.sub(lambda m: " " * len(m.group(0)), sentence)
        sentence = _WITNESSES_SAID.sub(lambda m: " " * len(m.group(0)), sentence)
        sentence = _TOLD_FIRST.sub(lambda m: " " * len(m.group(0)), sentence)
        sentence = _ACCUSER.sub(lambda m: " " * len(m.group(0)), sentence)
        sentence = _ALLY.sub(lambda m: " " * len(m.group(0)), sentence)
        sentence = _RUN_BY.sub(lambda m: " " * len(m.group(0)), sentence)
    states: list[tuple[int, int]] = []  # "Israeli troops": the troops are Israel's
    for match in STATE_BY_DEMONYM.finditer(sentence):
        iso2 = gazetteer.demonym(match.group("word"))
        if iso2:
            found.append((match.start(), state_forces(gazetteer, iso2, location_country)))
            states.append(match.span())
    for match in _STATE_BY_COUNTRY.finditer(sentence):
        iso2 = _country_named(gazetteer, match.group("country") or match.group("owner"))
        if iso2:
            found.append((match.start(), state_forces(gazetteer, iso2, location_country)))
            states.append(match.span())
    for match in _MINISTRY_FORCES.finditer(sentence):
        owner = match.group("owner")
        iso2 = _country_named(gazetteer, owner) if owner else gazetteer.demonym(match["word"])
        if iso2:  # its troops stand where "its" does: "fired on its army positions"
            found.append((match.start("its"), state_forces(gazetteer, iso2, location_country)))
            its = match.span("its")  # its troops are that state's, not the place's
            sentence = sentence[: its[0]] + " " * (its[1] - its[0]) + sentence[its[1] :]
    for force in national_forces():
        for match in force.pattern.finditer(sentence):
            found.append((match.start(), _national_force(force, gazetteer, location_country)))
            states.append(match.span())
    hits = list(_named_hits(sentence))
    named_at = [name_at.start() for name_at, _ in hits]
    named_ends = [name_at.end() for name_at, _ in hits]
    # a state read inside a group's name is none: "the Syrian Democratic Forces"
    found = [
        (at, actor)
        for at, actor in found
        if not any(a <= at < b for a, b in zip(named_at, named_ends, strict=True))
    ]
    for name_at, named in hits:
        found.append((name_at.start(), Actor(named.name, named.kind, named.country)))
    where = location_country
    generic: list[tuple[re.Pattern[str], str, ActorKind]] = [
        (REGIME, "Military Forces of {}", "state_forces"),
        (POLICE, "Police Forces of {}", "police"),
        (REBELS, "Opposition Rebels ({})", "rebels"),
        (_RIOTERS, "Rioters ({})", "rioters"),
        (_HERDERS, "Unidentified Communal Militia ({})", "militia"),
        (UNIDENTIFIED, _UNNAMED["unknown"], "unknown"),
    ]
    if event_type == "protests":
        generic.insert(0, (_PROTESTERS, "Protesters ({})", "protesters"))
    elif event_type == "statement":  # "officials" and "people" are no victims here
        generic.insert(0, (_CROWDS, "Protesters ({})", "protesters"))
    else:
        generic.append((_CIVILIANS, _UNNAMED["civilians"], "civilians"))
    if event_type not in ("statement", "protests"):
        for match in _COUNTED_PEOPLE.finditer(sentence):
            if gazetteer.demonym(match["people"]):  # "arrested 15 Palestinians"
                found.append((match.start("people"), _unnamed("civilians", gazetteer, where)))
                break
    # "12 militants and five soldiers were killed when al-Shabaab fighters attacked": the
    # unnamed armed men counted dead in a sentence that names one armed group, and no rival,
    # are that group's
    group_named = any(named.kind in ("rebels", "militia") for _, named in hits) and not (
        _RIVALS.search(sentence)
    )
    for pattern, template, kind in generic:
        hit = next(
            (
                h
                for h in pattern.finditer(sentence)
                if not (
                    group_named
                    and kind == "unknown"
                    and _COUNTED_BEFORE.search(sentence, 0, h.start())
                )
                and not any(a <= h.start() < b for a, b in states)
                and not any(a <= h.start() < b for a, b in zip(named_at, named_ends, strict=True))
                and not _KIN_OF.match(sentence, h.end())  # "the army-backed government"
            ),
            None,
        )
        if (
            hit
            and not _of_named(sentence, hit.end(), named_at)
            and not _named_before(sentence, hit.start(), named_ends)
        ):
            label = _country_label(gazetteer, where)
            found.append((hit.start(), Actor(template.format(label), kind, where)))
            states.append(hit.span())  # one phrase, one side: "two men" who "hurled a grenade"
    # Attackers first (the agent of a passive, "shelled by the Azerbaijani forces", first of
    # all), then their targets; civilians are never the attackers of violence.
    # A statement's speaker is who says it, first in the sentence: "Israel has vowed to
    # retaliate for a missile attack by Iran" is Israel's threat, whoever attacked.
    acted = event_type != "statement"
    found.sort(
        key=lambda item: (
            not _in_agent_words(item[0], item[1], agent_words),
            acted and _is_target(sentence, item[0], item[1], event_type),
            acted and not _AGENT_BEFORE.search(sentence, 0, item[0]),
            item[0],
        )
    )
    ordered: list[Actor] = []
    for at, actor in found:
        if actor.name not in (a.name for a in ordered):
            ordered.append(actor)
            if (
                len(ordered) == 1
                and event_type in ONE_SIDED
                and _is_target(sentence, at, actor, event_type)
            ):
                ordered.insert(0, _unnamed("unknown", gazetteer, where))
    if (
        subtype == "Disrupted weapons use"
        and where
        and len(ordered) == 1
        and ordered[0].kind == "external"
    ):
        ordered.insert(0, state_forces(gazetteer, where, where))  # its weapon was downed at home
    if event_type in ONE_SIDED:
        ordered = _victims_second(ordered)
    if event_type == "battles" and sum(a.kind != "civilians" for a in ordered) >= 2:
        ordered = [a for a in ordered if a.kind != "civilians"]  # the clash's toll, not a side
    if subtype == "Arrests":
        ordered = _arrester_first(ordered, gazetteer, where)
        if (
            ordered
            and _SUSPECTS.search(sentence)
            and (len(ordered) < 2 or ordered[1].kind == "civilians")
        ):
            ordered = [ordered[0], _unnamed("unknown", gazetteer, where)]
    crowds: dict[str, ActorKind] = {"protests": "protesters", "riots": "rioters"}
    crowd = crowds.get(event_type)
    if crowd:
        ordered = _crowd_first(ordered, crowd, gazetteer, where, subtype)
    return ordered[:2]


def _in_agent_words(at: int, actor: Actor, agent_words: tuple[int, int] | None) -> bool:
    """Whether an armed side is named where the sentence names who did the act."""
    return (
        agent_words is not None
        and agent_words[0] <= at < agent_words[1]
        and actor.kind not in ("civilians", "protesters")
    )


# "Fighters of Sudan's paramilitary Rapid Support Forces": the generic word is the group named.
_OF_GROUP = re.compile(
    # "fighters of Jama'at Nusrat al-Islam wal-Muslimin (JNIM)": a long name before its initials
    r"\s+(?:of|from|belonging to|loyal to|linked to)\s+(?:the\s+)?"
    r"(?:(?:[\w'’-]+\s+){0,3}|(?:[\w'’-]+\s+){1,6}\()\Z",
    re.IGNORECASE,
)


def _of_named(sentence: str, end: int, named_at: Sequence[int]) -> bool:
    """Whether a generic word ending at ``end`` is followed by "of <a named group>"."""
    return any(start > end and _OF_GROUP.match(sentence[end:start]) for start in named_at)


def _named_before(sentence: str, start: int, named_ends: Sequence[int]) -> bool:
    """Whether a generic word starting at ``start`` is a named group's ("RSF fighters",
    "Hamas gunmen", "al-Shabab's militants")."""
    return any(end <= start and _NAMED_HEAD.fullmatch(sentence[end:start]) for end in named_ends)


_NAMED_HEAD = re.compile(r"(?:'s|’s)?\s+(?:[\w-]+\s+)?")


_ARRESTERS: frozenset[ActorKind] = frozenset({"police", "state_forces", "external", "rebels"})


def _arrester_first(ordered: list[Actor], gazetteer: Gazetteer, where: str | None) -> list[Actor]:
    """An arrest's actors as ACLED orders them: who arrested (the state's police where the
    sentence names no one, "nine of its activists were arrested"), then who was arrested."""
    arresters = [a for a in ordered if a.kind in _ARRESTERS]
    if not arresters:
        label = _country_label(gazetteer, where)
        arresters = [Actor(f"Police Forces of {label}", "police", where)]
    return arresters[:1] + [a for a in ordered if a is not arresters[0]]


def _victims_second(ordered: list[Actor]) -> list[Actor]:
    """A one-sided act's actors as ACLED orders them: its attacker, then the civilians it
    names, before any other side the sentence mentions ("…killing 11 civilians, as fighting
    between the army and the Fano militia spread")."""
    victims = [a for a in ordered if a.kind == "civilians"]
    if not victims or ordered.index(victims[0]) < 2 or ordered[1].kind == "police":
        return ordered  # police that the act names are its target ("killing five policemen")
    return [ordered[0], victims[0]]


# A crowd met with force: ACLED's notes name the force second (all 39 protests with
# intervention) or first (excessive force) every time; the police where the story names none.
# A violent demonstration's second side is the police too: all 12 on the wire stories' dev
# split, 3 of 5 in ACLED's dev notes (the other two name none); the people the sentence names
# are the crowd itself ("residents protesting … barricaded the road"), not its victims.
_MET_WITH_FORCE = frozenset({"Protest with intervention", "Excessive force against protesters"})


def _crowd_first(
    ordered: list[Actor],
    crowd: ActorKind,
    gazetteer: Gazetteer,
    where: str | None,
    subtype: str | None,
) -> list[Actor]:
    """A protest's or a riot's actors as ACLED orders them: the crowd first (the force first
    where it used lethal force on protesters), and the police or troops, when named, before
    bystanders; a peaceful protest has no second actor."""
    crowds = [a for a in ordered if a.kind == crowd]
    if not crowds:
        label = _country_label(gazetteer, where)
        name = "Protesters ({})" if crowd == "protesters" else "Rioters ({})"
        crowds = [Actor(name.format(label), crowd, where)]
    forces = [a for a in ordered if a.kind in ("police", "state_forces") and a not in crowds]
    others = [a for a in ordered if a not in crowds and a not in forces]
    if subtype == "Violent demonstration":  # "residents protesting … barricaded the road"
        others = [a for a in others if a.kind != "civilians"]  # the crowd, not its victims
    if subtype in _MET_WITH_FORCE | {"Violent demonstration"} and not forces:
        label = _country_label(gazetteer, where)  # "firing broke out as personnel dispersed"
        forces = [Actor(f"Police Forces of {label}", "police", where)]
    if subtype == "Excessive force against protesters":
        return [forces[0], crowds[0], *others]
    if subtype == "Peaceful protest":  # no one acted on it
        return [crowds[0]]
    return [crowds[0], *forces, *others]


# Who tells an act, before the verb: "the regional military administration", "police".
_TELLER = (
    r"(?:(?:the|a|an|local|state|regional|provincial|district|military|army|police)\s+)*"
    r"[\w'’.\- ]{0,90}?\s"
)
# The attribution that closes a sentence: ", police said.", ", according to the army."
_ATTRIBUTION = re.compile(
    rf"(?:,|\s[-—–])\s*{_TELLER}(?:said|says|say|told \w+|reported|added|claimed|stated)"
    # "…, police said Monday", "… said on the Telegram messaging app", "… said in a statement"
    r"(?:\s+\w+day)?(?:\s+(?:on|in|via|through|during|late|early)\s[^,;.!?]{0,60})?"
    r"\s*[.\"”]*\s*$|,\s*according to [^,]{1,80}[.\"”]*\s*$"
    # "…, police and a teacher said, the latest mass kidnapping": between commas too
    rf"|,\s*{_TELLER}(?:said|says|told \w+|reported|added)(?:\s+(?:on\s+)?\w+day)?(?=,\s)",
    re.IGNORECASE,
)


# A sentence's opening words up to the verb of telling: a dateline ("KYIV, Ukraine (AP) — "),
# then who tells, in one clause.
_OPENING_TELLER = (
    r"^(?:[^—–\n]{0,60}[—–]\s*|[^\n]{0,60}?\s-\s)?"
    # a round-up's turn first: "Separately, Afghanistan's Taliban government said …"
    r"(?:\s*(?:Separately|Elsewhere|Meanwhile|In a separate (?:incident|development)),\s+)?"
    r"(?:(?!\bbut\b)[^.;:,\"“—–]){2,80}?\b"
)


# Who accuses another of an act ("Ukraine's military accused Russian forces on Thursday of
# dropping grenades") tells it; the accused did it; not a clause that tells why an act was
# done ("a mob beat a man after accusing him of theft").
_ACCUSER = re.compile(
    _OPENING_TELLER + r"(?<!\bafter )(?<!\bbefore )(?<!\bfor )(?<!\bwhile )(?<!\bwhen )"
    r"(?:accused|accuses|accusing)\s+"
    r"(?=(?:[\w'’-]+\s+){1,4}?(?:(?:on|late|early)\s+\w+day\s+)?of\s+\w+ing\b)",
    re.IGNORECASE,
)


def in_attribution(sentence: str, at: int) -> bool:
    """Whether offset ``at`` of a sentence lies in the words that say who reported it
    ("…, Ukraine's air force says.", "Ukraine's air force said Russia had launched…"): its
    source, not a side of its act."""
    told = _TOLD_FIRST.match(sentence) or _ACCUSER.match(sentence)
    return (told is not None and at < told.end()) or any(
        m.start() <= at < m.end() for m in _ATTRIBUTION.finditer(sentence)
    )


# Onlookers who tell an act at the start of its sentence ("Residents reached by phone said RSF
# fighters were looting shops") are its witnesses, not its victims.
_WITNESSES_SAID = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,2}?(?:residents|witnesses|eyewitnesses|villagers|locals|survivors|"
    r"relatives|medics|doctors)\b[^.;:\"“]{0,60}?\b(?:said|say|says|told \w+|recounted)\s+"
    r"(?:that\s+)?",
    re.IGNORECASE,
)
# Whoever tells an act before it ("Ukraine's air force said Russia had launched 31 drones",
# "Police said gunmen killed…") is its source where the words after it name who acted: a
# state or group by name, or gunmen, then the act.
_TOLD_FIRST = re.compile(
    _OPENING_TELLER + r"(?:said|says|say|told (?-i:[A-Z]\w+\s)+|told \w+\s|"
    r"reported|reports)(?:\s+(?:on\s+)?\w+day)?(?:\s+that)?\s+"
    r"(?!(?:on\s+)?\w+day\b|(?:it|its|they|their|we|our)\b)"
    r"(?=(?:the\s+)?(?-i:[A-Z][\w'’-]+\s+){1,4}(?:forces\s+|troops\s+)?|"
    r"(?:gunmen|militants|attackers|assailants|insurgents|jihadists|bandits|armed men)\s+)"
    r"(?=(?:\S+\s+){1,5}(?:(?:had|has|have)\s+)?(?:launched|fired|shelled|attacked|struck|hit|"
    r"killed|bombed|stormed|seized|captured|ambushed|abducted|kidnapped|opened fire)\b)",
    re.IGNORECASE,
)
ONE_SIDED: frozenset[EventType] = frozenset(
    {"violence_against_civilians", "explosions_remote_violence"}
)
_TARGET_BEFORE = re.compile(
    r"\b(?:kill\w*|martyr\w*|wound\w*|injur\w*|target\w*|attack\w*(?: on)?|ambush\w*(?: on)?|"
    r"abduct\w*|kidnapp?\w*|shot|shooting|assault\w*(?: on)?|against|hit|struck|rap\w*|"
    r"strikes? on|fire on|fired on|bomb\w* (?:on|at)|rammed(?: into)?|"
    r"(?:drove|crashed|ploughed|plowed|tore|ripped) (?:into|through)|stormed|raided|overran|at)\s+"
    r"(?:(?:the|a|an|two|three|four|five|six|seven|eight|nine|ten|\d+|several|dozens of|"
    r"scores of|at least|more than|some|of|local|off-duty|unarmed)\s+){0,4}\Z",
    re.IGNORECASE,
)


# "four police officers were killed when…": the subject of a passive of violence is its target.
_TARGET_AFTER = re.compile(
    # "Two police officers were on Tuesday killed", as Nigerian and Indian papers write it
    r"[\w'’-]+\)?(?:\s+[\w'’()-]+){0,5}?\s+(?:were|was|have been|had been|are|is)\s+"
    r"(?:\w+\s+){0,2}?"
    r"(?:killed|martyred|slain|wounded|injured|attacked|ambushed|abducted|kidnapped|hurt|shot|"
    r"targeted)\b"
    # a strike "near the al-Shabab stronghold of Jilib", "on Houthi positions"
    r"|[\w'’-]+(?:\s+[\w'’-]+){0,2}?\s+(?:strongholds?|positions|hideouts?|targets|"
    r"training (?:camps?|sites?))\b",
    re.IGNORECASE,
)


def _is_target(sentence: str, at: int, actor: Actor, event_type: EventType) -> bool:
    """Whether the actor at offset ``at`` is the one acted on: civilians in violence, anyone
    right after "killed", "attack on", "ambushed"…, and near whom a bomb went off ("exploded
    near a police vehicle")."""
    if actor.kind == "civilians" and event_type in ONE_SIDED | {"battles"}:
        return True
    if event_type in ONE_SIDED and _STRUCK_NEAR.search(sentence, 0, at):
        return True
    return (
        bool(_TARGET_BEFORE.search(sentence, 0, at))
        or bool(_TARGET_AFTER.match(sentence, at))
        or bool(_AMONG_VICTIMS.search(sentence, 0, at))
        or bool(_ATTACK_ON.search(sentence, 0, at))
        or bool(_HELD_BY.search(sentence, 0, at))
    )


# Who holds the place an act hit is no author of it: "an air strike on the market in Nyala,
# the state capital held by the RSF since October, killed five".
_HELD_BY = re.compile(
    r"\b(?:held|controlled|occupied|run)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?\Z",
    re.IGNORECASE,
)


# What an attack was on, however long the words ("a drone attack on the city's airport and a
# nearby military base"), up to whoever did it ("by the army").
_ATTACK_ON = re.compile(
    r"\b(?:attack|strike|raid|assault|bombing|shelling)s? (?:on|against)\b"
    r"(?:(?! by\b)[^,;.]){0,60}\Z",
    re.IGNORECASE,
)


# Those named among an act's dead or hurt ("killing at least five people, including three
# soldiers") are its targets, not its authors.
_AMONG_VICTIMS = re.compile(
    r"\b(?:kill\w*|wound\w*|injur\w*|dead|died)\s+(?:[\w-]+\s+){0,5}?[\w-]+,?\s+"
    r"(?:including|among them|among whom were)\s+(?:(?:the|a|an|two|three|four|five|six|seven|"
    r"eight|nine|ten|\d+|several|some|at least|off-duty|members? of)\s+){0,4}\Z",
    re.IGNORECASE,
)


_STRUCK_NEAR = re.compile(
    r"\b(?:exploded|explodes|went off|detonated|blew (?:up|(?:him|her|them)sel(?:f|ves) up)|"
    r"landed|struck|hit)\s+(?:near|outside|"
    r"beside|next to|close to|under|in front of)\s+(?:the |a |an )?(?:[\w-]+\s+)?\Z",
    re.IGNORECASE,
)


# Acts whose target ACLED codes as civilians where the story names none: one-sided violence
# against them and the destruction of their homes and shops ("set fire to seven houses").
_CIVILIANS_TARGETED = frozenset(
    {"Attack", "Abduction/forced disappearance", "Sexual violence", "Looting/property destruction"}
)


# Strikes from afar that kill people the story does not name: ACLED codes their dead as
# civilians (the wire benchmark's dev gold: every shelling with a toll and no named target,
# 31 of 43 air or drone strikes; the rest name the fighters or troops hit).
_DEADLY_FROM_AFAR = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def _kills_unnamed(event: Event) -> bool:
    return (
        event.subtype in _DEADLY_FROM_AFAR
        and event.fatalities is not None
        and bool(event.fatalities.best)
    )


def implied_victims(event: Event, gazetteer: Gazetteer) -> Event:
    """An act on civilians whose story names its author but no target ("RSF fighters looted
    the main market", "a Russian strike on Sumy killed five") has ``Civilians`` of the act's
    country as its second side."""
    if (
        not (event.subtype in _CIVILIANS_TARGETED or _kills_unnamed(event))
        or event.actor1 is None
        or event.actor2 is not None
        or event.actor1.kind == "civilians"
    ):
        return event
    where = event.location.country if event.location else event.actor1.country
    return replace(event, actor2=_unnamed("civilians", gazetteer, where))


def state_forces(gazetteer: Gazetteer, iso2: str, location_country: str | None) -> Actor:
    """The military of ``iso2``: external where the act was in another country."""
    kind: ActorKind = "state_forces"
    if location_country and iso2 != location_country:
        kind = "external"
    return Actor(f"Military Forces of {_country_name(gazetteer, iso2)}", kind, iso2)


def _unnamed(kind: ActorKind, gazetteer: Gazetteer, where: str | None) -> Actor:
    """The side a story does not name, labelled with the country it acted in: "Unidentified
    Armed Group (Mali)", "Civilians (Ukraine)"."""
    template = _UNNAMED[kind]
    return Actor(template.format(_country_label(gazetteer, where)), kind, where)


_UNNAMED: dict[ActorKind, str] = {
    "unknown": "Unidentified Armed Group ({})",
    "civilians": "Civilians ({})",
}


def _country_label(gazetteer: Gazetteer, where: str | None) -> str:
    """The country an unnamed side is labelled with ("Protesters (Kenya)"): where it acted."""
    return _country_name(gazetteer, where) if where else "unknown country"


def _country_name(gazetteer: Gazetteer, iso2: str) -> str:
    country = gazetteer.country(iso2)
    return country.name if country else iso2
