"""Links to other sites only when they are web addresses.

Forms and imports accept only http(s) addresses, but a value that got into the database
another way (a shell, an old import, a bug) must not become a javascript: link.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def web_address(value: object) -> str:
    """``value`` if it is an http or https URL, else "" (use it inside href="…")."""
    text = str(value or "").strip()
    return text if urlsplit(text).scheme.lower() in {"http", "https"} else ""
