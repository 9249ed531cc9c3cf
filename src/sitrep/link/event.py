"""A cluster is the event: its fields chosen from its reports.

Each field is chosen by one rule: **agreement first** (the value most of the cluster's articles
give, each article counted once), **then precision** (a sub-event type over none, a day over a
month, a town over a district over a country, named actors over unidentified ones, an exact
count over a range), **then the latest report** (the latest official figure: a toll revised
upward as the dead are counted). The type and sub-event type come together, and so do the date
and its precision, the place, and the two actors; the actors come from the reports of the
chosen sub-event type where any names them, so that a taking's taker is the side its type
names.

The killed count is UCDP's best/low/high across sources: ``best`` the chosen count, ``low`` the
lowest credible count any report gives (its own low), ``high`` the highest. The claim names the
first party to claim the event and every party that denied it, with the cluster's status. The
evidence (ACLED's ``notes``) is that of the report that gave the most chosen fields.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitrep.link.status import ClusterStatus, Report, in_order
from sitrep.records import Claim, Fatalities, PortableEvent

_PLACE_PRECISION = {"exact": 3, "near": 2, "region": 1, "country": 0}
_Value = Callable[[PortableEvent], Hashable | None]
_Precision = Callable[[PortableEvent], int]


@dataclass(frozen=True, slots=True)
class Member:
    """One report's event in a cluster: the event, its article, the day that article was
    published and the text of the event's evidence. The cluster's own event
    (``cluster_event``) is one too: the article and evidence are then its lead report's."""

    event: PortableEvent
    article_id: str
    published: date | None
    evidence_text: str


def _actor_names(event: PortableEvent) -> tuple[str | None, str | None] | None:
    names = tuple(actor.name if actor else None for actor in (event.actor1, event.actor2))
    return None if names == (None, None) else (names[0], names[1])


def _named_actors(event: PortableEvent) -> int:
    actors = (event.actor1, event.actor2)
    return sum(1 for actor in actors if actor and actor.kind != "unknown")


def _place(event: PortableEvent) -> Hashable | None:
    location = event.location
    if location is None or location.lat is None:
        return None
    return location.geonameid or location.name or location.text


def _place_precision(event: PortableEvent) -> int:
    return _PLACE_PRECISION.get(event.location.precision, 0) if event.location else 0


def _killed(event: PortableEvent) -> int | None:
    return event.fatalities.best if event.fatalities else None


def _exact_count(event: PortableEvent) -> int:
    toll = event.fatalities or Fatalities()
    return int(toll.low == toll.high)


# Each chosen field: what is compared for agreement, and how precise a value is.
FIELDS: dict[str, tuple[_Value, _Precision]] = {
    "type": (lambda e: (e.type, e.subtype), lambda e: int(e.subtype is not None)),
    "date": (lambda e: e.date, lambda e: int(e.date_precision == "day")),
    "place": (_place, _place_precision),
    "actors": (_actor_names, _named_actors),
    "toll": (_killed, _exact_count),
}
# The event's fields each chosen field sets.
_SET: dict[str, tuple[str, ...]] = {
    "type": ("type", "subtype", "plover"),
    "date": ("date", "date_precision"),
    "place": ("location",),
    "actors": ("actor1", "actor2"),
}


def _latest(member: Member) -> date:
    return member.published or date.min


def choose(members: Sequence[Member], value: _Value, precision: _Precision) -> Member | None:
    """The member whose value of a field the cluster takes (the rule in the module docstring);
    None when no member gives one."""
    given = [member for member in members if value(member.event) is not None]
    votes = Counter(
        {(member.article_id, value(member.event)) for member in given}  # one vote per article
    )
    agreement = Counter(found for _, found in votes)
    return max(
        given,
        key=lambda m: (
            agreement[value(m.event)],
            precision(m.event),
            _latest(m),
            m.event.id,
        ),
        default=None,
    )


def cluster_event(
    cluster_id: str, members: Sequence[Member], reports: Sequence[Report], status: ClusterStatus
) -> Member:
    """The cluster's own event (``id`` the cluster's), its fields chosen from its members'
    events, with the article and evidence of the report that gave the most of them."""
    chosen = {name: choose(members, *rule) for name, rule in FIELDS.items()}
    chosen["actors"] = choose(_of_subtype(members, chosen["type"]), *FIELDS["actors"])
    lead = _lead(members, chosen)
    fields: dict[str, Any] = {}
    for name, keys in _SET.items():
        source = chosen[name]
        if source is not None:
            fields |= {key: getattr(source.event, key) for key in keys}
    event = replace(
        lead.event,
        **fields,
        id=cluster_id,
        fatalities=_toll(members, chosen["toll"]),
        claim=_claim(reports, status),
        background=all(member.event.background for member in members),
        confidence=max(member.event.confidence for member in members),
    )
    return replace(lead, event=event)


def _of_subtype(members: Sequence[Member], typed: Member | None) -> Sequence[Member]:
    """The members that give the chosen sub-type and name a side, or all of them where none
    does: the actors are then those of a report of the act the type names ("X overtakes
    territory" with X first, not the sides of a clash another report told)."""
    subtype = typed.event.subtype if typed is not None else None
    same = [
        member
        for member in members
        if member.event.subtype == subtype and _actor_names(member.event) is not None
    ]
    return same or members


def _lead(members: Sequence[Member], chosen: dict[str, Member | None]) -> Member:
    """The member that gave the most chosen fields (the latest on a tie): its evidence speaks
    for the cluster."""
    picks = Counter(member.event.id for member in chosen.values() if member is not None)
    return max(members, key=lambda m: (picks[m.event.id], _latest(m), m.event.id))


def _toll(members: Sequence[Member], chosen: Member | None) -> Fatalities | None:
    """UCDP's best, low and high across the reports."""
    if chosen is None or chosen.event.fatalities is None:
        return None
    given = (m.event.fatalities for m in members)
    tolls = [toll for toll in given if toll is not None and toll.best is not None]
    lows = [toll.best if toll.low is None else toll.low for toll in tolls]
    highs = [toll.best if toll.high is None else toll.high for toll in tolls]
    return replace(
        chosen.event.fatalities,
        low=min(low for low in lows if low is not None),
        high=max(high for high in highs if high is not None),
    )


def _claim(reports: Sequence[Report], status: ClusterStatus) -> Claim:
    ordered = in_order(reports)
    claimant = next((r for r in ordered if r.stance == "asserts" and r.claim_by), None)
    deniers = [r.claim_by for r in ordered if r.stance == "denies" and r.claim_by]
    deniers += [party for r in ordered for party in r.disputed_by]
    return Claim(
        by=claimant.claim_by if claimant else None,
        by_title=None,
        status=status,
        disputed_by=tuple(dict.fromkeys(deniers)),
    )
