"""Whether a window states the claim: no detail of the claim dropped or left unconfirmed."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import compress
from typing import TYPE_CHECKING

from coverage.analysis.cells.acts import act_groups
from coverage.analysis.cells.conflicts import is_content
from coverage.analysis.cells.model import COUNTING_WORDS, CellConfig
from coverage.analysis.cells.parses import parse, slots_of
from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.hedging import SPEECH_VERBS, is_name
from coverage.analysis.slots import (
    COMPATIBLE,
    SlotComparison,
    Slots,
    compare_times,
    corresponds,
    parse_number,
)
from coverage.analysis.slots.comparison import counts_overlap
from coverage.analysis.slots.lexicon import GENERIC_NOUNS, PERSON_NOUNS, noun_key
from coverage.analysis.slots.places import same_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Verbs that say nothing by themselves: what a claim with one says is its complement.
_COPULAR_VERBS = frozenset({"be", "sit", "lie", "stand", "remain", "stay", "become", "seem"})
_COMPLEMENTS = frozenset({"attr", "acomp", "oprd", "prep"})
# Verbs whose object names the act ("claimed a series of drone attacks", "carried out
# three raids"): what such a claim says is its object, as a copula's is its complement.
# Matched on the verb with its particle, as ``_verb`` gives it.
_EVENT_OBJECT_VERBS = frozenset(
    {"claim", "carry out", "conduct", "launch", "stage", "mount", "undertake"}
)
# Verbs whose passive passes on what others say or believe: "are said to be", "is
# believed to have".
_HEARSAY_VERBS = SPEECH_VERBS | {"believe", "think", "understand", "know", "expect", "fear",
                                 "rumour", "rumor", "suspect"}  # fmt: skip
_NEGATIVE_WORDS = frozenset(
    {"no", "not", "never", "neither", "nor", "none", "nobody", "nothing", "nowhere", "without"}
)
# Words that say what kind a noun is: "passenger" ferry, "rubber" boats.
_KIND_DEPS = frozenset({"amod", "compound"})
# What a verb does to: its objects and complements ("sacked her minister", "ran out").
_ACT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "dative", "prt", "neg"})
# What a verb governs that is not part of the act: its subject, auxiliaries, and the
# clauses hung on it.
_NOT_THE_ACT = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "aux", "auxpass", "punct", "cc",
     "mark", "ccomp", "advcl", "relcl", "conj", "parataxis", "npadvmod"}
)  # fmt: skip


def each_sentence_adds(
    claim: str, sentences: Sequence[str], encoder: TextEncoder, config: CellConfig
) -> bool:
    """True when every sentence of a window gives some content word of the claim: as
    written, in words the lexicons pair with it, or in a word this close.

    Two sentences are read together so that the second completes the first ("... the
    bank said. It cut rates."); a sentence that says nothing of the claim completes
    nothing, and the pair would only lend the other sentence its closeness: "Troops
    were massing on the border" stated by a window whose second sentence is about the
    harvest. Such a sentence is read alone instead.
    """
    claim_words = [t for t in parse(claim) if is_content(t) or t.like_num]
    for sentence in sentences:
        words = [t for t in parse(sentence) if is_content(t) or t.like_num]
        if any(_same_word(word, token) for word in claim_words for token in words):
            continue
        if not claim_words or not words:
            return False
        closest = (
            encoder.encode([t.lemma_.lower() for t in claim_words])
            @ encoder.encode([t.lemma_.lower() for t in words]).T
        )
        if closest.max() < config.word_match:
            return False
    return True


def _same_word(claim_word: Token, token: Token) -> bool:
    first, second = claim_word.lemma_.lower(), token.lemma_.lower()
    return (
        first == second
        or claim_word.lower_ == token.lower_
        # noun_key makes every person noun "people": "residents" is no synonym of "guards".
        or (first not in PERSON_NOUNS and noun_key(first) == noun_key(second))
        or corresponds(first, second)
        or bool(act_groups(_verb_forms(claim_word)) & act_groups(_verb_forms(token)))
    )


def unconfirmed_detail(claim: Slots, evidence: Slots, article: str) -> str | None:
    """A date, place or figure of the claim that the evidence does not give.

    A window that states the claim gives its details: "The explosion happened on 3
    March" is not stated by a sentence that dates it otherwise or not at all.
    """
    for when in claim.times:
        if not any(compare_times(when, other) == COMPATIBLE for other in evidence.times):
            return f"does not give {when.text}"
    # A place named anywhere in the article (often only in its dateline) is where the
    # article's events happen; the window need not repeat it unless it places the event
    # elsewhere ("will build its factory in Torvik" does not state "in Halden").
    for place in claim.places:
        placed_otherwise = any(other.role == place.role for other in evidence.places)
        if place.name.lower() in article and not placed_otherwise:
            continue
        if not any(same_place(place.key, other.key) for other in evidence.places):
            return f"does not give {place.text}"
    window = evidence.text.lower()
    known_sets = _known_sets(claim.text)
    for quantity in claim.quantities:
        if quantity.bound == "vague" or quantity.text.lower() in window:
            continue
        if quantity.low == quantity.high and quantity.low in known_sets:
            continue
        # "Dozens of ships" or "millions of krone" fit a figure without giving it.
        if not any(
            counts_overlap(quantity, other) and other.bound != "vague"
            for other in evidence.quantities
        ):
            return f"does not give {quantity.described}"
    return None


def _known_sets(claim: str) -> set[float]:
    """Figures the claim uses to point at a group the reader already knows ("the plan to
    merge the two towns", "the three suspects were charged"), not to count it: a window may
    state the claim without repeating them."""
    return {
        value
        for token in parse(claim)
        if token.dep_ == "nummod"
        and any(
            c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in token.head.children
        )
        and (value := parse_number(token.text)) is not None
    }


def not_stated_reason(
    claim: str,
    claim_slots: Slots,
    text: str,
    article: str,
    comparison: SlotComparison,
    encoder: TextEncoder,
    config: CellConfig,
) -> str | None:
    """Why the window does not give the claim's details, or None when it gives them all.

    Whether it reports the claim's act is ``unstated_predicate``, asked after this.
    """
    unconfirmed = unconfirmed_detail(claim_slots, slots_of(text), article)
    if unconfirmed is not None:
        return unconfirmed
    return _missing_detail(claim, text, article, encoder, config)


def unstated_predicate(
    claim_slots: Slots, text: str, encoder: TextEncoder, config: CellConfig
) -> str | None:
    """A main predicate of the claim that the window does not report, in any words.

    A sentence on the same event with the same participants is not a statement of the
    claim unless it also says what the claim says happened: "A fire destroyed a
    warehouse on Talbot Street" does not say the fire "was started deliberately", and
    "the owner of the tanker was questioned" does not say the captain "was arrested".
    A predicate is reported by a verb the lexicon pairs with it, by a verb this close
    ("quit" for "resigned"), or by a clause whose verb and what it governs are this
    close, with or without the names, figures and dates ("removed him from his post"
    for "sacked her minister"). A light verb ("was an experienced mountaineer", "sits on a fault
    system") says nothing by itself: the words of its complement must be given instead.
    An act the window negates or reports a denial of ("rejected reports that its troops
    had delivered rifles") does not report a claim that asserts an act.
    """
    claim_doc, window_doc = parse(claim_slots.text), parse(text)
    window_predicates = slots_of(text).predicates
    if not _says_no(claim_doc, claim_slots):
        denied = {p.position for p in window_predicates if p.negated or p.denial}
        window_predicates = tuple(p for p in window_predicates if p.position not in denied)
    else:
        denied = set()
    unmatched = []
    for predicate in claim_slots.predicates:
        if not predicate.main or predicate.frame:
            continue
        head = _reported_act(claim_doc[predicate.position])
        lemma = predicate.lemma if head.i == predicate.position else head.lemma_.lower()
        # Read before the lexicon, which pairs "sits" with any "is".
        if head.lemma_.lower() in _COPULAR_VERBS:
            missing = _ungiven_complement(head, window_doc, encoder, config, _COMPLEMENTS)
            if missing is not None:
                return f"does not say '{missing}'"
            continue
        if _verb(head) in _EVENT_OBJECT_VERBS and any(c.dep_ == "dobj" for c in head.children):
            missing = _ungiven_complement(head, window_doc, encoder, config, {"dobj"})
            if missing is not None:
                return f"does not say '{missing}'"
            continue
        if any(corresponds(lemma, other.lemma) for other in window_predicates):
            continue
        if _reported_in_other_words({lemma, *_verb_forms(head)}, window_doc, denied):
            continue
        unmatched.append(head)
    # An attribution ("officials said") reports no act of its own.
    frames = {p.position for p in window_predicates if p.frame}
    window_heads = [
        t
        for t in window_doc
        if (t.pos_ in {"VERB", "AUX"} or t.dep_ == "ROOT")
        and t.dep_ not in {"aux", "auxpass"}
        and t.i not in frames
        and t.i not in denied
    ]
    if not unmatched:
        return None
    if not window_heads:
        # A window whose every act is negated or denied reports none of them.
        return f"does not report '{act_phrase(unmatched[0])}'" if denied else None
    wordings = (_verb, act_phrase, _act_in_general)
    window_wordings = [[wording(t) for t in window_heads] for wording in wordings]
    acts_of = {
        head.i: [head, *(c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB")]
        for head in unmatched
    }
    claim_wordings = [
        wording(act) for acts in acts_of.values() for act in acts for wording in wordings
    ]
    # One call embeds every wording not seen before: the model's cost is per call.
    encoder.encode(
        list(dict.fromkeys([*claim_wordings, *(w for ws in window_wordings for w in ws)]))
    )
    thresholds = (
        config.same_verb_above,
        config.same_act_phrase_above,
        config.same_act_phrase_above,
    )
    for head in unmatched:
        # Another named doer's act is not the claim's, however alike the two acts read.
        theirs = [not _another_named_doer(head, t) for t in window_heads]
        if not any(theirs):
            return f"does not report '{act_phrase(head)}'"
        if not any(
            (closeness := _closest(wording(act), list(compress(window, theirs)), encoder))
            >= threshold
            and (
                wording is not _verb
                or closeness >= config.same_verb_alone_above
                or _object_given(act, window_doc, encoder, config)
            )
            for act in acts_of[head.i]
            for wording, window, threshold in zip(
                wordings, window_wordings, thresholds, strict=True
            )
        ):
            return f"does not report '{act_phrase(head)}'"
    return None


def _says_no(claim_doc: Doc, claim_slots: Slots) -> bool:
    """True when the claim negates or denies, in its verb or in a word such as "neither"
    or "no one" ("Neither report could be confirmed"): a negated act may report it."""
    return any(p.negated or p.denial for p in claim_slots.predicates if p.main) or any(
        t.dep_ == "neg" or t.lower_ in _NEGATIVE_WORDS for t in claim_doc
    )


def _another_named_doer(claim_head: Token, window_head: Token) -> bool:
    """True when both acts' doers are named and share no name: "Ostrian troops attacked
    the post" is not Velmar's act. A people's name is its country's ("Velmarian troops"
    for Velmar)."""
    mine, theirs = _doer_names(claim_head), _doer_names(window_head)
    return bool(mine and theirs) and not any(
        _same_name(first, second) for first in mine for second in theirs
    )


def _doer_names(head: Token) -> list[str]:
    """The names in the subject of a verb, or of the verb it is joined to ("crossed the
    line and attacked the post")."""
    while not any(c.dep_ == "nsubj" for c in head.children) and head.dep_ == "conj":
        head = head.head
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    side = {
        t.i
        for child in subject.children
        if child.dep_ in {"relcl", "acl", "appos"}
        for t in child.subtree
    }
    return [t.lower_ for t in subject.subtree if t.i not in side and is_name(t) and t.is_alpha]


def _same_name(first: str, second: str) -> bool:
    shorter, longer = sorted((first, second), key=len)
    return longer.startswith(shorter[: max(4, len(shorter) - 2)])


def _reported_act(head: Token) -> Token:
    """The act a passive of hearsay reports ("are said to be too stretched", "is believed
    to have fled"): the verb it governs, since the saying is nobody's act; otherwise the
    head itself."""
    if head.lemma_.lower() not in _HEARSAY_VERBS or not any(
        c.dep_ in {"nsubjpass", "auxpass"} for c in head.children
    ):
        return head
    return next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}), head)


def _reported_in_other_words(
    claim_forms: set[str], window_doc: Doc, skipped: Collection[int] = ()
) -> bool:
    """True when a verb of the window is one the act list pairs with the claim's verb:
    "pushed back" for "postponed", "rolled over" for "capsized"."""
    groups = act_groups(claim_forms)
    return bool(groups) and any(
        act_groups([form]) & groups
        for token in window_doc
        if token.pos_ in {"VERB", "AUX"} and token.i not in skipped
        for form in _verb_forms(token)
    )


def _verb_forms(head: Token) -> list[str]:
    """The verb's lemma alone, with its particle, and with the word after it, which the
    parser often reads as an adverb or preposition ("rolled over", "crossed into")."""
    lemma = head.lemma_.lower()
    forms = [lemma, _verb(head)]
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if following is not None and following.head == head and following.is_alpha:
        forms.append(f"{lemma} {following.lower_}")
    return forms


def _object_given(act: Token, window_doc: Doc, encoder: TextEncoder, config: CellConfig) -> bool:
    """True when the window gives what the act is done to, in words close enough.

    A fairly close verb alone is not the claim's act when its object is missing: "had
    lost three soldiers" does not report "had ignored three proposals"; a verb close
    enough by itself ("fled" for "leave their homes") needs no object.
    """
    objects = [c for c in act.children if c.dep_ in {"dobj", "attr", "oprd"} and is_content(c)]
    if not objects:
        return True
    given = {t.lemma_.lower() for t in window_doc} | {t.lower_ for t in window_doc}
    missing = [t.lemma_.lower() for t in objects if t.lemma_.lower() not in given]
    window_words = [t.lemma_.lower() for t in window_doc if is_content(t)]
    if not missing:
        return True
    if not window_words:
        return False
    closest = (encoder.encode(missing) @ encoder.encode(window_words).T).max(axis=1)
    return bool((closest >= config.word_match).all())


def _verb(head: Token) -> str:
    """The verb's lemma with its particle: "push back", "call off"."""
    particles = [c.lower_ for c in head.children if c.dep_ == "prt"]
    return " ".join([head.lemma_.lower(), *particles])


def act_phrase(head: Token) -> str:
    """The verb with its objects and complements, without its subject or its setting:
    "sacked her finance minister", "ran out"; places and times are the slots' business."""
    words = {head.i}
    for child in head.children:
        if child.dep_ in _ACT_DEPS:
            words.update(t.i for t in child.subtree)
    return "".join(head.doc[i].text_with_ws for i in sorted(words)).strip()


def _act_in_general(head: Token) -> str:
    """The verb with everything it governs but its subject and side clauses, less names,
    figures and dates: "drove their tractors onto the near" for "drove their tractors
    onto the A4 near Terre on Monday". What was done, wherever and whenever."""
    words = {head.i}
    for child in head.children:
        if child.dep_ in _NOT_THE_ACT:
            continue
        words.update(
            t.i
            for t in child.subtree
            if not t.ent_type_
            and t.pos_ not in {"PROPN", "NUM", "PUNCT"}
            and t.dep_ not in {"relcl", "appos"}
        )
    return "".join(head.doc[i].text_with_ws for i in sorted(words)).strip()


def _closest(text: str, others: list[str], encoder: TextEncoder) -> float:
    vectors = encoder.encode([text, *others])
    return float((vectors[1:] @ vectors[0]).max())


def _ungiven_complement(
    head: Token,
    window_doc: Doc,
    encoder: TextEncoder,
    config: CellConfig,
    deps: Collection[str],
) -> str | None:
    """A content word of a light verb's complement (or an event verb's object: ``deps``)
    that the window does not give."""
    complement = [
        t
        for child in head.children
        if child.dep_ in deps
        for t in child.subtree
        if is_content(t) and not t.ent_type_
    ]
    if not complement:
        return None
    given = {t.lemma_.lower() for t in window_doc} | {t.lower_ for t in window_doc}
    words = [t for t in complement if t.lemma_.lower() not in given and t.lower_ not in given]
    window_words = [t.lemma_.lower() for t in window_doc if is_content(t)]
    if not words or not window_words:
        return words[0].text if words else None
    closest = (
        encoder.encode([t.lemma_.lower() for t in words]) @ encoder.encode(window_words).T
    ).max(axis=1)
    return next(
        (t.text for t, score in zip(words, closest, strict=True) if score < config.word_match),
        None,
    )


def _missing_detail(
    claim: str, text: str, article: str, encoder: TextEncoder, config: CellConfig
) -> str | None:
    """A detail of the claim the window drops while keeping the word it belongs to.

    "The cargo terminal remains closed" against "The passenger terminal remains
    closed": the window says "terminal" but nothing like "cargo". A word whose head
    is itself reworded ("quit her post" for "the mayor resigned") is not counted, so
    paraphrases pass, unless the word hangs by a preposition on a verb the window
    reports in words the lexicons pair with it: "overturned off the port" reports
    "rolled over in seconds" but not how fast. A word for the noun's kind is lost only
    where the window gives the noun a kind of its own ("the ferry capsized" states "a
    passenger ferry capsized"; "the cargo terminal" does not state "the passenger terminal").
    """
    claim_doc, window_doc = parse(claim), parse(text)
    # A name the article never gives at all: it cannot be stating a claim about it.
    unnamed = next(
        (t for t in claim_doc if t.pos_ == "PROPN" and t.is_alpha and t.lower_ not in article),
        None,
    )
    if unnamed is not None:
        return f"does not name '{unnamed.text}'"
    given = {t.lemma_.lower() for t in window_doc} | {t.lower_ for t in window_doc}
    window_words = [t for t in window_doc if is_content(t)]
    candidates = [
        t
        for t in claim_doc
        if is_content(t)
        and t.pos_ != "VERB"
        and t.lemma_.lower() not in given
        and t.lower_ not in given
        and t.lower_ not in COUNTING_WORDS
        and not t.like_num
        and t.lemma_.lower() not in GENERIC_NOUNS
        and t.lemma_.lower() not in PERSON_NOUNS
        # A name the article gives elsewhere (the dateline's town) is not a lost detail.
        and not (t.pos_ == "PROPN" and t.lower_ in article)
    ]
    if not candidates or not window_words:
        return None
    reported = _acts_reported(claim_doc, window_doc)
    head_given = [
        t
        for t in candidates
        if (_head_given(t, given) and not _unopposed_kind(t, window_doc))
        or _detail_of_act(t, reported)
    ]
    if not head_given:
        return None
    claim_vectors = encoder.encode([t.lemma_.lower() for t in head_given])
    window_vectors = encoder.encode([t.lemma_.lower() for t in window_words])
    closest = (claim_vectors @ window_vectors.T).max(axis=1)
    for token, score in zip(head_given, closest, strict=True):
        if score < config.word_match:
            return f"does not say '{token.text}'"
    return None


def _acts_reported(claim_doc: Doc, window_doc: Doc) -> set[str]:
    """The claim's verbs that the window reports in words the lexicons pair with them
    ("overturned" for "rolled over"): what hangs on them is a detail of the act."""
    window_verbs = [t for t in window_doc if t.pos_ in {"VERB", "AUX"}]
    window_lemmas = [t.lemma_.lower() for t in window_verbs]
    reported = set()
    for token in claim_doc:
        if token.pos_ != "VERB":
            continue
        forms = {token.lemma_.lower(), *_verb_forms(token)}
        if any(corresponds(token.lemma_.lower(), lemma) for lemma in window_lemmas) or (
            _reported_in_other_words(forms, window_doc)
        ):
            reported.add(token.lemma_.lower())
    return reported


def _detail_of_act(token: Token, reported: set[str]) -> bool:
    """True when ``token`` says through a preposition how, where or when a reported verb's
    act happened ("rolled over in seconds", "halted as a precaution"); the verb's doer,
    object and adverbs are left to the act's own reading ("surged" says "rose sharply")."""
    head, through_preposition = token.head, False
    while head.i != head.head.i and (head.pos_ in {"ADP", "AUX", "PART"} or head.is_stop):
        through_preposition |= head.pos_ == "ADP"
        head = head.head
    return (
        through_preposition
        and head.i != token.i
        and head.pos_ == "VERB"
        and head.lemma_.lower() in reported
    )


def _unopposed_kind(token: Token, window_doc: Doc) -> bool:
    """True when ``token`` says what kind its noun is ("a passenger ferry", "rubber boats")
    and the window names that noun with no kind of its own: "the ferry capsized" leaves
    the kind unsaid, while "the cargo terminal" for "the passenger terminal" names another."""
    if token.dep_ not in _KIND_DEPS or token.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    noun = token.head.lemma_.lower()
    named = [t for t in window_doc if t.lemma_.lower() == noun or t.lower_ == token.head.lower_]
    return bool(named) and not any(
        child.dep_ in _KIND_DEPS and is_content(child) for t in named for child in t.children
    )


def _head_given(token: Token, given: set[str]) -> bool:
    """True when the word ``token`` qualifies (through prepositions) appears in the window."""
    head = token.head
    while head.i != head.head.i and (head.pos_ in {"ADP", "AUX", "PART"} or head.is_stop):
        head = head.head
    if head.i == token.i:
        return False
    if head.pos_ in {"ADP", "AUX", "PART"} or head.is_stop:
        return True  # "are in a critical condition": the claim's root is a copula
    return head.lemma_.lower() in given or head.lower_ in given
