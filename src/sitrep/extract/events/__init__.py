"""Events: each sentence that reports political violence, a protest or a strategic development,
with its ACLED type, date, place, actors, toll and claim.

Per mention (a sentence of the story or of each distinct caption, or the clause of one that
recalls an earlier act):

- the type: the first rule of ``data/events.toml`` whose patterns all match, weighed against
  the learned typing model (``classifier``; thresholds in ``kinds.TypingThresholds``), which
  also types sentences no rule reads and vetoes rule events it reads as none;
- the date: the day the sentence names, else the caption's date (in a caption), else the
  publication date; precision from the expression;
- the place: the most specific place the sentence names in an event role (a city over a
  province over a country), else the paragraph's, else the story's first;
- the actors, in the order the sentence names them: state forces from a demonym or a country
  ("Azerbaijani forces", "military forces of Armenia") or from their own names ("FARDC", "the
  Tatmadaw": ``[[force]]`` of ``data/actors.toml``), named groups (``[[actor]]`` there),
  police, protesters, civilians, unidentified gunmen; a state's forces acting in another
  country are ``external``; an attack on an armed side is an armed clash; an act on civilians
  whose target goes unnamed has civilians as its second side;
- the toll: the killed count of the toll reader;
- the claim: the speaker of a quotation or report that carries the sentence; ``disputed`` when
  another speaker denies or contradicts it;
- ``background`` for history and running totals ("has left hundreds dead", "since 1994").

Statements (``type = "statement"``, with their PLOVER type in ``plover``):

- violence in the future or conditional reports none yet: the parse shows its word under a
  future or modal auxiliary or a verb of threatening, planning or calling for ("threatened to
  strike", "called for rallies", "protesters will march"). The sentence is a statement, typed
  by the rules of ``data/statements.toml`` (REQUEST for "called for"), else THREATEN;
- a sentence with no ACLED trigger is a statement when a rule of ``data/statements.toml`` names
  its act (ACCUSE, REQUEST, REJECT, AGREE, CONSULT...) and it names a political actor (a
  government, an official, a named person, a country, a group). Reporting verbs alone ("said")
  are attribution, not acts. The act whose trigger sits nearest the root of the parse wins; a
  negated cooperative act ("will not attend the talks") is a REJECT; a material act in the
  future is an expressed intent: AGREE for aid or a withdrawal, THREATEN for sanctions;
- a statement whose verb governs the violence it names ("condemned the shelling", "denied
  shelling the town", "urged an end to the air strikes") is the statement, not the violence,
  unless the rule defers to it (an accusation reports the violence it alleges). Protesters stay
  protesters whatever they demand ("protesters demanded", "rallied, demanding");
- a few non-violent acts keep the ACLED type the rule gives them: raids, curfews and
  movements of forces are a strategic development, "Change to group/activity" (COERCE,
  MOBILIZE).

Figures on ACLED's own event descriptions are in ``bench/README.md`` (``python -m bench.acled``),
on PLOVER's example sentences too (``python -m bench.plover``).

Then one event per act in the story: a later report of the same act (the lead after the
headline, a follow-up paragraph, a caption) joins it, a denial disputes it, and what is out of
ACLED's scope (ordinary crime, drills, sport, disasters) is left out.

The stage in parts, each doing one thing: ``mentions`` (a sentence's acts), ``rules`` (the
rule files), ``classifier`` (the learned model), ``kinds`` (typing a mention),
``factuality`` (event or not: metaphors, acts to come, history, ACLED's scope), ``actors``,
``place``, ``when`` (the date), ``claims`` (stance across the story), ``merge`` (one event
per act) and ``stage``, which runs them in order.
"""

from sitrep.extract.events.kinds import classify
from sitrep.extract.events.stage import extract_events

__all__ = ["classify", "extract_events"]
