"""Mentions: the stretches of a sentence that each report one act.

Most sentences report one act, and their mention is the whole sentence. A sentence that
reports today's act "after" an earlier one, or about people "killed in" one ("Mourners marched
on Sunday, a day after an airstrike killed three", "Rioters burned a courthouse after a man
was shot dead by police the night before", "a funeral for three men killed in a drone
strike") reports two: the clause that recalls the earlier act is a mention of its own,
typed, counted and dated apart, and the rest of the sentence is the main mention, so that the
march is not typed by the strike nor given its dead.

A mention's ``text`` is the sentence's text with every character outside the mention blanked
to a space: offsets stay those of the sentence, so the parse and the rules read it as they
read a whole sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.events.parse import children, subtree
from sitrep.extract.events.rules import TYPE_FAMILY, Act, acled_act
from sitrep.extract.tolls import read_toll
from sitrep.records import Annotated, Sentence, Span

# Words that open a clause about an act before the sentence's own.
_EARLIER = frozenset({"after", "following", "despite"})
# A time of day after "after": "after 10 a.m.", "after midnight", "just after dawn".
_CLOCK_AFTER = re.compile(
    r"\s+(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\b\.?|p\.?m\b\.?|o'clock|hours?\b|GMT|UTC)|"
    r"(?:midnight|noon|midday|dawn|dusk|daybreak|sunrise|sunset|nightfall|dark)\b)",
    re.IGNORECASE,
)
# Participles that describe people by an act done to them earlier ("men killed in a strike").
_DIED = frozenset({"kill", "wound", "injure", "slay", "martyr"})
# An interval that puts the act an "after" clause recalls in the past, wherever the clause
# stands ("Ten years after Boko Haram abducted 276 schoolgirls, nearly 100 remain missing").
_LONG_AGO = frozenset({"year", "decade", "month"})
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_DAYS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_DAYS_BEFORE = re.compile(
    r"\b(?P<count>a|one|two|three|four|five|six|seven|\d+) (?P<unit>days?|weeks?|months?) "
    r"(?:after|before|earlier)\b|"
    r"\b(?P<previous>the (?:night|day|evening) before|the previous (?:day|night|evening)|"
    r"overnight)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One act's stretch of a sentence. ``part``: whether it is less than the whole sentence;
    ``earlier``: a clause recalling an act before the sentence's own; ``days_before``: how
    many days before it, where the clause says."""

    sentence: Sentence
    span: Span
    text: str
    part: bool = False
    earlier: bool = False
    days_before: int | None = None

    def covers(self, offset: int) -> bool:
        """Whether the article offset ``offset`` lies in the mention (not blanked)."""
        at = offset - self.sentence.start
        return 0 <= at < len(self.text) and not self.text[at].isspace()


_TAKINGS = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)


def _handed_over(main: Act, recalled: Act) -> bool:
    """Whether a taking follows the other side's withdrawal ("took control of the town after
    the SDF pulled out under a deal"): one act, the town handed over."""
    return (
        main.rule.subtype in _TAKINGS
        and recalled.rule.subtype == "Non-violent transfer of territory"
    )


def sentence_mentions(annotated: Annotated, sentence: Sentence) -> list[Mention]:
    """The sentence's mentions: each of its parts that a semicolon joins and that reports an
    act of its own ("Gang rampage kills 9 in Haiti's capital; mob lynches 3 suspects"), or
    else the whole sentence, or its main part and the clause that recalls an earlier violent
    act."""
    text = annotated.document.article.text[sentence.start : sentence.end]
    parts = _joined_acts(text)
    if len(parts) > 1:
        return [
            Mention(
                sentence,
                Span(sentence.start + start, sentence.start + end),
                " " * start + text[start:end] + " " * (len(text) - end),
                part=True,
            )
            for start, end in parts
        ]
    whole = Mention(sentence, Span(sentence.start, sentence.end), text)
    clause = _earlier_clause(annotated, sentence)
    if clause is None:
        return [whole]
    start, end, own_subject = clause
    inside = text[start:end]
    recalled_act = acled_act(inside)
    main = text[:start] + " " * (end - start) + text[end:]
    main_act = acled_act(main)
    family = TYPE_FAMILY.get(recalled_act.rule.type) if recalled_act else None
    if recalled_act is None or (
        main_act is not None
        and (
            (
                TYPE_FAMILY.get(main_act.rule.type) == family
                and not (own_subject and family == "violence")
            )
            or _handed_over(main_act, recalled_act)
        )
    ):
        # "took the town after heavy fighting": one act and its course; but "killed three,
        # hours after Hezbollah fired rockets at a base" tells another side's act
        return [whole]
    recalled = " " * start + inside + " " * (len(text) - end)
    days = _DAYS_BEFORE.search(inside)
    days_before = None
    if days is not None:
        count = days.group("count")
        days_before = 1 if days.group("previous") else _DAYS.get(count.lower())
        if days_before is None and count.isdigit():
            days_before = int(count)
        if days_before is not None and days.group("unit"):
            days_before *= _UNIT_DAYS[days.group("unit").rstrip("s")]
    return [
        Mention(sentence, Span(sentence.start, sentence.end), main, part=True),
        Mention(
            sentence,
            Span(sentence.start + start, sentence.start + end),
            recalled,
            part=True,
            earlier=True,
            days_before=days_before,
        ),
    ]


def _joined_acts(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` between semicolons, or before and after ", while" (in a
    headline, any comma), where each reports an act ("Ukrainian forces repelled an assault on
    Chasiv Yar, the military said, while Russia's defence ministry said its troops had
    captured Bohdanivka"); else one."""
    # a headline's list of acts: "Sahel: fuel tankers torched in Mali, deadly attack on Burkina
    # army post, Niger air strikes" (no full stop: no sentence of a story's body)
    joins = _HEADLINE_JOINS if not _ENDS_SENTENCE.search(text) else _JOINS
    parts, start = [], 0
    for separator in joins.finditer(text):
        parts.append((start, separator.start()))
        start = separator.end()
    parts.append((start, len(text)))
    if len(parts) > 1 and all(_tells_act(text[first:last]) for first, last in parts):
        return parts
    return [(0, len(text))]


_JOINS = re.compile(r";\s+|,\s+while\s+")
# (not before a participle: "Drone hits car in Belgorod region, killing driver" is one act)
_HEADLINE_JOINS = re.compile(r";\s+|,\s+(?:while\s+)?(?![a-z]+ing\b)")
_ENDS_SENTENCE = re.compile(r"[.!?\"”’')]\s*\Z")


def _tells_act(words: str) -> bool:
    """Whether a stretch reports an act, or a toll of its own: a headline's "Russian glide
    bombs hit Zaporizhzhia; two killed in Kherson" tells two acts, and Kherson's dead are not
    Zaporizhzhia's."""
    return acled_act(words) is not None or read_toll(words).killed is not None


def _earlier_clause(annotated: Annotated, sentence: Sentence) -> tuple[int, int, bool] | None:
    """Where the first "after …" clause or phrase lies in the sentence's text, or the first
    "killed in …" that describes the people the sentence is about ("a funeral for three men
    killed in a drone strike"), if the sentence has one that is not its start; and whether it
    is a clause with a subject of its own ("after Hezbollah fired rockets")."""
    tokens = annotated.tokens
    for index in range(sentence.token_start, sentence.token_end):
        token = tokens[index]
        if (
            token.dep == "acl"
            and token.lemma.lower() in _DIED
            and token.head != index
            and not _has_subject(annotated, sentence, index)  # "a claim that they had killed"
            and not _elided(annotated, token.head)
            and tokens[token.head].dep != "ROOT"  # a headline's "Soldier killed in drone attack"
            and not _among(annotated, token.head)  # "Three children were among 11 people killed"
            and not any(  # "Gunmen on motorbikes killed at least 27 civilians": active, parsed
                tokens[child].dep == "dobj" for child in children(annotated, sentence, index)
            )
        ):
            first, last = subtree(annotated, sentence, index)
            counted = _counted_from(annotated, sentence, token.head)
            first = min(first, counted) if counted is not None else first
            return tokens[first].start - sentence.start, tokens[last].end - sentence.start, False
        if token.text.lower() not in _EARLIER or token.head == index:
            continue
        if _CLOCK_AFTER.match(annotated.document.article.text, token.end):
            continue  # "shortly after 10 a.m.": a time of day, no act recalled
        if token.dep == "mark":
            head = token.head
            if _verbless(annotated, sentence):
                return None  # "Soldiers who arrived after the attack detained two men": the
                # parse made the act the clause's and left the sentence no verb of its own
        elif token.dep == "prep" and any(
            tokens[child].dep == "pobj" for child in children(annotated, sentence, index)
        ):
            head = index
        else:
            continue
        first, last = subtree(annotated, sentence, head)
        long_ago = any(tokens[i].lemma.lower() in _LONG_AGO for i in range(first, index))
        if first <= sentence.token_start and not long_ago:
            return None  # "After the strike, …": the sentence is about the clause
        own_subject = token.dep == "mark" and _has_subject(annotated, sentence, head)
        return tokens[first].start - sentence.start, tokens[last].end - sentence.start, own_subject
    return None


def _among(annotated: Annotated, noun: int) -> bool:
    """Whether the people a participle describes are those "among" whom the sentence counts
    its subject ("Three children were among 11 people killed when an airstrike hit a tent"):
    a lead told by its victims, whose act is the sentence's own."""
    tokens = annotated.tokens
    return tokens[noun].dep == "pobj" and tokens[tokens[noun].head].text.lower() == "among"


def _verbless(annotated: Annotated, sentence: Sentence) -> bool:
    """Whether the parse's root of the sentence is no verb."""
    tokens = annotated.tokens
    return any(
        tokens[index].head == index and tokens[index].pos not in ("VERB", "AUX")
        for index in range(sentence.token_start, sentence.token_end)
    )


def _elided(annotated: Annotated, noun: int) -> bool:
    """Whether the people a participle describes join a verb's own ("Three policemen were
    martyred and two others injured"): a verb left out, not an earlier act. A dateline the
    parse takes into the sentence can leave "others" a noun's conjunct."""
    tokens = annotated.tokens
    head = tokens[tokens[noun].head]
    return tokens[noun].dep == "conj" and (
        head.pos in ("VERB", "AUX") or tokens[noun].lemma.lower() == "other"
    )


def _counted_from(annotated: Annotated, sentence: Sentence, noun: int) -> int | None:
    """Where the count of the people a participle describes begins, if they are counted ("the
    funeral of [17 worshippers] killed when gunmen opened fire"): their toll is the recalled
    act's."""
    tokens = annotated.tokens
    counts = [
        subtree(annotated, sentence, child)[0]
        for child in children(annotated, sentence, noun)
        if tokens[child].dep == "nummod" and child < noun
    ]
    return min(counts, default=None)


def _has_subject(annotated: Annotated, sentence: Sentence, index: int) -> bool:
    tokens = annotated.tokens
    return any(
        tokens[child].dep in ("nsubj", "nsubjpass")
        for child in children(annotated, sentence, index)
    )
