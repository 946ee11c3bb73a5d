"""Score the product's cell decision on the FNC-1 validation bodies.

    .venv/bin/python scripts/eval_fnc.py --data ../shared/data [--limit 2000]

The validation split is the one scripts/train_stance.py held out (20% of the Body IDs,
seed 20240611): no model the decision uses was trained on those bodies (MiniLM is the
stock sentence model; the slot rules are hand-written and tuned on eval/stance dev).
Cells map to FNC-1 labels as the shared data README maps them the other way: silent ->
unrelated, contradict -> disagree, agree and hedged -> discuss, agree -> agree. Prints
the FNC-1 relative score, macro-F1 over the four labels, per-class F1 and the confusion
matrix. ``--limit`` scores an evenly spread sample of the pairs (the decision reads
about 5 pairs a second on 2 cores, so all 10,019 take over half an hour).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from coverage.analysis.pairs import classify_pairs  # noqa: E402

LABELS = ("agree", "discuss", "disagree", "unrelated")
# scripts/train_stance.py's split: the same seed and share of bodies held out.
SEED = 20240611
VALIDATION_BODY_FRACTION = 0.2


def validation_bodies(body_ids: list[str]) -> set[str]:
    shuffled = sorted(body_ids)
    np.random.default_rng(SEED).shuffle(shuffled)
    return set(shuffled[: int(round(len(shuffled) * VALIDATION_BODY_FRACTION))])


def fnc_score(gold: list[str], predicted: list[str]) -> float:
    """FNC-1 relative score: weighted accuracy divided by the best achievable."""
    score = best = 0.0
    for truth, guess in zip(gold, predicted, strict=True):
        related = truth != "unrelated"
        best += 0.25 + (0.75 if related else 0.0)
        score += 0.25 if related == (guess != "unrelated") else 0.0
        score += 0.75 if related and truth == guess else 0.0
    return score / best


def class_f1(gold: list[str], predicted: list[str]) -> dict[str, float]:
    scores = {}
    for label in LABELS:
        hits = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        total = predicted.count(label) + gold.count(label)
        scores[label] = 2 * hits / total if total else 0.0
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=0, help="score this many pairs (0: all)")
    options = parser.parse_args()
    fnc = options.data / "fnc1"
    with open(fnc / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    held_out = validation_bodies(list(bodies))
    with open(fnc / "train_stances.csv", encoding="utf-8", newline="") as handle:
        pairs = [
            (row["Headline"], row["Body ID"], row["Stance"])
            for row in csv.DictReader(handle)
            if row["Body ID"] in held_out
        ]
    if options.limit and options.limit < len(pairs):
        step = len(pairs) / options.limit
        pairs = [pairs[int(i * step)] for i in range(options.limit)]
    started = time.perf_counter()
    cells = classify_pairs([(headline, bodies[body]) for headline, body, _ in pairs])
    elapsed = time.perf_counter() - started
    gold = [stance for _, _, stance in pairs]
    predicted = [
        {"silent": "unrelated", "contradict": "disagree"}.get(cell.label)
        or ("discuss" if cell.hedged else "agree")
        for cell in cells
    ]
    f1 = class_f1(gold, predicted)
    print(f"{len(pairs):,} validation pairs from {len(held_out)} bodies in {elapsed:.0f} s")
    print(f"gold: {dict(Counter(gold))}")
    print(f"FNC-1 relative score {fnc_score(gold, predicted):.4f}")
    print(f"macro-F1 {sum(f1.values()) / len(f1):.4f}")
    print("per-class F1: " + ", ".join(f"{label} {f1[label]:.3f}" for label in LABELS))
    print("confusion (rows gold, columns predicted): " + " ".join(LABELS))
    for truth in LABELS:
        counts = [
            sum(g == truth and p == guess for g, p in zip(gold, predicted, strict=True))
            for guess in LABELS
        ]
        print(f"  {truth:10} " + " ".join(f"{count:6d}" for count in counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
