"""Logging in with a limit on failed attempts, counted per username and per client IP.

Attempts are counted in the database (coverage.models.LoginAttempt), shared by every
web process. Each attempt is written, and committed, before its password is checked;
then the attempts within the window are counted, its own included. Of any number of
attempts sent at once, the k-th to commit sees at least k, so only the first few are
checked: the limit holds for parallel guesses too, on SQLite and on PostgreSQL. A
wrong password keeps its row as a failure; a refused or successful attempt removes it.
A locked-out login is refused before the password is checked, so guessing on cannot
find the password either.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest

from coverage.models import LoginAttempt

# Its members may curate events and matrices; created by migration 0005_editors_group.
EDITORS_GROUP = "Editors"


@dataclass(frozen=True)
class _Counter:
    key: str
    limit: int


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the address the trusted proxies saw.

    Only the last PARALLAX_TRUSTED_PROXIES entries of X-Forwarded-For were written by
    our own proxies; anything left of them is whatever the client chose to send.
    """
    proxies = settings.PARALLAX_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _counters(*, username: str, ip: str) -> list[_Counter]:
    def key(kind: str, value: str) -> str:
        return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()}"

    return [
        _Counter(key("user", username.strip().casefold()), settings.PARALLAX_LOGIN_MAX_FAILURES),
        _Counter(key("ip", ip), settings.PARALLAX_LOGIN_MAX_FAILURES_PER_IP),
    ]


def _now() -> dt.datetime:
    return dt.datetime.fromtimestamp(time.time(), tz=dt.UTC)


@dataclass(frozen=True)
class Attempt:
    """A login attempt, counted; ``wait`` is how many seconds it must wait, or 0."""

    ids: list[int]
    wait: int


def begin_attempt(*, username: str, ip: str) -> Attempt:
    """Count one attempt for the username and the IP, and say whether it may go ahead.

    Call outside a transaction: each row must be committed before the count, or two
    parallel attempts could each miss the other.
    """
    now = _now()
    window = dt.timedelta(seconds=settings.PARALLAX_LOGIN_WINDOW_SECONDS)
    counters = _counters(username=username, ip=ip)
    LoginAttempt.objects.filter(at__lte=now - window).delete()
    ids = [LoginAttempt.objects.create(key=counter.key, at=now).pk for counter in counters]
    longest = 0.0
    for counter in counters:
        earlier = list(
            LoginAttempt.objects.filter(key=counter.key, at__gt=now - window)
            .exclude(pk__in=ids)
            .order_by("at", "pk")
            .values_list("at", flat=True)
        )
        if len(earlier) >= counter.limit:
            # Locked until the oldest attempt that still counts leaves the window.
            oldest_counted = earlier[-counter.limit]
            longest = max(longest, (oldest_counted + window - now).total_seconds())
    return Attempt(ids=ids, wait=math.ceil(longest))


def forget_attempt(attempt: Attempt) -> None:
    """The attempt was refused or succeeded: it is no failure."""
    LoginAttempt.objects.filter(pk__in=attempt.ids).delete()


def clear_failures(*, username: str) -> None:
    """Forget a username's failures after it logs in; the IP's stay counted."""
    LoginAttempt.objects.filter(key=_counters(username=username, ip="")[0].key).delete()


class _RateLimitedLogin:
    """Refuses logins while locked and counts failed ones; mixed into Django's forms."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "too_many_attempts": "Too many failed attempts; try again in %(minutes)s.",
    }

    def __init__(self, request: HttpRequest | None = None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.locked = False

    def clean(self) -> dict:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request is not None else ""
        attempt = begin_attempt(username=username, ip=ip)
        if attempt.wait:
            forget_attempt(attempt)
            self.locked = True
            minutes = max(1, math.ceil(attempt.wait / 60))
            raise forms.ValidationError(
                self.error_messages["too_many_attempts"],
                code="too_many_attempts",
                params={"minutes": f"{minutes} minute{'s' if minutes != 1 else ''}"},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            # A wrong password stays counted; any other refusal is no guess.
            if error.code != "invalid_login":
                forget_attempt(attempt)
            raise
        forget_attempt(attempt)
        clear_failures(username=username)
        return cleaned


class RateLimitedAuthenticationForm(_RateLimitedLogin, AuthenticationForm):
    pass


class RateLimitedAdminAuthenticationForm(_RateLimitedLogin, AdminAuthenticationForm):
    """The admin's login form, under the same limit, so /admin/ is no way around it."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "too_many_attempts": _RateLimitedLogin.error_messages["too_many_attempts"],
    }
