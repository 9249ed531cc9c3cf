"""When two reports are of the same event.

Two events, from one article or from several, are the same event when they pass every gate and
what they contradict is outweighed by what corroborates them (``docs/linking.md`` gives the
rules with examples):

Gates (each must hold):

1. **Linkable.** Neither is a statement (what someone said, not what happened), both are dated
   to the day and placed more precisely than a country. An event without a date or a place is
   stored as an event of its own and never merged by place or date alone. A background event
   dated to the day links too: "a day after an airstrike killed three" in a story about a march
   is one more report of that airstrike; history and running totals ("since 2019", "last
   year") are not dated to the day, and so link nothing.
2. **Type.** Their kinds are compatible: equal types, or both violence (battles,
   explosions/remote violence, violence against civilians, and the sub-event types that are
   violence under another type: excessive force against protesters, mob violence, drones shot
   down, looting, a town changing hands), or both demonstrations (protests, riots).
3. **Date.** Their possible days are at most ``LinkRules.days`` apart. An event's possible days
   are its date, or, when it is dated the day its report was published, that day back to the
   earliest day the report names in the week before: "residents said Monday" in a Monday
   report of an attack that "happened Saturday" dates the telling, not the attack.
4. **Place.** Both in the same country, and the points at most ``LinkRules.km`` apart, or one
   placed at a region that holds the other: a district (the gazetteer's admin2 code) holds the
   places of that district, a province (admin1) the places of the province.

Contradictions and corroborations (a pair that passes the gates links unless it has more
contradictions than corroborations):

- **Actors contradict** when both reports name both sides and no side of one is a side of the
  other, names compared normalised (case, spacing), an unidentified armed group standing for
  any armed side.
- **Tolls contradict** when both give a killed count, the counts are further apart than
  ``LinkRules.toll_ratio`` × the smaller + ``LinkRules.toll_slack``, and the higher count is not
  the later report's (a toll may grow as the dead are counted; it does not shrink tenfold).
- **The same claimant corroborates**: both reports quote the same named party (a claimant whose
  name has a capital letter: "the army" is anyone's, "JNIM" is one party's).

The relation is symmetric and looks at the two reports only, so clusters (its connected groups)
do not depend on the order the articles arrived in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeAlias

from sitrep.records import (
    DEMONSTRATION_TYPES,
    POLITICAL_VIOLENCE,
    SUBTYPE_DISORDER_TYPES,
    VIOLENCE_TYPES,
    PortableEvent,
)
from sitrep.resolve.geometry import haversine_km

Day: TypeAlias = date  # for annotations inside ``EventFacts``, whose field ``date`` hides the type


@dataclass(frozen=True, slots=True)
class LinkRules:
    """The numbers the linking rules use, each with the evidence it was set from.

    Set on the dev split of the composed linking corpus (``python -m bench.linking --split
    dev``), whose hard negatives are the same town three days apart (Kharkiv), the same day and
    type 60 and 66 km apart (El Fasher/Mellit, Bandiagara/Koro) and the same town and day with
    another kind of event (a protest and a shelling in Goma).
    """

    # Reports filed after midnight, or a time zone away, date an event a day off (dev: Niono
    # claimed for Wednesday in one report, the army's denial dated Thursday in the next).
    days: int = 1
    # How far back a report published on the day it dates its event may be telling of an
    # earlier day it names: a weekday in wire copy is at most six days back (dev: Gusau
    # "Saturday" in a Monday report, Bahir Dar "Tuesday" in a Thursday one).
    said_days: int = 6
    # Two points of one event: a town and its suburb, a village "15 km outside" the town
    # another report names (dev: Gusau, Bandiagara); the closest hard negatives are 60 km apart.
    km: float = 25.0
    # A toll may differ between reports (dev: 7 and 9 at El Fasher, 12 and 14 at Djugu, 1 and 2
    # at Kherson, same day); a later report giving a tenth of an earlier one tells of another
    # event.
    toll_ratio: float = 2.0
    toll_slack: int = 2
    # Actor kinds an unidentified armed group can stand for.
    armed_kinds: frozenset[str] = field(
        default_factory=lambda: frozenset(
            {"state_forces", "rebels", "militia", "police", "external", "unknown"}
        )
    )


DEFAULT_RULES = LinkRules()

# Sub-event types that are violence under another event type: those ACLED counts as political
# violence ("Mob violence", "Excessive force against protesters"), and the strategic
# developments that are an act of force (a drone shot down, looting, a town changing hands).
_VIOLENT_SUBTYPES = frozenset(
    {
        subtype
        for subtype, disorder in SUBTYPE_DISORDER_TYPES.items()
        if POLITICAL_VIOLENCE in disorder
    }
    | {"Disrupted weapons use", "Looting/property destruction", "Non-violent transfer of territory"}
)
_UNLINKED = frozenset({"statement"})
_GENERIC_ACTOR = "unknown"


@dataclass(frozen=True, slots=True)
class Side:
    """One actor of an event, as linking compares it."""

    name: str  # normalised: case-folded, single spaces
    kind: str | None


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What linking looks at in an event (built from the event and its report).

    ``earliest`` is the first of the event's possible days (``possible_days``); ``admin2`` the
    gazetteer's admin2 code of the event's place, when known.
    """

    id: str
    article_id: str
    type: str
    subtype: str | None
    earliest: date | None  # the fields typed ``date`` come before the field named so
    published: date | None
    date: date | None
    date_precision: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    precision: str | None
    sides: tuple[Side, ...]
    killed: int | None
    claimant: str | None

    @classmethod
    def of(
        cls,
        event: PortableEvent,
        article_id: str,
        *,
        published: Day | None = None,
        earliest: Day | None = None,
        admin2: str | None = None,
    ) -> EventFacts:
        location = event.location
        day = event.date
        return cls(
            id=event.id,
            article_id=article_id,
            type=event.type,
            subtype=event.subtype,
            date=day,
            earliest=earliest if earliest is not None and day is not None else day,
            date_precision=event.date_precision,
            lat=location.lat if location else None,
            lon=location.lon if location else None,
            country=location.country if location else None,
            admin1=location.admin1 if location else None,
            admin2=admin2,
            precision=location.precision if location else None,
            sides=tuple(
                Side(normalised_name(actor.name), actor.kind)
                for actor in (event.actor1, event.actor2)
                if actor
            ),
            killed=event.fatalities.best if event.fatalities else None,
            published=published,
            claimant=named_claimant(event.claim.by),
        )

    @property
    def linkable(self) -> bool:
        """Whether this event can join a cluster at all (gate 1)."""
        return (
            self.type not in _UNLINKED
            and self.date is not None
            and self.date_precision == "day"
            and self.lat is not None
            and self.lon is not None
            and self.precision != "country"
        )


def normalised_name(name: str) -> str:
    """An actor's or claimant's name as linking compares it: case-folded, single spaces."""
    return " ".join(name.split()).casefold()


def named_claimant(by: str | None) -> str | None:
    """The claimant as linking compares it, or None when it names no one party ("officials")."""
    if not by or by == by.lower():
        return None
    return normalised_name(by)


def earliest_day(
    event_day: date | None,
    published: date | None,
    named_days: Iterable[date],
    rules: LinkRules = DEFAULT_RULES,
) -> date | None:
    """The first possible day of an event (gate 3): its date, or, for an event dated the day
    its report was published, the earliest day the report names in the ``rules.said_days``
    before."""
    if event_day is None or published is None or event_day != published:
        return event_day
    window_start = published - timedelta(days=rules.said_days)
    return min((day for day in named_days if window_start <= day < published), default=event_day)


def same_event(a: EventFacts, b: EventFacts, rules: LinkRules = DEFAULT_RULES) -> bool:
    """Whether two reports are of the same event (the rules in this module's docstring)."""
    if a.id == b.id or not (a.linkable and b.linkable):
        return False
    if not (compatible_kinds(a, b) and dates_close(a, b, rules) and places_close(a, b, rules)):
        return False
    contradictions = _actors_contradict(a, b, rules) + _tolls_contradict(a, b, rules)
    corroborations = int(a.claimant is not None and a.claimant == b.claimant)
    return contradictions <= corroborations


def _kinds(event: EventFacts) -> frozenset[str]:
    """The groups an event's type belongs to (gate 2)."""
    kinds = {event.type}
    if event.type in VIOLENCE_TYPES or event.subtype in _VIOLENT_SUBTYPES:
        kinds.add("violence")
    if event.type in DEMONSTRATION_TYPES:
        kinds.add("demonstration")
    return frozenset(kinds)


def compatible_kinds(a: EventFacts, b: EventFacts) -> bool:
    """Whether two events' types may describe one event (gate 2)."""
    return bool(_kinds(a) & _kinds(b))


def compatible_types(a: str, b: str) -> bool:
    """Whether two event types (without sub-event types) may describe one event."""
    return a == b or {a, b} <= VIOLENCE_TYPES or {a, b} <= DEMONSTRATION_TYPES


def dates_close(a: EventFacts, b: EventFacts, rules: LinkRules) -> bool:
    assert a.date and a.earliest and b.date and b.earliest
    slack = timedelta(days=rules.days)
    return a.earliest - slack <= b.date and b.earliest - slack <= a.date


def places_close(a: EventFacts, b: EventFacts, rules: LinkRules) -> bool:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    if a.country and b.country and a.country != b.country:
        return False
    if haversine_km(a.lat, a.lon, b.lat, b.lon) <= rules.km:
        return True
    return holds(a, b) or holds(b, a)


def holds(region: EventFacts, place: EventFacts) -> bool:
    """Whether ``region`` is placed at a district or province that contains ``place``: the
    same admin1, and the same admin2 when both are known (a district holds its own places)."""
    if region.precision != "region" or region.country is None or region.admin1 is None:
        return False
    if (region.country, region.admin1) != (place.country, place.admin1):
        return False
    return region.admin2 is None or place.admin2 is None or region.admin2 == place.admin2


def _actors_contradict(a: EventFacts, b: EventFacts, rules: LinkRules) -> int:
    if len(a.sides) < 2 or len(b.sides) < 2:
        return 0
    shared = any(_same_side(x, y, rules) for x in a.sides for y in b.sides)
    return 0 if shared else 1


def _same_side(x: Side, y: Side, rules: LinkRules) -> bool:
    if x.name == y.name:
        return True
    if x.kind == _GENERIC_ACTOR:
        return y.kind in rules.armed_kinds
    return y.kind == _GENERIC_ACTOR and x.kind in rules.armed_kinds


def _tolls_contradict(a: EventFacts, b: EventFacts, rules: LinkRules) -> int:
    if a.killed is None or b.killed is None:
        return 0
    low, high = sorted((a, b), key=lambda facts: facts.killed or 0)
    assert low.killed is not None and high.killed is not None
    if high.killed <= rules.toll_ratio * low.killed + rules.toll_slack:
        return 0
    return 0 if _later(high, low) else 1


def _later(a: EventFacts, b: EventFacts) -> bool:
    """Whether ``a``'s report was published after ``b``'s (False when either is undated)."""
    return a.published is not None and b.published is not None and a.published > b.published
