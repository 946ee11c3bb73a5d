"""The word lists slot reading and comparison rely on, and the lemma rules built on them.

The curated lists (opposites, synonyms, casualty events, denial verbs, ...) are data
in data/slot_lexicon.json, loaded once here, so they can be reviewed and extended
without reading the rules. ``corresponds`` and ``opposes`` say how two predicate
lemmas relate; ``normal_lemma`` and ``noun_key`` put words in the form the lists use.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from coverage.analysis.hedging import SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "slot_lexicon.json"
_LEXICON = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))

# Opposite predicates by lemma: each pair of sets is mutually exclusive for one subject.
OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(left), frozenset(right)) for left, right in _LEXICON["opposites"]
)
# Predicates that report the same event in other words; slots attach across them.
SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(group) for group in _LEXICON["synonyms"])
# Events whose counts are compared across wordings ("died", "deaths", "14 dead").
CASUALTY_EVENTS: dict[str, str] = _LEXICON["casualty_events"]
# Nouns that name the event themselves: "14 deaths" counts the dead, not some people.
EVENT_NOUNS = frozenset(_LEXICON["event_nouns"])
# How badly: "3 seriously injured" is not a count of all the injured.
SEVERITY: dict[str, str] = _LEXICON["severity"]
# Generic words for people: they count the same thing when the event matches.
PERSON_NOUNS = frozenset(_LEXICON["person_nouns"])
# Nouns for people in one role: a count of each is a part of a count of people.
PERSON_ROLES = frozenset(_LEXICON["person_roles"])
NOUN_SYNONYMS: dict[str, str] = _LEXICON["noun_synonyms"]
# Nouns whose figure is a count of something named beside them: "the death toll".
TALLY_NOUNS = frozenset(_LEXICON["tally_nouns"])
# Counted nouns that make a duration, an age or a multiple, not a count of things.
NOT_COUNTED = frozenset(_LEXICON["not_counted"])
DENIAL_VERBS = frozenset(_LEXICON["denial_verbs"])
# Things a denial verb denies when their clause follows: "rejected reports that ...".
REPORT_NOUNS = frozenset(_LEXICON["report_nouns"])
FALSE_WORDS = frozenset(_LEXICON["false_words"])
# Verbs with a particle that deny what they take: "ruled out arresting anyone".
DENIAL_PHRASES = frozenset(_LEXICON["denial_phrases"])
# Verbs that judge what they take by a word of FALSE_WORDS or FALSE_NOUNS: "called the
# claim that ... a fabrication", "dismissed the report as nonsense".
LABELLING_VERBS = frozenset(_LEXICON["labelling_verbs"])
FALSE_NOUNS = frozenset(_LEXICON["false_nouns"])
# What a doer denies of their own part in an act: "denied any wrongdoing".
GUILT_NOUNS = frozenset(_LEXICON["guilt_nouns"])
# Nouns for a figure someone gave: "rejected the figure" denies the count it gave.
FIGURE_NOUNS = frozenset(_LEXICON["figure_nouns"])
# States that say someone came to no harm: "walked away unhurt".
UNHURT_WORDS = frozenset(_LEXICON["unhurt_words"])
# What runs at a place, so that it "resumed" says the place was open: "flights resumed".
RUNNING_SERVICES = frozenset(_LEXICON["running_services"])
# Only one doer can fill these: a different named agent contradicts the claim.
EXCLUSIVE_AGENT_PREDICATES = frozenset(_LEXICON["exclusive_agent_predicates"])
# Things change hands from or to several places at once; people and vehicles do not.
TRANSFER_PREDICATES = frozenset(_LEXICON["transfer_predicates"])
# Lower-case words around a name that do not change which place it is: "the town of X".
GENERIC_PLACE_NOUNS = frozenset(_LEXICON["generic_place_nouns"])
# "the vessel" may be the ferry, "the company" the airline: such nouns never clash.
GENERIC_NOUNS = frozenset(_LEXICON["generic_nouns"])
# Words that make a figure what something may hold, not what it held: "licensed for 70".
CAPACITY_WORDS = frozenset(_LEXICON["capacity_words"])
# Bodies that act for their country: "Sarvenia summoned" is its foreign ministry's act.
STATE_ORGANS = frozenset(_LEXICON["state_organs"])

# Verbs that say little without their complement: their polarity is not compared, and
# their doers are not told apart ("the plant makes solvents", "the factory makes ...").
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "take", "go", "come"})
# Verbs whose complement clause is the content: "officials said (that) ...".
ATTRIBUTION_VERBS = (
    SPEECH_VERBS | {"believe", "think", "fear", "suspect", "find", "learn", "know", "show", "add"}
) - DENIAL_VERBS
# Verdicts read as the verb they stand for: "was found guilty" -> "convict".
VERDICT_WORDS = {"guilty": "convict", "innocent": "acquit"}
# Adjectives and participles read as the verb they come from.
_ADJECTIVE_LEMMAS = {
    "dead": "die",
    "alive": "survive",
    "injured": "injure",
    "wounded": "wound",
    # "are missing" is a state, whatever the tagger makes of it; "unaccounted for" too.
    "missing": "missing",
    "unaccounted": "missing",
}
# Every predicate lemma the lists above name.
KNOWN_LEMMAS = frozenset(
    {word for left, right in OPPOSITES for word in left | right}
    | EXCLUSIVE_AGENT_PREDICATES
    | {word for group in SYNONYMS for word in group}
    | set(CASUALTY_EVENTS)
)


def normal_lemma(token: Token) -> str:
    """The token's lemma as the lexicon lists it: "dead" -> "die", "closed" -> "close"."""
    word = token.lower_
    if word in _ADJECTIVE_LEMMAS:
        return _ADJECTIVE_LEMMAS[word]
    if word in VERDICT_WORDS:
        return VERDICT_WORDS[word]
    if token.pos_ == "ADJ" and word.endswith("ed"):
        # The tagger reads "closed" in "remain closed" as an adjective with itself as
        # lemma; the verb is what the lexicons know.
        for stem in (word[:-1], word[:-2], word[:-3]):
            if stem in KNOWN_LEMMAS:
                return stem
    return token.lemma_.lower()


_SYNONYM_GROUPS: dict[str, frozenset[int]] = {
    word: frozenset(index for index, group in enumerate(SYNONYMS) if word in group)
    for group in SYNONYMS
    for word in group
}


def corresponds(first: str, second: str) -> bool:
    """True when two predicate lemmas report the same event: equal or synonyms."""
    return first == second or bool(
        _SYNONYM_GROUPS.get(first, frozenset()) & _SYNONYM_GROUPS.get(second, frozenset())
    )


def opposes(first: str, second: str) -> bool:
    """True when two predicate lemmas are opposites in the curated lexicon."""
    return any(
        (first in left and second in right) or (first in right and second in left)
        for left, right in OPPOSITES
    )


def noun_key(lemma: str) -> str:
    """What a noun counts or names, for comparison: "people" for any person noun."""
    lemma = lemma.lower()
    if lemma in PERSON_NOUNS:
        return "people"
    return NOUN_SYNONYMS.get(lemma, lemma)


# Nouns as noun_key gives them that never clash with another participant.
GENERIC_KEYS = frozenset(noun_key(noun) for noun in GENERIC_NOUNS)
