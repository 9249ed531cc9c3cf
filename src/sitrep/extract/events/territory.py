"""Who took a place decides how ACLED names the taking: a state's own forces, at home,
regain territory; a non-state group, or a foreign army, overtakes it (``docs/acled_types.md``).

The words see it before the parse does: the first side named in the clause before the act of
taking ("Syrian army and allied fighters captured…"), or after "by" in a passive ("the town,
seized by the militants…"). The typing model, a bag of words, cannot: "rebel-held" or "from the
Islamic State" in a government's capture weigh for the rebels. On CASE 2021's dev snippets the
taker put 16 of the model's 33 wrong readings of the two types right and none wrong."""

from __future__ import annotations

import re
from typing import Literal

from sitrep.extract.events.actors import ITSELF, named_actors, speaker_words
from sitrep.records import Actor, PlaceMention

REGAINS = "Government regains territory"
OVERTAKES = "Non-state actor overtakes territory"

Taker = Literal["state", "non-state"]

_TAKING = re.compile(
    r"\b(?:(?:re)?captur(?:e|es|ed|ing)|recover(?:s|ed)?|seiz(?:e|es|ed|ing)|overr[au]n|"
    r"(?:took|taken|tak(?:e|es|ing)) (?:over|back|(?:full |complete )?control)|"
    # "had taken Ocheretyne", "took the town of Bama": a place taken, by its name
    r"(?:took|taken) (?=(?:the (?:\w+ )?(?:town|city|village|district|base|airport|port) of )?"
    r"(?-i:[A-Z]))|"
    r"(?:re)?gain(?:s|ed|ing)? (?:control|ground|territory)|ret(?:ook|aken|ake)|"
    r"liberat(?:e|es|ed|ing)|freed|stormed|established control|controlling|f[ae]ll(?:en)? to|"
    r"(?<![-\w])(?<!the )(?<!in )(?<!of )occup(?:y|ies|ied|ying) (?=the |(?-i:[A-Z]))|"
    # "assault units had cleared the village of Zolotyi Kolodiaz"
    r"cleared (?:the )?(?:village|town|settlement|city|district) of|"
    r"pushed (?:[\w-]+ ){0,2}(?:forces|troops|units|fighters|militants|rebels) out of)\b",
    re.IGNORECASE,
)
_STATE = re.compile(
    r"\b(?:army|armed forces|military|troops|troopers|soldiers|government(?:[- ]led)? forces|"
    r"security forces|regime forces|government|police|gendarmes?|national army|"
    r"defen[cs]e forces|pro-government|loyalist|marines|paratroopers|battalions?|brigades?|"
    r"jawans)\b",
    re.IGNORECASE,
)
_NON_STATE = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|jihadists?|fighters|militias?|militiamen|opposition|"
    r"terrorists?|gunmen|armed groups?|separatists|bandits|maoists?|naxals?|kurdish)\b",
    re.IGNORECASE,
)
# The clause before the act: back to the sentence's last stop, its speaker ("…, an army
# spokesman said, militants gained control of the base") or the "that" of a claim ("rejected
# claims that Moscow's forces had taken the village").
_CLAUSE_START = re.compile(r"[.;:]|\b(?:said|says|that|according to [^,]*,)", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|being)\s+(?:\w+\s+)?$", re.IGNORECASE)
_BY = re.compile(r"\s*(?:\S+\s+){0,4}?by\s+(.{0,40})", re.IGNORECASE)
_REACH = 150  # characters before the act searched for its subject


def taker(text: str) -> Taker | None:
    """The kind of side that took a place in ``text``, if the words say."""
    span = taker_words(text)
    return _first_side(text[span[0] : span[1]]) if span else None


def taker_words(text: str) -> tuple[int, int] | None:
    """Where ``text`` names the side that took a place: the clause before the act of taking,
    or the words after "by" in a passive; None where it tells no taking."""
    act = _TAKING.search(text)
    if act is None:
        return None
    reach = max(0, act.start() - _REACH)
    clause_start = reach
    for stop in _CLAUSE_START.finditer(text, reach, act.start()):
        clause_start = stop.end()
    if _PASSIVE.search(text, clause_start, act.start()):
        by = _BY.match(text, act.end())
        if by:
            return by.span(1)
    if ITSELF.fullmatch(text, clause_start, act.start()):
        return speaker_words(text, clause_start) or (clause_start, act.start())
    return clause_start, act.start()


def _first_side(words: str) -> Taker | None:
    sides: list[tuple[int, Taker]] = [(m.start(), "state") for m in _STATE.finditer(words)]
    sides.extend((m.start(), "non-state") for m in _NON_STATE.finditer(words))
    for actor in named_actors():
        if actor.kind != "state_forces":
            sides.extend((m.start(), "non-state") for m in actor.pattern.finditer(words))
    return min(sides)[1] if sides else None


def by_words(subtype: str | None, text: str) -> str | None:
    """``subtype``, with a taking of territory named for the side the words say took it."""
    if not is_taking(subtype):
        return subtype
    side = taker(text)
    if side is None:
        return subtype
    return REGAINS if side == "state" else OVERTAKES


_TAKERS = frozenset({"rebels", "external"})  # militias often fight for a government


def by_actor(subtype: str | None, actor: Actor | None, place: PlaceMention | None) -> str | None:
    """``subtype``, with a taking of territory named for the actor the parse found: rebels
    or a foreign army overtake; a state's forces at home regain."""
    if actor is None:
        return subtype
    if subtype == REGAINS and actor.kind in _TAKERS:
        return OVERTAKES
    if subtype == OVERTAKES and actor.kind == "state_forces" and _at_home(actor, place):
        return REGAINS
    return subtype


def _at_home(actor: Actor, place: PlaceMention | None) -> bool:
    return place is not None and place.country is not None and place.country == actor.country


def is_taking(subtype: str | None) -> bool:
    return subtype in (REGAINS, OVERTAKES)


def taker_first(
    subtype: str | None, actor1: Actor | None, actor2: Actor | None, place: PlaceMention | None
) -> tuple[Actor | None, Actor | None]:
    """A taking's two sides in ACLED's order, the taker first, where joining two reports of it
    put them the other way round: the type of one report with the sides of another, "M23
    overtakes territory" with the Congolese army as actor1. Sides stay as they are unless the
    second is the taker the type names and the first is not."""
    if actor1 is None or actor2 is None:
        return actor1, actor2
    if _takes(subtype, actor2, place) and not _takes(subtype, actor1, place):
        return actor2, actor1
    return actor1, actor2


def _takes(subtype: str | None, actor: Actor, place: PlaceMention | None) -> bool:
    """Whether ``actor`` is the kind of side that makes a taking ``subtype``."""
    home = _at_home(actor, place)
    if subtype == OVERTAKES:
        return actor.kind in _TAKERS or (actor.kind == "state_forces" and not home)
    if subtype == REGAINS:
        return actor.kind == "state_forces" and (home or place is None or place.country is None)
    return False
