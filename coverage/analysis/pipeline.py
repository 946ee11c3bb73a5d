"""The analysis pipeline: articles in, a claim-by-outlet matrix out.

Steps: split sentences, find claims (with their hedging), embed, align claims across
articles into assertion rows, then decide every (row, article) cell. An article with
a claim in the row agrees; for the others, a cheap cosine pre-filter marks most
cells silent, and only plausible pairs go to the stance classifier and the
contradiction rules (negation, denial, a different number for the same quantity).
Every model is loaded once per process, every sentence parsed once and every
distinct text embedded once, which keeps 50 articles within a minute on 2 cores.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from coverage.analysis.align import AlignedRow, ArticleClaim, align_claims
from coverage.analysis.claims import PIPE_BATCH_SIZE, Claim, find_claims, is_candidate
from coverage.analysis.embeddings import CachingEncoder, get_embedder
from coverage.analysis.errors import AnalysisError, ModelNotInstalled
from coverage.analysis.hedging import Hedging
from coverage.analysis.nlp import DEFAULT_MODEL, get_nlp
from coverage.analysis.restatements import align_to_fixed_rows, merge_restatements
from coverage.analysis.segment import Sentence, is_boilerplate, split_sentences
from coverage.analysis.stance import StancePrediction, predict_stances

STEPS = (
    "Splitting sentences",
    "Finding claims",
    "Detecting hedging",
    "Embedding claims",
    "Aligning across outlets",
    "Classifying stances",
)

AGREE = "agree"
CONTRADICT = "contradict"
SILENT = "silent"

ProgressCallback = Callable[[str, float], None]

# The classifier reads only an article's sentences closest to the row: embedding every
# sentence of 50 articles would cost more than the rest of the pipeline together.
STANCE_CONTEXT = 6


@dataclass(frozen=True)
class PipelineConfig:
    """Model locations and the thresholds the matrix depends on.

    Similarities are cosines of MiniLM vectors: paraphrases of one fact score about
    0.6-0.9, sentences on the same topic but another fact 0.3-0.6.
    """

    spacy_model: str = DEFAULT_MODEL
    embedding_model_path: str | None = None
    embedding_tokenizer_path: str | None = None
    stance_weights_path: str | None = None
    # Claims from different articles at least this similar (on average) share a row.
    cluster_threshold: float = 0.6
    # Below this best-sentence similarity an article is silent without asking the classifier.
    silent_below: float = 0.45
    # An article without its own claim in a row agrees only through a sentence this close.
    agree_above: float = 0.58
    # Negation and number rules fire only on a sentence at least this close to the row.
    contradict_above: float = 0.55
    max_words_per_article: int = 50_000
    max_assertions: int = 150


@dataclass(frozen=True)
class ArticleInput:
    key: str
    outlet: str
    title: str
    text: str


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
    report = progress or (lambda step, fraction: None)
    _validate(articles)
    warnings: list[str] = []

    report(STEPS[0], 0.0)
    working = [_prepare(article, config, warnings) for article in articles]

    # Parsing is the slow part of finding claims; splitting clauses and reading their
    # hedging from the parse is quick, so it is reported as its own step.
    report(STEPS[1], 1 / 6)
    nlp = get_nlp(config.spacy_model)
    candidates = [
        [s for s in item.evidence_pool if is_candidate(s.text, title=item.source.title)]
        for item in working
    ]
    distinct_texts = list(dict.fromkeys(s.text for group in candidates for s in group))
    docs = dict(
        zip(distinct_texts, nlp.pipe(distinct_texts, batch_size=PIPE_BATCH_SIZE), strict=True)
    )

    report(STEPS[2], 2 / 6)
    for item, group in zip(working, candidates, strict=True):
        item.claims = find_claims(group, [docs[s.text] for s in group], context=item.evidence_pool)
        if item.text.strip() and not item.claims:
            warnings.append(f"No checkable claims found in article {_name(item)}.")

    report(STEPS[3], 3 / 6)
    embedder = get_embedder(config.embedding_model_path, config.embedding_tokenizer_path)
    encoder = CachingEncoder(embedder)
    flat = [ArticleClaim(a, claim) for a, item in enumerate(working) for claim in item.claims]
    claim_vectors = encoder.encode([item.claim.core for item in flat])

    report(STEPS[4], 4 / 6)
    rows = align_claims(flat, claim_vectors, threshold=config.cluster_threshold)
    rows = merge_restatements(rows, flat, claim_vectors)
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
    )

    report(STEPS[5], 5 / 6)
    assertions = _decide_cells(working, flat, rows + fixed, encoder, config, warnings)
    for position, row in enumerate(fixed_rows, start=len(rows)):
        assertions[position] = replace(assertions[position], fixed_key=row.key)
    report(STEPS[5], 1.0)
    return AnalysisResult(assertions=tuple(assertions), warnings=tuple(warnings))


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


@dataclass(frozen=True)
class _Evidence:
    """Something an article says that a row can be matched against: a claim or a sentence."""

    text: str
    sentence: Sentence
    hedging: Hedging


@dataclass(frozen=True)
class _Candidate:
    """A (row, article) pair that the pre-filter could not settle as silent."""

    row: int
    article: int
    evidence: _Evidence
    similarity: float
    # The article's sentences closest to the row, in article order, for the classifier.
    context: tuple[str, ...]


def _evidence_pool(item: _Article) -> list[_Evidence]:
    """What a row can be matched against in an article: its claims, by their core wording.

    Sentences that are not claims stay out: "This triggered a diplomatic crisis." is
    close to many rows but confirms none of them.
    """
    by_index = {sentence.index: sentence for sentence in item.evidence_pool}
    return [
        _Evidence(claim.core, by_index[claim.sentence_index], claim.hedging)
        for claim in item.claims
    ]


def _by_index(sentence: Sentence) -> int:
    return sentence.index


def _decide_cells(
    working: list[_Article],
    flat: list[ArticleClaim],
    rows: list[AlignedRow],
    encoder: CachingEncoder,
    config: PipelineConfig,
    warnings: list[str],
) -> list[AssertionResult]:
    cells: dict[tuple[int, int], CellResult] = {}
    pools = [_evidence_pool(item) for item in working]
    pool_vectors = [encoder.encode([evidence.text for evidence in pool]) for pool in pools]
    candidates: list[_Candidate] = []
    for row_number, row in enumerate(rows):
        # A row people made that no claim restates is matched by its own wording.
        member_vectors = encoder.encode(
            [flat[index].claim.core for index in row.members] or [row.text]
        )
        centre = member_vectors.mean(axis=0)
        for position, index in enumerate(row.members):
            claim = flat[index].claim
            # Paraphrases cluster even when their figures differ: "40 workers" vs "120 workers".
            disagrees = index != row.canonical and (
                index in row.conflicting or contradicts(row.text, claim.core)
            )
            cells[(row_number, flat[index].article)] = _own_claim_cell(
                working[flat[index].article],
                claim,
                float(member_vectors[position] @ centre / max(np.linalg.norm(centre), 1e-12)),
                label=CONTRADICT if disagrees else AGREE,
            )
        for article, item in enumerate(working):
            if (row_number, article) in cells:
                continue
            if not pools[article]:
                cells[(row_number, article)] = _silent(item, 1.0)
                continue
            similarity = (pool_vectors[article] @ member_vectors.T).max(axis=1)
            best = int(np.argmax(similarity))
            if similarity[best] < config.silent_below:
                cells[(row_number, article)] = _silent(item, 1.0 - float(similarity[best]))
            else:
                closest = np.argsort(-similarity, kind="stable")[:STANCE_CONTEXT]
                sentences = sorted({pools[article][i].sentence for i in closest}, key=_by_index)
                candidates.append(
                    _Candidate(
                        row_number,
                        article,
                        pools[article][best],
                        float(similarity[best]),
                        tuple(sentence.text for sentence in sentences),
                    )
                )

    predictions = _classify(candidates, rows, encoder, config, warnings)
    for candidate, prediction in zip(candidates, predictions, strict=True):
        cells[(candidate.row, candidate.article)] = _classified_cell(
            candidate, prediction, rows[candidate.row].text, working[candidate.article], config
        )
    return [
        AssertionResult(
            text=row.text,
            position=position,
            cells=tuple(cells[(position, article)] for article in range(len(working))),
        )
        for position, row in enumerate(rows)
    ]


def _classify(
    candidates: list[_Candidate],
    rows: list[AlignedRow],
    encoder: CachingEncoder,
    config: PipelineConfig,
    warnings: list[str],
) -> list[StancePrediction | None]:
    """Stance predictions for the candidate pairs, in one batch; None if the model is missing."""
    if not candidates:
        return []
    pairs = [(rows[c.row].text, list(c.context)) for c in candidates]
    try:
        return list(
            predict_stances(pairs, embedder=encoder, weights_path=config.stance_weights_path)
        )
    except ModelNotInstalled as error:
        warnings.append(f"{error} Cells were decided by similarity rules only.")
        return [None] * len(candidates)


def _own_claim_cell(item: _Article, claim: Claim, confidence: float, *, label: str) -> CellResult:
    return CellResult(
        article_key=item.source.key,
        label=label,
        hedged=claim.hedged,
        evidence_start=claim.sentence_start,
        evidence_end=claim.sentence_end,
        evidence_text=item.text[claim.sentence_start : claim.sentence_end],
        confidence=round(min(max(confidence, 0.0), 1.0), 4),
        attributed_to=claim.attributed_to,
        cues=claim.cues,
    )


def _silent(item: _Article, confidence: float) -> CellResult:
    return CellResult(
        article_key=item.source.key,
        label=SILENT,
        hedged=False,
        evidence_start=None,
        evidence_end=None,
        evidence_text=None,
        confidence=round(min(max(confidence, 0.0), 1.0), 4),
        attributed_to=None,
        cues=(),
    )


def _classified_cell(
    candidate: _Candidate,
    prediction: StancePrediction | None,
    assertion: str,
    item: _Article,
    config: PipelineConfig,
) -> CellResult:
    """Agree, contradict or silent for an article that has no claim of its own in the row."""
    evidence = candidate.evidence
    label = prediction.label if prediction is not None else None
    if label == "unrelated":
        return _silent(item, prediction.confidence)
    if candidate.similarity >= config.contradict_above and (
        label == "disagree" or contradicts(assertion, evidence.sentence.text)
    ):
        verdict = CONTRADICT
    elif (
        candidate.similarity >= config.agree_above
        and label in {None, "agree", "discuss"}
        and gives_its_numbers(assertion, evidence.sentence.text)
    ):
        verdict = AGREE
    else:
        return _silent(item, prediction.confidence if prediction else 1 - candidate.similarity)
    confidence = candidate.similarity
    if prediction is not None:
        confidence = (confidence + prediction.confidence) / 2
    return CellResult(
        article_key=item.source.key,
        label=verdict,
        hedged=evidence.hedging.hedged,
        evidence_start=evidence.sentence.start,
        evidence_end=evidence.sentence.end,
        evidence_text=evidence.sentence.text,
        confidence=round(confidence, 4),
        attributed_to=evidence.hedging.attributed_to,
        cues=evidence.hedging.cues,
    )


def gives_its_numbers(assertion: str, sentence: str) -> bool:
    """An article confirms "250 specialists arrived" only if it gives the 250 too."""
    stated = {value for value, _ in _quantities(sentence)}
    return all(value in stated for value, _ in _quantities(assertion))


_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nobody|denied|denies|deny|denying|rejected|refuted|dismissed|"
    r"false|untrue|baseless|fabricated)\b|n['’]t\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(r"\b(\d[\d,.]*)((?:\s+[A-Za-z-]+){1,3})")
_NOT_COUNTED = frozenset({"from", "of", "the", "and", "in", "to", "for", "over", "about", "than"})


def contradicts(assertion: str, sentence: str) -> bool:
    """A sentence close to the assertion that negates it or gives another number for it.

    "Officials denied that 250 specialists arrived" and "400 specialists arrived" both
    contradict "250 specialists arrived"; "no attacks were reported" contradicts
    "attacks were reported" only when the assertion itself is not negated.
    """
    if _NEGATION.search(sentence) and not _NEGATION.search(assertion):
        return True
    claimed = _quantities(assertion)
    return any(
        words & other_words and value not in {v for v, w in claimed if w & words}
        for value, words in _quantities(sentence)
        for _, other_words in claimed
    )


def _quantities(text: str) -> list[tuple[str, frozenset[str]]]:
    """Numbers with the words they count: "250 military experts" -> ("250", {military, expert})."""
    found = []
    for match in _QUANTITY.finditer(text):
        words = frozenset(
            word.lower().removesuffix("s")
            for word in match.group(2).split()
            if word.lower() not in _NOT_COUNTED
        )
        found.append((match.group(1).rstrip(".,").replace(",", ""), words))
    return found
