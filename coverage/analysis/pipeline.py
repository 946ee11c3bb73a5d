"""The analysis pipeline: articles in, a claim-by-outlet matrix out.

Steps: split sentences, find claims (with their hedging), embed, align claims across
articles into assertion rows, then decide every (row, article) cell with
coverage.analysis.cells (the decision the `stance` command uses too): an article with
a claim in the row agrees unless its figures, date, place, agent or polarity conflict
with the row's; the others are read for a sentence that states or denies the claim,
and each cell says why in words.
Every model is loaded once per process, every sentence parsed once and every
distinct text embedded once, which keeps 50 articles within a minute on 2 cores.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from coverage.analysis.align import AlignedRow, ArticleClaim, align_claims, canonical_wording
from coverage.analysis.cells import (
    AGREE,
    CONTRADICT,
    CellConfig,
    CellDecision,
    compare_statements,
    decide_cell,
    texts_to_read,
)
from coverage.analysis.cells.majority import majority_version
from coverage.analysis.cells.parses import Parses, cached_hedging, parse_run
from coverage.analysis.claims import Claim, find_claims, is_candidate
from coverage.analysis.embeddings import CachingEncoder, get_embedder
from coverage.analysis.errors import AnalysisError
from coverage.analysis.hedging import Hedging, cites_only_itself, names_the_outlet
from coverage.analysis.names import ParsedSentence
from coverage.analysis.nlp import DEFAULT_MODEL
from coverage.analysis.nonclaims import speaks_of_itself
from coverage.analysis.restatements import (
    PeopleGroups,
    align_to_fixed_rows,
    merge_restatements,
    restated_in_cells,
    slot_reader,
)
from coverage.analysis.rewrites import rendered_claims
from coverage.analysis.segment import Sentence, is_boilerplate, split_sentences
from coverage.analysis.slots.lexicon import GENERIC_KEYS, noun_key
from coverage.analysis.wording import group_labels

STEPS = (
    "Splitting sentences",
    "Finding claims",
    "Detecting hedging",
    "Embedding claims",
    "Aligning across outlets",
    "Classifying stances",
)


ProgressCallback = Callable[[str, float], None]


@dataclass(frozen=True)
class PipelineConfig:
    """Model locations and the thresholds the matrix depends on.

    Similarities are cosines of MiniLM vectors: paraphrases of one fact score about
    0.6-0.9, sentences on the same topic but another fact 0.3-0.6.
    """

    spacy_model: str = DEFAULT_MODEL
    embedding_model_path: str | None = None
    embedding_tokenizer_path: str | None = None
    # Claims from different articles at least this similar (on average) share a row.
    cluster_threshold: float = 0.6
    # How a cell is decided: coverage.analysis.cells, shared with the stance command.
    cells: CellConfig = field(default_factory=CellConfig)
    max_words_per_article: int = 50_000
    max_assertions: int = 150


@dataclass(frozen=True)
class ArticleInput:
    key: str
    outlet: str
    title: str
    text: str
    # The day the article came out, where its time zone puts it: "yesterday" and "on
    # Monday" in its text are read as the days they name from it.
    published: dt.date | None = None


@dataclass(frozen=True)
class CellResult:
    """One article's stance on one assertion.

    Evidence offsets locate the evidence sentence in the article text exactly as
    split_sentences(text) returns it.
    """

    article_key: str
    label: str  # "agree" | "contradict" | "silent"
    hedged: bool
    evidence_start: int | None
    evidence_end: int | None
    evidence_text: str | None
    confidence: float
    attributed_to: str | None
    cues: tuple[str, ...]
    # Why, in words: "12 injured vs at least 30 injured", "denies: '...'".
    reason: str = ""


@dataclass(frozen=True)
class FixedRow:
    """A row people made or edited: the analysis fills its cells but never rewords it.

    ``key`` identifies it to the caller (the stored row's id), as ArticleInput.key does
    an article.
    """

    key: str
    text: str


@dataclass(frozen=True)
class AssertionResult:
    text: str
    position: int
    cells: tuple[CellResult, ...]  # one per input article, in input order
    # The FixedRow this result fills, or None for a row of the analysis's own.
    fixed_key: str | None = None


@dataclass(frozen=True)
class AnalysisResult:
    assertions: tuple[AssertionResult, ...]
    warnings: tuple[str, ...]


@dataclass
class _Article:
    """Working state for one input article."""

    source: ArticleInput
    text: str
    evidence_pool: list[Sentence] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def analyse_articles(
    articles: Sequence[ArticleInput],
    *,
    fixed_rows: Sequence[FixedRow] = (),
    progress: ProgressCallback | None = None,
    config: PipelineConfig | None = None,
) -> AnalysisResult:
    """Build the assertion x article matrix for one event's articles.

    Claims that restate one of ``fixed_rows`` are aligned to it instead of making a row
    of their own, and every fixed row comes back with a cell per article (with its
    ``fixed_key``), after the analysis's own rows.
    """
    config = config or PipelineConfig()
    _validate(articles)
    # Every parse of the run, by the configured model, is dropped when the run ends.
    with parse_run(config.spacy_model) as parses:
        return _analyse(articles, fixed_rows, progress, config, parses)


def _analyse(
    articles: Sequence[ArticleInput],
    fixed_rows: Sequence[FixedRow],
    progress: ProgressCallback | None,
    config: PipelineConfig,
    parses: Parses,
) -> AnalysisResult:
    report = progress or (lambda step, fraction: None)
    warnings: list[str] = []

    report(STEPS[0], 0.0)
    working = [_prepare(article, config, warnings) for article in articles]
    parses.date_texts(
        {s.text: item.source.published for item in working for s in item.evidence_pool}
    )

    # Parsing is the slow part of finding claims; splitting clauses and reading their
    # hedging from the parse is quick, so it is reported as its own step.
    report(STEPS[1], 1 / 6)
    candidates = [
        [
            s
            for s in item.evidence_pool
            if is_candidate(s.text, title=item.source.title)
            and not speaks_of_itself(s.text, item.source.outlet)
        ]
        for item in working
    ]
    # Parsed once, in batches, and kept by the run for every later step that reads them.
    parses.parse_ahead([s.text for group in candidates for s in group])

    report(STEPS[2], 2 / 6)
    for item, group in zip(working, candidates, strict=True):
        docs = [parses.parse(s.text) for s in group]
        item.claims = find_claims(group, docs, context=item.evidence_pool)
        parses.date_texts({claim.core: item.source.published for claim in item.claims})
        if item.text.strip() and not item.claims:
            warnings.append(f"No checkable claims found in article {_name(item)}.")

    report(STEPS[3], 3 / 6)
    embedder = get_embedder(config.embedding_model_path, config.embedding_tokenizer_path)
    encoder = CachingEncoder(embedder)
    flat = [ArticleClaim(a, claim) for a, item in enumerate(working) for claim in item.claims]
    claim_vectors = encoder.encode([item.claim.core for item in flat])

    report(STEPS[4], 4 / 6)
    rows = align_claims(flat, claim_vectors, threshold=config.cluster_threshold)
    read_slots = slot_reader(parses)
    people_groups = _people_groups(candidates, parses, encoder)
    rows = merge_restatements(
        rows,
        flat,
        claim_vectors,
        read_slots=read_slots,
        encoder=encoder,
        people_groups=people_groups,
        rendered=rendered_claims(
            [item.text for item in working], flat, np.asarray(claim_vectors), encoder
        ),
    )
    if len(rows) > config.max_assertions:
        warnings.append(
            f"Found {len(rows)} assertions; showing the {config.max_assertions} carried by the "
            "most outlets."
        )
        rows = rows[: config.max_assertions]
    fixed, rows = align_to_fixed_rows(
        rows,
        flat,
        claim_vectors,
        [row.text for row in fixed_rows],
        encoder.encode([row.text for row in fixed_rows]),
        read_slots=read_slots,
    )

    report(STEPS[5], 5 / 6)
    assertions = _decide_cells(working, flat, rows + fixed, encoder, config, parses)
    assertions = _without_restated_rows(assertions, rows + fixed, flat, encoder, own_rows=len(rows))
    for position, row in enumerate(fixed_rows, start=len(assertions) - len(fixed_rows)):
        assertions[position] = replace(assertions[position], fixed_key=row.key)
    report(STEPS[5], 1.0)
    return AnalysisResult(assertions=tuple(assertions), warnings=tuple(warnings))


def _people_groups(
    candidates: list[list[Sentence]], parses: Parses, encoder: CachingEncoder
) -> PeopleGroups:
    """Which counted nouns name one group of people in the event, from the labels the
    wording layer joins into groups ("families" / "encroachers" / "interlopers") in the
    sentences that may state claims (parsed already); a noun in two groups names neither."""
    parsed = {
        article: [
            ParsedSentence(sentence.index, sentence.text, parses.parse(sentence.text))
            for sentence in group
        ]
        for article, group in enumerate(candidates)
    }
    groups_of: dict[str, set[int]] = defaultdict(set)
    for number, group in enumerate(group_labels(parsed, encoder=encoder)):
        for uses in group.labels.values():
            for use in uses:
                groups_of[noun_key(use.key.split()[-1])].add(number)
    # A noun for anyone ("people", "men") says nothing of which group it is.
    return {
        noun: min(groups)
        for noun, groups in groups_of.items()
        if len(groups) == 1 and noun not in GENERIC_KEYS
    }


def _without_restated_rows(
    assertions: list[AssertionResult],
    rows: list[AlignedRow],
    flat: list[ArticleClaim],
    encoder: CachingEncoder,
    *,
    own_rows: int,
) -> list[AssertionResult]:
    """The assertions less the analysis's rows whose every outlet a larger row's cells
    already quote, sentence for sentence (restatements.restated_in_cells)."""
    quoted = [
        {
            article: (cell.evidence_start, cell.evidence_end)
            for article, cell in enumerate(assertion.cells)
            if cell.label in {AGREE, CONTRADICT} and cell.evidence_start is not None
        }
        for assertion in assertions
    ]
    vectors = encoder.encode([assertion.text for assertion in assertions])
    dropped = restated_in_cells(rows, flat, quoted, vectors, own_rows=own_rows)
    kept = [assertion for index, assertion in enumerate(assertions) if index not in dropped]
    return [replace(assertion, position=position) for position, assertion in enumerate(kept)]


def _validate(articles: Sequence[ArticleInput]) -> None:
    if not articles:
        raise AnalysisError("There are no articles to analyse.")
    keys = [article.key for article in articles]
    if len(set(keys)) != len(keys):
        raise AnalysisError("Two articles have the same key; each article needs its own.")


def _name(item: _Article) -> str:
    return repr(item.source.title or item.source.key)


def _prepare(article: ArticleInput, config: PipelineConfig, warnings: list[str]) -> _Article:
    """Cap the length, flag empty or non-English text, and split into evidence sentences."""
    text = article.text or ""
    words = list(re.finditer(r"\S+", text))
    item = _Article(source=article, text=text)
    if len(words) > config.max_words_per_article:
        text = text[: words[config.max_words_per_article - 1].end()]
        item.text = text
        warnings.append(
            f"Article {_name(item)} has {len(words):,} words; only the first "
            f"{config.max_words_per_article:,} were analysed."
        )
    if not text.strip():
        warnings.append(f"Article {_name(item)} has no text; all its cells are silent.")
        return item
    if (reason := non_english_reason(text)) is not None:
        warnings.append(
            f"Article {_name(item)} looks non-English ({reason}); its cells may be unreliable."
        )
    item.evidence_pool = [s for s in split_sentences(text) if not is_boilerplate(s.text)]
    return item


_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "that",
        "this",
        "is",
        "are",
        "was",
        "were",
        "be",
        "has",
        "have",
        "had",
        "it",
        "its",
        "as",
        "not",
        "but",
        "which",
        "who",
        "he",
        "she",
        "they",
        "their",
        "said",
    ]
)


def non_english_reason(text: str) -> str | None:
    """Why ``text`` looks non-English, or None; a cheap check on letters and function words."""
    letters = [character for character in text if character.isalpha()]
    if len(letters) < 40:
        return None
    ascii_share = sum(character.isascii() for character in letters) / len(letters)
    if ascii_share < 0.8:
        return f"only {ascii_share:.0%} of its letters are Latin"
    words = re.findall(r"[a-z']+", text.lower())
    function_share = sum(word in _ENGLISH_FUNCTION_WORDS for word in words) / max(len(words), 1)
    if len(words) >= 20 and function_share < 0.12:
        return f"only {function_share:.0%} of its words are common English words"
    return None


def _decide_cells(
    working: list[_Article],
    flat: list[ArticleClaim],
    rows: list[AlignedRow],
    encoder: CachingEncoder,
    config: PipelineConfig,
    parses: Parses,
) -> list[AssertionResult]:
    """Every (row, article) cell, by the one decision in coverage.analysis.cells.

    An article with a claim in the row agrees through that claim unless its wording
    conflicts with the row's (a figure, date, place, agent or polarity); every other
    article is read sentence by sentence for a statement or denial of the row's claim.
    """
    cells: dict[tuple[int, int], CellResult] = {}
    rows = [_worded_after_majority(row, flat) for row in rows]
    # A row is worded after one outlet's claim, whose "yesterday" is that outlet's; a row
    # people made has no date to read one from.
    parses.date_texts(
        {
            row.text: working[flat[row.canonical].article].source.published
            for row in rows
            if row.canonical >= 0
        }
    )
    texts = [[sentence.text for sentence in item.evidence_pool] for item in working]
    known_hedging = [_claim_hedging(item) for item in working]
    # One call embeds every sentence in large batches, and one pass parses every text
    # the decisions will read; the decisions then reuse both.
    encoder.encode([text for group in texts for text in group])
    to_read = [row.text for row in rows]
    to_read += [flat[index].claim.core for row in rows for index in row.members]
    for row in rows:
        for group in texts:
            to_read += texts_to_read(row.text, group, encoder=encoder, config=config.cells)
    parses.parse_ahead(to_read)
    for row_number, row in enumerate(rows):
        # A row people made that no claim restates is matched by its own wording.
        member_vectors = encoder.encode(
            [flat[index].claim.core for index in row.members] or [row.text]
        )
        centre = member_vectors.mean(axis=0)
        centre = centre / max(float(np.linalg.norm(centre)), 1e-12)
        for position, index in enumerate(row.members):
            claim = flat[index].claim
            item = working[flat[index].article]
            if index == row.canonical:
                label, reason = AGREE, "states the row's claim"
            else:
                label, reason = compare_statements(row.text, claim.core, encoder)
                if index in row.conflicting and label != CONTRADICT:
                    label = CONTRADICT
                    reason = dict(row.conflict_reasons).get(
                        index, "states it with another figure or time"
                    )
            # How central the claim's wording is to the row: its confidence.
            centrality = float(member_vectors[position] @ centre)
            cells[(row_number, flat[index].article)] = _own_claim_cell(
                item, claim, centrality, label=label, reason=reason
            )
        for article, item in enumerate(working):
            if (row_number, article) in cells:
                continue
            decision = decide_cell(
                row.text,
                texts[article],
                encoder=encoder,
                hedging=known_hedging[article],
                config=config.cells,
            )
            cells[(row_number, article)] = _decided_cell(item, decision)
    return [
        AssertionResult(
            text=row.text,
            position=position,
            cells=tuple(cells[(position, article)] for article in range(len(working))),
        )
        for position, row in enumerate(rows)
    ]


def _worded_after_majority(row: AlignedRow, flat: list[ArticleClaim]) -> AlignedRow:
    """The row worded after the version of its claim most of its outlets give, or after
    the claim that its denials answer (majority_version); a row people made or edited (no
    canonical member) keeps its wording."""
    if row.canonical < 0 or len(row.members) < 2:
        return row
    against_lead = [index in row.conflicting for index in row.members]
    chosen = row.members[
        majority_version(
            [flat[index].claim.core for index in row.members],
            row.members.index(row.canonical),
            against_lead,
            [flat[index].claim.hedged for index in row.members],
        )
    ]
    if chosen == row.canonical:
        return row
    return replace(
        row,
        text=canonical_wording(flat[chosen].claim),
        canonical=chosen,
        # The merge found which members conflict with the old wording, so only the old
        # wording is known to conflict with one of those; the rest are read again.
        conflicting=frozenset({row.canonical} if chosen in row.conflicting else ()),
        conflict_reasons=(),
    )


def _claim_hedging(item: _Article) -> list[Hedging | None]:
    """Each evidence sentence's hedging as its claim read it, where it has a claim."""
    by_sentence: dict[int, Hedging] = {}
    for claim in item.claims:
        by_sentence.setdefault(claim.sentence_index, claim.hedging)
    return [by_sentence.get(sentence.index) for sentence in item.evidence_pool]


def _own_claim_cell(
    item: _Article, claim: Claim, confidence: float, *, label: str, reason: str
) -> CellResult:
    # "The Ledger counted 600 families" in the Ledger: the outlet vouches for it.
    hedging = claim.hedging
    if cites_only_itself(hedging, item.source.outlet):
        hedging = Hedging(hedged=False)
    return CellResult(
        article_key=item.source.key,
        label=label,
        hedged=hedging.hedged,
        evidence_start=claim.sentence_start,
        evidence_end=claim.sentence_end,
        evidence_text=item.text[claim.sentence_start : claim.sentence_end],
        confidence=round(min(max(confidence, 0.0), 1.0), 4),
        attributed_to=hedging.attributed_to,
        cues=hedging.cues,
        reason=reason,
    )


def _decided_cell(item: _Article, decision: CellDecision) -> CellResult:
    """A cell from the decision; two adjacent evidence sentences make one quoted span."""
    if not decision.evidence:
        return CellResult(
            article_key=item.source.key,
            label=decision.label,
            hedged=False,
            evidence_start=None,
            evidence_end=None,
            evidence_text=None,
            confidence=decision.confidence,
            attributed_to=None,
            cues=(),
            reason=decision.reason,
        )
    first = item.evidence_pool[decision.evidence[0]]
    last = item.evidence_pool[decision.evidence[-1]]
    evidence = item.text[first.start : last.end]
    if (
        decision.hedged
        and decision.attributed_to is not None
        and names_the_outlet(decision.attributed_to, item.source.outlet)
        and cites_only_itself(cached_hedging(evidence), item.source.outlet)
    ):
        decision = replace(decision, hedged=False, attributed_to=None, cues=())
    return CellResult(
        article_key=item.source.key,
        label=decision.label,
        hedged=decision.hedged,
        evidence_start=first.start,
        evidence_end=last.end,
        evidence_text=evidence,
        confidence=decision.confidence,
        attributed_to=decision.attributed_to,
        cues=decision.cues,
        reason=decision.reason,
    )
