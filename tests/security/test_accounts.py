"""Logging in (with its limit on failed attempts), the account menu and password change."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.db import connection

from coverage import accounts
from tests.conftest import PASSWORD

HTMX = {"HTTP_HX_REQUEST": "true"}


def _log_in(client, username: str = "alice", password: str = PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def _fail(client, times: int, username: str = "alice", **extra) -> None:
    for _ in range(times):
        response = _log_in(client, username, "wrong password", **extra)
        assert response.status_code == 200
        assert "Please enter a correct username and password." in response.content.decode()


# Logging in


def test_the_login_page_fits_the_site(client, db):
    response = client.get("/accounts/login/")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in content and "<h1>Log in</h1>" in content
    # Every page is a full page; htmx gets the same page, never a fragment.
    assert "<html" in client.get("/accounts/login/", **HTMX).content.decode()


def test_editors_log_in_and_return_where_they_were(client, editor):
    response = client.post(
        "/accounts/login/",
        {"username": "alice", "password": PASSWORD, "next": "/outlets/"},
    )
    assert response.status_code == 302 and response["Location"] == "/outlets/"
    assert client.get("/").context["user"] == editor


def test_a_wrong_password_says_so(client, editor):
    response = _log_in(client, password="nope")
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()


def test_five_failures_lock_the_username_without_checking_the_password(client, editor):
    _fail(client, 5)
    with mock.patch("django.contrib.auth.forms.authenticate") as authenticate:
        response = _log_in(client)
    assert response.status_code == 429
    assert "Too many failed attempts; try again in 15 minutes." in response.content.decode()
    authenticate.assert_not_called()
    assert "_auth_user_id" not in client.session
    # The lock is per username, whatever its case.
    assert _log_in(client, username="ALICE").status_code == 429


def test_the_lock_is_per_username(client, editor, reader):
    _fail(client, 5)
    response = _log_in(client, username="bob")
    assert response.status_code == 302


def test_the_lock_ends_when_the_window_has_passed(client, editor, monkeypatch):
    _fail(client, 5)
    assert _log_in(client).status_code == 429
    real_time = accounts.time.time
    monkeypatch.setattr(accounts, "time", SimpleNamespace(time=lambda: real_time() + 14 * 60))
    response = _log_in(client)
    assert response.status_code == 429
    assert "try again in 1 minute." in response.content.decode()
    monkeypatch.setattr(accounts, "time", SimpleNamespace(time=lambda: real_time() + 15 * 60 + 1))
    assert _log_in(client).status_code == 302


def test_a_successful_login_forgets_the_usernames_failures(client, editor):
    _fail(client, 4)
    assert _log_in(client).status_code == 302
    client.logout()
    _fail(client, 4)
    assert _log_in(client).status_code == 302


def test_failures_from_one_address_lock_it_for_every_username(client, editor, settings):
    settings.PARALLAX_LOGIN_MAX_FAILURES_PER_IP = 3
    for username in ("carol", "dave", "erin"):
        _fail(client, 1, username=username, REMOTE_ADDR="203.0.113.9")
    response = _log_in(client, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert _log_in(client, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_forwarded_addresses_count_only_behind_trusted_proxies(client, editor, settings):
    settings.PARALLAX_LOGIN_MAX_FAILURES_PER_IP = 2
    # A client cannot dodge the limit by sending its own X-Forwarded-For.
    _fail(client, 1, username="carol", HTTP_X_FORWARDED_FOR="192.0.2.1")
    _fail(client, 1, username="dave", HTTP_X_FORWARDED_FOR="192.0.2.2")
    assert _log_in(client, HTTP_X_FORWARDED_FOR="192.0.2.3").status_code == 429

    settings.PARALLAX_TRUSTED_PROXIES = 1
    forged_then_real = {"HTTP_X_FORWARDED_FOR": "192.0.2.99, 198.51.100.20"}
    _fail(client, 2, username="carol", **forged_then_real)
    response = _log_in(client, HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.20")
    assert response.status_code == 429
    assert _log_in(client, HTTP_X_FORWARDED_FOR="198.51.100.21").status_code == 302


def test_the_admin_login_is_under_the_same_limit(client, editor):
    User.objects.filter(pk=editor.pk).update(is_staff=True, is_superuser=True)
    _fail(client, 5)
    with mock.patch("django.contrib.auth.forms.authenticate") as authenticate:
        response = client.post("/admin/login/", {"username": "alice", "password": PASSWORD})
    assert "Too many failed attempts; try again in 15 minutes." in response.content.decode()
    authenticate.assert_not_called()
    assert "_auth_user_id" not in client.session


# Parallel guesses


def _attempt(rf, password: str = "wrong password") -> accounts.RateLimitedAuthenticationForm:
    form = accounts.RateLimitedAuthenticationForm(
        rf.post("/accounts/login/"), data={"username": "alice", "password": password}
    )
    form.is_valid()
    return form


def test_guesses_arriving_while_others_are_checked_are_counted_first(rf, editor):
    """12 guesses at once: each arrives while the previous password is being checked."""
    sent, checked, locked = [], [], []

    def check_slowly(request=None, **credentials):
        checked.append(credentials["username"])
        while len(sent) < 12:
            sent.append(1)
            locked.append(_attempt(rf).locked)

    with mock.patch("django.contrib.auth.forms.authenticate", side_effect=check_slowly):
        sent.append(1)
        locked.append(_attempt(rf).locked)

    assert len(sent) == 12
    assert len(checked) == 5
    assert locked.count(True) == 7


@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_through_threads_are_counted_atomically(rf):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time, so logins cannot race there.")
    User.objects.create_user("alice", password=PASSWORD)
    start = threading.Barrier(20)
    checked = []

    def check_slowly(request=None, **credentials):
        checked.append(1)
        time.sleep(0.2)

    def guess() -> None:
        try:
            start.wait()
            _attempt(rf)
        finally:
            connection.close()

    with mock.patch("django.contrib.auth.forms.authenticate", side_effect=check_slowly):
        threads = [threading.Thread(target=guess) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert len(checked) <= 5


# The account menu


def test_the_header_has_an_account_menu_when_logged_in(editor_client):
    content = editor_client.get("/").content.decode()
    assert '<details class="user-menu">' in content
    assert "alice</summary>" in content
    assert 'href="/accounts/password/"' in content
    assert 'action="/accounts/logout/"' in content
    assert "Log in</a>" not in content


def test_visitors_get_a_log_in_link(client, db):
    content = client.get("/outlets/").content.decode()
    assert 'href="/accounts/login/?next=/outlets/"' in content
    assert "user-menu" not in content


def test_logging_out_takes_a_post(editor_client):
    response = editor_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in editor_client.session


# Changing the password


def test_the_password_page_needs_a_login(client, db):
    response = client.get("/accounts/password/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/"


def test_the_password_page_fits_the_site(editor_client):
    response = editor_client.get("/accounts/password/")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in content and "<h1>Change password</h1>" in content
    assert 'name="old_password"' in content and 'name="new_password2"' in content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"old_password": "wrong", "new_password1": "n3w-pass-phrase"},
            "Your old password was entered incorrectly.",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "n3w-pass-phrase", "new_password2": "x"},
            "The two password fields didn’t match.",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
            "This password is entirely numeric.",
        ),
    ],
)
def test_a_refused_password_change_says_why(editor_client, editor, data, message):
    data.setdefault("new_password2", data["new_password1"])
    response = editor_client.post("/accounts/password/", data)
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "Your password was not changed." in content
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_editors_change_their_password_and_stay_logged_in(editor_client, editor):
    response = editor_client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "n3w-pass-phrase",
            "new_password2": "n3w-pass-phrase",
        },
        follow=True,
    )
    assert response.redirect_chain == [("/accounts/password/done/", 302)]
    assert "Your password is changed." in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password("n3w-pass-phrase")
    assert editor_client.get("/accounts/password/").status_code == 200
