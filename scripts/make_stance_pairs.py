"""Write claim/article pairs from FNC-1 as JSON Lines, to time the `stance` command.

    .venv/bin/python scripts/make_stance_pairs.py ../shared/data/fnc1 /tmp/pairs.jsonl
    /usr/bin/time -v .venv/bin/python manage.py stance /tmp/pairs.jsonl /tmp/out.jsonl

Each pair is a random FNC-1 headline against one of the 517 FNC-1 bodies of 300-500
words, which repeat across claims as articles do in practice; --distinct draws from
all 1,683 bodies of any length instead.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fnc_dir", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--distinct", action="store_true")
    args = parser.parse_args()

    rng = random.Random(7)
    with open(args.fnc_dir / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    with open(args.fnc_dir / "train_stances.csv", encoding="utf-8", newline="") as handle:
        headlines = [row["Headline"] for row in csv.DictReader(handle)]
    if not args.distinct:
        bodies = [body for body in bodies if 300 <= len(body.split()) <= 500]
    rng.shuffle(bodies)
    with open(args.output, "w", encoding="utf-8") as out:
        for number in range(args.pairs):
            pair = {
                "id": number,
                "claim": rng.choice(headlines),
                "text": bodies[number % len(bodies)],
            }
            out.write(json.dumps(pair) + "\n")


if __name__ == "__main__":
    main()
