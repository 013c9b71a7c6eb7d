"""What residents were sent, read from the outbox (Message rows) and rendered as they would be delivered.

Tests read the outbox rather than django.core.mail so they do not depend on how (or whether yet)
a worker delivers: recording the message in the causing transaction is events' job.
"""

from dataclasses import dataclass

from engagement.messaging import registry
from engagement.messaging.models import Message


@dataclass(frozen=True)
class Sent:
    template: str
    to: list[str]
    subject: str
    body: str


def outbox() -> list[Sent]:
    sent = []
    for message in Message.objects.select_related("resident").order_by("pk"):
        rendered = registry.render(message.template, message.channel, message.personalisation)
        if message.resident_id is None:
            address = message.to_address
        else:
            address = message.resident.email if message.channel == "email" else message.resident.mobile
        sent.append(Sent(message.template, [address], rendered.subject, rendered.body))
    return sent


def outbox_clear() -> None:
    Message.objects.all().delete()
