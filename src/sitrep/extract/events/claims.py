"""Claims: who asserts an event, who denies or confirms it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sitrep.extract.events.actors import named_actors
from sitrep.extract.events.factuality import NOT_EVENTS
from sitrep.extract.events.parse import governs, subject_words
from sitrep.extract.events.rules import VIOLENT, Rule, event_rules, word_beginnings
from sitrep.extract.events.spans import ByStart
from sitrep.records import (
    Actor,
    Annotated,
    Claim,
    ClaimStatus,
    Event,
    EventType,
    PlaceMention,
    Quote,
    Sentence,
    Token,
)
from sitrep.resolve.gazetteer import Gazetteer

# A side that disowns the weapon an act used ("its forces 'do not possess and do not use'
# chemical weapons") denies that act.
_DISOWN = r"(?:do|does|did) not (?:possess|use)|never used"
_DENIAL = re.compile(
    # "lies" the noun ("branded the reports lies"), not the verb ("Nikopol, which lies across")
    r"\b(?:denied|denies|deny|rejected|false|not true|continuing|continues|fake|"
    r"lies(?!\s+(?:across|along|on|in|at|near|between|beyond|about|some|just|within|to|"
    r"north|south|east|west|\d))|"
    # "had no reports of a drone being lost", "was not aware of any attack"
    r"no (?:reports?|record|indication) (?:of|that)|not aware of|never happened|"
    rf"did not (?:happen|take place|occur)|fabricat\w*|{_DISOWN})\b",
    re.IGNORECASE,
)


# Verbs by which a party denies an act or someone confirms it: the sentence then reports the
# act, with that claim status ("The army denied shelling the camp", "UN monitors confirmed the
# strike"), so that a denial or a confirmation in one article meets the claim in another.
_STANCE_VERBS: dict[str, ClaimStatus] = {
    "deny": "denied",
    "dismiss": "denied",
    "refute": "denied",
    "reject": "denied",
    "confirm": "confirmed",
    "verify": "confirmed",
    "corroborate": "confirmed",
    "acknowledge": "confirmed",
    "admit": "confirmed",
}


# "The army called 'fabricated' a claim that…", "branded the reports lies": a verb of naming
# with a word of falsehood soon after it denies.
_NAMING = frozenset({"call", "brand", "label", "describe", "term"})
_FALSE = frozenset(
    {"false", "fabricated", "fabrication", "baseless", "untrue", "fake", "lies", "lie",
     "propaganda", "nonsense", "fiction", "groundless", "unfounded"}
)  # fmt: skip
_NAMING_REACH = 5  # tokens after the verb


def _calls_false(tokens: Sequence[Token], index: int) -> ClaimStatus | None:
    if tokens[index].lemma.lower() not in _NAMING:
        return None
    after = tokens[index + 1 : index + 1 + _NAMING_REACH]
    return "denied" if any(t.text.lower() in _FALSE for t in after) else None


def _clause_of(tokens: Sequence[Token], index: int) -> int:
    """The verb whose clause a stance verb answers: its own, or, for a participle that trails
    a report ("The UN said the RSF controls the base, confirming a capture the army denied"),
    the reporting verb it hangs on."""
    token = tokens[index]
    return token.head if token.dep == "advcl" and token.tag == "VBG" else index


@dataclass(frozen=True, slots=True)
class Stance:
    """A violent act that a party denies or someone confirms, and who; a denial that names
    the claim it denies, whose it is. ``rule``: the act's rule, where the stance verb governs
    it; None where a denial trails the claim (``ANSWERED_CLAIM``) and the act is typed as any
    sentence is."""

    rule: Rule | None
    status: ClaimStatus
    by: str | None
    claimant: str | None = None  # whose claim a denial names ("rejected Russian claims that…")

    @property
    def kind(self) -> tuple[str | None, EventType, str] | None:
        return (self.rule.subtype, self.rule.type, self.rule.plover) if self.rule else None

    def claim(self, carried: Claim) -> Claim:
        """The claim: the denier or confirmer, else the speaker who reports the sentence."""
        if self.by:
            return Claim(self.by, None, self.status)
        return Claim(carried.by, carried.by_title, self.status)


# The claim a denial names, and whose: "a claim by the Arakan Army that", "claims by the
# paramilitary Rapid Support Forces (RSF) that", "Russian claims that", "the group's claim that".
_CLAIM_OF = re.compile(
    r"\bclaims?\s+by\s+(?:the\s+)?(?P<by>[^,;]{2,60}?)\s+that\b"
    r"|\b(?P<owner>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3})(?:['’]s)?\s+claims?\s+that\b"
)


def _claimant(text: str) -> str | None:
    """Who made the claim that the words between a denial and the act it denies name."""
    found = _CLAIM_OF.search(text)
    if found is None:
        return None
    words = (found["by"] or found["owner"]).strip()
    return _DESCRIBED.sub("", words) or words  # "the ethnic Arakan Army": the Arakan Army


_DESCRIBED = re.compile(r"^(?:[a-z][\w-]*\s+)+(?=[A-Z])")


# A claim and its denial in one sentence, the denial trailing the claimed act: "The KIA said it
# had seized the town, a claim the junta rejected", "…, but the army denied the claim". The
# denier answers the claim; the sentence reports the act, disputed.
ANSWERED_CLAIM = re.compile(
    r"(?:,|\bwhich)\s+(?:a|the|this|that)\s+(?:claim|assertion|account|version)\s+(?:that\s+)?"
    r"(?P<by>[^,;]{2,50}?)\s+(?:has\s+|had\s+)?(?:rejected|denied|dismissed|disputed|refuted)\b"
    r"|\bbut\s+(?P<denier>[^,;]{2,50}?)\s+(?:has\s+|had\s+)?(?:rejected|denied|dismissed|disputed|"
    r"refuted)\s+(?:the|that|this|its|their)\s+(?:claim|assertion|account)\b",
    re.IGNORECASE,
)
_CLAIMED_BY = re.compile(
    r"(?P<by>\b[A-Z][^,;]{1,60}?)\s+(?:said|says|claimed|claims|announced)\b(?!.*\b(?:said|says|"
    r"claimed|claims|announced)\b)"
)


_AFTER_DATELINE = re.compile(r"\)?\s+[-—–]\s+|\)\s")  # "KYIV (Reuters) - Ukraine's army"


def _answered_claim(text: str) -> Stance | None:
    """The act a trailing denial answers (``ANSWERED_CLAIM``): denied by the denier, the claim
    the speaker's."""
    answer = ANSWERED_CLAIM.search(text)
    if answer is None:
        return None
    speaker = _CLAIMED_BY.search(text, 0, answer.start())
    claimant = _AFTER_DATELINE.split(speaker["by"])[-1].strip() if speaker else None
    denier = (answer["by"] or answer["denier"]).removeprefix("the ").strip()
    return Stance(None, "denied", denier, claimant)


def sentence_stance(annotated: Annotated, sentence: Sentence, text: str) -> Stance | None:
    """A violent act governed by a verb of denial or confirmation, if the sentence (``text``:
    its text, or a mention's) has one: the first rule of ``events.toml``, at any of its
    triggers, that such a verb governs."""
    tokens = annotated.tokens
    verbs = [
        (index, status)
        for index in range(sentence.token_start, sentence.token_end)
        if (status := _STANCE_VERBS.get(tokens[index].lemma.lower()) or _calls_false(tokens, index))
    ]
    if NOT_EVENTS.search(text):
        return None
    if not verbs:
        return _disowned(text)
    answered = _answered_claim(text)
    if answered is not None:
        return answered
    beginnings = word_beginnings(text)
    for rule in event_rules():
        if rule.type not in VIOLENT:
            continue
        for start in rule.triggers(text, beginnings):
            for index, status in verbs:
                verb = _clause_of(tokens, index)
                verb_at = tokens[verb].start - sentence.start
                if governs(annotated, sentence, verb_at, start):
                    by = subject_words(annotated, sentence, index) if verb == index else None
                    # a participle's: the report's speaker
                    return Stance(rule, status, by, _claimant(text[verb_at:start]))
    return None


_DISOWNS = re.compile(rf"\b(?:{_DISOWN})\b", re.IGNORECASE)
_DISOWNED_REACH = 40  # characters from the disowning words to the weapon


def _disowned(text: str) -> Stance | None:
    disowns = _DISOWNS.search(text)
    if disowns is None:
        return None
    beginnings = word_beginnings(text)
    for rule in event_rules():
        if rule.type in VIOLENT and any(
            disowns.end() <= start <= disowns.end() + _DISOWNED_REACH
            for start in rule.triggers(text, beginnings)
        ):
            return Stance(rule, "denied", None)
    return None


class StoryClaims:
    """The claims of one story's sentences, its quotes indexed once (a story of any length is
    read in time proportional to it): for each sentence, the speaker whose words carry it,
    and the status that gives it: ``claimed`` when the speaker is a party to the fighting (an
    army, a defence ministry, a head of state, an armed group), else ``reported`` (police,
    governors, witnesses, monitors report it); ``disputed`` when another speaker denies or
    contradicts it about the same place ("fighting in Shushi is continuing"), or about no
    place at all ("the claim was false"). ``text`` is the article's, where the words leading
    to a quote can deny. A dateline, a phrase ("Neither side's account") and the claimant
    himself under a shorter name are no other speaker."""

    def __init__(self, quotes: Sequence[Quote], places: Sequence[PlaceMention], text: str):
        self._text = text
        spoken = [q for q in quotes if _speaker(q)]
        self._by_start = ByStart(spoken, lambda q: q.start)
        self._longest = max((q.end - q.start for q in spoken), default=0)
        self._by_speaker = ByStart(
            (q for q in spoken if q.speaker_span), lambda q: _speaker_start(q)
        )
        self._order = {id(q): index for index, q in enumerate(spoken)}
        named_places = ByStart(places, lambda p: p.start)
        self._denials: list[tuple[int, str, Quote]] = []
        self._placeless: list[int] = []  # denials that name no place: about anything
        self._by_word: dict[str, list[int]] = {}
        self._by_country: dict[str, list[int]] = {}  # denials about a whole country
        for index, q in enumerate(spoken):
            if not _denies(q, text):
                continue
            self._denials.append((index, _speaker(q) or "", q))
            at = len(self._denials) - 1
            named = named_places.within(q.start, q.end)
            if not named:
                self._placeless.append(at)
            for country in {p.country for p in named if p.kind == "country" and p.country}:
                self._by_country.setdefault(country, []).append(at)
            for word in set(_WORD.findall(q.text.lower())):
                self._by_word.setdefault(word, []).append(at)

    def claim(
        self, sentence: Sentence, place: PlaceMention | None, event_type: EventType | None = None
    ) -> Claim:
        """The claim of the sentence whose event (of ``event_type``) is at ``place``."""
        carrying = self._carrying(sentence)
        if not carrying:
            return Claim(None, None, "reported")
        speaker = carrying[0]
        deniers: list[str] = []
        for _, name, quote in self._about(place, sentence):
            if not _answers(quote, event_type, place, self._text):
                continue
            if not any(_same_person(name, other) for other in [speaker.speaker or "", *deniers]):
                deniers.append(name)
        if deniers:
            return Claim(speaker.speaker, speaker.speaker_title, "disputed", tuple(deniers))
        status: ClaimStatus = "claimed" if is_party(speaker) else "reported"
        return Claim(speaker.speaker, speaker.speaker_title, status)

    def _carrying(self, sentence: Sentence) -> list[Quote]:
        """The quotes that carry a sentence, in story order: those it lies in or that start in
        it, and those whose speaker it names."""
        nearby = self._by_start.within(sentence.start - self._longest, sentence.end)
        found = {
            id(q): q
            for q in nearby
            if q.start <= sentence.start < q.end or sentence.start <= q.start < sentence.end
        }
        for q in self._by_speaker.within(sentence.start, sentence.end):
            found.setdefault(id(q), q)
        return sorted(found.values(), key=lambda q: self._order[id(q)])

    def _about(
        self, place: PlaceMention | None, sentence: Sentence
    ) -> list[tuple[int, str, Quote]]:
        """The denials that can be about an event at ``place`` told in ``sentence``, in story
        order: those naming that place or its country ("had no reports of a drone being lost
        over Yemen"), and those naming none (all, where the event has no place) that come after
        the sentence: a denial answers what the story has told, not an act it goes on to tell
        ("Meanwhile, bombs struck…")."""
        if place is None or not place.name:
            return [d for d in self._denials if d[2].start >= sentence.start]
        chosen = {at for at in self._placeless if self._denials[at][2].start >= sentence.start}
        chosen.update(
            at
            for at in self._by_country.get(place.country or "", [])
            if self._denials[at][2].start >= sentence.start
        )
        for name in {place.text, place.name or ""}:
            words = _WORD.findall(name.lower())
            for at in self._by_word.get(words[0], []) if words else []:
                if name in self._denials[at][2].text:
                    chosen.add(at)
        return [self._denials[at] for at in sorted(chosen)]


_WORD = re.compile(r"\w+")


def _answers(
    quote: Quote, event_type: EventType | None, place: PlaceMention | None, text: str
) -> bool:
    """Whether a denial can answer an event of ``event_type``: one that names the event's place
    does; one that names none answers acts of its own kind ("denied that the town had fallen"
    answers the town's capture, not the shelling told before it), or any act where it names
    no kind of act or answers a claim ("rejected the accusation")."""
    if event_type is None or (place is not None and place.text and place.text in quote.text):
        return True
    lead_in = quote.speaker_span.start if quote.speaker_span else quote.start
    words = text[min(lead_in, quote.start) : quote.end] if text else quote.text
    if _ANSWERS_A_CLAIM.search(words):
        return True
    kinds = {kind for kind, pattern in _ACT_WORDS.items() if pattern.search(words)}
    return not kinds or event_type in kinds


_ANSWERS_A_CLAIM = re.compile(
    r"\b(?:claims?|accusations?|allegations?|reports?|accounts?|involvement|responsibility)\b",
    re.IGNORECASE,
)


# The words by which a denial says what kind of act it denies.
_ACT_WORDS: dict[str, re.Pattern[str]] = {
    "battles": re.compile(
        r"\b(?:fall|fell|fallen|captur\w*|overr\w*|seiz\w*|control\w*|held|holds?|retak\w*|"
        r"recaptur\w*|withdr\w*|clash\w*|fight\w*|battles?|assault\w*|repel\w*)\b",
        re.IGNORECASE,
    ),
    "explosions_remote_violence": re.compile(
        r"\b(?:strikes?|struck|shell\w*|bomb\w*|drones?|missiles?|rockets?|air ?strikes?|"
        r"chemical|(?<!tear )gas|munitions?|artillery|mortars?|explosi\w*)\b",
        re.IGNORECASE,
    ),
    "violence_against_civilians": re.compile(
        r"\b(?:kill\w*|massacr\w*|abduct\w*|kidnap\w*|rap(?:e|ed|es|ing)|sexual|"
        r"execut\w*)\b",
        re.IGNORECASE,
    ),
    **dict.fromkeys(
        ("protests", "riots"),
        re.compile(
            r"\b(?:protest\w*|march\w*|demonstrat\w*|crowds?|riot\w*|tear gas|live "
            r"(?:ammunition|rounds|fire)|rubber bullets|fired)\b",
            re.IGNORECASE,
        ),
    ),
}


def _speaker_start(quote: Quote) -> int:
    assert quote.speaker_span is not None
    return quote.speaker_span.start


_PARTY = re.compile(
    r"\b(?:army|military|armed forces|forces|troops|defen[cs]e|war ministry|general staff|"
    r"commander|brigade|battalion|regiment|rebels?|militants?|insurgents?|jihadists?|"
    r"fighters|militia|president|prime minister|kremlin|pentagon|claimed|al[- ]qaeda)\b",
    re.IGNORECASE,
)
_NO_ONE = re.compile(r"^(?:neither|no one|nobody|none|either)\b", re.IGNORECASE)


def _denies(quote: Quote, text: str) -> bool:
    """Whether a quote denies: its words, its cue, or the words that lead to it ("rejected
    the claim, saying army units still held the town")."""
    lead_in = quote.speaker_span.start if quote.speaker_span else quote.start
    start = min(lead_in, quote.start)
    if _STANDING_DENIAL.search(text[start : quote.end] if text else quote.text):
        return False
    if _DENIAL.search(quote.text) or (quote.cue or "").lower().startswith("den"):
        return True
    return bool(_DENIAL.search(text[start : quote.start])) if text else False


# A denial of other acts or of a habit answers no act of the story: "The military has denied
# targeting civilians in previous strikes", "has long rejected accusations of abuses".
_STANDING_DENIAL = re.compile(
    r"\b(?:in|of|during) (?:previous|past|earlier|prior|other|similar) (?:\w+ )?(?:strikes|"
    r"attacks|raids|incidents|operations|cases|bombings|offensives)\b|\b(?:has|have) (?:long|"
    r"repeatedly|consistently|always|routinely|previously|in the past) (?:denied|rejected|"
    r"dismissed)\b",
    re.IGNORECASE,
)


_ARMY_VOICE = re.compile(
    r"\b(?:army|military|armed forces|forces|troops|defen[cs]e|war ministry|general staff|"
    r"commander|brigade|battalion|regiment|president|prime minister|kremlin|pentagon|command|"
    r"navy|air force)\b",
    re.IGNORECASE,
)
_GROUP_VOICE = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|jihadists?|fighters|militia|group|movement|alliance|"
    r"front|brotherhood)\b",
    re.IGNORECASE,
)
_VOICES: dict[str, re.Pattern[str]] = {
    "state_forces": _ARMY_VOICE,
    "external": _ARMY_VOICE,
    "rebels": _GROUP_VOICE,
    "militia": _GROUP_VOICE,
    "police": re.compile(r"\bpolice\b", re.IGNORECASE),
}


def claim_by_actor(
    claim: Claim, attacker: Actor | None, gazetteer: Gazetteer, sentence: str = ""
) -> Claim:
    """A claim as the gold rules read it (``sentence``: the words that name the speaker): an
    act is ``claimed`` when the side that did it says it did ("its fighters had captured the
    police station", "US says air strike killed three fighters", "police say three gang
    members were killed" in a shootout with police); what a side says was done to it, or an
    attack by others, it reports ("three soldiers were killed, the military said")."""
    if claim.status != "claimed" or attacker is None:
        return claim
    speaker = f"{claim.by_title or ''} {claim.by or ''}"
    at = sentence.find(claim.by or "\0")
    if at > 0:  # the words before the speaker's name: "Armenia's defence ministry"
        speaker = f"{sentence[max(0, at - 30) : at]} {speaker}"
    voice = _VOICES.get(attacker.kind)
    own = (
        voice is not None
        and bool(voice.search(speaker))
        and _countries(speaker, gazetteer) <= {attacker.country}
    )
    core = _FORCES_OF.sub("", attacker.name)
    named = any(
        word in speaker for word in re.findall(r"[A-Z][\w-]+", core) if word not in _GENERIC
    )
    return claim if own or named else replace(claim, status="reported")


def _countries(speaker: str, gazetteer: Gazetteer) -> set[str | None]:
    """The countries a speaker's words name ("Armenia's defence ministry", "the Russian
    army")."""
    found: set[str | None] = set()
    for word in re.findall(r"\b[A-Z][a-z]{2,}", speaker):  # not "Al" (Albania)
        iso2 = gazetteer.demonym(word)
        if iso2 is None:
            country = next(
                (
                    c
                    for c in gazetteer.candidates(word, limit=3, skeleton="never")
                    if c.kind == "country"
                ),
                None,
            )
            iso2 = country.country_code if country else None
        if iso2:
            found.add(iso2)
    return found


_FORCES_OF = re.compile(r"^(?:Military|Police) Forces of |\s*\(.*\)$|^Unidentified Armed Group")
_GENERIC = frozenset({"Military", "Forces", "Police", "Group", "Armed", "Opposition", "Rebels"})


def is_party(quote: Quote) -> bool:
    """Whether the speaker of ``quote`` speaks for a party to the fighting."""
    words = f"{quote.speaker_title or ''} {quote.speaker or ''} {quote.cue or ''}"
    return bool(_PARTY.search(words)) or any(
        named.search(quote.speaker or "") for named in named_actors()
    )


def _speaker(quote: Quote) -> str | None:
    """The quote's speaker, unless it is no speaker: a dateline in capitals ("ADDIS ABABA"),
    a phrase that names nobody ("Neither side's account")."""
    name = quote.speaker
    if not name or _NO_ONE.match(name) or (name.isupper() and len(name) > 4):
        return None
    if name.lower() in _PRONOUNS:
        return None
    return name


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})


def _same_person(a: str, b: str) -> bool:
    """ "Lysenko" and "Dmytro Lysenko" are one speaker."""
    last_a, last_b = a.split()[-1:], b.split()[-1:]
    return a == b or (bool(last_a) and last_a == last_b)


# Words that say a confirmation was not, or not yet, made ("could not be independently
# verified", "was still being verified", "declined to confirm", "Neither claim could be
# independently verified").
_UNCONFIRMED = re.compile(
    r"\b(?:not|never|unable|no independent|declined to|refused to|yet to|still being|"
    r"difficult|hard|impossible|neither|nobody|no one|none)\b",
    re.IGNORECASE,
)
_CONFIRMING = frozenset({"confirm", "verify", "corroborate", "acknowledge"})
# A toll confirmed ("31 people had been confirmed dead", "it had confirmed 10 deaths") confirms
# a count, not a party's claim.
_TOLL_CONFIRMED = re.compile(
    r"\bconfirmed (?:dead|killed|deaths?|\d[\d,]* (?:deaths|dead|killed|people|bodies))\b",
    re.IGNORECASE,
)


def confirmed_later(annotated: Annotated, events: Sequence[Event]) -> list[Event]:
    """Claims that a later sentence of the story confirms without telling the act again ("A
    police spokesman confirmed the attack", "Videos verified by Reuters showed soldiers inside
    the compound"): the nearest current act told before it, if a party claimed it, becomes
    ``confirmed`` by the confirmer, unless the confirmer is its claimant, the sentence says
    the confirmation was not made, or what it confirms is a toll. An act reported by police or
    witnesses stays ``reported``: there is no claim to confirm."""
    confirmed = list(events)
    told = {span.start for event in events for span in event.evidence}
    tokens = annotated.tokens
    for sentence in annotated.sentences:
        if sentence.start in told:
            continue
        index = next(
            (
                i
                for i in range(sentence.token_start, sentence.token_end)
                if tokens[i].lemma.lower() in _CONFIRMING
            ),
            None,
        )
        words = annotated.document.article.text[sentence.start : sentence.end]
        if (
            index is None
            or _UNCONFIRMED.search(words[: tokens[index].end - sentence.start])
            or _TOLL_CONFIRMED.search(words)
        ):
            continue
        at = _nearest_before(confirmed, sentence.start)
        if at is None or confirmed[at].claim.status != "claimed":
            continue
        event = confirmed[at]
        by = subject_words(annotated, sentence, index) or _agent(annotated, sentence, index)
        if by and event.claim.by and _same_person(by, event.claim.by):
            continue
        confirmed[at] = replace(event, claim=Claim(by, None, "confirmed", event.claim.disputed_by))
    return confirmed


def _nearest_before(events: Sequence[Event], start: int) -> int | None:
    """The last current act (no statement, no history) told before ``start``."""
    found = None
    for at, event in enumerate(events):
        if (
            event.type != "statement"
            and not event.background
            and event.evidence[0].start < start
            and (found is None or event.evidence[0].start > events[found].evidence[0].start)
        ):
            found = at
    return found


def _agent(annotated: Annotated, sentence: Sentence, index: int) -> str | None:
    """The agent of a passive confirmation ("verified by Reuters")."""
    tokens = annotated.tokens
    by = next(
        (
            i
            for i in range(index + 1, min(sentence.token_end, index + 3))
            if tokens[i].dep == "agent"
        ),
        None,
    )
    if by is None:
        return None
    noun = next((i for i in range(by + 1, sentence.token_end) if tokens[i].head == by), None)
    if noun is None:
        return None
    first = next(
        (i for i in range(by + 1, noun) if tokens[i].head == noun and tokens[i].dep == "compound"),
        noun,
    )
    return annotated.document.article.text[tokens[first].start : tokens[noun].end]
