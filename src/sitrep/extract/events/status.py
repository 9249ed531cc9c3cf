"""Claim status, learned: whether an event is ``reported``, ``claimed``, ``disputed`` or
``confirmed``, chosen by a small logistic model over what the claim rules found (their status,
the kind of voice that tells the event) and the story's signs (a claim of
responsibility, a denial, a confirmation, a toll nobody could verify).

Why a model: the rules find who speaks and who denies well, but how those signs add up to a
status is a coding convention, and the benchmark's authors apply it unevenly ("the defence
ministry said its air defences destroyed 37 drones" is coded ``claimed`` by some and ``reported``
by others). A model fitted to every author's coding chooses what most of them would; on the wire
dev stories, cross-validated with each author's batch held out, it agrees with the gold status
more often than the rules do (``docs/event_model.md``). It only re-chooses among the statuses
that ``allowed`` leaves open. ``make train`` fits it (``training/status.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ModelDamaged
from sitrep.extract.events.actors import named_actors
from sitrep.records import Claim, ClaimStatus, Event

MODEL_FILE = "claim_status.json"
STATUSES: tuple[ClaimStatus, ...] = ("reported", "claimed", "disputed", "confirmed")

# The kinds of voice that tell an event, the first that matches a claimant's words.
_VOICES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        (
            "monitor",
            r"observatory|monitor|united nations|\bUN\b|OCHA|human rights|amnesty|\bHRW\b|"
            r"satellite|independent|analys|researcher|red cross|\bICRC\b|\bMSF\b|unicef",
        ),
        (
            "local",
            r"witness|resident|local|elder|villager|hospital|doctor|medic|health|survivor|"
            r"relative|community|civil society|activist|journalist|source",
        ),
        ("media", r"media|television|\bTV\b|agency|news|radio|channel|press|reported"),
        (
            "army",
            r"army|military|forces|defen[cs]e|air force|troops|brigade|command|\bISPR\b|\bIDF\b|"
            r"navy|soldier|guard",
        ),
        ("police", r"police|inspector|constab"),
        (
            "government",
            r"government|ministry|minister|governor|official|spokes|president|administration|"
            r"mayor|authorit|office|council|commissioner|interior",
        ),
        (
            "group",
            r"claimed|rebels?\b|militants?\b|insurgent|jihadist|fighters|militia|group|alliance|"
            r"front|liberation|movement|brotherhood",
        ),
    )
)

_RESPONSIBILITY = re.compile(
    r"claim(?:ed|s|ing)? (?:of )?(?:responsibility|the attack|the bombing|attack|credit)|"
    r"responsibility for",
    re.IGNORECASE,
)
_DENIAL = re.compile(
    r"\bden(?:ied|ies|y|ial)\b|\brejected\b|\bdismissed\b|\bfalse\b|\bbaseless\b", re.IGNORECASE
)
_CONFIRMATION = re.compile(r"\bconfirm(?:ed|s)?\b|\backnowledg|\bverified\b|satellite", re.I)
_UNVERIFIED = re.compile(
    r"could not (?:be )?(?:independently )?verif|not independently verified|unable to verify",
    re.IGNORECASE,
)
_SAID = re.compile(r"\b(?:said|says)\b")
_CLAIMS = re.compile(r"\bclaim(?:s|ed|ing)?\b(?! (?:of )?responsibility)", re.IGNORECASE)
_ATTRIBUTED = frozenset({"evidence:said", "evidence:claims"})
_LEAD_CHARS = 200  # the headline and the start of the lead


def voice(claimant: str | None) -> str:
    """The kind of voice a claimant's words name: ``army``, ``group``, ``monitor``…"""
    if not claimant:
        return "none"
    for name, pattern in _VOICES:
        if pattern.search(claimant):
            return name
    if any(actor.search(claimant) for actor in named_actors()):
        return "group"
    return "other"


def claim_features(text: str, event: Event) -> list[str]:
    """The signs the status model weighs for ``event`` in the story ``text``."""
    evidence = text[event.evidence[0].start : event.evidence[0].end]
    claim = event.claim
    speaker = voice(claim.by)
    actor1 = event.actor1.kind if event.actor1 else "none"
    found = [
        f"rule={claim.status}",
        f"voice={speaker}",
        f"rule+voice={claim.status}+{speaker}",
        f"type={event.type}",
        f"subtype={event.subtype}",
        f"actor1={actor1}",
        f"actor1+voice={actor1}+{speaker}",
    ]
    story = _story_signs(text)
    signs = {
        "title": claim.by_title is not None,
        "story:responsibility": story[0],
        "evidence:responsibility": _RESPONSIBILITY.search(evidence) is not None,
        "story:denial": story[1],
        "evidence:denial": _DENIAL.search(evidence) is not None,
        "story:confirmation": story[2],
        "evidence:confirmation": _CONFIRMATION.search(evidence) is not None,
        "story:unverified": story[3],
        "evidence:said": _SAID.search(evidence) is not None,
        "evidence:claims": _CLAIMS.search(evidence) is not None,
        "lead": event.evidence[0].start < _LEAD_CHARS,
    }
    return found + [name for name, present in signs.items() if present]


@lru_cache(maxsize=4)
def _story_signs(text: str) -> tuple[bool, bool, bool, bool]:
    """Whether the story tells a claim of responsibility, a denial, a confirmation and a toll
    nobody could verify: read once per story, not once per event."""
    return (
        _RESPONSIBILITY.search(text) is not None,
        _DENIAL.search(text) is not None,
        _CONFIRMATION.search(text) is not None,
        _UNVERIFIED.search(text) is not None,
    )


def allowed(claim: Claim, features: Sequence[str]) -> tuple[ClaimStatus, ...]:
    """The statuses the model may choose among for a claim as the rules read it.

    Two of the rules' finds stand: a denial (``disputed``: the linking of reports rests on
    it), and a party's claim in the very sentence that tells the event ("the army said it had
    killed 21 militants", ``evidence:said`` or ``evidence:claims``: ``claimed`` by the coding
    guide's letter; the authors who code such a sentence ``reported`` read it as officials
    cited without contest, which the guide allows too). Otherwise any event can be reported,
    and one with a claimant claimed or confirmed."""
    if claim.status == "disputed" or (
        claim.status == "claimed" and _ATTRIBUTED.intersection(features)
    ):
        return (claim.status,)
    if claim.by is None:
        return ("reported",)
    return ("reported", "claimed", "confirmed")


@dataclass(frozen=True, slots=True)
class StatusModel:
    """A multinomial logistic model over binary features: per class, an intercept and a
    weight for each feature seen in training."""

    classes: tuple[ClaimStatus, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    card: Mapping[str, Any]

    def scores(self, features: Iterable[str]) -> dict[ClaimStatus, float]:
        totals = list(self.intercept)
        for feature in features:
            for column, weight in enumerate(self.weights.get(feature, ())):
                totals[column] += weight
        return dict(zip(self.classes, totals, strict=True))

    def status(self, text: str, event: Event) -> ClaimStatus:
        features = claim_features(text, event)
        scores = self.scores(features)
        return max(allowed(event.claim, features), key=lambda s: scores.get(s, float("-inf")))

    def to_dict(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "intercept": list(self.intercept),
            "weights": {feature: list(row) for feature, row in sorted(self.weights.items())},
            "card": dict(self.card),
        }


def settle_statuses(text: str, events: Sequence[Event], model: StatusModel) -> list[Event]:
    """``events`` with the model's claim status. Statements and the record of a denial
    (``denied``) keep the rules' status."""
    settled = []
    for event in events:
        if event.type != "statement" and event.claim.status in STATUSES:
            event = replace(event, claim=replace(event.claim, status=model.status(text, event)))
        settled.append(event)
    return settled


def load_status_model(path: Path) -> StatusModel:
    """Read a model written by ``training/status.py``; a missing or damaged file is a
    ``ModelDamaged`` naming the file and how to rebuild it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        classes = tuple(raw["classes"])
        model = StatusModel(
            classes,
            tuple(float(value) for value in raw["intercept"]),
            {feature: tuple(map(float, row)) for feature, row in raw["weights"].items()},
            raw["card"],
        )
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ModelDamaged(
            f"{path}: the claim status model is missing or damaged ({exc}); "
            "rebuild it with `make train`"
        ) from exc
    widths = {len(row) for row in model.weights.values()} | {len(model.intercept)}
    if not set(classes) <= set(STATUSES) or widths != {len(classes)}:
        raise ModelDamaged(
            f"{path}: the claim status model's classes and weights disagree; "
            "rebuild it with `make train`"
        )
    return model


def status_model_path() -> Path:
    return Path(str(resources.files("sitrep.data").joinpath("models").joinpath(MODEL_FILE)))


@cache
def status_model() -> StatusModel:
    """The shipped claim status model, loaded once per process."""
    return load_status_model(status_model_path())
