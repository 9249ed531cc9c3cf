"""Linking: reports of the same event in several articles become one cluster.

``rules.py`` decides "same event" (``same_event``, its numbers in ``LinkRules``); ``status.py``
what a cluster's reports say about it over time (``cluster_status``, ``status_history``);
``grid.py`` the index keys the store finds candidates by; ``event.py`` the cluster's own fields,
chosen from its reports. ``docs/linking.md`` describes them.
"""

from sitrep.link.rules import (
    DEFAULT_RULES,
    EventFacts,
    LinkRules,
    earliest_day,
    same_event,
)
from sitrep.link.status import (
    CLUSTER_STATUSES,
    STANCES,
    Change,
    ClusterStatus,
    Report,
    Stance,
    cluster_status,
    stance,
    status_history,
)

__all__ = [
    "CLUSTER_STATUSES",
    "DEFAULT_RULES",
    "STANCES",
    "Change",
    "ClusterStatus",
    "EventFacts",
    "LinkRules",
    "Report",
    "Stance",
    "cluster_status",
    "earliest_day",
    "same_event",
    "stance",
    "status_history",
]
