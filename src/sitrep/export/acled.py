"""ACLED's columns for an event (ACLED Codebook 2023, section 3; names and order as ACLED's
own CSV). sitrep's ``statement`` and ``displacement`` events have no ACLED type: the CSV
leaves them out."""

from __future__ import annotations

from typing import Any

from sitrep.resolve.gazetteer import Gazetteer

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
EVENT_TYPES = {
    "battles": "Battles",
    "explosions_remote_violence": "Explosions/Remote violence",
    "violence_against_civilians": "Violence against civilians",
    "protests": "Protests",
    "riots": "Riots",
    "strategic_developments": "Strategic developments",
}
# ACLED interaction codes by actor kind: 1 state forces (police too), 2 rebels, 3 political
# militias (and unidentified armed groups), 5 rioters, 6 protesters, 7 civilians, 8 external.
INTER = {
    "state_forces": 1,
    "police": 1,
    "government": 1,
    "rebels": 2,
    "militia": 3,
    "unknown": 3,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external": 8,
}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"exact": 1, "near": 2, "region": 3, "country": 3}


def acled_row(event: dict[str, Any], gazetteer: Gazetteer) -> dict[str, Any] | None:
    """The ACLED row of an event, or None for a type ACLED does not code."""
    event_type = EVENT_TYPES.get(event["type"])
    if event_type is None:
        return None
    location = event.get("location") or {}
    country = location.get("country")
    admin1 = location.get("admin1")
    country_place = gazetteer.country(country) if country else None
    admin1_place = gazetteer.admin1(country, admin1) if country and admin1 else None
    actor1, actor2 = event.get("actor1") or {}, event.get("actor2") or {}
    return {
        "event_id_cnty": event["id"],
        "event_date": event.get("date") or "",
        "year": (event.get("date") or "")[:4],
        "time_precision": _TIME_PRECISION.get(event.get("date_precision") or "", 3),
        "event_type": event_type,
        "sub_event_type": event.get("subtype") or "",
        "actor1": actor1.get("name", ""),
        "inter1": INTER.get(actor1.get("kind", ""), 0),
        "actor2": actor2.get("name", ""),
        "inter2": INTER.get(actor2.get("kind", ""), 0),
        "country": country_place.name if country_place else (country or ""),
        "admin1": admin1_place.name if admin1_place else "",
        "location": location.get("name") or location.get("text") or "",
        "latitude": location.get("lat", ""),
        "longitude": location.get("lon", ""),
        "geo_precision": _GEO_PRECISION.get(location.get("precision") or "", 3),
        "source": _outlets(event),
        "notes": event.get("evidence_text", ""),
        "fatalities": (event.get("fatalities") or {}).get("best") or 0,
    }


def _outlets(event: dict[str, Any]) -> str:
    """The outlets of every report of the event (ACLED lists its sources the same way)."""
    sources = event.get("cluster", {}).get("sources", [])
    outlets = dict.fromkeys(source["outlet"] for source in sources if source.get("outlet"))
    return "; ".join(outlets)
