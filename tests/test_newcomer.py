"""A newcomer's `make test` passes without the browser and fault tools; CI's does not skip.

Runs pytest itself on one browser and one fault test file, in two test processes as
`make test` does, in a subprocess whose environment points at a Chromium and a PostgreSQL
that are not there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
NOT_THERE = {
    "PARALLAX_CHROMIUM": "/nonexistent/chromium",
    # Port 9 (discard) is never a PostgreSQL server.
    "PARALLAX_FAULT_POSTGRES_URL": "postgres://postgres@127.0.0.1:9",
}
INSTALL = "To run them: apt-get install chromium tesseract-ocr postgresql"


# One browser test file and one fault test (not its neighbours, which need a test
# database that each worker would migrate first).
BROWSER_AND_FAULT = (
    "tests/browser/test_phone.py",
    "tests/fault/test_two_workers.py::test_it_runs_each_queued_analysis_once_with_two_workers",
)


def run_pytest(*paths: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "PARALLAX_REQUIRE")) and key != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-n", "2", *paths],
        cwd=ROOT,
        env={**clean, **NOT_THERE, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_skips_the_browser_and_fault_tests_with_one_line_saying_what_to_install():
    done = run_pytest(*BROWSER_AND_FAULT)

    assert done.returncode == 0, done.stdout[-3000:]
    lines = [line for line in done.stdout.splitlines() if INSTALL in line]
    assert len(lines) == 1, done.stdout[-3000:]
    assert lines[0].startswith("Skipped ")
    assert "chromium, postgresql are missing" in lines[0]
    assert " failed" not in done.stdout


def test_it_fails_them_instead_where_ci_requires_the_tools():
    done = run_pytest(
        *BROWSER_AND_FAULT,
        PARALLAX_REQUIRE_TEST_TOOLS="1",
    )

    assert done.returncode == 1, done.stdout[-3000:]
    assert "PARALLAX_REQUIRE_TEST_TOOLS is set and this test needs chromium" in done.stdout
    assert "skipped" not in done.stdout


def test_ci_requires_the_tools_it_installs():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "export PARALLAX_REQUIRE_TEST_TOOLS=1" in ci
    assert "chromium" in ci and "tesseract-ocr" in ci


def test_it_hashes_test_passwords_fast():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_make_run_serves_without_debug_and_make_dev_with_it():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile[makefile.index("\nrun:") : makefile.index("\ndev:")]
    dev = makefile[makefile.index("\ndev:") : makefile.index("\nworker:")]
    assert "scripts/run_local.sh" in run
    assert "DEBUG=false" in (ROOT / "scripts" / "run_local.sh").read_text()
    assert "DEBUG=true" in dev and "runserver" in dev
