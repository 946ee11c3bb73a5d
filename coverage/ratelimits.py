"""Limits on how often one user may start slow work: analyses and fetching web pages.

Each limit is a setting like "10/h" (PARALLAX_ANALYSIS_RATE) and counts, over a sliding
window, what a user did, or for a visitor who is not logged in what their IP did. The
counts live in Django's default cache, the database cache of the settings, so every web
process shares them. A view asks ``check()`` before the work and calls ``record()`` once
it went ahead: refused attempts, by the limit or for any other reason, cost nothing.

Two requests racing between check and record may both pass; the limits are there to stop
runaway use, not to be exact to the request.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

from coverage.accounts import client_ip

CACHE_PREFIX = "parallax:rate"

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_UNIT_NAMES = {"s": "second", "m": "minute", "h": "hour", "d": "day"}
_RATE = re.compile(r"^\s*(?P<limit>\d+)\s*/\s*(?P<count>\d*)\s*(?P<unit>[smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    window: int  # seconds
    period: str  # how the window reads in a sentence: "hour", "10 minutes"


def parse_rate(text: str, *, setting: str) -> Rate:
    """Read "N/period": "10/h", "30/10m", "100/d". Bad values stop with the setting's name."""
    match = _RATE.match(text)
    count = int(match["count"] or 1) if match else 0
    if not match or int(match["limit"]) < 1 or count < 1:
        raise ImproperlyConfigured(
            f"{setting}={text!r} is not a rate: write it as a number of actions per period, "
            'like "10/h" or "30/10m" (s, m, h or d).'
        )
    unit = _UNIT_NAMES[match["unit"]]
    return Rate(
        limit=int(match["limit"]),
        window=count * _UNITS[match["unit"]],
        period=unit if count == 1 else f"{count} {unit}s",
    )


@dataclass(frozen=True)
class Action:
    key: str
    setting: str
    one: str  # what one use is called: "analysis"
    many: str  # and several: "analyses"

    @property
    def rate(self) -> Rate:
        return parse_rate(getattr(settings, self.setting), setting=self.setting)

    def count(self, number: int) -> str:
        return f"{number} {self.one if number == 1 else self.many}"


ANALYSIS = Action("analysis", "PARALLAX_ANALYSIS_RATE", "analysis", "analyses")
# One use per web address fetched, whether an article page or a feed.
URL_IMPORT = Action(
    "url-import", "PARALLAX_URL_IMPORT_RATE", "web address fetched", "web addresses fetched"
)


class RateLimited(Exception):
    """The user has used up the action's allowance; ``retry_after`` is in seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _cache_key(request: HttpRequest, action: Action) -> str:
    if request.user.is_authenticated:
        return f"{CACHE_PREFIX}:{action.key}:user:{request.user.pk}"
    return f"{CACHE_PREFIX}:{action.key}:ip:{client_ip(request)}"


def _recent(key: str, rate: Rate, now: float) -> list[float]:
    return [at for at in cache.get(key, []) if at > now - rate.window]


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 120:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = math.ceil(minutes / 60)
    return f"{hours} hours"


def check(request: HttpRequest, action: Action, *, cost: int = 1) -> None:
    """Raise RateLimited, saying when to come back, if ``cost`` more uses exceed the limit."""
    rate = action.rate
    allowance = f"{action.count(rate.limit)} per {rate.period}"
    if cost > rate.limit:
        raise RateLimited(
            f"That is {action.count(cost)} at once; the limit is {allowance}. Send fewer.",
            retry_after=rate.window,
        )
    now = time.time()
    recent = sorted(_recent(_cache_key(request, action), rate, now))
    over = len(recent) + cost - rate.limit
    if over <= 0:
        return
    # Enough room once the oldest ``over`` uses have left the window.
    retry_after = max(1, math.ceil(recent[over - 1] + rate.window - now))
    left = rate.limit - len(recent)
    if left > 0:
        message = (
            f"That is {action.count(cost)}, and you have {left} left of {allowance}. "
            f"Send {left} now, or all of them in {_duration(retry_after)}."
        )
    else:
        message = (
            f"You have reached the limit of {allowance}. Try again in {_duration(retry_after)}."
        )
    raise RateLimited(message, retry_after=retry_after)


def record(request: HttpRequest, action: Action, *, cost: int = 1) -> None:
    """Count ``cost`` uses of the action that went ahead."""
    rate = action.rate
    key = _cache_key(request, action)
    now = time.time()
    uses = _recent(key, rate, now) + [now] * cost
    cache.set(key, uses[-rate.limit :], timeout=rate.window)


def refused(response: HttpResponse, limited: RateLimited) -> HttpResponse:
    """Mark a response as refused by a rate limit: 429 with Retry-After."""
    response.status_code = 429
    response["Retry-After"] = str(limited.retry_after)
    return response
