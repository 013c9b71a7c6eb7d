"""Messages in a resident's history: what we sent, by which channel, and what became of it."""

from engagement.messaging.models import Message
from engagement.messaging.services.delivery import message_subject
from engagement.services.resident_history import HistoryEntry, admin_link


def messages(resident, *, limit):
    sent = Message.objects.filter(resident=resident).select_related("batch", "resident").order_by("-queued_at")
    return [
        HistoryEntry(
            at=message.queued_at,
            what=message_subject(message),
            detail=f"{message.get_channel_display()} · {message.get_status_display()}",
            link=admin_link(message),
        )
        for message in sent[:limit]
    ]
