"""Linking: reports of the same event in several articles become one cluster.

The rules that decide "same event" and a cluster's status live in ``rules.py``, and only there.
"""

from sitrep.link.rules import (
    LINK_DAYS,
    LINK_KM,
    EventFacts,
    Report,
    cluster_status,
    same_event,
    stance,
)

__all__ = [
    "LINK_DAYS",
    "LINK_KM",
    "EventFacts",
    "Report",
    "cluster_status",
    "same_event",
    "stance",
]
