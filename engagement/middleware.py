"""Checks on every request before any view sees it."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.defaults import bad_request

log = logging.getLogger(__name__)

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(query_dict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query_dict.lists())


class RefuseNulBytesMiddleware:
    """A NUL character in the address, the query string or a form value is a bad request.

    No one types one; PostgreSQL cannot store one (every lookup or save with it would fail with
    a 500), so it is turned away here, once, rather than in every view, filter and form.
    Form values are checked in process_view, after the size of the body has been checked.
    JSON bodies are the view's to check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or _has_nul(request.GET):
            return _bad_request(request, "the address or query string")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and request.content_type in _FORM_TYPES and _has_nul(request.POST):
            return _bad_request(request, "a form value")
        return None


def _bad_request(request, where: str):
    # One line, not a traceback: scanners send these by the thousand.
    log.warning("Bad request: NUL character in %s: %r", where, request.path_info)
    return bad_request(request, exception=None)


@dataclass(frozen=True)
class BodyLimit:
    max_bytes: Callable[[], int]
    message: Callable[[], str]


def body_limit(max_bytes: Callable[[], int], message: Callable[[], str]):
    """Refuse, before reading it, a request to this view whose body is bigger than max_bytes()
    (an upload form: a photo must be under 5MB, say), with `message` for the person sending it."""

    def decorate(view):
        # Outer decorators copy the view's attributes (functools.wraps), so this reaches the middleware.
        view.body_limit = BodyLimit(max_bytes, message)
        return view

    return decorate


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _too_large(request, message: str):
    return render(request, "request_too_large.html", {"message": message}, status=413)


class RefuseLargeBodiesMiddleware:
    """A request body bigger than the site takes (REQUEST_MAX_BYTES), or than its view takes, is
    answered 413 from its Content-Length, before a byte of it is read: a 40 MB "photo" is not
    read in full only to be told it must be under 5MB. (Django's own limit leaves files out.)
    Put it before anything that reads the body (the CSRF check, RefuseNulBytesMiddleware).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Here rather than on the way in, so the page saying so can show who is signed in.
        size = _content_length(request)
        limit = getattr(view_func, "body_limit", None)
        if limit is not None and size > limit.max_bytes():
            return _too_large(request, limit.message())
        if size > settings.REQUEST_MAX_BYTES:
            most = settings.REQUEST_MAX_BYTES // (1024 * 1024)
            return _too_large(request, f"What you sent is too big: the most this site takes is {most}MB.")
        return None


# No page of ours uses these; a script that got in could not either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivacyHeadersMiddleware:
    """Headers every page sends: a Permissions-Policy, and for anyone signed in `Cache-Control:
    private, no-store`, as every page then carries personal data (their name, their bookings,
    staff reports), which no shared cache or back button on a shared computer should keep.

    Pages reached by a secret link rather than a sign-in (a survey link, an offer of a place,
    a private calendar) say the same with Django's never_cache, which sends the same header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # A download chose its own header: a published paper may stay in the browser's cache.
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
