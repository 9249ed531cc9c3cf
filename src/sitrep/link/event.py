"""A cluster is the event: its fields chosen from its reports.

Each field is chosen by one rule: **agreement first** (the value most of the cluster's articles
give, each article counted once), **then precision** (a sub-event type over none, a day over a
month, a town over a district over a country, named actors over unidentified ones, an exact
count over a range), **then the latest report** (the latest official figure: a toll revised
upward as the dead are counted). The type and sub-event type come together, and so do the date
and its precision, the place, and the two actors.

The killed count is UCDP's best/low/high across sources: ``best`` the chosen count, ``low`` the
lowest credible count any report gives (its own low), ``high`` the highest. The claim names the
first party to claim the event and every party that denied it, with the cluster's status. The
evidence (ACLED's ``notes``) is that of the report that gave the most chosen fields.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.link.status import ClusterStatus, Report, in_order

_PLACE_PRECISION = {"exact": 3, "near": 2, "region": 1, "country": 0}
_Value = Callable[[dict[str, Any]], Hashable | None]
_Precision = Callable[[dict[str, Any]], int]


@dataclass(frozen=True, slots=True)
class Member:
    """One report's event in a cluster: the event object (with ``evidence_text``), its
    article and the day that article was published."""

    event: dict[str, Any]
    article_id: str
    published: str | None


def _actor_names(event: dict[str, Any]) -> tuple[str | None, str | None] | None:
    names = tuple((event.get(key) or {}).get("name") for key in ("actor1", "actor2"))
    return None if names == (None, None) else (names[0], names[1])


def _named_actors(event: dict[str, Any]) -> int:
    actors = (event.get("actor1"), event.get("actor2"))
    return sum(1 for actor in actors if actor and actor.get("kind") != "unknown")


def _place(event: dict[str, Any]) -> Hashable | None:
    location = event.get("location") or {}
    if location.get("lat") is None:
        return None
    return location.get("geonameid") or location.get("name") or location.get("text")


def _killed(event: dict[str, Any]) -> int | None:
    best = (event.get("fatalities") or {}).get("best")
    return int(best) if best is not None else None


def _exact_count(event: dict[str, Any]) -> int:
    toll = event.get("fatalities") or {}
    return int(toll.get("low") == toll.get("high"))


# Each chosen field: what is compared for agreement, and how precise a value is.
FIELDS: dict[str, tuple[_Value, _Precision]] = {
    "type": (lambda e: e["type"], lambda e: int(e.get("subtype") is not None)),
    "date": (lambda e: e.get("date"), lambda e: int(e.get("date_precision") == "day")),
    "place": (
        _place,
        lambda e: _PLACE_PRECISION.get((e.get("location") or {}).get("precision") or "", 0),
    ),
    "actors": (_actor_names, _named_actors),
    "toll": (_killed, _exact_count),
}


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
            m.published or "",
            m.event["id"],
        ),
        default=None,
    )


def cluster_event(
    cluster_id: str, members: Sequence[Member], reports: Sequence[Report], status: ClusterStatus
) -> dict[str, Any]:
    """The cluster's own event object (SCHEMA.md's event, ``id`` the cluster's), its fields
    chosen from its members' events."""
    chosen = {name: choose(members, *rule) for name, rule in FIELDS.items()}
    lead = _lead(members, chosen)
    event = dict(lead.event)
    for name, keys in (
        ("type", ("type", "subtype", "plover")),
        ("date", ("date", "date_precision")),
        ("place", ("location",)),
        ("actors", ("actor1", "actor2")),
    ):
        source = chosen[name]
        if source is not None:
            event.update({key: source.event.get(key) for key in keys})
    event["id"] = cluster_id
    event["fatalities"] = _toll(members, chosen["toll"])
    event["claim"] = _claim(reports, status)
    event["background"] = all(member.event.get("background") for member in members)
    event["confidence"] = max(member.event.get("confidence") or 0.0 for member in members)
    event["article_id"] = lead.article_id
    return event


def _lead(members: Sequence[Member], chosen: dict[str, Member | None]) -> Member:
    """The member that gave the most chosen fields (the latest on a tie): its evidence speaks
    for the cluster."""
    picks = Counter(member.event["id"] for member in chosen.values() if member is not None)
    return max(members, key=lambda m: (picks[m.event["id"]], m.published or "", m.event["id"]))


def _toll(members: Sequence[Member], chosen: Member | None) -> dict[str, Any] | None:
    """UCDP's best, low and high across the reports."""
    if chosen is None:
        return None
    tolls = [m.event["fatalities"] for m in members if _killed(m.event) is not None]
    lows = [toll.get("low") if toll.get("low") is not None else toll["best"] for toll in tolls]
    highs = [toll.get("high") if toll.get("high") is not None else toll["best"] for toll in tolls]
    return {**chosen.event["fatalities"], "low": min(lows), "high": max(highs)}


def _claim(reports: Sequence[Report], status: ClusterStatus) -> dict[str, Any]:
    ordered = in_order(reports)
    claimant = next((r for r in ordered if r.stance == "asserts" and r.claim_by), None)
    deniers = [r.claim_by for r in ordered if r.stance == "denies" and r.claim_by]
    deniers += [party for r in ordered for party in r.disputed_by]
    return {
        "by": claimant.claim_by if claimant else None,
        "by_title": None,
        "status": status,
        "disputed_by": list(dict.fromkeys(deniers)),
    }
