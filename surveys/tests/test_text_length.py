"""A survey invitation by text fits one text message: short links, short unsubscribe tokens."""

import io

import pytest
from django.core import signing
from django.core.management import call_command

from engagement.messaging.services.delivery import render_message
from engagement.messaging.unsubscribe import read_unsubscribe_token, unsubscribe_token
from engagement.models import Channel
from surveys.models import Invitation

pytestmark = pytest.mark.django_db

# GSM 03.38: what one text message of 160 characters can hold; the extension characters count twice.
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = "^{}\\[~]|€\f"


def gsm_length(text: str) -> int:
    assert all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in text), f"not all GSM characters: {text!r}"
    return sum(2 if ch in GSM_EXTENSION else 1 for ch in text)


def test_the_demo_surveys_invitation_by_text_fits_one_text_message(client):
    call_command("load_demo", stdout=io.StringIO())
    invitation = (
        Invitation.objects.filter(survey__slug="crossfields-bin-stores", message__isnull=False)
        .select_related("message__resident__tenancy__home", "message__batch")
        .order_by("-resident_id")
        .first()
    )
    message = invitation.message
    message.channel = Channel.TEXT  # as it would read to a resident who asked for texts

    text = render_message(message).body

    assert text.startswith("Have your say on Crossfields bin stores by ")
    assert gsm_length(text) <= 160, f"{gsm_length(text)} characters: {text}"
    link, stop = text.split(": ", 1)[1].split(" Stop texts: ")
    assert client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True).status_code == 200
    assert client.get(stop.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_short_unsubscribe_tokens_name_the_resident_and_channel_and_resist_tampering():
    token = unsubscribe_token(4321, Channel.TEXT)

    assert len(token) == 17 and read_unsubscribe_token(token) == (4321, "text")
    assert read_unsubscribe_token(token.replace("4321t", "4322t")) is None
    assert read_unsubscribe_token(token.replace("4321t", "4321e")) is None
    assert read_unsubscribe_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    # Links sent before tokens were short keep working.
    assert read_unsubscribe_token(signing.Signer(salt="messaging.unsubscribe").sign("12.email")) == (12, "email")
