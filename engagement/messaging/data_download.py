"""The messages we sent a resident, for "download my data": channel, subject, status and dates."""

from engagement.messaging import registry
from engagement.messaging.models import Message
from engagement.messaging.services import standard_personalisation
from engagement.models import Resident


def _subject(message: Message) -> str:
    personalisation = {
        **standard_personalisation(message.resident, message.channel, message.purpose),
        **(message.batch.personalisation if message.batch_id else {}),
        **message.personalisation,
    }
    try:
        return registry.render(message.template, message.channel, personalisation).subject
    except LookupError:  # a kind of message the portal no longer sends
        return message.template


def messages_sent(resident: Resident) -> list[dict]:
    return [
        {
            "channel": message.get_channel_display(),
            "subject": _subject(message),
            "status": message.get_status_display(),
            "sent_to": message.sent_to,
            "recorded_at": message.queued_at,
            "sent_at": message.sent_at,
            "delivered_at": message.delivered_at,
            "failed_at": message.failed_at,
        }
        for message in Message.objects.filter(resident=resident)
        .select_related("batch", "resident")
        .order_by("queued_at")
    ]
