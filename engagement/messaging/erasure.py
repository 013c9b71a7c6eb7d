"""Erasing a resident from the outbox: the messages stay (what was sent, when, how it went),
their addresses and words go, and nothing still waiting is sent."""

from engagement.messaging.models import DevelopmentText, LetterToPrint, Message
from engagement.models import Resident
from engagement.redaction import Redactor


def messages_erase(resident: Resident, redact: Redactor) -> None:
    theirs = Message.objects.filter(resident=resident)
    theirs.filter(status__in=Message.PENDING).update(status=Message.Status.CANCELLED)
    theirs.update(personalisation={}, sent_to="", to_address="", last_error="")
    LetterToPrint.objects.filter(message__resident=resident).update(address_lines=[], subject="", body="")
    DevelopmentText.objects.filter(message__resident=resident).update(to="", body="")
    # Messages to others that name them (a TRA secretary told of their request to join, say).
    others = Message.objects.exclude(resident=resident)
    redact.redact_rows(others, "to_address", "sent_to", "last_error", json_fields=("personalisation",))
    redact.redact_rows(
        LetterToPrint.objects.exclude(message__resident=resident), "subject", "body", json_fields=["address_lines"]
    )
    redact.redact_rows(DevelopmentText.objects.exclude(message__resident=resident), "to", "body")
