"""Error pages that say what went wrong in words a teacher can act on."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: oversized and overfull forms get 413 and what to do instead."""
    if isinstance(exception, RequestDataTooBig):
        problem = (
            f"What you sent is larger than "
            f"{filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}, more than Parallax "
            "accepts at once. Nothing was saved. For a very long article, save its text as a "
            f".txt file and upload it (up to {filesizeformat(settings.PARALLAX_MAX_UPLOAD_BYTES)}"
            "), or split it."
        )
        return render(request, "400.html", {"problem": problem}, status=413)
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        problem = "The form sent too many fields or files at once. Nothing was saved; send fewer."
        return render(request, "400.html", {"problem": problem}, status=413)
    return render(request, "400.html", {"problem": ""}, status=400)
