"""A cluster is the event: its fields chosen from its reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sitrep.link import Report
from sitrep.link.event import Member, cluster_event
from sitrep.records import PortableEvent
from tests.store.builders import event

GUSAU = ("Gusau", 12.17, 6.66)
ZAMFARA = ("Zamfara", 12.12, 6.22)


def member(article: str, published: str, **fields: Any) -> Member:
    data = PortableEvent.from_dict(event(f"{article}-e", **fields))
    return Member(data, article, date.fromisoformat(published), f"evidence of {article}")


def reports(*members: Member) -> list[Report]:
    return [Report(m.article_id, "AP", None, str(m.published), None, "reports") for m in members]


def test_agreement_comes_before_precision_and_precision_before_the_latest_report() -> None:
    members = [
        member("a1", "2024-03-10", place=GUSAU, day="2024-03-09", killed=12),
        member("a2", "2024-03-11", place=GUSAU, day="2024-03-09", killed=14),
        member("a3", "2024-03-12", place=ZAMFARA, precision="region", day="2024-03-12", killed=14),
    ]
    chosen = cluster_event("a1-e", members, reports(*members), "reported").event
    assert chosen.location and chosen.location.name == "Gusau"  # two reports against one
    assert chosen.date == date(2024, 3, 9)
    assert chosen.fatalities and chosen.fatalities.best == 14  # agreement: two reports say 14
    assert (chosen.fatalities.low, chosen.fatalities.high) == (12, 14)
    assert chosen.id == "a1-e"
    latest = cluster_event("a1-e", members[:2], reports(*members[:2]), "reported").event
    assert latest.fatalities and latest.fatalities.best == 14  # no agreement: the latest figure


def test_the_evidence_is_that_of_the_report_giving_most_chosen_fields() -> None:
    members = [
        member("a1", "2024-03-10", place=ZAMFARA, precision="region", killed=3),
        member("a2", "2024-03-11", place=GUSAU, killed=5),
    ]
    chosen = cluster_event("a1-e", members, reports(*members), "reported")
    assert (chosen.evidence_text, chosen.article_id) == ("evidence of a2", "a2")


def test_the_claim_names_the_claimant_and_every_party_that_denied() -> None:
    members = [member("a1", "2024-03-10"), member("a2", "2024-03-11")]
    sources = [
        Report("a1", "AP", None, "2024-03-10", "RSF", "asserts"),
        Report("a2", "AFP", None, "2024-03-11", "Sudan's army", "denies"),
    ]
    claim = cluster_event("a1-e", members, sources, "disputed").event.claim
    assert (claim.by, claim.status, claim.disputed_by) == ("RSF", "disputed", ("Sudan's army",))


def test_a_taking_keeps_the_sides_of_the_reports_that_agree_on_its_type() -> None:
    """Two reports of a capture and one of the clash before it: the cluster is the capture,
    with the taker the capture reports name first, not the clash report's order."""
    capture = "Non-state actor overtakes territory"
    members = [
        member("a1", "2024-03-10", type="battles", actors=("M23", "Military Forces of DRC")),
        member("a2", "2024-03-11", type="battles", actors=("M23",)),
        member("a3", "2024-03-12", type="battles", actors=("Military Forces of DRC", "M23")),
    ]
    members = [
        replace(m, event=replace(m.event, subtype=capture if m.article_id != "a3" else None))
        for m in members
    ]
    chosen = cluster_event("a1-e", members, reports(*members), "reported").event
    assert chosen.subtype == capture
    assert chosen.actor1 and chosen.actor1.name == "M23"
    assert chosen.actor2 and chosen.actor2.name == "Military Forces of DRC"


def test_the_type_most_reports_give_wins_over_the_latest() -> None:
    regains, overtakes = "Government regains territory", "Non-state actor overtakes territory"
    members = [
        member("a1", "2024-03-10", type="battles", actors=("Military Forces of Russia",)),
        member("a2", "2024-03-11", type="battles", actors=("Military Forces of Russia",)),
        member("a3", "2024-03-14", type="battles", actors=("Military Forces of Ukraine",)),
    ]
    subtypes = {"a1": overtakes, "a2": overtakes, "a3": regains}
    members = [replace(m, event=replace(m.event, subtype=subtypes[m.article_id])) for m in members]
    chosen = cluster_event("a1-e", members, reports(*members), "reported").event
    assert chosen.subtype == overtakes
    assert chosen.actor1 and chosen.actor1.name == "Military Forces of Russia"
