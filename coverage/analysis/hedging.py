"""Hedging and attribution: does the outlet state a claim as its own fact, and if not, whose?

Parallax counts attribution as hedging: "X reported that ..." and "according to X"
mean the outlet passes the claim on rather than vouching for it, just as
"reportedly" or "may have" do. Cues are found with regular expressions, so a plain
string works without any model; with a spaCy parse the cited sources are read from
the dependency tree and named entities, which gives clean names ("Al-Watan" rather
than "the Syrian newspaper Al-Watan on Wednesday").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coverage.analysis.calendar_words import WEEKDAY_NAMES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Hedging:
    """How a sentence or claim distances the outlet from what it says."""

    hedged: bool
    cues: tuple[str, ...] = ()
    attributed_to: str | None = None
    sources: tuple[str, ...] = ()
    # Sources that are only the speaker of the speech act the claim is ("The rebels
    # claimed the attack"), not someone who passes it on.
    actors: tuple[str, ...] = ()


# Verbs that hand a proposition over to a speaker ("X said that ...", "as noted by X").
SPEECH_VERBS = frozenset(
    {
        "accuse",
        "add",
        "allege",
        "announce",
        "assert",
        "caution",
        "claim",
        "cite",
        "confirm",
        "cover",
        "declare",
        "deny",
        "emphasize",
        "estimate",
        "explain",
        "indicate",
        "insist",
        "mention",
        "note",
        "quote",
        "reference",
        "report",
        "reveal",
        "say",
        "state",
        "suggest",
        "tell",
        "warn",
        "write",
    }
)
# Verbs that pass a proposition on in order to deny it: the claim is the denial.
DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "contest"})
# What a party denies when its denial is a position rather than an act: "rejected reports
# that ...", "denied any involvement"; "the court rejected the appeal" is an act, and
# "officials have denied similar reports in the past" is background without its content.
_DENIED_STATEMENTS = frozenset(
    {
        "report",
        "claim",
        "allegation",
        "accusation",
        "suggestion",
        "speculation",
        "charge",
        "rumour",
        "rumor",
        "story",
        "assertion",
    }
)
_DENIED_PART = frozenset({"involvement", "responsibility", "wrongdoing", "link", "role"})
# Verbs whose object is the source rather than the content ("cited Islamist social media").
CITING_VERBS = frozenset({"cite", "quote", "reference"})
# Verbs that pass on what someone holds or hints to be true, only with a clause as
# content: "Fire chiefs fear the flames will reach Tellan", "the boss hinted that ...".
_CONTENT_VERBS = frozenset(
    {"fear", "believe", "suspect", "expect", "think", "hint", "predict", "admit", "argue"}
)
# Verbs by which a record shows something, and the records: "documents show that ...".
_SHOWING_VERBS = frozenset({"show", "reveal", "suggest", "indicate"})
# Documents and recordings, which are sources; published figures and data ("figures
# published last week showed") are the outlet's facts.
_RECORD_NOUNS = frozenset(
    {
        "document",
        "paper",
        "record",
        "file",
        "filing",
        "minute",
        "email",
        "letter",
        "memo",
        "timetable",
        "schedule",
        "log",
        "footage",
        "video",
        "image",
        "photo",
        "photograph",
        "recording",
        "transcript",
    }
)
# Verbs that say how a quotation was spoken: '"...," sobbed a passenger'.
MANNER_VERBS = frozenset(
    {"sob", "fume", "weep", "cry", "gasp", "sigh", "shout", "scream", "recall", "snap"}
)
# The marks that open or close a quotation in the texts Parallax reads.
QUOTE_MARKS = frozenset('"“”')
# Verbs by which a source gives a figure: "The institute measured the quake at magnitude
# 5.8", "Dravonia puts its losses at three soldiers"; with a number they pass it on.
_ESTIMATING_VERBS = frozenset({"measure", "record", "put", "register", "count"})
# Verbs by which a party gives its own account of a cause or of what someone is or did,
# with the preposition that carries it: "The operator blamed the failure on heavy rain",
# "put the leak down to a valve", "described the gunmen as thieves", "accused the
# smugglers of using boats", "called the protesters 'vandals'". Like a denial, the account
# is the party's position.
_VERDICT_PREPOSITIONS = {
    "blame": "on",
    "attribute": "to",
    "put": "to",
    "describe": "as",
    "characterise": "as",
    "characterize": "as",
    "accuse": "of",
    "call": "",  # "called the protesters 'vandals'": an object and what it is called
}
# Verbs that, with an object and an infinitive, give an instruction rather than a claim:
# "residents were told to keep their windows shut" is the outlet's own report of an act.
_INSTRUCTING_VERBS = frozenset({"tell", "ask", "urge", "warn", "advise", "order", "instruct"})
# Verbs of a speaker's act of saying whose object or complement is the speaker's substance:
# "The rebels claimed the attack", "The union demanded a 9% raise", "Police told residents
# to stay indoors", "The minister called for calm". With a speaker as subject the outlet
# passes the speaker's words on, as with "said"; orders and declarations are acts of their
# own, and an instruction without a speaker ("residents were told to") is the outlet's.
_SPEECH_ACT_VERBS = frozenset(
    {
        "accuse",
        "advise",
        "appeal",
        "ask",
        "blame",
        "call",
        "claim",
        "demand",
        "deny",
        "dismiss",
        "pledge",
        "promise",
        "reject",
        "tell",
        "threaten",
        "urge",
        "vow",
        "warn",
    }
)
# Verbs that say nothing without their complement: "asked for calm", "called on the army to
# withdraw", "told residents to leave"; "called a meeting", "asked a question" are acts.
_SPEECH_ACT_PREPOSITIONS = {"call": {"for", "on"}, "ask": {"for"}, "appeal": {"for", "to"}}
# Prepositions that carry what is said without an object: "warned of flooding".
_SPEECH_ACT_TOPICS = {"accuse": {"of"}, "blame": {"for", "on"}, "warn": {"of", "against", "about"}}
# Objects by which a verb of denial is no speech: a court "rejected the appeal", guards
# "denied them entry", a flood "claimed twelve lives".
_ACT_OBJECTS = frozenset(
    {
        "appeal",
        "motion",
        "petition",
        "lawsuit",
        "suit",
        "case",
        "application",
        "entry",
        "access",
        "permission",
        "bail",
        "life",
        "victim",
        # "claimed responsibility" is the formula of an act, reported as one.
        "responsibility",
    }
)
# Nouns that name a source when cited: "citing an unnamed source" hedges, while
# "citing a faster fall in inflation" gives the actor's reason and hedges nothing.
_SOURCE_NOUNS = frozenset(
    {
        "source",
        "official",
        "report",
        "media",
        "informant",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "witness",
        "resident",
        "police",
        "ministry",
        "authority",
        "government",
        "document",
        "intelligence",
        "survey",
        "study",
        "expert",
        "analyst",
        "diplomat",
        "person",
        "people",
        "insider",
        "minister",
        "officer",
        "commander",
        "leader",
        "president",
        "director",
        "chief",
        "head",
        "representative",
        "account",
        "estimate",
    }
)
# Whom a speaker tells what the sentence or the one before reports: "he told reporters".
_AUDIENCES = frozenset(
    {"reporter", "journalist", "press", "crowd", "audience", "listener", "viewer", "lawmaker"}
)
# Head nouns that describe a medium; the name next to them is the real source.
MEDIA_NOUNS = frozenset(
    {
        "agency",
        "article",
        "broadcaster",
        "channel",
        "daily",
        "magazine",
        "network",
        "newspaper",
        "outlet",
        "paper",
        "publication",
        "report",
        "site",
        "station",
        "statement",
        "story",
        "television",
        "website",
    }
)
# Sources too vague to name: the cue is kept, but there is nobody to attribute to.
_ANONYMOUS = frozenset(
    {
        "he",
        "she",
        "it",
        "they",
        "we",
        "this",
        "that",
        "report",
        "reports",
        "source",
        "sources",
        "media",
        "media reports",
        "the reports",
        "these reports",
        "those reports",
        "the source",
        "the sources",
    }
)
_WEEKDAYS = frozenset(WEEKDAY_NAMES)
# Adverbs by which an outlet passes a claim on without naming who made it.
HEDGE_ADVERBS = (
    "reportedly",
    "allegedly",
    "purportedly",
    "supposedly",
    "apparently",
    "ostensibly",
    "seemingly",
)

# Whose reckoning a figure is: "by the institute's measurements", "by its own count".
_RECKONING_NOUNS = frozenset(
    {"count", "tally", "estimate", "reckoning", "measurement", "calculation"}
)
_RECKONING = (
    r"\bby (?:(?:its|their|his|her) |(?:the )?[\w’'-]+(?: [\w’'-]+){0,4}?(?:'s|’s) )(?:own )?"
    rf"(?:{'|'.join(sorted(_RECKONING_NOUNS))})s?\b"
)

_CUE_PATTERNS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b(?:{'|'.join(HEDGE_ADVERBS)})\b",
        r"\b(?:alleged|purported)\b",
        # "unverified casualty figures" describes what others spread; "unconfirmed reports
        # say" hedges what follows.
        r"\b(?:unconfirmed|unverified|unsubstantiated) (?:reports?|claims?|accounts?)\b",
        r"\bit (?:has been|had been|is|was) "
        r"(?:claimed|reported|alleged|said|suggested|rumou?red|understood|believed|thought|"
        r"feared)\b",
        r"\b(?:is|are|was|were|has been|have been) (?:said|believed|thought|reported|alleged|"
        r"claimed|understood|rumou?red) to\b",
        r"\b(?:appears?|appeared|seems?|seemed|claim|claims|claimed) to\b",
        # "could be independently verified", "smoke could be seen" state what was possible.
        r"\b(?:may|might|could) (?:have|be)\b(?! (?:independently |immediately |clearly )?"
        r"(?:verified|confirmed|seen|heard|reached)\b)",
        r"\bif\b[^.;]{0,80}?\b(?:is|are) to be believed\b",
        # "Officially, Dravonia puts its losses at three" passes on the official line.
        r"^\W*officially,",
        r"\b(?:sources?|reports?|media reports?) (?:say|said|says|claim|claimed|suggest|"
        r"suggested|suggests|indicate|indicated|indicates|told|show|showed)\b",
        r"\baccording to\b",
        # "By the town hall's count, 2,300 people left": the figure is the town hall's.
        _RECKONING,
        r"\bas (?:noted|reported|stated|cited|said|claimed|quoted|mentioned) (?:by|in)\b",
        r"\b(?:covered|cited|quoted|referenced|confirmed|broadcast|aired|published) by\b",
    )
]
# In the regex-only path a source is a capitalised name run, optionally after "the".
_NAME = r"(?:[Tt]he\s+)?(?!The\b)(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*"
# Phrases whose first group is the cited source.
_SOURCE_PATTERNS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\baccording to\s+([^,.;:]+)",
        r"\bas (?:noted|reported|stated|cited|said|claimed|quoted|mentioned) (?:by|in)\s+"
        r"([^,.;:]+)",
        r"\b(?:covered|cited|quoted|reported|referenced|confirmed) by\s+([^,.;:]+)",
    )
]
# "<Name> said": group 1 is the speaker, group 2 the verb, which is also a cue.
_SPEAKER_PATTERN = re.compile(
    rf"({_NAME})\s+(?:also\s+|previously\s+|later\s+)?(said|says|told|reported|reports|"
    r"asserted|asserts|cited|cites|claimed|claims|stated|states|announced|accused|"
    r"emphasized|wrote|writes|noted|notes|mentioned|quoted)\b"
)
_MEDIA_NAME = re.compile(rf"\b(?:{'|'.join(sorted(MEDIA_NOUNS))})\s+({_NAME})\s*$", re.IGNORECASE)
_NAME_BEFORE_MEDIA = re.compile(
    rf"({_NAME})\s+(?:[a-z]+\s+)?(?:{'|'.join(sorted(MEDIA_NOUNS))})s?\s*$"
)
_TRAILING_TIME = re.compile(
    r"\s+(?:on|in|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"week|month|year)\b.*$"
)


def detect_hedging(text: str, doc: Doc | Span | None = None) -> Hedging:
    """Hedging cues and cited sources of ``text``.

    ``doc`` is the spaCy parse of the same text (a Doc or a Span); without it the
    sources come from patterns, which handle the common "according to X" and
    "X said" shapes but name sources less cleanly.
    """
    tokens = list(doc) if doc is not None else None
    return hedging_for_tokens(text, tokens)


def hedging_for_tokens(text: str, tokens: Sequence[Token] | None) -> Hedging:
    """Like detect_hedging, for a claim that is a subset of a parsed sentence's tokens."""
    # With a parse the tree decides who speaks: a capitalised word before "reported" is
    # not always a speaker ("Engineers reported cracks to the owner" reports an act).
    cues = _regex_cues(text, speakers=tokens is None)
    actors: list[str] = []
    if tokens is None:
        sources = _regex_sources(text)
    else:
        parsed_cues, sources, actors = _parse_attribution(tokens)
        # "reports indicate" already covers the parsed verb "indicate".
        cues = _unique(
            [*cues, *(cue for cue in parsed_cues if not any(cue in found for found in cues))]
        )
    attributed_to = next((source for source in sources if source.lower() not in _ANONYMOUS), None)
    named_sources = tuple(source for source in sources if source.lower() not in _ANONYMOUS)
    return Hedging(
        hedged=bool(cues or sources),
        cues=tuple(cues),
        attributed_to=attributed_to,
        sources=named_sources,
        actors=tuple(actor for actor in actors if actor in named_sources),
    )


# Cues that hedge whoever speaks: the outlet citing itself still hedges with these.
_HEDGE_WORDS = re.compile(
    rf"\b(?:{'|'.join(HEDGE_ADVERBS)}|alleged|purported|may|might|could|appears?|appeared|"
    r"seems?|seemed|believed|thought|understood|rumou?red|feared|unconfirmed|unverified|"
    r"unsubstantiated|officially|to be believed)\b"
)


def names_the_outlet(source: str, outlet: str) -> bool:
    """Whether ``source`` is the outlet itself: its name, or its name's last word after
    "the" ("the Ledger" in the Brisa Ledger)."""
    name = re.sub(r"^the\s+", "", source.strip(), flags=re.IGNORECASE).lower()
    words = outlet.lower().split()
    return bool(words) and (name == " ".join(words) or (len(words) > 1 and name == words[-1]))


def cites_only_itself(hedging: Hedging, outlet: str) -> bool:
    """ "The Ledger counted about 600 families", printed in the Brisa Ledger: the outlet's
    own reporting, not a source it passes on. True when every source the hedging names is
    the outlet and no hedge word ("reportedly", "may have") is among its cues."""
    return (
        hedging.hedged
        and bool(hedging.sources)
        and all(names_the_outlet(source, outlet) for source in hedging.sources)
        and not any(_HEDGE_WORDS.search(cue) for cue in hedging.cues)
    )


def hedge_reach(doc: Doc | Span, *, placed_only: bool = False) -> tuple[set[int], set[int]]:
    """Which tokens of ``doc`` its hedges cover, and which frame them (the speaker and the
    verb of an attribution), by index: an attribution covers the clause it governs, not
    the whole sentence.

    "Lotte Brandt quit her post, saying she had no energy left": "saying" covers what she
    said, not that she quit; "Rescue teams searched the block, where neighbours said two
    people were missing": the search is the outlet's own. Nor does a reported clause's
    hedge cover a relative clause or appositive set off by commas that describes its
    subject ("The dockworkers, who walked out on Monday, want more pay, the agency said").
    A hedge word covers its verb's clause with the conjuncts that share its subject ("The
    ferry was overloaded and may have sunk": only the sinking is hedged), and a frame set in
    the middle ("The river burst its banks, police said, and three villages were flooded")
    its own clause. Hedges whose reach the parse cannot tell cover every token, or with
    ``placed_only`` none.
    """
    tokens = list(doc)
    everything = {token.i for token in tokens}
    covered: set[int] = set()
    frames: set[int] = set()
    anchors = [
        [t for t in tokens if start <= t.idx - tokens[0].idx < start + len(cue)]
        for start, cue in _regex_cue_spans(doc.text)
    ]
    anchors += [
        [token]
        for token in tokens
        if _gives_a_figure(token)
        or _gives_a_verdict(token)
        or _is_denial(token)
        or is_speech_act(token)
        or _is_content_verb(token)
        or is_attribution_verb(token)
        or (token.lower_ == "according" and _child(token, "prep", "to") is not None)
    ]
    for cue_tokens in anchors:
        reach = _reach(cue_tokens, everything)
        if reach is None:
            if placed_only:
                continue
            return everything, set()
        scope, frame = reach
        covered |= scope
        frames |= frame
    return covered, frames - covered


def _reach(cue_tokens: Sequence[Token], everything: set[int]) -> tuple[set[int], set[int]] | None:
    """What a cue covers (a verb's reported clause, an adverb's or "according to"'s clause)
    and what frames it; None when the parse cannot tell."""
    for token in cue_tokens:
        # "according to X" and "by X's count" hedge the clause they hang on.
        if token.lower_ == "according" or (token.lower_ == "by" and token.i == cue_tokens[0].i):
            phrase = {t.i for t in token.subtree}
            before = token.doc[token.i - 1] if token.i > 0 else None
            after = token.doc[max(phrase) + 1 : max(everything) + 1]
            if (before is not None and before.text == ",") and all(t.is_punct for t in after):
                return everything - phrase, phrase  # closing the sentence, it covers all
            return {t.i for t in token.head.subtree} - phrase, phrase
        if token.lower_ in HEDGE_ADVERBS and token.dep_ == "advmod":
            return _clause_of(token.head), {token.i}
        if token.lower_ in _MODALS and token.dep_ == "aux":
            return _clause_of(token.head), set()
        if token.dep_ in {"aux", "auxpass"}:
            continue  # "it is understood that": the verb after it decides
        if token.dep_ == "parataxis" and is_attribution_verb(token):
            # "The river burst its banks, police said, and three villages were flooded":
            # the frame covers the clause it sits in.
            frame = {t.i for t in token.subtree}
            return _clause_of(token.head) - frame, frame
        if _gives_a_verdict(token):
            # "Police blamed the crash on ice, and the road was closed": the account is
            # the verb with its object and preposition; the party giving it frames it.
            scope = {token.i} | {
                t.i
                for child in token.children
                if child.dep_ in {"dobj", "oprd", "prep", "prt"}
                for t in child.subtree
            }
            subjects = _children(token, "nsubj")
            speaker = {t.i for subject in subjects for t in subject.subtree}
            return scope, speaker - _descriptions(subjects)
        if token.pos_ in {"VERB", "AUX"} and closes_the_sentence(token):
            # "A destroyed the roof, but B was saved, the curator claimed": all it follows.
            last_comma = max(t.i for t in token.sent if t.text == "," and t.i < token.i)
            before = {i for i in everything if i < last_comma}
            subjects = [
                t
                for t in token.doc
                if t.i in before and t.dep_ in {"nsubj", "nsubjpass"} and t.head.i in before
            ]
            described = _descriptions(subjects)
            return before - described, everything - before - described
        if is_speech_act(token) and not is_attribution_verb(token) and not _is_denial(token):
            # "The union demanded a raise, and the port closed": the speaker's act is the
            # verb with what it says; the speaker frames it.
            scope = {token.i} | {
                t.i
                for child in token.children
                if child.dep_ not in {"nsubj", "agent", "conj", "cc", "punct"}
                for t in child.subtree
            }
            subjects = _children(token, "nsubj") or _children(token.head, "nsubj")
            speaker = {t.i for subject in subjects for t in subject.subtree}
            speaker |= {t.i for child in _children(token, "agent") for t in child.subtree}
            return scope, speaker - _descriptions(subjects) - scope
        if token.pos_ in {"VERB", "AUX"}:
            contents = [c for c in token.children if c.dep_ in {"ccomp", "xcomp"}]
            # "said in a statement that no toxic substances had been released": the
            # parser hangs the content on the statement.
            contents += [
                clause
                for prep in token.children
                if prep.dep_ == "prep"
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for clause in pobj.children
                if clause.dep_ in {"acl", "relcl"}
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            ]
            if not contents:
                return None
            scope: set[int] = set()
            described: set[int] = set()
            for content in contents:
                scope |= {t.i for t in content.subtree}
                subjects = _children(content, "nsubj") + _children(content, "nsubjpass")
                if content.dep_ == "xcomp":
                    # "The ferry appears to have sunk", "is said to be": the subject the
                    # verb raises belongs to what it hedges.
                    subjects = _children(token, "nsubj") + _children(token, "nsubjpass")
                    for subject in subjects:
                        scope |= {t.i for t in subject.subtree}
                described |= _descriptions(subjects)
            scope -= described
            # The description is the outlet's own statement, neither hedged nor frame, and
            # so is the speaker's: "Fair Count, a group that deployed 300 observers, said".
            described |= _told_of(_children(token, "nsubj"))
            return scope & everything, {t.i for t in token.subtree} - scope - described
    return None


# Modal verbs that hedge their verb's clause: "may have sunk", "could be".
_MODALS = frozenset({"may", "might", "could"})


def _clause_of(verb: Token) -> set[int]:
    """The clause headed by ``verb`` without the conjuncts that have a subject of their own
    ("..., and the crew were paid in cash") and without the descriptions of its subject."""
    others = [
        child
        for child in verb.children
        if child.dep_ == "conj" and (_children(child, "nsubj") or _children(child, "nsubjpass"))
    ]
    left_out = {t.i for child in others for t in child.subtree}
    left_out |= {t.i for t in verb.children if t.dep_ == "cc" and others and t.i < others[0].i}
    subjects = _children(verb, "nsubj") + _children(verb, "nsubjpass")
    return {t.i for t in verb.subtree} - left_out - _descriptions(subjects)


def _descriptions(subjects: Sequence[Token]) -> set[int]:
    """Relative clauses and appositives set off by commas inside the subjects: the outlet's
    own description ("The dockers at Vessa, who walked out on Monday, ...")."""
    return {
        t.i
        for subject in subjects
        for word in subject.subtree
        for modifier in word.children
        if modifier.dep_ in {"relcl", "appos", "acl"} and _set_off(modifier)
        for t in modifier.subtree
    }


def _told_of(speakers: Sequence[Token]) -> set[int]:
    """What the outlet tells of a speaker in a clause or description set off beside it:
    "Branik, who was arrested in 2022, told the court", "Residents of Orlo, a farming
    village below the pass, said". A name in apposition ("the two largest banks, Skarvik
    and Nordvik, said") only says who speaks, and stays in the frame."""
    described = _descriptions(speakers)
    if not described:
        return set()
    doc = speakers[0].doc
    return {
        i
        for i in described
        if any(
            a.i in described
            and (
                a.dep_ in {"relcl", "acl"}
                or (a.dep_ == "appos" and a.pos_ in {"NOUN", "NUM", "PRON"})
            )
            for a in [doc[i], *doc[i].ancestors]
        )
    }


def _set_off(modifier: Token) -> bool:
    """A modifier between commas or dashes: it describes, rather than picks out, its noun."""
    start = modifier.left_edge.i
    return start > 0 and modifier.doc[start - 1].text in {",", "—", "–", "("}


def _regex_cues(text: str, *, speakers: bool) -> list[str]:
    found: list[tuple[int, str]] = []
    for pattern in _CUE_PATTERNS:
        found.extend((match.start(), match.group(0).lower()) for match in pattern.finditer(text))
    if speakers:
        found.extend(
            (match.start(2), match.group(2).lower()) for match in _SPEAKER_PATTERN.finditer(text)
        )
    return _unique(cue for _, cue in sorted(found))


def _regex_cue_spans(text: str) -> list[tuple[int, str]]:
    return sorted(
        (match.start(), match.group(0))
        for pattern in _CUE_PATTERNS
        for match in pattern.finditer(text)
    )


def _regex_sources(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for pattern in [*_SOURCE_PATTERNS, _SPEAKER_PATTERN]:
        for match in pattern.finditer(text):
            found.append((match.start(1), _clean_regex_source(match.group(1))))
    return _unique(source for _, source in sorted(found) if source)


def _clean_regex_source(phrase: str) -> str:
    phrase = _TRAILING_TIME.sub("", phrase.strip())
    phrase = re.split(r"\s+(?:that|who|which)\b", phrase)[0].strip()
    if match := _MEDIA_NAME.search(phrase):
        return _strip_article(match.group(1))
    if match := _NAME_BEFORE_MEDIA.search(phrase):
        words = [w for w in match.group(1).split() if w.lower() not in _WEEKDAYS]
        return _strip_article(" ".join(words))
    return _lower_article(phrase)


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)


def _lower_article(phrase: str) -> str:
    return re.sub(r"^(The|A|An)\b", lambda match: match.group(1).lower(), phrase)


def _parse_attribution(tokens: Sequence[Token]) -> tuple[list[str], list[str], list[str]]:
    """Attribution cues and sources from the dependency parse, in sentence order, with the
    sources that only speak the claim's own speech act, which come last."""
    in_claim = {token.i for token in tokens}
    cues: list[tuple[int, str]] = []
    sources: list[tuple[int, str]] = []

    def add_source(head: Token) -> None:
        # "which" in "RIA Novosti, which referenced ..." is named by its antecedent already.
        if head.i in in_claim and head.tag_ not in {"WDT", "WP"}:
            sources.append((head.i, source_name(head)))

    for token in tokens:
        if token.dep_ == "ROOT" and (givers := account_givers(token)):
            cues.append((token.i, "account"))
            for giver in givers:
                if giver.i in in_claim:
                    # "the stewards' account": the possessor without its mark
                    sources.append((giver.i, re.sub(r"\s*['’]s?$", "", source_name(giver))))
        if token.lower_ == "according" and (to := _child(token, "prep", "to")) is not None:
            for pobj in _children(to, "pobj"):
                add_source(pobj)
        if token.lower_ == "by":
            # "by the town hall's count": whose count it is.
            for reckoning in _children(token, "pobj"):
                if reckoning.lemma_.lower() in _RECKONING_NOUNS:
                    for owner in _children(reckoning, "poss"):
                        if owner.pos_ != "PRON" and owner.i in in_claim:
                            name = re.sub(r"\s*['’]s$", "", source_name(owner))
                            sources.append((owner.i, name))
        if _gives_a_figure(token):
            cues.append((token.i, token.lower_))
            for child in _children(token, "nsubj"):
                add_source(child)
        if _is_content_verb(token) or _gives_a_verdict(token):
            cues.append((token.i, token.lower_))
            for child in _children(token, "nsubj"):
                add_source(child)
        if _is_denial(token):
            cues.append((token.i, token.lower_))
            for child in _children(token, "nsubj"):
                add_source(child)
        elif (
            is_speech_act(token) and not is_attribution_verb(token) and not _gives_a_verdict(token)
        ):
            cues.append((token.i, token.lower_))
            # "A group claimed the attack, according to X": X passes the claim on; the
            # speaker of the act comes after whoever the sentence cites.
            speakers = _children(token, "nsubj") or _children(token.head, "nsubj")
            speakers += [p for a in _children(token, "agent") for p in _children(a, "pobj")]
            for speaker in speakers:
                if speaker.i in in_claim and speaker.tag_ not in {"WDT", "WP"}:
                    sources.append((len(speaker.doc) + speaker.i, source_name(speaker)))
        elif is_attribution_verb(token):
            cues.append((token.i, token.lower_))
            misread = misread_content_subject(token)
            closing_speaker = _closing_speaker(token)
            if closing_speaker is not None:
                # "..., for Mira Tenhold, the Norvane Press Agency reported": the parser
                # hung the speaker on the last noun as an apposition.
                add_source(closing_speaker)
            elif (
                token.dep_ in {"conj", "advcl"}
                and not _children(token, "nsubj")
                # "as noted by X", "... and was told that": the subject is not the speaker.
                and token.tag_ != "VBN"
                and not _children(token, "auxpass")
            ):
                # "The authority has offered 4 percent and says it cannot afford more",
                # "The mayor resigned, saying ...": the speaker is the subject they share.
                for child in _children(token.head, "nsubj"):
                    add_source(child)
            for child in token.children:
                if child.dep_ == "nsubj" and (misread is None or child.i != misread.i):
                    add_source(child)
                elif child.dep_ == "agent":
                    for pobj in _children(child, "pobj"):
                        add_source(pobj)
                elif child.dep_ == "dobj" and token.lemma_ in CITING_VERBS:
                    add_source(child)
    names = _unique(name for _, name in sorted(sources))
    passing = {name for key, name in sources if key < len(tokens[0].doc)} if tokens else set()
    return [cue for _, cue in sorted(cues)], names, [n for n in names if n not in passing]


# What "That is the figure X gave" calls the sentence before it: someone's account of it.
_ACCOUNT_NOUNS = frozenset(
    {
        "account",
        "version",
        "figure",
        "claim",
        "explanation",
        "story",
        "line",
        "view",
        "position",
        "estimate",
        "count",
        "toll",
        "assessment",
        "description",
        "word",
    }
)
# Verbs a source gives an account with: "the figure the ministry gave".
_GIVING_VERBS = frozenset({"give", "provide", "offer", "put", "release", "publish", "issue"})
_OWN_PRONOUNS = frozenset({"its", "their", "our", "my", "it", "we", "i", "his", "her"})


def account_givers(root: Token) -> list[Token]:
    """Who gives the sentence before as their account, for "That is <someone's account>":
    "That is the figure the ministry gave", "That was the army's version", "That is the view
    of the opposition", "That is what officials say". Empty for anything else ("That is a
    big number", "That is the official line": no one named)."""
    if root.lemma_ != "be" or not any(
        child.dep_ == "nsubj"
        and child.lower_ in {"that", "this", "such"}
        and not list(child.children)
        for child in root.children
    ):
        return []
    givers: list[Token] = []
    for child in root.children:
        if child.dep_ == "ccomp":
            # "That is what officials say", and "That is the account police gave", which
            # the parser reads as a clause of its own.
            givers += _who_gives(child)
        if child.dep_ == "attr" and child.lemma_.lower() in _ACCOUNT_NOUNS:
            for part in child.children:
                if part.dep_ == "poss" and part.lower_ not in _OWN_PRONOUNS:
                    givers.append(part)  # "the ministry's account"
                elif part.dep_ == "prep" and part.lower_ in {"of", "from"}:
                    # "the view of the opposition"
                    givers += [
                        g for g in part.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}
                    ]
                elif part.dep_ in {"relcl", "acl"}:
                    givers += _who_gives(part)  # "the figure the ministry gave", "given by"
    return givers


def _who_gives(verb: Token) -> list[Token]:
    lemma = verb.lemma_.lower()
    if lemma not in _GIVING_VERBS and lemma not in SPEECH_VERBS:
        return []
    givers = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in _OWN_PRONOUNS]
    return givers + [p for a in _children(verb, "agent") for p in _children(a, "pobj")]


def _no_one(subject: Token) -> bool:
    """A subject that names nobody: "nobody", "no one", "none", "no group"."""
    if subject.lower_ in {"nobody", "none", "noone"}:
        return True
    return any(child.dep_ == "det" and child.lower_ == "no" for child in subject.children)


def is_attribution_verb(token: Token) -> bool:
    """True for a verb that passes a proposition on from a speaker or a cited source."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in SPEECH_VERBS | MANNER_VERBS:
        return False
    if token.lemma_.lower() in MANNER_VERBS and not QUOTE_MARKS & set(token.doc.text):
        return False  # "families besieged the offices, screaming for answers": no quotation
    children = list(token.children)
    deps = {child.dep_ for child in children}
    if "neg" in deps or any(child.dep_ == "nsubj" and _no_one(child) for child in children):
        # "The Russian military has not reported attacks" is a negated fact, not a source,
        # and so is "No group has said it was behind the raid": nobody says the content.
        return False
    if any(child.dep_ == "nsubj" and _children(child, "case") for child in children):
        # A possessive subject means a misparsed adjective: "the Group's alleged activity".
        return False
    lemma = token.lemma_.lower()
    if lemma in _INSTRUCTING_VERBS and "xcomp" in deps and "ccomp" not in deps:
        return False  # "residents were told to stay indoors", "told people to leave"
    if lemma == "reveal" and any(child.lower_ == "can" for child in children):
        return False  # "The Flash can reveal that ...": the outlet's own reporting
    if _reports_the_rejected(token):
        return False  # "in Varneck, not in Tamsel as some media reported"
    if closes_the_sentence(token):
        # "..., a source in Kavar told Glasník.": the frame after the last comma, whatever
        # the parser made of it (a clause hung off the last noun, a speaker lost in an
        # apposition).
        return True
    has_speaker = (
        bool(deps & {"nsubj", "nsubjpass", "agent"})
        # "Citing sources, the head of the centre said": the opening phrase misread as the
        # subject, the real subject as an appositive inside it.
        or any(child.dep_ == "csubj" and child.tag_ == "VBG" for child in children)
        # '"...," sobbed a passenger': the inverted speaker misread as an object.
        or (lemma in MANNER_VERBS and "dobj" in deps)
        or lemma in CITING_VERBS
        # "..., saying the smoke was toxic": the speaker is the subject of the clause it joins.
        or (token.dep_ in {"advcl", "xcomp"} and token.tag_ == "VBG")
        # "The diplomat emphasized A and cautioned that B": the subject is shared.
        or (token.dep_ == "conj" and any(c.dep_ == "nsubj" for c in token.head.children))
    )
    if lemma in CITING_VERBS:
        # "quoted a minister as saying", "the informant was quoted as saying".
        as_saying = any(child.dep_ == "prep" and child.lower_ == "as" for child in children)
        return as_saying or any(
            child.dep_ in {"dobj", "nsubjpass"} and _names_a_source(child) for child in children
        )
    # A speech verb with only an object reports an act ("declared a state of emergency",
    # "denied similar reports", "claimed a series of attacks"), not what someone said;
    # "said this" and "told the agency" still point at a statement made elsewhere.
    carries_content = (
        bool(deps & {"ccomp", "agent"})
        or ("xcomp" in deps and lemma not in _INSTRUCTING_VERBS)
        or any(child.dep_ == "dobj" and _points_at_statement(child, lemma) for child in children)
        or token.dep_ in {"parataxis", "advcl", "relcl", "acl"}
        # "A and B, the ministry said": the closing frame parsed as a conjunct; not
        # "..., and the President has declared Friday a day of mourning", a clause of its own.
        or (
            token.dep_ == "conj"
            and "nsubj" in deps
            and "dobj" not in deps
            and token.doc[max(token.left_edge.i - 1, 0)].dep_ != "cc"
        )
        # "he said." on its own points at the sentence before; "No injuries have been
        # reported." is a passive statement of the outlet's own.
        or ("nsubj" in deps and not deps & {"dobj", "ccomp", "xcomp"} and token.dep_ == "ROOT")
    )
    return has_speaker and carries_content


# Words that may follow the closing frame's verb: "told reporters on Monday".
_FRAME_TAIL_WORDS = 6


_WRONGLY = frozenset({"wrongly", "falsely", "mistakenly", "erroneously", "incorrectly"})


def _reports_the_rejected(verb: Token) -> bool:
    """ "... in Varneck, and not in Tamsel as some media reported", "not Tamsel, as others
    wrongly claimed": an "as" clause that credits the version the outlet rejects, which
    hedges nothing the outlet states."""
    if _child(verb, "mark", "as") is None:
        return False
    if any(child.dep_ == "advmod" and child.lower_ in _WRONGLY for child in verb.children):
        return True
    start = min(t.i for t in verb.subtree)
    before = verb.doc[max(verb.sent.start, start - 8) : start]
    return any(t.lower_ == "not" and t.dep_ == "neg" and t.head.pos_ != "VERB" for t in before)


def closes_the_sentence(verb: Token) -> bool:
    """ "A and B, the museum's director told reporters on Monday.": a finite speech verb in
    the last comma-delimited stretch of a sentence that has a clause before it."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    sentence = verb.sent
    commas = [t.i for t in sentence if t.text == "," and t.i < verb.i]
    if not commas or commas[-1] - sentence.start < 4:
        return False
    # "..., NPA reported, citing final results.": whom the speaker cites is part of the frame.
    citing = {
        t.i
        for child in verb.children
        if child.dep_ == "advcl" and child.lemma_.lower() in {"cite", "quote"}
        for t in child.subtree
    }
    after = [t for t in sentence if t.i > verb.i and not t.is_punct and t.i not in citing]
    stretch = [t for t in sentence if commas[-1] < t.i < verb.i]
    return (
        len(after) <= _FRAME_TAIL_WORDS
        # "..., and the operator reported the damage" is a clause of its own.
        and not any(t.dep_ == "cc" or t.pos_ in {"VERB", "AUX"} for t in [*stretch, *after])
        and not any(t.dep_ in {"ccomp", "xcomp"} for t in after)
        and any(t.pos_ in {"VERB", "AUX"} for t in sentence if t.i < commas[-1])
    )


def _closing_speaker(verb: Token) -> Token | None:
    """The speaker of a closing frame that the parser left without a subject: the noun
    heading the stretch between the last comma and the verb."""
    if _children(verb, "nsubj") or not closes_the_sentence(verb):
        return None
    sentence = verb.sent
    last_comma = max(t.i for t in sentence if t.text == "," and t.i < verb.i)
    stretch = [t for t in sentence if last_comma < t.i < verb.i and not t.is_punct]
    heads = [
        t for t in stretch if t.head.i not in {s.i for s in stretch} and t.pos_ in {"NOUN", "PROPN"}
    ]
    return heads[0] if heads else None


def _is_denial(token: Token) -> bool:
    """ "The ministry rejected reports that ...", "Deland dismissed the tolls as 'speculation'":
    a party's position on a statement, passed on by the outlet."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in DENIAL_VERBS:
        return False
    children = list(token.children)
    # "X pleaded not guilty and denies any involvement": the subject is shared.
    shared = token.dep_ == "conj" and bool(_children(token.head, "nsubj"))
    if not (_children(token, "nsubj") or shared) or any(c.dep_ == "neg" for c in children):
        return False
    if any(child.dep_ == "ccomp" for child in children):
        return True
    objects = [
        grandchild
        for child in children
        for grandchild in ([child] if child.dep_ == "dobj" else _children(child, "pobj"))
        if child.dep_ == "dobj" or child.lower_ == "as"
    ]
    if any(
        head.lemma_.lower() in _DENIED_PART
        or (
            head.lemma_.lower() in _DENIED_STATEMENTS
            and any(child.dep_ in {"acl", "ccomp", "relcl"} for child in head.children)
        )
        for head in objects
    ):
        return True
    # "... as 'irresponsible speculation'": the party's own words for what it rejects.
    return any(
        child.lower_ == "as" and any(t.text in QUOTE_MARKS for t in child.subtree)
        for child in children
    )


def is_speech_act(token: Token) -> bool:
    """ "The rebels claimed the attack", "Officials have denied similar reports", "The
    ministry urged citizens to stay calm": a speaker's act of saying, with what it says.

    The speaker is the subject (shared with the verb it is joined to) or the agent of a
    passive; "Residents were told to leave" names none, "No group has claimed the attack"
    and "The firm did not deny it" say nobody said it, and "we demand" speaks for the
    outlet's own quotation, which is attributed where it closes."""
    lemma = token.lemma_.lower()
    # "The militia owned up to the strikes": a claim in other words.
    owned_up = lemma == "own" and _child(token, "prt", "up") is not None
    if token.pos_ != "VERB" or not (lemma in _SPEECH_ACT_VERBS or owned_up):
        return False
    children = list(token.children)
    if any(child.dep_ == "neg" for child in children):
        return False
    subjects = _children(token, "nsubj")
    if not subjects and token.dep_ == "conj" and not _children(token, "nsubjpass"):
        subjects = _children(token.head, "nsubj")
    agents = [pobj for child in _children(token, "agent") for pobj in _children(child, "pobj")]
    speakers = subjects + agents
    if not speakers or any(
        _no_one(s) or s.lower_ in {"i", "we"} or _children(s, "case") for s in speakers
    ):
        return False
    objects = _children(token, "dobj")
    if any(o.lemma_.lower() in _ACT_OBJECTS for o in objects):
        return False
    prepositions = {child.lower_ for child in children if child.dep_ == "prep"}
    deps = {child.dep_ for child in children}
    if lemma in _SPEECH_ACT_PREPOSITIONS:
        # "called for calm", "called on the army to withdraw", not "called a meeting for
        # Friday" or "called the strike on Monday"; "asked people to leave".
        wanted = prepositions & _SPEECH_ACT_PREPOSITIONS[lemma]
        return bool(wanted and not objects) or (
            lemma != "appeal" and "xcomp" in deps and bool(objects)
        )
    if lemma == "blame" and any(
        o.pos_ != "PRON" and not o.lower_.endswith(("self", "selves")) for o in objects
    ):
        # "The group blamed weak demand for parts ...": the parser hangs "for" on the
        # cause; "The coach blamed himself" passes nothing on.
        return True
    if lemma in _SPEECH_ACT_TOPICS and lemma != "warn":
        # "blamed the failure on rain", "accused the crew of smuggling"; "The coach blamed
        # himself" passes nothing on.
        return bool(prepositions & _SPEECH_ACT_TOPICS[lemma])
    if lemma == "tell":
        return "xcomp" in deps  # an instruction; "told reporters" points at a statement
    if lemma in {"reject", "dismiss"}:
        # "rejected reports that ...", "dismissed the figures as speculation"; "Parliament
        # rejected the bill" and "voters rejected the plan" are votes, not speech.
        return (
            "as" in prepositions
            or "ccomp" in deps
            or any(o.lemma_.lower() in _DENIED_STATEMENTS | _DENIED_PART for o in objects)
        )
    if owned_up:
        return "to" in prepositions
    return bool(deps & {"dobj", "ccomp", "xcomp", "dative", "oprd"}) or bool(
        prepositions & _SPEECH_ACT_TOPICS.get(lemma, set())
    )


def _gives_a_figure(token: Token) -> bool:
    """ "The service measured the quake at magnitude 6.1": a named source's measurement."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _ESTIMATING_VERBS:
        return False
    subjects = _children(token, "nsubj")
    if not subjects or subjects[0].pos_ == "PRON":
        return False
    if token.lemma_.lower() == "put" and _child(token, "prep", "at") is None:
        return False
    return any(
        t.like_num or t.pos_ == "NUM"
        for child in token.children
        if child.dep_ != "nsubj"
        for t in child.subtree
    )


def _gives_a_verdict(token: Token) -> bool:
    """ "The operator blamed the failure on heavy rain": a named party's account of a cause
    or of what someone is, with the object it judges and the preposition that says how
    ("The coach blamed himself" judges nothing that can be passed on)."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in _VERDICT_PREPOSITIONS:
        return False
    subjects = _children(token, "nsubj")
    if not subjects or any(s.lower_ in {"i", "we"} for s in subjects) or _children(token, "neg"):
        return False
    particle = _child(token, "prt", "down")
    if lemma == "put" and particle is None:
        return False
    # "in what the mayor called an outrage" names the act the outlet reports; "called the
    # protesters 'vandals'" is the mayor's verdict on them.
    objects = [o for o in _children(token, "dobj") if o.tag_ not in {"WP", "WDT"}]
    if lemma == "call":
        return bool(objects) and bool(_children(token, "oprd"))
    wanted = _VERDICT_PREPOSITIONS[lemma]
    # The parser hangs the preposition on the verb, its object or its particle.
    heads = [token, *objects, *([particle] if particle is not None else [])]
    return bool(objects) and any(_child(head, "prep", wanted) is not None for head in heads)


def _is_content_verb(token: Token) -> bool:
    """ "Fire chiefs fear (that) X": a belief or hint of someone else's, with X as a clause;
    "Documents seen by the Herald show that X", "Council traffic counts show that X": a
    record's, which the outlet passes on."""
    if token.pos_ == "VERB" and token.lemma_.lower() in _SHOWING_VERBS:
        return any(
            child.dep_ == "nsubj" and child.lemma_.lower() in _RECORD_NOUNS
            for child in token.children
        ) and any(child.dep_ in {"ccomp", "dobj"} for child in token.children)
    if token.pos_ != "VERB" or token.lemma_.lower() not in _CONTENT_VERBS:
        return False
    subjects = [child for child in token.children if child.dep_ == "nsubj"]
    return (
        bool(subjects)
        and all(subject.lower_ not in {"i", "we"} for subject in subjects)
        and any(child.dep_ == "ccomp" for child in token.children)
        and not any(child.dep_ == "neg" for child in token.children)
    )


# Entity types of a party's name: "Velmarian" (NORP) as much as "Velmar" (GPE).
_PARTY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def is_name(token: Token) -> bool:
    """A word of a name that may speak or act: a proper noun, or a word of a person's,
    organisation's, people's or country's name."""
    return token.pos_ == "PROPN" or token.ent_type_ in _PARTY_TYPES


def _names_a_source(head: Token) -> bool:
    if is_name(head):
        return True
    lemma = head.lemma_.lower()
    return lemma in _SOURCE_NOUNS or lemma in MEDIA_NOUNS


def _points_at_statement(head: Token, lemma: str) -> bool:
    """ "said this", "told the agency RIA Novosti", "told reporters": an object that is no
    act of its own."""
    if head.lower_ in {"this", "that", "so", "it"}:
        return True
    return lemma == "tell" and (_names_a_source(head) or head.lemma_.lower() in _AUDIENCES)


def misread_content_subject(verb: Token) -> Token | None:
    """ "The ferry, the Marta Vell, overturned off Sarnesk, NNA said": the parser reads the
    reported clause as a second subject of "said", its verb as a participle modifying it.
    That subject, when the verb has another subject and no content clause, else None."""
    subjects = _children(verb, "nsubj")
    if len(subjects) < 2 or _children(verb, "ccomp"):
        return None
    return next(
        (
            subject
            for subject in subjects
            if any(c.dep_ == "acl" and c.tag_ in {"VBN", "VBD"} for c in subject.children)
        ),
        None,
    )


def source_name(head: Token) -> str:
    """A clean name for the noun phrase headed by ``head``.

    "the Syrian newspaper Al-Watan" -> "Al-Watan", "a Sunday Kyiv Post article" ->
    "Kyiv Post", "Russian Deputy Foreign Minister Sergey Ryabkov" -> "Sergey Ryabkov";
    phrases without a name keep their wording: "a source within Syria".
    """
    if (head.pos_ == "PROPN" or head.ent_type_) and head.text[:1].isupper():
        # A lowercase "proper noun" is the tagger's slip: "the health ministry".
        return _proper_name(head)
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return _proper_name(child)
    if head.lemma_.lower() in MEDIA_NOUNS:
        name_tokens = [
            token
            for token in _modifier_chain(head)
            if _is_name_token(token) and token.ent_type_ != "DATE"
        ]
        if name_tokens:
            return " ".join(token.text for token in name_tokens)
    return _phrase(head)


def _modifier_chain(head: Token) -> list[Token]:
    """Compound and adjective modifiers left of ``head``, without possessors ("Syria's")."""
    chain: list[Token] = []
    for child in head.lefts:
        if child.dep_ in {"compound", "amod", "nmod"}:
            chain.extend([*_modifier_chain(child), child])
    return sorted(chain, key=lambda token: token.i)


def _is_name_token(token: Token) -> bool:
    if token.pos_ == "PROPN":
        return True
    # The tagger reads all-caps agency names as adjectives ("SANA news agency").
    return token.text.isupper() and len(token.text) > 1 and token.dep_ in {"amod", "compound"}


_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def _proper_name(head: Token) -> str:
    """The named entity around ``head``, or its run of proper-noun compounds."""
    for entity in head.doc.ents:
        if entity.start <= head.i < entity.end and entity.label_ in _NAMED_LABELS:
            # "at Lessa, Kesteria One said": the tagger ran a place and the speaker into
            # one entity; the name starts after the last comma before the head.
            commas = [t.i for t in entity if t.text == "," and t.i < head.i]
            start = commas[-1] + 1 if commas else entity.start
            name = head.doc[start : entity.end].text
            return _with_article(head, _lower_article(name), start)
    start = head.i
    while (
        start > 0
        and head.doc[start - 1].dep_ in {"compound", "punct"}
        and (head.doc[start - 1].pos_ == "PROPN" or head.doc[start - 1].text == "-")
    ):
        start -= 1
    return _with_article(head, head.doc[start : head.i + 1].text, start)


def _with_article(head: Token, name: str, start: int) -> str:
    """Keep "the" where the outlet wrote it as part of the name: "the Kyiv Post"."""
    if start > 0 and head.doc[start - 1].lower_ == "the" and head.doc[start - 1].head == head:
        return f"the {name}"
    return name


_DROPPED_MODIFIERS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})


def _phrase(head: Token) -> str:
    """The noun phrase under ``head`` without clauses hanging off it."""
    kept: list[Token] = []

    def visit(token: Token) -> None:
        kept.append(token)
        for child in token.children:
            if child.dep_ not in _DROPPED_MODIFIERS:
                visit(child)

    visit(head)
    kept.sort(key=lambda token: token.i)
    text = "".join(token.text_with_ws for token in kept).strip()
    return _lower_article(text)


def _child(token: Token, dep: str, lower: str) -> Token | None:
    return next(
        (child for child in token.children if child.dep_ == dep and child.lower_ == lower), None
    )


def _children(token: Token, dep: str) -> list[Token]:
    return [child for child in token.children if child.dep_ == dep]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
