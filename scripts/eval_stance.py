"""Score the product's cell decision on the stance suite, dev and held-out side by side.

    .venv/bin/python scripts/eval_stance.py [--scorer ../shared/eval/score_stance.py]

Runs the shared scorer (which calls `manage.py stance`, the same decision the analysis
pipeline uses for every cell) once on eval/stance/dev.jsonl and once on
eval/stance/heldout.jsonl, then prints accuracy per category with both splits in one
table and each split's RESULT line. Tune only against dev; held-out is reported, never
looked at to choose rules or thresholds (eval/stance/README.md).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCORER = REPO_ROOT.parent / "shared" / "eval" / "score_stance.py"
SPLITS = {"dev": "eval/stance/dev.jsonl", "held-out": "eval/stance/heldout.jsonl"}
_CATEGORY_LINE = re.compile(r"^\s+(\w+)\s+(\d+)/(\d+)$")


def score(scorer: Path, gold: str) -> tuple[dict[str, tuple[int, int]], str, float]:
    """Per-category (right, total), the RESULT line, and the seconds the run took."""
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(scorer), "--project", str(REPO_ROOT), "--gold", gold],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    lines = completed.stdout.splitlines()
    result = next((line for line in reversed(lines) if line.startswith("RESULT")), None)
    if completed.returncode or result is None:
        sys.exit(f"The scorer failed on {gold}:\n{completed.stdout}{completed.stderr}")
    categories = {
        match[1]: (int(match[2]), int(match[3]))
        for line in lines
        if (match := _CATEGORY_LINE.match(line))
    }
    return categories, result, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    options = parser.parse_args()
    if not options.scorer.is_file():
        sys.exit(f"No scorer at {options.scorer}; pass --scorer PATH/score_stance.py.")
    runs = {name: score(options.scorer, gold) for name, gold in SPLITS.items()}
    names = sorted({category for categories, _, _ in runs.values() for category in categories})
    print(f"{'category':24}" + "".join(f"{name:>10}" for name in runs))
    for category in names:
        cells = []
        for categories, _, _ in runs.values():
            right, total = categories.get(category, (0, 0))
            cells.append(f"{right}/{total}")
        print(f"{category:24}" + "".join(f"{cell:>10}" for cell in cells))
    for name, (_, result, elapsed) in runs.items():
        print(f"{name:9} {result} ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
