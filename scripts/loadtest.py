"""A bounded loopback load test: concurrent readers on the matrix page and the cell view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/parallax_bench \\
        .venv/bin/python scripts/loadtest.py --users 50 --run-time 60

Needs the `load` extra (pip install -e '.[load]') for locust. Prepares the benchmark
database and the 40 x 400 event as scripts/bench_matrix.py does, starts gunicorn with the
production configuration (config/gunicorn.py, DEBUG off) on a free 127.0.0.1 port, and
runs locust headless against it: --users readers (each opens the matrix page or a cell,
then reads for 1-2 s) for --run-time seconds. Only loopback is ever targeted, and both the
user count and the run time are capped. Prints requests, errors and p50/p95 per page;
with --check the exit status is 1 when there are errors or p95 exceeds 500 ms.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_matrix import ROOT, prepare, start_gunicorn

MAX_USERS = 200
MAX_RUN_SECONDS = 600
TARGET_P95_MS = 500
CELL_SAMPLE = 200


def paths_for(event) -> dict:
    """The matrix page and a sample of its cells, spread over rows and outlets."""
    from coverage.models import Outlet

    outlets = list(
        Outlet.objects.filter(articles__event=event).distinct().values_list("slug", flat=True)
    )
    rows = list(event.assertions.order_by("position").values_list("pk", flat=True))
    base = event.get_absolute_url()
    step = max(1, len(rows) * len(outlets) // CELL_SAMPLE)
    cells = [
        f"{base}cells/{rows[n // len(outlets)]}/{outlets[n % len(outlets)]}/"
        for n in range(0, len(rows) * len(outlets), step)
    ]
    return {"matrix": base, "cells": cells}


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="PostgreSQL database to test in (default: $DATABASE_URL)",
    )
    parser.add_argument("--outlets", type=int, default=40)
    parser.add_argument("--assertions", type=int, default=400)
    parser.add_argument("--slug", default="large-event")
    parser.add_argument("--users", type=int, default=50, help=f"at most {MAX_USERS}")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument(
        "--run-time", type=int, default=60, help=f"seconds, at most {MAX_RUN_SECONDS}"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    options = parser.parse_args(argv)
    if not 1 <= options.users <= MAX_USERS:
        parser.error(f"--users must be between 1 and {MAX_USERS}")
    if not 1 <= options.run_time <= MAX_RUN_SECONDS:
        parser.error(f"--run-time must be between 1 and {MAX_RUN_SECONDS} seconds")
    locust = Path(sys.executable).with_name("locust")
    if not locust.exists():
        sys.exit("locust is not installed: pip install -e '.[load]'")

    event = prepare(
        database_url=options.database_url,
        outlets=options.outlets,
        assertions=options.assertions,
        slug=options.slug,
        recreate=False,
    )
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        paths_file = Path(scratch) / "paths.json"
        paths_file.write_text(json.dumps(paths_for(event)))
        server, base = start_gunicorn(
            workers=options.workers, log=results / "loadtest_gunicorn.log"
        )
        prefix = results / "loadtest"
        try:
            subprocess.run(
                [
                    str(locust),
                    "--locustfile",
                    str(ROOT / "scripts" / "locustfile.py"),
                    "--headless",
                    "--host",
                    base,
                    "--users",
                    str(options.users),
                    "--spawn-rate",
                    str(options.spawn_rate),
                    "--run-time",
                    f"{options.run_time}s",
                    "--stop-timeout",
                    "10",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env={**os.environ, "PARALLAX_LOAD_PATHS": str(paths_file)},
                timeout=options.run_time + 120,
                check=False,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(
        f"\n{options.users} users for {options.run_time} s against gunicorn "
        f"({options.workers} workers) on loopback; targets: 0 errors, p95 <= {TARGET_P95_MS} ms.\n"
    )
    print("| page | requests | errors | req/s | p50 | p95 | max |")
    print("|---|---|---|---|---|---|---|")
    missed = False
    for row in read_stats(prefix):
        name = row["Name"]
        errors = int(row["Failure Count"])
        p95 = float(row["95%"])
        print(
            f"| {name} | {row['Request Count']} | {errors} | {float(row['Requests/s']):.1f} | "
            f"{row['50%']} ms | {row['95%']} ms | {float(row['Max Response Time']):.0f} ms |"
        )
        missed |= errors > 0 or p95 > TARGET_P95_MS
    print(f"\nTargets {'MISSED' if missed else 'met'}.")
    if options.check and missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
