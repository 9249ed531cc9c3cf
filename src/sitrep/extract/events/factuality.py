"""Event or not: what keeps a sentence that names an act from reporting one as a current
event: metaphors, histories and running totals, and acts still to come or negated."""

from __future__ import annotations

import re

from sitrep.extract.events.actors import UNIDENTIFIED
from sitrep.extract.events.parse import children
from sitrep.records import (
    ActorKind,
    Annotated,
    Event,
    Sentence,
)

NOT_EVENTS = re.compile(
    r"\b(?:price war|trade war|war of words|battle for (?:market|the)|market share|"
    r"battle for \w+['’]s (?:presidency|leadership|parliament|votes?)|"
    r"(?:televised|presidential|election|campaign) debate|"
    r"shares? (?:were |was )?(?:killed|hit)|killed (?:the|a) (?:bill|deal|proposal|motion)|"
    # what was weighed, or not seen: "weighing whether to lift restrictions on strikes", "No
    # gunfire was heard in the capital"
    r"(?:weigh|consider|debat|discuss|decid)(?:e|es|ed|ing)? whether|"
    r"\bno (?:gunfire|shots?|shooting|fighting|clashes|violence|explosions?|incidents?)\b"
    r"(?: \w+){0,4}? (?:was|were|has been|have been|had been) (?:heard|reported|seen|recorded)|"
    r"\bwithout (?:any )?(?:gunfire|shots?|shooting|fighting|clashes|explosions?|strikes?|"
    r"impacts?) being (?:heard|reported|seen|recorded)|"
    r"bombarded (?:by|with) (?:rain|questions|calls|messages|criticism|complaints)|"
    # what is still to be done: "treaties which have yet to be signed"
    r"\b(?:has|have|had|is|are|was|were) yet to\b|"
    # a court judging a past act: "prosecuted under the Chemical Weapons Act", "the jury heard"
    r"\b(?:prosecuted|pleaded (?:not )?guilty|stood trial|"
    r"went on trial|on trial for|(?:told|heard|said in) (?:the )?(?:court|jury|tribunal)|"
    r"(?:the )?(?:jury|court) (?:heard|was told))\b)",
    re.IGNORECASE,
)
# Drills, sport and disasters borrow the words of war: no ACLED event, though a statement may
# stand ("Turkey sent aid to Armenia after the earthquake").
BORROWED = re.compile(
    r"\b(?:(?:military |joint |naval |live-fire )?(?:drills?|exercises|war games)\b|"
    r"(?:military|joint|naval|live-fire|air|army) exercise\b|mock|"
    r"simulat\w+|(?:in|under) the scenario\b|(?:rescue|training|hostage) (?:drill|exercise)|"
    r"goal(?:keeper|s)?\b|derby|striker|midfielder|scored|football|cricket|wicket|"
    # a coach's words after a game: "It was a battle… We were under siege in the first half"
    r"(?:first|second) half\b|half-?time|kick-?off|after the (?:match|game)\b|head coach|"
    r"floods?\b|flooding|earthquake|quake|wildfires?|landslide|cyclone|hurricane|tornado|"
    r"boiler|gas leak|blaze|"
    # shows and fairs display weapons: "Drones, missiles draw crowds as IDEAS 2026 opens"
    r"(?:drone|light|air) shows?|arms (?:fair|expo|exhibition)|defen[cs]e (?:fair|expo|exhibition)|"
    r"exhibitions?|expos?\b|static display|on display|"
    # ceremonies fire guns in salute: "the thunder of a 21-gun salute", "graduation parade"
    r"(?:\d+|twenty-one)-gun salutes?|gun salutes?|passing-out parade|"
    r"graduation (?:parade|ceremony))",
    re.IGNORECASE,
)


BACKGROUND = re.compile(
    # "has left thousands dead", not "a blockade that has left petrol stations dry"
    r"\b(?:ha(?:s|ve) left(?=[^.;]{0,80}?\b(?:dead|killed|displaced|homeless|wounded|injured|"
    r"hungry|starving|famine|ruins|destroyed|deaths|casualties|people|civilians|refugees|"
    r"millions|thousands|hundreds)\b)|"
    # "has kept troops at five points since a ceasefire ended more than a year of fighting"
    r"since (?:an? |the )(?:[\w-]+ ){0,2}?(?:cease-?fire|truce) (?:ended|took effect|began)|"
    r"since (?:\d{4}|the (?:start|beginning|outbreak|takeover|coup|"
    r"invasion|uprising|revolution|war began|conflict began))|so far|in total|"
    # "over the past day" is today's news; "over the past month" a running total, and what a
    # side "has in the past denied" history
    r"(?:over|in) the past(?! (?:day|night|24 hours|few hours|hours)\b)|"
    r"in recent (?:weeks|months|years)|"
    r"ha(?:s|ve) (?:killed|displaced) more|"
    r"the (?:war|conflict|fighting) (?:has|have)|under .{0,40} control since|"
    # a trend: "Fighting in North Kordofan has intensified since the army drove the RSF out"
    r"(?:fighting|violence|clashes|attacks|raids|strikes) (?:in (?:[\w'’-]+ ){1,4})?ha(?:s|ve) "
    r"(?:\w+ )?(?:intensified|escalated|increased|surged|spread|worsened|grown|risen|"
    r"picked up)\b|"
    r"ha(?:s|ve) been (?:\w+ ){0,2}since (?:the )?(?:war|conflict|fighting|clashes|violence) "
    r"(?:erupted|began|broke out|started)|(?:which|who) (?:fought|battled) (?:alongside|against)|"
    r"ha(?:s|ve) been "
    r"(?:under|killed) since|ha(?:s|ve) (?:been )?(?:killed|displaced|abducted|kidnapped|"
    r"claimed|left) (?:more than|over|at least|nearly|almost|some|about|thousands|hundreds|"
    r"tens of thousands|\d[\d,]* (?:people|civilians))|ha(?:s|ve) (?:fought|waged|been fighting)|"
    # a standing accusation: "Rights groups have accused the military of carrying out strikes"
    r"ha(?:s|ve) (?:\w+ )?accused\b|"
    r"\b(?:last|previous) (?:year|month)'s|anniversary|years? ago|frequently|routinely|"
    r"regularly|repeatedly|have long|for years|^\s*last (?:week|month|year)\b|"
    # long past or a period's total: "a decades-old mass grave", "in the first three months of
    # the year"
    r"\bdecades?[- ](?:old|ago)\b|\bin the (?:first|last) (?:\w+ )?(?:months?|weeks?|quarter|half) "
    r"of (?:the|this|last) year|"
    # forces stationed, not moved: "About 2,500 US troops are deployed in Iraq"
    r"\b(?:are|is|remain|remains) (?:still )?(?:deployed|stationed|based)\b|"
    # a war told as a standing condition: "as fighting between the military and resistance
    # groups cuts roads and keeps farmers from their fields"
    r"\b(?:fighting|clashes|conflict|war) between [^.;]{0,80}?\b(?:cuts|keeps|continues|rages|"
    r"grinds on|drags on|persists|disrupts|chokes|has (?:cut|kept|disrupted|choked))\b|"
    # "Israel has carried out hundreds of strikes in Syria since Assad's fall"
    r"ha(?:s|ve) (?:carried out|conducted|launched|staged|mounted) (?:hundreds|thousands|dozens|"
    r"scores|numerous|countless|repeated|a series)\b|"
    r"(?:several|many|multiple|numerous) times|on (?:several|many|numerous) occasions|"
    r"ha(?:s|ve) been (?:hit|struck|targeted|rocked|shaken) by (?:several|many|multiple|numerous|"
    r"repeated|a (?:series|string|wave) of)\b|"
    # a side told by what it has done: "fighting 'armed criminal groups' that have attacked
    # soldiers, police and civilians"
    r"\b(?:groups?|rebels|militants|insurgents|gangs|militias?)\W{0,2}\s+(?:that|who|which) "
    r"ha(?:s|ve) (?:\w+ )?(?:attacked|killed|targeted|abducted|kidnapped|raided)\b|"
    r"ha(?:s|ve) seen (?:\w+ ){0,2}?(?:fighting|clashes|attacks|violence|raids|shelling)|"
    r"over (?:several|many|a few|two|three|four|\d+) (?:weeks|months|years)\b|"
    r"repeated (?:fighting|clashes|attacks|raids|shelling|strikes)|"
    # a course of action since some past point: "The RSF has been pushing into Kordofan since
    # taking control of most of Darfur"
    r"ha(?:s|ve) been \w+ing\b[^.;]{0,60}?\bsince (?:\w+ing\b|the (?:war|conflict)\b|"
    r"last (?:year|month)|(?:19|20)\d\d)|"
    # an act a court judges: "sentenced a militia commander to life in prison for ordering the
    # massacre", "judges found that fighters under his command had attacked"
    # (a headline's present: "Military court jails four soldiers over 2021 killing")
    r"(?:sentence[sd]|convict(?:ed|s)|jail(?:ed|s)|acquit(?:ted|s)|found guilty|indict(?:ed|s)) "
    r"(?:\S+ ){0,10}?"
    r"(?:for|of|over)\b|(?:judges|the court|the tribunal|the jury) found that)",
    re.IGNORECASE,
)
# A current act measured against the past ("its biggest gain since the war began", "the
# deadliest attack since 2019") is no history: the comparison is left out before ``BACKGROUND``
# is read.
_COMPARED_SINCE = re.compile(
    r"\b(?:most|first|worst|\w+iest|biggest|largest|greatest|highest|strongest|longest|"
    r"fiercest|gravest)\b[^.;:]{0,60}?\bsince\b[^,.;:]*",
    re.IGNORECASE,
)


# What a current act marks ("as they marked the first anniversary of demonstrations in which
# dozens of people were killed", "to mark 11 years since…"): the past it names is neither the
# act's time nor its toll.
_MARKED_PAST = re.compile(
    r"\b(?:mark\w*|commemorat\w*|remember\w*) (?:the )?(?:\w+ )?anniversary of[^,.;:]*|"
    # "gathered … to mark 11 years since the Islamic State group massacred air force cadets"
    r"\b(?:mark\w*|commemorat\w*|remember\w*) (?:\w+ ){1,2}(?:years?|months?|decades?) "
    r"(?:since|after)\b[^,.;:]*",
    re.IGNORECASE,
)


def without_marked_past(text: str) -> str:
    """``text`` with the past a current act marks blanked out, its offsets kept."""
    return _MARKED_PAST.sub(lambda match: " " * len(match.group(0)), text)


def recalls_history(text: str) -> bool:
    """Whether a sentence tells history or a running total (``BACKGROUND``) beyond comparing
    today's act with the past, describing a side by its past or marking an anniversary."""
    plain = without_marked_past(_TODAYS_COUNT.sub(" ", _COMPARED_SINCE.sub(" ", text)))
    return BACKGROUND.search(_DESCRIBED.sub(" ", plain)) is not None


# A lead in the present perfect that counts an armed side's victims tells today's act, not a
# running total ("Bandits have abducted at least 31 persons … in an overnight raid"; "The
# conflict has killed more than 6,000 people" is one).
_TODAYS_COUNT = re.compile(
    r"\b(?:gunmen|bandits|militants|attackers|assailants|armed men|kidnappers|abductors|"
    r"insurgents|jihadists|rebels|fighters|militiamen|separatists|troops|soldiers|police)\b"
    r"[^.;]{0,40}?\bha(?:s|ve) (?:killed|abducted|kidnapped|shot dead) (?:at least |more than |"
    r"over |nearly |almost |some |about )?(?:\d{1,3}(?![,.]?\d)|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|dozens)\b",
    re.IGNORECASE,
)


# A side described by its past between commas ("Fano, which has been fighting federal forces
# for two years, announced…") does today's act: the description is left out too.
_DESCRIBED = re.compile(r",\s+(?:which|who)\s+(?:has|have|had)\s+[^,;.]{3,120}?,", re.IGNORECASE)


# A byline, a credit line or a link to another story reports no act ("By Wanjiru Kamau and
# Otieno Ouma", "Read more: Somalia's army struggles to hold towns retaken from al-Shabab").
NO_REPORT_LINE = re.compile(
    r"^\s*(?:(?:By|Reporting by|Writing by|Editing by|Additional reporting by)\s+[A-Z]|"
    r"(?i:read more|also read|related|see also|more on this|watch|listen)\s*:)"
)
# An act dated this many days before the story's publication is history the story recalls.
RECALLED_AFTER_DAYS = 14


_FUTURE_AUX = frozenset(
    {"will", "would", "'ll", "could", "may", "might", "shall", "should", "must"}
)


_FUTURE_VERBS = frozenset(
    {"plan", "intend", "prepare", "expect", "aim", "seek", "want", "threaten", "vow", "warn",
     "pledge", "promise", "call", "urge", "demand", "ask", "contemplate", "consider", "mull"}
)  # fmt: skip


def is_negated(annotated: Annotated, sentence: Sentence, index: int) -> bool:
    """Whether the act at token ``index``, or the verb it is the object of ("would not attend
    the talks"), is negated."""
    tokens = annotated.tokens
    heads = [index]
    if tokens[index].dep in ("dobj", "xcomp", "attr") and tokens[index].head != index:
        heads.append(tokens[index].head)
    return any(
        tokens[i].dep == "neg" for head in heads for i in children(annotated, sentence, head)
    )


# Going somewhere to do something tells the aim, not the act ("officers entered the area
# before dawn to arrest leaders of the gang").
# A crowd that goes somewhere to protest protests there ("thousands gathered to protest").
_MOVES = frozenset(
    {"enter", "deploy", "send", "dispatch", "move", "go", "come", "arrive", "head", "travel",
     "launch", "mobilize", "mobilise"}
)  # fmt: skip
_CROWD_ACTS = frozenset({"protest", "demonstrate", "rally", "march", "picket", "riot", "strike"})


def _purpose(annotated: Annotated, sentence: Sentence, index: int) -> bool:
    token = annotated.tokens[index]
    return (
        token.dep in ("advcl", "xcomp")
        and token.lemma.lower() not in _CROWD_ACTS
        and annotated.tokens[token.head].lemma.lower() in _MOVES
        and any(
            annotated.tokens[i].dep == "aux" and annotated.tokens[i].text.lower() == "to"
            for i in children(annotated, sentence, index)
        )
    )


def is_future(annotated: Annotated, sentence: Sentence, index: int) -> bool:
    """Whether the act at token ``index`` is still to come: it, or a verb it depends on, has a
    future or modal auxiliary ("would release"), is a plan ("plans to impose") or the aim of
    a movement ("entered the area to arrest")."""
    tokens = annotated.tokens
    if _purpose(annotated, sentence, index):
        return True
    for _ in range(sentence.token_end - sentence.token_start):
        if tokens[index].lemma.lower() in _FUTURE_VERBS or any(
            tokens[i].dep == "aux" and tokens[i].text.lower() in _FUTURE_AUX
            for i in children(annotated, sentence, index)
        ):
            return True
        if tokens[index].head == index:
            return False
        index = tokens[index].head
    return False


# ACLED's scope: political violence needs an organised side (ACLED codebook: ordinary crime by
# individuals is out of scope); arrests count when of militants, activists or politicians;
# agreements when between armed or political parties.
ORGANISED: frozenset[ActorKind] = frozenset(
    {"state_forces", "police", "rebels", "militia", "external", "unknown"}
)
_MILITARY = re.compile(
    r"\b(?:artillery|mortars?|rockets?|missiles?|shell(?:s|ed|ing|fire)|small arms|"
    r"(?:heavy )?machine-?guns?|gunfire|bursts?|airstrikes?|air strikes?|drones?|troops|"
    r"soldiers?|servicem[ae]n|militants?|rebels?|insurgents?|forces?|militia\w*|settlers|hostages?|brigades?|"
    r"battalions?|regiments?|clashes|(?:heavy|fierce|intense|renewed) fighting|"
    r"ethnic cleansing|front ?line|checkpoints?|assassinat\w*|grenades?|landmines?|IEDs?)\b",
    re.IGNORECASE,
)
# The armed sides: who fights, attacks, claims an attack or makes an arrest that ACLED counts.
ARMED: frozenset[ActorKind | None] = frozenset({"state_forces", "rebels", "militia", "external"})
_POLITICAL_ARREST = re.compile(
    r"\b(?:militants?|rebels?|insurgents?|fighters?|terror\w*|jihad\w*|extremists?|"
    r"separatists?|opposition|activists?|protesters?|demonstrators?|journalists?|"
    r"politicians?|lawmakers?|leaders?|party|members? of|commanders?|(?:suspected|suspicion) of "
    r"(?:plotting|planning|involvement|taking part)|(?:role|involvement|part) in the (?:\w+ )?"
    r"(?:violence|riots?|unrest|clashes|attacks?|protests?|rampage)|bomb\w*|attacks?|coup|spy|spies|espionage|treason|dissidents?|"
    r"(?:linked|connected) to the (?:\w+ )?(?:abduction|kidnapping|killings?|massacre|ambush)|"
    r"in connection with the (?:\w+ )?(?:abduction|kidnapping|killings?|massacre|ambush)|"
    r"critics?|rioters?|gang leaders?|cartel|collaborat\w*|spying|sedition|bandits)\b",
    re.IGNORECASE,
)
# Dozens arrested at once are a crackdown, unless the story says for what crimes.
_MASS_ARREST = re.compile(r"\b\d{2,}(?:,\d{3})* (?:people|men|persons|suspects)\b", re.IGNORECASE)
_CRIME = re.compile(
    r"\b(?:drugs?|narcotics|cocaine|heroin|marijuana|robber(?:y|ies)|theft|thie(?:f|ves)|stolen|"
    r"burglar\w*|fraud|dui|drunk\w*|shoplift\w*|carjack\w*|various crimes|petty crimes?|"
    r"traffic offen[cs]es|domestic (?:dispute|violence))\b",
    re.IGNORECASE,
)
_NOT_PARTIES = re.compile(
    r"\b(?:plea|nodded|in agreement|licensing|trade|merger|joint statement|open letter|"
    r"signed (?:a |an |the )?(?:statement|letter)|petition|confession)\b",
    re.IGNORECASE,
)


# What an agreement between armed or political parties settles: one with no party named is a
# conflict's only when it names one of these ("The airline signed the agreement in Paris" is
# not).
_SETTLES = re.compile(
    r"\b(?:cease-?fire|truce|peace|armistice|prisoners?|hostages?|captives?|abduct\w*|kidnap\w*"
    r"|withdraw\w*|surrender\w*|evacuat\w*|swap|exchange|disarm\w*|demobili[sz]\w*|hand-?over"
    r"|freed|released|de-?escalat\w*|corridor)",
    re.IGNORECASE,
)


# A crowd that mourns or marks an anniversary, and asks for nothing, commemorates: no protest
# ("gathered at the station to mark nine years since the bombing, laying carnations").
_COMMEMORATES = re.compile(
    r"\b(?:to (?:mark|commemorate|remember|honou?r|mourn)|in memory of|(?:laying|laid|lay) "
    r"(?:\w+ )?(?:wreaths?|flowers|carnations|roses)|(?:lighting|lit|light) candles|"
    r"memorial (?:service|ceremony|prayers?)|minute'?s silence|"
    r"(?:lighting|lit|light) (?:of )?(?:\w+ )?lamps)\b",
    re.IGNORECASE,
)
_DEMANDS = re.compile(
    r"\b(?:demand\w*|call(?:ed|ing|s)? for|protest\w*|chant\w*|slogans?|denounc\w*|"
    r"condemn\w*|against|justice|placards?|banners?|accountab\w*)\b",
    re.IGNORECASE,
)


# So many killed in one attack by an unnamed side, or by none named, is organised violence, not
# a crime ACLED leaves out ("Fifteen civilians … were killed on Sunday in an attack on a
# village", a headline's "17 killed in Bokkos village attack").
_MASS_KILLING = 5
# ...where the sentence tells the attack, not only its dead ("said between 40 and 60 people
# had been killed" goes on about an act told before).
_ATTACK_TOLD = re.compile(
    r"\b(?:attack|raid|assault|massacre|ambush|stormed|storming|gunmen|assailants)\w*\b",
    re.IGNORECASE,
)


def in_scope(event: Event, text: str) -> bool:
    """Whether an event of the mention ``text`` is in ACLED's scope: violence with an
    organised side, or with no side named but an army's weapons (not a lone gunman's
    shooting of a man); an arrest by an armed force or of a political or armed target (not
    the police's of a burglar); an agreement between parties, or one that settles a conflict's
    business where no party is named (not a plea deal, not a company's contract); no police
    work against ordinary crime ("Police confiscated drugs and weapons from his car"); no
    commemoration. Background events (running totals) are kept, but a fight recalled with
    neither an armed side nor a toll ("Aid workers say the fighting has cut the main supply
    road") is none."""
    if event.background:
        return (
            event.type != "battles"
            or event.fatalities is not None
            or any(
                actor is not None and actor.kind not in ("civilians", "protesters")
                for actor in (event.actor1, event.actor2)
            )
        )
    policing = event.actor1 is None or event.actor1.kind == "police"
    crime = bool(_CRIME.search(text))
    routine = policing and event.type == "strategic_developments"  # not a deadly raid
    if routine and crime and not _POLITICAL_ARREST.search(_CRIME.sub("", text)):
        return False
    sides = [actor.kind for actor in (event.actor1, event.actor2) if actor is not None]
    if event.type in ("violence_against_civilians", "battles"):
        # "bursts of fire near Avdiivka": nobody named, but the weapons are an army's; an
        # attacker nobody names ("each had been shot in the head") is a crime's, not an armed
        # group's, unless the weapons are an army's
        military = bool(_MILITARY.search(text))
        named = [k for k in sides if k != "unknown" or military or UNIDENTIFIED.search(text)]
        killed = event.fatalities.best if event.fatalities else None
        massacre = (
            killed is not None
            and killed >= _MASS_KILLING
            and not crime
            and bool(_ATTACK_TOLD.search(text))
        )
        return (
            (not sides and military)
            or any(kind in ORGANISED for kind in named)
            or (massacre and set(sides) <= {"unknown", "civilians"})  # "17 killed in attack"
        )
    if event.type == "protests" and _COMMEMORATES.search(text) and not _DEMANDS.search(text):
        return False
    if event.subtype == "Arrests":
        arrester = event.actor1.kind if event.actor1 else None
        arrested = event.actor2.kind if event.actor2 else None  # "an officer of the NPA"
        mass = not crime and bool(_MASS_ARREST.search(text))
        return (
            arrester in ARMED or arrested in ARMED or mass or bool(_POLITICAL_ARREST.search(text))
        )
    if event.subtype == "Agreement":
        return not _NOT_PARTIES.search(text) and (bool(sides) or bool(_SETTLES.search(text)))
    return True
