"""Time expressions against TIMEX3 gold, with dateparser on the same expressions in the same run.

    python -m bench.timex [--eval-dir ../shared/eval/timex] [--out bench/out]

Sets: TimeBank+AQUAINT (``tempeval3_tbaq_cleaned``) is the development set the rules were
tuned on; the TempEval-3 platinum test set and MEANTIME are reported as test sets.

Two measures:

- value accuracy on the gold DATE expressions: each gold expression is resolved against the
  document date by sitrep (in its sentence, so tense cues count) and by dateparser 1.x
  (``DateDataParser.get_date_data`` with ``RELATIVE_BASE`` the document date and
  ``PREFER_DATES_FROM='past'``, its ``period`` giving the granularity), and compared with the
  gold TIMEX3 value written at the system's own granularity (2013-03-22, 2013-W11, 2013-03,
  2013). "concrete" leaves out gold values no calendar system can give (PRESENT_REF, XXXX-…,
  seasons, quarters);
- span F1 of sitrep's own finder over the whole text against gold DATE and DURATION
  expressions (strict: same offsets; relaxed: overlap), and value accuracy on the relaxed
  matches. dateparser finds no spans in running text, so it has no figure here.
"""

from __future__ import annotations

import argparse
import json
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep.records import DateMention
from sitrep.resolve import find_dates

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "timex"
SETS = {
    "tbaq (dev)": "tempeval3_tbaq_cleaned.jsonl",
    "te3 platinum (test)": "tempeval3_platinum.jsonl",
    "meantime (test)": "meantime_en.jsonl",
}
_CONCRETE = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}))?$")
_SENTENCE_END = re.compile(r"[.!?]['\"”’]?\s+|\n+")


@dataclass(slots=True)
class TimexScore:
    set: str
    gold_dates: int = 0
    gold_concrete: int = 0
    sitrep_correct: int = 0
    sitrep_correct_concrete: int = 0
    dateparser_correct: int = 0
    dateparser_correct_concrete: int = 0
    gold_spans: int = 0
    found_spans: int = 0
    strict_matches: int = 0
    relaxed_matches: int = 0
    relaxed_value_correct: int = 0


def timex_value(mention: DateMention) -> str | None:
    """A mention written as a TIMEX3 value at its own granularity."""
    if mention.precision == "duration":
        return mention.duration
    value = mention.value
    if value is None:
        return None
    if mention.precision == "week":
        year, week, _ = value.isocalendar()
        return f"{year}-W{week:02d}"
    if mention.precision == "month":
        return value.strftime("%Y-%m")
    if mention.precision == "year":
        return str(value.year)
    end = mention.end_value
    decade = end is not None and (value.year % 10, end.year - value.year) == (0, 9)
    if mention.precision == "range" and decade:
        return f"{value.year // 10}X"  # a decade: "the 1990s" is 199X
    return value.isoformat()


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0, after.start() + 1 if after else len(text))


def sitrep_value(text: str, start: int, end: int, anchor: date) -> str | None:
    """sitrep's value for the expression at ``text[start:end]``, read in its sentence."""
    first, last = sentence_bounds(text, start, end)
    mentions = find_dates(text, first, last, anchor)
    overlapping = [m for m in mentions if m.start < end and start < m.end]
    if not overlapping:
        overlapping = find_dates(text, start, end, anchor)
    return timex_value(overlapping[0]) if overlapping else None


class DateparserBaseline:
    """dateparser resolving one expression against a document date."""

    def __init__(self) -> None:
        warnings.filterwarnings("ignore")
        from dateparser.date import DateDataParser  # type: ignore[import-untyped]

        self._parser_class = DateDataParser

    def value(self, expression: str, anchor: date) -> str | None:
        parser = self._parser_class(
            languages=["en"],
            settings={
                "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day, 12),
                "PREFER_DATES_FROM": "past",
            },
        )
        data = parser.get_date_data(expression)
        if data.date_obj is None:
            return None
        found: date = data.date_obj.date()
        period = str(data.period or "day")
        if period == "year":
            return str(found.year)
        if period == "month":
            return found.strftime("%Y-%m")
        if period == "week":
            year, week, _ = found.isocalendar()
            return f"{year}-W{week:02d}"
        return found.isoformat()


def documents(path: Path) -> Iterator[dict[str, Any]]:
    """Documents with a usable document date (one MEANTIME file has a malformed one)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            document = json.loads(line)
            if re.match(r"\d{4}-\d{2}-\d{2}", document.get("dct") or ""):
                yield document


def score_set(name: str, path: Path, baseline: DateparserBaseline) -> TimexScore:
    result = TimexScore(name)
    for document in documents(path):
        text = document["text"]
        anchor = date.fromisoformat(document["dct"][:10])
        limit = (document.get("annotated_span") or [0, len(text)])[1]
        gold = [t for t in document["timexes"] if t["type"] in ("DATE", "DURATION")]
        for timex in gold:
            if timex["type"] != "DATE":
                continue
            concrete = bool(_CONCRETE.match(timex["value"]))
            ours = sitrep_value(text, timex["start"], timex["end"], anchor)
            theirs = baseline.value(timex["text"], anchor)
            result.gold_dates += 1
            result.gold_concrete += concrete
            result.sitrep_correct += ours == timex["value"]
            result.sitrep_correct_concrete += concrete and ours == timex["value"]
            result.dateparser_correct += theirs == timex["value"]
            result.dateparser_correct_concrete += concrete and theirs == timex["value"]
        _score_spans(result, text, anchor, limit, gold)
    return result


def _score_spans(
    result: TimexScore, text: str, anchor: date, limit: int, gold: list[dict[str, Any]]
) -> None:
    found: list[DateMention] = []
    position = 0
    for boundary in [*_SENTENCE_END.finditer(text, 0, limit), None]:
        stop = boundary.start() + 1 if boundary else limit
        found += find_dates(text, position, min(stop, limit), anchor)
        position = boundary.end() if boundary else limit
    result.gold_spans += len(gold)
    result.found_spans += len(found)
    for timex in gold:
        if any(m.start == timex["start"] and m.end == timex["end"] for m in found):
            result.strict_matches += 1
        overlapping = [m for m in found if m.start < timex["end"] and timex["start"] < m.end]
        if overlapping:
            result.relaxed_matches += 1
            result.relaxed_value_correct += timex_value(overlapping[0]) == timex["value"]


FIXTURES = ROOT / "tests" / "fixtures" / "dates.jsonl"


@dataclass(slots=True)
class FixtureScore:
    expressions: int = 0
    correct: int = 0
    found: int = 0
    spurious: int = 0
    errors: list[str] = field(default_factory=list)


def _as_record(mention: DateMention) -> dict[str, str | None]:
    return {
        "value": mention.value.isoformat() if mention.value else None,
        "precision": mention.precision,
        "end_value": mention.end_value.isoformat() if mention.end_value else None,
        "duration": mention.duration,
    }


def score_fixtures(path: Path = FIXTURES) -> FixtureScore:
    """The project's own gold sentences: every expression found with the right value."""
    result = FixtureScore()
    with path.open(encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle if line.strip()]
    for item in items:
        sentence = item["sentence"]
        anchor_text = item["caption_date"] if item["in"] == "caption" else item["published"]
        mentions = find_dates(sentence, 0, len(sentence), date.fromisoformat(anchor_text))
        by_text = {mention.text: mention for mention in mentions}
        gold_texts = {gold["text"] for gold in item["expressions"]}
        result.found += len(mentions)
        result.spurious += sum(1 for mention in mentions if mention.text not in gold_texts)
        for gold in item["expressions"]:
            result.expressions += 1
            expected = {key: gold[key] for key in ("value", "precision", "end_value", "duration")}
            mention = by_text.get(gold["text"])
            if mention is not None and _as_record(mention) == expected:
                result.correct += 1
            else:
                got = _as_record(mention) if mention else None
                result.errors.append(f"{item['id']} {gold['text']!r}: gold {expected}, got {got}")
    return result


def _f1(matches: int, found: int, gold: int) -> float:
    precision = matches / found if found else 0.0
    recall = matches / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    console = Console()
    if not args.eval_dir.exists():
        console.print(f"no gold set at {args.eval_dir}: nothing to measure")
        return
    baseline = DateparserBaseline()
    results = [
        score_set(name, args.eval_dir / file, baseline)
        for name, file in SETS.items()
        if (args.eval_dir / file).exists()
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "timex.json").write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    table = Table(title="Time expressions: value accuracy on gold DATE spans; span F1")
    columns = ("set", "DATE", "sitrep", "dateparser", "sitrep (concrete)", "dateparser (concrete)",
               "strict F1", "relaxed F1", "value acc. on matches")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column == "set" else "right")
    for r in results:
        table.add_row(
            r.set,
            str(r.gold_dates),
            f"{r.sitrep_correct / r.gold_dates:.3f}",
            f"{r.dateparser_correct / r.gold_dates:.3f}",
            f"{r.sitrep_correct_concrete / r.gold_concrete:.3f}",
            f"{r.dateparser_correct_concrete / r.gold_concrete:.3f}",
            f"{_f1(r.strict_matches, r.found_spans, r.gold_spans):.3f}",
            f"{_f1(r.relaxed_matches, r.found_spans, r.gold_spans):.3f}",
            f"{r.relaxed_value_correct / max(1, r.relaxed_matches):.3f}",
        )
    console.print(table)
    fixtures = score_fixtures()
    console.print(
        f"project fixtures ({FIXTURES.name}): value accuracy "
        f"{fixtures.correct / fixtures.expressions:.3f} on {fixtures.expressions} expressions, "
        f"{fixtures.spurious} spurious of {fixtures.found} found"
    )
    for error in fixtures.errors:
        console.print(f"[red]{error}[/red]", highlight=False)
    (args.out / "timex_fixtures.json").write_text(json.dumps(asdict(fixtures), indent=2) + "\n")
    console.print(f"written to {args.out / 'timex.json'}")


if __name__ == "__main__":
    main()
