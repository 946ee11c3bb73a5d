"""The words that mark a citation and sort its source into a kind.

Speech verbs, the verbs only outlets use, nouns for something authored, and the words
that make a source anonymous, official, social media or a news organisation. Kept
apart from the parse rules so the lists can be read and extended at a glance.
"""

from __future__ import annotations

import re

from coverage.analysis.hedging import CITING_VERBS, MEDIA_NOUNS, SPEECH_VERBS
from coverage.analysis.sources.model import SourceKind

# Verbs beyond hedging.SPEECH_VERBS that pass on what a source holds to be true.
_MORE_SPEECH_VERBS = frozenset(
    {"acknowledge", "admit", "air", "argue", "blame", "broadcast", "carry", "contend"}
    | {"describe", "publish", "post"}
)
ATTRIBUTION_VERBS = SPEECH_VERBS | _MORE_SPEECH_VERBS
# Verbs only outlets do: their speaker is a media outlet. ("Publish" is not one:
# ministries publish reports too.)
MEDIA_VERBS = frozenset({"air", "broadcast", "carry", "cover"})
# Verbs of an outlet's own finding: "the Ostby Courier has learned that ...".
MEDIA_FINDING = frozenset({"learn", "understand", "establish"})
# Participles that pass on what their "by" agent published, whatever their tag:
# "footage broadcast by Kasvian state TV", "the reports, first carried by Glasník".
PUBLISHED_BY = frozenset(
    {"aired", "broadcast", "carried", "posted", "published", "released", "reported", "shown"}
)
# Nouns for something authored: "reports from Al Watan", "a poll by the Business Daily".
AUTHORED = frozenset(
    {"report", "poll", "survey", "study", "analysis", "article", "interview", "story"}
)

ANONYMOUS_HEADS = frozenset(
    {
        "source",
        "report",
        "insider",
        "official",
        "person",
        "people",
        "witness",
        "resident",
        "observer",
        "claim",
        "information",
        "media",
    }
)
SOCIAL_MEDIA_WORDS = frozenset(
    {
        "social",
        "telegram",
        "twitter",
        "tweet",
        "facebook",
        "vkontakte",
        "youtube",
        "tiktok",
        "instagram",
        "blogger",
        "blog",
        "x.com",
    }
)
OFFICIAL_WORDS = frozenset(
    {
        "ambassador",
        "army",
        "authorities",
        "authority",
        "commander",
        "defence",
        "defense",
        "diplomat",
        "directorate",
        "embassy",
        "government",
        "governor",
        "kremlin",
        "military",
        "minister",
        "ministry",
        "official",
        "pentagon",
        "police",
        "president",
        "prime",
        "spokesman",
        "spokesperson",
        "spokeswoman",
    }
)
# Words that make up the names of newspapers, agencies and broadcasters.
MEDIA_NAME_WORDS = frozenset(
    {
        "agency",
        "broadcaster",
        "broadcasting",
        "chronicle",
        "courier",
        "daily",
        "digest",
        "dnevnik",
        "express",
        "gazeta",
        "gazette",
        "herald",
        "journal",
        "monitor",
        "news",
        "novosti",
        "observer",
        "post",
        "press",
        "radio",
        "telegraph",
        "television",
        "times",
        "tribune",
        "tv",
        "wire",
    }
)
# What a body cites as its reason, not as its source: "citing a faster-than-expected
# fall in inflation", "citing security concerns".
CITED_REASONS = frozenset(
    {"fall", "rise", "increase", "decrease", "decline", "drop", "surge", "slowdown"}
    | {"concern", "reason", "risk", "need", "lack", "shortage", "pressure", "growth"}
    | {"weakness", "uncertainty", "inflation", "condition", "weather", "cost", "demand"}
)
# Definite descriptions that point back to an earlier source: "the source", "the diplomat".
ANAPHOR_KINDS = {
    "source": SourceKind.ANONYMOUS,
    "sources": SourceKind.ANONYMOUS,
    **dict.fromkeys(MEDIA_NOUNS - {"report", "article", "statement"}, SourceKind.MEDIA),
    **dict.fromkeys(OFFICIAL_WORDS, SourceKind.OFFICIAL),
}
# Stems of the speech verbs and their irregular forms; "note" only as a verb, not "not".
_MAY_CITE = re.compile(
    r"\b(?:said|told|wrote|written|ran|according|by|noted|notes|noting|carri|deni|"
    + "|".join(sorted({verb.rstrip("e") for verb in ATTRIBUTION_VERBS | CITING_VERBS} - {"not"}))
    + r")\w*",
    re.IGNORECASE,
)


def may_cite(text: str) -> bool:
    """Whether a sentence can hold a citation at all, before parsing it: it has a
    speech verb, "according to", or a "by" agent. Most sentences of a report do not."""
    return bool(_MAY_CITE.search(text))
