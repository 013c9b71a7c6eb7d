"""Walkabouts: residents ask, officers schedule (the resident is told), invite staff and promote them."""

from datetime import datetime

from django.db import transaction

from engagement.messaging.audience import Audience
from engagement.messaging.models import BulkSend
from engagement.messaging.services import message_queue
from engagement.models import Estate, Purpose, Resident
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


PROMOTION_CHUNK = 500


def walkabout_audience(event: Event) -> Audience:
    """The estate's residents who said yes to hearing about ways to get involved."""
    return Audience(estates=[event.estate_id], purpose=Purpose.ENGAGEMENT)


@transaction.atomic
def walkabout_promote(*, event: Event, by=None) -> BulkSend:
    """Record a bulk invitation to the estate's consenting residents; a worker sends it after commit."""
    from events.tasks import promote_walkabout

    audience = walkabout_audience(event)
    bulk = BulkSend.objects.create(
        template="events.walkabout_promotion",
        description=f"Walkabout promotion: {event}",
        audience=audience.as_json(),
        created_by=by,
    )
    transaction.on_commit(lambda: promote_walkabout.delay(event.pk, bulk.pk))
    return bulk


def walkabout_promotion_send(*, event_id: int, bulk_send_id: int) -> int:
    """Queue one invitation per consenting resident of the estate. Safe to run twice (keys are per resident)."""
    event = Event.objects.select_related("estate", "venue").get(pk=event_id)
    bulk = BulkSend.objects.get(pk=bulk_send_id)
    audience = Audience.from_json(bulk.audience)
    with_whom = ", ".join(
        sorted({invitation.organisation for invitation in event.staff_invitations.all() if invitation.organisation})
    )
    details = {**event_details(event), "estate": event.estate.name, "with_whom": with_whom}
    recorded = 0
    ids = list(audience.residents().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), PROMOTION_CHUNK):
        with transaction.atomic():
            for resident in audience.with_channels().filter(pk__in=ids[start : start + PROMOTION_CHUNK]):
                channel = audience.channel_for(resident)
                if channel is None:
                    continue
                message_queue(
                    template="events.walkabout_promotion",
                    key=f"walkabout-promotion:{event.pk}:{resident.pk}",
                    resident=resident,
                    channel=channel,
                    personalisation=details,
                    batch=bulk,
                )
                recorded += 1
    BulkSend.objects.filter(pk=bulk.pk).update(recorded=recorded)
    return recorded
