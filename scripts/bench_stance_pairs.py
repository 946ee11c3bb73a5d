"""Time and peak memory of `classify_pairs` (the `stance` command's work) in its worst case.

Every pair has an FNC-1 body of its own, with one of that body's own headlines as the
claim, so no sentence is shared between pairs and every window is parsed anew (issue 11:
2,000 pairs within 5 minutes, analysis peak RSS within 1.5 GB). Bodies are taken in the
order of their FNC-1 ids, so --limit N always gives the same first N pairs.

    .venv/bin/python scripts/bench_stance_pairs.py --limit 300 [--labels out.jsonl]

One run per process, so the peak RSS printed is this run's (models included). The
model load is timed apart from the classification. --labels writes each pair's label,
hedging, evidence and reason, to compare two versions of the decision with `diff`.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from coverage.analysis.embeddings import get_embedder  # noqa: E402
from coverage.analysis.nlp import get_nlp  # noqa: E402
from coverage.analysis.pairs import classify_pairs  # noqa: E402

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "fnc1"


def distinct_body_pairs(data_dir: Path, limit: int | None) -> list[tuple[str, str]]:
    """(headline, body) pairs, one per FNC-1 body, in body-id order."""
    with open(data_dir / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(handle)}
    headlines: dict[int, str] = {}
    with open(data_dir / "train_stances.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            headlines.setdefault(int(row["Body ID"]), row["Headline"])
    pairs = [(headlines[body_id], bodies[body_id]) for body_id in sorted(bodies)]
    return pairs[:limit] if limit else pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="The FNC-1 folder.")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N pairs.")
    parser.add_argument("--labels", type=Path, default=None, help="Write the results here.")
    options = parser.parse_args()

    pairs = distinct_body_pairs(options.data, options.limit)
    started = time.perf_counter()
    get_nlp()
    get_embedder()
    loaded = time.perf_counter() - started

    started = time.perf_counter()
    results = classify_pairs(pairs)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    if options.labels is not None:
        with open(options.labels, "w", encoding="utf-8") as out:
            for result in results:
                record = {
                    "label": result.label,
                    "hedged": result.hedged,
                    "evidence": result.evidence,
                    "confidence": result.confidence,
                    "reason": result.reason,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    labels = {
        label: sum(r.label == label for r in results)
        for label in sorted({r.label for r in results})
    }
    print(
        f"{len(pairs)} pairs: {elapsed:.1f} s ({len(pairs) / elapsed:.1f} pairs/s), "
        f"peak RSS {peak_mb:,.0f} MB, model load {loaded:.1f} s, labels {labels}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
