"""Geoparsing accuracy on the public gold corpora, with a population-only baseline in the same run.

    python -m bench.geoparse [--split test] [--eval-dir ../shared/eval/geoparsing]
                             [--corpora lgl tr_news ...] [--out bench/out]

Mode "gold spans": every gold toponym is resolved in its document (all of the document's gold
names together, with the other place names sitrep finds in the text as context, so coherence
counts), and its error is the great-circle distance from the gold
point; a name with no candidate counts 20,039 km. Metrics as the corpora's README defines them:
accuracy at 161 km, mean and median error, AUC of the log-error curve, and exact GeoNames-id
matches where the corpus gives ids. The baseline takes the most populous candidate.
Tune on ``--split dev``; report ``test``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import itertools
import json
import math
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.annotate import annotate
from sitrep.clean import clean
from sitrep.records import Article, PlaceMention
from sitrep.resolve.gazetteer import Candidate, open_gazetteer
from sitrep.resolve.geometry import haversine_km
from sitrep.resolve.geoparse import resolve_places
from sitrep.resolve.places import (
    NameToResolve,
    PlaceResolver,
    containers_after,
    context_names,
    in_named_area,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "geoparsing"
CORPORA = ("lgl", "tr_news", "geowebnews", "geovirus", "wiktor")
MAX_ERROR_KM = 20_039.0
FAR_KM = 500.0


def gold_country(gold: dict[str, Any], resolver: PlaceResolver) -> str | None:
    """The country of a gold toponym: its GeoNames row's, else that of a candidate of its name
    within 50 km of the gold point (the corpora give points, not countries), else that of the
    gazetteer's nearest town within 50 km of the point whatever its name (``_TownCountries``:
    "Blue Grass Army Depot", Kentucky, is in the United States though the gazetteer has no
    Blue Grass there) unless the name may be a place no country holds ("Europe", "Middle
    East"), else of a country or province of its name within 1,500 km (corpora and
    gazetteers put a large country's point up to 1,000 km apart: Canada at 60 N 95 W or at
    GeoNames' 60 N 113.6 W); None if none."""
    if gold.get("geonameid"):
        place = resolver.gazetteer.get(int(gold["geonameid"]))
        if place is not None:
            return place.country_code
    candidates = resolver.candidates(gold["name"])
    distance = {id(c): haversine_km(gold["lat"], gold["lon"], c.lat, c.lon) for c in candidates}
    near = [c for c in candidates if distance[id(c)] < 50]
    if near:
        return near[0].country_code
    if not any(c.country_code is None for c in candidates):  # "Europe" is in no country
        town = _town_countries(resolver.gazetteer.path).country_at(gold["lat"], gold["lon"])
        if town is not None:
            return town
    broad = [c for c in candidates if c.kind in ("country", "admin1") and distance[id(c)] < 1_500]
    return broad[0].country_code if broad else None


@functools.cache
def _town_countries(path: Path) -> _TownCountries:
    return _TownCountries(path)


class _TownCountries:
    """The country of a point: that of the gazetteer's nearest town (a populated place or a
    district) within ``KM`` of it, from every town's point filed by a grid of 1-degree cells.
    Before it, a gold name the gazetteer has no namesake of within 50 km had no country, and
    any pick more than 500 km off counted as in another country, even in the gold point's own
    (LGL dev: "Logan", Missouri, placed at Logan, Utah)."""

    KM = 50.0

    def __init__(self, path: Path) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        uri = f"file:{path}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            rows = connection.execute(
                "SELECT lat, lon, country FROM places WHERE kind IN ('city', 'admin2') "
                "AND country IS NOT NULL"
            )
            for lat, lon, country in rows:
                self.cells.setdefault((math.floor(lat), math.floor(lon)), []).append(
                    (lat, lon, country)
                )

    def country_at(self, lat: float, lon: float) -> str | None:
        cell_lat, cell_lon = math.floor(lat), math.floor(lon)
        around = (
            town
            for dlat, dlon in itertools.product((-1, 0, 1), repeat=2)
            for town in self.cells.get((cell_lat + dlat, (cell_lon + dlon + 180) % 360 - 180), ())
        )
        nearest = min(
            ((haversine_km(lat, lon, t_lat, t_lon), country) for t_lat, t_lon, country in around),
            default=None,
        )
        return nearest[1] if nearest is not None and nearest[0] < self.KM else None


@dataclass(slots=True)
class Errors:
    """Errors in km of one system on one corpus, and its exact GeoNames-id matches."""

    km: list[float] = field(default_factory=list)
    id_matches: int = 0
    with_ids: int = 0
    resolved: int = 0
    far_wrong_country: int = 0

    def summary(self) -> dict[str, float]:
        errors = sorted(self.km)
        n = len(errors)
        logs = [math.log1p(e) / math.log(MAX_ERROR_KM) for e in errors]
        auc = sum((a + b) / 2 for a, b in itertools.pairwise(logs)) / max(1, n - 1)
        return {
            "n": n,
            "accuracy_161km": sum(e < 161 for e in errors) / n if n else 0.0,
            "mean_km": statistics.fmean(errors) if n else 0.0,
            "median_km": statistics.median(errors) if n else 0.0,
            "auc": auc,
            "exact_id": self.id_matches / self.with_ids if self.with_ids else float("nan"),
            "far_wrong_country": self.far_wrong_country / self.resolved if self.resolved else 0.0,
        }


def documents(path: Path, split: str) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            document = json.loads(line)
            if document.get("split") == split and document.get("toponyms"):
                yield document


def _record(
    errors: Errors, gold: dict[str, Any], chosen: Candidate | None, gold_country: str | None
) -> None:
    if chosen is None:
        errors.km.append(MAX_ERROR_KM)
    else:
        km = haversine_km(gold["lat"], gold["lon"], chosen.lat, chosen.lon)
        errors.km.append(km)
        errors.resolved += 1
        errors.far_wrong_country += km > FAR_KM and chosen.country_code != gold_country
    if gold.get("geonameid"):
        errors.with_ids += 1
        errors.id_matches += chosen is not None and str(chosen.geonameid) == str(gold["geonameid"])


def most_populous(found: list[Candidate]) -> Candidate | None:
    return max(found, key=lambda c: c.population or 0, default=None)


@dataclass(slots=True)
class CorpusResult:
    corpus: str
    split: str
    sitrep: dict[str, float]
    baseline: dict[str, float]
    resolutions_per_second: float


def score_corpus(
    path: Path, split: str, resolver: PlaceResolver, baseline: Callable[[list[Candidate]], Any]
) -> CorpusResult:
    ours, theirs = Errors(), Errors()
    names_resolved = 0
    seconds = 0.0
    for document in documents(path, split):
        text = document["text"]
        gold = document["toponyms"]
        names = [
            NameToResolve(
                t["name"],
                containers_after(text, t["end"]),
                in_named_area=in_named_area(text, t["end"]),
            )
            for t in gold
        ]
        start = time.perf_counter()
        spans = [(t["start"], t["end"]) for t in gold]
        context = context_names(text, resolver.gazetteer, exclude=spans)
        resolutions = resolver.resolve(names, context=context)
        seconds += time.perf_counter() - start
        names_resolved += len(names) + len(context)
        for toponym, resolution in zip(gold, resolutions, strict=True):
            country = gold_country(toponym, resolver)
            _record(ours, toponym, resolution.candidate, country)
            _record(theirs, toponym, baseline(resolver.candidates(toponym["name"])), country)
    return CorpusResult(
        corpus=path.stem,
        split=split,
        sitrep=ours.summary(),
        baseline=theirs.summary(),
        resolutions_per_second=names_resolved / seconds if seconds else 0.0,
    )


@dataclass(slots=True)
class EndToEnd:
    corpus: str
    split: str
    gold: int = 0
    found: int = 0
    strict: int = 0
    lenient: int = 0
    matched: Errors = field(default_factory=Errors)
    all_gold: Errors = field(default_factory=Errors)
    far: list[dict[str, object]] = field(default_factory=list)  # far and in another country

    def summary(self) -> dict[str, object]:
        def f1(hits: int) -> tuple[float, float, float]:
            precision = hits / self.found if self.found else 0.0
            recall = hits / self.gold if self.gold else 0.0
            total = precision + recall
            return precision, recall, 2 * precision * recall / total if total else 0.0

        return {
            "corpus": self.corpus,
            "split": self.split,
            "strict_prf": f1(self.strict),
            "lenient_prf": f1(self.lenient),
            "matched": self.matched.summary(),
            "all_gold": self.all_gold.summary(),
        }


def end_to_end(path: Path, split: str, resolver: PlaceResolver) -> EndToEnd:
    """Recognition by sitrep on the raw text, then resolution of what it found."""
    gazetteer = resolver.gazetteer
    result = EndToEnd(path.stem, split)
    for document in documents(path, split):
        text = document["text"]
        annotated = annotate(clean(Article(text=text)))
        places = resolve_places(annotated, gazetteer)
        spans = [(t["start"], t["end"]) for t in document.get("unresolved_toponyms") or []]
        gold_spans = [(t["start"], t["end"]) for t in document["toponyms"]] + spans
        result.gold += len(gold_spans)
        result.found += len(places)
        found = {(p.start, p.end): p for p in places}
        result.strict += sum(span in found for span in gold_spans)
        result.lenient += sum(
            any(p.start < end and start < p.end for p in places) for start, end in gold_spans
        )
        for toponym in document["toponyms"]:
            place = found.get((toponym["start"], toponym["end"]))
            chosen = _as_point(place)
            country = gold_country(toponym, resolver)
            if place is not None:
                _record(result.matched, toponym, chosen, country)
            _record(result.all_gold, toponym, chosen, country)
            if place is not None and chosen is not None and _far(toponym, chosen, country):
                result.far.append(_far_error(document, toponym, place, country))
    return result


def _far(gold: dict[str, Any], chosen: Candidate, country: str | None) -> bool:
    """Whether a pick is more than ``FAR_KM`` off the gold point and in another country."""
    km = haversine_km(gold["lat"], gold["lon"], chosen.lat, chosen.lon)
    return km > FAR_KM and chosen.country_code != country


def _far_error(
    document: dict[str, Any], gold: dict[str, Any], place: PlaceMention, country: str | None
) -> dict[str, object]:
    """One far error as ``--errors`` lists it: the name, where the gold and sitrep put it, why
    sitrep chose its place, and the words around the name."""
    text = document["text"]
    assert place.lat is not None and place.lon is not None
    return {
        "document": document.get("id"),
        "name": gold["name"],
        # country None: no candidate of the name and no town within 50 km of the gold point
        # (``gold_country``), so any pick over 500 km off counts as in another country
        "gold": [round(gold["lat"], 2), round(gold["lon"], 2), country],
        "chosen": [place.name, place.lat, place.lon, place.country, place.kind],
        "km": round(haversine_km(gold["lat"], gold["lon"], place.lat, place.lon)),
        "reason": place.reason,
        "context": " ".join(text[max(0, gold["start"] - 80) : gold["end"] + 80].split()),
    }


def _as_point(place: PlaceMention | None) -> Candidate | None:
    """A found place as the candidate shape ``_record`` scores (its point and id)."""
    if place is None or place.lat is None or place.lon is None or place.geonameid is None:
        return None
    return Candidate(
        geonameid=place.geonameid, name=place.name or "", ascii_name="", lat=place.lat,
        lon=place.lon, country_code=place.country, admin1_code=place.admin1, admin2_code=None,
        feature_class=None, feature_code=None, kind="city", population=None, source="",
        matched_by="exact",
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--end-to-end",
        action="store_true",
        help="also recognise names in the raw text (spaCy: minutes), on all corpora but WikToR",
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="with --end-to-end, write the names far off and in another country to "
        "OUT/geoparse_far_SPLIT.jsonl and print them",
    )
    args = parser.parse_args(argv)
    console = Console()
    if not args.eval_dir.exists():
        console.print(f"no gold corpora at {args.eval_dir}: nothing to measure")
        return
    resolver = PlaceResolver(open_gazetteer())
    results = [
        score_corpus(args.eval_dir / f"{name}.jsonl", args.split, resolver, most_populous)
        for name in args.corpora
        if (args.eval_dir / f"{name}.jsonl").exists()
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"geoparse_{args.split}.json").write_text(
        json.dumps([asdict(r) for r in results], indent=2) + "\n"
    )
    table = Table(title=f"Resolution of gold spans ({args.split} split)")
    for column in ("corpus", "n", "acc@161", "baseline", "mean km", "median km", "AUC",
                   "exact id", "far, wrong country", "names/s"):  # fmt: skip
        table.add_column(column, justify="left" if column == "corpus" else "right")
    for r in results:
        table.add_row(
            r.corpus,
            str(r.sitrep["n"]),
            f"{r.sitrep['accuracy_161km']:.3f}",
            f"{r.baseline['accuracy_161km']:.3f}",
            f"{r.sitrep['mean_km']:,.0f}",
            f"{r.sitrep['median_km']:,.1f}",
            f"{r.sitrep['auc']:.3f}",
            f"{r.sitrep['exact_id']:.3f}",
            f"{r.sitrep['far_wrong_country']:.3f}",
            f"{r.resolutions_per_second:,.0f}",
        )
    console.print(table)
    console.print(f"written to {args.out / f'geoparse_{args.split}.json'}")
    if args.end_to_end:
        _report_end_to_end(args, resolver, console)


def _report_end_to_end(args: argparse.Namespace, resolver: PlaceResolver, console: Console) -> None:
    corpora = [name for name in args.corpora if name != "wiktor"]  # only its subject is gold
    runs = [
        end_to_end(args.eval_dir / f"{name}.jsonl", args.split, resolver)
        for name in corpora
        if (args.eval_dir / f"{name}.jsonl").exists()
    ]
    results = [run.summary() for run in runs]
    if args.errors:
        far = [{"corpus": run.corpus, **error} for run in runs for error in run.far]
        path = args.out / f"geoparse_far_{args.split}.jsonl"
        path.write_text("".join(json.dumps(error, ensure_ascii=False) + "\n" for error in far))
        for error in far:
            console.print(
                f"{error['corpus']} {error['document']} {error['name']!r} -> {error['chosen']} "
                f"{error['km']} km: {error['reason']}",
                markup=False,
            )
        console.print(f"{len(far)} far errors written to {path}")
    (args.out / f"geoparse_e2e_{args.split}.json").write_text(json.dumps(results, indent=2) + "\n")
    table = Table(title=f"End to end ({args.split} split): recognition, then resolution")
    for column in ("corpus", "strict P/R/F1", "lenient P/R/F1", "acc@161 matched",
                   "acc@161 all gold", "far, wrong country"):  # fmt: skip
        table.add_column(column, justify="left" if column == "corpus" else "right")
    for r in results:
        strict, lenient = r["strict_prf"], r["lenient_prf"]
        matched, everything = r["matched"], r["all_gold"]
        assert isinstance(strict, tuple) and isinstance(lenient, tuple)
        assert isinstance(matched, dict) and isinstance(everything, dict)
        table.add_row(
            str(r["corpus"]),
            "/".join(f"{v:.2f}" for v in strict),
            "/".join(f"{v:.2f}" for v in lenient),
            f"{matched['accuracy_161km']:.3f} (n={matched['n']})",
            f"{everything['accuracy_161km']:.3f}",
            f"{matched['far_wrong_country']:.3f}",
        )
    console.print(table)


if __name__ == "__main__":
    main()
