"""Gunicorn settings for `make serve`, read from the environment (see README, Production).

Run as `gunicorn -c config/gunicorn.py`. Each worker process serves several requests at
once on threads, because importing articles from links waits on other sites for up to
half a minute and should not hold up readers meanwhile.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured


def _envint(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


wsgi_app = "config.wsgi:application"

# Address and port, or unix:/path/to.sock. Loopback by default: put a TLS proxy in front.
bind = os.environ.get("BIND", "127.0.0.1:8000").split(",")
# WEB_CONCURRENCY is the name platforms and gunicorn itself use for the process count.
workers = _envint("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 8))
worker_class = "gthread"
threads = _envint("GUNICORN_THREADS", 4)
# A link import may fetch for 30 s; the margin covers storing and rendering it.
timeout = _envint("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
# Restart workers now and then so a slow leak in a parser cannot build up. Not too
# often: a restart drops its kept-alive connections (clients see a reset) and the
# in-memory matrix cache. At 1,000 a class of 30 recycled every worker each minute.
max_requests = _envint("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = max_requests // 10

# One access log line per request on standard output, errors on standard error, for the
# process manager (systemd's journal, docker logs) to keep.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# Proxies whose X-Forwarded-* headers gunicorn believes; the proxy on the same machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
