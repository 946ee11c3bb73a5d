"""Labels for groups of people without a name, found word by word.

A noun is a label when the lexicon knows it or when general signals agree that a
plural noun names people (suffix, role in the sentence, modifiers, "who", MiniLM).
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.names import ParsedSentence
from coverage.analysis.wording.grouping import GroupLabel, join_groups
from coverage.analysis.wording.lexicon import (
    ADJECTIVE_SUFFIXES,
    AUDIENCE_VERBS,
    COLLECTIVE,
    COMPOUND_LABELS,
    EVALUATIVE,
    FAMILY,
    GENERIC_PEOPLE,
    GROUP_LABELS,
    HUMAN_MODIFIERS,
    HUMAN_OBJECT_VERBS,
    HUMAN_SUBJECT_VERBS,
    INDIVIDUAL_TITLES,
    KIN_NOUNS,
    NAMED_ENTITIES,
    NEAREST_NOUNS,
    NOMINAL_ADJECTIVE_MARGIN,
    NOT_GROUPS,
    NOT_MODIFIERS,
    NOT_PEOPLE_ENTITIES,
    OFFICES,
    PEOPLE,
    PEOPLE_EVIDENCE,
    PEOPLE_MARGIN,
    PEOPLE_NOUNS,
    PEOPLE_TONES,
    PERSON_SUFFIXES,
    POINTING_ADJECTIVES,
    QUANTITIES,
    SINGULAR_FAMILIES,
    SPEAKING_BODIES,
    STRONG_PEOPLE_MARGIN,
    STRONG_SUFFIXES,
    THING_SUFFIXES,
    THINGS,
)
from coverage.analysis.wording.mentions import is_headline
from coverage.analysis.wording.model import TONE_STRENGTH, ActorWording, LabelUse, Tone, Voice
from coverage.analysis.wording.voice import (
    NAMING_AS_VERBS,
    NAMING_VERBS,
    Voices,
    is_speech,
    naming_verb,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def group_labels(
    articles: Mapping[Hashable, Sequence[ParsedSentence]],
    *,
    encoder: TextEncoder | None = None,
    taken: set[tuple[Hashable, int, int]] = frozenset(),
) -> list[ActorWording]:
    """Groups of people without a name and the labels each article gives them.

    Each group is an ActorWording named by its labels ("protesters / rioters"),
    with no names. ``taken`` lists (article, sentence index, token index) of labels
    already given to a named actor.
    """
    margin = _people_margin(encoder)
    # A word the signals take for people somewhere in the event names people wherever
    # it stands as a plural noun: "men it described as heavies" in one outlet tells
    # what "the heavies arrived in three pickups" in another names.
    known = frozenset(
        label[1]
        for sentences in articles.values()
        for sentence in sentences
        for token in sentence.doc
        if (label := _people_label(token, margin, is_headline(sentence.doc))) is not None
        and " " not in label[1]
    )
    found: list[GroupLabel] = []
    for article, sentences in articles.items():
        voices = Voices(sentences)
        for sentence in sentences:
            headline = is_headline(sentence.doc)
            for token in sentence.doc:
                if (article, sentence.index, token.i) in taken:
                    continue
                label = _people_label(token, margin, headline, known)
                if label is None:
                    continue
                text, key, family = label
                voice, speaker = voices.of(sentence, token)
                if voice is None:
                    continue
                if key in EVALUATIVE and not _pointed_at(token, voice):
                    continue  # "the animals fled the fire" are animals
                use = LabelUse(
                    label=text,
                    key=key,
                    tone=_people_tone(key),
                    sentence_index=sentence.index,
                    quote=sentence.text,
                    by_context=False,
                    voice=voice,
                    speaker=speaker,
                )
                found.append(GroupLabel(article, sentence, token, text, key, family, use))
    return join_groups(found, encoder)


def _people_margin(encoder: TextEncoder | None):
    """How much nearer MiniLM places a word to people than to things (None without an
    encoder): to the prototypes' means, and to the nearest of the lexicon's nouns for
    people and for things."""
    if encoder is None:
        return None
    vectors = encoder.encode([*PEOPLE, *THINGS])
    people = vectors[: len(PEOPLE)].mean(axis=0)
    things = vectors[len(PEOPLE) :].mean(axis=0)
    lexicon_people = encoder.encode([plural(word) for word in _LEXICON_PEOPLE])
    lexicon_things = encoder.encode([plural(word) for word in _LEXICON_THINGS])
    nearest = min(NEAREST_NOUNS, len(_LEXICON_PEOPLE), len(_LEXICON_THINGS))

    @functools.cache
    def margin(word: str) -> float:
        vector = encoder.encode([word])[0]
        to_people = np.sort(lexicon_people @ vector)[-nearest:].mean()
        to_things = np.sort(lexicon_things @ vector)[-nearest:].mean()
        return float(vector @ people - vector @ things + to_people - to_things)

    return margin


# The lexicon's one-word nouns for people, and for what is no group, as prototypes.
_LEXICON_PEOPLE = sorted(word for word in {*FAMILY, *PEOPLE_NOUNS} if " " not in word)
_LEXICON_THINGS = sorted(word for word in NOT_GROUPS if " " not in word)


def plural(word: str) -> str:
    """A noun in the plural, for comparing it with plurals: "miners", "militias", "men"."""
    if word in {"people", "police", "staff", "personnel", "folk", "clergy"} or word.endswith(
        ("people", "folk")
    ):
        return word
    if word.endswith("man"):
        return word[:-3] + "men"
    if word == "child":
        return "children"
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    return word + "s"


def singular(word: str) -> str:
    """A plural noun in the singular, for comparing labels: "rioters", "men", "militias"."""
    word = word.lower()
    if word in {"people", "police", "staff", "personnel", "folk", "townspeople", "clergy"}:
        return word
    if word.endswith("men") and len(word) > 3 and not word.endswith(("omen", "imen", "umen")):
        return word[:-3] + "man"
    if word == "men":
        return "man"
    if word == "children":
        return "child"
    if word.endswith("wives") or word in {"lives", "knives"}:
        return word[:-3] + "fe"  # "midwives", "housewives"
    if word.endswith(("thieves", "wolves", "selves", "halves")):
        return word[:-3] + "f"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "xes", "zzes")):
        return word[:-2]  # "witnesses", "bosses"; "-ches" is as often "-che" ("niches")
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _people_label(
    token: Token, margin=None, headline: bool = False, known: frozenset[str] = frozenset()
):
    """(text, key, family) when ``token`` heads a label for a group of people: a word
    of the lexicon, or a plural noun the general signals take for people."""
    if not token.is_alpha:
        return None
    if headline and (found := _headline_label(token, margin)) is not None:
        return found
    if (found := _label_as_modifier(token)) is not None:
        return found
    nominal_adjective = _adjective_as_noun(token, margin)
    if nominal_adjective:
        word = token.lower_  # "the injured", which the parser takes for a participle
    elif token.pos_ in {"NOUN", "PROPN"}:
        word = singular(token.lemma_ if token.text.islower() else token.text)
    else:
        return None
    if token.pos_ == "PROPN" and _is_name(token, word, headline):
        return None
    title = token.dep_ == "compound" and token.head.pos_ == "PROPN"
    if title and word in OFFICES and token.is_title:
        # "Mayor Tomas Elling", "Chief Inspector Hanna Voss": an office written as part of
        # one person's name belongs to that person, and is no label for an unnamed group;
        # "bank boss Aleksander Brede" is the outlet's word for him, and stays one.
        return None
    if token.dep_ == "compound" and not title and not _run_together(token, word):
        return None  # "refugee camp", "worker safety"; but "protester Lena Osei"
    if _is_audience(token) or _is_idiom(token):
        return None
    if word in SPEAKING_BODIES and _speaks(token):
        return None  # "police said": a source, where "police fired tear gas" is a group
    modifiers = [
        child
        for child in token.lefts
        if child.dep_ in {"amod", "compound", "nummod"}
        and (
            child.ent_type_ not in {"NORP", "GPE", "ORG", "PERSON", "DATE", "TIME", "CARDINAL"}
            # "Riot police" opening a sentence, which the tagger takes for a name.
            or (child.i == 0 and f"{_modifier_word(child)} {word}" in COMPOUND_LABELS)
        )
        and child.is_alpha
        and child.lower_ not in NOT_MODIFIERS
    ]
    if word in GENERIC_PEOPLE:
        # "two men" is a label; "hundreds of protesters" keeps only "protesters".
        modifiers += [c for c in token.lefts if c.dep_ == "nummod" and c not in modifiers]
        modifiers.sort(key=lambda child: child.i)
    compound = next(
        (
            f"{_modifier_word(child)} {word}"
            for child in modifiers
            if f"{_modifier_word(child)} {word}" in COMPOUND_LABELS
        ),
        None,
    )
    # One person ("said one retired teacher", "the mayor") is no group, except in the
    # families where one member is named as the group is ("a protester was hurt"), or as
    # a title before a name ("protester Lena Osei", "bank boss Aleksander Brede").
    one = not _is_plural(token) and word not in COLLECTIVE and not title and not nominal_adjective
    if compound is not None:
        family: str | None = COMPOUND_LABELS[compound]
        key = compound
    elif word in FAMILY and not (one and word in INDIVIDUAL_TITLES):
        family, key = FAMILY[word], word
    elif word == "member" and (body := _body_of_members(modifiers)) is not None:
        family, key = FAMILY.get(body), f"{body} member"  # "crew members", "gang members"
    elif word in GENERIC_PEOPLE:
        if word in {"group", "crowd"} and not modifiers and token.tag_ not in {"NNS"}:
            return None if word == "group" else (token.lower_, word, None)
        family, key, one = None, word, False
    elif (
        nominal_adjective
        or word in PEOPLE_NOUNS
        or word in EVALUATIVE
        or people_evidence(token, word, margin, known) >= PEOPLE_EVIDENCE
    ):
        family, key = None, word
    else:
        return None
    if one and family not in SINGULAR_FAMILIES and key not in COLLECTIVE:
        return None
    text = " ".join([*(child.lower_ for child in modifiers if child.i < token.i), token.lower_])
    return text, key, family


def _label_as_modifier(token: Token):
    """A label for people said of a place or an act of theirs: "the anarchist camp", "a
    rebel stronghold", "the terrorist attack" call the people anarchists, rebels and
    terrorists. Only words that are labels in their own right ("police cars" and
    "military trucks" class a thing); before a noun for people ("rebel fighters",
    "terrorist group") the label is the whole phrase, found as such."""
    if token.dep_ not in {"amod", "compound"} or token.head.pos_ != "NOUN":
        return None
    word = singular(token.lower_)
    if not (word in GROUP_LABELS or (word in FAMILY and word.endswith("ist"))):
        return None
    head = token.head
    head_word = singular(head.lemma_ if head.text.islower() else head.text)
    if {head_word, head.lower_} & (FAMILY.keys() | PEOPLE_NOUNS | GENERIC_PEOPLE | COLLECTIVE):
        return None
    return token.lower_, word, FAMILY.get(word)


def _body_of_members(modifiers: Sequence[Token]) -> str | None:
    """The body of people whose members a noun names ("crew" in "crew members"), when
    the lexicon knows it for people; "board members" of a company are no group."""
    for modifier in modifiers:
        body = singular(modifier.lemma_ if modifier.text.islower() else modifier.text)
        if modifier.dep_ == "compound" and (body in FAMILY or body in PEOPLE_NOUNS):
            return body
    return None


def _headline_label(token: Token, margin=None):
    """A plural word for people in a headline, in capitals or title case ("40 DIGGERS
    TRAPPED", "Diggers Trapped Underground"), where the parser takes most words for
    names and their places in the sentence cannot be trusted: the lexicon, or a
    person-like suffix that MiniLM confirms, decides alone."""
    lowered = token.lower_
    word = singular(lowered)
    if word == lowered or not token.text[:1].isupper() or word in NOT_GROUPS:
        return None
    if word in FAMILY:
        return lowered, word, FAMILY[word]
    known = word in PEOPLE_NOUNS or word in EVALUATIVE
    person_like = word.endswith(STRONG_SUFFIXES + PERSON_SUFFIXES) and not word.endswith(
        THING_SUFFIXES
    )
    if known or (person_like and margin is not None and margin(lowered) >= PEOPLE_MARGIN):
        return lowered, word, None
    return None


# Where a word stands for the people it describes: "the injured were taken", "treated
# the wounded", "many of the dead", "the homeless and the elderly".
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"})


def _adjective_as_noun(token: Token, margin=None) -> bool:
    """An adjective or participle used as a noun for people: "the injured", "the wounded",
    "the accused" (the lexicon's), or any other one MiniLM places nearer to people
    than to things ("the landless", "the dispossessed"; not "the unexpected"), which
    the tagger may take for a singular noun; not "the injured passengers" or "were
    injured"."""
    if token.dep_ not in _NOMINAL_DEPS or not any(
        child.dep_ == "det" and child.lower_ == "the" for child in token.children
    ):
        return False
    if token.lower_ in COLLECTIVE:
        return token.pos_ in {"ADJ", "VERB"}
    adjective = token.tag_ in {"JJ", "VBN"} or (
        token.tag_ == "NN" and token.lower_.endswith(ADJECTIVE_SUFFIXES)
    )
    return (
        adjective
        and margin is not None
        and len(token.text) > 4
        and token.lower_ not in POINTING_ADJECTIVES
        and all(child.dep_ in {"det", "prep", "punct"} for child in token.children)
        and margin(token.lower_) > NOMINAL_ADJECTIVE_MARGIN
    )


def _is_name(token: Token, word: str, headline: bool) -> bool:
    """A capitalised word inside a sentence is a name ("the Courier", "Helvane Courier"),
    except a known label in a headline in capitals ("Refugees Drown Off Cape Ardel")."""
    if any(child.dep_ == "compound" and child.pos_ == "PROPN" for child in token.lefts):
        return True
    if not token.text[:1].isupper() or token.text.isupper() or token.i == 0:
        return False
    known = word in FAMILY or word in PEOPLE_NOUNS or word in GENERIC_PEOPLE
    return not (headline and known)


def _run_together(token: Token, word: str) -> bool:
    """Two phrases for people the parser made one: "took 14 workers hostage", "called
    the gunmen bandits". A plural word for people is no modifier ("worker safety" is
    singular) when the noun it would modify names people too."""
    head = token.head
    head_word = singular(head.lemma_ if head.text.islower() else head.text)
    return (
        token.tag_ == "NNS"
        and head.pos_ == "NOUN"
        and (word in FAMILY or word in PEOPLE_NOUNS)
        and (head_word in FAMILY or head_word in PEOPLE_NOUNS or _named(head) == token)
    )


def _is_idiom(token: Token) -> bool:
    """ "holding patients hostage": no hostages."""
    return (
        token.lower_ == "hostage"
        and token.head.lemma_.lower() in {"hold", "take"}
        and not any(child.dep_ == "det" for child in token.children)
    )


def _is_audience(token: Token) -> bool:
    """ "told reporters", "said in a statement to journalists": those a source spoke to."""
    head = token.head
    if token.dep_ in {"dobj", "dative"} and head.lemma_.lower() in AUDIENCE_VERBS:
        return True
    return (
        token.dep_ == "pobj"
        and head.lower_ == "to"
        and (is_speech(head.head) or head.head.lemma_.lower() == "statement")
    )


def _speaks(token: Token) -> bool:
    """ "police said", "according to police", "described by police as rioters": the
    noun names who speaks, not people the sentence is about."""
    head = token.head
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return is_speech(head)
    if token.dep_ != "pobj":
        return False
    if head.lower_ == "to" and head.head.lower_ == "according":
        return True
    return head.lower_ == "by" and is_speech(head.head)


def _modifier_word(token: Token) -> str:
    """A modifier as a compound label writes it: "asylum seekers", "season-ticket holders"."""
    left = token.i - 2
    if left >= 0 and token.doc[token.i - 1].text == "-" and token.doc[left].is_alpha:
        return f"{token.doc[left].lower_}-{singular(token.text)}"
    return singular(token.text)


def people_evidence(
    token: Token, word: str | None = None, margin=None, known: frozenset[str] = frozenset()
) -> int:
    """How many general signals say that the plural noun ``token`` names people (0 for
    a singular noun, a name or a word the lexicon knows for something else); enough
    for a word ``known`` for people elsewhere in the event."""
    word = word or singular(token.lemma_ if token.text.islower() else token.text)
    if (
        not _is_plural(token)
        or word in NOT_GROUPS
        or token.ent_type_ in NOT_PEOPLE_ENTITIES
        or (token.ent_type_ in NAMED_ENTITIES and token.i > 0)
        or token.dep_ in {"npadvmod", "compound", "nmod"}
        or len(word) < 3
    ):
        return 0
    if word in known:
        return PEOPLE_EVIDENCE
    named = _named(token)
    if named is not None and is_known_people(named):
        # A name given to people is a label for people, whatever the word is on its own:
        # "men it described as heavies", "called the marchers wreckers".
        return PEOPLE_EVIDENCE
    score = 0
    if word.endswith(STRONG_SUFFIXES) and len(word) > 6:
        score += 2
    elif word.endswith(PERSON_SUFFIXES) and not word.endswith(THING_SUFFIXES):
        score += 1
    score += _role_evidence(token)
    if any(child.dep_ == "amod" and child.lower_ in HUMAN_MODIFIERS for child in token.children):
        score += 1
    if margin is not None:
        nearer = margin(token.lower_)
        score += 2 if nearer >= STRONG_PEOPLE_MARGIN else 1 if nearer >= PEOPLE_MARGIN else 0
        if nearer < 0:
            score -= 1
    return score


def _is_plural(token: Token) -> bool:
    """A plural noun, by its tag or, for the "-men" the tagger takes for a name at the
    start of a sentence ("Railwaymen said ..."), by its form."""
    if token.tag_ in {"NNS", "NNPS"}:
        return True
    lowered = token.lower_
    return (
        token.tag_ in {"NN", "NNP"}
        and (token.i == 0 or token.text.islower())
        and lowered.endswith("men")
        and singular(lowered) != lowered
    )


def _role_evidence(token: Token) -> int:
    """Signals from the noun's place in the sentence: the subject of a verb people do,
    the object of one done to people, "who" after it, "families of" before it, or a
    known label beside it ("carers and cleaners")."""
    score = 0
    # "who were trapped", "whose homes burned": people.
    if any(
        child.dep_ in {"relcl", "acl"}
        and any(word.lower_ in {"who", "whom", "whose"} for word in child.subtree)
        for child in token.children
    ):
        score += 2
    # Conjuncts share the first one's role: "Carers and cleaners marched".
    first = token
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    neighbours = [*token.conjuncts] + [child for child in token.children if child.dep_ == "appos"]
    if token.dep_ == "appos":
        neighbours.append(token.head)
    # What a group is said to be is people when the group is: "these people are just
    # gatecrashers", "the newcomers were farmers".
    if token.dep_ in {"attr", "nsubj"} and token.head.lemma_.lower() == "be":
        neighbours += [
            child
            for child in token.head.children
            if child.dep_ in {"attr", "nsubj"} and child != token
        ]
    if any(is_known_people(other) for other in neighbours):
        score += 1
    # "Two of the fugitives were recaptured": the count plays the people's role.
    if (
        first.dep_ == "pobj"
        and first.head.lower_ == "of"
        and (first.head.head.tag_ == "CD" or first.head.head.lemma_.lower() in QUANTITIES)
    ):
        first = first.head.head
    head, dep = first.head, first.dep_
    verb = head.lemma_.lower()
    governor = head.head.lemma_.lower()
    if (
        (dep in {"nsubj", "csubj"} and head.pos_ in {"VERB", "AUX"} and verb in HUMAN_SUBJECT_VERBS)
        or (dep in {"dobj", "nsubjpass"} and head.pos_ == "VERB" and verb in HUMAN_OBJECT_VERBS)
        # "were rescued by fishermen"
        or (dep == "pobj" and head.dep_ == "agent" and governor in HUMAN_SUBJECT_VERBS)
        # "relatives of the missing climbers", "the miners' families"
        or (dep == "pobj" and head.lower_ == "of" and governor in KIN_NOUNS)
        or (dep == "poss" and verb in KIN_NOUNS)
    ):
        score += 1
    return score


def _named(token: Token) -> Token | None:
    """Whom a name is given to: the object of "called ... wreckers", of "described
    ... as heavies", or the noun a naming clause describes ("men it described as
    heavies"); None when ``token`` is no name given."""
    verb = None
    if token.dep_ == "oprd":
        verb = token.head
    elif token.dep_ == "pobj" and token.head.lower_ == "as":
        verb = naming_verb(token.head)
    elif token.dep_ == "dobj" and token.head.lemma_.lower() in NAMING_VERBS - {"describe"}:
        # "called the marchers wreckers", parsed as one object: the plural before the
        # name is the people named.
        return next((c for c in token.children if c.dep_ == "compound" and c.tag_ == "NNS"), None)
    if verb is None or verb.lemma_.lower() not in NAMING_AS_VERBS:
        return None
    named = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if named is None and verb.dep_ in {"relcl", "acl"}:
        named = verb.head  # "men it described as heavies", "marchers labelled as wreckers"
    return named


def is_known_people(token: Token) -> bool:
    """A noun the lexicon knows for people, in the singular or the plural: "relatives",
    "firefighters", "a woman", "people"."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    word = singular(token.lemma_ if token.text.islower() else token.text)
    # The lexicons list kinds of people; "people" and "person" are people of any kind.
    return word in FAMILY or word in PEOPLE_NOUNS or word in {"people", "person"}


def _pointed_at(token: Token, voice: Voice) -> bool:
    """An evaluative word ("animals") said of people: pointed at in someone's words
    ("these animals could have killed us"), or said of someone ("they are animals",
    "called them animals")."""
    if token.dep_ in {"attr", "oprd", "appos"}:
        return True
    pointed = any(
        child.dep_ == "det" and child.lower_ in {"these", "those", "such"}
        for child in token.children
    )
    return pointed and voice != Voice.OWN


def _people_tone(key: str) -> Tone:
    if key in PEOPLE_TONES:
        return PEOPLE_TONES[key]  # "fat cats", "bank boss"
    words = key.split()
    tones = [PEOPLE_TONES.get(word, GROUP_LABELS.get(word, Tone.NEUTRAL)) for word in words]
    return min(tones, key=TONE_STRENGTH.index)
