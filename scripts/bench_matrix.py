"""Measure the matrix page and the cell view of a large event, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/parallax_bench \\
        .venv/bin/python scripts/bench_matrix.py --requests 30

Prepares the benchmark database named in DATABASE_URL (creates it if missing; --recreate
drops it first, and only for a name containing "bench"), migrates it, collects the static
files, and creates the 40 x 400 event with scripts/generate_large_event.py unless it is
there already. Then, as in production (DEBUG off):

- in process, with Django's test client: the median and 95th percentile of the server
  time over --requests requests, the median CPU time of this Python process (the part
  other jobs on a shared machine cannot inflate much; it leaves out PostgreSQL's own
  time), the SQL query count and the HTML size of each page;
- over loopback HTTP through gunicorn (config/gunicorn.py): the median and 95th
  percentile wall time of the same requests, one at a time (--no-http skips it).

Prints a Markdown table for BENCHMARKS.md with each target (median <= 150 ms, <= 10
queries, HTML <= 2 MB). With --check the exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
TARGET_MEDIAN_MS = 150
TARGET_QUERIES = 10
TARGET_HTML_BYTES = 2 * 1024 * 1024
WARMUP_REQUESTS = 3


@dataclass
class Measurement:
    name: str
    path: str
    server_ms: list[float]
    cpu_ms: list[float]
    queries: int
    html_bytes: int
    http_ms: list[float] | None = None

    @property
    def meets_targets(self) -> bool:
        return (
            statistics.median(self.server_ms) <= TARGET_MEDIAN_MS
            and self.queries <= TARGET_QUERIES
            and self.html_bytes <= TARGET_HTML_BYTES
        )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def configure_environment(database_url: str) -> None:
    """Production-like settings for this process and the servers it starts."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"
    # Plain HTTP on loopback: no TLS proxy to redirect to.
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ.setdefault("SECRET_KEY", "parallax-benchmark-only-not-a-secret-" + "x" * 20)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def ensure_database(database_url: str, *, recreate: bool) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if recreate and "bench" not in name:
        sys.exit(f"--recreate drops the database; {name!r} does not look like a benchmark one.")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as admin:
        if recreate:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


def prepare(*, database_url: str, outlets: int, assertions: int, slug: str, recreate: bool):
    """The benchmark event, with the database migrated and static files collected."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "Set DATABASE_URL (or --database-url) to a PostgreSQL database, e.g. "
            "postgres://postgres@127.0.0.1:5432/parallax_bench: the targets are for PostgreSQL."
        )
    configure_environment(database_url)
    ensure_database(database_url, recreate=recreate)
    import django

    django.setup()
    from django.core.management import call_command
    from generate_large_event import create_large_event

    from coverage.models import Event

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        started = time.perf_counter()
        event = create_large_event(outlets=outlets, assertions=assertions, slug=slug)
        print(f"Created {slug} ({outlets} x {assertions}) in {time.perf_counter() - started:.1f} s")
    return event


def pages_to_measure(event) -> list[tuple[str, str]]:
    """The matrix page, its last page, and the cell of a mixed outlet on a middle row."""
    from django.db.models import Count

    from coverage.models import Outlet

    assertions = list(event.assertions.order_by("position").values_list("pk", flat=True))
    busiest = (
        Outlet.objects.filter(articles__event=event)
        .annotate(articles_here=Count("articles"))
        .order_by("-articles_here", "slug")
        .first()
    )
    base = event.get_absolute_url()
    last_page = (len(assertions) + 99) // 100
    return [
        ("Matrix page", base),
        (f"Matrix page {last_page}", f"{base}?page={last_page}"),
        ("Cell view", f"{base}cells/{assertions[len(assertions) // 2]}/{busiest.slug}/"),
    ]


def measure_in_process(name: str, path: str, requests: int) -> Measurement:
    from django.db import connection
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    for _ in range(WARMUP_REQUESTS):
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}; the benchmark needs a 200.")
    # Counted with a wrapper: a request may reconnect, which a query log would miss.
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    timings, cpu = [], []
    for _ in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return Measurement(name, path, timings, cpu, len(queries), len(response.content))


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(*, workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    """gunicorn with the production configuration on a free loopback port."""
    port = free_port()
    env = {
        **os.environ,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_ACCESS_LOG": str(log.with_suffix(".access.log")),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "--config", "config/gunicorn.py"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped at start; see {log}.")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.3)
    server.terminate()
    sys.exit(f"gunicorn did not answer within a minute; see {log}.")


def measure_http(base: str, measurements: list[Measurement], requests: int) -> None:
    import httpx

    with httpx.Client(base_url=base, timeout=30) as client:
        for measurement in measurements:
            for _ in range(WARMUP_REQUESTS):
                client.get(measurement.path).raise_for_status()
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(measurement.path).raise_for_status()
                timings.append((time.perf_counter() - started) * 1000)
            measurement.http_ms = timings


def summary(measurements: list[Measurement], *, outlets: int, assertions: int) -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        f"Event: {outlets} outlets x {assertions} assertions; load average {load} "
        f"on {os.cpu_count()} cores. "
        f"Targets: median <= {TARGET_MEDIAN_MS} ms, <= {TARGET_QUERIES} queries, HTML <= 2 MB.",
        "",
        "| page | server median (p95) | Python CPU median | HTTP median (p95) | queries | HTML "
        "| targets |",
        "|---|---|---|---|---|---|---|",
    ]
    for m in measurements:
        http = (
            f"{statistics.median(m.http_ms):.0f} ms ({percentile(m.http_ms, 0.95):.0f})"
            if m.http_ms
            else "not measured"
        )
        lines.append(
            f"| {m.name} | {statistics.median(m.server_ms):.0f} ms "
            f"({percentile(m.server_ms, 0.95):.0f}) | {statistics.median(m.cpu_ms):.0f} ms | "
            f"{http} | {m.queries} | "
            f"{m.html_bytes / 1024:.0f} KB | {'met' if m.meets_targets else 'MISSED'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="PostgreSQL database to benchmark in (default: $DATABASE_URL)",
    )
    parser.add_argument("--outlets", type=int, default=40)
    parser.add_argument("--assertions", type=int, default=400)
    parser.add_argument("--slug", default="large-event")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--no-http", action="store_true", help="skip the gunicorn measurement")
    parser.add_argument(
        "--recreate", action="store_true", help="drop and recreate the benchmark database"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    options = parser.parse_args(argv)
    if not 1 <= options.requests <= 1000:
        parser.error("--requests must be between 1 and 1000")

    event = prepare(
        database_url=options.database_url,
        outlets=options.outlets,
        assertions=options.assertions,
        slug=options.slug,
        recreate=options.recreate,
    )
    measurements = [
        measure_in_process(name, path, options.requests) for name, path in pages_to_measure(event)
    ]
    if not options.no_http:
        log = ROOT / "benchmarks" / "results" / "bench_matrix_gunicorn.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        server, base = start_gunicorn(workers=options.workers, log=log)
        try:
            measure_http(base, measurements, options.requests)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(summary(measurements, outlets=options.outlets, assertions=options.assertions))
    if options.check and not all(m.meets_targets for m in measurements):
        sys.exit(1)


if __name__ == "__main__":
    main()
