"""Sentence segmentation with character offsets, and detection of page furniture.

Pure Python on purpose: the web app stores every article's sentences when it is
imported, and that must work on a laptop without the NLP models installed.
Offsets index into the original text, so evidence can be highlighted in place:
for every sentence ``text[s.start:s.end] == s.text``. The text itself is never
changed; what is not reporting is only marked (``Sentence.furniture``) or, on
request, left out.

Scraped pages need three repairs:

- **Glued sentences.** Extraction often drops the space between two sentences
  ("... aerial vehicles.Meanwhile, Syrian newspaper ..."). A period after a
  lowercase letter or digit, straight before a capitalised word, is a boundary,
  unless the token is a domain ("RT.com", "Phnotes.Com"), an address
  (``@``, ``www.``, ``://``), a dotted abbreviation ("a.m.", "U.S.", "J.R.R."), a
  title ("Mr.Smith"), a decimal or an ellipsis.
- **Datelines.** "LONDON (Reuters) -", "PORT AVERLY, March 14 --", "KYIV, Nov 28
  (Wire) —" before an article's first sentence are left out of that sentence:
  it starts after the dash. A dateline alone on its line is a furniture sentence.
  The stored text keeps it, so ``syndication.credits`` still reads the agency.
- **Furniture.** Share buttons, related links, bylines, credits ("Read Full
  Article at RT.com"), editor initials ("MP/PR"), footnotes ("*banned in
  Russia"), photo credits, subscription and cookie prompts, advertisements,
  "Follow us on ...", copyright and time-stamp lines. ``furniture_kind`` names
  the kind; ``is_boilerplate`` says whether there is one. Both look at a whole
  sentence, so a real sentence that merely mentions "share" or "cookies" stays.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum

# Abbreviations whose trailing period does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "rev",
        "hon",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "dept",
        "est",
        "fig",
        "al",
    }
)
# Abbreviations that end a sentence often enough to split a glued one after them.
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc", "inc", "ltd", "co", "corp", "al"})
# Dotted abbreviations that never end a sentence ("e.g. The").
_NEVER_FINAL = frozenset({"e.g", "i.e"})
# A dotted abbreviation or run of initials: "u.s", "a.m", "j.r.r", "ph.d".
_DOTTED = re.compile(r"[a-z]{1,2}(?:\.[a-z]{1,2})+")
# Words that start a new sentence after a dotted abbreviation ("in the U.S. The ..."),
# as opposed to a name or noun it qualifies ("U.S. Army", "J.R.R. Tolkien").
_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "however",
        "meanwhile",
        "in",
        "on",
        "at",
        "after",
        "before",
        "when",
        "while",
        "since",
        "as",
        "if",
        "yet",
        "so",
        "still",
        "also",
        "then",
        "now",
        "earlier",
        "later",
        "last",
        "both",
        "some",
        "many",
        "most",
        "several",
        "one",
        "two",
        "three",
    ]
)
# Domain endings: a capitalised one after a period is a web address, not a sentence.
_DOMAIN_ENDINGS = frozenset(
    [
        "com",
        "org",
        "net",
        "edu",
        "gov",
        "mil",
        "info",
        "biz",
        "io",
        "co",
        "uk",
        "ru",
        "ua",
        "fr",
        "de",
        "tv",
        "eu",
        "ca",
        "au",
        "cn",
        "jp",
        "news",
        "ly",
        "sy",
        "tr",
        "ir",
        "il",
        "by",
        "kz",
        "am",
        "ge",
        "az",
        "md",
        "lt",
        "lv",
        "ee",
        "pl",
        "cz",
    ]
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then
# space; or, glued, terminal punctuation straight before a capitalised word, perhaps
# through closing and opening quotes ('said."Next', 'deal.”The', 'Nusra*.The').
_BOUNDARY = re.compile(r"[.!?…]+(?:[\"'”’)\]]*(?=\s)|(?=[\"'”’)\]]*[\"“‘(*]?[A-Z]))")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
_CLOSERS = "\"'”’)]*"
_PARAGRAPH = re.compile(r"\n\s*\n")
_TERMINAL_END = re.compile(r"[.!?…][\"'”’)\]*]*$")


class Furniture(StrEnum):
    """Kinds of page text that are not the outlet's reporting."""

    SHARE = "share"  # "Share This Post", "Share on Facebook", "Tweet"
    RELATED = "related"  # "Related Posts", "Read more: ...", and the titles listed under them
    CREDIT = "credit"  # "Read Full Article at RT.com", "This story first appeared in ..."
    LINK = "link"  # "Click here to ..."
    BYLINE = "byline"  # "By Jane Doe, Staff Reporter", "Jane Doe contributed to this report"
    EDITOR = "editor"  # editors' initials and sign-offs: "MP/PR", "(ends)"
    DATELINE = "dateline"  # "LONDON (Reuters) -" on a line of its own
    FOOTNOTE = "footnote"  # "*banned in Russia", "* A terrorist organisation banned in ..."
    CAPTION = "caption"  # "Photo: ...", "(AP Photo/Jane Doe)", "Image copyright Getty Images"
    PROMPT = "prompt"  # subscription, newsletter, cookie, JavaScript and app prompts
    ADVERTISEMENT = "advertisement"  # "Advertisement", "Story continues below"
    FOLLOW = "follow"  # "Follow us on Telegram"
    COPYRIGHT = "copyright"  # "© 2024 ...", "All rights reserved."
    META = "meta"  # "Tags: ...", "Published: 14 March 2024", "3 min read"


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its text and where it sits in the original string.

    ``listed_under`` is set on the titles of other articles listed under a
    "Related Posts" heading: furniture that only the sentence's place shows.
    """

    index: int
    text: str
    start: int
    end: int
    paragraph: int = 0
    listed_under: Furniture | None = field(default=None, compare=False)

    @functools.cached_property
    def furniture(self) -> Furniture | None:
        """The kind of page furniture the sentence is, or None for reporting."""
        return self.listed_under or furniture_kind(self.text)


# --- Datelines -------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH}|{_WEEKDAY})(?:,?\s+\d{{4}})?"
# An upper-case place: "LONDON", "PORT AVERLY", "ST. LOUIS", "RIO DE JANEIRO".
_CAPS_PLACE = r"[A-Z][A-Z'’.-]*[A-Z.](?:[ \t]+[A-Z][A-Z'’.-]*[A-Z.]?){0,3}"
_PLACE = rf"(?:{_CAPS_PLACE}|[A-Z][a-z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,2}})"
_REGION = r"(?:,[ \t]*[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})?"
_AGENCY = r"\((?:dpa|[A-Z][\w&.'’/ -]{0,38})\)"
_DASH = r"(?:--|[-–—―])"
# What follows a dateline: a sentence starting with a capital, digit or quote, or nothing.
_AFTER_DATELINE = r"(?:[ \t]*\n?[ \t]*(?=[\"“‘(]?[A-Z0-9])|[ \t]*$)"
# Datelines that say so without doubt: with an agency or a date, or the agency alone.
_STRONG_DATELINE = re.compile(
    r"[ \t]*(?:"
    rf"{_PLACE}{_REGION}(?:,?[ \t]+{_DATE})?[ \t]*{_AGENCY}"
    rf"|{_PLACE}{_REGION},?[ \t]+{_DATE}(?:[ \t]*{_AGENCY})?"
    rf"|{_AGENCY}"
    rf")[ \t]*{_DASH}(?=\s|$){_AFTER_DATELINE}"
)
# Before a colon, a place of one word needs five letters: "DUBAI:", not "KFC:".
_LONG_CAPS_PLACE = (
    r"(?:[A-Z][A-Z'’.-]{3,}[A-Z]|[A-Z][A-Z'’.-]*[A-Z.](?:[ \t]+[A-Z][A-Z'’.-]*[A-Z.]?){1,3})"
)
# A bare upper-case place and a dash or colon: "BEIRUT —", "NEW DELHI:". Only before
# the article's first sentence, where "NATO — the alliance ..." is not expected.
_BARE_DATELINE = re.compile(
    rf"[ \t]*(?:{_CAPS_PLACE}{_REGION}[ \t]*{_DASH}(?=\s|$)|{_LONG_CAPS_PLACE}{_REGION}:(?=\s))"
    rf"{_AFTER_DATELINE}"
)

# The dash or colon that ends a dateline, within _DATELINE_REACH characters of its start.
_DATELINE_HINT = re.compile(r"(?:--|[-–—―])(?=\s|$)|:\s")
_DATELINE_REACH = 140
# Cheap tests that a sentence may open with a dateline, before the full patterns: it
# starts with an agency in brackets, an upper-case word, or capitalised words and a
# comma or bracket; and a dash or colon comes soon after.
_DATELINE_START = re.compile(
    r"\(|[A-Z][A-Z.'’-]|[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}[ \t]*[,(]"
)
_DATELINE_ENDS = frozenset("-–—―:")


def strip_dateline(
    text: str, start: int = 0, end: int | None = None, *, leading: bool = True
) -> int:
    """Where the reporting in ``text[start:end]`` begins, after any dateline there.

    Returns ``start`` when there is no dateline, and ``end`` when the span is a
    dateline alone. ``leading`` says the span comes before the article's first
    sentence, which also admits a bare place ("BEIRUT —"); otherwise only datelines
    with an agency or a date count.
    """
    end = len(text) if end is None else end
    match = _STRONG_DATELINE.match(text, start, end)
    if match is None and leading:
        match = _BARE_DATELINE.match(text, start, end)
    if match is None:
        return start
    position = match.end()
    while position < end and text[position].isspace():
        position += 1
    return position


# --- Furniture -------------------------------------------------------------------

_SOCIAL = (
    r"(?:facebook|twitter|x|linkedin|reddit|telegram|whatsapp|vk|vkontakte|pinterest|messenger"
    r"|flipboard|instagram|youtube|tiktok|threads|bluesky|mastodon|tumblr|email|e-mail|sms"
    r"|google news|ok\.ru|odnoklassniki)"
)
_SHARE_WORD = (
    rf"(?:share|shares|sharing|tweet|print|pin it|pin|save|copy link|copy url|link|{_SOCIAL}"
    r"|this|post|article|story|page|on|via|to|with|a friend|friends?"
    r"|\(?opens in (?:a )?new window\)?)"
)
_LIST_SEPARATOR = r"(?:[ \t]*[,|·•/:][ \t]*|[ \t]+)"
# A name as bylines write it: "Jane Doe", "JANE DOE", "J. R. Smith", "Ahmed al-Masri".
_NAME_WORD = (
    r"(?:[A-Z][\w'’-]*\.?|(?:de|da|del|della|van|von|der|den|al|el|bin|ibn|le|la|du)(?:-\w+)?)"
)
_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}}"
_NAMES = rf"{_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*){_NAME}){{0,3}}"
# What may follow a byline's names: a role, an outlet, a date.
_ROLE_WORD = r"(?:[A-Z0-9][\w.'’&:/-]*,?|of|the|for|and|at|in|on|de|am|pm|a\.m\.|p\.m\.)"
_ROLE = rf"{_ROLE_WORD}(?:[ \t]+{_ROLE_WORD}){{0,7}}"
_BYLINE_LEAD = (
    r"(?i:by|written by|words by|story by|text by|reporting by|additional reporting by"
    r"|reported by|compiled by|edited by|editing by|writing by|posted by|author:|authors:)"
)
_NOT_A_NAME = (
    rf"(?!(?:{_WEEKDAY}|{_MONTH}|Then|Now|Noon|Midnight|Dawn|Nightfall|Tonight|Tomorrow"
    r"|Yesterday|Today|Contrast|Comparison|Law|Default|Far|All|Most|Some|Next|Last|Late|Early"
    r"|Mid|Christmas|Easter|The End|Comparison|Design|Chance|Mistake|Accident)\b)"
)

# Words of a time stamp: "Updated: Monday 14 March 2024, 10:45 am GMT".
_TIME_WORD = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?"
    r"|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?|am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|est|edt|pst|pdt|msk|eet|eest|et|ist"
    r"|at|on|updated)\b"
)

# Furniture recognised at the start of a sentence. Most kinds open with one of
# _OPENINGS, checked first because it is cheap; _UNGATED opens with a name or initials.
_OPENINGS = (
    *("click", "tap", "share", "tweet", "facebook", "twitter", "x", "linkedin", "reddit"),
    *("telegram", "whatsapp", "vk", "pinterest", "messenger", "flipboard", "instagram"),
    *("youtube", "tiktok", "threads", "bluesky", "mastodon", "tumblr", "email", "e-mail", "sms"),
    *("google news", "ok.ru", "odnoklassniki", "related", "see also", "also", "read", "more"),
    *("you", "recommended", "most ", "trending", "latest", "top", "editor", "what to read"),
    *("watch", "listen", "this ", "originally", "first ", "republished", "reproduced"),
    *("reprinted", "syndicated", "source", "press", "by", "written", "words", "story", "text"),
    *("reporting", "additional", "reported", "compiled", "edited", "editing", "writing"),
    *("posted", "author", "(", "[", "-", "#", "end", "*", "†", "‡", "a ", "an ", "terrorist"),
    *("extremist", "islamist", "organi", "group", "movement", "banned", "outlawed"),
    *("prohibited", "proscribed", "file", "main", "featured", "header", "cover", "lead"),
    *("photo", "image", "picture", "pic", "video", "illustration", "graphic", "footage"),
    *("credit", "caption", "media", "getty", "subscribe", "sign", "log", "register", "join"),
    *("we ", "our ", "accept", "manage", "reject", "allow", "cookie", "please", "enable"),
    *("turn on", "activate", "download", "get ", "support", "donate", "become", "already"),
    *("newsletter", "receive", "want", "advert", "ad", "sponsored", "promoted", "paid"),
    *("article", "continue", "scroll", "skip", "report", "follow", "like", "find", "©"),
    *("copyright", "tag", "filed", "topic", "categor", "keywords", "published", "updated"),
    *("last", "leave", "post a", "add a", "view", "show", "comment", "0", "1", "2", "3", "4"),
    *("5", "6", "7", "8", "9"),
)
_GATED: list[tuple[Furniture, str]] = [
    (Furniture.SHARE, r"(?i:(?:click|tap) to (?:share|email|print|tweet)\b.*)"),
    (Furniture.SHARE, rf"(?i:(?:share|tweet)(?:{_LIST_SEPARATOR}{_SHARE_WORD})*[ \t]*[:.]?)$"),
    (Furniture.SHARE, rf"(?i:{_SOCIAL}(?:{_LIST_SEPARATOR}{_SOCIAL})*[ \t]*)$"),
    (
        Furniture.RELATED,
        r"(?i:(?:related(?:[ \t]+(?:posts?|articles?|stories|story|news|content|coverage|links?"
        r"|reading|topics|videos?|items?))?|see also|also read|also see|read (?:more|also|next)"
        r"|more (?:on this(?: story| topic)?|stories|news|like this|to read)"
        r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested(?: in)?|have missed)"
        r"|recommended(?: for you| stories| articles| reading)?|most (?:read|popular|viewed|shared)"
        r"|trending(?: now| stories| news)?|latest (?:news|stories|articles|headlines)"
        r"|top stories|editor'?s picks|what to read next|watch(?: now)?|listen(?: now)?)"
        r"[ \t]*(?::.*|[.…]*)$)",
    ),
    (Furniture.RELATED, r"(?i:more from)[ \t]+[A-Z][\w.'’]*(?:[ \t]+[A-Z][\w.'’]*){0,3}[ \t]*:?$"),
    (
        Furniture.CREDIT,
        r"(?i:(?:this (?:article|story|report|piece|post) (?:was |is )?(?:originally |first )?"
        r"(?:published|appeared|ran|posted) (?:by|on|in|at)"
        r"|(?:originally|first) (?:published|appeared) (?:by|on|in|at)"
        r"|(?:republished|reproduced|reprinted|syndicated) (?:with permission )?"
        r"(?:from|courtesy of|by)|source:|sources:)\b.*)",
    ),
    (
        Furniture.LINK,
        r"(?i:(?:click|tap|press) (?:here|the link|this link|below)\b"
        r"|(?:click|tap) to (?:read|watch|view|see|open|listen|continue|download)\b).*",
    ),
    (
        Furniture.BYLINE,
        rf"{_BYLINE_LEAD}[ \t]+{_NOT_A_NAME}{_NAMES}"
        rf"(?:[ \t]*(?:[,|·•–—-]|\bfor\b|\bin\b)[ \t]*{_ROLE}){{0,2}}"
        rf"(?:[ \t]*;[ \t]*{_BYLINE_LEAD}[ \t]+{_NAMES}){{0,3}}[ \t]*[.;]?$",
    ),
    (Furniture.EDITOR, r"(?i:\(?ends?\)?|-+ ?30 ?-+|#{3}|\[?end\]?)$"),
    (Furniture.FOOTNOTE, r"(?:\*+|\(\*+\)|†|‡)(?!\s)[^*\n]*$"),
    (
        Furniture.FOOTNOTE,
        r"(?:\*+|\(\*+\))[ \t]+.*(?i:\b(?:banned|outlawed|prohibited|proscribed|designated"
        r"|terrorist|extremist|foreign agent|undesirable|liquidated)\b).*",
    ),
    (
        Furniture.FOOTNOTE,
        r"\(?(?i:(?:(?:an? )?(?:(?:terrorist|extremist|islamist) )?(?:organi[sz]ations?|groups?"
        r"|movements?)[ \t,]*)?(?:banned|outlawed|prohibited|proscribed)"
        r" in (?:russia|the russian federation|the rf)\b)"
        r"(?: (?:as|and|by|since|under)\b[^.!?,]{0,50})?\)?\.?$",
    ),
    (
        Furniture.CAPTION,
        r"(?i:(?:(?:file|main|top|featured|header|cover|lead) )?"
        r"(?:photo|image|picture|photograph|pic|video|illustration|graphic|footage)s?(?: credit)?"
        r"|credits?|caption|image (?:copyright|caption|source)|media caption)[ \t]*[:|].*",
    ),
    (
        Furniture.CAPTION,
        r"(?i:(?:image (?:copyright|caption|source)|media caption|getty images"
        r"|(?:photo|image|picture)s? (?:by|courtesy of|via))\b).*",
    ),
    (
        Furniture.PROMPT,
        r"(?i:(?:subscribe|sign up|sign in|log in|login|register|join)\b.{0,120}"
        r"\b(?:newsletters?|inbox|free|now|today|here|account|updates|alerts|subscription"
        r"|subscribers?|premium|unlimited|continue reading|to read"
        r"|our (?:channel|telegram|youtube|whatsapp|mailing list)))\b.*",
    ),
    (
        Furniture.PROMPT,
        r"(?i:(?:we|this (?:web)?site|our (?:web)?site|this page)(?: and our partners)?"
        r" uses? cookies"
        r"|(?:accept|manage|reject|allow)(?: all)? cookies"
        r"|cookie (?:policy|settings|preferences|consent)"
        r"|by (?:continuing|using|clicking)\b.{0,80}\b(?:site|website|cookies|agree|terms)"
        r"|(?:please )?(?:enable|turn on|activate) javascript"
        r"|your browser (?:does not|doesn't|do not) support"
        r"|(?:download|get) (?:our|the) (?:free )?app\b"
        r"|(?:support|donate to) (?:our|independent) journalism"
        r"|become a (?:member|subscriber|supporter|patron)"
        r"|already (?:a )?(?:subscriber|member|registered)|newsletter$"
        r"|(?:get|receive|want) .{0,60}\b(?:newsletter|in your inbox|delivered to your inbox)"
        r"|you(?: have|'ve) (?:reached|read) .{0,40}\b(?:articles?|limit)\b"
        r"|this (?:article|content|story) is (?:only )?(?:for|available to)"
        r" (?:subscribers|members))\b.*",
    ),
    (
        Furniture.ADVERTISEMENT,
        r"(?i:(?:advertisement|advertising|advert|ad|ads|sponsored(?: content| post| by .*)?"
        r"|promoted(?: content| stories)?|paid (?:content|post|partnership)"
        r"|(?:story|article) continues (?:below|after)(?: this)?(?: advertisement| ad)?"
        r"|continue reading (?:below|the main story)|scroll (?:down )?to continue(?: with content)?"
        r"|skip (?:advert|ad)|report (?:this )?ad)[ \t]*[.:]?)$",
    ),
    (
        Furniture.FOLLOW,
        rf"(?i:(?:(?:follow|like|find|join|subscribe to)[ \t]+(?:us[ \t]+)?on|(?:follow|join"
        rf"|subscribe to)[ \t]+(?:us|our)(?:[ \t]+on)?)[ \t]+{_SOCIAL}\b).*",
    ),
    (Furniture.FOLLOW, r"(?i:follow (?:us\b|@\w+)).*"),
    (
        Furniture.FOLLOW,
        rf"(?i:follow)[ \t]+{_NAME}[ \t]+(?i:on[ \t]+{_SOCIAL})\b.*",
    ),
    (Furniture.COPYRIGHT, r"(?:©|\([cC]\)\s|(?i:copyright)[ \t]*(?:©|\(c\)|\d{4}|:)).*"),
    (
        Furniture.META,
        r"(?i:(?:tags?|filed under|topics?|categories|category|posted in|keywords|reading time)"
        r"[ \t]*:"
        r"|(?:published|updated|posted|last (?:updated|modified)|first published)"
        rf"(?: on| at)?[ \t]*:?(?:[ \t,:./+-]|\d|{_TIME_WORD})+$"
        r"|\d+[ \t]*(?:min(?:ute)?s?|mins?)\.? read$"
        r"|(?:leave a|post a|add a|view|show|\d+) comments?$|comments?$)",
    ),
]
_UNGATED: list[tuple[Furniture, str]] = [
    (
        Furniture.BYLINE,
        rf"{_NAME}[ \t]+is[ \t]+(?:a|an|the)[ \t]+"
        r"(?i:(?:staff|senior|freelance|contributing|special|political|foreign|chief|business"
        r"|news|investigative|science|security|defen[cs]e)[ \t]+)*"
        r"(?i:reporter|correspondent|writer|journalist|editor|columnist|contributor)[ \t]+"
        rf"(?:for|at|with)[ \t]+(?:the[ \t]+)?{_NAME}(?:\.[a-z]{{2,6}})?[ \t]*\.?$",
    ),
    (Furniture.EDITOR, r"[(\[]?[A-Za-z]{1,4}(?:[ \t]*/[ \t]*[A-Za-z]{1,4}){1,3}[)\]]?\.?$"),
    (
        Furniture.CAPTION,
        r"[(\[]?(?:AP|AFP|EPA|Reuters|REUTERS|Getty(?: Images)?|Sputnik|TASS|Anadolu|[A-Z]{2,8})"
        r"(?: Photo| Images?| Pool| via Getty Images)?[ \t]*/[ \t]*[A-Z][\w .'’/-]*[)\]]?\.?$",
    ),
]


def _alternation(patterns: list[tuple[Furniture, str]], name: str) -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` at the start of a sentence; the name of
    the group that matched starts with its kind."""
    return re.compile(
        "|".join(
            f"(?P<{kind.value}_{name}{number}>{pattern})"
            for number, (kind, pattern) in enumerate(patterns)
        )
    )


_GATED_PATTERN = _alternation(_GATED, "g")
_UNGATED_PATTERN = _alternation(_UNGATED, "u")

# Furniture recognised anywhere in a sentence; each kind is named by its phrase.
_ANYWHERE: list[tuple[Furniture, re.Pattern[str]]] = [
    (
        Furniture.CREDIT,
        re.compile(
            r"\bread (?:the )?(?:full|original|complete|whole|entire) (?:article|story|report|text)"
            r"(?: (?:at|on|in) \S+|\s*$)",
            re.IGNORECASE,
        ),
    ),
    (
        Furniture.BYLINE,
        re.compile(
            r"\bcontributed (?:reporting )?to this (?:report|article|story)(?![\w'’])", re.I
        ),
    ),
    (
        Furniture.COPYRIGHT,
        re.compile(
            r"\ball rights reserved\b|\bthis material may not be (?:published|broadcast|rewritten"
            r"|redistributed|reproduced)\b",
            re.IGNORECASE,
        ),
    ),
    # A caption ends with the photographer's credit: "... on Monday. (AP Photo/Jane Doe)".
    (
        Furniture.CAPTION,
        re.compile(
            r"\([^()]{0,40}\b(?:Photo|Photograph|Pool|Getty Images|via Getty|Image)\b[^()]{0,60}\)"
            r"[.\s]*$"
        ),
    ),
]


def _may_be_furniture_anywhere(lowered: str) -> bool:
    """A cheap test that one of _ANYWHERE may match: each needs one of these words."""
    return (
        "read " in lowered
        or "contributed" in lowered
        or "reserved" in lowered
        or "may not be" in lowered
        or "photo" in lowered
        or "image" in lowered
        or "pool)" in lowered
    )


# A heading that introduces a list of other articles' titles.
_RELATED_HEADING_LENGTH = 40
_RELATED_HEADING = re.compile(
    r"(?i:related(?: \w+)?|see also|also read|read (?:more|also|next)|more (?:on this(?: story)?"
    r"|stories|news|like this)|you (?:may|might) also like|recommended(?: for you)?|most read"
    r"|latest (?:news|stories|articles)|top stories)\s*:?\s*$"
)


def furniture_kind(text: str) -> Furniture | None:
    """What kind of page furniture the sentence ``text`` is, or None for reporting.

    The whole sentence has to be furniture: "Share on Facebook" is, "Shares in
    the company fell" and "Twitter shares rose" are not.
    """
    stripped = text.strip()
    if not stripped:
        return None
    match = _UNGATED_PATTERN.match(stripped)
    if match is None and stripped[:16].lower().startswith(_OPENINGS):
        match = _GATED_PATTERN.match(stripped)
    if match is not None:
        return Furniture(match.lastgroup.split("_", 1)[0])
    if _may_be_furniture_anywhere(stripped.lower()):
        for kind, pattern in _ANYWHERE:
            if pattern.search(stripped):
                return kind
    if stripped[-1] in _DATELINE_ENDS and strip_dateline(stripped) == len(stripped):
        return Furniture.DATELINE
    return None


def is_boilerplate(text: str) -> bool:
    """True for sentences that are site furniture rather than reporting."""
    return furniture_kind(text) is not None


def without_footnote_marks(text: str) -> str:
    """The text without footnote asterisks after names ("Jabhat al-Nusra*" ->
    "Jabhat al-Nusra"), for showing or comparing wording. Offsets do not apply to
    the result."""
    return _FOOTNOTE_MARK.sub("", text)


_FOOTNOTE_MARK = re.compile(r"(?<=[\w\"'”’)])\*+(?=[\s.,;:!?)\"'”’]|$)")


# --- Splitting -------------------------------------------------------------------


def _is_abbreviation(text: str, boundary_start: int, end: int) -> bool:
    """True when the period at boundary_start closes an abbreviation or an initial."""
    if text[boundary_start] != ".":
        return False
    word_start = boundary_start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:boundary_start].lstrip("(\"'“‘").lower()
    if _DOTTED.fullmatch(word):
        # "in the U.S. The ..." ends a sentence; "U.S. Army", "J.R.R. Tolkien" do not.
        if word in _NEVER_FINAL:
            return True
        following = _next_word(text, boundary_start + 1, end)
        return following.lower() not in _SENTENCE_STARTERS or following[:1].islower()
    if word in _ABBREVIATIONS:
        return True
    # A single capital letter ("J. Smith") is an initial.
    return len(word) == 1 and word.isalpha()


def _next_word(text: str, position: int, end: int) -> str:
    while position < end and (text[position].isspace() or text[position] in "\"'“‘("):
        position += 1
    word_end = position
    while word_end < end and text[word_end].isalpha():
        word_end += 1
    return text[position:word_end]


def _glued_end(text: str, match: re.Match[str], paragraph_start: int, end: int) -> int | None:
    """Where the first of two glued sentences ends, or None when the punctuation
    at ``match`` is inside a token ("RT.com", "a.m.Then", "Mr.Smith")."""
    punctuation_start, punctuation_end = match.span()
    if punctuation_start == paragraph_start or text[punctuation_start - 1] in _NOT_BEFORE_GLUE:
        return None
    punctuation = match.group()
    if ".." in punctuation or "…" in punctuation:
        return None  # an ellipsis: "hitch...I"
    # The character the sentence ends on, looking through closing quotes and marks.
    core = punctuation_start - 1
    while core > paragraph_start and text[core] in _CLOSERS:
        core -= 1
    character = text[core]
    closed = core < punctuation_start - 1
    if not (character.isdigit() or character.islower() or (closed and character.isalnum())):
        return None
    token_start = core
    while token_start > paragraph_start and not text[token_start - 1].isspace():
        token_start -= 1
    token_end = punctuation_end
    while token_end < end and not text[token_end].isspace():
        token_end += 1
    token = text[token_start:token_end]
    if "@" in token or "://" in token or "www." in token.lower():
        return None
    left = text[token_start:punctuation_start]
    if _DOTTED_INSIDE.search(left):
        return None  # "a.m.Then", "bbc.co.Uk", "U.S.Army"
    left_word = _LAST_WORD.search(left)
    if left_word is not None:
        word = left_word.group().lower()
        if word in _ABBREVIATIONS and word not in _SENTENCE_FINAL_ABBREVIATIONS:
            return None  # "Mr.Smith", "Nov.Russia"
    # The next sentence: through closing quotes, then maybe an opening mark, a capital.
    position = punctuation_end
    after_closers = position
    while after_closers < end and text[after_closers] in _CLOSERS:
        after_closers += 1
    next_word = _CAPITALISED.match(text, after_closers + (text[after_closers] in '"“‘(*'), end)
    if next_word is None:
        return None
    word = next_word.group()
    if len(word) == 1 and not character.islower():
        return None  # "Section 3.A"
    if (
        word.lower() in _DOMAIN_ENDINGS
        and not text[next_word.end() : next_word.end() + 1].isalpha()
    ):
        return None  # "Phnotes.Com", "iGen.Fr"
    # Closing marks belong to the first sentence; a straight double quote does when
    # it closes a quotation opened in this paragraph, and opens the next one otherwise.
    while position < after_closers:
        mark = text[position]
        if mark == '"' and text.count('"', paragraph_start, position) % 2 == 0:
            break
        if mark == "'" and position != punctuation_end:
            break
        if mark == "*":
            break
        position += 1
    return position


_NOT_BEFORE_GLUE = frozenset(" \t\r\n.!?…")
_DOTTED_INSIDE = re.compile(r"[^\W\d_]\.[^\W\d_]")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
# A capitalised word ("Meanwhile"), or a one-letter one ("A", "I") before a space.
_CAPITALISED = re.compile(r"[A-Z](?:[a-z][\w'’-]*|(?=[\s'’]))")


def _split_span(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split text[start:end] (one paragraph) into sentence spans, each with whether it
    starts a line."""
    boundaries: list[int] = []
    for match in _BOUNDARY.finditer(text, start, end):
        boundary = match.end()
        if not text[boundary].isspace():
            glued = _glued_end(text, match, start, end)
            if glued is not None:
                boundaries.append(glued)
            continue
        if _is_abbreviation(text, match.start(), end):
            continue
        # A lowercase continuation means the punctuation was not a sentence end.
        following = _NEXT_CHARACTER.match(text, boundary, end)
        if following is not None and following.group(1).islower():
            continue
        boundaries.append(boundary)
    spans: list[tuple[int, int, bool]] = []
    sentence_start = start
    for boundary in boundaries:
        spans.append((sentence_start, boundary, sentence_start == start))
        sentence_start = boundary
    spans.append((sentence_start, end, sentence_start == start))
    # Lines inside a paragraph (titles, datelines) are separate sentences too.
    if text.find("\n", start, end) < 0:
        return spans
    split_lines: list[tuple[int, int, bool]] = []
    for span_start, span_end, starts_line in spans:
        line_start = span_start
        newline = text.find("\n", line_start, span_end)
        while newline >= 0:
            split_lines.append((line_start, newline, starts_line))
            line_start = newline + 1
            starts_line = True
            newline = text.find("\n", line_start, span_end)
        split_lines.append((line_start, span_end, starts_line))
    return split_lines


def _starts_line(text: str, position: int) -> bool:
    while position > 0 and text[position - 1] in " \t\r":
        position -= 1
    return position == 0 or text[position - 1] == "\n"


def _is_line(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole line."""
    if not _starts_line(text, start):
        return False
    while end < len(text) and text[end] in " \t\r":
        end += 1
    return end == len(text) or text[end] == "\n"


def split_sentences(
    text: str, *, drop_boilerplate: bool = False, strip_datelines: bool = True
) -> list[Sentence]:
    """Split text into sentences, keeping character offsets into ``text``.

    Offsets exclude surrounding whitespace, so ``text[s.start:s.end] == s.text``.
    Glued sentences ("vehicles.Meanwhile") are split. With ``strip_datelines`` (the
    default) a sentence that starts a line with a dateline starts after it.
    Each sentence tells its ``furniture`` kind; with ``drop_boilerplate`` the
    furniture is left out, and indexes stay dense.
    """
    sentences: list[Sentence] = []
    paragraph_start = 0
    paragraph_bounds: list[tuple[int, int]] = []
    for separator in _PARAGRAPH.finditer(text):
        paragraph_bounds.append((paragraph_start, separator.start()))
        paragraph_start = separator.end()
    paragraph_bounds.append((paragraph_start, len(text)))

    # Datelines without an agency or date count only before the first real sentence.
    leading = True
    # Inside a list of other articles' titles under a "Related" heading.
    related_list = False
    for paragraph_number, (para_start, para_end) in enumerate(paragraph_bounds):
        for span_start, span_end, starts_line in _split_span(text, para_start, para_end):
            while span_start < span_end and text[span_start].isspace():
                span_start += 1
            while span_end > span_start and text[span_end - 1].isspace():
                span_end -= 1
            if span_start == span_end:
                continue
            if (
                strip_datelines
                and starts_line
                and _DATELINE_START.match(text, span_start, span_end)
                and _DATELINE_HINT.search(
                    text, span_start, min(span_end, span_start + _DATELINE_REACH)
                )
            ):
                reporting_start = strip_dateline(text, span_start, span_end, leading=leading)
                if reporting_start < span_end:
                    span_start = reporting_start
            sentence_text = text[span_start:span_end]
            if not any(character.isalnum() for character in sentence_text):
                continue
            listed_under: Furniture | None = None
            if related_list:
                if _is_line(text, span_start, span_end) and not _TERMINAL_END.search(sentence_text):
                    listed_under = Furniture.RELATED
                else:
                    related_list = False
            if (
                len(sentence_text) <= _RELATED_HEADING_LENGTH
                and _RELATED_HEADING.match(sentence_text)
                and _is_line(text, span_start, span_end)
            ):
                related_list = True
            if (
                leading
                and listed_under is None
                and _TERMINAL_END.search(sentence_text)
                and furniture_kind(sentence_text) is None
            ):
                leading = False
            sentence = Sentence(
                index=len(sentences),
                text=sentence_text,
                start=span_start,
                end=span_end,
                paragraph=paragraph_number,
                listed_under=listed_under,
            )
            if drop_boilerplate and sentence.furniture is not None:
                continue
            sentences.append(sentence)
    return sentences
