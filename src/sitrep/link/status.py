"""What a cluster of reports says about its event, and since when.

A report's **stance** comes from its event's claim: ``asserts`` (a party claims it),
``denies`` (a party denies it), ``confirms`` (a source confirms it), ``reports`` (neutral).

A cluster's **status** is read from its reports in the order they were published (reports of
one day: claims, then denials, then confirmations, so that the order the articles arrived in
never matters):

- ``reported`` until a party claims the event;
- ``claimed`` once a party asserts it;
- ``disputed`` once another party denies it (or one article carries the claim and its denial);
  the claimant's own denial (of a withdrawal, say) upholds its claim;
- ``confirmed`` once a report published on the day of the claim or later confirms it, from a
  party other than the claimant (a monitor, satellite imagery, the other side acknowledging).
  A confirmation published before any claim or denial, one by the claimant itself, or one from
  an undated report does not count: nothing was contested yet, or the claimant vouches for
  itself, or it cannot be shown to come after. ("Could not be verified" is not a confirmation:
  the extractor never reads it as one.)

Every change is kept in the cluster's history (``Change``): the status, the day it changed, the
article and the party that changed it. A confirmed event stays confirmed when a later report
denies it again; the denial stays listed among the sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from sitrep.link.rules import named_claimant

Stance = Literal["asserts", "denies", "confirms", "reports"]
ClusterStatus = Literal["reported", "claimed", "disputed", "confirmed"]
STANCES: tuple[Stance, ...] = get_args(Stance)
CLUSTER_STATUSES: tuple[ClusterStatus, ...] = get_args(ClusterStatus)

_STANCE_BY_CLAIM: dict[str, Stance] = {  # every ClaimStatus
    "claimed": "asserts",
    "disputed": "asserts",
    "denied": "denies",
    "confirmed": "confirms",
    "reported": "reports",
}
# Reports of one day are read in this order.
_STANCE_ORDER: dict[Stance, int] = {"reports": 0, "asserts": 1, "denies": 2, "confirms": 3}


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """The report of ``to_dict``'s object (which leaves out ``disputed_by``)."""
        return cls(
            article_id=data["article_id"],
            outlet=data.get("outlet"),
            url=data.get("url"),
            published=data.get("published"),
            claim_by=data.get("claim_by"),
            stance=data.get("stance") or "reports",
        )


@dataclass(frozen=True, slots=True)
class Change:
    """A cluster's status from ``since`` (the publication day of the report that changed it)."""

    status: ClusterStatus
    since: str | None
    article_id: str
    by: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "since": self.since,
            "article_id": self.article_id,
            "by": self.by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Change:
        return cls(data["status"], data.get("since"), data["article_id"], data.get("by"))


def in_order(reports: Iterable[Report]) -> list[Report]:
    """Reports in the order the status reads them: by publication day (undated last), then
    stance, then article id."""
    return sorted(
        reports,
        key=lambda r: (
            r.published is None,
            r.published or "",
            _STANCE_ORDER[r.stance],
            r.article_id,
        ),
    )


def status_history(reports: Iterable[Report]) -> list[Change]:
    """Every change of a cluster's status, oldest first (rules in this module's docstring)."""
    history: list[Change] = []
    claimants: set[str] = set()
    current: ClusterStatus | None = None
    for report in in_order(reports):
        party = named_claimant(report.claim_by) or report.claim_by
        new = _next_status(current or "reported", report, claimants)
        if report.stance == "asserts" and party:
            claimants.add(party)
        if new != current:
            history.append(Change(new, report.published, report.article_id, report.claim_by))
            current = new
    return history


def _next_status(current: ClusterStatus, report: Report, claimants: set[str]) -> ClusterStatus:
    if current == "confirmed":
        return current
    if report.stance == "asserts":
        return "disputed" if report.disputed_by or current == "disputed" else "claimed"
    if report.stance == "denies":
        # the claimant denying something ("M23 rebels denied reports they had pulled out") is
        # the claim upheld, not disputed
        party = named_claimant(report.claim_by) or report.claim_by
        return current if party is not None and party in claimants else "disputed"
    if report.stance == "confirms" and _confirms(current, report, claimants):
        return "confirmed"
    return current


def _confirms(current: ClusterStatus, report: Report, claimants: set[str]) -> bool:
    """Whether a confirming report counts: something was contested before it, it is dated, and
    it is not the claimant's own word."""
    party = named_claimant(report.claim_by) or report.claim_by
    return (
        current in ("claimed", "disputed")
        and report.published is not None
        and (party is None or party not in claimants)
    )


def cluster_status(reports: Iterable[Report]) -> ClusterStatus:
    """A cluster's status now: the last change of its history."""
    history = status_history(reports)
    return history[-1].status if history else "reported"
