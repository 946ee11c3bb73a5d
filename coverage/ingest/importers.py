"""Read the articles editors bring: text files, HTML pages, JSON, CSV and feeds.

Each parser takes bytes and returns article dicts in the import_event schema
(outlet, title, text and optionally url, published_at, author, outlet_homepage);
services.add_articles validates and stores them, so the rules live in one place.
Input that cannot be read raises ImportProblem saying what is wrong and what to do.
HTML is reduced to plain text here; no markup from a file or page is kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import logging
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

import feedparser
import trafilatura
from django.utils.html import strip_tags
from django.utils.text import Truncator

from coverage.services.errors import ImportProblem

logger = logging.getLogger(__name__)

UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".json", ".csv")
CSV_REQUIRED_COLUMNS = ("outlet", "title", "text")
CSV_OPTIONAL_COLUMNS = ("url", "published_at", "author", "outlet_homepage")
# The model's field lengths; metadata from someone else's page is clipped, not refused.
MAX_TITLE, MAX_AUTHOR, MAX_OUTLET = 500, 300, 200
# An import_event file nests four levels (event, articles, article, field); this leaves
# room for anything reasonable and refuses what only an attack or a bug produces.
MAX_JSON_DEPTH = 20
# Fewer words than this is a notice such as "Please enable JavaScript", not an article.
MIN_PAGE_WORDS = 20


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    published: dt.datetime | None
    summary: str  # plain text


def decode_utf8(data: bytes, *, kind: str = "file") -> str:
    """UTF-8 text with or without a byte-order mark; anything else is refused."""
    try:
        text: str | None = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    # NUL characters mean UTF-16 or a binary file, and PostgreSQL cannot store them.
    if text is None or "\x00" in text:
        raise ImportProblem(
            f"The {kind} is not UTF-8 text (it may be in a Windows or Excel encoding). Save it "
            "as UTF-8 (in a spreadsheet: “CSV UTF-8”) and upload it again."
        )
    return text


def parse_upload(filename: str, data: bytes, *, outlet: str = "") -> list[dict[str, Any]]:
    """The articles in an uploaded file, read according to its extension."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".txt":
        return [parse_text_file(data, outlet=outlet)]
    if suffix in (".html", ".htm"):
        return [parse_html(data, outlet=outlet)]
    if suffix == ".json":
        return parse_json(data)
    if suffix == ".csv":
        return parse_csv(data)
    raise ImportProblem(
        f"Parallax reads .txt, .html, .json and .csv files, not “{suffix or filename}”. "
        "Save the article in one of those formats, or paste its text."
    )


def parse_text_file(data: bytes, *, outlet: str) -> dict[str, Any]:
    """A plain-text article: the first line is the title, the rest is the text."""
    if not outlet.strip():
        raise ImportProblem("Say which outlet published this text file.")
    lines = decode_utf8(data).replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    title, text = lines[0].strip(), "\n".join(lines[1:]).strip()
    if not title:
        raise ImportProblem("The file is empty.")
    if not text:
        raise ImportProblem(
            "The file has a title line but no text below it. Put the title on the first line "
            "and the article's text on the lines after it."
        )
    return {"outlet": outlet.strip(), "title": title, "text": text}


def parse_html(data: bytes, *, outlet: str = "", url: str = "") -> dict[str, Any]:
    """The main text and metadata of an HTML page, as plain text.

    The outlet is `outlet` if given, else the page's site name, else its host name.
    """
    try:
        document = trafilatura.bare_extraction(
            data,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except Exception:
        # trafilatura can fail in many ways on broken markup; none should become a 500.
        logger.warning("Could not extract text from %s", url or "an uploaded page", exc_info=True)
        document = None
    text = (getattr(document, "text", None) or "").strip()
    if len(text.split()) < MIN_PAGE_WORDS:
        raise ImportProblem(
            "No article text was found on this page. It may need JavaScript or a login to "
            "show the article; open it in a browser, copy the text and use “Paste text”."
        )
    title = " ".join((document.title or "").split())
    lines = text.split("\n")
    if len(lines) > 1 and " ".join(lines[0].split()) == title:
        text = "\n".join(lines[1:]).strip()
    page_url = url or document.url or ""
    outlet = outlet.strip() or (document.sitename or "").strip() or _host(page_url)
    if not outlet:
        raise ImportProblem("The page does not name its site; say which outlet published it.")
    return {
        "outlet": _clip(outlet, MAX_OUTLET),
        "title": _clip(title or text, MAX_TITLE if title else 80),
        "text": text,
        "url": page_url if urlsplit(page_url).scheme in ("http", "https") else "",
        "published_at": document.date or "",
        "author": _clip(document.author or "", MAX_AUTHOR),
    }


class TooDeeplyNested(ValueError):
    """JSON with lists or objects nested deeper than any import file needs."""


def load_json(text: str) -> Any:
    """Decoded JSON, refusing nesting deeper than MAX_JSON_DEPTH.

    ``json.loads`` itself gives up (RecursionError) only past about 1,000 levels; a few
    hundred already exhaust the stack of whatever walks the result recursively next.
    Raises json.JSONDecodeError or TooDeeplyNested.
    """
    try:
        payload = json.loads(text)
    except RecursionError:
        raise TooDeeplyNested from None
    if _depth_exceeds(payload, MAX_JSON_DEPTH):
        raise TooDeeplyNested
    return payload


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` levels; walked without recursion."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False


def parse_json(data: bytes) -> list[dict[str, Any]]:
    """Articles from the import_event schema: an object with "articles", or a bare list."""
    try:
        payload = load_json(decode_utf8(data))
    except json.JSONDecodeError as error:
        raise ImportProblem(
            f"The file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from None
    except TooDeeplyNested:
        raise ImportProblem(
            "The JSON is nested too deeply to read. Use the import_event format: "
            '{"articles": [{"outlet": …, "title": …, "text": …}]}.'
        ) from None
    if isinstance(payload, dict):
        if "articles" not in payload:
            raise ImportProblem(
                'The JSON object has no "articles" list. Use the import_event format: '
                '{"articles": [{"outlet": …, "title": …, "text": …}]}.'
            )
        payload = payload["articles"]
    if not isinstance(payload, list):
        raise ImportProblem('The JSON must be an object with "articles", or a list of articles.')
    if not payload:
        raise ImportProblem("The file lists no articles.")
    if _has_nul(payload):
        raise ImportProblem("The file contains NUL characters (\\u0000); remove them.")
    return payload


def parse_csv(data: bytes) -> list[dict[str, Any]]:
    """One article per row; the header row names the columns."""
    text = decode_utf8(data, kind="CSV file")
    if not text.strip():
        raise ImportProblem("The CSV file is empty.")
    # Spreadsheets in many languages save with semicolons; the header shows which is used.
    header_line = text.lstrip().split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)
    # Article texts are long; the csv module's default cell limit is 128 KB.
    csv.field_size_limit(max(csv.field_size_limit(), len(data)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [" ".join(cell.split()).lower().replace(" ", "_") for cell in next(reader)]
        missing = [column for column in CSV_REQUIRED_COLUMNS if column not in header]
        if missing:
            raise ImportProblem(
                f"The CSV is missing the column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}. Its first row must name the columns outlet, title and "
                "text (url, published_at and author are optional); it names "
                f"{', '.join(cell for cell in header if cell) or 'nothing'}."
            )
        columns = {
            name: header.index(name)
            for name in CSV_REQUIRED_COLUMNS + CSV_OPTIONAL_COLUMNS
            if name in header
        }
        articles = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise ImportProblem(
                    f"Line {reader.line_num} of the CSV has more cells than the header has "
                    "columns. Put double quotes around text that contains commas."
                )
            articles.append(
                {
                    name: row[index].strip() if index < len(row) else ""
                    for name, index in columns.items()
                }
            )
    except csv.Error as error:
        raise ImportProblem(
            f"The CSV could not be read at line {reader.line_num}: {error}. Text with commas, "
            'quotes or line breaks must be in double quotes, with inner quotes doubled ("").'
        ) from None
    if not articles:
        raise ImportProblem("The CSV has a header row but no articles below it.")
    return articles


def parse_feed(data: bytes) -> list[FeedItem]:
    """The items of an RSS or Atom feed that link to a web page."""
    # A stream, never bytes or str: feedparser treats those as a path or URL to open.
    feed = feedparser.parse(io.BytesIO(data))
    if not feed.get("version") and not feed.entries:
        raise ImportProblem("This address does not hold an RSS or Atom feed.")
    if not feed.entries:
        raise ImportProblem("The feed has no items at the moment.")
    items = []
    for entry in feed.entries:
        link = (entry.get("link") or "").strip()
        if urlsplit(link).scheme not in ("http", "https"):
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(
            FeedItem(
                title=_plain(entry.get("title") or link),
                link=link,
                published=dt.datetime(*published[:6], tzinfo=dt.UTC) if published else None,
                summary=Truncator(_plain(entry.get("summary") or "")).chars(300),
            )
        )
    if not items:
        raise ImportProblem("None of the feed's items links to a web page.")
    return items


def filter_feed_items(
    items: list[FeedItem], *, keyword: str = "", since: dt.date | None = None
) -> list[FeedItem]:
    """Items whose title or summary holds every word of `keyword`, published on or after
    `since` (items without a date are left out when a date is given)."""
    words = keyword.lower().split()
    return [
        item
        for item in items
        if all(word in f"{item.title} {item.summary}".lower() for word in words)
        and (since is None or (item.published is not None and item.published.date() >= since))
    ]


def _has_nul(value: Any) -> bool:
    """Whether decoded JSON holds a NUL character, which PostgreSQL cannot store."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _plain(markup: str) -> str:
    """Feed titles and summaries are HTML; keep only their text."""
    return " ".join(html.unescape(strip_tags(markup)).split())


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _clip(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else Truncator(value).chars(limit)
