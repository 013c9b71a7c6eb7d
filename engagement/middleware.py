"""Checks on every request before any view sees it."""

from django.core.exceptions import SuspiciousOperation

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class NulByteInRequest(SuspiciousOperation):
    """Answered with 400 Bad Request (and logged under django.security) by Django's handler."""


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
            raise NulByteInRequest("NUL character in the address or query string")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and request.content_type in _FORM_TYPES and _has_nul(request.POST):
            raise NulByteInRequest("NUL character in a form value")
        return None
