"""The production path: gunicorn with config/gunicorn.py, static files through whitenoise.

Runs real processes against a temporary SQLite database and static root, the way
scripts/serve.sh does, on a free port of 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def production_env(tmp_path_factory) -> dict[str, str]:
    """Production settings behind a TLS proxy (played by the tests' X-Forwarded-Proto
    header), with a database and static root of their own."""
    workdir = tmp_path_factory.mktemp("serve")
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_PROXY_SSL_HEADER": "true",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
    }
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return env


@pytest.fixture(scope="module")
def server(production_env) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "config/gunicorn.py"],
        cwd=ROOT,
        env={**production_env, "BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"gunicorn did not start:\n{process.stdout.read()}")
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0, "gunicorn did not stop cleanly on SIGTERM"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _get(url: str, *, https: bool = True) -> tuple[int, dict[str, str], bytes]:
    """GET as the TLS proxy would pass it on, or with https=False as plain http."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"} if https else {})
    try:
        with _opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_it_serves_pages_with_the_production_headers(server):
    status, headers, body = _get(f"{server}/")
    assert status == 200
    assert b"Parallax" in body
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_it_sends_plain_http_to_https(server):
    status, headers, _body = _get(f"{server}/outlets/", https=False)
    assert status == 301
    assert headers["Location"] == f"https://{server.removeprefix('http://')}/outlets/"


def test_it_answers_the_health_check_over_plain_http(server):
    status, _headers, body = _get(f"{server}/healthz", https=False)
    assert (status, body) == (200, b"ok")


def test_it_serves_hashed_static_files_cached_for_good(server):
    _status, _headers, body = _get(f"{server}/")
    stylesheet = re.search(rb'href="(/static/css/parallax\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the page should link the hashed stylesheet collectstatic made"
    status, headers, css = _get(f"{server}{stylesheet[1].decode()}")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]
    first_rule = (ROOT / "static/css/parallax.css").read_bytes().splitlines()[0]
    assert first_rule in css


def test_it_serves_the_htmx_script_from_the_same_origin(server):
    _status, _headers, body = _get(f"{server}/")
    script = re.search(rb'src="(/static/django_htmx/htmx-2\.min\.[0-9a-f]{12}\.js)"', body)
    assert script, "htmx should come from our static files, never a CDN"
    status, headers, _script = _get(f"{server}{script[1].decode()}")
    assert status == 200
    assert "immutable" in headers["Cache-Control"]


def test_it_answers_missing_static_files_with_404(server):
    status, _headers, _body = _get(f"{server}/static/css/missing.css")
    assert status == 404
