"""Resident pages that need no sign-in (unsubscribe, the code from a letter) and Notify's delivery receipts."""

import hmac
import json

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from engagement.messaging.forms import LetterCodeForm
from engagement.messaging.services.receipts import delivery_receipt_record
from engagement.messaging.unsubscribe import read_unsubscribe_token
from engagement.models import Channel, ConsentSource, Purpose, Resident
from engagement.services.consent import consent_record
from engagement.throttle import Throttle

_CHANNEL_WORDS = {Channel.EMAIL: "emails", Channel.TEXT: "text messages", Channel.POST: "letters"}
# Wrong codes allowed per address per hour: enough for typing mistakes, far too few to guess one.
WRONG_LETTER_CODES = Throttle("wrong-letter-code", per_hour=20)


# The signed token is the credential; mail apps' one-click unsubscribe (RFC 8058) posts without a CSRF token.
@csrf_exempt
def unsubscribe(request, token):
    resident_id, channel = read_unsubscribe_token(token) or (None, None)
    resident = Resident.objects.filter(pk=resident_id).first() if resident_id else None
    if resident is None or channel not in _CHANNEL_WORDS:
        raise Http404("This unsubscribe link is not valid")
    context = {"channel_words": _CHANNEL_WORDS[channel], "token": token}
    if request.method == "POST":
        consent_record(
            resident,
            channel=channel,
            purpose=Purpose.ENGAGEMENT,
            given=False,
            source=ConsentSource.UNSUBSCRIBE_LINK,
        )
        return render(request, "messaging/unsubscribed.html", context)
    return render(request, "messaging/unsubscribe.html", context)


def letter_code(request):
    """Type in the code from a letter to reach its personal link (a survey, say)."""
    too_many = WRONG_LETTER_CODES.used_up(request)
    if request.method == "POST" and not too_many:
        # The try is counted before the code is looked up, so many at once cannot get more.
        too_many = not WRONG_LETTER_CODES.take(request)
    # A refused try is never looked up (not even to show the form's errors).
    form = LetterCodeForm(request.POST if request.method == "POST" and not too_many else None)
    if form.is_bound and form.is_valid():
        WRONG_LETTER_CODES.give_back(request)
        return redirect(_on_this_site(form.found.url))
    context = {"form": form, "page_title": _("Enter the code from your letter"), "too_many": too_many}
    return render(request, "messaging/letter_code.html", context, status=429 if too_many else 200)


def _on_this_site(url: str) -> str:
    """A link to this site as a path, so it also works where the site has another address (a test copy)."""
    path = url.removeprefix(settings.SITE_URL)
    return path if path.startswith("/") and path != url else url


@csrf_exempt
@require_POST
def notify_callback(request):
    """GOV.UK Notify's delivery receipts. Notify sends our callback token as a bearer token."""
    expected = settings.NOTIFY_CALLBACK_TOKEN
    given = request.headers.get("Authorization", "")
    if not expected or not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
        return HttpResponse("Not authorised", status=401, content_type="text/plain")
    try:
        receipt = json.loads(request.body)
        fields = {name: receipt.get(name) or "" for name in ("reference", "id", "status", "to", "completed_at")}
        # Text only, and none that the database cannot store (a NUL) or read as a time.
        if not fields["status"] or not all(isinstance(value, str) and "\x00" not in value for value in fields.values()):
            raise ValueError
        if fields["completed_at"]:
            parse_datetime(fields["completed_at"])
    except (ValueError, AttributeError):
        return HttpResponseBadRequest("Expected a Notify delivery receipt", content_type="text/plain")
    delivery_receipt_record(provider_reference=fields.pop("id"), **fields)
    return HttpResponse(status=204)
