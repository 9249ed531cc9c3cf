"""When two reports are of the same event, and what a cluster of reports says about it.

Two events, from one article or from several, are the same event when all of these hold:

1. **Type.** Their types are compatible: equal, or both violence (battles, explosions/remote
   violence, violence against civilians: one outlet's "shelling" is another's "clashes"; and
   the strategic developments that are the other face of a violent event: drones shot down,
   looting and destruction, a town changing hands), or both demonstrations (protests, riots).
   Statements are never linked: they are what someone said, not what happened.
2. **Date.** Both are dated to the day, at most ``LINK_DAYS`` apart (a report filed after
   midnight, a time zone apart, often dates the event a day off).
3. **Place.** Both are placed, and the points are at most ``LINK_KM`` apart, or one is placed
   at a region (province or district) that holds the other (same country and province).
   Country-wide placement links nothing: a country holds too many events a day.
4. **Actors.** They do not contradict: when both events name both sides, they share one.

A cluster is the set of events connected by these rules (single link), so the result does not
depend on the order the articles arrived in. Events of one article link too: a story that tells
of a strike in its first sentence and again further down reports one event. Background events
(summaries, history) are kept out of clusters.

A report's **stance** comes from the event's claim: ``asserts`` (a party claims it),
``denies`` (a party denies it), ``confirms`` (an independent confirmation), ``reports``
(neutral). A cluster is ``confirmed`` when a report confirms it, else ``disputed`` when some
report denies it (or one article already carries claim and denial), else ``claimed`` when a
party asserts it, else ``reported``. Claim and denial both stay listed in the cluster's sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sitrep.resolve.geometry import haversine_km

LINK_DAYS = 1
LINK_KM = 25.0

Stance = Literal["asserts", "denies", "confirms", "reports"]
ClusterStatus = Literal["reported", "claimed", "disputed", "confirmed"]

_VIOLENCE = frozenset({"battles", "explosions_remote_violence", "violence_against_civilians"})
_DEMONSTRATIONS = frozenset({"protests", "riots"})
_VIOLENT_DEVELOPMENTS = frozenset(
    {"Disrupted weapons use", "Looting/property destruction", "Non-violent transfer of territory"}
)
_UNLINKED = frozenset({"statement"})
_REGION_PRECISION = frozenset({"region"})
_STANCE_BY_CLAIM: dict[str, Stance] = {
    "claimed": "asserts",
    "disputed": "asserts",
    "denied": "denies",
    "confirmed": "confirms",
    "reported": "reports",
}


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What linking looks at in an event (built from its SCHEMA.md object)."""

    id: str
    article_id: str
    type: str
    subtype: str | None
    date: date | None
    date_precision: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    precision: str | None
    actors: frozenset[str]
    actor_count: int
    background: bool

    @classmethod
    def of(cls, event: dict[str, Any], article_id: str) -> EventFacts:
        location = event.get("location") or {}
        actors = [event.get("actor1"), event.get("actor2")]
        names = [actor["name"] for actor in actors if actor]
        return cls(
            id=event["id"],
            article_id=article_id,
            type=event["type"],
            subtype=event.get("subtype"),
            date=date.fromisoformat(event["date"]) if event.get("date") else None,
            date_precision=event.get("date_precision"),
            lat=location.get("lat"),
            lon=location.get("lon"),
            country=location.get("country"),
            admin1=location.get("admin1"),
            precision=location.get("precision"),
            actors=frozenset(names),
            actor_count=len(names),
            background=bool(event.get("background")),
        )

    @property
    def linkable(self) -> bool:
        """Whether this event can join a cluster at all (rules 1-3 on its own)."""
        return (
            not self.background
            and self.type not in _UNLINKED
            and self.date is not None
            and self.date_precision == "day"
            and self.lat is not None
            and self.lon is not None
            and self.precision != "country"
        )


def same_event(a: EventFacts, b: EventFacts) -> bool:
    """Whether two reports are of the same event (the rules in this module's docstring)."""
    return (
        a.id != b.id
        and a.linkable
        and b.linkable
        and compatible_types(_kind(a), _kind(b))
        and _dates_close(a, b)
        and _places_close(a, b)
        and _actors_compatible(a, b)
    )


def _kind(event: EventFacts) -> str:
    """The type linking compares: a violent strategic development counts as violence."""
    if event.type == "strategic_developments" and event.subtype in _VIOLENT_DEVELOPMENTS:
        return "battles"
    return event.type


def compatible_types(a: str, b: str) -> bool:
    """Whether two event types may describe one event (rule 1)."""
    return a == b or {a, b} <= _VIOLENCE or {a, b} <= _DEMONSTRATIONS


def _dates_close(a: EventFacts, b: EventFacts) -> bool:
    assert a.date is not None and b.date is not None
    return abs((a.date - b.date).days) <= LINK_DAYS


def _places_close(a: EventFacts, b: EventFacts) -> bool:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    if haversine_km(a.lat, a.lon, b.lat, b.lon) <= LINK_KM:
        return True
    return _holds(a, b) or _holds(b, a)


def _holds(region: EventFacts, place: EventFacts) -> bool:
    """Whether ``region`` is placed at a province or district that contains ``place``."""
    return (
        region.precision in _REGION_PRECISION
        and region.country is not None
        and region.country == place.country
        and region.admin1 is not None
        and region.admin1 == place.admin1
    )


def _actors_compatible(a: EventFacts, b: EventFacts) -> bool:
    if a.actor_count < 2 or b.actor_count < 2:
        return True
    return bool(a.actors & b.actors)


def stance(claim_status: str) -> Stance:
    """How a report relates to its event, from the event's claim status."""
    return _STANCE_BY_CLAIM.get(claim_status, "reports")


@dataclass(frozen=True, slots=True)
class Report:
    """One source of a cluster: the article and how it relates to the event."""

    article_id: str
    outlet: str | None
    url: str | None
    published: str | None
    claim_by: str | None
    stance: Stance
    disputed_by: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "claim_by": self.claim_by,
            "stance": self.stance,
        }


def cluster_status(reports: Iterable[Report]) -> ClusterStatus:
    """A cluster's status across all its reports (rules in this module's docstring)."""
    reports = list(reports)
    stances = {report.stance for report in reports}
    if "confirms" in stances:
        return "confirmed"
    if "denies" in stances or any(report.disputed_by for report in reports):
        return "disputed"
    if "asserts" in stances:
        return "claimed"
    return "reported"
