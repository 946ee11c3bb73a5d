"""Benchmark the analysis pipeline on synthetic events: wall time and peak memory.

    .venv/bin/python scripts/bench_analysis.py --sizes 10 50 200 --repeats 3

Each run happens in a fresh process, so peak RSS covers loading the models too
and one size cannot warm the caches of the next. Prints one line per run and a
median summary per size, as Markdown for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
sys.path.insert(0, {scripts!r})
from generate_event import generate_event, fnc_event
from coverage.analysis.pipeline import ArticleInput, analyse_articles

event = (fnc_event({fnc!r}, articles={articles}, words={words}) if {fnc!r}
         else generate_event(articles={articles}, words={words}))
inputs = [ArticleInput(key=str(i), outlet=a["outlet"], title=a["title"], text=a["text"])
          for i, a in enumerate(event["articles"])]
started = time.perf_counter()
result = analyse_articles(inputs)
wall = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"wall": wall, "peak_mb": peak_kb / 1024, "rows": len(result.assertions),
                  "words": sum(len(a["text"].split()) for a in event["articles"])}}))
"""


def run_once(articles: int, words: int, fnc: str) -> dict:
    code = CHILD.format(
        root=str(ROOT), scripts=str(ROOT / "scripts"), articles=articles, words=words, fnc=fnc
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--fnc",
        default="",
        metavar="BODIES_CSV",
        help="Use real prose: FNC-1 train_bodies.csv bodies joined to the word count.",
    )
    args = parser.parse_args()

    source = f"FNC-1 bodies from {args.fnc}" if args.fnc else "generated articles"
    print(
        f"cores: {os.cpu_count()}, {source}, words per article: {args.words}, "
        f"repeats: {args.repeats}"
    )
    summary = []
    for size in args.sizes:
        runs = []
        for repeat in range(args.repeats):
            measured = run_once(size, args.words, args.fnc)
            runs.append(measured)
            print(
                f"  {size:>4} articles, run {repeat + 1}: {measured['wall']:.1f} s, "
                f"peak RSS {measured['peak_mb']:.0f} MB, {measured['rows']} rows",
                flush=True,
            )
        summary.append(
            (
                size,
                runs[0]["words"],
                statistics.median(r["wall"] for r in runs),
                statistics.median(r["peak_mb"] for r in runs),
                runs[0]["rows"],
            )
        )
    print("\n| articles | words | median wall (s) | s per article | median peak RSS (MB) | rows |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, words, wall, peak, rows in summary:
        print(f"| {size} | {words} | {wall:.1f} | {wall / size:.2f} | {peak:.0f} | {rows} |")


if __name__ == "__main__":
    main()
