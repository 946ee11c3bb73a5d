"""Contradiction: a figure, date, place, direction, agent or negation that cannot hold
together with the claim's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coverage.analysis.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from coverage.analysis.cells.model import COUNTING_WORDS, CellConfig
from coverage.analysis.cells.parses import parse, slots_of
from coverage.analysis.cells.participants import (
    GENERIC_AGENT,
    agent_pair,
    close_words,
    done_to,
)
from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.hedging import SPEECH_VERBS
from coverage.analysis.slots import (
    COMPATIBLE,
    CONFLICT,
    DIFFERENT,
    Participant,
    Quantity,
    SlotComparison,
    Slots,
    When,
    compare_times,
    corresponds,
    parse_number,
)
from coverage.analysis.slots.comparison import (
    START_ROLES,
    counts_overlap,
    same_sum,
    what_is_left,
)
from coverage.analysis.slots.lexicon import (
    CASUALTY_EVENTS,
    DENIAL_PHRASES,
    DENIAL_VERBS,
    FIGURE_NOUNS,
    GUILT_NOUNS,
    LABELLING_VERBS,
    LIGHT_VERBS,
    NOT_COUNTED,
    REPORT_NOUNS,
    RUNNING_SERVICES,
    STATE_ORGANS,
    UNHURT_WORDS,
    normal_lemma,
    noun_key,
)
from coverage.analysis.slots.places import same_place
from coverage.analysis.slots.syntax import (
    DIRECTIVE_VERBS,
    PRONOUNS,
    has_negation,
    is_speculative,
    judged_false,
    none_else,
    not_until,
    phrasal,
)
from coverage.analysis.wording.people import is_known_people

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Parts of speech that carry a claim's content; the rest are function words.
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "ADV", "NUM", "VERB"})
# Words that negate a clause when they are its negation, determiner, subject or object.
_NEGATORS = frozenset({"nobody", "none", "nothing", "no one"})
_DENIAL_LEMMAS = frozenset({"deny", "refute"})
_REFUSAL_LEMMAS = frozenset({"refuse", "decline"})
_ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "attr", "acomp", "xcomp", "ccomp", "oprd", "agent"}
)
_COMPASS = {
    "north": "n", "northern": "n", "northward": "n", "south": "s", "southern": "s",
    "southward": "s", "east": "e", "eastern": "e", "eastward": "e", "west": "w",
    "western": "w", "westward": "w",
}  # fmt: skip
_OPPOSITE = {"n": "s", "s": "n", "e": "w", "w": "e"}
# Whole words only: "north-east" is neither north nor east for this comparison.
_DIRECTION = re.compile(r"(?<![-\w])(" + "|".join(_COMPASS) + r")(?![-\w])")
# Place roles under which two different names can both be right (one may hold the
# other, or a story may span both); the slots' own comparison still reads them.
_CONTAINING_ROLES = frozenset({"in", "at"})
# "Category 4", "Level 3", "Stage 2": a capitalised label and the number it is given.
# Not at the start of a sentence ("About 30 people"); dates are the time slots' business.
_DESIGNATION = re.compile(r"(?<=\w )([A-Z][a-z]+) (\d+)\b(?![.,:]\d)")
# A quake's magnitude, written any way outlets write it: "magnitude 6.1", "a magnitude of
# 6.1", "a 6.1-magnitude quake", "magnitude-6.1".
_MAGNITUDE = re.compile(
    r"\bmagnitude(?:\s+of)?[\s-]+(\d+(?:\.\d+)?)\b|\b(\d+(?:\.\d+)?)[\s-]+magnitude\b",
    re.IGNORECASE,
)
_CALENDAR_WORDS = frozenset(MONTH_NAMES) | frozenset(WEEKDAY_NAMES)
# Verbs that join a cause to what it caused, and nouns that say two things are joined.
_CAUSAL_VERBS = frozenset({"cause", "trigger", "spark", "link", "connect"})
_LINK_NOUNS = frozenset({"link", "connection"})
_COURTS = frozenset({"court", "judge", "tribunal", "panel", "jury"})
_ANY_AT_ALL = re.compile(r"\b(?:any|anyone|anybody|anything)\b")
# Words that put a claim's event before the one being reported.
_EARLIER = frozenset({"last", "previous", "earlier", "prior"})
_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
_ORDINAL_WORDS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth"}
)  # fmt: skip
# "One of the six", "five of its": the figure before such words counts a part.
_PART_OF = re.compile(r"\b([\w-]+) of (?:the|these|those|its|their|his|her|our)\b", re.IGNORECASE)
_SPOT_PREPOSITIONS = frozenset({"in", "at", "on", "near", "under", "inside", "into", "outside"})
# A spot set aside: "not in the kitchen", "rather than in the capital", "instead of
# Idra"; "not spread beyond the kitchen" sets aside no spot. WORD is the claim's noun.
_EXCLUDED = re.compile(
    r"\b(?:(?:not|never) (?:in|at|on|near|under|inside|into|outside)"
    r"|(?:rather than|instead of)(?: (?:in|at|on|near|under|inside|into|outside))?)"
    r"(?: (?:the|a|an|its|their))?(?: [\w-]+){0,2}? WORD\b"
)


def find_conflict(
    claim: str,
    text: str,
    comparison: SlotComparison,
    similarity: float,
    config: CellConfig,
    encoder: TextEncoder | None = None,
) -> str | None:
    """Why ``text`` contradicts the claim, or None.

    Beyond the slots' own conflicts: another agent for the same act on the same target
    ("a worker discovered the leak" vs "the leak was discovered by a resident"), and a
    sentence that negates what the claim asserts when the slots could not pair the
    predicates ("No distress call was received" for "sent a distress call").
    """
    if _another_of_its_kind(claim, text):
        return None
    # An earlier event of the kind has its own figures and dates, not the present one's.
    earlier = _earlier_event(claim, text)
    # A denial of the act ("rejected reports that it delivered drones") says nothing of a
    # claim that dates or counts it ("delivered between June and August", "about 40 of
    # them"): it contradicts only a claim whose dates and figures it gives. Where the
    # act happened needs no repeating: a denied act happened nowhere.
    denies_all_of_it = _gives_date_and_figures(slots_of(claim), slots_of(text))
    conflicts = [
        f
        for f in comparison.findings
        if f.outcome == CONFLICT
        and not (earlier and f.slot in {"quantity", "time"})
        and (not f.negates or denies_all_of_it)
    ]
    if conflicts:
        return conflicts[0].reason
    swap = _sides_swapped(claim, text) or _doer_set_aside(claim, text)
    if swap is not None:
        return swap
    outcomes = {(f.slot, f.outcome) for f in comparison.findings}
    agents = [
        f
        for f in comparison.findings
        if f.slot == "agent"
        and f.outcome == DIFFERENT
        and not GENERIC_AGENT.search(f.reason.split(": ", 1)[-1])
        # "half of voters": the parse left the count as the doer
        and not {word.lower() for word in agent_pair(f)} & COUNTING_WORDS
    ]
    if encoder is not None:
        # "riot police" and "riot officers" are one doer in other words.
        agents = [f for f in agents if not close_words(*agent_pair(f), encoder, config)]
    agents = [f for f in agents if not _one_side(*agent_pair(f), claim, text)]
    acting_on_target = ("target", COMPATIBLE) in outcomes and bool(agents)
    if acting_on_target:
        acting_on_target = _doing_something(claim, agent_pair(agents[0])[0])
    if agents and (("polarity", COMPATIBLE) in outcomes or acting_on_target):
        return agents[0].reason
    dismissed = (
        _dismissed(claim, text)
        or _unhurt_against_hurt(claim, text)
        or _resumed_while_closed(claim, text)
        or _no_link(claim, text)
    )
    if dismissed is not None:
        return dismissed
    negation = find_negation(text, claim)
    if (
        negation is not None
        and denies_all_of_it
        and find_negation(claim) is None
        and not _claim_negates(claim, text)
        and not _negates_only_a_wish(claim, text)
        and not _negates_it_of_something_else(claim, text)
    ):
        return f"negates it: '{negation}'"
    if similarity >= config.detail_conflict_above and not earlier:
        detail = _detail_conflict(slots_of(claim), slots_of(text)) or _designation_conflict(
            claim, text
        )
        if detail is not None:
            return detail
    if similarity >= config.count_conflict_above and not earlier:
        count = _count_conflict(slots_of(claim), slots_of(text), loose=True)
        if count is not None:
            return count
    return (
        _excluded_spot(claim, text)
        or _place_set_against(comparison, claim, text)
        or _stopped_short(claim, text)
    )


def _dismissed(claim: str, text: str) -> str | None:
    """A denial whose object stands for the claim without restating it: the claim's doer
    denying "any wrongdoing" or "the allegations", a report the claim cites called "pure
    invention", a figure the claim gives "rejected". (A denial that restates the claim,
    "rejected reports that ...", is the slots' polarity.)"""
    if find_negation(claim) is not None:
        return None
    claim_doc = parse(claim)
    claim_lemmas = {t.lemma_.lower() for t in claim_doc}
    doers = _doers(claim)
    figures = [q for q in slots_of(claim).quantities if q.bound not in {"vague", "zero"}]
    claim_words = content_lemmas(_asserted(claim_doc))
    doc = parse(text)
    for clause in _main_clauses(doc):
        if has_negation(clause) or is_speculative(clause):
            continue
        denies = clause.lemma_.lower() in DENIAL_VERBS or phrasal(clause) in DENIAL_PHRASES
        judges = clause.lemma_.lower() in LABELLING_VERBS | {"be"} and judged_false(clause)
        if not (denies or judges):
            continue
        denier = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if denier is not None and denier.lemma_.lower() in _COURTS:
            continue  # "the court dismissed the claim" rules on it; it happened all the same
        words = doc[clause.left_edge.i : clause.right_edge.i + 1].text.rstrip(".,;:!? ")
        for thing in _objects(clause):
            lemma = thing.lemma_.lower()
            if any(g.dep_ in {"acl", "ccomp", "relcl"} for g in thing.children):
                continue  # what it denies is said: the slots compare it
            reported = _reported_thing(thing)
            if reported is not None:
                # "reports of earlier brake faults were pure invention": the claim's
                # thing, or another ("reports of a strike") that says nothing of it
                if _share_a_word({reported.lemma_.lower()}, claim_words):
                    return f"denies: '{words}'"
                continue
            own_part = lemma in GUILT_NOUNS | REPORT_NOUNS and denies
            if own_part and denier is not None and _is_doer(denier, doers):
                return f"denies: '{words}'"
            if lemma in REPORT_NOUNS and lemma in claim_lemmas and denier is not None:
                return f"denies: '{words}'"
            if lemma in FIGURE_NOUNS and figures:
                return f"{figures[0].text} vs '{words}'"
    return None


def _objects(verb: Token) -> list[Token]:
    """What a denial verb takes: its object, or what it dismisses "as" ("called the
    report pure invention" has the report as a modifier of its object)."""
    found = []
    for child in verb.children:
        if child.dep_ in {"nsubjpass"} or (child.dep_ == "nsubj" and verb.lemma_ == "be"):
            found.append(child)  # "claims of ... were dismissed", "reports ... were false"
        if child.dep_ == "dobj":
            found.append(child)
            found.extend(g for g in child.children if g.dep_ in {"nmod", "compound", "poss"})
        elif child.dep_ == "prep" and child.lower_ == "as":
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


def _reported_thing(thing: Token) -> Token | None:
    """What a report noun reports: "reports of earlier brake *faults*"."""
    if thing.lemma_.lower() not in REPORT_NOUNS:
        return None
    of = next((c for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of else None


def _doers(claim: str) -> list[str]:
    """The doers of the acts a claim asserts, as their words."""
    return [
        p.agent.text.lower()
        for p in slots_of(claim).predicates
        if p.main and not p.frame and p.asserted and p.agent is not None
    ]


def _is_doer(denier: Token, doers: list[str]) -> bool:
    if denier.lower_ in PRONOUNS:
        return False  # "he denied it": whoever he is
    return any(denier.lower_ in doer.split() for doer in doers)


def _resumed_while_closed(claim: str, text: str) -> str | None:
    """ "Dunmere airport stayed closed on Wednesday" against "normal flights resumed at
    Dunmere on Wednesday afternoon": what runs at a place started again, so the place
    was open, on a day both give (or one leaves open)."""
    for first, second in ((claim, text), (text, claim)):
        closed_slots, resumed_slots = slots_of(first), slots_of(second)
        if not _on_one_day(closed_slots, resumed_slots):
            continue
        words = second.lower()
        for closed in closed_slots.predicates:
            place = closed.target or closed.agent
            if not closed.asserted or closed.speculative or place is None:
                continue
            if not corresponds(closed.lemma, "close") or not any(
                re.search(rf"\b{re.escape(word)}\b", words) for word in place.text.split()
            ):
                continue
            for resumed in resumed_slots.predicates:
                service = resumed.target or resumed.agent
                if (
                    resumed.lemma in {"resume", "restart"}
                    and resumed.asserted
                    and not resumed.speculative
                    and service is not None
                    and service.key in RUNNING_SERVICES
                ):
                    return f"{closed.text} vs {service.text} {resumed.text}"
    return None


def _no_link(claim: str, text: str) -> str | None:
    """ "Investigators found no link between the vaccine and the deaths" against "the
    vaccine caused the deaths": the two things the claim's cause joins, said to be
    unconnected (no link, or a link ruled out or denied)."""
    causes = [
        p
        for p in slots_of(claim).predicates
        if p.lemma in _CAUSAL_VERBS and p.main and p.asserted and not p.speculative
    ]
    if not causes:
        return None
    claim_words = content_lemmas(parse(claim))
    doc = parse(text)
    for link in doc:
        if link.lemma_.lower() not in _LINK_NOUNS:
            continue
        denied = any(c.dep_ == "det" and c.lower_ == "no" for c in link.children) or (
            link.dep_ == "dobj"
            and not has_negation(link.head)
            and (link.head.lemma_.lower() in DENIAL_VERBS or phrasal(link.head) in DENIAL_PHRASES)
        )
        between = next((c for c in link.children if c.lower_ == "between"), None)
        if not denied or between is None or is_speculative(link.head):
            continue
        joined = [
            t for first in between.children if first.dep_ == "pobj"
            for t in (first, *(c for c in first.children if c.dep_ == "conj"))
        ]  # fmt: skip
        if len(joined) >= 2 and all(
            _share_a_word({t.lemma_.lower()}, claim_words) for t in joined[:2]
        ):
            return f"{causes[0].text} vs '{doc[link.left_edge.i : link.right_edge.i + 1].text}'"
    return None


def _on_one_day(first: Slots, second: Slots) -> bool:
    """No date of one text rules out every date of the other."""
    return not (first.times and second.times) or any(
        compare_times(a, b) == COMPATIBLE for a in first.times for b in second.times
    )


def _unhurt_against_hurt(claim: str, text: str) -> str | None:
    """ "The driver walked away unhurt" against "the driver was seriously hurt": one
    person said to have come to no harm by one and to be hurt or killed by the other."""
    for first, second in ((claim, text), (text, claim)):
        unhurt = _unhurt(parse(first))
        if not unhurt:
            continue
        for token, word in _harmed(parse(second)).items():
            if token in unhurt:
                return f"{word} vs '{unhurt[token]}'"
    return None


def _unhurt(doc: Doc) -> dict[str, str]:
    """Who a sentence says came to no harm, by noun, with the words that say so."""
    found = {}
    for token in doc:
        # "escaped without injury", "walked away without a scratch"
        unharmed = token.lemma_.lower() in {"injury", "harm", "scratch"} and (
            token.head.lower_ == "without"
        )
        if token.lower_ not in UNHURT_WORDS and not unharmed:
            continue
        verb = token.head.head if unharmed else token.head
        for subject in verb.children:
            if subject.dep_ in {"nsubj", "nsubjpass"} and subject.lower_ not in PRONOUNS:
                found[subject.lemma_.lower()] = doc[subject.i : token.i + 1].text
    return found


def _harmed(doc: Doc) -> dict[str, str]:
    """Who a sentence says was hurt or killed, by noun, with the word that says so."""
    found = {}
    for token in doc:
        if CASUALTY_EVENTS.get(normal_lemma(token)) not in {"injured", "dead"}:
            continue
        if has_negation(token) or is_speculative(token):
            continue
        verb = token.head if token.dep_ in {"acomp", "oprd"} else token
        for subject in verb.children:
            if (
                subject.dep_ in {"nsubj", "nsubjpass"}
                and subject.lower_ not in PRONOUNS
                and not _negative_subject(subject)
            ):
                found[subject.lemma_.lower()] = token.text
    return found


def _stopped_short(claim: str, text: str) -> str | None:
    """ "The floodwaters reached the town centre" against "the water stopped two
    kilometres short of the town centre": what the claim's act reaches or gets, said
    to be short of it ("fell short of a majority" for "won a majority")."""
    goals = {
        goal.lemma_.lower(): goal
        for verb in parse(claim)
        if verb.pos_ == "VERB" and not any(c.dep_ == "neg" for c in verb.children)
        for goal in _goals(verb)
    }
    for short in parse(text):
        if short.lower_ != "short":
            continue
        of = next((c for c in short.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        reached = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if reached is not None and reached.lemma_.lower() in goals:
            return f"{goals[reached.lemma_.lower()].text} vs '{short.text} of {reached.text}'"
    return None


def _goals(verb: Token) -> list[Token]:
    """What a verb reaches or gets: its object, or where it goes ("to the coast")."""
    found = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"to", "into"}:
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def _place_set_against(comparison: SlotComparison, claim: str, text: str) -> str | None:
    """ "Will build its factory in Halden" against "will build its factory in Torvik, after
    Halden was ruled out": the act put in another town while the claim's town is named
    as a thing of its own (a subject or object), not as a place that may hold the other.
    Without that, "in Halden" and "in Torvik" may both hold, one inside the other."""
    if not any(f.slot == "place" and f.outcome == DIFFERENT for f in comparison.findings):
        return None
    theirs = slots_of(text).places
    for mine in slots_of(claim).places:
        others = [p for p in theirs if p.role == mine.role and not same_place(p.key, mine.key)]
        if mine.role != "in" or not others or any(same_place(p.key, mine.key) for p in theirs):
            continue
        last = mine.name.split()[-1]
        if any(
            token.text == last and token.dep_ in {"nsubj", "nsubjpass", "dobj"}
            for token in parse(text)
        ):
            return f"{mine.text} vs {others[0].text}"
    return None


def _doer_set_aside(claim: str, text: str) -> str | None:
    """ "It was the mayor, not the governor, who ordered the square cleared": the claim's
    doer named and set aside for another, for the claim's own act."""
    doc = parse(text)
    acts = {p.position: p for p in slots_of(text).predicates}
    for aside in doc:
        if aside.dep_ != "appos" or not any(
            c.dep_ == "neg" and c.i < aside.i for c in aside.head.children
        ):
            continue
        verbs = [c for c in (*aside.children, *aside.head.children) if c.dep_ == "relcl"]
        for verb in verbs:
            act = acts.get(verb.i)
            if act is None:
                continue
            for mine in slots_of(claim).predicates:
                if (
                    mine.agent is not None
                    and corresponds(mine.lemma, act.lemma)
                    and aside.lemma_.lower() in mine.agent.text.lower().split()
                ):
                    doer = doc[aside.head.left_edge.i : aside.head.i + 1].text
                    return f"{doer}, not {doc[aside.left_edge.i : aside.i + 1].text}"
    return None


def _gives_date_and_figures(claim: Slots, evidence: Slots) -> bool:
    """True when the evidence gives each of the claim's dates and figures (a vague one
    such as "several" aside, and the "no" of "no group has claimed", which is the claim's
    negation, not its figure).

    Only those of the claim's own assertion count: "The decision was not unanimous (five
    of six voted for the cut)" is answered by "The decision was unanimous", whose
    figures are a detail of another clause."""
    if not all(
        any(compare_times(when, other) == COMPATIBLE for other in evidence.times)
        for when in claim.times
        if _of_the_assertion(claim, when.predicate)
    ):
        return False
    window = evidence.text.lower()
    # "ruled out arresting anyone": a denial of any at all denies every figure.
    any_at_all = bool(_ANY_AT_ALL.search(window))
    return all(
        quantity.bound in {"vague", "zero"}
        or any_at_all
        or quantity.text.lower() in window
        or any(counts_overlap(quantity, other) for other in evidence.quantities)
        for quantity in claim.quantities
        if _of_the_assertion(claim, quantity.predicate)
    )


def _of_the_assertion(slots: Slots, position: int | None) -> bool:
    """A date or figure of the text's main assertion, or of no clause in particular."""
    predicate = slots.predicate_at(position)
    return predicate is None or predicate.main


def _sides_swapped(claim: str, text: str) -> str | None:
    """ "Dravonian troops attacked the Sarvenian post" against "Sarvenian troops attacked
    a Dravonian patrol": the same act with the sides of doer and target swapped.

    The sides are the capitalised words that place each participant ("Dravonian",
    "Dravonia's"); their nouns may differ ("troops", "aggressors"), as each side's
    outlets word them.
    """
    claim_doc, text_doc = parse(claim), parse(text)
    for mine in slots_of(claim).predicates:
        if mine.agent is None or mine.target is None or not mine.asserted or mine.frame:
            continue
        doer = _side(claim_doc, mine.position, mine.agent)
        done_to = _side(claim_doc, mine.position, mine.target)
        if doer is None or done_to is None or _same_side(doer, done_to):
            continue
        for theirs in slots_of(text).predicates:
            if theirs.agent is None or theirs.target is None or not theirs.asserted:
                continue
            if theirs.frame or not corresponds(mine.lemma, theirs.lemma):
                continue
            agent = _side(text_doc, theirs.position, theirs.agent)
            target = _side(text_doc, theirs.position, theirs.target)
            if agent is None or target is None:
                continue
            if _same_side(agent, done_to) and _same_side(target, doer):
                return (
                    f"{_sided(doer, mine.agent)} {mine.text} {_sided(done_to, mine.target)} vs "
                    f"{_sided(agent, theirs.agent)} {theirs.text} {_sided(target, theirs.target)}"
                )
    return None


def _side(doc: Doc, position: int, participant: Participant) -> str | None:
    """The capitalised word that says whose a participant is: "Sarvenian" troops."""
    if participant.named:
        return None  # a name's own words ("Foreign Ministry") are not a side
    word = participant.text.split()[-1]
    head = doc[position]
    for token in head.subtree:
        if token.text != word or token.i == head.i:
            continue
        for child in token.children:
            if (
                child.dep_ in {"amod", "compound", "poss", "nmod"}
                and child.text[:1].isupper()
                # a capital at the start of a sentence says nothing ("Heavy rain")
                and (not child.is_sent_start or child.ent_type_ in {"NORP", "GPE"})
            ):
                return child.text
        return None
    return None


def _sided(side: str, participant: Participant) -> str:
    words = participant.text.split()
    if side.lower() in (word.lower() for word in words):
        return " ".join([side, *(word for word in words if word.lower() != side.lower())])
    return f"{side} {participant.text}"


def _same_side(first: str, second: str) -> bool:
    """ "Dravonian" and "Dravonia's" name one side."""
    a, b = first.lower().removesuffix("'s"), second.lower().removesuffix("'s")
    stem = min(len(a), len(b)) - 2
    return a == b or (stem >= 4 and a[:stem] == b[:stem])


def _doing_something(claim: str, agent: str) -> bool:
    """True when the claim's act by ``agent`` is done to a thing: "attacked the post", not
    "makes solvents" (a light verb says little of who) or "escaped unhurt" (a state)."""
    for predicate in slots_of(claim).predicates:
        if predicate.agent is None or predicate.agent.text != agent or predicate.target is None:
            continue
        if predicate.lemma in LIGHT_VERBS:
            return False
        words = predicate.target.text.split()
        heads = [t for t in parse(claim) if t.text == words[-1]]
        return any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in heads)
    return True


def _one_side(first: str, second: str, claim: str, text: str) -> bool:
    """A country and a body that acts for one: "the Foreign Ministry" summoned an envoy
    where another outlet says "Sarvenia" did."""

    def is_country(name: str, doc: Doc) -> bool:
        return any(ent.label_ == "GPE" and ent.text.lower() == name.lower() for ent in doc.ents)

    def is_organ(name: str) -> bool:
        words = name.lower().split()
        return any(" ".join(words[i:]) in STATE_ORGANS for i in range(len(words)))

    claim_doc, text_doc = parse(claim), parse(text)
    return (is_country(first, claim_doc) and is_organ(second)) or (
        is_organ(first) and is_country(second, text_doc)
    )


def _excluded_spot(claim: str, text: str) -> str | None:
    """ "Began in the kitchen" against "started in the cellar, not in the kitchen": the
    claim's own spot set aside in so many words ("not in", "rather than in", "instead
    of"). Said this plainly, it needs no more closeness than any conflict does."""
    lowered = text.lower()
    for token in parse(claim):
        preposition = token.head
        if token.dep_ != "pobj" or preposition.lower_ not in _SPOT_PREPOSITIONS:
            continue
        if token.pos_ not in {"NOUN", "PROPN"}:
            continue
        pattern = _EXCLUDED.pattern.replace("WORD", re.escape(token.lower_))
        found = re.search(pattern, lowered)
        if found is not None and re.search(pattern, claim.lower()) is None:
            spot = parse(claim)[preposition.i : token.i + 1].text
            return f"{spot} vs '{text[found.start() : found.end()]}'"
    return None


def _designations(text: str) -> list[tuple[str, str]]:
    magnitudes = [
        ("magnitude", str(float(after or before))) for after, before in _MAGNITUDE.findall(text)
    ]
    return magnitudes + [
        (label, number)
        for label, number in _DESIGNATION.findall(text)
        if label.lower() not in _CALENDAR_WORDS
    ]


def _designation_conflict(claim: str, text: str) -> str | None:
    """ "A Category 4 storm" against "a Category 2 storm": one label, another number.

    Such designations (a category, level, stage, phase, grade) are names with a number
    in them, not counts, so the quantity slots leave them alone. In a sentence this
    close to the claim, the claim's label with another number, and never with the
    claim's, gives the fact otherwise.
    """
    theirs = {(label, number) for label, number in _designations(text)}
    for label, number in _designations(claim):
        others = [n for other, n in theirs if other == label]
        if others and number not in others:
            return f"{label} {number} vs {label} {others[0]}"
    return None


def _detail_conflict(claim: Slots, evidence: Slots) -> str | None:
    """A date, place or figure of the claim that the evidence gives otherwise, never as is.

    The slots compare these only between predicates they can pair; a sentence this
    close to the claim is about the same fact even when its verb differs ("took part in
    the strike" vs "walked off the job", "will take place in" vs "will be held in"), so
    its date, its place in the same role, or its count of the same thing is compared
    directly.
    """
    for first in claim.times:
        # A state in progress on one day and on another ("ships were waiting") may be
        # both, and may go on after the act that began it ("closed on Friday", "remained
        # closed on Saturday"); only acts are dated once.
        outcomes = [
            (compare_times(first, second), second)
            for second in evidence.times
            if (first.role in START_ROLES or not _state_dated(claim, first, evidence, second))
            and _may_date_one_act(claim, first, evidence, second)
        ]
        if any(outcome == COMPATIBLE for outcome, _ in outcomes):
            continue
        # "From Saturday" (a start) and "on Friday" (a day) are no clash.
        clash = next(
            (
                second
                for outcome, second in outcomes
                if outcome == CONFLICT and second.role == first.role
            ),
            None,
        )
        if clash is not None:
            return f"{first.text} vs {clash.text}"
    direction = _direction_conflict(claim.text, evidence.text)
    if direction is not None:
        return direction
    away = _away_conflict(claim, evidence)
    if away is not None:
        return away
    contained = claim.containment | evidence.containment
    for first in claim.places:
        if first.role in _CONTAINING_ROLES:
            continue  # "in Iraq" and "in Syria" may both hold of a cross-border event
        same_role = [other for other in evidence.places if other.role == first.role]
        if not same_role or any(same_place(first.key, other.key) for other in same_role):
            continue
        if not any(
            (first.key, other.key) in contained or (other.key, first.key) in contained
            for other in same_role
        ):
            return f"{first.text} vs {same_role[0].text}"
    return _count_conflict(claim, evidence)


def _count_conflict(claim: Slots, evidence: Slots, *, loose: bool = False) -> str | None:
    """A count of the claim that the evidence gives for the same thing otherwise, never
    as the claim does: "around 300 firefighters" against "more than 500 firefighters".

    ``loose`` is for a sentence about the claim's fact in other words, where only a count
    of a thing of its own kind tells: one individual ("one officer needed stitches")
    tells of someone, not how many there were, and "people", or the dead and injured,
    may be counted in another act of the same event ("four people were killed" /
    "another seven people unaccounted for").
    """
    for first in claim.quantities:
        if _is_part(first, claim.text):
            continue  # "three of the injured": a part of a total, not the total
        if loose and not _own_kind(first):
            continue
        same = [
            second
            for second in evidence.quantities
            if same_count(first, second)
            and (not loose or _own_kind(second))
            and not what_is_left(
                first,
                claim.predicate_at(first.predicate),
                second,
                evidence.predicate_at(second.predicate),
            )
        ]
        if same and not any(counts_overlap(first, second) for second in same):
            return f"{first.described} vs {same[0].described}"
    return None


def _state_dated(claim: Slots, first: When, evidence: Slots, second: When) -> bool:
    """Either date is of a state in progress itself ("remained closed on Saturday"), or
    both hang on one ("were waiting to unload on Thursday")."""
    mine = claim.predicate_at(first.predicate)
    theirs = evidence.predicate_at(second.predicate)
    if (mine is not None and mine.ongoing) or (theirs is not None and theirs.ongoing):
        return True
    return _ongoing(claim, first.predicate) and _ongoing(evidence, second.predicate)


def _may_date_one_act(claim: Slots, first: When, evidence: Slots, second: When) -> bool:
    """A date the claim gives in a clause on a noun dates that clause's act only: "approved a
    curfew that begins on Friday" dates the curfew's start, not the approval, so it is
    read against a date of the same act ("will come into force on Friday"), not against
    the day of a vote."""
    mine = claim.predicate_at(first.predicate)
    # "is due to start next Monday" dates the claim's own act
    if mine is None or parse(claim.text)[mine.position].dep_ not in {"relcl", "acl"}:
        return True
    theirs = evidence.predicate_at(second.predicate)
    return theirs is not None and corresponds(mine.lemma, theirs.lemma)


def _own_kind(quantity: Quantity) -> bool:
    return quantity.high != 1 and not quantity.casualty and quantity.noun != "people"


def _ongoing(slots: Slots, position: int | None) -> bool:
    """The dated predicate is a state in progress, or hangs on one ("were waiting to
    unload on Thursday")."""
    predicate = slots.predicate_at(position)
    if predicate is None:
        return False
    return predicate.ongoing or (
        not predicate.main and any(p.main and p.ongoing for p in slots.predicates)
    )


def _away_conflict(claim: Slots, evidence: Slots) -> str | None:
    """ "Found near Lake Orno" against "found ... far from Lake Orno": the claim's own act
    put well away from its place, whoever the parse took for its participants."""
    for first in claim.places:
        if first.role not in {"in", "at", "near"}:
            continue
        mine = claim.predicate_at(first.predicate)
        for second in evidence.places:
            theirs = evidence.predicate_at(second.predicate)
            if (
                second.role == "away"
                and same_place(first.key, second.key)
                and mine is not None
                and theirs is not None
                and corresponds(mine.lemma, theirs.lemma)
            ):
                return f"{first.text} vs {second.text}"
    return None


def _ordinals(doc: Doc) -> dict[str, set[str]]:
    """The ordinals of each noun a verb acts on or has act: "signed the second supply
    deal" gives {"deal": {"second"}}. A rank reached or held ("promoted to the first
    division") is a place on a scale, not one of several things of a kind."""
    found: dict[str, set[str]] = {}
    for token in doc:
        if (
            token.dep_ == "amod"
            and token.head.pos_ == "NOUN"
            and token.head.dep_ in {"dobj", "nsubj", "nsubjpass"}
            and _is_ordinal(token)
        ):
            found.setdefault(token.head.lemma_.lower(), set()).add(token.lower_)
    return found


def _is_ordinal(token: Token) -> bool:
    return token.ent_type_ == "ORDINAL" or token.lower_ in _ORDINAL_WORDS


def _another_of_its_kind(claim: str, text: str) -> bool:
    """ "Signed a second supply deal in May" against "signed its first supply deal in
    February": another one of the claim's thing, numbered otherwise, whose dates,
    figures and places are its own."""
    theirs = _ordinals(parse(text))
    return any(
        noun in theirs and not (numbers & theirs[noun])
        for noun, numbers in _ordinals(parse(claim)).items()
    )


def _earlier_event(claim: str, text: str) -> bool:
    """ "Its last deadly earthquake, in 1987, killed 23 people": a claim about an earlier
    event of the kind, whose figures and dates a sentence about the present one does not
    contradict."""
    if set(re.findall(r"[a-z]+", text.lower())) & _EARLIER:
        return False
    return any(
        token.dep_ == "amod"
        and token.lower_ in _EARLIER
        and token.head.pos_ == "NOUN"
        # "last week", "last summer" date the event itself
        and token.head.lemma_.lower() not in NOT_COUNTED | _SEASONS
        for token in parse(claim)
    )


def _is_part(quantity: Quantity, text: str) -> bool:
    """ "Three of the injured", "One of the six members": a part of a group, whether the
    figure is written in digits or in words."""
    if f"{quantity.text.lower()} of " in text.lower():
        return True
    return any(
        parse_number(words) == quantity.low
        for words in _PART_OF.findall(text)
        if quantity.low == quantity.high
    )


def _direction_conflict(claim: str, evidence: str) -> str | None:
    """ "In the north of X" against "in the south of X": opposite compass points.

    Only when the claim gives one direction and the evidence gives the opposite one and
    not the claim's ("the north-east" and "the north" do not clash).
    """
    mine = _DIRECTION.findall(claim.lower())
    theirs = _DIRECTION.findall(evidence.lower())
    if len({_COMPASS[word] for word in mine}) != 1 or not theirs:
        return None
    point = _COMPASS[mine[0]]
    points = {_COMPASS[word] for word in theirs}
    if point in points or _OPPOSITE[point] not in points:
        return None
    other = next(word for word in theirs if _COMPASS[word] == _OPPOSITE[point])
    return f"{mine[0]} vs {other}"


def same_count(first: Quantity, second: Quantity) -> bool:
    if "capacity" in {first.role, second.role} and first.role != second.role:
        return False  # what a ferry may carry is not what it carried
    if (same := same_sum(first, second)) is not None:
        return same
    if first.unit or second.unit:
        return first.unit == second.unit and first.owner == second.owner
    if {first.role, second.role} & {"including", "among"}:
        return False
    return first.noun is not None and first.noun == second.noun


def find_negation(text: str, claim: str | None = None) -> str | None:
    """The words that negate a sentence's own assertion ("no distress call", "denies").

    Only the main clause counts, or what a speech verb reports ("officials said no
    warning was given"): "saying she no longer had the energy" negates a side clause.
    Given the claim, the negated clause must also be about it: its verb or one of its
    direct arguments is a word of the claim ("Nobody was hurt" for "Several people were
    hurt"), so "Sony did not respond to requests for comment" negates nothing a claim
    about a film's casting says.
    """
    doc = parse(text)
    claim_doc = parse(claim) if claim is not None else None
    claim_words = content_lemmas(_asserted(claim_doc)) if claim_doc is not None else None
    # A claim of what its subject is ("the attacker was a former employee") is about
    # that subject as a whole, so a negation of anything the subject did bears on it.
    describes = claim_doc is not None and any(
        t.dep_ == "ROOT" and t.lemma_ == "be" for t in claim_doc
    )
    for clause in _main_clauses(doc):
        if is_speculative(clause):
            continue  # "if this goes on, we will not reopen": no denial of what happened
        if _denies_a_name(clause):
            continue
        if has_negation(clause) and (
            clause.lemma_.lower() in DENIAL_VERBS or phrasal(clause) in DENIAL_PHRASES
        ):
            continue  # "did not rule out further arrests" denies nothing
        refused = _refused_act(clause)
        if refused is not None and (
            claim_words is None or _share_a_word(_clause_lemmas(refused), claim_words)
        ):
            return doc[clause.i : clause.right_edge.i + 1].text[:80]
        about_claim = claim_words is None or _share_a_word(
            _clause_lemmas(clause, with_subject=describes), claim_words
        )
        if not about_claim:
            continue
        if clause.lemma_.lower() in _DENIAL_LEMMAS:
            return doc[clause.i : clause.right_edge.i + 1].text[:80]
        for child in clause.children:
            if _contrast(clause, child) or (child.dep_ == "neg" and not_until(clause)):
                continue
            if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
                return f"{child.text} {clause.text}"
            if child.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}:
                if none_else(child):
                    continue  # "no one else was hurt": none besides those named
                if child.lower_ in _NEGATORS:
                    return f"{child.text} {clause.text}"
                negator = next(
                    (d for d in child.children if d.dep_ == "det" and d.lower_ == "no"), None
                )
                if negator is not None:
                    return doc[negator.i : child.i + 1].text
    return None


def _refused_act(clause: Token) -> Token | None:
    """The act a clause says its subject refused or declined to do ("had refused to grant
    him a pardon"): it was not done, as if negated."""
    if clause.lemma_.lower() not in _REFUSAL_LEMMAS or any(
        c.dep_ == "neg" for c in clause.children
    ):
        return None
    return next((c for c in clause.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


def _contrast(clause: Token, negator: Token) -> bool:
    """ "Was not the work of crooks but of hackers": the "not" only sets aside one thing
    for another the clause asserts, when "but" leads to a phrase rather than a verb."""
    if negator.dep_ != "neg":
        return False
    return any(
        child.dep_ == "cc"
        and child.lower_ == "but"
        and child.i > negator.i
        and child.i + 1 < len(child.doc)
        and child.doc[child.i + 1].pos_ not in {"VERB", "AUX", "PRON"}
        for child in clause.children
    )


def _negates_only_a_wish(claim: str, text: str) -> bool:
    """The act the sentence negates is, in the claim, only demanded: "demanded that the
    ministry publish the report" is not contradicted by "it has not published the
    report" (it says as much)."""
    negated = [p.lemma for p in slots_of(text).predicates if p.negated and not p.frame]
    acts = [
        token
        for token in parse(claim)
        if token.pos_ == "VERB" and any(corresponds(token.lemma_.lower(), n) for n in negated)
    ]
    return bool(acts) and all(
        token.dep_ == "ccomp" and token.head.lemma_.lower() in DIRECTIVE_VERBS for token in acts
    )


def _negates_it_of_something_else(claim: str, text: str) -> bool:
    """The negated act is done to another thing than the claim's: "has not published the
    inspection report" says nothing against "has published a summary of the findings".

    Only where both name what is acted on with a noun; "did not publish it" may mean the
    claim's own thing, so it still contradicts.
    """
    claim_doc = parse(claim)
    for verb in parse(text):
        if not any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
            continue
        theme = _theme(verb)
        if theme is None:
            continue
        for act in claim_doc:
            if act.pos_ not in {"VERB", "AUX"} or not corresponds(
                act.lemma_.lower(), verb.lemma_.lower()
            ):
                continue
            other = _theme(act)
            if other is not None and _other_things(theme, other):
                return True
    return False


def _other_things(first: Token, second: Token) -> bool:
    """Two nouns for things that cannot be one another. People are left alike ("did not
    turn away patients" bears on "turned away injured people"), and so is a negation of
    any whatsoever ("not a single patient", "not any papers")."""
    if any(_any_at_all(noun) or is_known_people(noun) for noun in (first, second)):
        return False
    return noun_key(first.lemma_) != noun_key(second.lemma_)


def _any_at_all(noun: Token) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ == "any") or (c.dep_ == "amod" and c.lower_ == "single")
        for c in noun.children
    )


def _theme(verb: Token) -> Token | None:
    """What the verb acts on (participants.done_to), when a noun names it."""
    thing = done_to(verb)
    if thing is None or thing.pos_ != "NOUN" or _negative_subject(thing):
        return None
    return thing


def _claim_negates(claim: str, text: str) -> bool:
    """The claim itself holds the negated verb with its negation, in a side clause or a
    quotation: "the government 'does not rule out' ..." reported by both."""
    negated = {
        token.head.lemma_.lower()
        for token in parse(claim)
        if token.dep_ == "neg" or token.lower_ == "never"
    }
    return any(
        token.head.lemma_.lower() in negated
        for token in parse(text)
        if token.dep_ == "neg" or token.lower_ == "never"
    )


def _share_a_word(first: set[str], second: set[str]) -> bool:
    """Same lemma, or one word built on the other ("warn" and "warning", "know" and
    "knowledge")."""
    return any(
        a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
        for a in first
        for b in second
    )


def _asserted(doc: Doc) -> list[Token]:
    """The claim's words less a condition hung on it ("..., if a new report is to be
    believed"): a negation of the report is no negation of what the claim asserts."""
    conditions = {
        t.i for head in doc if head.dep_ == "advcl" and is_speculative(head) for t in head.subtree
    }
    return [t for t in doc if t.i not in conditions]


def content_lemmas(tokens) -> set[str]:
    return {t.lemma_.lower() for t in tokens if is_content(t)}


def _clause_lemmas(head: Token, *, with_subject: bool = False) -> set[str]:
    """The clause's verb and the heads of its direct arguments and complements.

    A plain subject is left out: "the vessel was not overloaded" and "Tessaria has no
    contact with ..." share only their subject with a claim about what the vessel or
    Tessaria did, and negate something else. A negative subject ("no injuries") stays,
    and so does any subject when the claim says what its subject is.
    """
    words = [head]
    for child in head.children:
        plain_subject = child.dep_ in {"nsubj", "nsubjpass"} and not _negative_subject(child)
        if plain_subject and not with_subject:
            continue
        if child.dep_ in _ARGUMENT_DEPS:
            words.append(child)
            words.extend(c for c in child.children if c.dep_ in {"compound", "amod", "pobj"})
        if child.dep_ == "prep":
            words.extend(c for c in child.children if c.dep_ == "pobj")
    return content_lemmas(words)


def _denies_a_name(clause: Token) -> bool:
    """ "These are not looters.": what a group is called is denied, not what anyone did."""
    return (
        clause.lemma_ == "be"
        and any(
            c.dep_ == "nsubj" and c.lower_ in {"these", "those", "they", "we"}
            for c in clause.children
        )
        and any(c.dep_ == "attr" and c.tag_ == "NNS" for c in clause.children)
    )


def _negative_subject(token: Token) -> bool:
    return token.lower_ in _NEGATORS or any(
        child.dep_ == "det" and child.lower_ == "no" for child in token.children
    )


def _main_clauses(doc: Doc) -> list[Token]:
    """The verbs a sentence asserts: its roots, their conjuncts, and reported clauses."""
    found = []
    for root in (token for token in doc if token.dep_ == "ROOT"):
        heads = [root, *(c for c in root.children if c.dep_ == "conj")]
        for head in heads:
            if head.lemma_.lower() in SPEECH_VERBS:
                found.extend(c for c in head.children if c.dep_ in {"ccomp", "xcomp"})
            found.append(head)
    return found


def is_content(token: Token) -> bool:
    return token.pos_ in CONTENT_POS and not token.is_stop and token.is_alpha
