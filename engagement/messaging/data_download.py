"""The messages we sent a resident, for "download my data": channel, subject, status and dates."""

from engagement.messaging.models import Message
from engagement.messaging.services.delivery import message_subject
from engagement.models import Resident


def messages_sent(resident: Resident) -> list[dict]:
    return [
        {
            "channel": message.get_channel_display(),
            "subject": message_subject(message),
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
