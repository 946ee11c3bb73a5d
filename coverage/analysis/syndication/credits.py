"""An article's own statements of where its text comes from.

"Read Full Article at RT.com", "Source: Korlat Times", "— Estrava Wire Service",
"with AFP", and agency datelines ("LONDON (Reuters) -").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from coverage.analysis.names import known_news_organisation, strip_accents


@dataclass(frozen=True)
class Credit:
    """An article's own statement that its text comes from elsewhere."""

    source: str  # as the article names it: "RT.com", "Reuters"
    quote: str  # the words that say so
    # An agency dateline ("LONDON (Reuters) -"): the agency's own copy carries it too.
    dateline: bool = False

    @property
    def key(self) -> str:
        return source_key(self.source)


def credits(text: str) -> list[Credit]:
    """Where the article says its text comes from (see ``_credits``)."""
    return list(_credits(text))


@functools.lru_cache(maxsize=1024)
def _credits(text: str) -> tuple[Credit, ...]:
    """Where the article says its text comes from: "Read Full Article at RT.com",
    "This story was first published by …", "Source: Korlat Times", "Reprinted from
    the Helvane Courier", "— Estrava Wire Service", "with AFP", "via Highland Herald",
    a known agency in brackets after a sentence ("..., the operator said (AFP).") and
    agency datelines ("LONDON (Reuters) -", "DRESSEL (CPA) -", "STAVRIN, 12 September.
    /VolkPress/."). One per source, in the order found."""
    found: dict[str, Credit] = {}
    text = unicodedata.normalize("NFKC", text)
    for pattern in [*_CREDIT_PATTERNS, _INNER_DATELINE]:
        for match in pattern.finditer(text):
            if pattern is _INNER_DATELINE and not _REPORTING_LINE.search(text, 0, match.start()):
                continue
            for group in ("source", "also"):
                if group not in pattern.groupindex or not match.group(group):
                    continue
                source = match.group(group).strip(" .,;:")
                if source.lower().startswith("the ") and source[4:5].islower():
                    continue
                if pattern is _BRACKETED_AGENCY and known_news_organisation(source) is None:
                    continue  # "... in the Democratic Republic (DRC)." names no agency
                credit = Credit(
                    source=source,
                    quote=match.group(0).strip(" -–—"),
                    dateline=pattern in _DATELINE_PATTERNS or pattern is _INNER_DATELINE,
                )
                if credit.key:
                    found.setdefault(credit.key, credit)
    return tuple(found.values())


def source_key(name: str) -> str:
    """ "RT.com", "www.rt.com" and "RT" -> "rt": how credits match outlet names and
    homepages; accents do not count ("Sjoposten" is "Sjøposten")."""
    name = strip_accents(name).lower().strip()
    name = re.sub(r"^(?:https?://)?(?:www\.)?(?:the )?", "", name).split("/")[0]
    name = re.sub(r"\.(?:com|org|net|co\.uk|co|info|news|ru|ua|uk|example)$", "", name)
    return re.sub(r"\W+", "", name)


# A source name as an article writes it: capitalised words or a domain, perhaps after
# a lower-case "the" ("Reprinted from the Helvane Courier").
_NAME = r"[A-Z0-9][\w&'’-]*(?:[ .][A-Z0-9][\w&'’-]*){0,4}(?:\.[a-z]{2,6})?"
_SOURCE = rf"(?:the )?(?P<source>{_NAME})"
_ALSO = rf"(?:[^\S\n]*[/,&][^\S\n]*|[^\S\n]+and[^\S\n]+)(?:the )?(?P<also>{_NAME})"
# An upper-case place, perhaps with a date, before an agency's name in a dateline.
_DATELINE_PLACE = r"[A-Z][A-Z'’. -]{2,40}(?:,[^\n()/]{0,40})?"
# An agency dateline: "LONDON (Reuters) -" at the start, "DRESSEL (CPA) -" at the start
# of a line, "STAVRIN, 12 September. /VolkPress/.".
_DATELINE_PATTERNS = [
    re.compile(r"\A[^\S\n]*[A-Z][^\n()]{0,60}\(" + _SOURCE + r"\)[^\S\n]*[-–—]"),
    re.compile(r"(?m)^[^\S\n]*" + _DATELINE_PLACE + r"\.?[^\S\n]*/" + _SOURCE + r"/"),
]
# A dateline further down, under an introduction the republisher wrote: "Families are
# waiting for news. ...\n\nDRESSEL (CPA) - A magnitude 5.8 earthquake ...".
_INNER_DATELINE = re.compile(
    r"(?m)^[^\S\n]*" + _DATELINE_PLACE + r"\(" + _SOURCE + r"\)[^\S\n]*[-–—]"
)
# An agency in brackets closing a sentence of a compiled briefing: "..., Orsengas said
# (AFP)." Only names of the curated list count, since a bracketed abbreviation at the
# end of a sentence is more often a name's short form ("the Defence Ministry (MoD).").
_BRACKETED_AGENCY = re.compile(
    r"[^\S\n]\((?P<source>" + _NAME + r")\)(?:[^\S\n]*\.(?=\s|$)|[^\S\n]*(?=\n|$))"
)
# A line of reporting: words ending a sentence, not a byline or a share button.
_REPORTING_LINE = re.compile(r"(?m)^.*\w.*\w[.!?][\"'”’]?[^\S\n]*$")
_CREDIT_PATTERNS = [
    re.compile(
        r"(?i:\bread (?:the )?(?:full|original|complete|whole|entire) "
        r"(?:article|story|report|text) (?:at|on|in) )" + _SOURCE
    ),
    re.compile(
        r"(?i:\b(?:this|the) (?:article|story|report|piece|dispatch) (?:was |is )?"
        r"(?:originally |first )?(?:published|appeared|ran) (?:by|on|in|at) )" + _SOURCE
    ),
    # "This report was supplied by the Kesteria News Agency and is republished ...".
    re.compile(
        r"(?i:\b(?:this|the) (?:article|story|report|piece|dispatch|text) (?:was |is |has been )?"
        r"(?:supplied|provided|distributed|syndicated) by )" + _SOURCE
    ),
    re.compile(
        r"(?i:\b(?:this|the) (?:article|story|report|piece) (?:by|from) (?:our )?(?:partner )?"
        r"(?:newspaper |agency |site |website )?)" + _SOURCE
    ),
    re.compile(
        r"(?i:\b(?:republished|reproduced|reprinted|syndicated) (?:here )?(?:with permission )?"
        r"(?:from|courtesy of|by) )" + _SOURCE
    ),
    re.compile(r"(?i:\binformation from )" + _SOURCE + r"(?i: (?:was|were|has been) used)"),
    # A credit line of its own: "Source: Halvia Daily Digest / NNA", "© Sjøposten."
    re.compile(
        r"(?m)^[^\S\n]*(?i:source|sources|via)[^\S\n]*:[^\S\n]*" + _SOURCE + f"(?:{_ALSO})?"
    ),
    re.compile(r"©[^\S\n]*(?:\d{4}[^\S\n]+)?" + _SOURCE),
    # "via Highland Herald" on a line of its own or in brackets: an aggregator's credit.
    re.compile(
        r"(?m)^[^\S\n]*(?:[—–-]{1,2}[^\S\n]*)?\(?(?i:via)[^\S\n]+"
        + _SOURCE
        + r"\)?[^\S\n]*\.?[^\S\n]*$"
    ),
    re.compile(r"\((?i:via)[^\S\n]+" + _SOURCE + r"\)"),
    # A sign-off: "— Estrava Wire Service", "— Keldan Observer foreign desk, with AFP".
    re.compile(r"(?m)^[^\S\n]*[—–-]{1,2}[^\S\n]*" + _SOURCE + r"[^\S\n]*$"),
    re.compile(
        r"(?i:\bwith (?:additional )?(?:reporting )?(?:from |via )?)"
        + rf"(?P<source>{_NAME})[^\S\n]*\.?[^\S\n]*$",
        re.M,
    ),
    *_DATELINE_PATTERNS,
    _BRACKETED_AGENCY,
]
