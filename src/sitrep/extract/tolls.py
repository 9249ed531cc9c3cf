"""Casualty counts of a sentence: killed, wounded, missing, detained and displaced, each apart.

The figures follow UCDP's best/low/high convention (see ``docs/tolls.md``):

- "12" → 12/12/12; "at least 12", "more than 12" → best 12, low 12, high open;
- "up to 12", "nearly 12" → best 12, high 12, low open; "about 12" → best 12 only;
- "between 10 and 15", "10 to 15" → best 10, low 10, high 15;
- "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2,000, "several" 3 (best and low);
- "hundreds, if not thousands" → best 200, low 200, high 1,000 (the least "thousands" can be);
- "two soldiers and three civilians were killed" → 5.

A number is a casualty count only when it is tied to a casualty word ("killed three", "three
were killed", "death toll rose to 17"); dates, ages, unit names, distances, money and counts of
things are never read. "Killed or wounded" together gives no count of either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitrep.clean.calendar import MONTH
from sitrep.numbers import NUMBER, parse_number
from sitrep.records import Count, Toll, TollKind

_KIND_WORDS: dict[TollKind, str] = {
    "killed": (
        r"killed|kill|kills|killing|dead|died|die|dies|deaths?|lives|shot\s+dead|slain|"
        r"executed|massacred|fatalities|bodies|perished|lost\s+their\s+lives|beheaded|"
        r"murdered|assassinated|lynched|gunned\s+down|stabbed\s+to\s+death|"
        r"burned\s+to\s+death|hacked\s+to\s+death|beaten\s+to\s+death|martyred|"
        # armies' word for fighters killed, as ACLED counts it: "neutralised 27 terrorists"
        # (not "neutralised 41 drones": ``_THINGS_AFTER``)
        r"neutrali[sz]ed|neutrali[sz]ing|eliminated|eliminating"
    ),
    "wounded": r"wounded|wounding|wounds|injured|injuring|injuries|hurt",
    "missing": r"missing|unaccounted\s+for",
    "detained": (
        r"detained|detaining|arrested|arresting|captured|capturing|abducted|abducting|"
        r"kidnapped|kidnapping|taken\s+prisoner|taken\s+hostage|held\s+captive|seized|"
        r"holding|held"
    ),
    "displaced": (
        r"displaced|displacing|fled|fleeing|forced\s+(?:from|out\s+of)|evacuated|"
        r"refugees|uprooted|made\s+homeless|from\s+their\s+homes"
    ),
}
_ANY_KIND = "|".join(f"(?P<{kind}>{words})" for kind, words in _KIND_WORDS.items())
_KIND_RE = re.compile(rf"\b(?:{_ANY_KIND})\b", re.IGNORECASE)

_PEOPLE = (
    r"people|persons?|civilians?|soldiers?|troops|servicem[ae]n|fighters?|militants?|"
    r"children|child|kids|women|woman|men|man|boys?|girls?|babies|baby|residents?|villagers?|"
    r"police(?:m[ae]n|\s+officers?)?|officers?|guards?|workers?|members?|protesters?|"
    r"demonstrators?|passengers?|students?|journalists?|rebels?|insurgents?|gunmen|attackers?|"
    r"family\s+members|relatives|others|pilgrims|worshippers|farmers|miners|doctors|medics|"
    r"paramedics|patients|staff|employees|migrants|refugees|detainees|prisoners|hostages|"
    r"nurses|pharmacists|teachers|traders|herders|shepherds|fishermen|travell?ers|colleagues|"
    r"grandchildren|siblings|brothers|sisters|sons|daughters|crew(?:\s+members)?|aid\s+workers|"
    r"peacekeepers|contractors|guards|recruits|conscripts|volunteers|reporters|photographers|"
    r"jawans|personnel|troopers|marines|commandos|paratroopers|sailors|gendarmes|militiamen|"
    r"cadres|"
    r"[A-Z][a-z]+(?:is|ans|ians|ese|ers|s)"
)
_VAGUE = {
    "dozens": (24, 24),
    "scores": (40, 40),
    "hundreds": (200, 100),
    "thousands": (2_000, 1_000),
    "tens of thousands": (20_000, 10_000),
    "hundreds of thousands": (200_000, 100_000),
    "millions": (2_000_000, 1_000_000),
    "several": (3, 3),
}  # word: (its best and low, its value as the upper end of "X, if not Y")
_VAGUE_WORD = (
    r"tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|"
    r"millions|several"
)
_QUANTITY = rf"(?:{NUMBER}|{_VAGUE_WORD})"
_AT_LEAST = r"at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|a\s+minimum\s+of"
_AT_MOST = r"up\s+to|as\s+many\s+as|nearly|almost|close\s+to|fewer\s+than|less\s+than"
_ABOUT = r"about|around|approximately|roughly|some|an\s+estimated|estimated|an\s+approximate"

_CURRENCY = (
    r"dollars|euros|pounds|naira|rupees|shillings|dinars|rials|riyals|pesos|francs|birr|"
    r"hryvnias?|rubles|roubles|yuan|lira|liras|USD|EUR|GBP"
)
# A count phrase: qualifier, quantity, and an optional alternative or upper end.
_COUNT = re.compile(
    rf"(?<![\w$€£.,-])(?:(?P<between>between)\s+)?"
    rf"(?:(?P<least>{_AT_LEAST})|(?P<most>{_AT_MOST})|(?P<about>{_ABOUT}))?\s*"
    rf"(?P<n>{_QUANTITY})"
    rf"(?:\s*(?:,|—|–|-)?\s*(?:if\s+not|possibly|perhaps|maybe|or\s+even)\s+(?P<alt>{_QUANTITY})"
    rf"|\s+(?:and|to|or)\s+(?P<upper>{NUMBER})(?![\w%])"
    rf"|(?<=\d)\s*[-–]\s*(?P<dash>\d+)"
    rf"|\s+or\s+more(?P<ormore>))?"
    rf"(?![\w%$]|\.\d|,\d|\s*(?:-|–)?\s*(?:year|month|week|day|hour|km|kilomet|mile|met(?:er|re)|"
    rf"percent|per\s+cent|%|a\.m|p\.m|o'clock|tons?|tonnes|{_CURRENCY}|million|billion|st\b|nd\b|rd\b|th\b))",
    re.IGNORECASE,
)
_ONE_PERSON = (
    r"person|man|woman|child|boy|girl|baby|infant|toddler|teenager|soldier|serviceman|"
    r"civilian|fighter|militant|resident|villager|policeman|police\s+officer|officer|guard|"
    r"worker|member|protester|demonstrator|passenger|student|journalist|reporter|"
    r"photographer|rebel|insurgent|teacher|doctor|medic|paramedic|nurse|farmer|technician|"
    r"driver|pilgrim|volunteer|employee|shepherd|fisherman|mother|father|husband|wife|son|"
    r"daughter|commander|official|mayor|priest|imam|herder|trader|vendor|pilot|colleague|"
    r"crew\s+member|pharmacist|grandfather|grandmother|grandchild|brother|sister|uncle|aunt|"
    r"cousin|nephew|niece|neighbou?r|relative|peacekeeper|contractor|aid\s+worker|"
    r"traveller|traveler|tourist|cameraman|interpreter|translator|lawyer|judge|activist|"
    r"youth|rider|motorcyclist|motorist|cyclist|occupant"
)
# One victim told by a definite name or a pronoun: "killing its rider", "shooting dead the
# driver", "stoned him to death".
_ONE_VICTIM = re.compile(
    rf"\b(?:killing|shooting\s+dead|stabbing\s+to\s+death)\s+(?:the|its|their|his|her)\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?:{_ONE_PERSON})\b(?!-)|"
    r"\b(?:stoned|beat|beaten|hacked|stabbed|burned|burnt|lynched|shot)\s+(?:him|her)\s+"
    r"(?:to\s+death|dead)\b",
    re.IGNORECASE,
)
# "a soldier", "one civilian", "a 67-year-old woman": one person.
_SINGLE = re.compile(
    rf"\b(?P<n>an?|one)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_ONE_PERSON})\b(?!-)", re.IGNORECASE
)
# "No one was killed", "nobody was hurt", "no soldiers were wounded": a count of none.
_NOBODY = re.compile(
    rf"\b(?:no(?:\s+|-)one|nobody|no\s+(?:[\w'’-]+\s+)?(?:{_PEOPLE}))\b(?!\s+else)", re.IGNORECASE
)
# "his 42-year-old father": one relative.
_RELATIVE = re.compile(
    r"\b(?P<n>his|her|their)\s+(?:[\w'’-]+\s+){0,2}?(?:father|mother|wife|husband|son|"
    r"daughter|brother|sister|grandfather|grandmother|uncle|aunt|cousin|nephew|niece)\b(?!-)",
    re.IGNORECASE,
)
# "Amina Yusuf, 54, was wounded": one named person, whose age is no count.
_AGED_NAME = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){0,3},\s*(?P<n>\d{1,3}),")
_FAMILY = re.compile(rf"\ba\s+family\s+of\s+(?P<n>{NUMBER})\b", re.IGNORECASE)

# What may stand between a count and the casualty word after it: people and their
# description, an auxiliary ("were", "have been"), an adverb. No other number, no other kind.
_BETWEEN_AFTER = re.compile(
    r"\s*[,—–-]?\s*(?:(?:of\s+)?(?:the\s+|them\s+|those\s+|whom\s+)?"
    r"(?:(?!(?:and|or|but|while|as|after|before|when)\s)(?:[\w'’-]+|\([\w'’ -]{1,20}\))\s+)"
    r"{0,7}?)?"
    r"(?:(?:were|was|are|is|have|has|had|been|being|reportedly|also|later|all|now|confirmed|"
    r"feared|believed|left|found|thought\s+to\s+be|said\s+to\s+be|who|in|the|attack)\s+){0,4}\Z",
    re.IGNORECASE,
)
# What may stand between a casualty word and the count after it: "killed at least", "killing",
# "death toll rose to", "claimed the lives of", "bodies of".
_BETWEEN_BEFORE = re.compile(
    r"(?:\s+(?:a|an|the|total|of|to|at|rose|risen|climbed|reached|stood|stands|hit|was|is|"
    r"has|had|now|number|bringing|raising|toll|overall|least|some|another|further|more|"
    r"including|among|them|those|leaving))*\s*\Z",
    re.IGNORECASE,
)
# A sentence's subject may take its casualty verb after another: "A shepherd stepped on a
# landmine and died".
_BETWEEN_AFTER_SUBJECT = re.compile(r"(?:\s+[\w'’-]+){1,8}?\s+and\s+\Z")
_PEOPLE_AFTER = re.compile(rf"\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_PEOPLE})\b", re.IGNORECASE)
_COMBINED = re.compile(
    rf"\s*(?:or|and|and/or)\s+(?:{_ANY_KIND})\b(?!\s+(?:at\s+least\s+)?\d)", re.IGNORECASE
)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b(?:aged|age|ages|brigade|battalion|regiment|division|unit|route|highway|road|no\.|"
    r"number|article|resolution|chapter|page|flight|gate|block|section|room|platform|"
    r"km|kilometers?|miles?|in|on|since|by|until|before|after|of\s+the|the\s+year)|[$€£#]|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)),?\s*\Z",
    re.IGNORECASE,
)
_CROWD_NEXT = re.compile(
    r"\s+(?:of\s+)?(?:[\w-]+\s+)?(?:mourners|protesters|demonstrators|marchers|supporters|"
    r"people)\s+(?:\w+\s+)?(?:marched|gathered|rallied|attended|joined|took to|turned out|"
    r"poured|assembled|chanted|carried|followed|walked)\b",
    re.IGNORECASE,
)
_LIVESTOCK_NEXT = re.compile(
    r"\s+(?:of\s+)?(?:head\s+of\s+)?(?:cattle|livestock|cows|goats|sheep|camels|donkeys|animals)\b",
    re.IGNORECASE,
)
_SUBSET_NEXT = re.compile(
    r"\s+of\s+(?:the\s+(?:dead|victims|killed|deceased)|those\s+(?:killed|dead|who\s+died))\b",
    re.IGNORECASE,
)
_AGES_BEFORE = re.compile(r"\b(?:aged|ages)\s+(?:between\s+)?(?:\d+\s*(?:,|and|to|-)\s*)+\Z")
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w'’-]+,\s*\Z")
_IMPLAUSIBLE = {
    "killed": 2_000_000,
    "wounded": 5_000_000,
    "missing": 2_000_000,
    "detained": 2_000_000,
    "displaced": 100_000_000,
}
_WINDOW = 80
# "The death toll from a suicide car bombing outside a busy restaurant in the capital on
# Friday evening has risen to 12": the toll's subject may stand further from its count.
_TOLL_WINDOW = 160


@dataclass(frozen=True, slots=True)
class _Phrase:
    count: Count
    kind: TollKind | None


def read_toll(text: str, start: int = 0, end: int | None = None) -> Toll:
    """The casualty counts of the sentence ``text[start:end]`` (offsets into ``text``)."""
    stop = len(text) if end is None else end
    text = _AGES_TOLD.sub(lambda told: " " * len(told.group()), text)
    phrases = list(_phrases(text, start, stop))
    counts: dict[TollKind, Count] = {}
    taken: dict[TollKind, list[_Phrase]] = {}
    for group in _groups(text, phrases):
        kinds = {phrase.kind for phrase in group if phrase.kind}
        if len(kinds) != 1:
            continue
        kind = kinds.pop()
        if kind not in counts:
            taken[kind] = group
        elif _told_apart(text, taken[kind][-1].count.end, group[0].count.start):
            taken[kind] = taken[kind] + group  # "two policemen were killed and three attackers"
        else:
            continue
        counts[kind] = _checked(_summed(taken[kind]), kind)
    return Toll(**counts)


# The victims' ages told between their count and what befell them ("two shepherds, brothers
# aged 15 and 19, were killed"): read as blanks, so that the count reaches its verb (offsets
# kept).
_AGES_TOLD = re.compile(
    r",\s+(?:[\w'’-]+\s+){0,3}?aged\s+\d{1,3}(?:(?:,\s*|\s+and\s+|\s+to\s+)\d{1,3})*,"
    r"(?=\s+(?:were|was|have|has|had)\b)",
    re.IGNORECASE,
)
# Two sides' dead told one after the other: "Two policemen were martyred and three attackers
# killed", "killing four soldiers; two attackers were also killed".
_TOLD_APART = re.compile(
    r"\s+(?:[\w'’-]+\s+){1,3}?(?:were|was|have been|had been)\s+(?:killed|martyred|shot dead)"
    r"\s*(?:,\s*)?(?:and|while|;)\s*\Z|\s+(?:[\w'’-]+\s*){0,3}?;\s*\Z"
)


def _told_apart(text: str, end: int, start: int) -> bool:
    return 0 <= start - end <= _WINDOW * 2 and bool(_TOLD_APART.match(text[end:start]))


def _phrases(text: str, start: int, end: int) -> Iterator[_Phrase]:
    matches: list[re.Match[str]] = []
    subsets = [m.span("inclusion") for m in _INCLUDED.finditer(text, start, end)]
    for pattern in (_NOBODY, _FAMILY, _AGED_NAME, _COUNT, _SINGLE, _RELATIVE, _ONE_VICTIM):
        for match in pattern.finditer(text, start, end):
            overlaps = any(m.start() < match.end() and match.start() < m.end() for m in matches)
            inside = any(a <= match.start() < b for a, b in subsets)
            if (
                not overlaps
                and not inside
                and not _excluded(text, match)
                and _count_of(match) is not None
            ):
                matches.append(match)
    starts = sorted(match.start() for match in matches)
    for match in sorted(matches, key=lambda m: m.start()):
        count = _count_of(match)
        assert count is not None
        kind: TollKind | None = "killed" if match.re is _ONE_VICTIM else None  # verb inside
        yield _Phrase(count, kind or _kind_of(text, match.span(), start, end, starts))


def _excluded(text: str, match: re.Match[str]) -> bool:
    if _NO_BEFORE.search(text, max(0, match.start() - 4), match.start()):
        return True  # "No one else was killed": nobody more, not one
    if match.re is _SINGLE:  # "…killing 11 civilians, a doctor and residents told AFP"
        return bool(_SPEAKS_AFTER.match(text, match.end()))
    if match.re is not _COUNT:
        return False
    before = text[max(0, match.start() - 30) : match.start()]
    if _NOT_A_COUNT_BEFORE.search(before) and match.group("n")[0].isdigit():
        return True
    if _AGES_BEFORE.search(before):
        return True  # "The three, aged 19, 21 and 24, were killed": ages, not counts
    if _CROWD_NEXT.match(text, match.end()):
        return True  # "Thousands of mourners marched behind the bodies": a crowd, not the dead
    if _SUBSET_NEXT.match(text, match.end()):
        return True  # "Two of the dead were brothers": some of a toll told before
    if _LIVESTOCK_NEXT.match(text, match.end()):
        return True  # "drove off hundreds of cattle": animals, not people
    if _YEAR.fullmatch(match.group("n")) and not _PEOPLE_NEXT.match(text, match.end()):
        return True  # "the 2019 killing of 23 villagers": a year, not a count
    if match.group("n")[0].isdigit() and _MONTH_NEXT.match(text, match.end()):
        return True  # "MAPUTO, 4 June (Lusa) - Insurgents beheaded three men": a day
    following = text[match.end() : match.end() + 2]
    return bool(_AGE_AFTER_NAME.search(before) and following.startswith(","))


_YEAR = re.compile(r"(?:19|20)\d\d")
_NO_BEFORE = re.compile(r"\bno[\s-]\Z", re.IGNORECASE)
_MONTH_NEXT = re.compile(rf"\s+{MONTH}(?![\w'’])")
# Those the dead include, set off by commas after the count of people: "At least 17 people,
# including a police officer, were killed" counts 17, not one.
_INCLUSION = r",\s+(?:including|among them)\s+[^,;.()]{1,60}?,(?=\s)"
_INCLUDED = re.compile(rf"\b(?:{_PEOPLE})(?P<inclusion>{_INCLUSION})", re.IGNORECASE)
_INCLUSION_RE = re.compile(_INCLUSION, re.IGNORECASE)
_PEOPLE_NEXT = re.compile(rf"\s+(?:{_PEOPLE})\b", re.IGNORECASE)


# One person who speaks is a source, not a victim: "a doctor said", "a doctor and residents told".
_SPEAKS_AFTER = re.compile(
    r"(?:\s+and\s+(?:[\w'’-]+\s+){0,3}?)?\s*(?:told|said|says|reported|recalled)\b", re.IGNORECASE
)


def _count_of(match: re.Match[str]) -> Count | None:
    groups = match.groupdict()
    if match.re is _AGED_NAME:
        return Count(1, 1, 1, match.group(0).rstrip(", "), match.start(), match.end())
    if match.re is _NOBODY:
        return Count(0, 0, 0, match.group(0), match.start(), match.end())
    if match.re is _ONE_VICTIM:
        return Count(1, 1, 1, match.group(0), match.start(), match.end())
    value, vague_low = _value(groups["n"])
    if value is None:
        return None
    best: int | None = value
    low: int | None = value
    high: int | None = value
    if vague_low is not None or groups.get("least") or groups.get("ormore") is not None:
        high = None
    if groups.get("most"):
        low = None
    if groups.get("about"):
        low = high = None
    upper = groups.get("alt")
    if upper:
        high = _upper_value(upper)
    elif groups.get("upper") or groups.get("dash"):
        high = parse_number(groups.get("upper") or groups["dash"])
        if high is None or high < value:
            return None  # "3 or 2": not a range
    text = match.group(0).strip()
    return Count(best, low, high, text, match.start(), match.end())


def _value(quantity: str) -> tuple[int | None, int | None]:
    """A quantity's value, and its low end when it is vague ("dozens")."""
    vague = " ".join(quantity.lower().split())
    if vague in _VAGUE:
        return _VAGUE[vague][0], _VAGUE[vague][0]
    if vague in ("a", "an", "his", "her", "their"):
        return 1, None
    return parse_number(quantity), None


def _upper_value(quantity: str) -> int | None:
    vague = " ".join(quantity.lower().split())
    return _VAGUE[vague][1] if vague in _VAGUE else parse_number(quantity)


def _kind_of(
    text: str, span: tuple[int, int], start: int, end: int, counts: list[int]
) -> TollKind | None:
    """The casualty word this count is tied to: just before it ("killing 12", "death toll rose
    to 17") or after it ("12 were killed"). A casualty word in a threat or a forecast ("could
    kill thousands", "threatened to kill 50") ties the count to nothing."""
    # The casualty word must not lie beyond another count: "a boy was among three wounded".
    earlier = [c + 1 for c in counts if c < span[0]]
    window_start = max([start, span[0] - _WINDOW, *earlier])
    window_end = min([end, span[1] + _WINDOW, *(c for c in counts if c > span[0])])
    toll = _TOLL_BEFORE.search(text, max([start, span[0] - _TOLL_WINDOW, *earlier]), span[0])
    if toll:
        return "killed"
    before = list(_KIND_RE.finditer(text, window_start, span[0]))
    if before:
        last = before[-1]
        if _BETWEEN_BEFORE.match(text[last.end() : span[0]]):
            if _HYPOTHETICAL.search(text, max(0, last.start() - 30), last.start()):
                return None
            people_follow = _PEOPLE_AFTER.match(text, span[1], end)
            if _PEOPLE_NEEDED.fullmatch(last.group(0)) and not people_follow:
                return None
            if _THINGS_AFTER.match(text, span[1], end):
                return None  # "neutralised 41 drones", "killed … 3 explosive devices"
            if _ARMY_WORD.fullmatch(last.group(0)) and _VAGUE_COUNT.search(text, *span):
                return None  # an army's "neutralised several terrorists" is no count
            if not _combined_before(text, last):
                return _matched_kind(last)
    after_start = span[1]
    for match in _KIND_RE.finditer(text, after_start, window_end):
        between = _INCLUSION_RE.sub(" ", text[after_start : match.start()])
        coordinated = span[0] == start and re.search(r"\band\s+\Z", between)
        pattern = _BETWEEN_AFTER_SUBJECT if coordinated else _BETWEEN_AFTER
        if pattern.match(between) and not re.search(r"\b\d+\b", between):
            if _COMBINED.match(text, match.end(), end):
                return None
            if _ARMY_WORD.fullmatch(match.group(0)) and _VAGUE_COUNT.search(text, *span):
                return None  # "several terrorists neutralised"
            return _matched_kind(match)
        break
    return _killed_later(text, span, end, counts)


# The people a sentence counts, killed by a verb told later with "them": "a crowd stopped
# three young men at a checkpoint, accused them of spying, and beat and burned them to death".
_THEM_KILLED = re.compile(
    r"\b(?:stoned|beat|beaten|hacked|stabbed|burned|burnt|lynched|shot|killed|executed)\s+"
    r"(?:[\w-]+\s+){0,2}?them\s+(?:to\s+death|dead)\b",
    re.IGNORECASE,
)
_THEM_REACH = 200  # characters from the count to the verb


def _killed_later(text: str, span: tuple[int, int], end: int, counts: list[int]) -> TollKind | None:
    limit = min([end, span[1] + _THEM_REACH, *(c for c in counts if c > span[0])])
    if _PEOPLE_AFTER.match(text, span[1], limit) and _THEM_KILLED.search(text, span[1], limit):
        return "killed"
    return None


_TOLL_BEFORE = re.compile(
    r"\b(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|victims|"
    r"(?:people|those)\s+(?:who\s+)?(?:died|were\s+killed|killed)))\b[^.;\d]{0,120}?\b"
    r"(?:to|at|of|was|is|reached|hit)\s+(?:at\s+least\s+|more\s+than\s+)?\Z"
    r"|\b(?:claimed|took|cost)\s+the\s+lives\s+of\s+\Z",
    re.IGNORECASE,
)
# Verbs that take things as often as people: "seized 12 weapons" is no detention.
_PEOPLE_NEEDED = re.compile(r"seized|holding|held|captured|capturing", re.IGNORECASE)
_ARMY_WORD = re.compile(r"neutrali[sz]\w*|eliminat\w*", re.IGNORECASE)
_VAGUE_COUNT = re.compile(r"\b(?:several|some|many|few|dozens?|scores|hundreds)\b", re.IGNORECASE)
_THINGS_AFTER = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,2}?(?:drones?|uavs?|devices?|ieds?|mines?|bombs?|explosives|"
    r"missiles?|rockets?|shells?|projectiles?|cells?|vehicles?|weapons?)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|may|will|threaten\w*\s+to|vow\w*\s+to|plan\w*\s+to|"
    r"warn\w*\s+(?:it\s+)?(?:would|could)|risk\w*)\s+\Z",
    re.IGNORECASE,
)


def _combined_before(text: str, match: re.Match[str]) -> bool:
    """ "killed or wounded 12": a count of both together."""
    before = text[max(0, match.start() - 30) : match.start()]
    return bool(re.search(rf"\b(?:{_ANY_KIND})\s+(?:or|and|and/or)\s+\Z", before, re.IGNORECASE))


def _matched_kind(match: re.Match[str]) -> TollKind | None:
    for kind in _KIND_WORDS:
        if match.group(kind):
            return kind
    return None


def _groups(text: str, phrases: list[_Phrase]) -> Iterator[list[_Phrase]]:
    """Counts joined by "and" or commas with only people between them: "two soldiers and three
    civilians", summed as one figure."""
    ordered = sorted(phrases, key=lambda p: p.count.start)
    group: list[_Phrase] = []
    for phrase in ordered:
        kinds = {p.kind for p in group if p.kind}
        compatible = phrase.kind is None or not kinds or kinds == {phrase.kind}
        if (
            group
            and compatible
            and _conjoined(text, group[-1].count.end, phrase.count.start)
            and not _apposed_one(text, group[-1].count.end, phrase.count)
        ):
            group.append(phrase)
            continue
        if group:
            yield group
        group = [phrase]
    if group:
        yield group


_CONJOINED = re.compile(
    rf"\s*(?:(?:[A-Z][\w'’-]*\s+)?(?:{_PEOPLE})\s*)?(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:his|her|their|its|the)\s+)?\Z"
)


def _conjoined(text: str, end: int, start: int) -> bool:
    return 0 <= start - end <= _WINDOW and bool(_CONJOINED.match(text[end:start]))


def _apposed_one(text: str, end: int, count: Count) -> bool:
    """Whether a count of one after a comma is who gives the figure ("the toll had risen to
    19, an official at the ministry told Reuters"), not one more dead ("killing four
    policemen, a civilian and two children")."""
    return (
        " and " not in text[end : count.start]
        and _ONE_WHO_SAYS.match(text, count.start) is not None
    )


# "an official at the health ministry told Reuters", "a police spokesman said"
_ONE_WHO_SAYS = re.compile(
    r"an?\s[^,;.]{0,80}?\b(?:said|says|told|added|confirmed)\b", re.IGNORECASE
)


def _summed(group: list[_Phrase]) -> Count:
    if len(group) == 1:
        return group[0].count
    counts = [phrase.count for phrase in group]

    def total(values: list[int | None]) -> int | None:
        return None if any(v is None for v in values) else sum(v for v in values if v)

    return Count(
        total([c.best for c in counts]),
        total([c.low for c in counts]),
        total([c.high for c in counts]),
        " + ".join(c.text for c in counts),
        counts[0].start,
        counts[-1].end,
    )


def _checked(count: Count, kind: TollKind) -> Count:
    if count.best is not None and count.best > _IMPLAUSIBLE[kind]:
        return Count(
            None,
            None,
            None,
            count.text,
            count.start,
            count.end,
            reason=f"implausible number of {kind} ({count.best:,})",
        )
    return count
