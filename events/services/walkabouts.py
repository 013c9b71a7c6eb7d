"""Walkabouts: residents ask, officers schedule (the resident is told), invite staff and promote them."""

from datetime import datetime

from django.db import transaction

from engagement.messaging.audience import Audience
from engagement.messaging.models import BulkSend
from engagement.messaging.services import message_queue
from engagement.messaging.services.bulk import bulk_send_create
from engagement.models import Estate, Purpose, Resident
from engagement.services.involvement import involvement_changed
from events.models import Booking, Event, Venue, WalkaboutRequest
from events.services.events import event_create
from events.services.notices import booking_details, event_details


def walkabout_request_submit(
    *, resident: Resident, estate: Estate, what_to_look_at: str, suggested_dates: str = "", group_name: str = ""
) -> WalkaboutRequest:
    return WalkaboutRequest.objects.create(
        resident=resident,
        estate=estate,
        what_to_look_at=what_to_look_at,
        suggested_dates=suggested_dates,
        group_name=group_name,
    )


@transaction.atomic
def walkabout_schedule(
    *,
    walkabout_request: WalkaboutRequest,
    starts_at: datetime,
    ends_at: datetime,
    designated_contact,
    lead_officer=None,
    venue: Venue | None = None,
    capacity: int | None = None,
    by=None,
) -> Event:
    """Publish a walkabout for the request and tell the resident who asked for it."""
    walkabout_request = WalkaboutRequest.objects.select_for_update().get(pk=walkabout_request.pk)
    if walkabout_request.walkabout_id:
        return walkabout_request.walkabout
    estate = walkabout_request.estate
    event = event_create(
        title=f"Estate walkabout: {estate.name}",
        description=(
            "Walk round the estate with staff and show them what needs attention. "
            f"Residents asked us to look at: {walkabout_request.what_to_look_at}"
        ),
        kind=Event.Kind.WALKABOUT,
        format=Event.Format.IN_PERSON,
        starts_at=starts_at,
        ends_at=ends_at,
        estate=estate,
        venue=venue,
        capacity=capacity,
        designated_contact=designated_contact,
        lead_officer=lead_officer or by,
        organiser=walkabout_request.group_name,
        created_by=by,
        publish=True,
    )
    walkabout_request.status = WalkaboutRequest.Status.SCHEDULED
    walkabout_request.walkabout = event
    walkabout_request.save(update_fields=["status", "walkabout"])
    # The resident who asked (for themselves or their group) has a place without booking it: the
    # message below is their confirmation, and they get the usual reminder (reminders.py).
    booking = Booking.objects.create(event=event, resident=walkabout_request.resident)
    involvement_changed([booking.resident_id])
    contact = designated_contact.get_full_name() or designated_contact.email
    message_queue(
        template="events.walkabout_scheduled",
        key=f"walkabout-scheduled:{walkabout_request.pk}",
        resident=walkabout_request.resident,
        personalisation={**booking_details(booking), "estate": estate.name, "contact": contact},
    )
    return event


@transaction.atomic
def walkabout_decline(*, walkabout_request: WalkaboutRequest, reply: str) -> None:
    walkabout_request.status = WalkaboutRequest.Status.DECLINED
    walkabout_request.officer_reply = reply
    walkabout_request.save(update_fields=["status", "officer_reply"])
    message_queue(
        template="events.walkabout_declined",
        key=f"walkabout-declined:{walkabout_request.pk}",
        resident=walkabout_request.resident,
        personalisation={"estate": walkabout_request.estate.name, "reply": reply},
    )


def walkabout_audience(event: Event) -> Audience:
    """The estate's residents who said yes to hearing about ways to get involved."""
    return Audience(estates=[event.estate_id], purpose=Purpose.ENGAGEMENT)


def walkabout_promote(*, event: Event, by=None) -> BulkSend | None:
    """Invite the estate's consenting residents, as a bulk send. None if all of them have been invited already.

    Promoting again reaches only residents who were not invited before (newcomers, new consent).
    """
    event = Event.objects.select_related("estate", "venue").get(pk=event.pk)
    with_whom = ", ".join(
        sorted({invitation.organisation for invitation in event.staff_invitations.all() if invitation.organisation})
    )
    return bulk_send_create(
        audience=walkabout_audience(event),
        template="events.walkabout_promotion",
        description=f"Walkabout promotion: {event}"[:250],
        personalisation={**event_details(event), "estate": event.estate.name, "with_whom": with_whom},
        officer=by,
        key=f"walkabout-promotion:{event.pk}",
    )
