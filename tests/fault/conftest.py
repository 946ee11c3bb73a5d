"""Throwaway PostgreSQL databases and app subprocesses for the fault tests.

These tests kill workers and stop database servers, so they run the app as real
processes (manage.py migrate, db_worker, runserver) against a database of their own,
never the test database of the process running pytest. They need PostgreSQL: the
shared server at PARALLAX_FAULT_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432)
for the worker tests, and the server binaries under /usr/lib/postgresql for a private
cluster in the restart test, which also watches a page in the browser tests' Chromium.
Without them the tests are skipped, or fail where PARALLAX_REQUIRE_TEST_TOOLS is set
(CI): see tests/conftest.py.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
import pytest
from playwright.sync_api import Page, sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS
from tests.conftest import CHROMIUM, FAULT_POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]
SHARED_POSTGRES_URL = FAULT_POSTGRES_URL


def wait_for(check: Callable[[], object], *, timeout: float, what: str, every: float = 0.2):
    """Poll until ``check`` returns something truthy, and return it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class App:
    """The app as subprocesses against one database."""

    database_url: str
    settings: dict[str, str] = field(default_factory=dict)
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTEST_", "DJANGO_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DATABASE_URL=self.database_url,
            PYTHONUNBUFFERED="1",
            **self.settings,
        )
        return env

    def manage(self, *args: str, timeout: float = 300) -> str:
        return self._run([sys.executable, "manage.py", *args], timeout)

    def scenario(self, *args: str, timeout: float = 120):
        return json.loads(self._run([sys.executable, "-m", "tests.fault.scenario", *args], timeout))

    def _run(self, command: list[str], timeout: float) -> str:
        done = subprocess.run(
            command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise AssertionError(f"{' '.join(command[1:])} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def start(self, *args: str, log: Path) -> subprocess.Popen:
        """A long-running manage.py command in its own process group, logging to a file."""
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start_worker(self, worker_id: str, log_dir: Path) -> subprocess.Popen:
        return self.start(
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            "--worker-id",
            worker_id,
            log=log_dir / f"{worker_id}.log",
        )

    def serve(self, log_dir: Path) -> str:
        """runserver on a free port; returns its base URL once it answers."""
        port = free_port()
        self.start(
            "runserver",
            "--noreload",
            "--nothreading",
            f"127.0.0.1:{port}",
            log=log_dir / "server.log",
        )
        base = f"http://127.0.0.1:{port}"

        def answers() -> bool:
            try:
                return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        wait_for(answers, timeout=60, what="the web server to answer")
        return base

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _connect_shared(dbname: str = "postgres") -> psycopg.Connection:
    try:
        return psycopg.connect(
            f"{SHARED_POSTGRES_URL}/{dbname}", autocommit=True, connect_timeout=5
        )
    except psycopg.OperationalError as error:
        pytest.fail(
            f"The fault tests need PostgreSQL at {SHARED_POSTGRES_URL} "
            f"(set PARALLAX_FAULT_POSTGRES_URL): {error}"
        )


def drop_database(name: str) -> None:
    with _connect_shared() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def migrated_template() -> Iterator[str]:
    """A migrated database for this test process to copy: CREATE DATABASE ... TEMPLATE
    copies files in a fraction of a second, where migrating takes several seconds."""
    name = f"parallax_fault_template_{secrets.token_hex(4)}"
    with _connect_shared() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        App(f"{SHARED_POSTGRES_URL}/{name}").manage("migrate", "--noinput")
        yield name
    finally:
        drop_database(name)


@pytest.fixture
def fault_database(migrated_template: str) -> Iterator[str]:
    """A new, migrated PostgreSQL database on the shared server, dropped afterwards."""
    name = f"parallax_fault_{secrets.token_hex(4)}"
    with _connect_shared() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{migrated_template}"')
    try:
        yield f"{SHARED_POSTGRES_URL}/{name}"
    finally:
        drop_database(name)


@pytest.fixture
def app(fault_database: str) -> Iterator[App]:
    running = App(fault_database)
    yield running
    running.stop_all()


def query(database_url: str, sql: str, *params) -> list[tuple]:
    with psycopg.connect(database_url, autocommit=True) as connection:
        return connection.execute(sql, params).fetchall()


# Cheap checks to poll while waiting: one query, where app.scenario starts a Django
# process (a second of CPU each, taken from the workers under test).


def run_states(app: App) -> list[tuple[str, str | None]]:
    """Each analysis run's status and its task's status, oldest run first."""
    return query(
        app.database_url,
        "SELECT run.status, task.status FROM coverage_analysisrun run"
        " LEFT JOIN django_tasks_database_dbtaskresult task ON task.id::text = run.task_id"
        " ORDER BY run.id",
    )


def runs_finished(app: App, count: int) -> bool:
    """Whether there are ``count`` runs and the last one is neither queued nor running."""
    states = run_states(app)
    return len(states) == count and states[-1][0] not in ("queued", "running")


def task_status(app: App, task: str) -> str | None:
    found = query(
        app.database_url,
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE id::text = %s",
        task,
    )
    return found[0][0] if found else None


# A private PostgreSQL server, so a test may stop and start it without disturbing
# anyone else using the shared one.


def _postgres_bin() -> Path:
    return sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1].parent


@dataclass
class PrivateCluster:
    directory: Path
    port: int
    bin: Path

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/parallax"

    def _as_owner(self, *command: str) -> None:
        # PostgreSQL refuses to run as root, so root runs it as the postgres user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._as_owner(
            str(self.bin / "pg_ctl"),
            "start",
            "--wait",
            "-D",
            str(self.directory / "data"),
            "-l",
            str(self.directory / "server.log"),
            "-o",
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory}",
        )

    def stop(self) -> None:
        self._as_owner(
            str(self.bin / "pg_ctl"),
            "stop",
            "--wait",
            "-m",
            "fast",
            "-D",
            str(self.directory / "data"),
        )


@pytest.fixture
def private_cluster() -> Iterator[PrivateCluster]:
    # Not pytest's tmp_path: its parent is private to root, and the server runs as postgres.
    directory = Path(tempfile.mkdtemp(prefix="parallax-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    cluster = PrivateCluster(directory=directory, port=free_port(), bin=_postgres_bin())
    cluster._as_owner(
        str(cluster.bin / "initdb"),
        "-D",
        str(directory / "data"),
        "-U",
        "postgres",
        "-A",
        "trust",
        "--no-sync",
    )
    cluster.start()
    try:
        with psycopg.connect(
            f"postgres://postgres@127.0.0.1:{cluster.port}/postgres", autocommit=True
        ) as admin:
            admin.execute("CREATE DATABASE parallax")
        yield cluster
    finally:
        subprocess.run(
            [
                *(["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []),
                str(cluster.bin / "pg_ctl"),
                "stop",
                "-m",
                "immediate",
                "-D",
                str(directory / "data"),
            ],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(directory, ignore_errors=True)


def log_in(base: str, username: str, password: str) -> httpx.Client:
    """An HTTP client logged in through the real login form, sending its CSRF token."""
    client = httpx.Client(base_url=base, timeout=30)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"]
    response = client.post(
        "/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302, response.text[:500]
    client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
    return client


@pytest.fixture
def reader() -> Iterator[Page]:
    """A Chromium page, for what htmx shows a reader (the browser tests' Chromium)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()
