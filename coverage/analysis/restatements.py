"""Rows that restate one another become one row.

Alignment clusters claims by sentence similarity, which is topical: two outlets'
wordings of one fact ("Police arrested 31 people." / "More than 30 rioters were
detained.") can sit below the clustering threshold while two different facts of the
same event ("300 firefighters worked on the ridge" / "lightning sparked the fire on the
ridge") sit above it. So a lower similarity is accepted here only with an anchor that
two statements of one fact share and two facts of one event rarely do:

- corresponding predicates (the same lemma, or synonyms in the slot lexicon: arrested
  and detained), or the same thing acted on ("the air" tested / "the air" measured);
- the same figure ("About 1,500 people joined" / "About 1,500 rioters took part"), or
  figures that count the same thing and can be the same count ("Police arrested 31
  people" / "More than 30 rioters were detained");
- a slot conflict on the same quantity or predicate ("Nine people died" / "Fourteen
  people died"), or figures of the same thing that cannot be one count ("Surgeons called
  off 78 operations" / "More than 200 operations have been axed"): one claim that
  outlets state differently. The merged row keeps the
  wording of its larger side, and the other side's claims are marked as conflicting,
  so their cells show the contradiction instead of hiding it in a second row.

A denial and a report of one act whose doer is worded differently ("The hospital had
not paid a ransom" / "Bosses had quietly paid the hackers a ransom") are one claim in
conflict too, unless both doers are named. A denial worded too far from the claim for any
of this ("No one has been detained" / "Two men were detained for questioning"; "There had
been no lightning" / "the fire had been caused by lightning") joins the claim's row as
conflicting when it negates the claim's own act or the very thing the claim names as acting
(merge_denials), with its reason in words ("denies: 'No one has been detained ...'").

Rows stay apart when an outlet states both (it made two claims, not one twice) unless
they are very close and say the same of the same named participants (it repeated its
lede), when their participants otherwise differ (another deal, another agent:
compare_slots says "different"), when they give different years (another event), and
when one states a figure the other lacks without contradicting it: a detail only some
outlets give is a row of its own. Plain functions over the aligner's rows; no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from coverage.analysis.align import DEFAULT_THRESHOLD, AlignedRow, ArticleClaim, row_order
from coverage.analysis.cells.conflicts import find_negation
from coverage.analysis.cells.parses import Parses, open_run, parse
from coverage.analysis.cells.stating import act_phrase
from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.slots import (
    COMPATIBLE,
    CONFLICT,
    DIFFERENT,
    Finding,
    Quantity,
    Slots,
    compare_slots,
    corresponds,
    participants_same,
)
from coverage.analysis.slots.comparison import counts_overlap
from coverage.analysis.slots.lexicon import GENERIC_KEYS, LIGHT_VERBS, noun_key
from coverage.analysis.slots.quantities import DISTANCE_NOUNS

# Which group of people, by number, each noun names in one event, as noun_key gives it:
# "family", "encroacher" and "interloper" all 0 where outlets call the people on one
# estate so (the wording layer's label groups, coverage.analysis.wording.group_labels).
PeopleGroups = Mapping[str, int]

# Tuned on the dev events only (scripts/eval_analysis.py --split dev): the smallest
# member-to-member cosine at which two anchored rows merge, and at which two rows
# that conflict on one slot are taken for one claim stated differently.
MIN_SIMILARITY = 0.45
MIN_CONFLICT_SIMILARITY = 0.45
# Two statements of one predicate, or two figures of one count, that conflict are one
# claim even when one outlet wraps it in a long sentence ("Six people lost their lives
# in the earthquake that struck the valley early on Thursday" / "At least 11 people have
# been killed"). Tuned on the dev events only.
MIN_MATCHED_CONFLICT_SIMILARITY = 0.25
# Rows that share an article merge only closer than alignment asks of two claims, and
# only as a plain restatement (same predicates, same named participants): an outlet that
# repeats its lede lower down ("Police in Kaldmark fired tear gas at striking dockworkers
# ..." / "Police fired tear gas."). Tuned on the dev events only.
MIN_REPEAT_SIMILARITY = 0.65
# Nouns that call what they name untrue: "the lightning excuse", "the arson myth".
_DISMISSIVE_NOUNS = frozenset({"excuse", "myth", "lie", "hoax", "fiction", "fabrication"})
# A claim that restates another row and not its own moves there when it is at most this
# much less close to that row than to its own row's wording ("Employing 200 people, the
# museum has closed its doors" 0.76 to "The museum employs 200 people", 0.79 to "The
# museum has shut its doors"). Tuned on the dev events only.
REHOME_MARGIN = 0.1
# How many words of a denial its conflict reason quotes.
DENIAL_WORDS = 7
# How many of its closest rows each row is compared with, slot by slot.
NEIGHBOURS = 4
# Two different main verbs need a closer wording, on the same thing ("Court bailiffs
# served the closure order" / "Court officers delivered the order" 0.48) or the same figure
# ("Every one of the 9 miners walked out of the shaft unhurt" / "Rescuers freed all 9
# workers unharmed" 0.52). Tuned on the dev events only.
MIN_THEME_SIMILARITY = 0.45
MIN_FIGURE_SIMILARITY = 0.5
# Figures of one noun counted with other verbs are one count only this close.
LOOSE_FIGURE_RATIO = 3
# Two main verbs the lexicon does not pair report one act when the verbs with what they
# act on are this close ("knocked the hospital offline" / "disabled the hospital's
# computer systems" 0.68, "rescued" / "pulled alive" 0.57), while two acts of one
# event score lower ("gathered" / "met relatives of the victims" 0.19). Tuned on the dev
# events only.
SAME_ACT_SIMILARITY = 0.55
# Copulas and auxiliaries: a clause they head is about its complement.
_LIGHT_PREDICATES = frozenset({"be", "have"})
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# What noun_key makes of every person noun, and the roles of a figure that is a part of
# a total rather than the total.
_PEOPLE = "people"
_PART_ROLES = frozenset({"including", "among"})
# Roles that make a figure a change or a starting point ("fell *by* 2%", "*from* 2.9%"),
# not the level another figure states.
_CHANGE_ROLES = frozenset({"by", "from", "to"})
# The shortest verb stem _act_stem reads off a noun ("loot"): "power" is no "pow" doer.
_MIN_STEM = 4
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_WORD = re.compile(r"[a-z]+")
# Words of a participant's phrase that say nothing about what it is.
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "all",
        "most",
        "many",
        "several",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "to",
        "by",
        "with",
        "from",
    ]
)

# Slots of many texts at once: parsing them in one batch is what keeps this step cheap.
SlotReader = Callable[[Sequence[str]], list[Slots]]


def slot_reader(parses: Parses | None = None) -> SlotReader:
    """A SlotReader over a run's parses (the pipeline's hold every candidate sentence, and
    many rows are worded as a whole sentence), parsing the other texts in one batch; without
    a run, over parses of its own."""
    if parses is None:
        parses = open_run() or Parses()

    def read(texts: Sequence[str]) -> list[Slots]:
        parses.parse_ahead(texts)
        return [parses.slots(text) for text in texts]

    return read


@dataclass(frozen=True)
class _Act:
    """A main predicate of a row, with its act phrase's vector when an encoder read it."""

    lemma: str
    asserted: bool
    vector: np.ndarray = field(compare=False)


@dataclass(frozen=True)
class _Side:
    """One row as the comparison sees it."""

    text: str
    slots: Slots
    articles: frozenset[int]
    numbers: frozenset[str]
    years: frozenset[str]
    mains: frozenset[str]
    themes: frozenset[str]
    main_figures: frozenset[str]
    main_dates: frozenset[tuple[int, int]]
    main_counts: tuple[Quantity, ...]
    # Figures of a subordinate clause ("..., holding 14 workers"): another claim of the
    # sentence, not a detail of the main one.
    clause_numbers: frozenset[str] = frozenset()
    acts: tuple[_Act, ...] = ()
    # The event's groups of people by the nouns outlets call them (PeopleGroups).
    people_groups: PeopleGroups = field(default_factory=dict)


def merge_restatements(
    rows: Sequence[AlignedRow],
    claims: Sequence[ArticleClaim],
    embeddings: np.ndarray,
    *,
    min_similarity: float = MIN_SIMILARITY,
    min_conflict_similarity: float = MIN_CONFLICT_SIMILARITY,
    read_slots: SlotReader | None = None,
    encoder: TextEncoder | None = None,
    people_groups: PeopleGroups | None = None,
    rendered: Sequence[tuple[int, int]] = (),
) -> list[AlignedRow]:
    """Merge rows whose claims restate one another; the rest are returned as they are.

    ``embeddings[i]`` is the L2-normalised vector of ``claims[i].claim.core``, as for
    align_claims. Pairs are merged most similar first, and a group never takes two
    claims of one article. The result is in align_claims' order. With an ``encoder``,
    main verbs the lexicon does not pair still correspond when their act phrases are
    close (see _acts_alike). With ``people_groups``, counts of one group of people that
    outlets call by different nouns ("400 families" / "fewer than 150 encroachers") are
    counts of one thing (see _count_pairs). ``rendered`` are pairs of claims (indexes
    into ``claims``) that a rewrite renders one from the other (see rendered_claims):
    their rows merge first, whatever their wording, as one claim told twice.
    """
    if len(rows) < 2:
        return list(rows)
    vectors = np.asarray(embeddings, dtype=np.float64)
    rows = rehome_claims(
        rows, claims, vectors, read_slots=read_slots, encoder=encoder, people_groups=people_groups
    )
    articles_of = [frozenset(claims[index].article for index in row.members) for row in rows]
    floor = min(min_similarity, min_conflict_similarity, MIN_MATCHED_CONFLICT_SIMILARITY)
    close = _close_pairs(rows, vectors, articles_of, floor)
    row_of = {member: index for index, row in enumerate(rows) for member in row.members}
    joined = {
        (min(row_of[a], row_of[b]), max(row_of[a], row_of[b]))
        for a, b in rendered
        if a in row_of and b in row_of and row_of[a] != row_of[b]
    }
    # Only rows in a close pair, or joined by a rewrite, are parsed for their slots.
    involved = sorted(
        {index for first, second, _ in close for index in (first, second)}
        | {index for pair in joined for index in pair}
    )
    sides = dict(
        zip(
            involved,
            _sides([rows[i] for i in involved], claims, read_slots, encoder, people_groups),
            strict=True,
        )
    )
    pairs = []
    for first, second, similarity in close:
        relation = restates(sides[first], sides[second], similarity)
        threshold = min_similarity
        if relation == CONFLICT:
            threshold = min_conflict_similarity
            if _matched(sides[first], sides[second], similarity):
                threshold = min(threshold, MIN_MATCHED_CONFLICT_SIMILARITY)
        repeat = bool(articles_of[first] & articles_of[second])
        if repeat and not (
            relation == "same"
            and (
                _repeats(sides[first], sides[second])
                or _one_sentence_each(rows[first], rows[second], claims)
            )
        ):
            continue
        if relation is not None and similarity >= threshold:
            pairs.append((round(-similarity, 5), first, second, repeat))

    # A rewrite's rendering of a claim joins its row before any restatement does.
    pairs.extend((-2.0, first, second, False) for first, second in sorted(joined))

    group = list(range(len(rows)))

    def root(index: int) -> int:
        while group[index] != index:
            group[index] = group[group[index]]
            index = group[index]
        return index

    articles = {index: set(found) for index, found in enumerate(articles_of)}
    for _, first, second, repeat in sorted(pairs):
        a, b = root(first), root(second)
        if a == b or (articles[a] & articles[b] and not repeat):
            continue
        keep, drop = min(a, b), max(a, b)
        group[drop] = keep
        articles[keep] |= articles.pop(drop)

    members: dict[int, list[int]] = {}
    for index in range(len(rows)):
        members.setdefault(root(index), []).append(index)
    merged = [
        _merge([rows[i] for i in group_rows], [sides.get(i) for i in group_rows], claims)
        for group_rows in members.values()
    ]
    merged = merge_denials(merged, claims, read_slots=read_slots)
    return sorted(merged, key=lambda row: row_order(row, claims))


def rehome_claims(
    rows: Sequence[AlignedRow],
    claims: Sequence[ArticleClaim],
    vectors: np.ndarray,
    *,
    read_slots: SlotReader | None = None,
    encoder: TextEncoder | None = None,
    people_groups: PeopleGroups | None = None,
) -> list[AlignedRow]:
    """Move a claim from a row it does not restate to a row it does, where its article has
    no claim yet.

    Alignment places a claim by its wording's similarity, so "Inflation has already fallen
    to 2.4 percent" can land with "Inflation is falling faster than expected" rather than
    with "Inflation slowed to 2.4 percent in May", and the second row then shows that outlet
    silent. The claim moves only when it does not restate its own row's wording and
    restates the other row's, and either gives that row's very figure or is nearly as
    close to it as to its own row (REHOME_MARGIN): a claim much closer to its own row
    that only fails a rule of restating (a time only it gives) stays. A row's own wording
    (its canonical claim) never moves. Rows are returned in their order.
    """
    articles = [{claims[member].article for member in row.members} for row in rows]
    numbered = [bool(_NUMBER.search(row.text)) for row in rows]
    movers = [
        (position, member)
        for position, row in enumerate(rows)
        for member in row.members
        if member != row.canonical
    ]
    if not movers:
        return list(rows)
    # Each mover's closest claim in every row, from one product with all the members.
    order = [member for row in rows for member in row.members]
    starts = np.cumsum([0] + [len(row.members) for row in rows[:-1]])
    closest = np.maximum.reduceat(
        vectors[[member for _, member in movers]] @ vectors[order].T, starts, axis=1
    )
    candidates: dict[tuple[int, int], list[tuple[int, float]]] = {}
    for (position, member), similarities in zip(movers, closest, strict=True):
        own = float(vectors[member] @ vectors[rows[position].canonical])
        figures = bool(_NUMBER.search(claims[member].claim.core))
        found = [
            (target, float(similarity))
            for target, similarity in enumerate(similarities)
            if target != position
            and claims[member].article not in articles[target]
            and similarity >= MIN_SIMILARITY
            and (similarity >= own - REHOME_MARGIN or (figures and numbered[target]))
        ]
        if found:
            candidates[(position, member)] = found
    if not candidates:
        return list(rows)
    involved = sorted(
        {position for position, _ in candidates}
        | {target for found in candidates.values() for target, _ in found}
    )
    row_sides = dict(
        zip(
            involved,
            _sides([rows[i] for i in involved], claims, read_slots, encoder, people_groups),
            strict=True,
        )
    )
    alone = [AlignedRow(claims[member].claim.core, (member,), member) for _, member in candidates]
    member_sides = dict(
        zip(
            (member for _, member in candidates),
            _sides(alone, claims, read_slots, encoder, people_groups),
            strict=True,
        )
    )
    moves: dict[int, tuple[float, int, int]] = {}
    for (position, member), found in candidates.items():
        side = member_sides[member]
        own = float(vectors[member] @ vectors[rows[position].canonical])
        if restates(row_sides[position], side, own) is not None:
            continue
        for target, similarity in found:
            near = similarity >= own - REHOME_MARGIN
            if not near and not side.numbers & row_sides[target].numbers:
                continue
            if restates(row_sides[target], side, similarity) != "same":
                continue
            if member not in moves or similarity > moves[member][0]:
                moves[member] = (similarity, position, target)
    taken: dict[tuple[int, int], int] = {}
    for member, (_, _, target) in sorted(moves.items(), key=lambda item: -item[1][0]):
        taken.setdefault((target, claims[member].article), member)
    moved = {member: moves[member] for member in taken.values()}
    if not moved:
        return list(rows)
    result = []
    for position, row in enumerate(rows):
        leaving = {member for member, (_, source, _) in moved.items() if source == position}
        arriving = [member for member, (_, _, target) in moved.items() if target == position]
        if not leaving and not arriving:
            result.append(row)
            continue
        members = [member for member in row.members if member not in leaving] + arriving
        result.append(
            replace(
                row,
                members=tuple(sorted(members, key=lambda member: claims[member].article)),
                conflicting=row.conflicting - leaving,
                conflict_reasons=tuple(
                    (member, reason)
                    for member, reason in row.conflict_reasons
                    if member not in leaving
                ),
            )
        )
    return result


def merge_denials(
    rows: Sequence[AlignedRow],
    claims: Sequence[ArticleClaim],
    *,
    read_slots: SlotReader | None = None,
) -> list[AlignedRow]:
    """Merge each row that denies another row's claim into that row, as conflicting.

    A denial and the claim it denies are worded far apart ("No one has been detained" /
    "Two men were detained for questioning"), too far for the similarity the other merges
    ask, so here the anchor is the denial itself: see _denies. Rows of one article stay
    apart (an outlet does not state and deny one claim), a row that denies several rows'
    claims joins the one most outlets carry, and a row whose claim another row denies is
    not itself merged as a denial. Rows are returned in their order, less those merged.
    """
    if len(rows) < 2:
        return list(rows)
    texts = sorted({row.text for row in rows})
    slots = dict(zip(texts, (read_slots or slot_reader())(texts), strict=True))
    articles = [{claims[member].article for member in row.members} for row in rows]
    denied_by: dict[int, int] = {}
    for denial, row in enumerate(rows):
        if not (_denial(slots[row.text]) or find_negation(row.text) or _dismissed(row.text)):
            continue
        targets = [
            other
            for other, stated in enumerate(rows)
            if other != denial
            and not articles[other] & articles[denial]
            # The cells will read the denial against the row's wording, so it must deny that.
            and _denies(row.text, slots[row.text], stated.text, slots[stated.text])
        ]
        if targets:
            denied_by[denial] = max(targets, key=lambda other: (len(articles[other]), -other))
    joined: dict[int, list[int]] = {}
    for denial, target in sorted(denied_by.items()):
        if target in denied_by or articles[denial] & articles[target]:
            continue
        joined.setdefault(target, []).append(denial)
        articles[target] |= articles[denial]
    merged_away = {denial for denials in joined.values() for denial in denials}
    result = []
    for index, row in enumerate(rows):
        if index in merged_away:
            continue
        denials = [rows[denial] for denial in joined.get(index, [])]
        if denials:
            added = [member for other in denials for member in other.members]
            reasons = {member: _denial_reason(claims[member].claim.core) for member in added}
            row = replace(
                row,
                members=tuple(sorted((*row.members, *added), key=lambda m: claims[m].article)),
                conflicting=row.conflicting | frozenset(added),
                conflict_reasons=tuple(sorted({**dict(row.conflict_reasons), **reasons}.items())),
            )
        result.append(row)
    return result


def restated_in_cells(
    rows: Sequence[AlignedRow],
    claims: Sequence[ArticleClaim],
    quoted: Sequence[Mapping[int, tuple[int, int]]],
    vectors: np.ndarray,
    *,
    own_rows: int | None = None,
    min_similarity: float = MIN_SIMILARITY,
) -> set[int]:
    """Rows that another row's cells already quote, outlet by outlet, as its evidence.

    The cells read every outlet for the sentence that states or denies each row's claim.
    When, for every outlet of a row, a row with more outlets quotes exactly the sentence
    that outlet's claim was made of, and that sentence holds no other claim, the two rows
    say one thing in other words ("The dam's operator put the collapse down to what it
    called 'exceptional' rain" / "The company blamed the failure on 'exceptional'
    rainfall"), and the smaller one only splits the outlets between two rows: it is
    returned (by index) when its wording is as close to the larger one's as merge_restatements
    asks of anchored rows.

    ``quoted[i]`` maps each article to the span (start, end) of row ``i``'s evidence
    where its cell agrees or contradicts; ``vectors[i]`` is row ``i``'s wording, embedded
    and L2-normalised. Only the first ``own_rows`` rows (the analysis's own) are returned;
    rows after them (people's) may quote, but are never dropped.
    """
    own_rows = len(rows) if own_rows is None else own_rows
    per_sentence: dict[tuple[int, int], int] = {}
    for item in claims:
        key = (item.article, item.claim.sentence_index)
        per_sentence[key] = per_sentence.get(key, 0) + 1
    restated: set[int] = set()
    for index, row in enumerate(rows[:own_rows]):
        spans = [
            (claims[m].article, (claims[m].claim.sentence_start, claims[m].claim.sentence_end))
            for m in row.members
        ]
        if not spans or any(
            per_sentence[(claims[m].article, claims[m].claim.sentence_index)] > 1
            for m in row.members
        ):
            continue
        for other, larger in enumerate(rows):
            if (
                other != index
                and other not in restated
                and len(larger.members) > len(row.members)
                and float(vectors[index] @ vectors[other]) >= min_similarity
                and all(quoted[other].get(article) == span for article, span in spans)
            ):
                restated.add(index)
                break
    return restated


def _denial(slots: Slots) -> bool:
    """Whether a text's main clause says that something did not happen, or is false."""
    return any(
        predicate.main
        and not predicate.frame
        and not predicate.speculative
        and not predicate.asserted
        for predicate in slots.predicates
    )


def _denies(denial: str, denied: Slots, claim: str, stated: Slots) -> bool:
    """Whether ``denial`` says that what ``claim`` states did not happen.

    The claim must state its act without negation, the two must be about one act (see
    _denial_anchored), and the slots must find no other participants in them ("The road
    was not closed" is not "Schools closed"). The anchor is read first: it is cheap, and
    most pairs of rows have none.
    """
    if _denial(stated) or not _denial_anchored(denial, denied, claim, stated):
        return False
    if find_negation(claim) is not None:
        return False
    findings = compare_slots(stated, denied).findings + compare_slots(denied, stated).findings
    return not any(f.outcome == DIFFERENT and f.slot in {"agent", "target"} for f in findings)


def _denial_anchored(denial: str, denied: Slots, claim: str, stated: Slots) -> bool:
    """Whether a denial and a claim are about one act: a denied main predicate (negated,
    or in a frame: "claims that ... are false") that corresponds to a main predicate the
    claim asserts, with no manner the claim does not give ("was not started deliberately"
    does not deny "The fire started on Wednesday"); or a thing the claim names as a
    participant of its act, dismissed ("the lightning excuse") or with a "no" before it in
    a clause about it alone ("There had been no lightning" / "caused by lightning")."""
    acts = [
        predicate
        for predicate in stated.predicates
        if not predicate.frame
        and not predicate.speculative
        and predicate.asserted
        and predicate.lemma not in LIGHT_VERBS
    ]
    negated = [
        predicate
        for predicate in denied.predicates
        if predicate.main
        and not predicate.frame
        and not predicate.speculative
        and not predicate.asserted
        and predicate.lemma not in LIGHT_VERBS
    ]
    pairs = [
        (predicate, act)
        for predicate in negated
        for act in acts
        if act.main and corresponds(predicate.lemma, act.lemma)
    ]
    denial_doc, claim_doc = parse(denial), parse(claim)
    if pairs:
        # The parse may hang a manner on the denial frame ("started deliberately are
        # false"), so any of the denial's counts.
        manner = {
            token.lemma_.lower()
            for token in denial_doc
            if token.dep_ == "advmod" and token.pos_ == "ADV" and token.lower_.endswith("ly")
        }
        if manner <= {token.lemma_.lower() for token in claim_doc} and any(
            # "It was not clear who threw the stones" does not deny "sent in to clear the gate".
            denial_doc[predicate.position].pos_ == claim_doc[act.position].pos_
            for predicate, act in pairs
        ):
            return True
    acted = {
        participant.key
        for act in acts
        for participant in (act.agent, act.target)
        if participant is not None and not participant.named
    }
    if not acted:
        return False
    if _dismissed(denial) & acted:
        return True
    if any(
        predicate.main and predicate.lemma not in LIGHT_VERBS for predicate in denied.predicates
    ):
        # "No family will be left alone" denies that families are left, not that any were
        # crushed: only a clause that is about its "no" thing alone ("There had been no
        # lightning") denies the thing.
        return False
    # "no looting" shares no word with "Looters are prowling", so the claim cannot pick it.
    words = (find_negation(denial, claim) or find_negation(denial) or "").split()
    if len(words) != 2 or words[0].lower() != "no":
        return False
    denied_thing = noun_key(next(t.lemma_ for t in denial_doc if t.text == words[1]))
    return denied_thing in acted or _act_stem(denied_thing) in {_act_stem(key) for key in acted}


def _act_stem(noun: str) -> str:
    """The verb an act's noun and its doer's noun share: "looting" and "looter" -> "loot",
    so "There had been no looting" denies what looters did."""
    for suffix in ("ing", "er"):
        if noun.endswith(suffix) and len(noun) - len(suffix) >= _MIN_STEM:
            return noun[: -len(suffix)]
    return noun


def _dismissed(text: str) -> set[str]:
    """The things a sentence's main clause dismisses as untrue: "lightning" in "Forget the
    lightning excuse" or "The lightning story is a myth", "ransom" in "Talk of a ransom is
    a lie", as noun_key gives them."""
    found = set()
    for root in (token for token in parse(text) if token.dep_ == "ROOT"):
        for word in root.children:
            if word.lemma_.lower() not in _DISMISSIVE_NOUNS or word.dep_ not in {"dobj", "attr"}:
                continue
            # "X is a myth" dismisses what its subject names; "forget the X excuse" the X.
            held = [c for c in root.children if c.dep_ == "nsubj"] if word.dep_ == "attr" else []
            for noun in (word, *held):
                found.update(c.lemma_ for c in noun.children if c.dep_ == "compound")
                found.update(
                    c.lemma_
                    for preposition in noun.children
                    if preposition.dep_ == "prep" and preposition.lower_ == "of"
                    for c in preposition.children
                    if c.dep_ == "pobj"
                )
    return {noun_key(word) for word in found}


def _denial_reason(text: str) -> str:
    """ "denies: 'No one has been detained in connection ...'": the denial, shortened."""
    words = text.split()
    quoted = " ".join(words[:DENIAL_WORDS]) + (" ..." if len(words) > DENIAL_WORDS else "")
    return f"denies: '{quoted}'"


def _close_pairs(
    rows: Sequence[AlignedRow],
    vectors: np.ndarray,
    articles_of: Sequence[frozenset[int]],
    floor: float,
) -> list[tuple[int, int, float]]:
    """Pairs of rows of different articles whose closest members are at least ``floor``
    alike, with that cosine; each row pairs with its NEIGHBOURS closest such rows.

    One product of a row's members with every member, reduced per row, keeps a large
    event's cost near one claim-by-claim similarity instead of a loop over pairs, and
    the neighbour limit keeps the slot comparisons linear in the rows: a row restates
    few others, and those are its closest.
    """
    order = [member for row in rows for member in row.members]
    starts = np.cumsum([0] + [len(row.members) for row in rows[:-1]])
    members = vectors[order]
    articles = sorted(set().union(*articles_of))
    column = {article: position for position, article in enumerate(articles)}
    membership = np.zeros((len(rows), len(articles)), dtype=np.float32)
    for index, found in enumerate(articles_of):
        membership[index, [column[article] for article in found]] = 1
    found: dict[tuple[int, int], float] = {}
    for first, row in enumerate(rows):
        closest = np.maximum.reduceat((vectors[list(row.members)] @ members.T).max(axis=0), starts)
        closest = np.round(closest, 5)
        shared = membership @ membership[first] > 0
        closest[shared & (closest < max(floor, MIN_REPEAT_SIMILARITY))] = -np.inf
        closest[first] = -np.inf
        eligible = np.nonzero(closest >= floor)[0]
        for second in eligible[np.argsort(-closest[eligible], kind="stable")[:NEIGHBOURS]]:
            found[(min(first, int(second)), max(first, int(second)))] = float(closest[second])
    return [(first, second, similarity) for (first, second), similarity in sorted(found.items())]


def align_to_fixed_rows(
    rows: Sequence[AlignedRow],
    claims: Sequence[ArticleClaim],
    embeddings: np.ndarray,
    fixed_texts: Sequence[str],
    fixed_embeddings: np.ndarray,
    *,
    cluster_threshold: float = DEFAULT_THRESHOLD,
    min_similarity: float = MIN_SIMILARITY,
    read_slots: SlotReader | None = None,
) -> tuple[list[AlignedRow], list[AlignedRow]]:
    """Give rows people made the analysis's rows that restate them.

    A row of the analysis joins a fixed row when its claims are as close to the
    person's wording as alignment asks of two claims, or when they restate it by the
    rules of merge_restatements. A fixed row takes one claim per article, closest
    first. Returns the fixed rows (worded as people wrote them, ``canonical`` -1, their
    members possibly none) and the rows that joined none, in their order.
    """
    if not fixed_texts or not rows:
        return [AlignedRow(text, (), -1) for text in fixed_texts], list(rows)
    read = read_slots or slot_reader()
    fixed = [
        _Side(text, slots, frozenset(), *_features(slots, text))
        for text, slots in zip(fixed_texts, read(fixed_texts), strict=True)
    ]
    vectors = np.asarray(embeddings, dtype=np.float64)
    targets = np.asarray(fixed_embeddings, dtype=np.float64)
    closeness = [(vectors[list(row.members)] @ targets.T).max(axis=0) for row in rows]
    involved = [i for i, close in enumerate(closeness) if close.max() >= min_similarity]
    sides = dict(zip(involved, _sides([rows[i] for i in involved], claims, read), strict=True))
    pairs = []
    for index, close in enumerate(closeness):
        for target, similarity in enumerate(close):
            relation = (
                restates(fixed[target], sides[index], float(similarity))
                if similarity >= min_similarity
                else None
            )
            if similarity >= cluster_threshold or relation is not None:
                pairs.append((round(-float(similarity), 5), index, target, relation))
    joined: dict[int, list[int]] = {target: [] for target in range(len(fixed))}
    conflicting: dict[int, set[int]] = {target: set() for target in range(len(fixed))}
    reasons: dict[int, dict[int, str]] = {target: {} for target in range(len(fixed))}
    taken: dict[int, set[int]] = {target: set() for target in range(len(fixed))}
    placed: set[int] = set()
    for negated_similarity, index, target, relation in sorted(pairs, key=lambda pair: pair[:3]):
        articles = frozenset(claims[member].article for member in rows[index].members)
        if index in placed or taken[target] & articles:
            continue
        placed.add(index)
        joined[target].append(index)
        taken[target] |= articles
        if relation == CONFLICT:
            conflicting[target].update(rows[index].members)
            # The figures paired as restates paired them, at the rows' own closeness.
            if reason := conflict_reason(fixed[target], sides[index], -negated_similarity):
                reasons[target][rows[index].canonical] = reason
    fixed_rows = [
        AlignedRow(
            text=text,
            members=tuple(
                sorted(
                    (member for index in joined[target] for member in rows[index].members),
                    key=lambda member: claims[member].article,
                )
            ),
            canonical=-1,
            conflicting=frozenset(conflicting[target]),
            conflict_reasons=tuple(sorted(reasons[target].items())),
        )
        for target, text in enumerate(fixed_texts)
    ]
    return fixed_rows, [row for index, row in enumerate(rows) if index not in placed]


def restates(first: _Side, second: _Side, similarity: float = 1.0) -> str | None:
    """How two rows' wordings relate: "same", "conflict" (one claim, stated differently)
    or None when they are different claims or nothing anchors them."""
    if first.years != second.years:
        # "Six died on Thursday" and "the 1987 quake killed 23" are two events.
        return None
    alike = _mains_correspond(first, second) or _acts_alike(first, second)
    counts = _count_pairs(first, second, similarity, alike=alike)
    if not _same_assertion(first, second, similarity, counted=bool(counts), alike=alike):
        return None
    findings = compare_slots(first.slots, second.slots).findings + (
        compare_slots(second.slots, first.slots).findings
    )
    if any(
        f.outcome == DIFFERENT and f.slot in {"agent", "target"} for f in findings
    ) and not _only_counted_differ(first, second, counts, findings):
        return CONFLICT if _denied_by_another_doer(first, second, findings) else None
    if any(f.outcome == CONFLICT for f in findings) or any(
        not counts_overlap(a, b) for a, b in counts
    ):
        return CONFLICT
    counted = frozenset(
        number.replace(",", "")
        for pair in counts
        for quantity in pair
        for number in _NUMBER.findall(quantity.text)
    )
    if (first.numbers - first.clause_numbers) - counted != (
        second.numbers - second.clause_numbers
    ) - counted:
        # A figure only one side gives, and nothing contradicts: a detail of its own.
        return None
    anchored = (
        bool(first.numbers & second.numbers)
        or bool(counts)
        or alike
        or bool(first.themes & second.themes)
    )
    return "same" if anchored else None


def _count_pairs(
    first: _Side, second: _Side, similarity: float, *, alike: bool = False
) -> list[tuple[Quantity, Quantity]]:
    """Figures of the two main clauses that count the same thing ("more than 30 rioters
    were detained" / "police arrested 31 people"), whatever their values.

    People counted in a casualty class on either side are one count only when counted
    in one act (the same predicate, a synonym or one casualty class), as a kind of person
    may be "people" in another outlet: "31 people were arrested" and "24 officers were
    injured" are two counts; main clauses that report one act in other verbs (``alike``:
    "More than 40 people had been rescued" / "47 people were pulled alive") count in one
    act too. Any other counted noun, people counted in no casualty class (a crowd)
    included, or what a bare figure measures ("magnitude 6.1" / "a magnitude of 5.8"),
    is one count when the wordings are close and the figures near, whatever the verbs
    ("200 operations have been axed" / "surgeons called off 78 operations"; "About 1,500
    people joined the protest at the gate" / "More than 3,000 strikers had gathered at
    the gate"), unless two doers give them. A part of a total ("including three
    firefighters"), one individual ("one officer needed stitches"), a distance, which
    is measured from some place, and a change against a level ("slowed to 2.4% from
    2.9%") are not counts another outlet restates. Two nouns for one group of people
    in the event (``people_groups``: "families" / "encroachers") count one thing.
    """
    pairs = []
    for a in first.main_counts:
        for b in second.main_counts:
            if a.unit != b.unit or {a.role, b.role} & _PART_ROLES:
                continue
            if a.role != b.role and {a.role, b.role} & _CHANGE_ROLES:
                continue
            kinds = {a.noun or a.owner, b.noun or b.owner}
            if None in kinds or kinds & DISTANCE_NOUNS or 1 in {a.high, b.high}:
                continue
            if len(kinds) > 1 and _PEOPLE not in kinds and not _one_group(first, a, b):
                continue
            people = _PEOPLE in kinds or a.casualty or b.casualty
            if (
                corresponds(a.event, b.event)
                or alike
                or (
                    (not people or not (a.casualty or b.casualty))
                    and similarity >= MIN_FIGURE_SIMILARITY
                    and _near(a, b)
                    and not _other_doers(first.slots, a, second.slots, b)
                )
            ):
                pairs.append((a, b))
    return pairs


def _one_group(side: _Side, a: Quantity, b: Quantity) -> bool:
    """Whether two counted nouns name one group of people in the event: "some 400
    families" and "fewer than 150 encroachers" where outlets call the people on one
    estate both."""
    groups = side.people_groups
    return a.noun in groups and groups.get(a.noun) == groups.get(b.noun)


def _other_doers(first: Slots, a: Quantity, second: Slots, b: Quantity) -> bool:
    """Whether two figures are given by two acts that each name a doer, and not one doer:
    "the union is demanding 12 percent" and "the authority has offered 4 percent" are two
    parties' figures, while "surgeons called off 78 operations" and "200 operations have
    been axed" may be one count, and so may what a copula gives ("The quake had a
    magnitude of 5.2")."""
    doers = [
        next(
            (
                p.agent
                for p in slots.predicates
                if p.position == quantity.predicate and p.lemma not in LIGHT_VERBS
            ),
            None,
        )
        for slots, quantity in ((first, a), (second, b))
    ]
    return None not in doers and participants_same(doers[0], doers[1]) is not True


def _near(first: Quantity, second: Quantity) -> bool:
    """Whether two figures are within LOOSE_FIGURE_RATIO of each other: counted with
    other verbs, "more than 2,000 hectares have burned" and "the park covers 9,000
    hectares" measure two things, while "about 2,300 hectares" may be the first."""
    values = sorted(_value(quantity) for quantity in (first, second))
    return values[0] > 0 and values[1] <= LOOSE_FIGURE_RATIO * values[0]


def _value(quantity: Quantity) -> float:
    """The figure a quantity gives: its bound when open-ended, else its middle."""
    if quantity.high == float("inf"):
        return quantity.low
    if quantity.low <= 0:
        return quantity.high
    return (quantity.low + quantity.high) / 2


def _matched(first: _Side, second: _Side, similarity: float) -> bool:
    """Whether the two sides state one predicate (every main verb has its counterpart)
    or give figures of one count."""
    return _mains_correspond(first, second) or bool(_count_pairs(first, second, similarity))


def _only_counted_differ(
    first: _Side,
    second: _Side,
    counts: Sequence[tuple[Quantity, Quantity]],
    findings: Sequence[Finding],
) -> bool:
    """Whether the only participants that differ are the things both sides count
    ("rioters" / "people"), which the figures already showed to be one count."""
    if not counts or any(f.outcome == DIFFERENT and f.slot == "agent" for f in findings):
        return False
    counted = {noun_key(q.noun) for pair in counts for q in pair if q.noun}
    return all(
        predicate.target is None or predicate.target.key in counted
        for side in (first, second)
        for predicate in side.slots.predicates
        if predicate.main and not predicate.frame
    )


def _denied_by_another_doer(first: _Side, second: _Side, findings: Sequence[Finding]) -> bool:
    """One side says the act happened and the other that it did not, naming its doer
    differently ("The hospital had not paid a ransom" / "Bosses had quietly paid the
    hackers a ransom"): the same predicate on the same thing with opposite polarity,
    where only the doer differs and is unnamed on one side at least."""
    if any(f.outcome == DIFFERENT and f.slot == "target" for f in findings):
        return False
    if not any(f.slot == "target" and f.outcome == COMPATIBLE for f in findings):
        return False
    pairs = [
        (a, b)
        for a in first.slots.predicates
        if a.main and not a.frame and not a.speculative
        for b in second.slots.predicates
        if b.main and not b.frame and not b.speculative and corresponds(a.lemma, b.lemma)
    ]
    return any(
        a.asserted != b.asserted
        and a.agent is not None
        and b.agent is not None
        and not (a.agent.named and b.agent.named)
        for a, b in pairs
    )


def _repeats(first: _Side, second: _Side) -> bool:
    """Whether an outlet that states both rows said one thing twice: the same main
    predicates about the same named participants. A name only one side gives ("The
    Harrow Brigade ran the training" / "A unit ran the training") is a detail of its
    own, and a different predicate ("The captain survived" / "The captain was being
    questioned") another claim about the same subject."""
    return _mains_correspond(first, second) and _named(first) == _named(second)


def _one_sentence_each(
    first: AlignedRow, second: AlignedRow, claims: Sequence[ArticleClaim]
) -> bool:
    """Whether the two rows hold the same outlets, each through one sentence it words both
    from: "Even so, a tabloid, the Evening Flash, accused X" gives "A tabloid accused X"
    and "The Evening Flash accused X", and no outlet states one without the other, so two
    rows would only repeat each other."""

    def sentences(row: AlignedRow) -> dict[int, int]:
        return {claims[m].article: claims[m].claim.sentence_index for m in row.members}

    return sentences(first) == sentences(second)


def _named(side: _Side) -> frozenset[str]:
    return frozenset(
        participant.key
        for predicate in side.slots.predicates
        if predicate.main and not predicate.frame
        for participant in (predicate.agent, predicate.target)
        if participant is not None and participant.named
    )


def _mains_correspond(first: _Side, second: _Side) -> bool:
    """Every main predicate of each side has a counterpart (same lemma or synonym)."""
    return (
        bool(first.mains and second.mains)
        and all(any(corresponds(a, b) for b in second.mains) for a in first.mains)
        and all(any(corresponds(a, b) for a in first.mains) for b in second.mains)
    )


def _same_assertion(
    first: _Side, second: _Side, similarity: float, *, counted: bool, alike: bool
) -> bool:
    """Whether the two main clauses can be one assertion.

    A sentence whose main clause says something else ("The Marta Vell, licensed to carry
    just 70, rolled over in seconds") is not a restatement of what its subordinate
    clause shares with a row ("The ferry was licensed for 70"). Different main verbs
    pass only as one verb each on the same thing ("the air" tested / measured) or with
    the same figure in the main clause ("About 1,500 people joined" / "About 1,500
    rioters took part") or the same calendar date ("The next decision is due on
    September 18" / "Policymakers will next meet on 18 September") or a figure of the
    same thing (``counted``: "More than 200 operations have been axed" / "Surgeons called
    off 78 operations"), and a side with no main content verb ("There was no lightning")
    leaves it to the anchors. Main clauses that report one act (``alike``) can be one
    assertion whatever their verbs.
    """
    if not first.mains or not second.mains or alike:
        return True
    if len(first.mains) != 1 or len(second.mains) != 1:
        return False
    return (
        bool(first.themes & second.themes or first.main_dates & second.main_dates)
        and similarity >= MIN_THEME_SIMILARITY
    ) or (
        bool(counted or first.main_figures & second.main_figures)
        and similarity >= MIN_FIGURE_SIMILARITY
    )


def _sides(
    rows: Sequence[AlignedRow],
    claims: Sequence[ArticleClaim],
    read_slots: SlotReader | None,
    encoder: TextEncoder | None = None,
    people_groups: PeopleGroups | None = None,
) -> list[_Side]:
    texts = [row.text for row in rows]
    all_slots = (read_slots or slot_reader())(texts)
    return [
        _Side(
            row.text,
            slots,
            frozenset(claims[index].article for index in row.members),
            *_features(slots, row.text),
            acts=acts,
            people_groups=people_groups or {},
        )
        for row, slots, acts in zip(rows, all_slots, _acts(all_slots, encoder), strict=True)
    ]


def _acts(all_slots: Sequence[Slots], encoder: TextEncoder | None) -> list[tuple[_Act, ...]]:
    """Each text's main predicates with their act phrases' vectors, embedded in one call;
    none without an encoder."""
    if encoder is None:
        return [() for _ in all_slots]
    mains = [
        [p for p in slots.predicates if p.main and not p.frame and p.lemma not in _LIGHT_PREDICATES]
        for slots in all_slots
    ]
    phrases = [
        act_phrase(parse(slots.text)[predicate.position])
        for slots, found in zip(all_slots, mains, strict=True)
        for predicate in found
    ]
    vectors = iter(encoder.encode(phrases) if phrases else [])
    return [tuple(_Act(p.lemma, p.asserted, next(vectors)) for p in found) for found in mains]


def _acts_alike(first: _Side, second: _Side) -> bool:
    """Whether every main act of each side has a counterpart on the other, in the lexicon or
    in other words: act phrases at least SAME_ACT_SIMILARITY alike, both asserted or both
    not ("knocked the hospital offline" / "disabled its computer systems")."""
    if not first.acts or not second.acts:
        return False

    def matched(act: _Act, others: tuple[_Act, ...]) -> bool:
        return any(
            corresponds(act.lemma, other.lemma)
            or (
                act.asserted == other.asserted
                and float(act.vector @ other.vector) >= SAME_ACT_SIMILARITY
            )
            for other in others
        )

    return all(matched(act, second.acts) for act in first.acts) and all(
        matched(act, first.acts) for act in second.acts
    )


def _features(
    slots: Slots, text: str
) -> tuple[
    frozenset[str],
    frozenset[str],
    frozenset[str],
    frozenset[str],
    frozenset[str],
    frozenset[tuple[int, int]],
    tuple[Quantity, ...],
    frozenset[str],
]:
    """Numbers, years, main predicates, their themes, the figures and calendar dates
    (day and month) of the main clauses, the main clauses' quantities, and the figures of
    subordinate clauses only: a weekday or a clock time alone is shared by most facts of
    one event, a calendar date of a main clause rarely."""
    mains = [
        p for p in slots.predicates if p.main and not p.frame and p.lemma not in _LIGHT_PREDICATES
    ]
    themes = {
        word
        for predicate in mains
        if predicate.target is not None and predicate.target.key not in GENERIC_KEYS
        for word in _WORD.findall(predicate.target.text.lower())
        if word not in _FUNCTION_WORDS
    }
    return (
        frozenset(n.replace(",", "") for n in _NUMBER.findall(text)),
        frozenset(_YEAR.findall(text)),
        frozenset(p.lemma for p in mains),
        frozenset(themes),
        frozenset(
            number.replace(",", "")
            for quantity in slots.quantities
            if quantity.predicate in {p.position for p in mains}
            for number in _NUMBER.findall(quantity.text)
        ),
        frozenset(
            (when.day, when.month)
            for when in slots.times
            if when.day is not None
            and when.month is not None
            and when.predicate in {p.position for p in mains}
        ),
        # A copula's figure counts too: "The quake had a magnitude of 5.8".
        tuple(
            q
            for q in slots.quantities
            if q.predicate in {p.position for p in slots.predicates if p.main and not p.frame}
        ),
        _clause_numbers(slots),
    )


def _clause_numbers(slots: Slots) -> frozenset[str]:
    """The numbers that only figures and times of subordinate clauses give ("Fighters
    overran the station, holding 14 workers"): the sentence's second claim, which another
    outlet may state in a row of its own, while its main claim is the row's."""
    subordinate = {p.position for p in slots.predicates if not p.main and not p.frame}
    main = {p.position for p in slots.predicates if p.main}

    def numbers(texts: list[str]) -> set[str]:
        return {n.replace(",", "") for text in texts for n in _NUMBER.findall(text)}

    slotted = [*slots.quantities, *slots.times]
    elsewhere = numbers([s.text for s in slotted if s.predicate not in subordinate])
    inside = numbers([s.text for s in slotted if s.predicate in subordinate])
    return frozenset(inside - elsewhere) if main else frozenset()


def _merge(
    rows: list[AlignedRow], sides: list[_Side | None], claims: Sequence[ArticleClaim]
) -> AlignedRow:
    """One row from restatements: the wording of the side most outlets carry.

    ``sides`` are the rows' slots, read for every row of a group of two or more.
    """
    if len(rows) == 1:
        return rows[0]
    lead = max(range(len(rows)), key=lambda i: (len(rows[i].members), -i))
    conflicting = set(rows[lead].conflicting)
    reasons = dict(rows[lead].conflict_reasons)
    for index, row in enumerate(rows):
        first, second = sides[lead], sides[index]
        if index != lead and first and second and restates(first, second) == CONFLICT:
            conflicting.update(row.members)
            # The reason quotes the row's wording, which is its canonical claim's.
            if reason := conflict_reason(first, second):
                reasons[row.canonical] = reason
    # One claim per article: an article that said the claim twice keeps the statement
    # of the row with most outlets (the lead's first), which its cells were aligned on.
    chosen: dict[int, int] = {}
    for index in sorted(range(len(rows)), key=lambda i: (i != lead, -len(rows[i].members), i)):
        for member in rows[index].members:
            chosen.setdefault(claims[member].article, member)
    members = tuple(sorted(chosen.values(), key=lambda m: claims[m].article))
    kept = frozenset(conflicting) & frozenset(members)
    return replace(
        rows[lead],
        members=members,
        conflicting=kept,
        conflict_reasons=tuple(sorted((m, r) for m, r in reasons.items() if m in kept)),
    )


def conflict_reason(first: _Side, second: _Side, similarity: float = 1.0) -> str | None:
    """Why two statements of one count conflict, in words ("about 1,500 people vs more
    than 3,000 strikers"), when their figures say it; None otherwise. ``similarity`` is
    the one restates was given for the two."""
    for a, b in _count_pairs(first, second, similarity=similarity):
        if not counts_overlap(a, b):
            return f"{a.described} vs {b.described}"
    return None
