"""Measure predict_stances throughput on 2,000 (claim, ~400-word article) pairs.

Two workloads, both built from FNC-1 training bodies (≈300-450 words each) and headlines:
- distinct: 2,000 pairs with 2,000 different articles (worst case: every sentence is new);
- matrix: 50 claims x 40 articles, the product's shape (one event, many outlets), where
  each article is embedded once and reused for every claim.
Each workload runs --runs times cold (every sentence embedded inside the timed call; the
one-off model load is excluded and reported separately), then --runs times warm: with the
vectors already computed, as in the analysis pipeline, whose caching encoder has embedded
the sentences for claim alignment before it asks for stances. Warm runs time the features
and the MLP alone. Prints per-run and median figures.

    .venv/bin/python scripts/bench_stance.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from coverage.analysis.embeddings import Embedder, TextEncoder, get_embedder  # noqa: E402
from coverage.analysis.segment import split_sentences  # noqa: E402
from coverage.analysis.stance import load_stance_model, predict_stances  # noqa: E402

SEED = 7
PAIR_COUNT = 2000


class PrecomputedEncoder:
    """Returns vectors computed before the timed call, like the pipeline's caching encoder."""

    def __init__(self, embedder: Embedder, texts: Sequence[str]) -> None:
        unique_texts = list(dict.fromkeys(texts))
        self._vectors = dict(zip(unique_texts, embedder.encode(unique_texts), strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vectors[text] for text in texts])


def timed_runs(
    label: str, runs: int, pairs: list[tuple[str, list[str]]], encoder: TextEncoder
) -> None:
    """Run predict_stances `runs` times and print each run and the median."""
    wall_times = []
    for run in range(runs):
        started = time.perf_counter()
        predict_stances(pairs, embedder=encoder)
        wall_times.append(time.perf_counter() - started)
        rate = len(pairs) / wall_times[-1]
        print(f"  {label} run {run + 1}: {wall_times[-1]:.1f}s, {rate:.1f} pairs/s")
    median = statistics.median(wall_times)
    print(f"  {label} median: {median:.1f}s wall, {len(pairs) / median:.1f} pairs/s")


def load_articles(data_dir: Path) -> tuple[list[list[str]], list[str]]:
    """FNC-1 bodies of 300-500 words (as sentence lists) and all distinct headlines."""
    with open(data_dir / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    articles = [
        [sentence.text for sentence in split_sentences(body)]
        for body in bodies
        if 300 <= len(body.split()) <= 500
    ]
    with open(data_dir / "fnc1" / "train_stances.csv", encoding="utf-8", newline="") as handle:
        headlines = sorted({row["Headline"] for row in csv.DictReader(handle)})
    return articles, headlines


def distinct_workload(
    articles: list[list[str]], headlines: list[str], rng: np.random.Generator
) -> list[tuple[str, list[str]]]:
    """2,000 pairs, every article different. FNC-1 has fewer bodies of this length, so each
    extra copy gets a marker word added to every sentence, which defeats deduplication."""
    pairs = []
    for index in range(PAIR_COUNT):
        sentences = articles[index % len(articles)]
        copy = index // len(articles)
        if copy:
            sentences = [f"{sentence} (v{copy})" for sentence in sentences]
        pairs.append((headlines[int(rng.integers(len(headlines)))], sentences))
    return pairs


def matrix_workload(
    articles: list[list[str]], headlines: list[str], rng: np.random.Generator
) -> list[tuple[str, list[str]]]:
    """50 claims x 40 articles = 2,000 pairs."""
    chosen_articles = [articles[int(i)] for i in rng.choice(len(articles), 40, replace=False)]
    chosen_claims = [headlines[int(i)] for i in rng.choice(len(headlines), 50, replace=False)]
    return [(claim, article) for claim in chosen_claims for article in chosen_articles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="dir with fnc1/")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workload", choices=("distinct", "matrix", "both"), default="both")
    parser.add_argument("--mode", choices=("cold", "warm", "both"), default="both")
    args = parser.parse_args()

    articles, headlines = load_articles(args.data)
    started = time.perf_counter()
    embedder = get_embedder()
    load_stance_model()
    print(f"model load: {time.perf_counter() - started:.2f}s")
    workloads = {"distinct": distinct_workload, "matrix": matrix_workload}
    for name, build in workloads.items():
        if args.workload not in (name, "both"):
            continue
        pairs = build(articles, headlines, np.random.default_rng(SEED))
        words = np.mean([sum(len(s.split()) for s in sentences) for _, sentences in pairs])
        unique_sentences = len({s for _, sentences in pairs for s in sentences})
        print(
            f"\n{name}: {len(pairs)} pairs, mean {words:.0f} words/article, "
            f"{unique_sentences} unique sentences"
        )
        if args.mode in ("cold", "both"):
            timed_runs("cold", args.runs, pairs, embedder)
        if args.mode in ("warm", "both"):
            texts = [text for claim, sentences in pairs for text in (claim, *sentences)]
            timed_runs("warm", args.runs, pairs, PrecomputedEncoder(embedder, texts))


if __name__ == "__main__":
    main()
