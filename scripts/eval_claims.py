"""Score claim finding and hedging per article, before alignment, dev and held-out apart.

    .venv/bin/python scripts/eval_claims.py                  # both splits
    .venv/bin/python scripts/eval_claims.py --split dev -v   # dev, listing every miss

The matrix figures (scripts/eval_analysis.py) mix claim finding with alignment and
cell decisions; these isolate the first step. For every article of every event in
eval/events/ the claims are found exactly as the pipeline finds them (furniture
dropped, candidates parsed in one pass, the article's sentences as context), and:

- claims found: non-silent gold cells for which some claim of that outlet's article
  contains the assertion's keywords (the scorer's rule: every group, 'a|b' either);
- claims matching no assertion: claims whose wording contains no gold assertion's
  keywords, as a share of all claims (colour, newsroom talk, background the gold
  leaves out);
- hedged right: of the cells found, those whose first matching claim is hedged
  exactly when the gold cell is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coverage.analysis.claims import PIPE_BATCH_SIZE, find_claims, is_candidate  # noqa: E402
from coverage.analysis.nlp import get_nlp  # noqa: E402
from coverage.analysis.segment import is_boilerplate, split_sentences  # noqa: E402

EVENTS = ROOT / "eval" / "events"
SPLITS = ("dev", "heldout", "heldout2")


def has(text: str, keywords: list[str]) -> bool:
    lowered = text.lower()
    return all(any(alt in lowered for alt in group.lower().split("|")) for group in keywords)


def score(split: str, *, verbose: bool) -> dict[str, int]:
    nlp = get_nlp()
    totals = {"cells": 0, "found": 0, "claims": 0, "unmatched": 0, "hedged_right": 0}
    for event_dir in sorted(path for path in EVENTS.iterdir() if path.is_dir()):
        gold: dict[str, Any] = json.loads((event_dir / "gold.json").read_text())
        if gold.get("split", "dev") != split:
            continue
        event = json.loads((event_dir / "event.json").read_text())
        for article in event["articles"]:
            outlet = article["outlet"]
            context = [s for s in split_sentences(article["text"]) if not is_boilerplate(s.text)]
            candidates = [s for s in context if is_candidate(s.text, title=article["title"])]
            docs = list(nlp.pipe((s.text for s in candidates), batch_size=PIPE_BATCH_SIZE))
            claims = find_claims(candidates, docs, context=context)
            totals["claims"] += len(claims)
            for claim in claims:
                if not any(has(claim.text, a["keywords"]) for a in gold["assertions"]):
                    totals["unmatched"] += 1
                    if verbose:
                        print(f"  no assertion  [{event_dir.name} / {outlet}] {claim.text}")
            for assertion in gold["assertions"]:
                cell = assertion["cells"].get(outlet)
                if cell is None or cell["label"] == "silent":
                    continue
                totals["cells"] += 1
                matching = [c for c in claims if has(c.text, assertion["keywords"])]
                if not matching:
                    if verbose:
                        print(f"  missed  [{event_dir.name} / {outlet}] {assertion['id']}")
                    continue
                totals["found"] += 1
                if matching[0].hedged == cell["hedged"]:
                    totals["hedged_right"] += 1
                elif verbose:
                    print(
                        f"  hedging  [{event_dir.name} / {outlet}] gold {cell['hedged']}: "
                        f"{matching[0].text}"
                    )
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, action="append")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for split in args.split or SPLITS:
        totals = score(split, verbose=args.verbose)
        cells, claims = max(totals["cells"], 1), max(totals["claims"], 1)
        print(f"== {split}")
        print(
            f"   claims found               {totals['found'] / cells:.1%} "
            f"({totals['found']}/{totals['cells']})"
        )
        print(
            f"   claims matching no gold    {totals['unmatched'] / claims:.1%} "
            f"({totals['unmatched']}/{totals['claims']})"
        )
        print(
            f"   hedged right               {totals['hedged_right'] / max(totals['found'], 1):.1%} "
            f"({totals['hedged_right']}/{totals['found']})"
        )


if __name__ == "__main__":
    main()
