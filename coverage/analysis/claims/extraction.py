"""Claims of whole articles: candidates parsed, split into clauses and made self-contained."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coverage.analysis.claims.attribution import (
    closing_attribution,
    closing_frame,
    strip_attribution,
)
from coverage.analysis.claims.candidates import asserts_fact, is_candidate
from coverage.analysis.claims.clauses import MIN_CLAUSE_WORDS, atomic_clauses, leading_aside
from coverage.analysis.claims.model import Claim, Clause
from coverage.analysis.claims.rendering import TERMINAL, normalise, render, render_clause
from coverage.analysis.claims.subjects import MAX_PRONOUN_CHAIN, resolve_subject
from coverage.analysis.details import Detail, split_details
from coverage.analysis.hedging import Hedging, detect_hedging, hedge_reach, hedging_for_tokens
from coverage.analysis.nlp import get_nlp
from coverage.analysis.nonclaims import (
    QUOTED_SHARE,
    is_colour,
    is_emotive_account,
    is_newsroom_talk,
    is_private_speaker,
    quoted_share,
)
from coverage.analysis.quotes import Quoting, read_quoting
from coverage.analysis.segment import (
    Sentence,
    is_boilerplate,
    split_sentences,
    without_footnote_marks,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

PIPE_BATCH_SIZE = 64
# Entity kinds whose words keep their capital letter inside a sentence.
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT"})


def extract_claims(text: str, *, title: str = "", nlp: Language | None = None) -> list[Claim]:
    """Claims of one article; a convenience over find_claims for a single text."""
    context = [s for s in split_sentences(text) if not is_boilerplate(s.text)]
    sentences = [s for s in context if is_candidate(s.text, title=title)]
    nlp = nlp or get_nlp()
    docs = list(nlp.pipe((s.text for s in sentences), batch_size=PIPE_BATCH_SIZE))
    return find_claims(sentences, docs, context=context)


def find_claims(
    sentences: Sequence[Sentence],
    docs: Sequence[Doc],
    *,
    context: Sequence[Sentence] | None = None,
) -> list[Claim]:
    """Claims from sentences and their parses (``docs[i]`` is ``sentences[i].text``).

    Callers filter with is_candidate first and parse all articles in one nlp.pipe
    pass, which is what keeps a 50-article event fast. ``context`` is every
    sentence of the article (furniture left out), so attribution can be read across
    sentence boundaries: a quotation attributed where it closes, a claim followed by
    "A source told the agency." Without it, ``sentences`` are the context.
    """
    parsed = {sentence.index: doc for sentence, doc in zip(sentences, docs, strict=True)}
    context = sorted(context if context is not None else sentences, key=lambda s: s.index)
    quoting, bare = read_quoting(context, parsed)
    texts = {sentence.index: sentence.text for sentence in context}
    order = [sentence.index for sentence in context]
    claims: list[Claim] = []
    seen: set[str] = set()
    for sentence, doc in zip(sentences, docs, strict=True):
        if (
            sentence.index in bare
            or is_newsroom_talk(sentence.text)
            or is_emotive_account(sentence.text)
            or not TERMINAL.search(sentence.text.rstrip("*† "))
            or not asserts_fact(doc)
        ):
            # An unpunctuated sentence is a line of its own: a headline or a listed title.
            continue
        quotes = quoting.get(sentence.index, Quoting())
        carried = None
        if quotes.frame is not None and quotes.frame in texts:
            carried = detect_hedging(texts[quotes.frame], parsed.get(quotes.frame))
        reach = _Reach(sentence.text, doc)
        if closing := closing_attribution(doc) or closing_frame(doc):
            closing_text = "".join(token.text_with_ws for token in closing)
            carried = _with_carried(hedging_for_tokens(closing_text, closing), carried)
        elif carried is None:
            carried = _continued_report(sentence, doc, context, parsed, quoting)
        # Who speaks: the words of this sentence outside quotation marks, and its frame's.
        speaker = " ".join([_unquoted(sentence.text, quotes.quoted), texts.get(quotes.frame, "")])
        found: list[tuple[str, str, Hedging]] = []
        aside = leading_aside(doc)
        for whole in atomic_clauses(doc):
            broader, details = split_details([t for t in whole.tokens if t.i not in aside])
            # "Residents of Orlo, a farming village ..., said": a detail of the frame.
            frame, frame_details = split_details(whole.frame)
            clause = Clause(broader or whole.tokens, frame)
            content = strip_attribution(clause.tokens)
            if aside:
                clause = Clause([*clause.tokens, *(t for t in doc if t.i in aside)], frame)
            if quoted_share(content, quotes.quoted) >= QUOTED_SHARE and is_colour(
                content, private_speaker=is_private_speaker(speaker)
            ):
                # The quotation is colour, but what the outlet tells outside it is a claim:
                # '"Nobody could have foreseen it," the minister said in Sarnesk, where he
                # arrived on Sunday night.'
                found.extend(
                    _detail_claim(detail, whole, sentence.text, carried, reach)
                    for detail in [*details, *frame_details]
                    if quoted_share(detail.content, quotes.quoted) < QUOTED_SHARE
                )
                continue
            details += frame_details
            text = render_clause(clause, sentence.text)
            own = hedging_for_tokens(text, clause.worded)
            if own.hedged and reach.only_in_a_time_clause(own, content):
                # "Kelbrand will shed 1,150 jobs, after the owner confirmed that the foundry
                # is to close": the hedge covers what the owner confirmed, not the cuts.
                own = Hedging(hedged=False)
            found.append((text, render(content, sentence.text), _with_carried(own, carried)))
            found.extend(
                _detail_claim(detail, whole, sentence.text, carried, reach) for detail in details
            )
        earlier = _earlier_parses(sentence.index, order, parsed)
        for text, worded, hedging in found:
            # Rows are read without the outlet's footnote marks ("Kavar Defence Front*"),
            # and compared by who acted, not by the pronoun that stands for them.
            core = resolve_subject(without_footnote_marks(worded), doc, earlier)
            key = normalise(core)
            if len(key.split()) < MIN_CLAUSE_WORDS or key in seen:
                continue
            seen.add(key)
            claims.append(
                Claim(
                    text=text,
                    core=core,
                    sentence_index=sentence.index,
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    hedging=hedging,
                )
            )
    return claims


def _earlier_parses(index: int, order: Sequence[int], parsed: dict[int, Doc]) -> list[Doc]:
    """Parses of the sentences before sentence ``index`` in the article, as many as a chain
    of pronouns is followed, nearest last, where they were parsed (claims are only looked
    for in candidate sentences)."""
    position = order.index(index) if index in order else 0
    start = max(0, position - MAX_PRONOUN_CHAIN)
    return [parsed[i] for i in order[start:position] if i in parsed]


class _Reach:
    """The attributions of one sentence and the tokens they govern, read when first needed."""

    def __init__(self, text: str, doc: Doc) -> None:
        self.text = text
        self.doc = doc
        self._covered: set[int] | None = None
        # Every token a hedge covers or frames, placed or not (only_in_a_time_clause).
        self._reached: set[int] | None = None

    def governs(self, tokens: Sequence[Token]) -> bool:
        """Whether an attribution of the sentence covers most of ``tokens``: "talks, which
        are due to resume on Friday, Aas said" covers the talks' date; "The dockers, who
        walked out on Monday, want more pay, the union said" not the walkout."""
        words = [token for token in tokens if not token.is_punct]
        if self._covered is None:
            self._covered = hedge_reach(self.doc, placed_only=True)[0]
        return bool(words) and 2 * sum(t.i in self._covered for t in words) > len(words)

    def only_in_a_time_clause(self, own: Hedging, tokens: Sequence[Token]) -> bool:
        """Whether every hedge of a claim sits in a clause that only times or explains it,
        leaving the claim's own verb outside its reach: "Kelbrand will shed 1,150 jobs, after
        the owner confirmed that the foundry is to close"."""
        cue_words = [cue.lower() for cue in own.cues]
        if not cue_words or any(" " in cue for cue in cue_words):
            return False  # "if a report is to be believed", "according to": the whole claim
        cues = [t for t in self.doc if t.lower_ in cue_words]
        if not cues or not all(_in_time_clause(cue) for cue in cues):
            return False
        inside = {token.i for token in tokens}
        verbs = [
            t
            for t in tokens
            if (t.head.i not in inside or t.head == t) and t.pos_ in {"VERB", "AUX"}
        ]
        if not verbs:
            return False
        if self._reached is None:
            covered, frames = hedge_reach(self.doc)
            self._reached = covered | frames
        return verbs[0].i not in self._reached

    def hedging(self) -> Hedging:
        return detect_hedging(self.text, self.doc)


# Subordinators of a clause that times or explains another: what is said in it is not
# what the main clause states.
_TIME_SUBORDINATORS = frozenset({"after", "before", "when", "while", "since", "until", "because"})


def _in_time_clause(token: Token) -> bool:
    """ "... after the owner confirmed that ...": the token sits in such a clause."""
    for node in [token, *token.ancestors]:
        if node.dep_ in {"advcl", "pcomp"} and (
            any(c.dep_ == "mark" and c.lower_ in _TIME_SUBORDINATORS for c in node.children)
            or (node.dep_ == "pcomp" and node.head.lower_ in _TIME_SUBORDINATORS)
        ):
            return True
    return False


def _governed(own: Hedging, tokens: Sequence[Token], text: str, reach: _Reach) -> Hedging:
    """A detail's hedging: its own words' hedges, or the attribution that governs it."""
    if hedging_for_tokens(text, tokens).hedged:
        return own
    return reach.hedging() if reach.governs(tokens) else Hedging(hedged=False)


def _detail_claim(
    detail: Detail, clause: Clause, sentence_text: str, carried: Hedging | None, reach: _Reach
) -> tuple[str, str, Hedging]:
    """Text, core and hedging of a detail: "Orlo is a farming village ...", "X said Y"."""
    if detail.link is None:
        if detail.keeps_frame:
            named = Clause(detail.subject, clause.frame)
            text = render_clause(named, sentence_text)
            core = render(strip_attribution(detail.subject), sentence_text)
            own = hedging_for_tokens(text, named.worded)
            return text, core, _with_carried(own, carried)
        tokens = sorted({*detail.subject, *detail.predicate}, key=lambda token: token.i)
        text = render(tokens, sentence_text)
        core = render(strip_attribution(tokens), sentence_text)
        own = hedging_for_tokens(text, tokens)
        return text, core, _governed(own, tokens, text, reach)
    subject = render(detail.subject, sentence_text).rstrip(".!?…")

    def worded(predicate_tokens: list[Token]) -> str:
        predicate = render(predicate_tokens, sentence_text)
        first = predicate_tokens[0] if predicate_tokens else None
        if first is not None and (
            first.pos_ == "DET" or (first.pos_ != "PROPN" and first.ent_type_ not in _NAMED)
        ):
            predicate = predicate[:1].lower() + predicate[1:]
        return f"{subject} {detail.link} {predicate}"

    text = worded(detail.predicate)
    if detail.link in {"is", "are", "was", "were"} or detail.reported:
        # "The training was reportedly based on ...": compared without the hedge word.
        core = worded(strip_attribution(detail.predicate)) if detail.predicate else text
        # A description is the outlet's own, even inside a reported clause ("at Talvik,
        # the country's largest port, Reuters reported"): hedged only by its own words.
        own = hedging_for_tokens(text, detail.hedge_tokens)
        if detail.reported:
            return text, core, _governed(own, detail.content, text, reach)
        described = sorted({*detail.subject, *detail.predicate}, key=lambda token: token.i)
        return text, core, own if hedging_for_tokens(text, described).hedged else Hedging(False)
    own = hedging_for_tokens(text, detail.hedge_tokens)
    if not own.hedged:
        own = Hedging(hedged=True, cues=(detail.subject[-1].lower_,) if detail.subject else ())
    return text, render(detail.content, sentence_text), _with_carried(own, carried)


def _unquoted(text: str, quoted: Sequence[tuple[int, int]]) -> str:
    kept = list(text)
    for start, end in quoted:
        kept[start:end] = " " * (end - start)
    return "".join(kept)


def _continued_report(
    sentence: Sentence,
    doc: Doc,
    context: Sequence[Sentence],
    parsed: dict[int, Doc],
    quoting: dict[int, Quoting],
) -> Hedging | None:
    """The attribution a sentence in the past perfect carries on from the one before it.

    Reported speech is put a tense back, so a sentence moved into the past perfect right
    after an attributed one goes on reporting its source: "The drones were handed over
    between June and August, the source said. The exchange had been agreed in May." Only
    within a paragraph, from a sentence attributed to someone, to a sentence with no
    attribution of its own.
    """
    if not _past_perfect(doc) or detect_hedging(sentence.text, doc).hedged:
        return None
    position = next(i for i, s in enumerate(context) if s.index == sentence.index)
    previous = context[position - 1] if position > 0 else None
    if previous is None or previous.paragraph != sentence.paragraph:
        return None
    # The sentence whose attribution covers the previous one: itself, or the frame of
    # its quotation ("... the source said." or '"...," he said.').
    source = quoting.get(previous.index, Quoting()).frame
    for index in (previous.index, source):
        said = parsed.get(index) if index is not None else None
        # A hedge word ("may", "reportedly") is not a source to go on reporting.
        if said is not None and hedge_reach(said)[1]:
            return detect_hedging(said.text, said)
    return None


def _past_perfect(doc: Doc) -> bool:
    """Whether the sentence's main verb is in the past perfect: "had been agreed"."""
    root = next((token for token in doc if token.dep_ == "ROOT"), None)
    return (
        root is not None
        and root.tag_ == "VBN"
        and any(child.dep_ == "aux" and child.lower_ == "had" for child in root.children)
    )


def _with_carried(own: Hedging, carried: Hedging | None) -> Hedging:
    """A claim's own hedging plus the attribution its neighbouring sentence gives it."""
    if carried is None or not carried.hedged:
        return own
    return Hedging(
        hedged=True,
        cues=tuple(dict.fromkeys((*own.cues, *carried.cues))),
        # "A group claimed the attack, according to X": X passes on the group's act.
        attributed_to=(
            carried.attributed_to
            if carried.attributed_to and own.attributed_to in own.actors
            else own.attributed_to or carried.attributed_to
        ),
        sources=tuple(dict.fromkeys((*own.sources, *carried.sources))),
        actors=tuple(a for a in own.actors if a not in carried.sources),
    )
