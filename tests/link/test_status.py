"""A cluster's status in time: claimed, disputed, confirmed only by a later, other source."""

from __future__ import annotations

import itertools

from sitrep.link import Report, cluster_status, status_history
from sitrep.link.status import Stance


def report(article: str, day: str | None, stance: Stance, by: str | None = None) -> Report:
    return Report(article, "AP", None, day, by, stance)


CLAIM = report("a1", "2024-03-10", "asserts", "Russian Defence Ministry")
DENIAL = report("a2", "2024-03-11", "denies", "Ukrainian General Staff")
CONFIRMATION = report("a3", "2024-03-14", "confirms", "UN monitors")


def test_a_claim_then_a_denial_then_a_later_confirmation() -> None:
    history = status_history([CONFIRMATION, DENIAL, CLAIM])
    assert [(c.status, c.since, c.article_id) for c in history] == [
        ("claimed", "2024-03-10", "a1"),
        ("disputed", "2024-03-11", "a2"),
        ("confirmed", "2024-03-14", "a3"),
    ]


def test_the_status_does_not_depend_on_the_order_reports_arrive_in() -> None:
    reports = [CLAIM, DENIAL, CONFIRMATION, report("a4", "2024-03-11", "reports")]
    statuses = {tuple(status_history(order)) for order in itertools.permutations(reports)}
    assert len(statuses) == 1


def test_a_confirmation_before_the_claim_does_not_count() -> None:
    early = report("a0", "2024-03-09", "confirms", "UN monitors")
    assert cluster_status([early, CLAIM]) == "claimed"
    assert cluster_status([early, CLAIM, DENIAL]) == "disputed"


def test_the_claimant_cannot_confirm_its_own_claim() -> None:
    itself = report("a3", "2024-03-14", "confirms", "russian defence ministry")
    assert cluster_status([CLAIM, itself]) == "claimed"


def test_an_undated_confirmation_does_not_count() -> None:
    assert cluster_status([CLAIM, report("a3", None, "confirms", "UN monitors")]) == "claimed"


def test_a_denial_alone_disputes_and_neutral_reports_stay_reported() -> None:
    assert cluster_status([DENIAL]) == "disputed"
    assert cluster_status([report("a5", "2024-03-10", "reports")]) == "reported"
    assert cluster_status([report("a5", "2024-03-10", "confirms", "police")]) == "reported"


def test_one_article_carrying_claim_and_denial_is_disputed() -> None:
    both = Report("a1", "AP", None, "2024-03-10", "RSF", "asserts", ("Sudan's army",))
    assert cluster_status([both]) == "disputed"


def test_the_claimants_own_denial_upholds_its_claim() -> None:
    # "M23 rebels denied reports they had pulled out of the town they said they took"
    itself = report("a2", "2024-03-11", "denies", "russian defence ministry")
    assert cluster_status([CLAIM, itself]) == "claimed"
    assert cluster_status([CLAIM, itself, DENIAL]) == "disputed"
