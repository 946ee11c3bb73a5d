"""Stance of an article toward a claim: agree, discuss, disagree or unrelated (FNC-1 labels).

Why this design: a cross-encoder would be more accurate but too slow on a 2-core laptop,
so every sentence is embedded once with MiniLM (identical texts deduplicated across the
whole batch), and a small MLP reads hand-built features of each (claim, article) pair:
how close the claim is to its best-matching sentences (embeddings, TF-IDF, word overlap),
which refuting, hedging and confirming cue words sit in those sentences and in the whole
article, and dense claim x evidence interactions. The MLP's weights were trained offline
by scripts/train_stance.py and are stored as plain arrays (.npz, no pickle), so inference
is pure numpy plus the embedder. No Django imports: callers pass plain data.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coverage.analysis.embeddings import EMBEDDING_DIM, TextEncoder, get_embedder
from coverage.analysis.errors import ModelNotInstalled

LABELS = ("agree", "discuss", "disagree", "unrelated")
DEFAULT_WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "stance_model.npz"

# How many of the best-matching sentences count as "the evidence" for cue features.
EVIDENCE_SENTENCES = 3
# Sharpness of the softmax that turns a sentence's relevance (embedding cosine + TF-IDF
# cosine, so 0..2) into its weight as evidence.
EVIDENCE_TEMPERATURE = 0.1

_TOKEN = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without)\b|n['’]t\b")

# fmt: off
_STOPWORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
    "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may",
    "might", "must", "this", "that", "these", "those", "it", "its", "he", "she",
    "they", "them", "his", "her", "their", "we", "you", "i", "me", "my", "our", "your",
    "us", "who", "whom", "which", "what", "when", "where", "why", "how", "all", "any",
    "both", "each", "few", "more", "most", "other", "some", "such", "than", "too", "very",
    "s", "t", "just", "also", "about", "into", "over", "after", "before", "up", "down",
    "out", "off", "again", "further", "then", "once", "here", "there", "so", "only", "own",
    "same", "not", "no", "nor", "says", "said", "say", "new"
})

# Cue words, grouped. Each cue becomes its own feature, so the classifier learns its weight.
# Single words match whole tokens; entries with a space match as phrases.
REFUTING_CUES = (
    "fake", "hoax", "false", "falsely", "deny", "denied", "denies", "denial", "debunk",
    "debunked", "refute", "refuted", "untrue", "not true", "no evidence", "myth", "satire",
    "satirical", "prank", "misleading", "dismissed", "baseless", "fabricated", "doctored",
    "photoshopped", "spoof", "bogus", "retracted", "not real", "no truth", "never happened",
    "made up", "scam", "wrong", "incorrect", "contrary", "rejected", "nonsense", "pranksters",
)
HEDGING_CUES = (
    "reportedly", "allegedly", "alleged", "claim", "claims", "claimed", "according to",
    "report", "reports", "reported", "unconfirmed", "rumor", "rumors", "rumour", "rumours",
    "apparently", "purportedly", "supposedly", "may", "might", "could", "possibly", "suggest",
    "suggests", "believed", "appears", "unverified", "sources", "speculation", "if true",
    "would", "not yet", "unclear", "investigating", "whether",
)
CONFIRMING_CUES = (
    "confirmed", "confirms", "announced", "officially", "official", "revealed", "verified",
    "proof", "indeed", "actually", "true", "real", "genuine", "statement", "told",
)
# fmt: on
ALL_CUES = REFUTING_CUES + HEDGING_CUES + CONFIRMING_CUES
_CUE_GROUPS = {
    "refuting": np.array([cue in REFUTING_CUES for cue in ALL_CUES]),
    "hedging": np.array([cue in HEDGING_CUES for cue in ALL_CUES]),
    "confirming": np.array([cue in CONFIRMING_CUES for cue in ALL_CUES]),
}


@dataclass(frozen=True)
class StancePrediction:
    """The stance of one article toward one claim."""

    label: str  # "agree" | "discuss" | "disagree" | "unrelated" (FNC labels)
    probabilities: dict[str, float]
    evidence_index: int | None  # best evidence sentence; None when unrelated
    confidence: float  # 0..1, the probability of the chosen label


@dataclass(frozen=True)
class _TextFacts:
    """Lexical facts about one text, computed once per unique text in a batch."""

    content_tokens: tuple[str, ...]
    token_set: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    negated: bool
    question: bool
    cues: np.ndarray  # bool per entry of ALL_CUES


def _analyse_text(text: str) -> _TextFacts:
    lowered = text.lower().replace("’", "'")
    tokens = _TOKEN.findall(lowered)
    token_set = frozenset(tokens)
    padded = f" {' '.join(tokens)} "
    cues = np.array(
        [(f" {cue} " in padded) if " " in cue else (cue in token_set) for cue in ALL_CUES]
    )
    content = tuple(token for token in tokens if token not in _STOPWORDS and len(token) > 1)
    return _TextFacts(
        content_tokens=content,
        token_set=frozenset(content),
        bigrams=frozenset(zip(content, content[1:], strict=False)),
        numbers=frozenset(number.replace(",", "") for number in _NUMBER.findall(lowered)),
        negated=bool(_NEGATION.search(lowered)),
        question=lowered.rstrip().endswith("?"),
        cues=cues,
    )


def content_tokens(text: str) -> tuple[str, ...]:
    """Lowercased words of text without stopwords: the vocabulary the IDF table is built on."""
    return _analyse_text(text).content_tokens


class StanceModel:
    """The exported MLP, its calibration (logit offsets, temperature) and its IDF table."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise ModelNotInstalled(
                f"Stance weights not found at {path}. They are committed with the code; "
                "regenerate them with `python scripts/train_stance.py --data ../shared/data "
                "--out coverage/analysis/data/stance_model.npz`."
            )
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        stored_names = tuple(arrays["feature_names"].tolist())
        if stored_names != feature_names():
            raise ModelNotInstalled(
                f"Stance weights at {path} were trained for different features; retrain them "
                "with scripts/train_stance.py."
            )
        self.labels = tuple(arrays["labels"].tolist())
        self.feature_mean = arrays["feature_mean"].astype(np.float32)
        self.feature_scale = arrays["feature_scale"].astype(np.float32)
        layer_count = int(arrays["layer_count"])
        self.weights = [arrays[f"weight_{i}"].astype(np.float32) for i in range(layer_count)]
        self.biases = [arrays[f"bias_{i}"].astype(np.float32) for i in range(layer_count)]
        self.logit_offsets = arrays["logit_offsets"].astype(np.float32)
        self.temperature = float(arrays["temperature"])
        self.idf = dict(
            zip(arrays["idf_vocab"].tolist(), arrays["idf_values"].tolist(), strict=True)
        )
        self.default_idf = float(arrays["default_idf"])

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Calibrated class probabilities (columns in self.labels order) for raw feature rows."""
        hidden = (features - self.feature_mean) / self.feature_scale
        for weight, bias in zip(self.weights[:-1], self.biases[:-1], strict=True):
            hidden = np.maximum(hidden @ weight + bias, 0.0)
        logits = (
            hidden @ self.weights[-1] + self.biases[-1] + self.logit_offsets
        ) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exponentials = np.exp(logits)
        return exponentials / exponentials.sum(axis=1, keepdims=True)


_models: dict[str, StanceModel] = {}
_models_lock = threading.Lock()


def load_stance_model(path: str | Path | None = None) -> StanceModel:
    """The process-wide StanceModel for this weights file (loaded once)."""
    weights_file = Path(path) if path else DEFAULT_WEIGHTS_PATH
    key = str(weights_file.resolve())
    with _models_lock:
        if key not in _models:
            _models[key] = StanceModel(weights_file)
        return _models[key]


def feature_names() -> tuple[str, ...]:
    """Names of the MLP inputs, in order; stored with the weights to catch mismatches."""
    scalar = [
        "sim_max",
        "sim_second",
        "sim_top3_mean",
        "sim_mean",
        "sim_std",
        "sim_first",
        "sim_lead3_max",
        "sim_body_mean",
        "share_sim_above_05",
        "share_sim_above_03",
        "log_sentences",
        "claim_found_in_body",
        "claim_idf_found_in_body",
        "claim_found_in_evidence",
        "claim_best_sentence_overlap",
        "bigrams_found_in_body",
        "tfidf_body",
        "tfidf_best_sentence",
        "tfidf_evidence",
        "claim_numbers",
        "claim_numbers_found",
        "claim_negated",
        "evidence_negated",
        "body_negation_share",
        "claim_question",
        "log_claim_tokens",
    ]
    for group in _CUE_GROUPS:
        scalar += [f"{group}_claim", f"{group}_evidence", f"{group}_body"]
    cues = [f"cue_evidence:{cue}" for cue in ALL_CUES] + [f"cue_body:{cue}" for cue in ALL_CUES]
    dense = [
        f"{part}_{i}"
        for part in ("claim_x_evidence", "absdiff_evidence", "body_mean")
        for i in range(EMBEDDING_DIM)
    ]
    return tuple(scalar + cues + dense)


def _tfidf(tokens: Sequence[str], idf: dict[str, float], default_idf: float) -> dict[str, float]:
    counts = Counter(tokens)
    weights = {
        token: (1 + math.log(count)) * idf.get(token, default_idf)
        for token, count in counts.items()
    }
    norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
    return {token: value / norm for token, value in weights.items()}


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(value * right.get(token, 0.0) for token, value in left.items())


def pair_features(
    claim_vector: np.ndarray,
    sentence_vectors: np.ndarray,
    claim: _TextFacts,
    sentences: Sequence[_TextFacts],
    claim_tfidf: dict[str, float],
    sentence_tfidfs: Sequence[dict[str, float]],
    model_idf: dict[str, float],
    default_idf: float,
) -> tuple[np.ndarray, int]:
    """Feature vector for one (claim, article) pair and the index of the best evidence sentence.

    Evidence sentences are ranked by embedding similarity plus TF-IDF similarity, because
    MiniLM alone misses exact names and numbers while word overlap alone misses paraphrase.
    """
    count = len(sentences)
    if count == 0:
        sentence_vectors = np.zeros((1, EMBEDDING_DIM), dtype=np.float32)
        sentences = [_analyse_text("")]
        sentence_tfidfs = [{}]
        count = 1
    similarities = sentence_vectors @ claim_vector
    tfidf_by_sentence = np.array(
        [_cosine(claim_tfidf, weights) for weights in sentence_tfidfs], dtype=np.float32
    )
    ranking = similarities + tfidf_by_sentence
    order = np.argsort(-ranking)
    best = int(order[0])
    evidence = order[:EVIDENCE_SENTENCES]
    attention = np.exp((ranking - ranking.max()) / EVIDENCE_TEMPERATURE)
    attention /= attention.sum()

    sorted_similarities = np.sort(similarities)[::-1]
    body_mean = sentence_vectors.mean(axis=0)
    body_mean_unit = body_mean / max(float(np.linalg.norm(body_mean)), 1e-12)
    body_tokens = frozenset().union(*(facts.token_set for facts in sentences))
    body_bigrams = frozenset().union(*(facts.bigrams for facts in sentences))
    body_numbers = frozenset().union(*(facts.numbers for facts in sentences))
    evidence_tokens = frozenset().union(*(sentences[i].token_set for i in evidence))
    claim_tokens = claim.token_set
    claim_idf_total = sum(model_idf.get(token, default_idf) for token in claim_tokens) or 1.0
    body_tfidf = _tfidf(
        [token for facts in sentences for token in facts.content_tokens], model_idf, default_idf
    )
    evidence_tfidf = _tfidf(
        [token for i in evidence for token in sentences[i].content_tokens], model_idf, default_idf
    )
    cue_matrix = np.stack([facts.cues for facts in sentences]).astype(np.float32)
    cues_in_evidence = attention @ cue_matrix
    cues_in_body = cue_matrix.mean(axis=0)
    negated = np.array([facts.negated for facts in sentences], dtype=np.float32)

    def share(found: frozenset, wanted: frozenset) -> float:
        return len(found & wanted) / len(wanted) if wanted else 0.0

    scalar = [
        sorted_similarities[0],
        sorted_similarities[1] if count > 1 else sorted_similarities[0],
        sorted_similarities[:3].mean(),
        similarities.mean(),
        similarities.std(),
        similarities[0],
        similarities[:3].max(),
        float(body_mean_unit @ claim_vector),
        float((similarities > 0.5).mean()),
        float((similarities > 0.3).mean()),
        math.log(count),
        share(body_tokens, claim_tokens),
        sum(model_idf.get(token, default_idf) for token in claim_tokens & body_tokens)
        / claim_idf_total,
        share(evidence_tokens, claim_tokens),
        max(share(facts.token_set, claim_tokens) for facts in sentences),
        share(body_bigrams, claim.bigrams),
        _cosine(claim_tfidf, body_tfidf),
        tfidf_by_sentence.max(),
        _cosine(claim_tfidf, evidence_tfidf),
        float(bool(claim.numbers)),
        share(body_numbers, claim.numbers),
        float(claim.negated),
        float(attention @ negated),
        float(negated.mean()),
        float(claim.question),
        math.log1p(len(claim.content_tokens)),
    ]
    for mask in _CUE_GROUPS.values():
        scalar += [
            float(claim.cues[mask].any()),
            float(cues_in_evidence[mask].sum()),
            float(cues_in_body[mask].sum()),
        ]
    evidence_vector = attention @ sentence_vectors
    dense = np.concatenate(
        [claim_vector * evidence_vector, np.abs(claim_vector - evidence_vector), body_mean]
    )
    features = np.concatenate(
        [np.array(scalar, dtype=np.float32), cues_in_evidence, cues_in_body, dense]
    )
    return features.astype(np.float32), best


def build_features(
    pairs: Sequence[tuple[str, Sequence[str]]],
    embedder: TextEncoder,
    idf: dict[str, float],
    default_idf: float,
) -> tuple[np.ndarray, list[int]]:
    """Features for many pairs, embedding and analysing each distinct text only once."""
    unique_texts = list(
        dict.fromkeys(text for claim, sentences in pairs for text in (claim, *sentences))
    )
    vectors = embedder.encode(unique_texts)
    row_of = {text: row for row, text in enumerate(unique_texts)}
    facts = {text: _analyse_text(text) for text in unique_texts}
    tfidf_of = {
        text: _tfidf(text_facts.content_tokens, idf, default_idf)
        for text, text_facts in facts.items()
    }
    rows: list[np.ndarray] = []
    evidence: list[int] = []
    for claim, sentences in pairs:
        sentence_rows = [row_of[text] for text in sentences]
        features, best = pair_features(
            vectors[row_of[claim]],
            vectors[sentence_rows] if sentence_rows else np.zeros((0, EMBEDDING_DIM), np.float32),
            facts[claim],
            [facts[text] for text in sentences],
            tfidf_of[claim],
            [tfidf_of[text] for text in sentences],
            idf,
            default_idf,
        )
        rows.append(features)
        evidence.append(best)
    matrix = np.stack(rows) if rows else np.zeros((0, len(feature_names())), np.float32)
    return matrix, evidence


def predict_stances(
    pairs: Sequence[tuple[str, Sequence[str]]],
    *,
    embedder: TextEncoder | None = None,
    weights_path: str | Path | None = None,
) -> list[StancePrediction]:
    """Stance of each article (its sentence texts) toward its claim, in input order."""
    if not pairs:
        return []
    model = load_stance_model(weights_path)
    features, evidence = build_features(
        pairs, embedder or get_embedder(), model.idf, model.default_idf
    )
    probabilities = model.predict_proba(features)
    predictions = []
    for row, (_claim, sentences) in enumerate(pairs):
        label_index = int(probabilities[row].argmax())
        label = model.labels[label_index]
        predictions.append(
            StancePrediction(
                label=label,
                probabilities={
                    name: float(p) for name, p in zip(model.labels, probabilities[row], strict=True)
                },
                evidence_index=None if label == "unrelated" or not sentences else evidence[row],
                confidence=float(probabilities[row, label_index]),
            )
        )
    return predictions
