"""Unsubscribing from a link in a message, without signing in."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from engagement.models import Channel, ConsentSource, Purpose, Resident
from engagement.messaging.unsubscribe import read_unsubscribe_token
from engagement.services.consent import consent_record

_CHANNEL_WORDS = {Channel.EMAIL: "emails", Channel.TEXT: "text messages", Channel.POST: "letters"}


# The signed token is the credential; mail apps' one-click unsubscribe (RFC 8058) posts without a CSRF token.
@csrf_exempt
def unsubscribe(request, token):
    named = read_unsubscribe_token(token)
    if named is None:
        raise Http404("This unsubscribe link is not valid")
    resident_id, channel = named
    resident = Resident.objects.filter(pk=resident_id).first()
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
