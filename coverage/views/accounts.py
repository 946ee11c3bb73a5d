"""Accounts: Django's views with the site's templates; failed logins are rate limited
(coverage.accounts), and a locked login answers 429."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from coverage.accounts import RateLimitedAuthenticationForm


class _RateLimitedLoginView(auth_views.LoginView):
    authentication_form = RateLimitedAuthenticationForm

    def form_invalid(self, form: RateLimitedAuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.locked:
            response.status_code = 429
        return response


login = _RateLimitedLoginView.as_view()
