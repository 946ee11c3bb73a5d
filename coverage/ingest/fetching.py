"""Fetch a public web page or feed on an editor's behalf, safely.

A URL typed by an editor makes the server connect somewhere, so a careless fetch is a
way into the private network around it (server-side request forgery). Every hop is
therefore checked: http and https only; every address the host name resolves to must
be public; and the connection goes to the address that was checked, not to a second
DNS answer, so a rebinding name server cannot swap it. Redirects are followed by hand
and each one is checked the same way. Bodies are capped in size and in time.

urllib3 is used directly (not requests) so no proxy from the environment is applied
and the pool can connect to a checked IP while TLS still verifies the host name.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    NewConnectionError,
    ReadTimeoutError,
    SSLError,
)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)
MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
DEADLINE_SECONDS = 30.0
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "Mozilla/5.0 (compatible; Parallax news-coverage reader)"
CHUNK_BYTES = 64 * 1024
# IPv6 addresses that a NAT64 gateway translates to the IPv4 address in their last bits.
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")

PRIVATE_ADDRESS = (
    "This address points inside a private network; Parallax only fetches public web pages."
)


class FetchProblem(Exception):
    """A page that could not be fetched; the message says why in plain language."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # where the page was found, after redirects
    content: bytes
    content_type: str


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, without brackets
    port: int
    path: str

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default_port = 443 if self.scheme == "https" else 80
        return host if self.port == default_port else f"{host}:{self.port}"


def fetch(
    url: str,
    *,
    accept: Collection[str] = HTML_TYPES,
    timeout: float = TIMEOUT_SECONDS,
    deadline: float = DEADLINE_SECONDS,
    max_bytes: int = MAX_BYTES,
    allow_private_hosts: Collection[str] | None = None,
) -> FetchedPage:
    """Fetch a public http(s) URL whose content type is one of `accept`.

    `timeout` bounds connecting and each read; `deadline` bounds the whole fetch.
    Host names or IPs in `allow_private_hosts` (default: the
    PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS setting) may be private. Raises FetchProblem.
    """
    if allow_private_hosts is None:
        allow_private_hosts = settings.PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS
    allowed = {host.strip("[]").lower() for host in allow_private_hosts}
    give_up_at = time.monotonic() + deadline
    for _hop in range(MAX_REDIRECTS + 1):
        target = _parse(url)
        with _plain_errors(target.host, timeout):
            remaining = give_up_at - time.monotonic()
            if remaining <= 0:
                raise ReadTimeoutError(None, url, "deadline")
            addresses = _checked_addresses(target, allowed)
            pool, response = _connect(target, addresses, accept, min(timeout, remaining))
            try:
                location = response.headers.get("Location")
                if response.status in REDIRECT_STATUSES and location:
                    url = urljoin(url, location.strip())
                    continue
                _check_status(response.status, url)
                content_type = _media_type(response.headers.get("Content-Type", ""))
                if content_type not in accept:
                    raise FetchProblem(_wrong_type_message(content_type, accept))
                content = _read_capped(response, max_bytes, give_up_at)
                return FetchedPage(url=url, content=content, content_type=content_type)
            finally:
                response.release_conn()
                pool.close()
    raise FetchProblem(
        f"The address redirected more than {MAX_REDIRECTS} times; open it in a browser "
        "and use the address of the page you end up on."
    )


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is on the public internet (not loopback, private, link-local,
    multicast, reserved, unspecified or otherwise special), looking inside IPv6 forms
    that carry an IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if address.teredo:
            embedded = address.teredo[1]
        if address in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and not is_public_address(embedded):
            return False
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _parse(url: str) -> _Target:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchProblem(
            f"Parallax fetches only http:// and https:// addresses, not {url[:200]!r}."
        )
    try:
        port = parts.port or (443 if scheme == "https" else 80)
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        host = ""
    if not host:
        raise FetchProblem(f"{url[:200]!r} is not a complete web address.")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return _Target(scheme=scheme, host=host, port=port, path=path)


def _checked_addresses(target: _Target, allowed: set[str]) -> list[str]:
    """The addresses to connect to, refusing the host if any of them is not public.

    An allowed host counts only as written in the URL: allowing "127.0.0.1" does not
    allow "localhost", so a redirect cannot reach an allowed server under another name.
    """
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchProblem(
            f"Could not find the site {target.host}. Check the address for typos."
        ) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if target.host.lower() in allowed:
        return addresses
    if not all(is_public_address(ipaddress.ip_address(address)) for address in addresses):
        raise FetchProblem(PRIVATE_ADDRESS)
    return addresses


def _connect(
    target: _Target, addresses: list[str], accept: Collection[str], timeout: float
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    """Send the request to the first checked address that accepts a connection."""
    headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    for number, address in enumerate(addresses, start=1):
        options = {
            "port": target.port,
            "timeout": urllib3.Timeout(connect=timeout, read=timeout),
            "maxsize": 1,
            "retries": False,
        }
        pool = (
            urllib3.HTTPSConnectionPool(
                address,
                server_hostname=target.host,
                assert_hostname=target.host,
                cert_reqs="CERT_REQUIRED",
                **options,
            )
            if target.scheme == "https"
            else urllib3.HTTPConnectionPool(address, **options)
        )
        try:
            response = pool.urlopen(
                "GET",
                target.path,
                headers=headers,
                redirect=False,
                preload_content=False,
                assert_same_host=False,
            )
        except NewConnectionError:
            pool.close()
            if number == len(addresses):
                raise
        except BaseException:
            pool.close()
            raise
        else:
            return pool, response
    raise FetchProblem(f"Could not find the site {target.host}.")


@contextmanager
def _plain_errors(host: str, timeout: float) -> Iterator[None]:
    """Turn network errors into messages an editor can act on."""
    try:
        yield
    except NewConnectionError:
        raise FetchProblem(
            f"Could not connect to {host}. The site may be down, or the address may be wrong."
        ) from None
    except (ConnectTimeoutError, ReadTimeoutError, TimeoutError):
        raise FetchProblem(
            f"{host} took too long to answer (more than {timeout:g} seconds). Try again "
            "later, or paste the article's text instead."
        ) from None
    except SSLError:
        raise FetchProblem(
            f"Could not open a secure connection to {host}: its certificate is not valid."
        ) from None
    except DecodeError:
        raise FetchProblem(f"{host} sent a page that could not be decompressed.") from None
    except (urllib3.exceptions.HTTPError, OSError):
        raise FetchProblem(
            f"The connection to {host} failed part-way. Try again, or paste the article's "
            "text instead."
        ) from None


def _check_status(status: int, url: str) -> None:
    if status < 400 and status not in REDIRECT_STATUSES:
        return
    if status in (404, 410):
        raise FetchProblem(f"There is no page at {url} (error {status}). Check the address.")
    if status in (401, 403, 451):
        raise FetchProblem(
            f"The site refused to show {url} (error {status}); it may need a login or block "
            "automatic readers. Copy the text and use “Paste text” instead."
        )
    if status == 429:
        raise FetchProblem("The site says too many requests (error 429); try again later.")
    if status >= 500:
        raise FetchProblem(f"The site had a problem (error {status}); try again later.")
    raise FetchProblem(f"The site answered with error {status} for {url}.")


def _media_type(header: str) -> str:
    message = Message()
    message["Content-Type"] = header
    return message.get_content_type() if header else ""


def _wrong_type_message(content_type: str, accept: Collection[str]) -> str:
    found = content_type or "content of no declared type"
    if accept == FEED_TYPES:
        return f"This address is not an RSS or Atom feed (it serves {found})."
    return (
        f"This address is not a web page (it serves {found}); Parallax imports HTML pages. "
        "For other files, download them and use “Upload a file”."
    )


def _read_capped(response: urllib3.BaseHTTPResponse, max_bytes: int, give_up_at: float) -> bytes:
    too_big = FetchProblem(
        f"The page is larger than {filesizeformat(max_bytes)}, too large to import. Copy its "
        "text and use “Paste text” instead."
    )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        if time.monotonic() > give_up_at:
            raise ReadTimeoutError(None, "", "deadline")
        chunks.append(chunk)
    return b"".join(chunks)
