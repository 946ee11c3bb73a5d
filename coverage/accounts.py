"""Logging in with a limit on failed attempts, counted per username and per client IP.

Failures are counted in Django's default cache, so the limit holds across web processes
only when that cache is shared between them (the database cache of the settings is).
A locked-out login is refused before the password is checked, so guessing on cannot
find the password either.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest

CACHE_PREFIX = "parallax:login-failures"
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
        digest = hashlib.sha256(value.encode()).hexdigest()
        return f"{CACHE_PREFIX}:{kind}:{digest}"

    return [
        _Counter(key("user", username.strip().casefold()), settings.PARALLAX_LOGIN_MAX_FAILURES),
        _Counter(key("ip", ip), settings.PARALLAX_LOGIN_MAX_FAILURES_PER_IP),
    ]


def seconds_locked(*, username: str, ip: str) -> int:
    """How long logins for this username or from this IP stay refused; 0 if they are not."""
    now = time.time()
    longest = 0.0
    for counter in _counters(username=username, ip=ip):
        failures: list[float] = cache.get(counter.key, [])
        recent = [at for at in failures if at > now - settings.PARALLAX_LOGIN_WINDOW_SECONDS]
        if len(recent) >= counter.limit:
            # Locked until the oldest failure that still counts leaves the window.
            oldest_counted = recent[-counter.limit]
            longest = max(longest, oldest_counted + settings.PARALLAX_LOGIN_WINDOW_SECONDS - now)
    return math.ceil(longest)


def record_failure(*, username: str, ip: str) -> None:
    now = time.time()
    window = settings.PARALLAX_LOGIN_WINDOW_SECONDS
    for counter in _counters(username=username, ip=ip):
        failures: list[float] = cache.get(counter.key, [])
        recent = [at for at in failures if at > now - window] + [now]
        cache.set(counter.key, recent[-counter.limit :], timeout=window)


def clear_failures(*, username: str) -> None:
    """Forget a username's failures after it logs in; the IP's stay counted."""
    cache.delete(_counters(username=username, ip="")[0].key)


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
        wait = seconds_locked(username=username, ip=ip)
        if wait:
            self.locked = True
            minutes = max(1, math.ceil(wait / 60))
            raise forms.ValidationError(
                self.error_messages["too_many_attempts"],
                code="too_many_attempts",
                params={"minutes": f"{minutes} minute{'s' if minutes != 1 else ''}"},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                record_failure(username=username, ip=ip)
            raise
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
