"""Which GeoNames features an imported dump keeps, and as which kind of place.

The policy is data, with a reason per entry: ``sitrep/data/geonames_features.toml``. This
module reads and checks it; a malformed entry is a ``GazetteerError`` naming the entry.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from sitrep.errors import GazetteerError
from sitrep.resolve.gazetteer._sources import _shipped_bytes
from sitrep.resolve.gazetteer._types import KINDS, PlaceKind

__all__ = ["POLICY_FILE", "FeaturePolicy", "feature_policy", "parse_policy", "policy_bytes"]

POLICY_FILE = "geonames_features.toml"
_CLASSES = frozenset("ADHLPRSTUV")


@dataclass(frozen=True, slots=True)
class FeaturePolicy:
    """Kinds by ``(class, code)``, then by class alone; alternate-name languages skipped."""

    by_code: dict[tuple[str, str], PlaceKind]
    by_class: dict[str, PlaceKind]
    skip_languages: frozenset[str]

    def kind_of(self, feature_class: str, feature_code: str) -> PlaceKind | None:
        """The kind a feature is kept as, or None when the policy leaves it out."""
        kind = self.by_code.get((feature_class, feature_code))
        return kind if kind is not None else self.by_class.get(feature_class)


def policy_bytes() -> bytes:
    return _shipped_bytes("sitrep", "data", POLICY_FILE)


def _fail(where: str, reason: str) -> GazetteerError:
    return GazetteerError(f"{POLICY_FILE} {where}: {reason}")


def _codes(entry: dict[str, Any], where: str) -> list[str] | None:
    codes = entry.get("codes")
    if codes is None:
        return None
    if not isinstance(codes, list) or not codes:
        raise _fail(where, "codes must be a non-empty list")
    for code in codes:
        if not isinstance(code, str) or not code.isalnum() or code != code.upper():
            raise _fail(where, f"{code!r} is not a GeoNames feature code")
    return codes


def _add_entry(entry: dict[str, Any], where: str, policy: FeaturePolicy) -> None:
    feature_class, kind, reason = entry.get("class"), entry.get("kind"), entry.get("reason")
    if feature_class not in _CLASSES:
        raise _fail(where, f"class {feature_class!r} is not a GeoNames feature class")
    if kind not in KINDS:
        raise _fail(where, f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    if not isinstance(reason, str) or not reason.strip():
        raise _fail(where, "every entry needs a reason")
    codes = _codes(entry, where)
    if codes is None:
        if feature_class in policy.by_class:
            raise _fail(where, f"class {feature_class} has two entries without codes")
        policy.by_class[feature_class] = cast(PlaceKind, kind)
        return
    for code in codes:
        if (feature_class, code) in policy.by_code:
            raise _fail(where, f"{feature_class}.{code} is listed twice")
        policy.by_code[(feature_class, code)] = cast(PlaceKind, kind)


def parse_policy(content: bytes) -> FeaturePolicy:
    """The policy in ``content`` (the TOML of ``geonames_features.toml``), checked."""
    try:
        data = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GazetteerError(f"{POLICY_FILE} is not valid TOML ({exc})") from exc
    entries = data.get("feature")
    if not isinstance(entries, list) or not entries:
        raise GazetteerError(f"{POLICY_FILE} lists no [[feature]]")
    alternates = data.get("alternate_names", {})
    languages = alternates.get("skip_languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise _fail("[alternate_names]", "skip_languages must be a list of language codes")
    if not str(alternates.get("reason", "")).strip():
        raise _fail("[alternate_names]", "needs a reason")
    policy = FeaturePolicy({}, {}, frozenset(languages))
    for number, entry in enumerate(entries, start=1):
        _add_entry(entry, f"feature {number}", policy)
    return policy


@cache
def feature_policy() -> FeaturePolicy:
    """The shipped policy (read once per process)."""
    return parse_policy(policy_bytes())
