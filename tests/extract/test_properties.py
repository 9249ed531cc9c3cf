"""For any text: every span a record holds lies inside the text, and nothing crashes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.pipeline import process
from sitrep.records import Article
from sitrep.resolve.gazetteer import Gazetteer

PIECES = [
    "MOSCOW (AP) — ",
    "Azerbaijani forces shelled Stepanakert on Friday, killing three civilians. ",
    "“The fighting is continuing,” a spokesman said. ",
    "According to officials, dozens of people fled. ",
    "Protesters gathered in Yerevan and police detained 12. ",
    "(AP Photo/Ann Berg)",
    "Saturday, Nov. 7, 2020. ",
    "\n",
    "\n\n",
    "about 10 kilometers south of Shushi ",
    "Feb. 30 ",
]
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), min_size=1, max_size=12
).map("".join)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=texts)
def test_records_spans_lie_inside_the_text(text: str, gazetteer: Gazetteer) -> None:
    record = process(Article(text=text), gazetteer=gazetteer)
    spans = [(s.start, s.end) for event in record.events for s in event.evidence]
    spans += [(e.fatalities.start, e.fatalities.end) for e in record.events if e.fatalities]
    spans += [(q.start, q.end) for q in record.quotes]
    spans += [(p.start, p.end) for p in record.places]
    spans += [(d.start, d.end) for d in record.dates]
    for start, end in spans:
        assert 0 <= start <= end <= len(text)
