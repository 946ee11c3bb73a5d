"""The safe fetcher, against a real local web server and real addresses (no mocks)."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coverage.ingest import fetching
from coverage.ingest.fetching import PRIVATE_ADDRESS, FetchProblem, fetch
from tests.conftest import LocalSite

HTML = "<!doctype html><html><body><p>Hello</p></body></html>"


def problem_of(url: str, **options) -> str:
    with pytest.raises(FetchProblem) as raised:
        fetch(url, **options)
    return str(raised.value)


# Refused addresses, checked before connecting


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.2:8000/admin",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/router",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[::1]/",
        "http://[::]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a00:1]/",
        "http://[2002:7f00:1::]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://localhost/",
        "http://LOCALHOST:8000/",
        "http://2130706433/",
        "https://127.1/",
    ],
)
def test_it_refuses_private_and_special_addresses(settings, url):
    settings.PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS = []
    assert problem_of(url, timeout=1) == PRIVATE_ADDRESS


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:82b::200e"],
)
def test_public_addresses_are_public(address):
    assert fetching.is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/file", "file:///etc/passwd", "javascript:alert(1)", "gopher://x/"],
)
def test_it_fetches_only_http_and_https(url):
    assert "only http:// and https://" in problem_of(url)


def test_an_unknown_host_is_reported_plainly():
    # .invalid is reserved (RFC 2606) and never resolves, so no query leaves the machine.
    assert "Could not find the site nowhere.invalid" in problem_of("http://nowhere.invalid/")


# The local server stands in for the public web.


def test_it_fetches_a_page_and_sends_the_host_name(local_site):
    url = local_site.add("/page", HTML)
    page = fetch(url)
    assert (page.url, page.content, page.content_type) == (url, HTML.encode(), "text/html")
    path, headers = local_site.requests[-1]
    assert path == "/page"
    assert headers["Host"] == local_site.base.removeprefix("http://")


def test_a_listed_host_name_connects_to_the_address_it_resolved_to(local_site, settings):
    settings.PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS = ["localhost"]
    local_site.add("/page", HTML)
    port = local_site.server.server_address[1]
    page = fetch(f"http://localhost:{port}/page")
    assert page.content == HTML.encode()
    assert local_site.requests[-1][1]["Host"] == f"localhost:{port}"


def test_it_follows_redirects_checking_each_hop(local_site):
    target = local_site.add("/final", HTML)
    local_site.add("/first", status=301, headers={"Location": "/second"})
    local_site.add("/second", status=302, headers={"Location": target})
    assert fetch(local_site.url("/first")).url == target


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost/",
    ],
)
def test_a_redirect_into_the_private_network_is_refused(local_site, location):
    local_site.add("/hop", status=302, headers={"Location": location})
    assert problem_of(local_site.url("/hop"), timeout=1) == PRIVATE_ADDRESS


def test_a_redirect_to_another_loopback_port_is_refused_when_only_the_server_is_allowed(
    local_site, settings
):
    settings.PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS = []
    assert problem_of(local_site.url("/"), timeout=1) == PRIVATE_ADDRESS
    settings.PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    local_site.add("/hop", status=307, headers={"Location": "http://127.0.0.2:1/"})
    assert problem_of(local_site.url("/hop"), timeout=1) == PRIVATE_ADDRESS


def test_a_redirect_to_another_scheme_is_refused(local_site):
    local_site.add("/hop", status=302, headers={"Location": "file:///etc/passwd"})
    assert "only http:// and https://" in problem_of(local_site.url("/hop"))


def test_it_stops_after_five_redirects(local_site):
    local_site.add("/loop", status=302, headers={"Location": "/loop"})
    assert "redirected more than 5 times" in problem_of(local_site.url("/loop"))
    assert len(local_site.requests) == 6


def test_a_missing_page_is_a_404_message(local_site):
    assert "There is no page at" in problem_of(local_site.url("/nope"))
    assert "(error 404)" in problem_of(local_site.url("/nope"))


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (403, "may need a login"),
        (410, "There is no page"),
        (429, "too many requests"),
        (500, "The site had a problem (error 500)"),
        (418, "error 418"),
    ],
)
def test_http_errors_have_plain_messages(local_site, status, message):
    assert message in problem_of(local_site.add("/page", HTML, status=status))


def test_other_content_types_are_refused(local_site):
    pdf = local_site.add("/file.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert "not a web page (it serves application/pdf)" in problem_of(pdf)
    untyped = local_site.add("/untyped", HTML, content_type="")
    assert "not a web page" in problem_of(untyped)
    assert "not an RSS or Atom feed (it serves text/html)" in problem_of(
        local_site.add("/page", HTML), accept=fetching.FEED_TYPES
    )


def test_feeds_are_fetched_with_feed_types(local_site):
    url = local_site.add_fixture("/feed", "feed.rss", content_type="application/rss+xml")
    assert fetch(url, accept=fetching.FEED_TYPES).content_type == "application/rss+xml"


def test_a_page_declared_too_large_is_refused_before_reading(local_site):
    url = local_site.add("/big", b"x" * (fetching.MAX_BYTES + 1))
    assert "larger than 5.0\xa0MB" in problem_of(url)


def test_a_page_that_grows_too_large_is_cut_off_while_streaming(local_site):
    url = local_site.add("/big", b"x" * (fetching.MAX_BYTES + 100_000), declare_length=False)
    assert "larger than 5.0\xa0MB" in problem_of(url)
    small = local_site.add("/small", b"x" * 5000, declare_length=False)
    assert "larger than" in problem_of(small, max_bytes=1000)


def test_a_slow_server_times_out(local_site):
    url = local_site.add("/slow", HTML, delay=2)
    started = time.monotonic()
    assert "took too long to answer" in problem_of(url, timeout=0.5)
    assert time.monotonic() - started < 1.5


def test_a_trickling_server_hits_the_overall_deadline(local_site):
    url = local_site.add("/trickle", HTML, trickle=True)
    started = time.monotonic()
    assert "took too long to answer" in problem_of(url, timeout=1, deadline=0.7)
    assert time.monotonic() - started < 2


def test_an_unreachable_port_is_reported(local_site):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert "Could not connect to 127.0.0.1" in problem_of(f"http://127.0.0.1:{port}/")


@pytest.fixture
def tls_site(tmp_path, local_site) -> Iterator[tuple[LocalSite, Path, list]]:
    """The local site behind TLS with a self-signed certificate for "localhost"."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )
    server_names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _socket, name, _context: server_names.append(name)
    local_site.server.socket = context.wrap_socket(local_site.server.socket, server_side=True)
    yield local_site, cert, server_names


def test_https_connects_to_the_checked_address_with_the_host_name_for_tls(
    tls_site, settings, monkeypatch
):
    site, cert, server_names = tls_site
    settings.PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS = ["localhost", "127.0.0.1"]
    site.add("/page", HTML)
    port = site.server.server_address[1]
    assert "certificate is not valid" in problem_of(f"https://localhost:{port}/page")
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    page = fetch(f"https://localhost:{port}/page")
    assert page.content == HTML.encode()
    assert server_names[-1] == "localhost"
    assert site.requests[-1][1]["Host"] == f"localhost:{port}"
    # The certificate names localhost, not the address it was reached at.
    assert "certificate is not valid" in problem_of(f"https://127.0.0.1:{port}/page")
