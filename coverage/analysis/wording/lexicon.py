"""The words for groups of people: labels of named groups, the general-English people
lexicon (data/group_nouns.json), and the word lists of the general signals that a
plural noun names people."""

from __future__ import annotations

import json
from pathlib import Path

from coverage.analysis.wording.model import Tone

# Nouns that label a group of people on their own, by lemma.
GROUP_LABELS: dict[str, Tone] = {
    "terrorist": Tone.LOADED,
    "extremist": Tone.LOADED,
    "radical": Tone.LOADED,
    "mercenary": Tone.LOADED,
    "thug": Tone.LOADED,
    "jihadist": Tone.IDEOLOGICAL,
    "jihadi": Tone.IDEOLOGICAL,
    "islamist": Tone.IDEOLOGICAL,
    "rebel": Tone.SYMPATHETIC,
    "opposition": Tone.SYMPATHETIC,
    "resistance": Tone.SYMPATHETIC,
    "militant": Tone.NEUTRAL,
    "militia": Tone.NEUTRAL,
    "fighter": Tone.NEUTRAL,
    "insurgent": Tone.NEUTRAL,
    "gunman": Tone.NEUTRAL,
    "guerrilla": Tone.NEUTRAL,
    "paramilitary": Tone.NEUTRAL,
}
# Modifiers that are part of a label: "Islamist groups", "terrorist organization".
QUALIFIERS: dict[str, Tone] = {
    **GROUP_LABELS,
    "terror": Tone.LOADED,
    "islamic": Tone.IDEOLOGICAL,
    "armed": Tone.NEUTRAL,
}


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns for groups of people, from a general-English lexicon (data/group_nouns.json),
# by the kind of people they name. Which of them an outlet chooses ("rioters" or
# "protesters", "migrants" or "refugees") is the framing the layer shows.
GROUP_NOUNS_PATH = Path(__file__).resolve().parent.parent / "data" / "group_nouns.json"
_LEXICON = json.loads(GROUP_NOUNS_PATH.read_text(encoding="utf-8"))
PEOPLE_GROUPS: dict[str, tuple[str, ...]] = {
    family: tuple(words) for family, words in _LEXICON["families"].items()
}
FAMILY = {
    word: family for family, words in PEOPLE_GROUPS.items() for word in words if " " not in word
}
# Labels of two words or more: "rescue teams", "armed group", "asylum seekers".
COMPOUND_LABELS: dict[str, str | None] = {
    **{word: None for word in _LEXICON["people"] if " " in word},
    **{word: family for family, words in PEOPLE_GROUPS.items() for word in words if " " in word},
}
# Nouns for people that say nothing of which group ("civilians", "drivers", "officers"):
# labels that join the group their sentences describe.
PEOPLE_NOUNS = frozenset(word for word in _LEXICON["people"] if " " not in word)
# Words that name people only as a judgement and otherwise name animals or things
# ("these animals", "they are parasites").
EVALUATIVE = frozenset(_LEXICON["evaluative"])
# Nouns whose singular names a group ("the crew", "the mob", "the wounded"); the other
# people nouns outside the families are labels only in the plural ("one pensioner said"
# describes a witness, "pensioners" a group).
COLLECTIVE = frozenset(_LEXICON["collective"])
# Families whose singular labels the group too ("a protester was hurt"); in the others
# a singular names one person ("one retired teacher said").
SINGULAR_FAMILIES = frozenset(_LEXICON["singular_families"])
# Titles of one office-holder ("the mayor", "the prison governor"): labels of a group
# only in the plural ("mayors of the flooded towns").
INDIVIDUAL_TITLES = frozenset(_LEXICON["individual"])
# Those that are offices, written as part of a name ("Mayor Tomas Elling"); "boss" and
# "skipper" are the outlet's own words for whoever is in charge ("bank boss Brede").
OFFICES = INDIVIDUAL_TITLES - {"boss", "skipper"}
# Bodies of people that speak as an institution: a group where they act ("police fired
# tear gas", "cops", "riot police"), a source where they speak ("police said").
SPEAKING_BODIES = frozenset({"police"})
# Verbs whose object is the audience of a statement: "told reporters", "briefed envoys".
AUDIENCE_VERBS = frozenset({"tell", "brief", "inform", "assure", "reassure", "address"})
# Modifiers that say how many or which, not what the people are.
NOT_MODIFIERS = frozenset(
    {"other", "more", "many", "several", "some", "such", "half", "few", "most", "all", "hundred"}
)
# Words for people that say nothing of which group: "people", "two men", "a crowd".
GENERIC_PEOPLE = frozenset({"people", "man", "woman", "person", "crowd", "group", "youth"})
# Tones of the lexicon's words; the rest are neutral.
PEOPLE_TONES = {
    **dict.fromkeys(_LEXICON["loaded"], Tone.LOADED),
    **dict.fromkeys(_LEXICON["sympathetic"], Tone.SYMPATHETIC),
}
# Words that the general signals would take for people but that label no group:
# institutions ("unions said"), places, things and events ("protests", "containers").
NOT_GROUPS = frozenset(_LEXICON["not_people"])

# --- General signals that a plural noun names people (for words outside the lexicon) ---
#
# A noun outside the lexicon is a label for people when at least two signals agree:
# a person-like suffix ("escapees", "technicians"), the role it plays (the subject of
# "marched" or "said", the object of "arrested" or "evacuated"), a modifier said of
# people ("angry", "trapped", "striking"), a relative clause with "who", coordination
# with a known label ("carers and cleaners") or being said to be one ("these people
# are gatecrashers"), and, with a sentence encoder, MiniLM placing the word nearer to
# people than to things. A name given to people ("men it described as heavies") is
# enough alone.
PEOPLE_EVIDENCE = 2
# Endings of nouns for people: agents ("-er", "-or", "-ist", "-ant", "-ent", "-ee"),
# origins and trades ("-ian", "-ster"), "-man"; "-folk" and "-people" count twice.
PERSON_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ee", "ian", "ster", "man")
STRONG_SUFFIXES = ("folk", "people", "person", "woman")
THING_SUFFIXES = ("ment", "ness", "ship", "ism", "ity", "tion", "sion", "ance", "ence")
# Verbs whose subject is a person: speech, protest, movement of crowds, feelings.
HUMAN_SUBJECT_VERBS = word_set(
    """say tell claim insist admit deny allege recall recount describe explain complain
    shout chant scream yell cry weep sob wail pray mourn grieve cheer applaud clap sing
    march protest demonstrate rally riot loot storm picket strike boycott blockade
    occupy gather assemble congregate queue flee escape evacuate surrender hide abscond
    desert demand vow pledge threaten warn urge plead beg appeal petition refuse agree
    decide vote elect accuse blame criticise criticize condemn praise thank welcome fear
    worry hope want wish expect believe think hurl throw pelt attack assault clash fight
    battle kill shoot stab beat kidnap abduct rob steal smuggle traffick hijack ambush
    rescue search dig arrest detain negotiate meet walk wait sleep camp survive die
    drown starve suffer perish travel commute board disembark labour labor earn reside
    settle migrate emigrate immigrate swim climb watch witness phone celebrate dance
    vandalise vandalize torch"""
)
# Verbs whose object (or passive subject) is a person.
HUMAN_OBJECT_VERBS = word_set(
    """arrest detain jail imprison sentence convict charge prosecute indict question
    interrogate interview hold release free rescue evacuate relocate rehouse resettle shelter
    feed injure wound hurt kill murder shoot execute torture beat kidnap abduct
    recapture hunt chase pursue apprehend disperse deport expel extradite hire employ
    recruit compensate sack dismiss suspend discipline punish treat hospitalise
    hospitalize discharge bury mourn trap strand displace greet hug embrace console
    comfort reunite escort accompany urge warn tell ask advise thank praise blame accuse
    condemn criticise criticize elect inform brief notify reassure honour honor invite
    summon teargas tear-gas pepper-spray drown crush trample"""
)
# Nouns whose "of" phrase or possessor is a person: "families of the miners".
KIN_NOUNS = word_set(
    """family relative friend parent child son daughter wife husband widow lawyer
    leader representative spokesman spokeswoman spokesperson union colleague
    supporter neighbour neighbor life safety rights welfare fate home"""
)
# Modifiers said of people: "angry farmers", "trapped workers", "striking nurses".
HUMAN_MODIFIERS = word_set(
    """armed unarmed angry furious irate outraged enraged striking protesting masked hooded
    trapped stranded missing injured wounded dead dying grieving bereaved frightened
    terrified scared panicked desperate exhausted hungry homeless jobless unemployed
    elderly disgruntled jubilant tearful distraught traumatised traumatized anxious
    worried weary escaped runaway displaced rampaging marauding fellow retired sacked
    undocumented suspected alleged convicted jailed detained arrested captured freed
    released surviving rescued evacuated fleeing heroic brave courageous innocent
    off-duty rogue disaffected loyal militant radical hardline hard-line"""
)
# How much nearer to people than to things a plural noun must be to count as a signal,
# and twice as a strong one. The nearness adds two measures: to the mean of a few
# prototypes (PEOPLE, THINGS), and to the lexicon itself, the mean of the ten nearest
# of its nouns for people less that of its nouns that are no group (NOT_GROUPS), each in
# the plural. The thresholds keep the share of the lexicon's things taken for people
# (left out of the lexicon one at a time) where a margin of 0.05 and 0.1 from the
# prototypes alone kept it (6% and 1.4%), and take more of its people for people: 83%
# instead of 78%, and as a strong signal 60% instead of 44%.
PEOPLE_MARGIN = 0.09
STRONG_PEOPLE_MARGIN = 0.17
# How many of the lexicon's nearest nouns for people, and for things, are compared.
NEAREST_NOUNS = 10
# "The" and an adjective stand for people ("the poor", "the landless") or for an
# abstraction ("the unexpected", "the impossible"): MiniLM need only lean to people.
NOMINAL_ADJECTIVE_MARGIN = 0.0
# Adjectives that point rather than describe: "the former", "the same", "the first" stand
# for whatever was named before, people or not.
POINTING_ADJECTIVES = word_set(
    """former latter same first second third last next other following previous above
    below entire whole original remaining rest unknown"""
)
# Endings of adjectives the tagger may take for a singular noun when one stands alone
# ("the landless", "the dispossessed").
ADJECTIVE_SUFFIXES = ("less", "ed", "ous", "ful", "ive", "able", "ible")
# Sentences of two outlets this alike describe the same people (a generic label joins).
SAME_SCENE_SIMILARITY = 0.6
PEOPLE = ("people", "persons", "men", "women", "civilians", "workers", "fighters", "residents")
THINGS = ("things", "objects", "buildings", "documents", "events", "vehicles", "places", "numbers")
# Entities that are not groups of people: a nationality says where people are from.
# (The tagger calls many a capitalised first word an organisation, so ORG counts only
# inside a sentence.)
NOT_PEOPLE_ENTITIES = frozenset(
    {"NORP", "GPE", "LOC", "FAC", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
)
NAMED_ENTITIES = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
# Words that count people: "two of the fugitives", "dozens of fans", "most of the crew".
QUANTITIES = word_set(
    """some many most all none few several both each one dozen score hundred thousand
    million number majority minority rest half handful group crowd"""
)
