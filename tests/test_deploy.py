"""Production settings: `check --deploy` passes with the README's environment, and
settings refuse to start without what production needs."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What README's "Production" section tells a deployment behind a TLS proxy to set.
PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "parallax.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://parallax.example.org",
    "SECURE_PROXY_SSL_HEADER": "true",
}
# Settings a developer's shell may have set that would change what is checked.
_UNSET = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECRET_KEY",
]


def manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in _UNSET}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deployment_checks_with_production_settings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_it_fails_the_deployment_checks_in_development(tmp_path):
    """Shows the check above can fail: development settings are not fit to deploy."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, DEBUG="true")
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on
    assert "security.W009" in result.stderr  # the development secret key


def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    result = manage("check", tmp_path=tmp_path, **PRODUCTION)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr


def test_it_refuses_a_setting_that_is_not_a_boolean(tmp_path):
    result = manage(
        "check",
        tmp_path=tmp_path,
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="sometimes",
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT='sometimes' is not a boolean" in result.stderr


def test_it_defaults_to_secure_settings_when_debug_is_off(tmp_path):
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "SECURE_PROXY_SSL_HEADER",
        "STORAGES",
    ]
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        f"import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))",
        tmp_path=tmp_path,
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded.pop("STORAGES")["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert loaded == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_it_keeps_plain_http_in_development(settings):
    """`make run` serves http://127.0.0.1:8000 in development without redirects."""
    assert settings.DEBUG is False  # pytest-django turns DEBUG off; the rest is as loaded
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.SECURE_HSTS_SECONDS == 0
    assert settings.SESSION_COOKIE_SECURE is False


def test_the_readme_documents_every_setting_read_from_the_environment():
    """Fails when a setting is added without telling the people who deploy Parallax."""
    readers = re.compile(r"""(?:environ\.get|env(?:bool|int|list)|_envint)\(\s*["'](\w+)["']""")
    names = set()
    for source in ["config/settings.py", "config/gunicorn.py"]:
        names |= set(readers.findall((ROOT / source).read_text()))
    names |= set(re.findall(r"\$\{(\w+):-", (ROOT / "scripts/serve.sh").read_text()))
    assert len(names) > 20, names
    readme = (ROOT / "README.md").read_text()
    undocumented = sorted(name for name in names if f"`{name}" not in readme)
    assert undocumented == []
