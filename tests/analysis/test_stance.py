"""The trained stance classifier on real text, with the committed weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coverage.analysis.errors import ModelNotInstalled
from coverage.analysis.stance import (
    DEFAULT_WEIGHTS_PATH,
    LABELS,
    StancePrediction,
    feature_names,
    load_stance_model,
    predict_stances,
)

CLAIM = "The mayor of Springfield resigned on Monday."
UNRELATED_FILLER = [
    "The city's football team won its third game in a row on Saturday.",
    "Tickets for the summer festival go on sale next week.",
    "Road works on Main Street are expected to last until March.",
]


def predict_one(claim: str, sentences: list[str]) -> StancePrediction:
    return predict_stances([(claim, sentences)])[0]


def test_committed_weights_load_without_pickle() -> None:
    with np.load(DEFAULT_WEIGHTS_PATH, allow_pickle=False) as stored:
        assert tuple(stored["labels"].tolist()) == LABELS
        assert tuple(stored["feature_names"].tolist()) == feature_names()
    assert DEFAULT_WEIGHTS_PATH.stat().st_size < 5_000_000


def test_stance_model_loader_is_cached() -> None:
    assert load_stance_model() is load_stance_model()


def test_missing_weights_raise_model_not_installed(tmp_path: Path) -> None:
    with pytest.raises(ModelNotInstalled, match="train_stance.py"):
        load_stance_model(tmp_path / "absent.npz")


def test_article_stating_the_claim_agrees_and_points_at_that_sentence() -> None:
    sentences = [
        UNRELATED_FILLER[0],
        "City officials confirmed that the mayor of Springfield resigned on Monday.",
        UNRELATED_FILLER[1],
    ]
    prediction = predict_one(CLAIM, sentences)
    assert prediction.label == "agree"
    assert prediction.evidence_index == 1


@pytest.mark.parametrize(
    "article",
    [
        [
            UNRELATED_FILLER[0],
            UNRELATED_FILLER[1],
            "The mayor of Springfield denied on Monday that she had resigned, calling the "
            "reports fake and a hoax.",
        ],
        [
            "It is false that the mayor of Springfield resigned, her office said on Monday.",
            "The rumour spread on social media after a fake resignation letter was posted online.",
            "The mayor will chair the council meeting on Tuesday as planned.",
        ],
    ],
    ids=["denied-after-filler", "it-is-false-debunk"],
)
def test_denial_disagrees(article: list[str]) -> None:
    prediction = predict_one(CLAIM, article)
    assert prediction.label == "disagree"
    assert prediction.evidence_index == next(
        index for index, sentence in enumerate(article) if "Springfield" in sentence
    )


@pytest.mark.xfail(
    reason="Known weakness: MiniLM barely separates 'X' from 'it is false that X', so a lone "
    "negated restatement among unrelated sentences still reads as agree (p(disagree) ~0.44).",
    strict=True,
)
def test_lone_negated_restatement_disagrees() -> None:
    sentences = [
        UNRELATED_FILLER[0],
        UNRELATED_FILLER[1],
        "It is false that the mayor of Springfield resigned; her office said the story was "
        "made up.",
    ]
    assert predict_one(CLAIM, sentences).label == "disagree"


def test_article_on_another_topic_is_unrelated_without_evidence() -> None:
    prediction = predict_one(CLAIM, UNRELATED_FILLER)
    assert prediction.label == "unrelated"
    assert prediction.evidence_index is None


def test_reportedly_restatement_is_not_read_as_a_denial() -> None:
    sentences = [
        "The mayor of Springfield has reportedly resigned, according to unconfirmed reports "
        "in local media.",
        "Her office could not be reached for comment and it is unclear whether the council "
        "has been informed.",
        UNRELATED_FILLER[2],
    ]
    prediction = predict_one(CLAIM, sentences)
    assert prediction.label in {"discuss", "agree"}
    assert prediction.probabilities["discuss"] > prediction.probabilities["disagree"]
    assert prediction.evidence_index == 0


def test_batch_predictions_match_single_predictions_and_keep_order() -> None:
    agreeing = ["City officials confirmed that the mayor of Springfield resigned on Monday."]
    pairs = [(CLAIM, UNRELATED_FILLER), (CLAIM, agreeing), (CLAIM, UNRELATED_FILLER)]
    batch = predict_stances(pairs)
    assert [p.label for p in batch] == ["unrelated", "agree", "unrelated"]
    for prediction, (claim, sentences) in zip(batch, pairs, strict=True):
        single = predict_one(claim, sentences)
        for label in LABELS:
            assert prediction.probabilities[label] == pytest.approx(
                single.probabilities[label], abs=1e-4
            )


def test_probabilities_are_a_distribution_and_confidence_is_the_chosen_one() -> None:
    prediction = predict_one(CLAIM, UNRELATED_FILLER)
    assert set(prediction.probabilities) == set(LABELS)
    assert sum(prediction.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    assert prediction.confidence == pytest.approx(prediction.probabilities[prediction.label])


def test_article_without_sentences_is_unrelated() -> None:
    prediction = predict_one(CLAIM, [])
    assert prediction.label == "unrelated"
    assert prediction.evidence_index is None


def test_no_pairs_gives_no_predictions() -> None:
    assert predict_stances([]) == []
