"""A claim whose subject is a pronoun, read as the participant the pronoun stands for.

"Vennland's environment agency said it had sent a team to Brenmoor" gives the claim
"It had sent a team to Brenmoor", which no other outlet's "A team from the national
environment agency has been dispatched" can be seen to restate: the claim's core names
nothing. So a subject pronoun ("it", "he", "she", "they") at the start of a core is
replaced by the noun phrase it refers to, as a reader resolves it:

- in the same sentence, the nearest subject before it that agrees with it (reported
  speech: "Orsengas said it had stopped pumping gas"), else the nearest object that does
  ("Brandt called the attackers bandits and said they had crossed into Tavrel");
- else the first subject of the sentence before that agrees ("Lukas Brenner was taken to
  hospital with burns. He is in a stable condition."), resolved in turn when it is a
  pronoun too.

Agreement is number and person: "it" a singular thing or body, "he" and "she" a person,
"they" a plural or a list. An "it" that stands for nothing ("it was not clear who threw
the first stones", "it was the bank's second cut") and a pronoun whose antecedent denies
anyone did it ("no organisation has said it was behind the raid") are left as written.
Only the core changes: the claim's text and its evidence stay as the outlet wrote them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_THING, _PERSON, _PLURAL = "thing", "person", "plural"
SUBJECT_PRONOUNS = {"it": _THING, "he": _PERSON, "she": _PERSON, "they": _PLURAL}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj"})
# Parts of a noun phrase that describe it rather than name it.
_DESCRIBING = frozenset({"relcl", "appos", "acl", "advcl", "punct", "parataxis"})
# Words that make a noun phrase a denial that anyone did it.
_NONE = frozenset({"no", "nobody", "none", "nothing", "neither"})
# Nouns for people, for when the parser names no person: "the minister said he ...".
_PERSON_NOUNS = frozenset(
    {
        "man",
        "woman",
        "boy",
        "girl",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "governor",
        "president",
        "chief",
        "boss",
        "official",
        "director",
        "mayor",
        "captain",
        "skipper",
        "officer",
        "commander",
        "secretary",
        "leader",
        "manager",
        "chairman",
        "chairwoman",
        "founder",
        "owner",
        "father",
        "mother",
        "son",
        "daughter",
        "husband",
        "wife",
        "survivor",
        "witness",
        "resident",
        "worker",
        "firefighter",
        "doctor",
        "nurse",
        "pilot",
        "driver",
        "student",
    }
)
# Nouns of a body of people that English often takes as "they": "police said they ...".
_COLLECTIVES = frozenset({"police", "staff", "crew", "people"})
# Named kinds that are no person.
_NOT_PERSON_ENTITIES = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT"})
# How far back a chain of pronouns is followed.
MAX_PRONOUN_CHAIN = 3


def resolve_subject(core: str, doc: Doc, previous: Sequence[Doc] = ()) -> str:
    """``core`` with its leading subject pronoun replaced by what it refers to.

    ``doc`` is the parse of the claim's sentence; ``previous`` the parses of the
    sentences before it in the article, nearest last (unparsed ones left out). Without
    an antecedent that agrees, ``core`` comes back as it is.
    """
    first, _, rest = core.partition(" ")
    if first.lower() not in SUBJECT_PRONOUNS or not rest:
        return core
    pronoun = _pronoun_token(doc, first.lower(), rest)
    if pronoun is None:
        return core
    phrase = _antecedent_phrase(pronoun, list(previous), MAX_PRONOUN_CHAIN)
    if not phrase:
        return core
    return f"{phrase[:1].upper()}{phrase[1:]} {rest}"


def _pronoun_token(doc: Doc, word: str, rest: str) -> Token | None:
    """The subject pronoun of ``doc`` that the core starts with: the one followed by the
    core's next words."""
    following = "".join(rest.split())[:12]
    for token in doc:
        if token.lower_ != word or token.dep_ not in _SUBJECTS:
            continue
        after = "".join(doc.text[token.idx + len(token.text) :].split())
        if after.startswith(following):
            return token
    return None


def _antecedent_phrase(pronoun: Token, previous: list[Doc], depth: int) -> str | None:
    kind = SUBJECT_PRONOUNS[pronoun.lower_]
    if kind == _THING and _stands_for_nothing(pronoun):
        return None
    earlier = [t for t in pronoun.doc[: pronoun.i] if not _inside_quotes(t)]
    nearest = next((t for t in reversed(earlier) if t.dep_ in _SUBJECTS), None)
    if kind == _PLURAL and nearest is not None and nearest.lower_ in _SOME_OF_THEM:
        # "many said they could smell it": "they" are the many, a phrase naming no one.
        return None
    found = next((t for t in reversed(earlier) if t.dep_ in _SUBJECTS and _candidate(t)), None)
    if found is not None and not _agrees(found, kind):
        found = next(
            (
                t
                for t in reversed(earlier)
                if t.dep_ in _SUBJECTS | _OBJECTS and _candidate(t) and _agrees(t, kind)
            ),
            None,
        )
    if found is None and previous:
        found = next(
            (
                t
                for t in previous[-1]
                if t.dep_ in _SUBJECTS
                and _candidate(t)
                and _agrees(t, kind)
                and not _inside_quotes(t)
            ),
            None,
        )
        previous = previous[:-1]
    if found is None or _denies_anyone(found):
        return None
    if found.lower_ in SUBJECT_PRONOUNS:
        if depth <= 1 or SUBJECT_PRONOUNS[found.lower_] != kind:
            return None
        return _antecedent_phrase(found, previous, depth - 1)
    phrase = _phrase(found)
    if set(phrase.lower().split()) & _OBJECT_PRONOUNS:
        # "many of them traders": a misparse that leaves the phrase naming no one
        return None
    return phrase


# Words for some of a group that stand as a subject by themselves ("many said they ...").
_SOME_OF_THEM = frozenset({"many", "some", "most", "several", "others", "all", "both", "few"})

# Pronouns that leave a noun phrase naming no one by itself ("many of them traders").
_OBJECT_PRONOUNS = frozenset({"them", "it", "they", "us", "we", "him", "her", "you", "me"})


def _candidate(token: Token) -> bool:
    """A noun phrase head a pronoun can stand for: a noun, or a pronoun to follow."""
    return token.pos_ in {"NOUN", "PROPN"} or token.lower_ in SUBJECT_PRONOUNS


def _agrees(token: Token, kind: str) -> bool:
    """Whether a noun can be what the pronoun's kind stands for. The parser's entity kinds
    are a weak guide for names it has never seen ("Orsengas" a person, "Brandt" a body),
    so a name stands for "it" unless a title or a first name comes before it, and for "he"
    or "she" unless it names a place or a people."""
    if token.lower_ in SUBJECT_PRONOUNS:
        return SUBJECT_PRONOUNS[token.lower_] == kind
    plural = (
        token.tag_ in {"NNS", "NNPS"}
        or any(child.dep_ == "conj" for child in token.children)
        or token.lower_ in _COLLECTIVES
    )
    if kind == _PLURAL:
        return plural
    if plural:
        return False
    titled = any(
        child.dep_ == "compound"
        and (child.lemma_.lower() in _PERSON_NOUNS or child.ent_type_ == "PERSON")
        for child in token.children
    )
    if token.pos_ == "PROPN":
        if kind == _PERSON:
            return token.ent_type_ not in _NOT_PERSON_ENTITIES - {"ORG"}
        return not titled
    person = token.lemma_.lower() in _PERSON_NOUNS
    return person if kind == _PERSON else not person


# Verbs whose "it" is the weather: "It rained all day", "it was snowing".
_WEATHER_VERBS = frozenset(
    {"rain", "snow", "pour", "drizzle", "hail", "sleet", "thunder", "storm", "freeze", "blow"}
)


def _stands_for_nothing(pronoun: Token) -> bool:
    """An "it" that refers to nothing: "it was not clear who ...", "it was too early to
    say", or that names an event as a whole: "it was the bank's second cut"."""
    if pronoun.dep_ == "expl":
        return True
    verb = pronoun.head
    if verb.lemma_.lower() in _WEATHER_VERBS:
        return True  # "it rained all day"
    return verb.lemma_ in {"be", "seem", "appear", "remain"} and any(
        child.dep_ in {"acomp", "attr", "ccomp", "xcomp", "csubj"} for child in verb.children
    )


def _denies_anyone(token: Token) -> bool:
    return token.lower_ in _NONE or any(
        child.dep_ == "det" and child.lower_ in _NONE for child in token.children
    )


def _inside_quotes(token: Token) -> bool:
    """Whether the token is inside quotation marks in its sentence; a sentence that holds
    only the close of a quotation ('foreseen," Minister Dunic told HST') opens inside it."""
    marks = [t for t in token.doc if t.text in {'"', "“", "”"}]
    inside = len(marks) % 2 == 1 and (marks[0].text == "”" or marks[0].tag_ == "''")
    for mark in marks:
        if mark.i >= token.i:
            break
        inside = not inside
    return inside


def _phrase(head: Token) -> str:
    """The noun phrase a head word names, without what describes it: "Vennland's
    environment agency", "The attackers"; a body introduced by its name ("a group calling
    itself Grey Lantern") by that name."""
    if head.pos_ == "NOUN":
        for child in head.children:
            if child.dep_ != "acl":
                continue
            name = next(
                (t for t in child.subtree if t.pos_ == "PROPN" and t.dep_ in {"oprd", "attr"}),
                None,
            )
            if name is not None:
                return _render(list(name.subtree))
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ in _DESCRIBING:
            dropped.update(t.i for t in child.subtree)
    return _render([t for t in head.subtree if t.i not in dropped])


def _render(tokens: Sequence[Token]) -> str:
    words = [t for t in tokens if t.text not in {'"', "“", "”", ","}]
    if not words:
        return ""
    text = "".join(t.text_with_ws for t in words[:-1]) + words[-1].text
    return text.strip()
