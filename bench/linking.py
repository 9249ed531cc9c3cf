"""Linking: pairwise precision and recall of event clusters on the composed linking corpus.

    python -m bench.linking [--split dev|test] [--corpus examples/corpus] [--out bench/out]
    python -m bench.linking --scale N [--articles 200] [--db POSTGRESQL_URL]

The corpus (``examples/corpus``, composed for the project, CC0) holds articles written in pairs
and triples about the same events, with a gold cluster per (article, event) in ``gold.jsonl``.
Each article is processed (publication date from its file name) and stored; the store links.

Each gold event is matched to the article's stored event that reports it: a linkable event
(``EventFacts.linkable``) whose possible days come within a day of the gold date and that is
placed within ``LinkRules.km`` of the gold point or at a region holding it (the gold place's
admin codes come from the gazetteer), as ``sitrep.link.rules`` compares two reports; one of a
type compatible with the gold type first, then the nearest in date, then in distance, and a
stored event matches at most one gold event. The **strict** match takes only events that are
not background, dated within a day of the gold date and within ``LinkRules.km`` of its point
(the match of the first figures). Figures:

- **end to end**: pairs of gold events in different articles that share a gold cluster, and
  pairs of matched stored events that share a store cluster. Precision counts predicted pairs
  that are gold pairs; recall counts gold pairs whose matched events were linked (a gold event
  with no match loses its pairs); also with the strict match;
- **rules alone**: ``sitrep.link.same_event`` run on the gold events themselves (clustered by
  single link), which separates the linking rules from extraction errors;
- **status**: for gold clusters with a claim, denial or confirmation, whether the store
  cluster's status is the gold one (confirmed > disputed > claimed > reported).

``--scale N`` fills a new store (a SQLite file, or the empty PostgreSQL database ``--db``
names) with N of ``bench.store``'s synthetic events by bulk insert, then stores ``--articles``
new articles of three events each with ``Store.add`` and reports milliseconds per article:
linking alone (``sitrep.store.db._link``, timed by wrapping it) and the whole ``Store.add``.
A million events take minutes to fill, so the fill can be made once and copied for each run
(the articles change the store): ``--fill-only`` fills ``--db`` and stops; ``--filled`` times
``--db`` as it is, a copy of such a store (``cp`` of the SQLite file, ``createdb -T`` of the
PostgreSQL database):

    python -m bench.linking --scale 1000000 --db URL_OF_FILL --fill-only
    createdb -T FILL RUN && python -m bench.linking --scale 1000000 --db URL_OF_RUN --filled
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.store import insert_synthetic, synthetic_events
from sitrep.link import DEFAULT_RULES, EventFacts, earliest_day, same_event
from sitrep.link.rules import compatible_types, dates_close, places_close
from sitrep.pipeline import process
from sitrep.records import Article, PortableEvent, PortableRecord, Source
from sitrep.resolve.gazetteer import Gazetteer, open_gazetteer
from sitrep.resolve.geometry import haversine_km
from sitrep.store import EventQuery, Store, database_url, db, iter_events
from tests.store import builders

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "examples" / "corpus"
_GAZETTEER = functools.cache(open_gazetteer)
_STATUS_BY_STANCE = (("confirms", "confirmed"), ("denies", "disputed"), ("asserts", "claimed"))


@dataclass(frozen=True, slots=True)
class Gold:
    key: int
    file: str
    cluster: str
    type: str
    date: date
    place: str
    lat: float
    lon: float
    country: str
    stance: str


def load_gold(folder: Path) -> list[Gold]:
    """The gold events of a split. An event whose reports give no date or no place (``null``)
    cannot be matched by date and place; such events are singletons in the corpus and are left
    out (their count is printed)."""
    with (folder / "gold.jsonl").open(encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle if line.strip()]
    rows = [row for row in lines if row["date"] is not None and row["lat"] is not None]
    if len(rows) < len(lines):
        print(f"{len(lines) - len(rows)} gold event(s) with no date or no place left out")
    return [
        Gold(
            key=n,
            file=row["file"],
            cluster=row["cluster"],
            type=row["type"],
            date=date.fromisoformat(row["date"]),
            place=row["place"],
            lat=row["lat"],
            lon=row["lon"],
            country=row["country"],
            stance=row["stance"],
        )
        for n, row in enumerate(rows)
    ]


def ingest_folder(folder: Path, store: Store) -> dict[str, PortableRecord]:
    """Process and store every article; returns its record by file name."""
    records = {}
    for path in sorted(folder.glob("*.txt")):
        published = date.fromisoformat(path.stem.rsplit("_", 1)[1])
        article = Article(
            text=path.read_text(encoding="utf-8"),
            source=Source(path=path.name),
            published=published,
            published_basis="given",
        )
        record = process(article).portable()
        store.add(record)
        records[path.name] = record
    return records


def stored_facts(
    name: str, record: PortableRecord, event: dict[str, Any], gazetteer: Gazetteer
) -> EventFacts:
    """The facts linking sees of a stored event (file name as article id)."""
    published = record.document.published
    named = [d.value for d in record.dates if d.value and d.precision == "day"]
    reported = PortableEvent.from_dict(event)
    geonameid = reported.location.geonameid if reported.location else None
    place = gazetteer.get(geonameid) if geonameid is not None else None
    return EventFacts.of(
        reported,
        name,
        published=published,
        earliest=earliest_day(reported.date, published, named),
        admin2=place.admin2_code if place else None,
    )


def gold_facts(gold: Gold, gazetteer: Gazetteer | None = None) -> EventFacts:
    """The gold event as linking sees it; with a gazetteer, its place's admin codes (the
    candidate of its name nearest its point)."""
    place = None
    if gazetteer is not None:
        found = [c for c in gazetteer.candidates(gold.place) if c.country_code == gold.country]
        place = min(found, key=lambda c: _km(gold, c.lat, c.lon), default=None)
    return EventFacts(
        id=str(gold.key),
        article_id=gold.file,
        type=gold.type,
        subtype=None,
        date=gold.date,
        earliest=gold.date,
        date_precision="day",
        lat=gold.lat,
        lon=gold.lon,
        country=gold.country,
        admin1=place.admin1_code if place else None,
        admin2=place.admin2_code if place else None,
        precision="exact",
        sides=(),
        killed=None,
        published=None,
        claimant=None,
    )


def _km(gold: Gold, lat: float, lon: float) -> float:
    return haversine_km(gold.lat, gold.lon, lat, lon)


def _reports(gold: EventFacts, facts: EventFacts, event: dict[str, Any], strict: bool) -> bool:
    """Whether a stored event can stand for a gold event (module docstring)."""
    assert facts.lat is not None and facts.lon is not None and facts.date is not None
    assert gold.lat is not None and gold.lon is not None and gold.date is not None
    if strict:
        return (
            not event.get("background")
            and abs((facts.date - gold.date).days) <= 1
            and haversine_km(gold.lat, gold.lon, facts.lat, facts.lon) <= DEFAULT_RULES.km
        )
    return dates_close(gold, facts, DEFAULT_RULES) and places_close(gold, facts, DEFAULT_RULES)


def match(
    golds: list[Gold], stored: list[tuple[dict[str, Any], EventFacts]], *, strict: bool
) -> dict[int, dict[str, Any]]:
    """Gold key -> the stored event of the same article that reports it."""
    by_article: dict[str, list[tuple[dict[str, Any], EventFacts]]] = defaultdict(list)
    for event, facts in stored:
        by_article[facts.article_id].append((event, facts))
    matched: dict[int, dict[str, Any]] = {}
    used: set[str] = set()
    options = []
    for gold in golds:
        wanted = gold_facts(gold, _GAZETTEER())
        for event, facts in by_article.get(gold.file, []):
            if not facts.linkable or not _reports(wanted, facts, event, strict):
                continue
            assert facts.date is not None and facts.lat is not None and facts.lon is not None
            days = abs((facts.date - gold.date).days)
            other_type = not compatible_types(facts.type, gold.type)
            options.append((other_type, days, _km(gold, facts.lat, facts.lon), gold.key, event))
    for *_, key, event in sorted(options, key=lambda o: o[:3]):
        if key not in matched and event["id"] not in used:
            matched[key] = event
            used.add(event["id"])
    return matched


def _gold_pairs(golds: list[Gold]) -> set[tuple[int, int]]:
    return {
        (a.key, b.key)
        for a, b in itertools.combinations(golds, 2)
        if a.cluster == b.cluster and a.file != b.file
    }


def _scores(predicted: set[tuple[int, int]], gold: set[tuple[int, int]]) -> dict[str, float]:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "predicted_pairs": len(predicted),
        "gold_pairs": len(gold),
    }


def end_to_end(golds: list[Gold], matched: dict[int, dict[str, Any]]) -> dict[str, float]:
    predicted = {
        (a.key, b.key)
        for a, b in itertools.combinations(golds, 2)
        if a.file != b.file
        and a.key in matched
        and b.key in matched
        and matched[a.key]["cluster"]["id"] == matched[b.key]["cluster"]["id"]
    }
    return _scores(predicted, _gold_pairs(golds))


def rules_alone(golds: list[Gold]) -> dict[str, float]:
    facts = {gold.key: gold_facts(gold) for gold in golds}
    parent = {gold.key: gold.key for gold in golds}

    def root(key: int) -> int:
        while parent[key] != key:
            key = parent[key]
        return key

    for a, b in itertools.combinations(golds, 2):
        if same_event(facts[a.key], facts[b.key]):
            parent[root(a.key)] = root(b.key)
    predicted = {
        (a.key, b.key)
        for a, b in itertools.combinations(golds, 2)
        if a.file != b.file and root(a.key) == root(b.key)
    }
    return _scores(predicted, _gold_pairs(golds))


def status_accuracy(golds: list[Gold], matched: dict[int, dict[str, Any]]) -> dict[str, Any]:
    clusters: dict[str, list[Gold]] = defaultdict(list)
    for gold in golds:
        clusters[gold.cluster].append(gold)
    rows = []
    for cluster, members in sorted(clusters.items()):
        stances = {gold.stance for gold in members}
        if stances <= {"reports"}:
            continue
        expected = next(status for stance, status in _STATUS_BY_STANCE if stance in stances)
        found = {matched[g.key]["cluster"]["status"] for g in members if g.key in matched}
        rows.append({"cluster": cluster, "gold": expected, "found": sorted(found)})
    correct = sum(row["found"] == [row["gold"]] for row in rows)
    return {"clusters": len(rows), "correct": correct, "rows": rows}


def run(folder: Path) -> dict[str, Any]:
    golds = load_gold(folder)
    gazetteer = _GAZETTEER()
    with tempfile.TemporaryDirectory() as temporary, Store(f"{temporary}/link.db") as store:
        records = ingest_folder(folder, store)
        file_of = {record.id: name for name, record in records.items()}
        stored = []
        for found in iter_events(store, EventQuery()):
            event = found.to_dict()  # the JSON the exports write, which the matching reads
            name = file_of[found.article_id]
            stored.append((event, stored_facts(name, records[name], event, gazetteer)))
    matched = match(golds, stored, strict=False)
    return {
        "articles": len(records),
        "gold_events": len(golds),
        "gold_clusters": len({gold.cluster for gold in golds}),
        "matched": len(matched),
        "end_to_end": end_to_end(golds, matched),
        "end_to_end_strict": end_to_end(golds, match(golds, stored, strict=True)),
        "rules_alone": rules_alone(golds),
        "status": status_accuracy(golds, matched),
    }


def _print(split: str, report: dict[str, Any]) -> None:
    console = Console()
    table = Table(
        title=f"Linking, {split}: {report['articles']} articles, {report['gold_events']} gold "
        f"events in {report['gold_clusters']} clusters; {report['matched']} matched"
    )
    for column in ("", "precision", "recall", "F1", "predicted pairs", "gold pairs"):
        table.add_column(column, justify="right")
    labels = {"end_to_end": "end to end", "end_to_end_strict": "strict match"}
    for name in ("end_to_end", "end_to_end_strict", "rules_alone"):
        s = report[name]
        table.add_row(
            labels.get(name, name.replace("_", " ")),
            f"{s['precision']:.3f}",
            f"{s['recall']:.3f}",
            f"{s['f1']:.3f}",
            str(s["predicted_pairs"]),
            str(s["gold_pairs"]),
        )
    console.print(table)
    status = report["status"]
    console.print(f"cluster status right: {status['correct']}/{status['clusters']}")
    for row in status["rows"]:
        console.print(f"  {row['cluster']}: gold {row['gold']}, found {row['found']}")


def new_articles(count: int, *, seed: int = 11) -> list[PortableRecord]:
    """``count`` article records of three events each, drawn like the stored ones (so each
    falls among stored events of its day and place)."""
    events = list(synthetic_events(count * 3, seed=seed))
    records = []
    for number in range(count):
        mine = events[number * 3 : number * 3 + 3]
        for event in mine:
            event["id"] = f"f{number:07x}{event['id'][-8:]}"
            text = event.pop("_evidence_text")
            event.pop("_status")
        article_id = f"f{number:014x}b"
        published = mine[0]["date"]
        records.append(
            builders.record(
                article_id, *mine, text=text, outlet="Example News", published=published
            )
        )
    return records


@contextmanager
def _timing_links(spent: list[float]) -> Iterator[None]:
    """Within the block, the time of each article's linking (``sitrep.store.db._link``: finding
    candidates, the rules, merging and refreshing clusters) is appended to ``spent``, in ms."""
    original = db._link

    def timed(session: Any, record: PortableRecord) -> None:
        started = time.perf_counter()
        original(session, record)
        spent.append((time.perf_counter() - started) * 1000)

    db._link = timed
    try:
        yield
    finally:
        db._link = original


def scale(events: int, location: str | None, articles: int, *, fill: bool = True) -> dict[str, Any]:
    """Milliseconds per article of three events to link (and to store with ``Store.add``,
    linking included), in a store of ``events`` events (filled here unless ``fill`` is False:
    ``location`` then holds them already)."""
    with tempfile.TemporaryDirectory() as temporary:
        where = location or f"{temporary}/scale.db"
        with Store(where) as store:
            started = time.perf_counter()
            if fill:
                insert_synthetic(store, events, batch=10_000)
            filled_s = time.perf_counter() - started
            timings: list[float] = []
            linking: list[float] = []
            with _timing_links(linking):
                for record in new_articles(articles):
                    started = time.perf_counter()
                    store.add(record)
                    timings.append((time.perf_counter() - started) * 1000)
            clusters = store.counts()["clusters"]
    return {
        "events": events,
        "backend": database_url(where).get_backend_name(),
        "fill_s": round(filled_s, 1),
        "articles": articles,
        "link_median_ms": round(statistics.median(linking), 2),
        "link_p90_ms": _percentile(linking, 0.9),
        "link_p95_ms": _percentile(linking, 0.95),
        "add_median_ms": round(statistics.median(timings), 2),
        "add_p90_ms": _percentile(timings, 0.9),
        "add_p95_ms": _percentile(timings, 0.95),
        "clusters_after": clusters,
    }


def _percentile(timings: list[float], share: float) -> float:
    return round(sorted(timings)[int(share * (len(timings) - 1))], 2)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--scale", type=int, metavar="N", help="time linking new articles in a store of N events"
    )
    parser.add_argument(
        "--db", help="the store for --scale: a new SQLite file or empty PostgreSQL database URL"
    )
    parser.add_argument("--articles", type=int, default=200, help="new articles for --scale")
    reuse = parser.add_mutually_exclusive_group()
    reuse.add_argument("--fill-only", action="store_true", help="fill --db for --scale and stop")
    reuse.add_argument(
        "--filled", action="store_true", help="--db holds the --scale events already: no fill"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if (args.fill_only or args.filled) and not (args.scale and args.db):
        parser.error("--fill-only and --filled need --scale and --db")
    if args.fill_only:
        with Store(args.db) as store:
            insert_synthetic(store, args.scale, batch=10_000)
        return
    if args.scale:
        timing = scale(args.scale, args.db, args.articles, fill=not args.filled)
        name = f"linking-scale-{timing['backend']}-{args.scale}.json"
        (args.out / name).write_text(json.dumps(timing, indent=2) + "\n")
        Console().print(timing)
        return
    report = run(args.corpus / args.split)
    (args.out / f"linking-{args.split}.json").write_text(json.dumps(report, indent=2) + "\n")
    _print(args.split, report)


if __name__ == "__main__":
    main()
