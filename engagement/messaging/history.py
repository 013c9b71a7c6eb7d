"""Messages in a resident's history: what we sent, by which channel, and what became of it."""

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from engagement.messaging import registry
from engagement.messaging.models import Message
from engagement.services.resident_history import HistoryEntry, admin_link


def _subject(message: Message) -> str:
    personalisation = {**(message.batch.personalisation if message.batch_id else {}), **message.personalisation}
    try:
        return render_to_string(f"{registry.get(message.template).template_dir}/subject.txt", personalisation).strip()
    except (LookupError, TemplateDoesNotExist):  # a kind of message the portal no longer sends
        return message.template


def messages(resident, *, limit):
    sent = Message.objects.filter(resident=resident).select_related("batch").order_by("-queued_at")
    return [
        HistoryEntry(
            at=message.queued_at,
            what=_subject(message),
            detail=f"{message.get_channel_display()} · {message.get_status_display()}",
            link=admin_link(message),
        )
        for message in sent[:limit]
    ]
