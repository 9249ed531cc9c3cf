"""Event gold sets coded as ``bench/data/EVENT_GOLD.md`` says, and the scoring both event
benchmarks share (``bench.wire_events``, ``bench.real_events``).

Matching: a predicted ACLED event (any type but ``statement``) and a gold one match when they
have the same event type, dates within a day (when both have one; a gold date the system
leaves empty does not match) and places within the gold radius, at least 25 km (when the gold
has a point; a system event with no point does not match it). Pairs are taken greedily, the
closest in days, then in km, first; each event matches once.

Counting: a gold event that is neither background nor optional is *current*. A current gold
event matched by a predicted event that is not background is a true positive; a predicted
event that is not background and matches nothing, or matches a gold background event (an
earlier attack reported as today's), is a false positive; a current gold event left unmatched
(or matched only by a background prediction) is a false negative; an optional gold event
counts neither way. Fields are scored on the true positives: sub-event type, date (where the
gold has one), killed (best, exact; no toll read agrees with a gold 0), actor kinds (over the
actor slots the gold fills, by ACLED's interaction code, as ``bench.acled`` scores them) and
claim status, and country (the country code of the event's place against the country the gold
place is coded in: issue 21's "country of each event place right"); background on every
matched pair whose gold event is not optional.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.counts import MatchCounts
from sitrep.records import ACLED_SUBTYPES, Event
from sitrep.resolve.geometry import haversine_km

MIN_RADIUS_KM = 25.0
FIELDS = ("subtype", "date", "killed", "actor_kinds", "claim_status", "country")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    subtype: str | None
    date: date | None
    lat: float | None
    lon: float | None
    country: str | None
    radius_km: float
    actor_kinds: tuple[str | None, str | None]
    killed: int | None
    status: str
    background: bool
    optional: bool
    evidence: tuple[int, int] | None

    @property
    def current(self) -> bool:
        return not (self.background or self.optional)


@dataclass(frozen=True, slots=True)
class GoldStory:
    id: str
    corpus: str
    split: str
    published: date | None
    events: tuple[GoldEvent, ...]

    @property
    def acled_events(self) -> tuple[GoldEvent, ...]:
        return tuple(e for e in self.events if e.type != "statement")

    @property
    def negative(self) -> bool:
        """A story with no current ACLED event."""
        return not any(e.current for e in self.acled_events)


def _date(value: Any) -> date | None:
    """An ISO date; a month ("2022-10") or a year alone stands for its first day."""
    if not value:
        return None
    parts = [*str(value).split("-"), "01", "01"]
    return date(int(parts[0]), int(parts[1]), int(parts[2]))


def parse_event(raw: dict[str, Any]) -> GoldEvent:
    place = raw.get("place") or {}
    actors = [raw.get("actor1") or {}, raw.get("actor2") or {}]
    killed = (raw.get("killed") or {}).get("best")
    evidence = raw.get("evidence")
    subtype = raw.get("subtype")
    event_type = raw["type"]
    if subtype is not None and ACLED_SUBTYPES.get(subtype) != event_type:
        raise ValueError(f"sub-event type {subtype!r} is not of type {event_type!r}")
    return GoldEvent(
        type=event_type,
        subtype=subtype,
        date=_date(raw.get("date")),
        lat=place.get("lat"),
        lon=place.get("lon"),
        country=place.get("country"),
        radius_km=max(MIN_RADIUS_KM, float(place.get("radius_km") or MIN_RADIUS_KM)),
        actor_kinds=(actors[0].get("kind"), actors[1].get("kind")),
        killed=killed,
        status=(raw.get("claim") or {}).get("status") or "reported",
        background=bool(raw.get("background")),
        optional=bool(raw.get("optional")),
        evidence=(evidence[0], evidence[1]) if evidence else None,
    )


_STATE_FORCES = "Military Forces of "


def foreign_forces_not_external(
    raw: dict[str, Any], country_name: Callable[[str], str | None]
) -> list[str]:
    """The story's state forces coded ``state_forces`` in an act in another state's land.

    ACLED codes a state's forces acting abroad as external (interaction code 8) whoever they
    fight: in its own notes every "Military Forces of Russia" act in Ukraine and every
    "Military Forces of Azerbaijan" act in Armenia is 8. A statement or an agreement is left
    alone: its place is where it was said or signed.
    """
    wrong = []
    for event in raw.get("events", []):
        host = (event.get("place") or {}).get("country")
        if host is None or event["type"] == "statement" or event.get("subtype") == "Agreement":
            continue
        host_name = _bare(country_name(host) or host)
        for actor in (event.get("actor1"), event.get("actor2")):
            if not actor or actor["kind"] != "state_forces":
                continue
            if not actor["name"].startswith(_STATE_FORCES):
                continue
            state = _bare(actor["name"].removeprefix(_STATE_FORCES).split(" (")[0])
            if state not in host_name and host_name not in state:
                wrong.append(f"{raw['id']}: {actor['name']} in {host} is external")
    return wrong


def _bare(country: str) -> str:
    """A country's name without its article: "the Democratic Republic of Congo"."""
    return " ".join(w for w in country.lower().split() if w != "the")


def parse_story(raw: dict[str, Any]) -> GoldStory:
    return GoldStory(
        id=raw["id"],
        corpus=raw.get("corpus", ""),
        split=raw["split"],
        published=_date(raw.get("published")),
        events=tuple(parse_event(e) for e in raw.get("events", [])),
    )


@dataclass(slots=True)
class Scores(MatchCounts):
    """Counts over a set of stories, and the fields of the true positives."""

    stories: int = 0
    negatives: int = 0
    events_in_negatives: int = 0
    background_right: int = 0
    background_pairs: int = 0
    statements_gold: int = 0
    statements_found: int = 0
    located: int = 0
    far_from_reported: int = 0
    other_country: int = 0
    field_right: Counter[str] = field(default_factory=Counter)
    field_total: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def field(self, name: str) -> float | None:
        total = self.field_total[name]
        return self.field_right[name] / total if total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "true_positive": self.true_positive,
            "false_positive": self.false_positive,
            "false_negative": self.false_negative,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "negatives": self.negatives,
            "events_per_ten_negatives": self.per_ten_negatives,
            "background": self.background_right / self.background_pairs
            if self.background_pairs
            else None,
            "statements_gold": self.statements_gold,
            "statements_found": self.statements_found,
            "far_from_reported": self.far_share,
            "in_unreported_country": self.other_country_share,
            "fields": {name: self.field(name) for name in FIELDS},
        }

    @property
    def far_share(self) -> float | None:
        """Of the events found with a point, the share more than ``FAR_KM`` from every event
        the story reports: placed in a country where the article reports none."""
        return self.far_from_reported / self.located if self.located else None

    @property
    def other_country_share(self) -> float | None:
        """Of the events found with a point, the share in a country where the story reports no
        event, current or recalled (issue 21's "at most 2%")."""
        return self.other_country / self.located if self.located else None

    @property
    def per_ten_negatives(self) -> float | None:
        return 10 * self.events_in_negatives / self.negatives if self.negatives else None


def _compatible(gold: GoldEvent, event: Event) -> tuple[int, float] | None:
    """(days apart, km apart) when the two can be the same event, else None."""
    if gold.type != event.type:
        return None
    days = 0
    if gold.date is not None:
        if event.date is None or abs((event.date - gold.date).days) > 1:
            return None
        days = abs((event.date - gold.date).days)
    km = 0.0
    if gold.lat is not None and gold.lon is not None:
        where = event.location
        if where is None or where.lat is None or where.lon is None:
            return None
        km = haversine_km(gold.lat, gold.lon, where.lat, where.lon)
        if km > gold.radius_km:
            return None
    return days, km


def match(gold: Sequence[GoldEvent], found: Sequence[Event]) -> list[tuple[GoldEvent, Event]]:
    """Greedy one-to-one pairs of compatible events, closest first."""
    pairs = []
    for g_index, g in enumerate(gold):
        for e_index, event in enumerate(found):
            distance = _compatible(g, event)
            if distance is not None:
                pairs.append((distance, g_index, e_index))
    taken_gold: set[int] = set()
    taken_found: set[int] = set()
    matched = []
    for _, g_index, e_index in sorted(pairs):
        if g_index in taken_gold or e_index in taken_found:
            continue
        taken_gold.add(g_index)
        taken_found.add(e_index)
        matched.append((gold[g_index], found[e_index]))
    return matched


def _killed(event: Event) -> int | None:
    return event.fatalities.best if event.fatalities else None


def _same_toll(gold: int | None, found: int | None) -> bool:
    """Exact, where no toll read (None) agrees with a gold 0: the coders wrote 0 where nobody
    is said to have died, as ACLED does (fatalities 0 unless a death is reported)."""
    return (gold or 0) == (found or 0)


# ACLED's interaction codes: the measure of actor kinds that ACLED's own data supports
# (``bench.acled`` compares the same way). Police and state forces are both 1; political
# militias and unidentified armed groups both 3.
INTER = {
    "state_forces": 1, "police": 1, "government": 1, "rebels": 2, "militia": 3, "unknown": 3,
    "rioters": 5, "protesters": 6, "civilians": 7, "external": 8,
}  # fmt: skip


def _actor_slots(gold: GoldEvent, event: Event) -> tuple[int, int]:
    """(right, filled): the gold actor slots filled, and those the system fills with an actor
    of the same ACLED interaction code."""
    found = (event.actor1, event.actor2)
    right = filled = 0
    for kind, actor in zip(gold.actor_kinds, found, strict=True):
        if kind is None:
            continue
        filled += 1
        right += actor is not None and INTER.get(actor.kind) == INTER.get(kind)
    return right, filled


def _fields(gold: GoldEvent, event: Event) -> dict[str, bool | None]:
    return {
        "subtype": gold.subtype == event.subtype,
        "date": None if gold.date is None else gold.date == event.date,
        "killed": _same_toll(gold.killed, _killed(event)),
        "claim_status": gold.status == event.claim.status,
        "country": None if gold.country is None else gold.country == _country(event),
    }


def _country(event: Event) -> str | None:
    return event.location.country if event.location else None


FAR_KM = 500.0


def _count_far(scores: Scores, story: GoldStory, events: list[Event]) -> None:
    points = [(g.lat, g.lon) for g in story.acled_events if g.lat is not None and g.lon is not None]
    countries = {g.country for g in story.acled_events}
    for event in events:
        place = event.location
        if event.background or place is None or place.lat is None or place.lon is None:
            continue
        scores.located += 1
        scores.other_country += place.country not in countries
        scores.far_from_reported += all(
            haversine_km(place.lat, place.lon, lat, lon) > FAR_KM for lat, lon in points
        )


def score_story(scores: Scores, story: GoldStory, events: Iterable[Event], text: str) -> None:
    """Add one story's counts to ``scores``; its errors are kept as lines for ``--errors``."""
    events = list(events)
    acled = [e for e in events if e.type != "statement"]
    scores.stories += 1
    matched = match(story.acled_events, acled)
    paired = {id(e): g for g, e in matched}
    for event in acled:
        gold = paired.get(id(event))
        if event.background:
            continue
        if gold is None or gold.background:
            scores.false_positive += 1
            sentence = text[event.evidence[0].start : event.evidence[0].end]
            scores.errors.append(
                f"{story.id} FP {event.subtype} {event.date} "
                f"{event.location.name if event.location else None}: {sentence[:110]!r}"
            )
            if story.negative:
                scores.events_in_negatives += 1
    _count_far(scores, story, acled)
    found_gold = {id(g) for g, e in matched if not e.background}
    for gold in story.acled_events:
        if gold.current and id(gold) not in found_gold:
            scores.false_negative += 1
            where = text[gold.evidence[0] : gold.evidence[1]] if gold.evidence else ""
            scores.errors.append(f"{story.id} FN {gold.subtype} {gold.date}: {where[:110]!r}")
    for gold, event in matched:
        if gold.optional:
            continue
        scores.background_pairs += 1
        scores.background_right += gold.background == event.background
        if gold.background or event.background:
            continue
        scores.true_positive += 1
        for name, right in _fields(gold, event).items():
            if right is None:
                continue
            scores.field_total[name] += 1
            scores.field_right[name] += right
            if not right:
                scores.errors.append(f"{story.id} field {name}: {_field_pair(name, gold, event)}")
        slots_right, slots = _actor_slots(gold, event)
        scores.field_total["actor_kinds"] += slots
        scores.field_right["actor_kinds"] += slots_right
        if slots_right < slots:
            scores.errors.append(
                f"{story.id} field actor_kinds: {_field_pair('actor_kinds', gold, event)}"
            )
    scores.negatives += story.negative
    statements = [g for g in story.events if g.type == "statement" and g.evidence]
    scores.statements_gold += len(statements)
    for gold in statements:
        assert gold.evidence is not None
        start, end = gold.evidence
        scores.statements_found += any(
            e.type == "statement" and e.evidence[0].start < end and start < e.evidence[0].end
            for e in events
        )


def _field_pair(name: str, gold: GoldEvent, event: Event) -> str:
    values: dict[str, tuple[object, object]] = {
        "subtype": (gold.subtype, event.subtype),
        "date": (gold.date, event.date),
        "killed": (gold.killed, _killed(event)),
        "actor_kinds": (
            gold.actor_kinds,
            (
                event.actor1.kind if event.actor1 else None,
                event.actor2.kind if event.actor2 else None,
            ),
        ),
        "claim_status": (gold.status, event.claim.status),
        "country": (gold.country, _country(event)),
    }
    want, got = values[name]
    return f"gold {want}, found {got}"


def report(console: Console, title: str, scores: Scores, out: Path, *, errors: bool) -> None:
    """Print the figures (and, on request, every error) and write them as JSON to ``out``."""
    figures = scores.to_dict()
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")

    def cell(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    rows = [
        ("stories", str(scores.stories)),
        ("events: precision", cell(scores.precision)),
        ("events: recall", cell(scores.recall)),
        ("events: F1", cell(scores.f1)),
        *((f"matched: {name}", cell(scores.field(name))) for name in FIELDS),
        ("matched: background", cell(figures["background"])),
        ("events per 10 stories with none", cell(scores.per_ten_negatives)),
        (
            "true / false positives, false negatives",
            f"{scores.true_positive} / {scores.false_positive}, {scores.false_negative}",
        ),
        ("statements found", f"{scores.statements_found}/{scores.statements_gold}"),
        (f"events {FAR_KM:.0f}+ km from any reported one", cell(scores.far_share)),
        ("events in a country with no reported event", cell(scores.other_country_share)),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)
    if errors:
        for line in scores.errors:
            console.print(line, highlight=False, markup=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
