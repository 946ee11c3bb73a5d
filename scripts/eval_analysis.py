"""Score the analysis (rows and cells) on the evaluation events, dev and held-out apart.

    .venv/bin/python scripts/eval_analysis.py                        # every event, per split
    .venv/bin/python scripts/eval_analysis.py --split dev -v         # dev only, with every miss
    .venv/bin/python scripts/eval_analysis.py --event earthquake-vessenby -v
    .venv/bin/python scripts/eval_analysis.py --json > figures.json

Each eval/events/<slug>/ holds event.json (import_event format) and gold.json, whose
"split" (dev, heldout or heldout2) says which figures the event counts towards. The product's
pipeline (coverage.analysis.pipeline.analyse_articles) runs in this process, without a
database; its matrix is written in the export format (``manage.py export --format
json``: assertions, each with one cell per outlet) to --out, and scored with the shared
scorer (../shared/eval/score_event.py --export), whose RESULT line is printed per event.

A gold assertion is matched to rows exactly as the scorer does (the row's text, or at
least half of its agree cells' evidence, contains every keyword group), and its best
row is the one with the most right labels. Per split it reports:

- found: gold assertions that some row states;
- duplicate rows: rows that match some gold assertion, less the most rows that can each
  be given an assertion of their own (a maximum matching), so a row that states two
  assertions of one sentence is no duplicate, and each row counts once (the scorer's
  own dup_rows counts a row once per assertion it matches); non-claim rows: rows that
  match no gold assertion (junk, colour, attribution); both as a share of all rows
  (the target is <= 5% together);
- labels: cells of the best rows that carry the gold label;
- contradiction recall (gold contradict cells shown contradict) and precision
  (contradict cells of the best rows that are gold contradict);
- same-event silent kept: gold silent cells (every outlet covers the event) shown silent;
- hedged right: non-silent gold cells with the right label and the right hedging;
- evidence states the claim: agree and contradict cells of the best rows whose
  evidence sentence contains the assertion's keywords;
- wrong labels: the cells of the best rows whose label is wrong, by gold and shown
  label ("agree->silent"), which says whether rows or cells lose them, and the missed
  contradictions by the kind the gold gives the assertion ("number->agree").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coverage.analysis.pipeline import AnalysisResult, ArticleInput, analyse_articles  # noqa: E402

EVENTS = ROOT / "eval" / "events"
SCORER = ROOT.parent / "shared" / "eval" / "score_event.py"
# "heldout2": events written later by authors who had not seen the analysis, scored
# apart from the first held-out set, whose aggregate figures earlier sessions had seen.
SPLITS = ("dev", "heldout", "heldout2")
# Held out unless an event's gold.json says otherwise.
HELDOUT = frozenset(
    {
        "mine-collapse-karsk",
        "prison-break-castellane",
        "train-derailment-lindqvist",
        "water-contamination-grevlin",
    }
)
RESULT_LINE = re.compile(r"^RESULT .*$", re.MULTILINE)


def has(text: str | None, keywords: list[str]) -> bool:
    lowered = (text or "").lower()
    return all(any(alt in lowered for alt in group.lower().split("|")) for group in keywords)


def matches(row: dict[str, Any], keywords: list[str]) -> bool:
    """The scorer's rule: the row's wording, or half of its agree cells' evidence."""
    if has(row["text"], keywords):
        return True
    evidence = [c["evidence"] for c in row["cells"] if c["label"] == "agree" and c.get("evidence")]
    return bool(evidence) and sum(has(e, keywords) for e in evidence) * 2 >= len(evidence)


def split_of(event_dir: Path, gold: dict[str, Any]) -> str:
    declared = gold.get("split")
    if declared in SPLITS:
        return declared
    return "heldout" if event_dir.name in HELDOUT else "dev"


def export(event: dict[str, Any], result: AnalysisResult) -> dict[str, Any]:
    """The analysis as ``manage.py export --format json`` writes it (what the scorer reads)."""
    outlet_of = {str(i): article["outlet"] for i, article in enumerate(event["articles"])}
    return {
        "title": event.get("title"),
        "slug": event.get("slug"),
        "assertions": [
            {
                "id": number,
                "text": row.text,
                "origin": "machine",
                "cells": [
                    {
                        "outlet": outlet_of[cell.article_key],
                        "label": cell.label,
                        "hedged": cell.hedged,
                        "attributed_to": cell.attributed_to,
                        "evidence": cell.evidence_text,
                        "origin": "machine",
                        "confidence": cell.confidence,
                        "reason": cell.reason or None,
                    }
                    for cell in row.cells
                ],
            }
            for number, row in enumerate(result.assertions, start=1)
        ],
    }


def analyse(event: dict[str, Any]) -> tuple[AnalysisResult, float]:
    inputs = [
        ArticleInput(
            key=str(i),
            outlet=a["outlet"],
            title=a.get("title", ""),
            text=a["text"],
            # The day in the article's own time zone, as its published_at writes it.
            published=dt.datetime.fromisoformat(a["published_at"]).date()
            if a.get("published_at")
            else None,
        )
        for i, a in enumerate(event["articles"])
    ]
    started = time.perf_counter()
    result = analyse_articles(inputs)
    return result, time.perf_counter() - started


def score(exported: dict[str, Any], gold: dict[str, Any], lines: list[str]) -> Counter:
    """Counts for one event; ``lines`` collects the verbose report."""
    rows = exported["assertions"]
    tally: Counter = Counter(events=1, rows=len(rows), gold=len(gold["assertions"]))
    used: set[int] = set()
    matching_rows: dict[str, list[int]] = {}
    for assertion in gold["assertions"]:
        keywords = assertion["keywords"]
        candidates = [row for row in rows if matches(row, keywords)]
        if not candidates:
            lines.append(f"  {assertion['id']:4} MISSING  {assertion['claim'][:90]}")
            continue
        tally["found"] += 1
        used.update(row["id"] for row in candidates)

        def right_labels(row: dict[str, Any], assertion: dict[str, Any] = assertion) -> int:
            cells = {c["outlet"]: c for c in row["cells"]}
            return sum(
                cells.get(outlet, {}).get("label", "silent") == want["label"]
                for outlet, want in assertion["cells"].items()
            )

        best = max(candidates, key=right_labels)
        matching_rows[assertion["id"]] = [row["id"] for row in candidates]
        cells = {c["outlet"]: c for c in best["cells"]}
        wrong = []
        for outlet, want in assertion["cells"].items():
            got = cells.get(outlet, {"label": "silent", "hedged": False, "evidence": None})
            tally["cells"] += 1
            tally["labels_right"] += got["label"] == want["label"]
            if got["label"] != want["label"]:
                tally[f"{want['label']}->{got['label']}"] += 1
            if want["label"] == "contradict":
                tally["gold_contradict"] += 1
                tally["contradict_found"] += got["label"] == "contradict"
                if got["label"] != "contradict":
                    kind = assertion.get("kind", "other")
                    tally[f"missed contradict {kind}->{got['label']}"] += 1
            if got["label"] == "contradict":
                tally["shown_contradict"] += 1
                tally["contradict_right"] += want["label"] == "contradict"
            if want["label"] == "silent":
                tally["gold_silent"] += 1
                tally["silent_kept"] += got["label"] == "silent"
            else:
                tally["gold_stated"] += 1
                tally["hedged_right"] += (
                    got["label"] == want["label"] and got["hedged"] == want["hedged"]
                )
            if got["label"] in ("agree", "contradict"):
                tally["evidence_cells"] += 1
                states = has(got.get("evidence"), keywords)
                tally["evidence_states"] += states
            if got["label"] != want["label"] or (
                want["label"] != "silent" and got["hedged"] != want["hedged"]
            ):
                wrong.append(
                    f"      {outlet}: gold {want['label']}{' hedged' * want.get('hedged', False)}"
                    f", shown {got['label']}{' hedged' * bool(got['hedged'])}"
                    f" | {(got.get('evidence') or '')[:90]}"
                )
        lines.append(
            f"  {assertion['id']:4} rows={len(candidates)} labels "
            f"{right_labels(best)}/{len(assertion['cells'])} | {best['text'][:80]}"
        )
        lines.extend(wrong)
    unmatched = [row for row in rows if row["id"] not in used]
    tally["non_claim_rows"] = len(unmatched)
    assigned = maximum_matching(matching_rows)
    duplicates = used - set(assigned)
    tally["duplicate_rows"] = len(duplicates)
    lines.extend(
        f"  duplicate row {row['id']}: {row['text'][:100]}"
        for row in rows
        if row["id"] in duplicates
    )
    lines.extend(f"  unmatched row {row['id']}: {row['text'][:100]}" for row in unmatched)
    return tally


def maximum_matching(candidates: dict[str, list[int]]) -> dict[int, str]:
    """Rows given one gold assertion each, as many as possible (augmenting paths)."""
    owner: dict[int, str] = {}

    def place(assertion: str, seen: set[int]) -> bool:
        for row in candidates[assertion]:
            if row in seen:
                continue
            seen.add(row)
            if row not in owner or place(owner[row], seen):
                owner[row] = assertion
                return True
        return False

    for assertion in candidates:
        place(assertion, set())
    return owner


def shared_scorer(prediction: Path, gold_path: Path, scorer: Path) -> str:
    """The RESULT line of the shared scorer on the written predictions."""
    if not scorer.exists():
        return f"RESULT (scorer {scorer} not found)"
    completed = subprocess.run(
        [sys.executable, str(scorer), "--export", str(prediction), "--gold", str(gold_path)],
        capture_output=True,
        text=True,
    )
    found = RESULT_LINE.findall(completed.stdout)
    return found[-1] if found else f"RESULT (scorer failed: {completed.stderr.strip()[-300:]})"


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def figures(tally: Counter) -> dict[str, Any]:
    """The headline figures of one split."""
    return {
        "events": tally["events"],
        "rows": tally["rows"],
        "found": share(tally["found"], tally["gold"]),
        "found_n": f"{tally['found']}/{tally['gold']}",
        "duplicate_rows": share(tally["duplicate_rows"], tally["rows"]),
        "non_claim_rows": share(tally["non_claim_rows"], tally["rows"]),
        "duplicate_or_non_claim": share(
            tally["duplicate_rows"] + tally["non_claim_rows"], tally["rows"]
        ),
        "labels": share(tally["labels_right"], tally["cells"]),
        "contradiction_recall": share(tally["contradict_found"], tally["gold_contradict"]),
        "contradiction_precision": share(tally["contradict_right"], tally["shown_contradict"]),
        "same_event_silent_kept": share(tally["silent_kept"], tally["gold_silent"]),
        "hedged_right": share(tally["hedged_right"], tally["gold_stated"]),
        "evidence_states_claim": share(tally["evidence_states"], tally["evidence_cells"]),
        # The wrong labels by gold and shown label: "agree->silent": 90.
        "wrong_labels": {
            key: tally[key]
            for key in sorted(tally)
            if "->" in key and not key.startswith("missed") and tally[key]
        },
        # The gold contradict cells not shown so, by the gold assertion's kind.
        "missed_contradictions": {
            key.removeprefix("missed contradict "): tally[key]
            for key in sorted(tally)
            if key.startswith("missed contradict ") and tally[key]
        },
        "analyse_s": round(tally["analyse_ms"] / 1000, 1),
        "counts": dict(tally),
    }


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def print_split(name: str, tally: Counter) -> None:
    f = figures(tally)
    print(
        f"== {name}: {f['events']} events, {f['rows']} rows, analysis {f['analyse_s']} s\n"
        f"   gold claims found        {percent(f['found'])} ({f['found_n']})\n"
        f"   duplicate rows           {percent(f['duplicate_rows'])} "
        f"({tally['duplicate_rows']}/{tally['rows']})\n"
        f"   non-claim rows           {percent(f['non_claim_rows'])} "
        f"({tally['non_claim_rows']}/{tally['rows']})\n"
        f"   duplicate or non-claim   {percent(f['duplicate_or_non_claim'])}\n"
        f"   cell labels              {percent(f['labels'])} "
        f"({tally['labels_right']}/{tally['cells']})\n"
        f"   contradiction recall     {percent(f['contradiction_recall'])} "
        f"({tally['contradict_found']}/{tally['gold_contradict']})\n"
        f"   contradiction precision  {percent(f['contradiction_precision'])} "
        f"({tally['contradict_right']}/{tally['shown_contradict']})\n"
        f"   same-event silent kept   {percent(f['same_event_silent_kept'])} "
        f"({tally['silent_kept']}/{tally['gold_silent']})\n"
        f"   hedged right             {percent(f['hedged_right'])} "
        f"({tally['hedged_right']}/{tally['gold_stated']})\n"
        f"   evidence states claim    {percent(f['evidence_states_claim'])} "
        f"({tally['evidence_states']}/{tally['evidence_cells']})\n"
        f"   wrong labels (gold->shown) "
        + ", ".join(f"{key} {count}" for key, count in f["wrong_labels"].items())
        + "\n   missed contradictions by kind (->shown) "
        + ", ".join(f"{key} {count}" for key, count in f["missed_contradictions"].items())
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument(
        "--event",
        action="append",
        default=[],
        metavar="NAME",
        help="only this event (a directory name under eval/events); repeatable",
    )
    parser.add_argument(
        "--out", type=Path, help="where to write the predictions (default: a temporary folder)"
    )
    parser.add_argument("--scorer", type=Path, default=SCORER, help="the shared score_event.py")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()

    directories = sorted(p.parent for p in EVENTS.glob("*/gold.json"))
    if args.event:
        known = {d.name for d in directories}
        unknown = [name for name in args.event if name not in known]
        if unknown:
            parser.error(
                f"no event {', '.join(unknown)} under {EVENTS}; known: {', '.join(sorted(known))}"
            )
        directories = [d for d in directories if d.name in args.event]
    out = args.out or Path(tempfile.mkdtemp(prefix="eval-analysis-"))
    out.mkdir(parents=True, exist_ok=True)

    tallies = {split: Counter() for split in SPLITS}
    per_event: dict[str, Any] = {}
    for directory in directories:
        gold_path = directory / "gold.json"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        split = split_of(directory, gold)
        if args.split != "all" and split != args.split:
            continue
        event = json.loads((directory / "event.json").read_text(encoding="utf-8"))
        result, seconds = analyse(event)
        prediction = out / f"{directory.name}.json"
        prediction.write_text(json.dumps(export(event, result), indent=1), encoding="utf-8")
        lines: list[str] = []
        tally = score(json.loads(prediction.read_text(encoding="utf-8")), gold, lines)
        tally["analyse_ms"] = round(seconds * 1000)
        tallies[split].update(tally)
        result_line = shared_scorer(prediction, gold_path, args.scorer)
        per_event[directory.name] = {"split": split, **figures(tally), "scorer": result_line}
        if not args.json:
            print(f"-- {directory.name} ({split}) {seconds:.1f} s\n   {result_line}")
            if args.verbose:
                print("\n".join(lines))
    summary = {split: figures(t) for split, t in tallies.items() if t}
    if args.json:
        print(
            json.dumps({"splits": summary, "events": per_event, "predictions": str(out)}, indent=1)
        )
    else:
        for split, tally in tallies.items():
            if tally:
                print_split(split, tally)
        print(f"predictions in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
