"""Place names resolved to GeoNames points, each judged in the light of the whole document.

For each name the gazetteer offers candidates (exact, accent-folded, then transliteration-
tolerant matches). Each candidate is scored:

- its prior: the log of its population, the kind of place (a country or a province is what an
  unqualified name in the news most often means), how loosely its name matched;
- its container: "Vardenis, Armenia" or "Laurel County, Kentucky" wants a candidate inside the
  named country or province;
- the document: candidates in the countries most of the document's other places lie in, and
  close to them, gain (spatial coherence); so do candidates near the document's places in
  neighbouring countries ("Gaza" beside Israel and Egypt); a village that shares its name with
  a city a hundred times its size in a country the document names gains nothing from its own
  country alone ("Moscow", Idaho, in a story about Washington and Russia); the dateline's
  country counts a little, and so, for a story that names one place only, does the country
  its spelling was written for (``sitrep/resolve/readers.py``).

The weights live in ``ResolverWeights``, tuned on the dev splits of the geoparsing corpora
(``bench/geoparse.py``).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import NamedTuple

from sitrep.resolve.gazetteer import Candidate, Gazetteer, Place
from sitrep.resolve.geometry import EARTH_RADIUS_KM, haversine_km


@dataclass(frozen=True, slots=True)
class ResolverWeights:
    """How much each piece of evidence counts (see the module docstring).

    Tuned by coordinate search on the dev splits of LGL, TR-News, GeoWebNews, GeoVirus and
    (400 documents of) WikToR, maximising mean accuracy at 161 km (``bench/geoparse.py``).

    ``region_share``, ``region_km`` and ``dominated`` were added later, on the same dev splits
    (gold spans; mean accuracy at 161 km of the four news corpora, then WikToR's): without
    them 0.725 and 0.721; ``dominated`` 0.01 alone 0.723 / 0.723 with an 800 km region; both
    0.734 / 0.669 (``region_share`` 1, 2, 3: 0.733, 0.734, 0.735); ``dominated`` 0.003 or
    0.001 kept more of WikToR (0.69-0.71) for less of the news (0.723-0.728). WikToR, built
    from Wikipedia's articles on small namesakes of famous places, is the case the
    ``dominated`` rule gives up on purpose. Share of resolved names more than 500 km off and in
    another country, before and after: LGL 0.055 to 0.047, GeoWebNews 0.070 to 0.067.
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
    region_share: float = 2.0  # times the share of other names picked near, across a border
    region_km: float = 400.0  # "near": the grid cube's side (see ``_Abroad``)
    dominated: float = 0.01  # a namesake under this share of the largest's population
    overshadowed: float = 0.06  # ... or under this one, when the story names its country
    famous: float = 20.0  # times its largest namesake: the own-name bonus (``_famous``) ...
    famous_population: int = 1_000_000  # ... for a city this large
    isolated_km: float = 1500.0  # a small place this far from all others is dropped ...
    isolated_population: int = 100_000  # ... when smaller than this (see ``_Isolated``)
    isolated_national_population: int = 50_000  # the same, among towns of its own country,
    isolated_national_km: float = 500.0  # ... this far from all of them
    dateline_country: float = 0.5
    readers: float = 0.5  # a lone name's namesake in the country of the story's readers
    candidates: int = 100
    rounds: int = 2


DEFAULT_WEIGHTS = ResolverWeights()


@dataclass(frozen=True, slots=True)
class NameToResolve:
    """A place name as the text gives it, with the containers it names beside it, innermost
    first: ("Hamilton County", "Nebraska") for "Aurora, a city in Hamilton County, Nebraska"."""

    text: str
    containers: tuple[str, ...] = ()
    town: bool = False  # named as a town ("the city of Zaporizhzhia"): not the province
    # its container named with its area word ("in western Sweida province"): the place lies
    # in that area's country
    in_named_area: bool = False


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen candidate for a name (None: no candidate), its score, and the evidence that
    most set it above its likeliest namesake elsewhere (``reason``)."""

    candidate: Candidate | None
    score: float
    candidates: int
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Readers:
    """Whom the story was written for, as its spelling and conventions say: readers in
    ``country`` (``inside``) or readers outside it (``inside`` False: British spelling is
    written for no American readership)."""

    country: str
    inside: bool = True

    def leaning(self, country: str | None) -> float:
        if country != self.country:
            return 0.0
        return 1.0 if self.inside else -1.0


class PlaceResolver:
    """Resolves the place names of one document together."""

    def __init__(self, gazetteer: Gazetteer, weights: ResolverWeights = DEFAULT_WEIGHTS) -> None:
        self.gazetteer = gazetteer
        self.weights = weights
        self._cache: dict[str, list[Candidate]] = {}

    def candidates(self, name: str) -> list[Candidate]:
        """The places ``name`` may be; none for a name of two letters that is not an acronym
        ("Li", a surname, matches regions' codes)."""
        key = name.strip()
        if len(key) <= 2 and not key.isupper():
            return []
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
        readers: Readers | None = None,
    ) -> list[Resolution]:
        """The best candidate for each name, every name judged with the others and with the
        ``context`` names (other places the document mentions, not themselves reported).

        A name repeated with the same containers is judged once: its candidates, their scores
        and the document's evidence are the same wherever it stands. A name the story gives
        once with its container ("Athens, Greece") means that place wherever the story repeats
        it alone ("Athens")."""
        everything = _qualified([*names, *context])
        units: dict[NameToResolve, int] = {}
        unit_of = [units.setdefault(name, len(units)) for name in everything]
        distinct = list(units)
        containers = [self._containers(name.containers) for name in distinct]
        options = [
            self._in_named_area(
                self._within(self._options(name.text, town=name.town), container), name
            )
            for name, container in zip(distinct, containers, strict=True)
        ]
        towns = [_largest_town(found) for found in options]
        priors = [
            [
                self._prior(c, name.text)
                - self._not_broader(c, town)
                + self._inside(c, container)
                + self._famous(c, found, name.text)
                for c in found
            ]
            for found, container, name, town in zip(
                options, containers, distinct, towns, strict=True
            )
        ]
        picks = [self._best(found, scores) for found, scores in zip(options, priors, strict=True)]
        dominated = [self._dominated(found) for found in options]
        keys = [name.text.casefold() for name in distinct]
        # One pick per distinct name, its last occurrence's: a name repeated must not vouch
        # for itself.
        voice = {keys[unit]: unit for unit in unit_of}
        for _ in range(self.weights.rounds):  # coherence needs picks; picks improve with it
            coherence = _Coherence(
                self.weights, {key: picks[unit][0] for key, unit in voice.items()}
            )
            judged = [
                _Judged(
                    self, name, found, container, coherence, key, dateline_country, small, readers
                )
                for name, found, container, key, small in zip(
                    distinct, options, containers, keys, dominated, strict=True
                )
            ]
            totals = [
                [prior + judge.coherent(c) for c, prior in zip(found, scores, strict=True)]
                for found, scores, judge in zip(options, priors, judged, strict=True)
            ]
            picks = [self._best(found, total) for found, total in zip(options, totals, strict=True)]
        alone = _Isolated(self.weights, {key: picks[unit][0] for key, unit in voice.items()})
        isolated = [
            pick is not None and alone.isolated(pick, key)
            for (pick, _), key in zip(picks, keys, strict=True)
        ]
        # a place dropped as alone vouches for no loose match near it
        trust = _Trust(
            [None if isolated[unit] else picks[unit][0] for unit in unit_of],
            self.weights.isolated_km,
        )
        resolutions = []
        for unit in unit_of[: len(names)]:
            pick = picks[unit][0]
            reason = judged[unit].reason(pick, totals[unit])
            if pick is not None and isolated[unit]:
                reason = (
                    _loose(pick)
                    if pick.matched_by == "skeleton"
                    else f"far from the story's other places (was {pick.name}, {pick.country_code})"
                )
                pick = None
            if pick is None and containers[unit]:
                # "Areguni, Gegharkunik": a village the gazetteer lacks stands at its province,
                # as ACLED codes it (ACLED notes dev: place 0.673 to 0.674, actor kinds 0.871 to
                # 0.877; geoparsing dev all gold unchanged or up).
                pick = containers[unit][0]
                reason = f"container: not in the gazetteer, so its container {pick.name}"

            if pick is not None and trust.trusted(pick) is None:
                reason = _loose(pick)
                pick = None
            count = len(options[unit])
            resolutions.append(Resolution(pick, picks[unit][1], count, reason))
        return resolutions

    def _within(self, found: list[Candidate], containers: list[Candidate]) -> list[Candidate]:
        """The candidates a name's containers allow: a loose match (by its consonants) outside
        every container the text names is none ("Kolagir, Tavush" is not Getashen, Armavir).
        On ACLED's notes (dev) place within 25 km rose from 0.651 to 0.666; the geoparsing dev
        splits did not move."""
        if not containers:
            return found
        return [
            c
            for c in found
            if c.matched_by != "skeleton" or any(self._contains(k, c) for k in containers)
        ]

    def _in_named_area(self, found: list[Candidate], name: NameToResolve) -> list[Candidate]:
        """The candidates in a country where a place of its area's name lies, for a name whose
        container is named with its area word ("the village of al-Mazraa in western Sweida
        province" is not El Mazra'a in Israel): none where no candidate does, so that the
        area itself stands for the place."""
        if not name.in_named_area or not name.containers:
            return found
        countries = {k.country_code for k in self.candidates(name.containers[0])}
        return [c for c in found if c.country_code in countries] if countries else found

    def _dominated(self, found: list[Candidate]) -> dict[int, _Shadow]:
        """The candidates (by id) whose population is under ``overshadowed`` times the
        largest's, each with the largest's country (and whether it is also under ``dominated``
        times it); when the name is that of a region, a sea or a continent no country holds
        ("Middle East", "Pacific"), every town of that name, each with ``_ANYWHERE``: a
        Baltimore neighbourhood gains nothing from the other American places of a story about
        Syria (geoparsing dev end to end, names far and in the wrong country: GeoWebNews 24 to
        22, GeoVirus 25 to 23 with the curated names of ``_own_name``; accuracy unchanged or
        up)."""
        if any(c.kind in _STATELESS_KINDS and not c.country_code for c in found):
            return {c.geonameid: _Shadow(_ANYWHERE, True) for c in found if c.kind in _TOWN_KINDS}
        largest = max(found, key=lambda c: c.population or 0, default=None)
        if largest is None or not largest.country_code:
            return {}
        people = largest.population or 0
        floor, shade = people * self.weights.dominated, people * self.weights.overshadowed
        return {
            c.geonameid: _Shadow(largest.country_code, (c.population or 0) < floor)
            for c in found
            if (c.population or 0) < shade
        }

    def _options(self, name: str, *, town: bool = False) -> list[Candidate]:
        """Candidates for a name; for a country's initials ("EU"), that country alone; for a
        demonym the gazetteer lacks ("Georgian"), its country; for a name the text calls a
        town ("the city of Zaporizhzhia"), its towns when it has some (not the oblast).
        A direction in lower case ("south Lebanon", "eastern Ukraine") is part of the sentence,
        not of the name: the place is the one named after it."""
        direction = _DIRECTION.match(name)
        if direction is not None:
            name = name[direction.end() :]
        found = self.candidates(name)
        if name.endswith(".") and any(c.matched_by == "exact" for c in found):
            # An abbreviation is what it abbreviates: "Ga." is Georgia, "Ind." Indiana, not
            # Gabon or India, whose codes ("GA", "IN") match it once its period is folded away.
            found = [c for c in found if c.matched_by == "exact"]
        meant = initials_of(name, found) if is_acronym(name) else None
        if meant is not None:
            return [meant]  # "EU" is the European Union, not Eu in Normandy
        river = _RIVER_AFTER.search(name)
        if river is not None:
            bare = self.candidates(name[: river.start()])
            return [c for c in [*found, *bare] if c.kind in _WATER_KINDS]
        area = _AREA_AFTER.search(name)
        if area is not None:
            found = _with_bare(name, found, self.candidates(name[: area.start()]))
        towns = (
            [c for c in found if c.kind == "city" and c.matched_by != "skeleton"] if town else []
        )
        if towns:
            return towns
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
        if name and _own_name(candidate, name):
            score += w.primary_name
        elif candidate.kind in ("admin1", "admin2") and not _AREA_WORD.search(name):
            score -= w.area_alias  # "Kharkiv" is the city; "Kharkiv region" the oblast
        return score

    def _not_broader(self, candidate: Candidate, largest_town: int) -> float:
        """The kind bonus of a province or a county (``_prior``) taken back when a town of its
        name holds more people: a broad place is likelier than a town for what it holds, and
        Manchester's Jamaican parish (62,000 people) or Cambridge's Australian council (30,000)
        holds fewer than the English cities. On the geoparsing dev splits (end to end): LGL
        all gold 0.7445 to 0.7472, names far and in another country 36 to 35, the other
        corpora unchanged; gold spans LGL 0.804 to 0.807, GeoWebNews 0.761 to 0.763, WikToR
        0.722 to 0.720."""
        if candidate.kind not in ("admin1", "admin2"):
            return 0.0
        if (candidate.population or 0) < largest_town:
            return self.weights.kind.get(candidate.kind, 0.0)
        return 0.0

    def _famous(self, candidate: Candidate, found: list[Candidate], name: str) -> float:
        """The own-name bonus of ``_prior`` for a city the world knows by a name GeoNames has
        only as an alternate: the most populous exact match, a city of ``famous_population``
        or more and over ``famous`` times every candidate bearing the name as its own. "Mecca"
        is what English calls Makkah (1.6 million people), not Mecca, California (8,600),
        though only the latter has it as its GeoNames name; "Medina" is Madinah, not Medina,
        Ohio. The namesakes keep their own bonus, so which of them wins on coherence is
        unchanged ("Canton" among Ohio towns). A country is left to its kind's prior ("Palestine"
        in a Texas story); a town of 71,000 with a neighbour's name among its alternates (Rock
        Hill, "Rocky Hill") is not famous for it. On the geoparsing dev splits (end to end) six
        names right, none lost: "Mecca" and "Medina" of GeoVirus, "Petersburg" of LGL."""
        w = self.weights
        if candidate.kind != "city" or (candidate.population or 0) < w.famous_population:
            return 0.0
        if candidate.matched_by != "exact" or _own_name(candidate, name):
            return 0.0
        exact = [c for c in found if c.matched_by == "exact"]
        if candidate.geonameid != max(exact, key=lambda c: c.population or 0).geonameid:
            return 0.0
        own = max((c.population or 0 for c in found if _own_name(c, name)), default=0)
        population = candidate.population or 0
        return w.primary_name if population > w.famous * own else 0.0

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


def _loose(pick: Candidate) -> str:
    return f"a loose match with no place of its country near (was {pick.name})"


def _largest_town(found: list[Candidate]) -> int:
    """The population of the most populous town among a name's candidates."""
    return max((c.population or 0 for c in found if c.kind == "city"), default=0)


def _with_bare(name: str, whole: list[Candidate], bare: list[Candidate]) -> list[Candidate]:
    """The candidates of a name with its area word ("Nyanza province") and of the name alone
    ("Nyanza"), unless a place bears the whole as its own name ("Suffolk County"): the area
    word then favours the province over the town (``_prior``). Few provinces have their name
    with an area word among their alternate names ("North West province" is one of
    Cameroon's and Sierra Leone's, not South Africa's), and a loose match of the whole is
    none when the name alone has a closer one ("Somme region" is no Simiyu Region)."""
    if any(_own_name(c, name) for c in whole):
        return whole
    if bare and all(c.matched_by == "skeleton" for c in whole):
        return bare
    ids = {c.geonameid for c in whole}
    # no country is named with an area word: "Niger State" is Nigeria's, never Niger
    return whole + [c for c in bare if c.geonameid not in ids and c.kind != "country"]


def _qualified(names: list[NameToResolve]) -> list[NameToResolve]:
    """Each name without containers replaced by the first occurrence of the same name with
    containers, if the story has one, and every occurrence a town if one is called a town ("the
    city of Zaporizhzhia"): one sense per story."""
    first: dict[str, NameToResolve] = {}
    for name in names:
        if name.containers:
            first.setdefault(name.text.casefold(), name)
    towns = {name.text.casefold() for name in names if name.town}
    if not first and not towns:
        return names
    qualified = [
        name if name.containers else first.get(name.text.casefold(), name) for name in names
    ]
    return [replace(name, town=name.text.casefold() in towns) for name in qualified]


class _Shadow(NamedTuple):
    """The country of a candidate's much larger namesake (``_ANYWHERE`` for a region, a sea or
    a continent of its name), and whether it is under ``dominated`` times its size."""

    country: str
    far_smaller: bool


# What a town named like a region, a sea or a continent no country holds is dominated by.
_ANYWHERE = "*"
_STATELESS_KINDS = frozenset({"continent", "region", "sea"})
_TOWN_KINDS = frozenset({"city", "admin2"})


class _Judged:
    """One name's candidates as the resolver weighs them in a round, and the reason it gives for
    its pick: the evidence that most separates the pick from its best namesake in another
    country, else more than 25 km away (container, coherence, dateline, or population and
    kind)."""

    def __init__(
        self,
        resolver: PlaceResolver,
        name: NameToResolve,
        found: list[Candidate],
        containers: list[Candidate],
        coherence: _Coherence,
        key: str,
        dateline_country: str | None,
        dominated: dict[int, _Shadow],
        readers: Readers | None = None,
    ) -> None:
        self.resolver, self.name, self.found, self.containers = resolver, name, found, containers
        self.coherence, self.key, self.dominated = coherence, key, dominated
        self.dateline_country = dateline_country
        self.readers = readers

    def coherent(self, candidate: Candidate) -> float:
        return self.coherence.score(
            candidate,
            self.key,
            self.dateline_country,
            self.dominated.get(candidate.geonameid),
            self.readers,
        )

    def _evidence(self, candidate: Candidate) -> dict[str, float]:
        in_dateline = (
            bool(self.dateline_country) and candidate.country_code == self.dateline_country
        )
        dateline = self.resolver.weights.dateline_country if in_dateline else 0.0
        coherence = self.coherent(candidate) - dateline
        readers = self.coherence.readers_bonus(candidate, self.key, self.readers)
        return {
            "population": self.resolver._prior(candidate, self.name.text)
            - self.resolver._not_broader(candidate, _largest_town(self.found)),
            "container": self.resolver._inside(candidate, self.containers),
            "dateline": dateline,
            "readers": readers,
            "coherence": coherence - readers,
        }

    def reason(self, pick: Candidate | None, totals: list[float]) -> str | None:
        """Why ``pick`` won, given every candidate's total score (``totals``)."""
        if pick is None:
            return None
        scored = list(zip(totals, self.found, strict=True))
        others = [(t, c) for t, c in scored if c.country_code != pick.country_code] or [
            (t, c)
            for t, c in scored
            if haversine_km(c.lat, c.lon, pick.lat, pick.lon) > _SAME_PLACE_KM
        ]
        if not others:
            return "population: no namesake elsewhere"
        runner = max(others, key=lambda pair: pair[0])[1]
        ours, theirs = self._evidence(pick), self._evidence(runner)
        kind = max(ours, key=lambda k: ours[k] - theirs[k])
        container = self.name.containers[0] if self.name.containers else ""
        detail = _REASONS[kind].format(container=container)
        return f"{kind}: {detail} (over {runner.name}, {runner.country_code})"


_SAME_PLACE_KM = 25.0
_REASONS = {
    "population": "larger or broader than its namesakes",
    "container": "inside {container}",
    "dateline": "in the dateline's country",
    "readers": "in the country the story's spelling was written for",
    "coherence": "beside the story's other places",
}


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
        self.named_countries = frozenset(
            pick.country_code for pick in present.values() if pick.kind == "country"
        )
        self.provinces: Counter[tuple[str | None, str | None]] = Counter(
            (pick.country_code, pick.admin1_code) for pick in present.values() if pick.admin1_code
        )
        cities = [(key, pick) for key, pick in present.items() if pick.kind == "city"]
        self.cities = _Grid(weights.nearby_km, cities)
        self.abroad = _Abroad(weights.region_km, present)

    def score(
        self,
        candidate: Candidate,
        key: str,
        dateline_country: str | None,
        dominated_by: _Shadow | None = None,
        readers: Readers | None = None,
    ) -> float:
        """The candidate's coherence with the picks of every name but ``key``. A candidate
        dominated by a namesake a hundred times its size in a country the document names
        (``dominated_by``: "Moscow", Idaho, in a story that names Russia), or by a region, a sea
        or a continent of its name (``_ANYWHERE``), gains nothing from its own country alone."""
        w = self.weights
        own = self.picks[key]
        others = self.present - (own is not None)
        score = 0.0
        if others:
            country = candidate.country_code or ""
            own_country = own is not None and bool(own.country_code) and own.country_code == country
            share = (self.countries.get(country, 0) - own_country) / others
            if not self._silenced(dominated_by, country):
                score += w.country_share * share
            score += w.region_share * self.abroad.count(candidate, key) / others
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
        return score + self.readers_bonus(candidate, key, readers)

    def readers_bonus(self, candidate: Candidate, key: str, readers: Readers | None) -> float:
        """A lone name's lean towards the country of the story's readers (``Readers``): a story
        that names one place gives no other evidence than population ("Mansfield" in a Texas
        paper is no English town). Only when no other name has a pick: on the geoparsing dev
        splits (end to end) LGL's far names fell from 75 to 61, accuracy 0.741 to 0.744, the
        other corpora unchanged; given to every name, at 0.5 or 1.0, TR-News and GeoWebNews
        lost names to American namesakes (far 3 to 5, 16 to 21 at 1.0); 0.5 to 2.0 alike."""
        present = self.present - (self.picks[key] is not None)
        if readers is None or present:
            return 0.0
        return self.weights.readers * readers.leaning(candidate.country_code)

    def _silenced(self, dominated_by: _Shadow | None, country: str) -> bool:
        """Whether a candidate in ``country`` dominated by a namesake gains nothing from its
        country: under
        ``dominated`` times its size when the story has a place in the namesake's country,
        under ``overshadowed`` times when the story names that country itself ("St.
        Petersburg", Florida, a twentieth of the Russian city, in a story that names Russia).
        On the geoparsing dev splits (end to end), the second at 0.06 (0.1 the same): names
        far and in another country LGL 35 to 32, GeoWebNews 9 to 6; all gold LGL 0.7472 to
        0.7468, GeoWebNews 0.6826 to 0.6841, TR-News and GeoVirus unchanged. A namesake in the
        larger one's own country keeps its share (Fulton County, Georgia, is no reason to doubt
        another Fulton County of a story that names the United States)."""
        if dominated_by is None:
            return False
        shadow, far_smaller = dominated_by
        if shadow == _ANYWHERE:
            return True
        if far_smaller and self.countries[shadow]:
            return True
        return shadow != country and shadow in self.named_countries


class _Grid:
    """Picks filed by cube of a grid over the globe (taken as points in space), each cube's side
    the chord of ``km``: a pick less than ``km`` from a point lies in the point's cube or one
    next to it, so a look into 27 cubes replaces a look at every pick."""

    def __init__(self, km: float, picks: list[tuple[str, Candidate]]) -> None:
        self.km = km
        self.side = km / EARTH_RADIUS_KM
        self.cells: dict[tuple[int, int, int], list[tuple[str, Candidate]]] = {}
        for key, pick in picks:
            self.cells.setdefault(self.cell(pick), []).append((key, pick))

    def cell(self, place: Candidate) -> tuple[int, int, int]:
        return _cube(place.lat, place.lon, self.side)

    def near(self, candidate: Candidate, key: str) -> bool:
        """Whether the pick of a name other than ``key``, another place than ``candidate``,
        lies less than ``km`` from it."""
        return any(self._others_near(candidate, key))

    def _others_near(self, candidate: Candidate, key: str) -> Iterator[Candidate]:
        return (
            pick
            for cell in _around(*self.cell(candidate))
            for name, pick in self.cells.get(cell, ())
            if name != key
            and pick.geonameid != candidate.geonameid
            and haversine_km(candidate.lat, candidate.lon, pick.lat, pick.lon) < self.km
        )


class _Abroad:
    """Counts of the picks that lie near a candidate but in another country: "Gaza" in a story
    that names Israel and Egypt is the Palestinian city, not Mozambique's province. Picks are
    counted by cube of a grid (see ``_Grid``): "near" is the candidate's cube or one next to
    it, between one and three sides (``km``) away, a count that costs the same however many
    picks there are. Picks in the candidate's own country are left to the country share (a
    large country's centre says little of where in it a place lies)."""

    def __init__(self, km: float, picks: dict[str, Candidate]) -> None:
        self.grid = _Grid(km, [])
        self.cells: Counter[tuple[int, int, int]] = Counter()
        self.national: Counter[tuple[tuple[int, int, int], str | None]] = Counter()
        self.own: dict[str, tuple[tuple[int, int, int], str | None]] = {}
        for key, pick in picks.items():
            cell = self.grid.cell(pick)
            self.cells[cell] += 1
            self.national[cell, pick.country_code] += 1
            self.own[key] = (cell, pick.country_code)

    def count(self, candidate: Candidate, key: str) -> int:
        """How many names but ``key`` have a pick near ``candidate`` in another country."""
        x, y, z = self.grid.cell(candidate)
        if len(self.cells) < _CUBES_AROUND:  # fewer occupied cubes than neighbours: ask each
            near = [c for c in self.cells if _next_to(c, x, y, z)]
        else:
            near = [c for c in _around(x, y, z) if c in self.cells]
        country = candidate.country_code
        total = sum(self.cells[c] - self.national.get((c, country), 0) for c in near)
        own = self.own.get(key)
        if own is not None and own[1] != country and _next_to(own[0], x, y, z):
            total -= 1
        return total


_CUBES_AROUND = 27


def _next_to(cube: tuple[int, int, int], x: int, y: int, z: int) -> bool:
    return abs(cube[0] - x) <= 1 and abs(cube[1] - y) <= 1 and abs(cube[2] - z) <= 1


@functools.lru_cache(maxsize=1 << 16)
def _cube(lat: float, lon: float, side: float) -> tuple[int, int, int]:
    """The cube of side ``side`` (a chord of the unit sphere) that holds a point."""
    lat, lon = math.radians(lat), math.radians(lon)
    x, y, z = math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)
    return (math.floor(x / side), math.floor(y / side), math.floor(z / side))


def _around(x: int, y: int, z: int) -> Iterator[tuple[int, int, int]]:
    return itertools.product((x - 1, x, x + 1), (y - 1, y, y + 1), (z - 1, z, z + 1))


class _Isolated:
    """Whether a pick stands alone, far from everything else the story names: a small place
    (under ``isolated_population``) more than ``isolated_km`` from the pick of every other
    name, in a country none of them lies in, when the story names at least one other place.
    "Lido beach" in a Mogadishu story is no beach on Long Island, whatever the gazetteer
    offers; a country, a region or a large city named far away ("talks in Geneva") stays. A
    small province is such a place too: "West Coast" in a story about Oregon is not New
    Zealand's, "Gulf" in one about Iran no province of Papua New Guinea (GeoWebNews dev, far
    and in the wrong country: 22 names to 17, accuracy unchanged).

    In a country where the story names two other towns or more, a town (under
    ``isolated_national_population``) stands alone when it is more than ``isolated_km`` from
    all of them and in none of their provinces: a story about Lamar County, Texas, means no
    Howland in Maine (a Texan hamlet the gazetteer lacks). A country's own name is no town: it
    says nothing of where in the country the story is. On the dev splits (end to end), names
    far and in the wrong country: LGL 81 to 76, GeoWebNews 18 to 17; accuracy at 161 km
    unchanged (at 100,000 people, LGL 71 but two right places of GeoWebNews lost). Later
    (issue 21) ``isolated_national_km`` 1,500 to 500 km (a hamlet the gazetteer lacks,
    "Grantville", Pennsylvania, is no Grantville in Georgia): LGL far 61 to 54, all gold
    0.744 to 0.745, GeoWebNews far 16 to 15, GeoVirus 1 to 0; TR-News all gold 0.871 to 0.870
    (one name); at 1,000 or 750 km, LGL 60 and 57. At 100,000 people LGL fell to 48, but a
    legislator's hometown of 55,000 ("D-Chicopee" in a story on St. Paul) was dropped."""

    def __init__(self, weights: ResolverWeights, picks: dict[str, Candidate | None]) -> None:
        self.weights = weights
        # a loose (skeleton) match keeps no other place company: "Gumuruk" read as Turkey's
        # Gemerek leaves "Nasir" read as a Turkish hamlet alone in a South Sudan story
        present = [
            (key, pick)
            for key, pick in picks.items()
            if pick is not None and pick.matched_by != "skeleton"
        ]
        self.names = len(present)
        # places, not names: "Nasir" and "Nasir county" are one place and no company
        places = {pick.geonameid: pick for _, pick in present}.values()
        self.countries = Counter(pick.country_code for pick in places)
        self.grid = _Grid(weights.isolated_km, present)
        towns = [(key, pick) for key, pick in present if pick.kind != "country"]
        self.towns = _Grid(weights.isolated_national_km, towns)
        self.town_countries = Counter(
            pick.country_code for pick in places if pick.kind != "country"
        )
        self.provinces = Counter(
            (pick.country_code, pick.admin1_code) for _, pick in towns if pick.admin1_code
        )

    def isolated(self, pick: Candidate, key: str) -> bool:
        w = self.weights
        # a large city counts as meant far away only under its own name: "Boni" in a Mali
        # story is no Bonn, whose alternate name it is
        large = (pick.population or 0) >= w.isolated_population and _own_name(pick, key)
        if pick.kind not in _SMALL_KINDS or large:
            return False
        if self.names < 2:
            return False
        if self.countries[pick.country_code] > 1:
            return self._alone_at_home(pick, key)
        return self._abroad(pick, key) or not self.grid.near(pick, key)

    def _alone_at_home(self, pick: Candidate, key: str) -> bool:
        """Whether a town stands alone among the story's other towns of its own country."""
        if (pick.population or 0) >= self.weights.isolated_national_population:
            return False
        if self.town_countries[pick.country_code] < 3:  # itself and one other: no evidence
            return False
        if pick.admin1_code and self.provinces[(pick.country_code, pick.admin1_code)] > 1:
            return False
        return not self.towns.near(pick, key)

    def _abroad(self, pick: Candidate, key: str) -> bool:
        """Whether a small town, matched by an alternate name only, is the one place of its
        country in a story whose other places lie in one other country (three or more, and
        ``_ONE_COUNTRY_SHARE`` of them): "Tawila" in a story from Darfur is not Yemen's At
        Tawilah, near as Yemen is."""
        if (pick.population or 0) >= self.weights.isolated_national_population:
            return False
        if _own_name(pick, key):
            return False
        others = Counter({c: n for c, n in self.countries.items() if c and c != pick.country_code})
        top = max(others.values(), default=0)
        return top >= _ONE_COUNTRY_PLACES and top >= _ONE_COUNTRY_SHARE * others.total()


_ONE_COUNTRY_PLACES = 3
_ONE_COUNTRY_SHARE = 0.75
_SMALL_KINDS = frozenset({"city", "landmark", "crossing", "admin2", "admin1"})


class _Trust:
    """Whether a loose (skeleton) match stands: only when another place of the document lies
    in its country and within ``km`` of it ("Aygepar" is no French "Aigueperse" in a story
    about Armenia; "Kalehe" in a story about South Kivu is no Kalihi-Palama in Hawaii because
    the story also names the United States), or when the document names no other place."""

    def __init__(self, picks: list[Candidate | None], km: float) -> None:
        present = [pick for pick in picks if pick is not None]
        self.present = len(present)
        # loose matches never vouch for each other ("Saakashvili" and "Civil" as two towns
        # in the United States in a story about Georgia)
        self.vouchers = [pick for pick in present if pick.matched_by != "skeleton"]
        self.km = km
        self.occurrences = Counter(id(pick) for pick in present)

    def trusted(self, pick: Candidate | None) -> Candidate | None:
        if pick is None or pick.matched_by != "skeleton":
            return pick
        own = self.occurrences[id(pick)]  # the same candidate, picked for the same name
        alone = self.present == own
        return pick if alone or any(self._vouches(other, pick) for other in self.vouchers) else None

    def _vouches(self, other: Candidate, pick: Candidate) -> bool:
        if other.country_code != pick.country_code:
            return False
        return haversine_km(other.lat, other.lon, pick.lat, pick.lon) < self.km


_PLACE_FIELDS = tuple(f.name for f in fields(Place))
# Names in capitals up to this long are acronyms ("US", "EU", "UAE", "DPRK").
MAX_ACRONYM = 4


def is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isupper() and letters.isalpha() and len(letters) <= MAX_ACRONYM


def initials_of(acronym: str, candidates: Sequence[Candidate]) -> Candidate | None:
    """The country or region among ``candidates`` whose name's initials an acronym is ("US",
    "U.S.", "EU", "UAE"), when exactly one broad place has them: "SA" is Saudi Arabia and South
    Australia, so neither; "AU" is no initials of Australia."""
    letters = acronym.replace(".", "")
    broad = {
        c.geonameid: c
        for c in candidates
        if c.kind in ("country", "admin1", "region")
        and "".join(word[0] for word in _NAME_WORD.findall(c.name)) == letters
    }
    found = list(broad.values())
    return found[0] if len(found) == 1 and found[0].kind != "admin1" else None


def _own_name(candidate: Candidate, name: str) -> bool:
    """Whether ``name`` is the candidate's own name rather than one of the alternate names
    GeoNames lists for it (translations, old names, nicknames: "White House" is one of
    Casablanca's): its primary name, abbreviations spelt out, or any name of a curated row,
    each chosen by hand ("Pacific" for the Pacific Ocean)."""
    if candidate.geonameid < 0 and candidate.matched_by == "exact":
        return True
    return _spelt_out(name) in (_spelt_out(candidate.name), _spelt_out(candidate.ascii_name))


@functools.lru_cache(maxsize=1 << 16)
def _spelt_out(name: str) -> str:
    """A name in lower case with its abbreviated words spelt out: "St. Petersburg" is
    "saint petersburg", GeoNames' name of the Russian city; "Mt. Hood", "Ft. Worth" likewise."""
    return _ABBREVIATED.sub(lambda m: _SPELT[m.group(1)], name.casefold())


_ABBREVIATED = re.compile(r"\b(st|ste|mt|ft)\b\.?")
_SPELT = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_NAME_WORD = re.compile(r"[A-Z][\w'’]*")
_DIRECTION = re.compile(
    r"(?:(?:far |deep )?(?:south|north|east|west|central|(?:south|north)-?(?:east|west))(?:ern)?"
    r"|(?:upper|lower|inner|outer|greater))\s+(?=[A-Z])"
)
# Words for an area named after its seat ("Shwebo Township" is Shwebo's, "Masisi territory"
# Masisi's) or that holds towns ("Nyanza province").
AREAS = (
    r"(?:region|province|oblast|governorate|county|district|state|prefecture|department|"
    r"raion|krai|canton|municipality|countryside|township|tehsil|taluka?|sub-?district|"
    r"commune|territory|local government area)"
)
_AREA_AFTER = re.compile(rf"\s+{AREAS}\Z", re.IGNORECASE)
_RIVER_AFTER = re.compile(r"\s+river\Z", re.IGNORECASE)
_WATER_KINDS = frozenset({"river", "sea"})
_AREA_WORD = re.compile(rf"\b{AREAS}\b", re.IGNORECASE)
# Words that open sentences, in capitals there.
_SENTENCE_WORDS = frozenset([
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "Of", "And", "But", "Or",
    "He", "She", "It", "They", "We", "I", "His", "Her", "Their", "This", "That", "These", "Those",
])  # fmt: skip
# Capitalised words that name no place: sentence openers, titles, days and months, and words
# for institutions or things that GeoNames also lists as a place ("University", Florida;
# "Centre", Burkina Faso; "Christian" County, Kentucky). Left out of context names, never a
# place name alone, never the place at the head of an organisation's name ("University of
# Nebraska").
NOT_PLACE_WORDS = _SENTENCE_WORDS | frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
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
        "Area",
        "City",
        "County",
        "State",
        "Local",
        "College",
        "School",
        "Bank",
        "Center",
        "Centre",
        "Market",
        "Bureau",
        "Metro",
        "Human",
        "Union",
        "Congress",
        "Council",
        "Department",
        "Ministry",
        "Agency",
        "Institute",
        "Hospital",
        "Church",
        "Party",
        "National",
        "International",
        "Federal",
        "Royal",
        "General",
        "Day",
        "Best",
        "All",
        "No",
        "Real",
        "War",
        "Hurricane",
        "Drug",
        "Health",
        "Energy",
        "Public",
        "Community",
        "Airport",
        "Bridge",
        "Office",
        "Christian",
        "Cross",  # "Red Cross" is in no Cross County, Arkansas
        "Crescent",
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
        if any(a < end and start < b for a, b in exclude) or match.group(0) in NOT_PLACE_WORDS:
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
# "brought to a hospital in Cotabato City, Dizon said": a name that speaks is a person.
_NOT_SPEAKING = r"(?!\s+(?:said|says|told|added|noted|stated|explained|insisted)\b)"
_CONTAINER_AFTER = re.compile(
    rf"(?:,\s+(?:the\s+)?|(?:,\s+|\s+(?:is|was)\s+)(?:a|an|the)\s+(?:[\w-]+\s+){{0,6}}?"
    rf"(?:in|of)\s+(?:the\s+)?)(?P<container>{_PLACE_WORDS}){_NOT_SPEAKING}"
)
_OUTER_AFTER = re.compile(rf",\s+(?:the\s+)?(?P<container>{_PLACE_WORDS}){_NOT_SPEAKING}")
# "X, in the Zaporizhzhia region", "X in Zaporizhzhia Oblast", "X, in the southern Kherson
# province", "X in Nigeria's central Plateau state": an area named with its area word ("state"
# in lower case only: not "in Islamic State territory").
# ACLED's "Saida town in Ar Raqqa countryside": a word for the place may come between.
_AREA_CONTAINER_AFTER = re.compile(
    r",?\s+(?:(?:town|village|city|area|neighbou?rhood|camp)\s+)?in\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)[\w-]*\s+)?"  # "in eastern Syria's Deir ez-Zor"
    r"(?:[A-Z][\w-]*['’]s\s+)?(?:(?:north|south|east|west|central)[\w-]*\s+)?"
    r"(?P<container>[A-Z][\w'’-]*(?:\s+(?:[a-z]{1,3}-)?[A-Z][\w'’-]*){0,2}?)\s+"
    r"(?P<area>(?i:region|province|oblast|governorate|district|prefecture|raion|krai|county|"
    r"countryside)|state)\b"
)


def in_named_area(text: str, end: int) -> bool:
    """Whether the container after a place name ending at ``end`` is an area named with its
    area word ("X, in the Zaporizhzhia region", "X in Nigeria's central Plateau state")."""
    if _CONTAINER_AFTER.match(text, end, min(len(text), end + 120)):
        return False
    area = _AREA_CONTAINER_AFTER.match(text, end, min(len(text), end + 80))
    return area is not None and area.group("area").lower() != "countryside"


def containers_after(text: str, end: int) -> tuple[str, ...]:
    """The containers named right after a place name ending at ``end``, innermost first."""
    first = _CONTAINER_AFTER.match(text, end, min(len(text), end + 120))
    if first is None:
        area = _AREA_CONTAINER_AFTER.match(text, end, min(len(text), end + 80))
        return (area.group("container"),) if area else ()
    inner = _without_next_sentence(first.group("container"))
    second = _OUTER_AFTER.match(text, first.end(), min(len(text), first.end() + 60))
    if second is None or inner != first.group("container"):
        return (inner,)
    return (inner, _without_next_sentence(second.group("container")))


def _without_next_sentence(container: str) -> str:
    """A container without the first words of a sentence its name runs into when a period
    went missing ("Parkland, Florida The controversy": Florida)."""
    words = container.split()
    while len(words) > 1 and words[-1] in _SENTENCE_WORDS:
        words.pop()
    return " ".join(words)
