"""Train the stance classifier and export its weights for pure-numpy inference.

Reproducible: fixed seed, FNC-1 split by Body ID (20% of bodies held out for validation),
Emergent added to training. Sentence embeddings are cached under .cache/stance/ so repeated
runs skip the ~3 minute embedding pass. scikit-learn is a training-time dependency only.

    .venv/bin/python scripts/train_stance.py --data ../shared/data \
        --out coverage/analysis/data/stance_model.npz
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.neural_network import MLPClassifier

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from coverage.analysis.embeddings import Embedder, get_embedder  # noqa: E402
from coverage.analysis.segment import split_sentences  # noqa: E402
from coverage.analysis.stance import (  # noqa: E402
    LABELS,
    build_features,
    content_tokens,
    feature_names,
)

SEED = 20240611
VALIDATION_BODY_FRACTION = 0.2
CACHE_DIR = REPO_ROOT / ".cache" / "stance"
EMERGENT_TO_FNC = {"for": "agree", "against": "disagree", "observing": "discuss"}
# (hidden layer sizes, L2 penalty) candidates, compared on held-out training bodies.
HYPERPARAMETER_GRID = (((128,), 1e-3), ((256,), 1e-2), ((128, 64), 1e-3))
TUNING_FOLDS = 5


@dataclass(frozen=True)
class Pair:
    """One training example: a claim, the article's sentences, the FNC label, a group id."""

    claim: str
    sentences: tuple[str, ...]
    label: str
    body_id: str


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed_with_cache(
    embedder: Embedder, texts: list[str], cache_file: Path
) -> dict[str, np.ndarray]:
    """Embed unique texts, reusing vectors saved by earlier runs (keyed by text sha1)."""
    cached: dict[str, np.ndarray] = {}
    if cache_file.exists():
        with np.load(cache_file, allow_pickle=False) as stored:
            cached = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    unique_texts = list(dict.fromkeys(texts))
    missing = [text for text in unique_texts if _text_key(text) not in cached]
    if missing:
        started = time.perf_counter()
        vectors = embedder.encode(missing)
        elapsed = time.perf_counter() - started
        print(f"embedded {len(missing)} texts in {elapsed:.0f}s ({len(missing) / elapsed:.0f}/s)")
        cached.update(zip((_text_key(text) for text in missing), vectors, strict=True))
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(cached), dtype="<U40")
        np.savez(cache_file, keys=keys, vectors=np.stack(list(cached.values())))
    return {text: cached[_text_key(text)] for text in unique_texts}


def load_fnc(data_dir: Path) -> tuple[list[Pair], dict[str, tuple[str, ...]]]:
    """FNC-1 pairs with each body split into sentences."""
    with open(data_dir / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {
            row["Body ID"]: tuple(s.text for s in split_sentences(row["articleBody"]))
            for row in csv.DictReader(handle)
        }
    with open(data_dir / "fnc1" / "train_stances.csv", encoding="utf-8", newline="") as handle:
        pairs = [
            Pair(row["Headline"], bodies[row["Body ID"]], row["Stance"], row["Body ID"])
            for row in csv.DictReader(handle)
        ]
    return pairs, bodies


def load_emergent(data_dir: Path) -> list[Pair]:
    """Emergent claim/headline pairs; the article headline stands in for a one-sentence body."""
    with open(data_dir / "emergent" / "train.csv", encoding="utf-8", newline="") as handle:
        return [
            Pair(
                row["claimHeadline"],
                (row["articleHeadline"],),
                EMERGENT_TO_FNC[row["articleHeadlineStance"]],
                f"emergent-{row['articleId']}",
            )
            for row in csv.DictReader(handle)
        ]


class CachedEncoder:
    """Serves precomputed vectors to build_features, which asks for texts to embed."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self._vectors = vectors

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vectors[text] for text in texts]).astype(np.float32)


def split_bodies(body_ids: list[str], fraction: float, seed: int) -> tuple[set[str], set[str]]:
    """Deterministic split of body ids into (kept, held out)."""
    shuffled = sorted(body_ids)
    np.random.default_rng(seed).shuffle(shuffled)
    held_out = int(round(len(shuffled) * fraction))
    return set(shuffled[held_out:]), set(shuffled[:held_out])


def compute_idf(documents: list[list[str]], min_df: int = 2) -> tuple[dict[str, float], float]:
    """Smoothed IDF over training documents; rare words share one default value."""
    document_frequency: Counter[str] = Counter()
    for tokens in documents:
        document_frequency.update(set(tokens))
    total = len(documents)
    idf = {
        token: math.log((1 + total) / (1 + df)) + 1
        for token, df in document_frequency.items()
        if df >= min_df
    }
    return idf, math.log((1 + total) / 2) + 1


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """FNC-1 relative score: weighted accuracy divided by the best achievable."""
    score = best = 0.0
    for truth, guess in zip(gold, predicted, strict=True):
        truth_related, guess_related = truth != "unrelated", guess != "unrelated"
        best += 0.25 + (0.75 if truth_related else 0.0)
        if truth_related == guess_related:
            score += 0.25
        if truth_related and truth == guess:
            score += 0.75
    return score / best


def class_f1(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Per-class F1 over the four FNC labels."""
    scores = {}
    for label in LABELS:
        true_positive = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        predicted_count = sum(p == label for p in predicted)
        gold_count = sum(g == label for g in gold)
        denominator = predicted_count + gold_count
        scores[label] = 2 * true_positive / denominator if denominator else 0.0
    return scores


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> np.ndarray:
    """Rows: gold label; columns: predicted label (LABELS order)."""
    matrix = np.zeros((len(LABELS), len(LABELS)), dtype=np.int64)
    for truth, guess in zip(gold, predicted, strict=True):
        matrix[LABELS.index(truth), LABELS.index(guess)] += 1
    return matrix


def combined_objective(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """What tuning maximises: the two validation targets, equally weighted."""
    return fnc_score(gold, predicted) + float(np.mean(list(class_f1(gold, predicted).values())))


def tune_logit_offsets(logits: np.ndarray, gold: Sequence[str]) -> np.ndarray:
    """Per-class additive logit offsets (coordinate search) that maximise the objective.

    Tuned on held-out training bodies only, never on the validation split.
    """
    offsets = np.zeros(len(LABELS), dtype=np.float32)
    grid = np.linspace(-2.0, 2.0, 21)

    def objective(candidate: np.ndarray) -> float:
        predicted = [LABELS[i] for i in (logits + candidate).argmax(axis=1)]
        return combined_objective(gold, predicted)

    best = objective(offsets)
    for _ in range(3):
        for column in range(len(LABELS) - 1):  # unrelated stays the reference at 0
            for value in grid:
                candidate = offsets.copy()
                candidate[column] = value
                score = objective(candidate)
                if score > best + 1e-6:
                    best, offsets = score, candidate
    return offsets


def train_mlp(
    features: np.ndarray, labels: Sequence[str], hidden: tuple[int, ...], alpha: float
) -> tuple[MLPClassifier, np.ndarray, np.ndarray]:
    """Standardise, then fit an MLP with class weights that soften the label imbalance."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale < 1e-6] = 1.0
    counts = Counter(labels)
    sample_weight = np.array([(len(labels) / counts[label]) ** 0.5 for label in labels])
    classifier = MLPClassifier(
        hidden_layer_sizes=hidden,
        alpha=alpha,
        batch_size=256,
        learning_rate_init=1e-3,
        max_iter=60,
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=6,
        random_state=SEED,
    )
    classifier.fit((features - mean) / scale, list(labels), sample_weight=sample_weight)
    return classifier, mean, scale


def probabilities_in_label_order(
    classifier: MLPClassifier, features: np.ndarray, mean: np.ndarray, scale: np.ndarray
) -> np.ndarray:
    columns = [list(classifier.classes_).index(label) for label in LABELS]
    return classifier.predict_proba((features - mean) / scale)[:, columns]


def report(name: str, gold: Sequence[str], predicted: Sequence[str]) -> None:
    per_class = class_f1(gold, predicted)
    print(f"\n== {name}: {len(gold)} pairs ==")
    print(f"FNC relative score: {fnc_score(gold, predicted):.4f}")
    print(f"macro-F1:           {np.mean(list(per_class.values())):.4f}")
    print("per-class F1:       " + ", ".join(f"{k} {v:.3f}" for k, v in per_class.items()))
    print("confusion (rows gold, cols predicted: " + " ".join(LABELS) + ")")
    print(confusion(gold, predicted))


def export(
    path: Path,
    classifier: MLPClassifier,
    mean: np.ndarray,
    scale: np.ndarray,
    offsets: np.ndarray,
    temperature: float,
    idf: dict[str, float],
    default_idf: float,
) -> None:
    """Write the model as plain arrays (loadable with allow_pickle=False)."""
    columns = [list(classifier.classes_).index(label) for label in LABELS]
    weights = [w.astype(np.float32) for w in classifier.coefs_]
    biases = [b.astype(np.float32) for b in classifier.intercepts_]
    weights[-1], biases[-1] = weights[-1][:, columns], biases[-1][columns]
    vocabulary = sorted(idf)
    arrays = {
        "labels": np.array(LABELS),
        "feature_names": np.array(feature_names()),
        "feature_mean": mean.astype(np.float32),
        "feature_scale": scale.astype(np.float32),
        "layer_count": np.array(len(weights)),
        "logit_offsets": offsets.astype(np.float32),
        "temperature": np.array(temperature, dtype=np.float32),
        "idf_vocab": np.array(vocabulary),
        "idf_values": np.array([idf[token] for token in vocabulary], dtype=np.float32),
        "default_idf": np.array(default_idf, dtype=np.float32),
    }
    for index, (weight, bias) in enumerate(zip(weights, biases, strict=True)):
        arrays[f"weight_{index}"] = weight.astype(np.float16)
        arrays[f"bias_{index}"] = bias
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)
    print(f"\nwrote {path} ({path.stat().st_size / 1e6:.2f} MB)")


def featurise(pairs: list[Pair], encoder: CachedEncoder, idf: dict[str, float], default_idf: float):
    started = time.perf_counter()
    features, _ = build_features([(p.claim, p.sentences) for p in pairs], encoder, idf, default_idf)
    print(f"features for {len(pairs)} pairs in {time.perf_counter() - started:.0f}s")
    return features, [p.label for p in pairs]


def out_of_fold_probabilities(
    features: np.ndarray,
    labels: Sequence[str],
    fold_of_row: np.ndarray,
    hidden: tuple[int, ...],
    alpha: float,
) -> np.ndarray:
    """Probabilities for rows with a fold (>= 0) from models that never saw that fold.

    Rows with fold -1 (Emergent) are always trained on and never scored.
    """
    probabilities = np.zeros((len(labels), len(LABELS)))
    for fold in range(TUNING_FOLDS):
        training_rows = fold_of_row != fold
        classifier, mean, scale = train_mlp(
            features[training_rows],
            [y for y, keep in zip(labels, training_rows, strict=True) if keep],
            hidden,
            alpha,
        )
        held_out = fold_of_row == fold
        probabilities[held_out] = probabilities_in_label_order(
            classifier, features[held_out], mean, scale
        )
    return probabilities


def fit_temperature(logits: np.ndarray, gold: Sequence[str]) -> float:
    """Softmax temperature minimising log-loss, so confidences mean what they say."""
    targets = np.array([LABELS.index(label) for label in gold])
    best_temperature, best_loss = 1.0, math.inf
    for temperature in np.linspace(0.5, 4.0, 36):
        scaled = logits / temperature
        scaled -= scaled.max(axis=1, keepdims=True)
        log_probabilities = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        loss = -float(log_probabilities[np.arange(len(targets)), targets].mean())
        if loss < best_loss:
            best_temperature, best_loss = float(temperature), loss
    return best_temperature


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="dir with fnc1/ and emergent/")
    parser.add_argument("--out", type=Path, required=True, help="where to write the .npz")
    args = parser.parse_args()

    fnc_pairs, bodies = load_fnc(args.data)
    emergent_pairs = load_emergent(args.data)
    train_bodies, validation_bodies = split_bodies(list(bodies), VALIDATION_BODY_FRACTION, SEED)
    train_pairs = [p for p in fnc_pairs if p.body_id in train_bodies] + emergent_pairs
    validation_pairs = [p for p in fnc_pairs if p.body_id in validation_bodies]
    print(
        f"FNC-1 bodies: {len(train_bodies)} train, {len(validation_bodies)} validation; pairs: "
        f"{len(train_pairs) - len(emergent_pairs)} FNC-1 + {len(emergent_pairs)} Emergent "
        f"train, {len(validation_pairs)} validation"
    )

    all_texts = [p.claim for p in fnc_pairs + emergent_pairs]
    all_texts += [s for p in emergent_pairs for s in p.sentences]
    all_texts += [s for sentences in bodies.values() for s in sentences]
    encoder = CachedEncoder(
        embed_with_cache(get_embedder(), all_texts, CACHE_DIR / "sentences.npz")
    )

    documents = [
        [t for s in bodies[body_id] for t in content_tokens(s)] for body_id in train_bodies
    ]
    documents += [list(content_tokens(claim)) for claim in {p.claim for p in train_pairs}]
    idf, default_idf = compute_idf(documents)

    train_x, train_y = featurise(train_pairs, encoder, idf, default_idf)
    validation_x, validation_y = featurise(validation_pairs, encoder, idf, default_idf)

    # Model selection, logit offsets and temperature come from out-of-fold predictions over
    # the training bodies; the validation split is only scored once, at the end.
    shuffled_bodies = sorted(train_bodies)
    np.random.default_rng(SEED + 1).shuffle(shuffled_bodies)
    fold_of_body = {body_id: i % TUNING_FOLDS for i, body_id in enumerate(shuffled_bodies)}
    fold_of_row = np.array([fold_of_body.get(p.body_id, -1) for p in train_pairs])
    scored = fold_of_row >= 0
    scored_y = [y for y, keep in zip(train_y, scored, strict=True) if keep]
    best: tuple[float, tuple[tuple[int, ...], float], np.ndarray, np.ndarray] | None = None
    for hidden, alpha in HYPERPARAMETER_GRID:
        probabilities = out_of_fold_probabilities(train_x, train_y, fold_of_row, hidden, alpha)
        logits = np.log(np.clip(probabilities[scored], 1e-9, None))
        offsets = tune_logit_offsets(logits, scored_y)
        predicted = [LABELS[i] for i in (logits + offsets).argmax(axis=1)]
        objective = combined_objective(scored_y, predicted)
        print(f"hidden={hidden} alpha={alpha}: out-of-fold objective {objective:.4f}")
        if best is None or objective > best[0]:
            best = (objective, (hidden, alpha), offsets, logits)
    assert best is not None
    _, (hidden, alpha), offsets, logits = best
    temperature = fit_temperature(logits + offsets, scored_y)
    print(f"chosen hidden={hidden} alpha={alpha}, offsets {offsets}, temperature {temperature}")
    predicted = [LABELS[i] for i in (logits + offsets).argmax(axis=1)]
    report("training bodies, out-of-fold", scored_y, predicted)

    classifier, mean, scale = train_mlp(train_x, train_y, hidden, alpha)
    probabilities = probabilities_in_label_order(classifier, validation_x, mean, scale)
    validation_logits = np.log(np.clip(probabilities, 1e-9, None)) + offsets
    report("FNC-1 validation", validation_y, [LABELS[i] for i in validation_logits.argmax(axis=1)])
    export(args.out, classifier, mean, scale, offsets, temperature, idf, default_idf)


if __name__ == "__main__":
    main()
