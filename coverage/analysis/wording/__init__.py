"""How each outlet names the same actors and describes the same actions.

Actors are the named parties of an event: spaCy entities (ORG, PERSON, GPE, NORP
nouns, FAC, LOC), runs of proper nouns the model did not tag, and all-capital
acronyms. Their names are folded across the event with names.fold_names, so
"Hayat Tahrir al-Sham", "Hay’at Tahrir al-Sham" and "HTS" are one actor, and an
outlet's spelling ("Kiev" or "Kyiv") stays visible as the name it used.

Labels are the common nouns outlets use for groups of people, from a curated
lexicon (GROUP_LABELS) that also says how loaded each word is: "terrorists",
"militants", "rebels", "jihadists", "militias", "fighters", and "group" or
"organization" when a qualifier makes it a label ("extremist groups", "the militant
group", "terrorist organization"). Ideological and loaded qualifiers stay part of
the label ("Islamist groups"); nationalities do not ("Syrian jihadists" ->
"jihadists"), because they say where people are from, not what they are called.

A label is tied to an actor in two ways:

1. By syntax, when the sentence itself says whom it means: a name right before the
   label ("Tuareg militants", "the Hayat Tahrir al-Sham terrorist organization"),
   a name after "from", "of", "affiliated with", "led by" or in apposition
   ("militants from the HTS terrorist organization", "a coalition of militias and
   extremist groups, led by HTS"), or a possessive ("HTS's fighters").
2. By context, for a label with no name of its own ("the terrorists", "the militant
   group"): it refers to the group in focus, the group actor the article mentioned
   most recently; before the article has named any group, to the first one it names
   (ledes describe a group before the body names it). Group actors are those that
   some sentence of the event labels by syntax, so "Kyiv" or "the Khimik Group" never
   take "the militants".

Each use keeps its sentence, so a reader can check every attribution in context,
and its voice: the outlet's own words, words in quotation marks, or words it
attributes to a source ("the ministry said the attackers had fled", "claims
in Haldovian media that state hackers were behind it"). A minister's quoted
"thugs" is the minister's label, not the outlet's; so are a name a source gives
("whom the army calls terrorists", "blamed the fire on arsonists", "Police chief
Anna Berg: looters will ...") and one the outlet keeps at a distance ("the
so-called wreckers"); a label inside a source's own description ("sources in the
opposition said") is no label at all.

Groups without a name are compared too (``group_labels``): the people an event
is about whom outlets label differently, "rioters" / "protesters" /
"demonstrators", "migrants" / "refugees", "inmates" / "escapees" / "convicts".
A noun is a label for people when a general-English lexicon (data/group_nouns.json,
written from general usage, not from any evaluation event) knows it, or when general
signals agree that a plural noun names people: a person-like suffix ("-ers",
"-ists", "-ants", "-ees", "-ians", "-men"), the part it plays (the subject of
"marched", "fled" or "said", the object of "arrested", "evacuated" or "rescued"),
a modifier said of people ("angry", "trapped", "striking"), a relative clause with
"who", coordination with a known label or being said to be one ("these people are
gatecrashers"), and, with a sentence encoder, MiniLM placing the word nearer to
people than to things (to a few prototypes, and to the lexicon's own nearest nouns
for each). A name given to people ("men it described as heavies", "called the
strikers wreckers") is a label whatever the word; so is "the" with an adjective
that MiniLM leans to people ("the landless", "the needy"), and "crew members" or
"gang members" of a body the lexicon knows for people. A word the signals take for
people anywhere in the event counts wherever it stands as a plural noun.
Organisations, places, things and events that pass those tests ("insurers warned",
"containers were seized", "protests spread") are listed apart; one person ("said one
retired teacher", "the mayor") and an audience ("told reporters") are no group; words
for animals said of people ("these animals") count only when pointed at someone in
someone's words.

Labels of one family of the lexicon (words outlets use for one kind of people) are
one group; a label outside the families (or a generic "people", "two men", "a
small crowd") joins the group whose sentences in other outlets say the same thing
(MiniLM); and groups whose labels play the same part in the event in different
outlets join ("inmates escaped" / "the escaped criminals", both recaptured near the
coast), unless a label of each appears side by side in one sentence, which makes
them two groups ("police fired at protesters").

Places and acts are compared the same way (``place_act_labels``): a lexicon of
general English (data/place_act_nouns.json) lists words outlets use for one kind of
place or act ("camp" / "encampment" / "squat", "blockade" / "siege" / "occupation",
"raid" / "assault" / "crackdown"), with their adjectives ("peaceful blockade") and
voice; a family is shown when the event names its thing in two words or more.

Actions compare the evidence sentences of one matrix row across outlets: the verb
that carries the claim (the one whose own arguments share most words with the
assertion, attribution frames like "reports that" skipped) with its auxiliaries,
negation, hedging adverbs and hedging governors ("claimed to have captured",
"are allegedly training"), next to the sentence's hedging cues from hedging.py
("reports indicate", "according to"), which often carry the difference.

The modules:

- ``model``: mentions, label uses, their tone and voice, and actors across an event;
- ``lexicon``: the label lexicon, the people lexicon and the signals' word lists;
- ``mentions``: ``find_mentions``, the named actors of one sentence;
- ``voice``: whose words a token is in;
- ``actors``: ``describe_actors``, names and labels tied to actors;
- ``people``: ``group_labels``, labels for groups of people without a name;
- ``grouping``: those labels joined into groups;
- ``things``: ``place_act_labels``, the words outlets use for one place or act;
- ``actions``: ``predicate``, the verb phrase that carries a claim.
"""

from coverage.analysis.wording.actions import (
    Predicate,
    predicate,
)
from coverage.analysis.wording.actors import (
    describe_actors,
    label_counts,
)
from coverage.analysis.wording.grouping import (
    SAME_ROLE_SIMILARITY,
    SAME_ROLES,
    event_roles,
)
from coverage.analysis.wording.lexicon import (
    GENERIC_PEOPLE,
    GROUP_LABELS,
    PEOPLE_EVIDENCE,
    PEOPLE_GROUPS,
    PEOPLE_MARGIN,
    PEOPLE_NOUNS,
    QUALIFIERS,
    SAME_SCENE_SIMILARITY,
    STRONG_PEOPLE_MARGIN,
)
from coverage.analysis.wording.mentions import (
    find_mentions,
)
from coverage.analysis.wording.model import (
    ActorWording,
    LabelUse,
    Mention,
    Tone,
    Voice,
)
from coverage.analysis.wording.people import (
    group_labels,
    people_evidence,
    singular,
)
from coverage.analysis.wording.things import (
    PLACE_ACT_FAMILY,
    place_act_labels,
)

__all__ = [
    "GENERIC_PEOPLE",
    "GROUP_LABELS",
    "PEOPLE_EVIDENCE",
    "PEOPLE_GROUPS",
    "PEOPLE_MARGIN",
    "PEOPLE_NOUNS",
    "QUALIFIERS",
    "SAME_ROLES",
    "SAME_ROLE_SIMILARITY",
    "SAME_SCENE_SIMILARITY",
    "STRONG_PEOPLE_MARGIN",
    "ActorWording",
    "LabelUse",
    "Mention",
    "Predicate",
    "Tone",
    "Voice",
    "describe_actors",
    "event_roles",
    "find_mentions",
    "group_labels",
    "label_counts",
    "people_evidence",
    "place_act_labels",
    "PLACE_ACT_FAMILY",
    "predicate",
    "singular",
]
