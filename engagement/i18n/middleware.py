"""Pages in the signed-in resident's language, when a complete translation of it exists."""

from django.utils import translation

from engagement.i18n.languages import language_code_for

# The resident's answer to "Which language would you like us to use?", kept in the session at
# sign-in and when they change it, so no page pays a query for it.
SESSION_KEY = "resident_preferred_language"


def remember_preferred_language(request, preferred_language: str) -> None:
    if hasattr(request, "session"):
        request.session[SESSION_KEY] = preferred_language or ""


class ResidentLanguageMiddleware:
    """Everyone else (and anyone whose language is not completely translated) gets English.

    Not LocaleMiddleware: it would follow the browser's Accept-Language to any language in
    settings.LANGUAGES, complete or not, and ignore what the resident told us."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        preferred = ""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if SESSION_KEY not in request.session:
                # Signed in before the answer was kept in the session: look it up once.
                resident = getattr(user, "resident", None)
                remember_preferred_language(request, resident.preferred_language if resident else "")
            preferred = request.session[SESSION_KEY]
        code = language_code_for(preferred)
        with translation.override(code):
            request.LANGUAGE_CODE = code
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response
