"""Place names resolved to GeoNames points, each judged in the light of the whole document.

For each name the gazetteer offers candidates (exact, accent-folded, then transliteration-
tolerant matches). Each candidate is scored:

- its prior: the log of its population, the kind of place (a country or a province is what an
  unqualified name in the news most often means), how loosely its name matched;
- its container: "Vardenis, Armenia" or "Laurel County, Kentucky" wants a candidate inside the
  named country or province;
- the document: candidates in the countries most of the document's other places lie in, and
  close to them, gain (spatial coherence); the dateline's country counts a little.

The weights live in ``ResolverWeights``, tuned on the dev splits of the geoparsing corpora
(``bench/geoparse.py``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from sitrep.resolve.gazetteer import Candidate, Gazetteer, Place
from sitrep.resolve.geometry import EARTH_RADIUS_KM, haversine_km


@dataclass(frozen=True, slots=True)
class ResolverWeights:
    """How much each piece of evidence counts (see the module docstring).

    Tuned by coordinate search on the dev splits of LGL, TR-News, GeoWebNews, GeoVirus and
    (400 documents of) WikToR, maximising mean accuracy at 161 km (``bench/geoparse.py``).
    """

    population: float = 0.25
    kind: dict[str, float] = field(
        default_factory=lambda: {
            "country": 3.0,
            "admin1": 1.2,
            "continent": 2.0,
            "region": 1.6,
            "sea": 1.0,
            "river": 0.8,
            "mountains": 0.8,
            "crossing": 0.6,
            "landmark": 0.4,
            "admin2": 0.3,
            "city": 0.0,
        }
    )
    curated_population: float = 5.5  # log10 population assumed for curated rows without one
    skeleton_penalty: float = 1.5
    folded_penalty: float = 0.3
    primary_name: float = 1.0
    area_alias: float = 1.0
    container: float = 2.0
    country_share: float = 3.75
    admin1_share: float = 6.75
    nearby: float = 0.5
    nearby_km: float = 150.0
    dateline_country: float = 0.5
    candidates: int = 100


DEFAULT_WEIGHTS = ResolverWeights()


@dataclass(frozen=True, slots=True)
class NameToResolve:
    """A place name as the text gives it, with the containers it names beside it, innermost
    first: ("Hamilton County", "Nebraska") for "Aurora, a city in Hamilton County, Nebraska"."""

    text: str
    containers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen candidate for a name (None: no candidate) and its score."""

    candidate: Candidate | None
    score: float
    candidates: int


class PlaceResolver:
    """Resolves the place names of one document together."""

    def __init__(self, gazetteer: Gazetteer, weights: ResolverWeights = DEFAULT_WEIGHTS) -> None:
        self.gazetteer = gazetteer
        self.weights = weights
        self._cache: dict[str, list[Candidate]] = {}

    def candidates(self, name: str) -> list[Candidate]:
        key = name.strip()
        found = self._cache.get(key)
        if found is None:
            found = self.gazetteer.candidates(key, limit=self.weights.candidates)
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def resolve(
        self,
        names: Sequence[NameToResolve],
        *,
        context: Sequence[NameToResolve] = (),
        dateline_country: str | None = None,
    ) -> list[Resolution]:
        """The best candidate for each name, every name judged with the others and with the
        ``context`` names (other places the document mentions, not themselves reported).

        A name repeated with the same containers is judged once: its candidates, their scores
        and the document's evidence are the same wherever it stands."""
        everything = [*names, *context]
        units: dict[NameToResolve, int] = {}
        unit_of = [units.setdefault(name, len(units)) for name in everything]
        distinct = list(units)
        options = [self._options(name.text) for name in distinct]
        containers = [self._containers(name.containers) for name in distinct]
        priors = [
            [self._prior(c, name.text) + self._inside(c, container) for c in found]
            for found, container, name in zip(options, containers, distinct, strict=True)
        ]
        picks = [self._best(found, scores) for found, scores in zip(options, priors, strict=True)]
        keys = [name.text.casefold() for name in distinct]
        # One pick per distinct name, its last occurrence's: a name repeated must not vouch
        # for itself.
        voice = {keys[unit]: unit for unit in unit_of}
        for _ in range(2):  # coherence needs picks; picks improve with coherence
            coherence = _Coherence(
                self.weights, {key: picks[unit][0] for key, unit in voice.items()}
            )
            picks = [
                self._best(
                    found,
                    [
                        prior + coherence.score(c, key, dateline_country)
                        for c, prior in zip(found, scores, strict=True)
                    ],
                )
                for key, found, scores in zip(keys, options, priors, strict=True)
            ]
        trust = _Trust([picks[unit][0] for unit in unit_of])
        return [
            Resolution(trust.trusted(picks[unit][0]), picks[unit][1], len(options[unit]))
            for unit in unit_of[: len(names)]
        ]

    def _options(self, name: str) -> list[Candidate]:
        """Candidates for a name; for a demonym the gazetteer lacks ("Georgian"), its country.
        A direction in lower case ("south Lebanon", "eastern Ukraine") is part of the sentence,
        not of the name: the place is the one named after it."""
        direction = _DIRECTION.match(name)
        if direction is not None:
            name = name[direction.end() :]
        found = self.candidates(name)
        if found:
            return found
        iso2 = self.gazetteer.demonym(name)
        country = self.gazetteer.country(iso2) if iso2 else None
        if country is None:
            return []
        return [Candidate(**{f: getattr(country, f) for f in _PLACE_FIELDS}, matched_by="folded")]

    def _prior(self, candidate: Candidate, name: str = "") -> float:
        w = self.weights
        population = candidate.population
        magnitude = math.log10(population) if population and population > 1 else 0.0
        if population is None and candidate.geonameid < 0:
            magnitude = w.curated_population
        score = w.population * magnitude + w.kind.get(candidate.kind, 0.0)
        if candidate.matched_by == "skeleton":
            score -= w.skeleton_penalty
        elif candidate.matched_by == "folded":
            score -= w.folded_penalty
        if name and name.casefold() in (candidate.name.casefold(), candidate.ascii_name.casefold()):
            score += w.primary_name
        elif candidate.kind in ("admin1", "admin2") and not _AREA_WORD.search(name):
            score -= w.area_alias  # "Kharkiv" is the city; "Kharkiv region" the oblast
        return score

    def _containers(self, texts: tuple[str, ...]) -> list[Candidate]:
        """The places a name's containers may be: the innermost's likeliest, or, when an outer
        one is named too ("Hamilton County, Nebraska"), every one of them inside the outer."""
        if not texts:
            return []
        inner = self._broad(texts[0])
        if len(texts) > 1:
            outer = self._broad(texts[1])
            if outer:
                inside = [c for c in inner if self._contains(outer[0], c)]
                if inside:
                    return inside
        return inner[:1]

    def _broad(self, text: str) -> list[Candidate]:
        """A container's candidates, areas first, likeliest first."""
        found = self.candidates(text)
        broad = [c for c in found if c.kind in ("country", "admin1", "admin2", "region")]
        return sorted(broad or found, key=lambda c: self._prior(c, text), reverse=True)

    def _inside(self, candidate: Candidate, containers: list[Candidate]) -> float:
        if any(self._contains(container, candidate) for container in containers):
            return self.weights.container
        return 0.0

    @staticmethod
    def _contains(container: Candidate, candidate: Candidate) -> bool:
        if candidate.geonameid == container.geonameid:
            return False
        same_country = candidate.country_code == container.country_code
        if container.kind == "country":
            return same_country
        if container.kind == "admin1":
            return same_country and candidate.admin1_code == container.admin1_code
        if container.kind == "admin2":
            return same_country and candidate.admin2_code == container.admin2_code
        return haversine_km(candidate.lat, candidate.lon, container.lat, container.lon) < 300

    @staticmethod
    def _best(found: list[Candidate], scores: list[float]) -> tuple[Candidate | None, float]:
        if not found:
            return (None, 0.0)
        best = max(range(len(found)), key=lambda i: scores[i])
        return (found[best], scores[best])


class _Coherence:
    """How well a candidate agrees with the picks of the document's other names (spatial
    coherence, see the module docstring), from counts and a grid made once a round: asking
    costs the same however many names the document has."""

    def __init__(self, weights: ResolverWeights, picks: dict[str, Candidate | None]) -> None:
        self.weights = weights
        self.picks = picks
        present = {key: pick for key, pick in picks.items() if pick is not None}
        self.present = len(present)
        self.countries = Counter(
            pick.country_code for pick in present.values() if pick.country_code
        )
        self.provinces: Counter[tuple[str | None, str | None]] = Counter(
            (pick.country_code, pick.admin1_code) for pick in present.values() if pick.admin1_code
        )
        cities = [(key, pick) for key, pick in present.items() if pick.kind == "city"]
        self.cities = _Grid(weights.nearby_km, cities)

    def score(self, candidate: Candidate, key: str, dateline_country: str | None) -> float:
        """The candidate's coherence with the picks of every name but ``key``."""
        w = self.weights
        own = self.picks[key]
        others = self.present - (own is not None)
        score = 0.0
        if others:
            country = candidate.country_code or ""
            own_country = own is not None and bool(own.country_code) and own.country_code == country
            share = (self.countries.get(country, 0) - own_country) / others
            score += w.country_share * share
            if candidate.admin1_code and candidate.kind != "country":
                province = (candidate.country_code, candidate.admin1_code)
                own_province = (
                    own is not None
                    and bool(own.admin1_code)
                    and (own.country_code, own.admin1_code) == province
                )
                score += w.admin1_share * (self.provinces[province] - own_province) / others
            if self.cities.near(candidate, key):
                score += w.nearby
        if dateline_country and candidate.country_code == dateline_country:
            score += w.dateline_country
        return score


class _Grid:
    """Picks filed by cube of a grid over the globe (taken as points in space), each cube's side
    the chord of ``km``: a pick less than ``km`` from a point lies in the point's cube or one
    next to it, so a look into 27 cubes replaces a look at every pick."""

    def __init__(self, km: float, picks: list[tuple[str, Candidate]]) -> None:
        self.km = km
        self.side = km / EARTH_RADIUS_KM
        self.cells: dict[tuple[int, int, int], list[tuple[str, Candidate]]] = {}
        for key, pick in picks:
            self.cells.setdefault(self._cell(pick), []).append((key, pick))

    def _cell(self, place: Candidate) -> tuple[int, int, int]:
        lat, lon = math.radians(place.lat), math.radians(place.lon)
        x, y, z = math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)
        return (math.floor(x / self.side), math.floor(y / self.side), math.floor(z / self.side))

    def near(self, candidate: Candidate, key: str) -> bool:
        """Whether the pick of a name other than ``key``, another place than ``candidate``,
        lies less than ``km`` from it."""
        x, y, z = self._cell(candidate)
        return any(
            haversine_km(candidate.lat, candidate.lon, pick.lat, pick.lon) < self.km
            for cell in itertools.product((x - 1, x, x + 1), (y - 1, y, y + 1), (z - 1, z, z + 1))
            for name, pick in self.cells.get(cell, ())
            if name != key and pick.geonameid != candidate.geonameid
        )


class _Trust:
    """Whether a loose (skeleton) match stands: only when another place of the document lies
    in its country ("Aygepar" is no French "Aigueperse" in a story about Armenia), or when the
    document names no other place. Counts made once answer for every pick."""

    def __init__(self, picks: list[Candidate | None]) -> None:
        present = [pick for pick in picks if pick is not None]
        self.present = len(present)
        self.countries = Counter(pick.country_code for pick in present)
        self.occurrences = Counter(id(pick) for pick in present)

    def trusted(self, pick: Candidate | None) -> Candidate | None:
        if pick is None or pick.matched_by != "skeleton":
            return pick
        own = self.occurrences[id(pick)]  # the same candidate, picked for the same name
        alone = self.present == own
        return pick if alone or self.countries[pick.country_code] > own else None


_PLACE_FIELDS = tuple(f.name for f in fields(Place))
_DIRECTION = re.compile(
    r"(?:(?:far |deep )?(?:south|north|east|west|central|(?:south|north)-?(?:east|west))(?:ern)?"
    r"|(?:upper|lower|inner|outer|greater))\s+(?=[A-Z])"
)
_AREA_WORD = re.compile(
    r"\b(?:region|province|oblast|governorate|county|district|state|prefecture|department|"
    r"raion|krai|canton|municipality)\b",
    re.IGNORECASE,
)
# Capitalised words that open sentences or name no place, left out of context names.
_NOT_CONTEXT = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "To",
        "Of",
        "And",
        "But",
        "Or",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "His",
        "Her",
        "Their",
        "This",
        "That",
        "These",
        "Those",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "President",
        "Minister",
        "Police",
        "Army",
        "Government",
        "University",
        "Court",
        "Street",
        "Road",
    ]
)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*[a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*[a-z][\w'’-]*){0,2}")


def context_names(
    text: str, gazetteer: Gazetteer, *, exclude: Sequence[tuple[int, int]] = ()
) -> list[NameToResolve]:
    """Capitalised names in ``text`` that the gazetteer knows, outside the ``exclude`` spans: a
    cheap look at the other places a document mentions, for coherence."""
    names = []
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        if any(a < end and start < b for a, b in exclude) or match.group(0) in _NOT_CONTEXT:
            continue
        if gazetteer.candidates(match.group(0), limit=1, skeleton="never"):
            names.append(NameToResolve(match.group(0), containers_after(text, end)))
    return names


# Capitalised words that may name a place: not a weekday or a month ("Vardenis, Armenia,
# Saturday").
_PLACE_WORDS = (
    r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Oct|Nov|Dec)[a-z]*\.?\s+\d)[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,3}"
)
# "X, Country"; "X, a town in the Kharkiv region"; "X is a city in Hamilton County".
_CONTAINER_AFTER = re.compile(
    rf"(?:,\s+(?:the\s+)?|(?:,\s+|\s+(?:is|was)\s+)(?:a|an|the)\s+(?:[\w-]+\s+){{0,6}}?"
    rf"(?:in|of)\s+(?:the\s+)?)(?P<container>{_PLACE_WORDS})"
)
_OUTER_AFTER = re.compile(rf",\s+(?:the\s+)?(?P<container>{_PLACE_WORDS})")


def containers_after(text: str, end: int) -> tuple[str, ...]:
    """The containers named right after a place name ending at ``end``, innermost first."""
    first = _CONTAINER_AFTER.match(text, end, min(len(text), end + 120))
    if first is None:
        return ()
    second = _OUTER_AFTER.match(text, first.end(), min(len(text), first.end() + 60))
    if second is None:
        return (first.group("container"),)
    return (first.group("container"), second.group("container"))
