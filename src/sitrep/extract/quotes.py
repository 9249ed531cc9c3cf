"""Who said what: direct quotations and reported speech, with speaker, title, channel and date.

Read from the parse of each story paragraph (captions are never searched: a photographer's
credit is no speaker):

- a direct quotation is the text between quotation marks; its cue is the nearest reporting verb
  outside quotation marks in the same paragraph ("said", "told", "wrote"…), preferring one in
  the same sentence;
- reported speech is a reporting verb with a clause ("X said that …") or "according to X";
- the speaker is the cue's subject: a name keeps the title before it ("President Ilham
  Aliyev": speaker "Ilham Aliyev", title "President"); a pronoun ("he said") is the last named
  speaker; a bare title ("the country's president said") is the person the story names with
  that title, when it does;
- the channel is how it was said ("on Facebook", "in a televised address", "told reporters");
- the date is the date the sentence gives, else the publication date.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from sitrep import datafiles
from sitrep.records import Annotated, DateMention, Quote, Sentence, Span, Token

_CUE_LEMMAS = frozenset(
    {
        "accuse", "acknowledge", "add", "admit", "agree", "allege", "announce", "argue", "ask",
        "assert", "assure", "believe", "boast", "caution", "charge", "claim", "complain", "concede",
        "confirm", "contend", "declare", "deny", "disclose", "emphasise", "emphasize", "estimate",
        "explain", "fear", "hope", "indicate", "insist", "joke", "maintain", "note", "observe",
        "pledge", "post", "predict", "promise", "question", "quip", "recall", "remark", "reply",
        "report", "respond", "reveal", "say", "signal", "state", "stress", "suggest", "tell",
        "testify", "think", "tweet", "urge", "vow", "warn", "worry", "write",
    }
)  # fmt: skip
_PRONOUNS = frozenset(["he", "she", "they", "it", "i", "we"])
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NAME_DEPS = frozenset({"compound", "flat", "nmod"})
_QUOTE = re.compile(r"[“\"](?P<content>[^“”\"]{8,}?)[”\"]")
_CHANNEL = re.compile(
    r"\b(?:(?i:on|in|via|through|during|at)\s+(?:a\s+|an\s+|the\s+|his\s+|her\s+|its\s+|their\s+)?"
    r"(?P<channel>televised\s+(?:address|speech|statement)(?:\s+to\s+the\s+nation)?|"
    r"(?:written\s+)?statement|interview|news\s+conference|press\s+conference|speech|video|"
    r"post|tweet|Facebook|Telegram|Twitter|X|Instagram|YouTube|state\s+(?:television|TV|media)|"
    r"television|radio|rally|funeral|ceremony|meeting|summit|briefing)|(?P<told>told\s+(?:reporters|journalists|the\s+\w+(?:\s+\w+)?)))\b"
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_MAX_CUE_DISTANCE = 250


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str
    title: str | None
    start: int
    end: int


class _Lookup:
    """What quotes look up again and again, indexed once per story so that each look costs
    the same however long the story is: the sentences in text order, a paragraph's sentences,
    the sentence of a token or of an offset, and the days the story names."""

    def __init__(self, annotated: Annotated, dates: Sequence[DateMention]) -> None:
        self.sentences = annotated.sentences
        by_start = sorted(range(len(self.sentences)), key=lambda i: self.sentences[i].start)
        self._by_start = by_start
        self._starts = [self.sentences[i].start for i in by_start]
        self._body = [self.sentences[i] for i in by_start if self.sentences[i].segment == "body"]
        self._body_starts = [sentence.start for sentence in self._body]
        # Days by offset, each with its place in ``dates``.
        self._days = sorted(
            (d.start, position, value)
            for position, d in enumerate(dates)
            if (value := d.value) and d.precision == "day"
        )
        self._day_starts = [start for start, _, _ in self._days]

    def paragraph_sentences(self, paragraph: Span) -> list[Sentence]:
        """The story's sentences that start inside ``paragraph``, in text order."""
        first = bisect_left(self._body_starts, paragraph.start)
        last = bisect_left(self._body_starts, paragraph.end)
        return self._body[first:last]

    def of_token(self, token: int) -> int:
        """The index of the sentence that holds ``token``."""
        return bisect_right(self.sentences, token, key=lambda s: s.token_start) - 1

    def at(self, offset: int) -> int | None:
        """The index of the sentence whose characters hold ``offset``, if one does."""
        before = bisect_right(self._starts, offset) - 1
        if before < 0:
            return None
        index = self._by_start[before]
        return index if offset < self.sentences[index].end else None

    def first_day(self, window: tuple[int, int], skip: tuple[int, int]) -> date | None:
        """The first day named in ``window`` (first in the order of ``dates``), outside
        ``skip``."""
        first = bisect_left(self._day_starts, window[0])
        last = bisect_left(self._day_starts, window[1])
        inside = [
            (position, value)
            for start, position, value in self._days[first:last]
            if not skip[0] <= start < skip[1]
        ]
        return min(inside)[1] if inside else None


def extract_quotes(annotated: Annotated, dates: Sequence[DateMention] = ()) -> tuple[Quote, ...]:
    """The quotations and reported speech of the story, in text order."""
    document = annotated.document
    lookup = _Lookup(annotated, dates)
    known: list[_Speaker] = []  # named speakers so far, for "he said" and "the president said"
    quotes: list[Quote] = []
    for paragraph in document.body:
        sentences = lookup.paragraph_sentences(paragraph)
        quotes.extend(_paragraph_quotes(annotated, lookup, paragraph, sentences, known))
    titled: dict[str, list[_Speaker]] = {}  # the named speakers of each title's head word
    for speaker in known:
        if speaker.title:
            titled.setdefault(speaker.title.split()[-1].lower(), []).append(speaker)
    return tuple(sorted((_named(q, titled) for q in quotes), key=lambda q: q.start))


def _named(quote: Quote, titled: dict[str, list[_Speaker]]) -> Quote:
    """A speaker given by title alone ("the country's president") is the first person the
    story names with that title, before or after ("President Ilham Aliyev")."""
    bare = quote.speaker_title
    if quote.speaker is None or bare is None or quote.speaker != bare:
        return quote
    named = next(
        (
            speaker
            for speaker in titled.get(bare.split()[-1].lower(), [])
            if _same_office(bare, speaker.title or "")
        ),
        None,
    )
    return quote if named is None else replace(quote, speaker=named.name)


def _same_office(bare: str, title: str) -> bool:
    """Whether a bare title can be a named speaker's: not where each says whose office it is
    and they differ ("the army spokesman" is not "M23 spokesman Willy Ngoma")."""
    own, other = (set(_OFFICE_WORD.findall(t.lower())[:-1]) - _NOT_OWNERS for t in (bare, title))
    return not (own and other and not own & other)


_OFFICE_WORD = re.compile(r"[\w'’-]+")
_NOT_OWNERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "country's", "group's"})


def _paragraph_quotes(
    annotated: Annotated,
    lookup: _Lookup,
    paragraph: Span,
    sentences: list[Sentence],
    known: list[_Speaker],
) -> Iterator[Quote]:
    text = annotated.document.article.text
    direct = [m.span("content") for m in _QUOTE.finditer(text, paragraph.start, paragraph.end)]
    direct_starts = [start for start, _ in direct]
    cues = [
        index
        for sentence in sentences
        for index in range(sentence.token_start, sentence.token_end)
        if _is_cue(annotated.tokens[index])
        and not _within(annotated.tokens[index].start, direct, direct_starts)
    ]
    used_cues: set[int] = set()
    for start, end in direct:
        while end > start and text[end - 1] in ",.;: ":
            end -= 1  # "Shusha is ours," ends at "ours": the comma is the sentence's
        cue = _nearest_cue(annotated, cues, start, end)
        speaker = _speaker(annotated, cue, known) if cue is not None else None
        if cue is not None:
            used_cues.add(cue)
        yield _quote(annotated, lookup, start, end, speaker, cue, direct=True)
    for cue in cues:
        if cue in used_cues:
            continue
        clause = _reported_clause(annotated, cue)
        if clause is None:
            continue
        speaker = _speaker(annotated, cue, known)
        yield _quote(annotated, lookup, clause[0], clause[1], speaker, cue, direct=False)
    for sentence in sentences:
        match = _ACCORDING_TO.search(text, sentence.start, sentence.end)
        if match:
            yield from _according_to(annotated, lookup, sentence, match)


def _within(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``position`` is inside one of ``spans`` (apart, in text order, at ``starts``)."""
    before = bisect_right(starts, position) - 1
    return before >= 0 and position < spans[before][1]


def _is_cue(token: Token) -> bool:
    return token.lemma.lower() in _CUE_LEMMAS and token.pos in ("VERB", "AUX")


def _nearest_cue(annotated: Annotated, cues: list[int], start: int, end: int) -> int | None:
    """The cue (of ``cues``, in text order) nearest the quotation ``start``-``end``, within
    ``_MAX_CUE_DISTANCE`` characters; of two as near, the first."""
    tokens = annotated.tokens

    def distance(index: int) -> int:
        token = tokens[index]
        return start - token.end if token.end <= start else token.start - end

    first = bisect_left(cues, start - _MAX_CUE_DISTANCE, key=lambda index: tokens[index].end)
    last = bisect_right(cues, end + _MAX_CUE_DISTANCE, key=lambda index: tokens[index].start)
    near = [cue for cue in cues[first:last] if distance(cue) <= _MAX_CUE_DISTANCE]
    return min(near, key=distance, default=None)


def _speaker(annotated: Annotated, cue: int, known: list[_Speaker]) -> _Speaker | None:
    tokens = annotated.tokens
    after = _content_start(annotated, tokens[cue].start)
    subject = next(
        (
            i
            for i in _children(annotated, cue)
            if tokens[i].dep in _SUBJECTS and tokens[i].start >= after
        ),
        None,
    )
    if subject is None:
        named = _named_after_dateline(annotated, cue, after)
        if named is not None:
            return _whole_phrase(annotated, named, known)
        apposed = _title_then_name(annotated, cue)
        if apposed is not None:
            known.append(apposed)
            return apposed
    if (
        subject is None
        and tokens[cue].dep in ("advcl", "xcomp", "conj")
        and tokens[cue].head != cue
    ):
        # "X denied it, saying …": the one saying is the subject of the verb it hangs on.
        return _speaker(annotated, tokens[cue].head, known)
    if subject is None:
        return None
    subject = _past_description(annotated, subject)
    head = tokens[subject]
    text = annotated.document.article.text
    if head.text.lower() in _PRONOUNS:
        if not known or head.text.lower() == "it":
            return None
        # The speaker is the last person named; the span stays the pronoun's, where it is said.
        return _Speaker(known[-1].name, known[-1].title, head.start, head.end)
    if head.pos == "PROPN":
        first = _phrase_start(annotated, subject)
        while tokens[first].start < after:  # "MOGADISHU (Reuters) - Al Shabaab militants"
            first += 1
        phrase = text[tokens[first].start : head.end]
        title, name = _split_title(phrase)
        name_start = head.end - len(name)
        speaker = _Speaker(name, title, name_start, head.end)
        known.append(speaker)
        return speaker
    phrase_start = min(
        i for i in (subject, *_descendants(annotated, subject)) if tokens[i].start >= after
    )
    phrase = text[tokens[phrase_start].start : head.end]
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    named = next(
        (
            i
            for i in _children(annotated, subject)
            if tokens[i].dep == "appos" and tokens[i].pos == "PROPN"
        ),
        None,
    )
    if named is not None:  # "An army spokesman, Lieutenant Colonel Guillaume Ndjike, said"
        _, name = _split_title(
            text[tokens[_phrase_start(annotated, named)].start : tokens[named].end]
        )
        speaker = _Speaker(name, phrase, tokens[named].end - len(name), tokens[named].end)
        known.append(speaker)
        return speaker
    # A bare title or body ("the country's president", "officials"): speaker and title alike
    # until a named person with that title turns up (see ``_named``).
    return _Speaker(phrase, phrase, tokens[phrase_start].start, head.end)


def _content_start(annotated: Annotated, at: int) -> int:
    """Where the words that can name a speaker at offset ``at`` begin: past the dateline ("GOMA
    (AP) —", which the parser may take for a subject) and past the label of a round-up's
    section that opens the paragraph ("MALI - Mali's army said…")."""
    text = annotated.document.article.text
    dateline = annotated.document.dateline
    after = dateline.end if dateline else 0
    paragraph = text.rfind("\n", 0, at) + 1
    label = _SECTION_LABEL.match(text, paragraph)
    return max(after, label.end()) if label and label.end() <= at else after


_SECTION_LABEL = re.compile(r"[A-Z][A-Z'’.]+(?:\s[A-Z][A-Z'’.]+){0,3}\s+[-–—]+\s+")


def _past_description(annotated: Annotated, subject: int) -> int:
    """The subject past a description of the people an act hit, which the parser can take for
    the first of the speakers ("killing 17 people, most of them students, residents and a
    local resistance group said"): the next of the list."""
    tokens = annotated.tokens
    text = annotated.document.article.text
    words = text[
        tokens[min([subject, *_descendants(annotated, subject)])].start : tokens[subject].end
    ]
    if not _DESCRIBED_VICTIMS.match(words):
        return subject
    return next((i for i in _children(annotated, subject) if tokens[i].dep == "conj"), subject)


_DESCRIBED_VICTIMS = re.compile(
    r"(?:most|many|all|some|several|half|none|one|two|three|four|five|\d+) of (?:them|whom)\b",
    re.IGNORECASE,
)


# "…, a local government official, Sani Abdullahi, told Reuters": a title and a name between
# commas right before the verb, which the parser can hang on the words before them.
_TITLE_THEN_NAME = re.compile(
    r",\s+(?P<title>(?:an?|the)\s+[a-z][\w'’ -]{2,60}?),\s+"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}),\s*\Z"
)


def _title_then_name(annotated: Annotated, cue: int) -> _Speaker | None:
    """The speaker a subjectless verb follows as "…, a title, Name, said"."""
    text = annotated.document.article.text
    start = annotated.tokens[cue].start
    found = _TITLE_THEN_NAME.search(text, max(0, start - 120), start)
    if found is None:
        return None
    title = re.sub(r"^(?:the|a|an)\s+", "", found.group("title"))
    return _Speaker(found.group("name"), title, found.start("name"), found.end("name"))


def _named_after_dateline(annotated: Annotated, cue: int, after: int) -> int | None:
    """The speaker the parser hung on a dateline it took for the subject ("OUAGADOUGOU (AFP) -
    The Al-Qaeda-linked Group … (JNIM) said"): the first apposition past the dateline's end,
    of the dateline's city or of its region ("GOMA, DR Congo (AFP) - M23 rebels said")."""
    tokens = annotated.tokens
    for i in _children(annotated, cue):
        if tokens[i].dep in _SUBJECTS and tokens[i].start < after:
            return min(
                (
                    j
                    for j in _descendants(annotated, i)
                    if tokens[j].dep == "appos"
                    and tokens[j].start >= after
                    and tokens[tokens[j].head].start < after
                ),
                default=None,
            )
    return None


def _whole_phrase(annotated: Annotated, head: int, known: list[_Speaker]) -> _Speaker:
    """The speaker named by the whole noun phrase ``head`` heads, its determiner left out
    ("Al-Qaeda-linked Group to Support Islam and Muslims (JNIM)")."""
    tokens = annotated.tokens
    span = [head, *_descendants(annotated, head)]
    start, end = tokens[min(span)].start, tokens[max(span)].end
    text = annotated.document.article.text
    if text[end : end + 1] == ")" and "(" in text[start:end]:
        end += 1  # "(JNIM)": the parser leaves the closing bracket to the verb
    phrase = re.sub(r"^(?:the|a|an)\s+", "", text[start:end], flags=re.IGNORECASE)
    speaker = _Speaker(phrase, None, end - len(phrase), end)
    known.append(speaker)
    return speaker


def _phrase_start(annotated: Annotated, head: int) -> int:
    """The first token of the noun phrase ``head`` heads, without its determiner or possessor:
    "the [Armenian Defense Ministry spokesman Artsrun Ovannisian]"."""
    tokens = annotated.tokens
    first = head
    while first > 0:
        before = tokens[first - 1]
        inside = first - 1 <= before.head <= head or before.head in range(first, head + 1)
        # A verb ends it: in "…, said Dr. Amal Siddig" the cue stands just before the name.
        if (
            not inside
            or before.dep in ("det", "poss", "case", "punct", "cc", "prep")
            or before.pos in ("VERB", "AUX")
        ):
            break
        first -= 1
    return first


_BODIES = frozenset(
    {"staff", "command", "ministry", "office", "council", "committee", "department", "agency",
     "service", "headquarters", "administration", "directorate", "secretariat", "commission"}
)  # fmt: skip


@cache
def _titles() -> tuple[str, ...]:
    titles: list[str] = datafiles.load("titles.toml")["titles"]
    return tuple(sorted(titles, key=len, reverse=True))


def _split_title(phrase: str) -> tuple[str | None, str]:
    """ "Turkish President Recep Tayyip Erdogan" -> ("Turkish President", "Recep Tayyip Erdogan"):
    the name is what follows the last title word or lower-case word; a phrase that ends on
    a body's word ("General Staff", "Southern Command") names that body, not a person."""
    words = phrase.split()
    if words and words[-1].lower() in _BODIES:
        return None, phrase
    cut = 0
    for index in range(len(words)):
        rest = " ".join(words[index:])
        if words[index][:1].islower() or any(rest.startswith(title + " ") for title in _titles()):
            title_here = next((t for t in _titles() if rest.startswith(t + " ")), words[index])
            cut = index + len(title_here.split())
    if cut == 0 or cut >= len(words):
        return None, phrase
    return " ".join(words[:cut]), " ".join(words[cut:])


def _sentence_of(annotated: Annotated, index: int) -> Sentence:
    """The sentence that holds token ``index`` (sentences are in token order)."""
    sentences = annotated.sentences
    return sentences[bisect_right(sentences, index, key=lambda s: s.token_start) - 1]


def _children(annotated: Annotated, index: int) -> Iterator[int]:
    sentence = _sentence_of(annotated, index)
    for other in range(sentence.token_start, sentence.token_end):
        if other != index and annotated.tokens[other].head == index:
            yield other


def _descendants(annotated: Annotated, index: int) -> list[int]:
    """Every token below ``index`` in the parse, found from its sentence's heads read once."""
    sentence = _sentence_of(annotated, index)
    children: dict[int, list[int]] = {}
    for other in range(sentence.token_start, sentence.token_end):
        head = annotated.tokens[other].head
        if other != head:
            children.setdefault(head, []).append(other)
    found: list[int] = []
    frontier = [index]
    while frontier:
        current = frontier.pop()
        for child in children.get(current, ()):
            found.append(child)
            frontier.append(child)
    return found


def _reported_clause(annotated: Annotated, cue: int) -> tuple[int, int] | None:
    """The clause a reporting verb reports: "said [that the town had fallen]"."""
    tokens = annotated.tokens
    clause = next((i for i in _children(annotated, cue) if tokens[i].dep == "ccomp"), None)
    if clause is None:
        return None
    span = [clause, *_descendants(annotated, clause)]
    first, last = min(span), max(span)
    if tokens[first].lemma.lower() == "that":
        first += 1
    dateline = annotated.document.dateline
    while dateline and first < last and tokens[first].start < dateline.end:
        first += 1  # "MOSCOW (AP) — Forces took…, the president said": the dateline is no content
    if last - first < 2:
        return None
    return tokens[first].start, tokens[last].end


def _according_to(
    annotated: Annotated, lookup: _Lookup, sentence: Sentence, match: re.Match[str]
) -> Iterator[Quote]:
    """ "…, according to the health ministry": the rest of the sentence is what it reports."""
    text = annotated.document.article.text
    source_start = match.end()
    source_end = source_start
    for token in annotated.tokens[sentence.token_start : sentence.token_end]:
        if token.start < source_start:
            continue
        if token.pos in ("PUNCT",) or token.lemma in ("which", "who"):
            break
        source_end = token.end
    if source_end == source_start:
        return
    name = re.sub(r"^(?:the|a|an)\s+", "", text[source_start:source_end], flags=re.IGNORECASE)
    speaker = _Speaker(name, None, source_start, source_end)
    # What is reported is the longer side of the sentence: "X happened, according to Y" or
    # "According to Y, X happened".
    before = _trimmed(text, sentence.start, match.start())
    after = _trimmed(text, source_end, sentence.end)
    start, end = before if before[1] - before[0] >= after[1] - after[0] else after
    yield _quote(annotated, lookup, start, end, speaker, None, direct=False)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,.;:":
        start += 1
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    return start, end


def _quote(
    annotated: Annotated,
    lookup: _Lookup,
    start: int,
    end: int,
    speaker: _Speaker | None,
    cue: int | None,
    *,
    direct: bool,
) -> Quote:
    text = annotated.document.article.text
    # The first sentence that holds the quotation's start or its cue.
    holding = [lookup.at(start), lookup.of_token(cue) if cue is not None else None]
    sentence = min((i for i in holding if i is not None), default=None)
    window = (
        (lookup.sentences[sentence].start, lookup.sentences[sentence].end)
        if sentence is not None
        else (start, end)
    )
    if cue is not None:
        cue_sentence = lookup.sentences[lookup.of_token(cue)]
        window = (min(window[0], cue_sentence.start), max(window[1], cue_sentence.end))
    channel = _channel(text, window, (start, end))
    said_on = lookup.first_day(window, (start, end)) or annotated.document.published
    cue_text = (
        annotated.tokens[cue].text if cue is not None else ("according to" if not direct else None)
    )
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        speaker=speaker.name if speaker else None,
        speaker_title=speaker.title if speaker else None,
        speaker_span=Span(speaker.start, speaker.end) if speaker else None,
        cue=cue_text,
        channel=channel,
        date=said_on,
        direct=direct,
    )


def _channel(text: str, window: tuple[int, int], content: tuple[int, int]) -> str | None:
    for match in _CHANNEL.finditer(text, *window):
        if content[0] <= match.start() < content[1]:
            continue
        found = match.group("channel") or match.group("told")
        return " ".join(found.split())
    return None
