"""Slot-by-slot comparison of two statements of one claim.

Two outlets that state "the same" claim can still disagree on what matters most: a
figure, a day, a place, who did it, or whether it happened at all. Sentence
similarity cannot see that ("Twelve people were injured" and "At least 30 people were
injured" are near-paraphrases), so this package reads both statements into slots and
compares them one by one:

- quantities: a value or interval with its bound ("at least 30" is [30, inf), "about
  80" is [72, 88], "dozens" is [24, 99]), the unit or counted noun, the event it
  counts ("injured", "dead") and its role in the clause ("rose *to* 5%" vs "*by* 5%");
- times: weekday, day, month, year, clock time and part of day, with their role ("on",
  "since", "until"); "yesterday", "last night", "this morning" and a bare weekday in a
  clause about the past are dated from the article's publication date (``dated_slots``)
  and dropped where it is unknown, as are "last week" and other relative expressions;
- places: a proper name after a locative preposition, with its role ("near", "in",
  "some way from") and region ("in the north of X");
- agents and targets of each predicate, passive "by X" included;
- polarity: negation, denial frames ("denied that", "rejected reports that", "it is
  false that") and opposite predicates from a curated lexicon (raised/lowered,
  acquitted/convicted, ...).

Slots are only compared when they fill the same role: quantities must count the same
thing (same noun or synonym, same event, same role), times and places must hang off
corresponding predicates (same lemma or synonym) whose participants do not clash, and
a negation counts only when the negated predicate is the claim's own. Anything the
rules cannot read (an odd number, "last week", a place that may lie inside another)
is left uncompared rather than guessed, because a false contradiction on the matrix
is as harmful as a missed one.

compare_slots() returns a verdict with its findings in words ("12 injured vs at least
30 injured", "denies: 'the operator denied the ship was overloaded'"): conflict when any
slot contradicts the claim, unknown when nothing compares or the evidence is about
other participants ("roads" for "schools"), compatible when what both state agrees.
The word lists (opposites, synonyms, casualty events, ...) are data, in
data/slot_lexicon.json. Everything runs over a spaCy parse the caller usually has
already (the pipeline parses each sentence once); given only text, the shared pipeline
parses it lazily. Extraction costs about a millisecond a sentence, comparison less.

The modules, in the order a text goes through them:

- ``model``: the slots, findings and verdicts;
- ``lexicon``: the word lists and the lemma rules on them (``corresponds``, ``opposes``);
- ``syntax``: helpers over the parse that the readers share;
- ``clauses``: predicates with polarity and participants, and which clause a token is in;
- ``numbers`` and ``quantities``: figures as intervals, and what each counts;
- ``times`` and ``places``: reading each, and comparing two (``compare_times``);
- ``extraction``: ``extract_slots``, all of the above for one text;
- ``comparison``: ``compare_slots``, a claim's slots against an evidence text's.
"""

from coverage.analysis.slots.comparison import compare_slots, participants_same
from coverage.analysis.slots.extraction import dated_slots, extract_slots
from coverage.analysis.slots.lexicon import corresponds, opposes
from coverage.analysis.slots.model import (
    COMPATIBLE,
    CONFLICT,
    DIFFERENT,
    UNKNOWN,
    Finding,
    Outcome,
    Participant,
    ParticipantRole,
    Place,
    Predicate,
    Quantity,
    SlotComparison,
    SlotKind,
    Slots,
    Verdict,
    When,
)
from coverage.analysis.slots.numbers import parse_number
from coverage.analysis.slots.times import compare_times

__all__ = [
    "COMPATIBLE",
    "CONFLICT",
    "DIFFERENT",
    "UNKNOWN",
    "Finding",
    "Outcome",
    "Participant",
    "ParticipantRole",
    "Place",
    "Predicate",
    "Quantity",
    "SlotComparison",
    "SlotKind",
    "Slots",
    "Verdict",
    "When",
    "compare_slots",
    "compare_times",
    "corresponds",
    "dated_slots",
    "extract_slots",
    "opposes",
    "parse_number",
    "participants_same",
]
