"""Workshop topics: suggested and supported by residents and stakeholders, turned into workshops by officers."""

from django.db import transaction
from django.utils import timezone

from engagement.messaging.services import message_queue
from engagement.models import Resident
from engagement.services.involvement import involvement_changed
from events.models import Event, WorkshopSuggestion, WorkshopSupport
from events.services.events import event_create
from events.services.notices import event_details


def suggestion_submit(
    *,
    topic: str,
    details: str = "",
    resident: Resident | None = None,
    stakeholder_name: str = "",
    stakeholder_email: str = "",
) -> WorkshopSuggestion:
    # Shown to others only once a moderator has approved it (suggestion_moderate), as discussions are.
    suggestion = WorkshopSuggestion.objects.create(
        topic=topic,
        details=details,
        suggested_by=resident,
        stakeholder_name=stakeholder_name,
        stakeholder_email=stakeholder_email,
    )
    if resident is not None:
        WorkshopSupport.objects.create(suggestion=suggestion, resident=resident)
    involvement_changed([suggestion.suggested_by_id])
    return suggestion


def suggestion_moderate(*, suggestion: WorkshopSuggestion, publish: bool, by) -> None:
    """Approve a suggestion for others to see and support, or keep it (and take it) off the page."""
    suggestion.published = publish
    suggestion.moderated_by = by
    suggestion.moderated_at = timezone.now()
    suggestion.save(update_fields=["published", "moderated_by", "moderated_at"])


def suggestion_support(*, suggestion: WorkshopSuggestion, resident: Resident) -> bool:
    """Add the resident's support; returns False if they already support it."""
    _, created = WorkshopSupport.objects.get_or_create(suggestion=suggestion, resident=resident)
    return created


@transaction.atomic
def suggestion_to_workshop(*, suggestion: WorkshopSuggestion, by=None, **event_fields) -> Event:
    """Publish a workshop on the suggested topic; tell everyone who supported it, and a stakeholder who suggested it."""
    suggestion = WorkshopSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    event_fields.setdefault("title", f"Workshop: {suggestion.topic}")
    event_fields.setdefault("description", suggestion.details)
    workshop = event_create(kind=Event.Kind.WORKSHOP, created_by=by, publish=True, **event_fields)
    suggestion.status = WorkshopSuggestion.Status.SCHEDULED
    suggestion.workshop = workshop
    suggestion.save(update_fields=["status", "workshop"])
    details = {**event_details(workshop), "topic": suggestion.topic}
    for support in suggestion.supports.select_related("resident__tenancy__home"):
        message_queue(
            template="events.workshop_arranged",
            key=f"workshop-arranged:{suggestion.pk}:{support.resident_id}",
            resident=support.resident,
            personalisation=details,
        )
    if suggestion.stakeholder_email:
        message_queue(
            template="events.workshop_arranged",
            key=f"workshop-arranged:{suggestion.pk}:stakeholder",
            to_address=suggestion.stakeholder_email,
            personalisation={**details, "first_name": suggestion.stakeholder_name},
        )
    return workshop
