"""Page furniture: the text of a page that is not the outlet's reporting.

Share buttons, related links, bylines, credits, editor initials, footnotes, photo
credits, prompts, advertisements, "Follow us on ...", copyright and time-stamp lines.
Each pattern has to match a whole sentence, so a real sentence that merely mentions
"share" or "cookies" stays reporting.
"""

from __future__ import annotations

import re
from enum import StrEnum

from coverage.analysis.segment.datelines import DATELINE_ENDS, MONTH, WEEKDAY, strip_dateline


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
    rf"(?!(?:{WEEKDAY}|{MONTH}|Then|Now|Noon|Midnight|Dawn|Nightfall|Tonight|Tomorrow"
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
        # In brackets too, as wires sign off: "(Reporting by Jane Doe; editing by John Smith)".
        rf"\(?{_BYLINE_LEAD}[ \t]+{_NOT_A_NAME}{_NAMES}"
        rf"(?:[ \t]*(?:[,|·•–—-]|\bfor\b|\bin\b)[ \t]*{_ROLE}){{0,2}}"
        rf"(?:[ \t]*;[ \t]*{_BYLINE_LEAD}[ \t]+{_NAMES}){{0,3}}[ \t]*\)?[ \t]*[.;]?$",
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
RELATED_HEADING_LENGTH = 40
RELATED_HEADING = re.compile(
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
    if stripped[-1] in DATELINE_ENDS and strip_dateline(stripped) == len(stripped):
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
