"""Typing: which ACLED sub-event type, or which statement, a sentence reports."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.extract.events.actors import (
    GROUPS,
    OFFICIALS_ALONE,
    POLICE,
    POLITICAL_ORG,
    REBELS,
    REGIME,
    STATE_BY_DEMONYM,
    named_actors,
)
from sitrep.extract.events.factuality import is_future, is_negated
from sitrep.extract.events.parse import governs, is_subject, parse_depth, token_at
from sitrep.extract.events.rules import (
    VIOLENT,
    Act,
    Rule,
    acled_act,
    statement_acts,
    word_beginnings,
)
from sitrep.records import (
    Annotated,
    EventType,
    Sentence,
)

# A cooperative act that is negated is a rejection ("will not attend the talks"); a material act
# in the future is an intent: to cooperate (AGREE) or to coerce (THREATEN).
_COOPERATIVE = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})


_INTENT = {
    "AID": "AGREE", "COOPERATE": "AGREE", "CONCEDE": "AGREE", "RETREAT": "AGREE",
    "CONSULT": "AGREE", "SANCTION": "THREATEN", "COERCE": "THREATEN", "MOBILIZE": "THREATEN",
    "PROTEST": "THREATEN",
}  # fmt: skip


def classify(sentence: str) -> tuple[str, EventType, str] | None:
    """The ACLED sub-event type, event type and PLOVER type a sentence reports, if any."""
    act = acled_act(sentence)
    if act is None or act.rule.subtype is None:
        return None
    return act.rule.subtype, act.rule.type, act.rule.plover


def sentence_kind(
    annotated: Annotated, sentence: Sentence
) -> tuple[str | None, EventType, str] | None:
    """The ACLED sub-event type, event type and PLOVER type the sentence reports, if any."""
    text = annotated.document.article.text[sentence.start : sentence.end]
    beginnings = word_beginnings(text)
    violence = acled_act(text, beginnings)
    acts = statement_acts(text, beginnings)
    statement = _statement(annotated, sentence, acts)
    if violence is not None:
        rule = violence.rule
        trigger = token_at(annotated, sentence, violence.start)
        if trigger is not None and is_future(annotated, sentence, trigger):
            if statement is not None:
                return None, "statement", statement.plover
            # An agreement or a withdrawal to come is an intent to cooperate, violence a threat.
            intent = "AGREE" if rule.plover in _COOPERATIVE else "THREATEN"
            return None, "statement", intent
        deferring = rule.type in VIOLENT
        if (
            statement is not None
            and statement.plover != rule.plover
            and not (statement.rule.defers and deferring)
            and any(
                governs(annotated, sentence, act.start, violence.start)
                for act in acts
                if not (act.rule.defers and deferring)
            )
            and not (
                rule.type in ("protests", "riots")
                and is_subject(annotated, sentence, violence.start)
            )
        ):
            return statement.kind
        return rule.subtype, rule.type, rule.plover
    if statement is not None and _names_political_actor(annotated, sentence, text):
        return statement.kind
    return None


@dataclass(frozen=True, slots=True)
class _Statement:
    """A statement's rule, its PLOVER type (an intent or a refusal may change the rule's) and
    where its trigger stands in the sentence."""

    rule: Rule
    plover: str
    start: int

    @property
    def kind(self) -> tuple[str | None, EventType, str]:
        """A ``statement``, unless the rule names an ACLED sub-event type for the act as it
        stands (security measures are a "Change to group/activity"); an intent or a refusal
        is a statement whatever the act."""
        if self.rule.subtype is not None and self.plover == self.rule.plover:
            return self.rule.subtype, self.rule.type, self.plover
        return None, "statement", self.plover


def _statement(annotated: Annotated, sentence: Sentence, acts: list[Act]) -> _Statement | None:
    """The statement of the sentence's ``acts``: the trigger nearest the root of the parse,
    then the earliest, then the first rule's. A negated cooperative act is a rejection (a
    negated accusation or threat is none); a material act in the future is an intent."""
    ranked = sorted(acts, key=lambda act: (parse_depth(annotated, sentence, act.start), act.start))
    for act in ranked:
        token = token_at(annotated, sentence, act.start)
        plover = act.rule.plover
        if token is not None and is_negated(annotated, sentence, token):
            if plover not in _COOPERATIVE:
                continue
            plover = "REJECT"
        elif plover in _INTENT and token is not None and is_future(annotated, sentence, token):
            plover = _INTENT[plover]
        return _Statement(act.rule, plover, act.start)
    return None


def _names_political_actor(annotated: Annotated, sentence: Sentence, text: str) -> bool:
    """Whether the sentence names someone whose acts are political: a person, a country or a
    nationality, a political organisation, an official or a government body, a group."""
    for entity in annotated.entities:
        if sentence.start <= entity.start < sentence.end and (
            entity.label in ("PERSON", "NORP", "GPE")
            or (entity.label == "ORG" and POLITICAL_ORG.search(entity.text))
        ):
            return True
    generic = (OFFICIALS_ALONE, GROUPS, REBELS, POLICE, REGIME, STATE_BY_DEMONYM)
    return any(p.search(text) for p in generic) or any(
        named.pattern.search(text) for named in named_actors()
    )
