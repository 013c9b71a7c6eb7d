"""What residents were sent, read from the outbox (Message rows) and rendered as they would be delivered.

Tests read the outbox rather than django.core.mail so they do not depend on how (or whether yet)
a worker delivers: recording the message in the causing transaction is events' job.
"""

from dataclasses import dataclass
from datetime import datetime
from unittest import mock

from django.utils import timezone

from engagement.messaging.models import Message
from engagement.messaging.services import messages_sweep
from engagement.messaging.services.delivery import render_message


@dataclass(frozen=True)
class Sent:
    template: str
    to: list[str]
    subject: str
    body: str


def outbox() -> list[Sent]:
    """Messages recorded to go now: not cancelled, and not reminders waiting for their time (see `waiting`)."""
    sent = []
    going = Message.objects.exclude(status=Message.Status.CANCELLED).exclude(send_after__gt=timezone.now())
    for message in going.select_related("resident", "batch").order_by("pk"):
        rendered = render_message(message)
        if message.resident_id is None:
            address = message.to_address
        else:
            address = message.resident.email if message.channel == "email" else message.resident.mobile
        sent.append(Sent(message.template, [address], rendered.subject, rendered.body))
    return sent


def outbox_clear() -> None:
    Message.objects.all().delete()


def event_form(event, **changes) -> dict:
    """The event's admin form as posted with nothing changed, then `changes` (False unticks a box)."""
    local = lambda moment: timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")  # noqa: E731
    data = {
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "description": event.description,
        "organiser": event.organiser,
        "format": event.format,
        "starts_at": local(event.starts_at),
        "ends_at": local(event.ends_at),
        "venue": event.venue_id or "",
        "estate": event.estate_id or "",
        "joining_link": event.joining_link,
        "lead_officer": event.lead_officer_id or "",
        "designated_contact": event.designated_contact_id or "",
        "senior_leader": event.senior_leader,
        "housing_officer": event.housing_officer_id or "",
        "capacity": event.capacity or "",
        "training_topic": event.training_topic,
        "volunteering_activity": event.volunteering_activity,
        "eligible_estates": [estate.pk for estate in event.eligible_estates.all()],
        "eligible_tenure_types": event.eligible_tenure_types,
        "invitation_only": event.invitation_only,
        "listed": event.listed,
        "reminder_enabled": event.reminder_enabled,
        "reminder_hours_before": event.reminder_hours_before,
        "reminder_note": event.reminder_note,
        "staff_invitations-TOTAL_FORMS": 0,
        "staff_invitations-INITIAL_FORMS": 0,
        "invitations-TOTAL_FORMS": 0,
        "invitations-INITIAL_FORMS": 0,
        "invitations-2-TOTAL_FORMS": 0,
        "invitations-2-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return {name: "on" if value is True else value for name, value in data.items() if value is not False}


def sweep_at(moment: datetime) -> None:
    """Run messaging's sweep (and the deliveries it hands over) as if it were `moment`: scheduled
    messages go when due. Emails land in django.core.mail.outbox."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        messages_sweep()


def remind_at(moment: datetime) -> None:
    """Run the reminders' periodic task and then messaging's sweep as if it were `moment`."""
    from events.services.reminders import event_reminders_send

    with mock.patch("django.utils.timezone.now", return_value=moment):
        event_reminders_send()
    sweep_at(moment)
