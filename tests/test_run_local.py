"""`make run`, as a teacher runs Parallax on a laptop: scripts/run_local.sh.

Runs the script for real, against a database, static root and secret key of its own
on a free port: DEBUG is off, so a missing page is Parallax's own 404 page, static
files come from whitenoise, and a secret key is made once and kept private.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def laptop(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    workdir = tmp_path_factory.mktemp("laptop")
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_", "DEBUG", "SECRET_KEY"))
    }
    env.update(
        BIN=str(Path(sys.executable).parent),
        PORT=str(port),
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        PARALLAX_LOCAL_SECRET_FILE=str(workdir / "secret"),
    )
    process = subprocess.Popen(
        ["scripts/run_local.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    os.killpg(process.pid, signal.SIGKILL)
                    pytest.fail(f"make run did not start:\n{process.stdout.read()}")
                time.sleep(0.3)
        yield base, workdir
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_a_missing_page_is_parallax_s_own_404_page(laptop):
    base, _ = laptop
    status, body = _get(f"{base}/no-such-page/")
    assert status == 404
    page = body.decode()
    assert "There is no such page." in page and "See all events" in page
    assert "URLconf" not in page and "Traceback" not in page


def test_it_serves_the_demo_and_its_static_files_through_whitenoise(laptop):
    base, _ = laptop
    status, body = _get(f"{base}/")
    assert status == 200 and b"Kestrel harbour bridge" in body
    stylesheet = re.search(rb'href="(/static/css/parallax\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the page should link the stylesheet collectstatic made"
    assert _get(f"{base}{stylesheet[1].decode()}")[0] == 200


def test_its_secret_key_is_made_once_and_kept_private(laptop):
    _, workdir = laptop
    secret = workdir / "secret"
    assert len(secret.read_text().strip()) >= 50
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
