"""Sentences an article says that assert nothing about the event.

- **Colour and rhetoric in quotations.** "I held on to the rail.", "It was
  terrifying.", "Whoever did this should be locked up.": a witness's experience,
  feelings and calls are the story's colour, not a claim another outlet could
  confirm or contradict. A quoted sentence is colour when it speaks in the first
  person singular or to "you", when its subject is only a pronoun ("It is slow,
  but it is safe."), when it says what should be done, or when the speaker is a
  private person (introduced by an age, a sob, a role in daily life: "said Mira, 34",
  "a survivor"). Officials' quoted claims about named things stay: "The invaders
  were thrown back across the line.", "Our border guards returned fire."
- **Vows.** "Kesteria will rebuild.", "No family will be left alone.", "We will not be
  beaten off our own docks.": what the speaker's side (we, a country or body by its
  name, the state) or everyone and no one will do or undergo, with no figure, date or
  condition, is resolve, not an event another outlet could confirm. A threat to others
  ("These thugs will face the full force of the law.") and a plan with its condition
  ("If it keeps coming down, we will act again.") stay claims.
- **Newsroom talk.** The outlet speaking about its own work: "This report was
  compiled from wire copy.", "Here is what we know so far.", "We will update this
  summary.", "Our correspondent reports from the border.", "The agency's report
  follows."; or of itself by its name: "MedTech Pulse covers technology in healthcare.",
  "The Gazette will publish a list of the dead" (in the Tarrow Valley Gazette).
- **Sobbed accounts.** "The crew just kept taking money, sobbed student Lena Varga, 19":
  a private person's words closed by a verb of weeping or anger are colour even where
  the outlet prints them without quotation marks.

The quotation rules work on the spaCy parse of one sentence (or a clause of it) and on
which of its characters lie inside quotation marks (quotes.read_quoting); the others on
the sentence's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# A claim at least this much inside quotation marks is judged as a quotation.
QUOTED_SHARE = 0.8

_FIRST_OR_SECOND_PERSON = frozenset({"i", "me", "my", "mine", "myself", "you", "your", "yours"})
# Someone speaking for an office, whose words are claims even with an age given.
_OFFICE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|minister|official|director|chief|police|officer|captain"
    r"|governor|mayor|president|manager|commander|secretary|chair(?:man|woman)?|executive"
    r"|head of|leader|inspector|coroner|prosecutor|judge)s?\b",
    re.IGNORECASE,
)
# How reporters introduce a private person: an age after a name or a noun set off by
# commas ("Lena Varga, 19", "one farmer, 61, who ..."; not "at least 4" or "on 12 May"), a
# sob, a role in daily life.
_PRIVATE_PERSON = re.compile(
    r"\b(?-i:[A-Z])[\w'’-]+,? \d{1,3}\b(?!\s*(?:percent|%|people|km|kilomet))"
    r"|\b[a-z][\w'’-]*, \d{1,3}(?=,|\.|\s*$)"
    r"|\b(?:sobbed|fumed|wept|cried|gasped|recalled|sighed)\b"
    r"|\b(?:resident|survivor|witness|pensioner|student|passenger|neighbour|neighbor|mother"
    r"|father|gran|grandmother|grandfather|villager|shop owner|shopkeeper|local|eyewitness"
    r"|holidaymaker|tourist|parent|husband|wife)s?\b|\bwho (?:lives|lived|keeps|fled)\b",
    re.IGNORECASE,
)
_PRONOUN_SUBJECTS = frozenset({"it", "this", "that", "they", "he", "she"})
_OPINION_MODALS = frozenset({"should", "must", "ought"})
# "Nobody could have foreseen a storm of such force": what no one can or could do is a
# judgement, not an event another outlet could confirm.
_ABILITY_MODALS = frozenset({"can", "could", "would", "might"})
_NO_ONE = frozenset({"nobody", "nothing", "none", "noone"})
# "will", "shall" and the "wo" of "won't": what is yet to be done.
_FUTURE = frozenset({"will", "shall", "wo", "'ll"})
# Subjects of a vow: the speaker's side, or everyone and no one.
_OWN_SIDE = frozenset({"we", "us", "state", "nation", "country"})
_EVERYONE = frozenset({"nobody", "everybody", "everyone", "everything", "nothing", "no"})
_QUANTIFIERS = frozenset({"no", "every", "each", "all"})
# What a speaker's side feels or looks ahead to: "We fear ...", "We expect a long night".
_FEELING_VERBS = frozenset(
    {"fear", "expect", "hope", "dread", "worry", "mourn", "grieve", "pray", "wish", "regret"}
)
# Words that make a future statement a plan with its terms, not a vow.
_CONDITIONS = frozenset({"if", "unless", "once", "until", "when", "after", "before"})

_NEWSROOM = re.compile(
    r"^\W*(?:here is|here's|here are|below is|below are|above is)\b"
    r"|\b(?:this|our) (?:report|article|story|summary|brief|bulletin|briefing|live blog|page|"
    r"round-?up|digest)\b"
    r"|\b(?:is|are|was|were) (?:compiled|supplied|republished|reproduced) (?:each|every|from|by|"
    r"with)\b"
    r"|\b(?:correspondent|reporter)s? (?:[A-Z][\w'’-]+ ){1,3}reports? from\b"
    r"|\b(?:pages?|desk|section|edition)s? (?:is|are) (?:edited|produced|written) by\b"
    r"|\bwe will (?:update|publish|bring you|keep you)\b"
    # "The Kesteria News Agency's report from the stricken town follows."
    r"|\b(?:report|dispatch|story|statement|account)\b[^.!?]{0,60}\bfollows\W*$"
    r"|\bwill (?:broadcast|bring) (?:a special|live|more|further)\b",
    re.IGNORECASE,
)


# A frame that closes a private person's words with a cry: "..., sobbed gran Vera Holub, 72."
_EMOTIVE_FRAME = re.compile(
    r"(?:,|\s)\s*(?:sobbed|wept|cried|gasped|sighed|fumed|screamed|shrieked)\s+(?P<who>.+)$",
    re.IGNORECASE,
)
# Verbs after an outlet's name that make it the source of a claim, not its subject.
_REPORTING = frozenset(
    {
        "said",
        "says",
        "reported",
        "reports",
        "has",
        "have",
        "had",
        "understands",
        "learned",
        "learnt",
        "was",
        "obtained",
        "revealed",
        "confirmed",
        "saw",
        "asked",
        "contacted",
    }
)


def is_newsroom_talk(text: str) -> bool:
    """True for a sentence in which the outlet talks about its own reporting."""
    return bool(_NEWSROOM.search(text))


def speaks_of_itself(text: str, outlet: str) -> bool:
    """True for a sentence whose subject is the outlet that prints it, by its name or by
    its name's last word ("The Gazette" in the Tarrow Valley Gazette), unless the outlet is
    the source of what follows ("The Gazette has learned that ...")."""
    words = outlet.split()
    if not words:
        return False
    names = {outlet.strip(), f"The {words[-1]}"} if len(words) > 1 else {outlet.strip()}
    stripped = text.lstrip(' "“‘')
    for name in names:
        found = re.match(rf"{re.escape(name)}(?:['’]s)?\s+([a-z]+)", stripped)
        if found and found.group(1) not in _REPORTING:
            return True
    return False


def is_emotive_account(text: str) -> bool:
    """True for a sentence closed by a private person's cry: "..., sobbed student Lena
    Varga, 19, who swam to shore."."""
    found = _EMOTIVE_FRAME.search(text)
    return bool(found) and is_private_speaker(found.group("who"))


def quoted_share(tokens: Sequence[Token], quoted: Sequence[tuple[int, int]]) -> float:
    """The share of the tokens' letters inside the quoted character ranges."""
    letters = inside = 0
    for token in tokens:
        count = sum(character.isalpha() for character in token.text)
        letters += count
        if any(start <= token.idx < end for start, end in quoted):
            inside += count
    return inside / letters if letters else 0.0


def is_private_speaker(frame: str) -> bool:
    """True when the words around a quotation introduce a private person, not an office."""
    return bool(_PRIVATE_PERSON.search(frame)) and not _OFFICE.search(frame)


def is_colour(tokens: Sequence[Token], *, private_speaker: bool = False) -> bool:
    """True for a quoted clause that tells an experience, a feeling or a call, not a fact."""
    words = {token.lower_ for token in tokens}
    if words & _FIRST_OR_SECOND_PERSON or "whoever" in words:
        return True
    if private_speaker:
        return True  # a witness's account is the story's colour; officials' claims are not
    in_clause = {token.i for token in tokens}
    tops = [token for token in tokens if token.head == token or token.head.i not in in_clause]
    verb = next((token for token in tops if token.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    if any(child.dep_ == "aux" and child.lower_ in _OPINION_MODALS for child in verb.children):
        return True
    if _obliges(verb):
        return True
    subjects = [child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if _vow(verb, subjects, tokens) or _own_feeling(verb, subjects, tokens):
        return True
    if (
        any(child.dep_ == "aux" and child.lower_ in _ABILITY_MODALS for child in verb.children)
        and subjects
        and all(_no_one(subject) for subject in subjects)
    ):
        return True
    return bool(subjects) and all(
        subject.lower_ in _PRONOUN_SUBJECTS and not list(subject.children) for subject in subjects
    )


def _obliges(verb: Token) -> bool:
    """ "Somebody has to go to prison for this", "Heads need to roll": "has to" and "needs
    to" say what should be done, as "should" does."""
    return verb.lemma_.lower() in {"have", "need"} and any(
        child.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
        for child in verb.children
    )


def _vow(verb: Token, subjects: Sequence[Token], tokens: Sequence[Token]) -> bool:
    """Whether the clause vows what the speaker's side, or everyone or no one, will do or
    undergo: a future verb, no figure, date or condition in the clause, and a subject
    that is "we", a name, the state or nation, or a "no"/"every" phrase."""
    if not subjects or not any(
        child.dep_ == "aux" and child.lower_ in _FUTURE for child in verb.children
    ):
        return False
    if any(
        token.like_num or token.ent_type_ in {"DATE", "TIME"} or token.lower_ in _CONDITIONS
        for token in tokens
    ):
        return False
    return all(_own_side_or_everyone(subject) for subject in subjects)


def _own_feeling(verb: Token, subjects: Sequence[Token], tokens: Sequence[Token]) -> bool:
    """Whether the clause tells what the speaker's side feels, expects or aims at, with no
    figure, date or condition: "We fear the toll will rise", "We expect a long night", "We
    are used to being blamed", "Our priority is to keep residents safe". A state of mind
    is the speaker's, not an event another outlet could confirm; "We expect the bridge to
    reopen on Monday" gives a date, and stays a claim."""
    if not subjects or not all(_first_person_plural(subject) for subject in subjects):
        return False
    # A day or hour by its name or number dates it ("on Monday"); "a long night" does not.
    if any(
        token.like_num
        or (token.ent_type_ in {"DATE", "TIME"} and token.pos_ == "PROPN")
        or token.lower_ in _CONDITIONS
        for token in tokens
    ):
        return False
    lemma = verb.lemma_.lower()
    if lemma in _FEELING_VERBS:
        return True
    children = list(verb.children)
    if lemma == "use" and any(c.dep_ == "auxpass" for c in children):
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in children)  # "used to"
    # "Our priority is to ...": a copula whose complement is an infinitive is an aim.
    return lemma == "be" and any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in children
    )


def _first_person_plural(subject: Token) -> bool:
    """ "We", or a noun of ours: "our priority"."""
    return subject.lower_ in {"we", "us"} or any(
        child.dep_ == "poss" and child.lower_ == "our" for child in subject.children
    )


def _own_side_or_everyone(subject: Token) -> bool:
    """ "We", "the state", a bare name ("Kesteria"), or "no family", "nobody", "every home"."""
    if subject.lower_ in _OWN_SIDE or subject.lower_ in _EVERYONE:
        return True
    if any(child.dep_ == "det" and child.lower_ in _QUANTIFIERS for child in subject.children):
        return True
    return subject.pos_ == "PROPN" and not list(subject.children)


def _no_one(subject: Token) -> bool:
    """ "Nobody", "nothing", "no one": a subject that denies anyone or anything did it."""
    if subject.lower_ in _NO_ONE:
        return True
    return subject.lower_ == "one" and any(child.lower_ == "no" for child in subject.children)
