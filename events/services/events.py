"""Scheduling: creating, copying, cancelling and moving events; the year's roadshows; invitations."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from engagement.dates import when_text
from engagement.messaging.services import message_queue
from engagement.models import Resident
from engagement.services.involvement import involvement_changed
from events.calendar_files import calendar_ics
from events.models import Booking, Event, Invitation, Venue
from events.services.bookings import _lock, waiting_list_offer
from events.services.notices import booking_details, event_details, rescheduled_key

# Fields a copy keeps; dates stay the same for the officer to change before publishing.
_COPIED = [
    "title",
    "description",
    "kind",
    "format",
    "starts_at",
    "ends_at",
    "venue_id",
    "estate_id",
    "joining_link",
    "capacity",
    "training_topic",
    "volunteering_activity",
    "lead_officer_id",
    "designated_contact_id",
    "organiser",
    "senior_leader",
    "housing_officer_id",
    "eligible_tenure_types",
    "invitation_only",
    "listed",
    "reminder_enabled",
    "reminder_hours_before",
    "reminder_note",
]

# Other apps' records that follow an event's date (a TRA's next AGM) register a function here from
# their AppConfig.ready; the services below call them when they move or cancel an event.
_followers: list[Callable[[Event], None]] = []


def event_followers_register(follow: Callable[[Event], None]) -> None:
    if follow not in _followers:
        _followers.append(follow)


def _followers_tell(event: Event) -> None:
    for follow in _followers:
        follow(event)


@transaction.atomic
def event_create(*, eligible_estates: Iterable = (), publish: bool = False, **fields) -> Event:
    """Create an event from keyword fields of Event (validated as in admin). Other apps use this.

    `publish=True` publishes it straight away; otherwise it is a draft.
    """
    event = Event(status=Event.Status.PUBLISHED if publish else Event.Status.DRAFT, **fields)
    event.full_clean(exclude=["eligible_estates"])
    event.save()
    event.eligible_estates.set(eligible_estates)
    return event


@transaction.atomic
def event_copy(*, event: Event, by=None) -> Event:
    """A draft copy of the event (same details, eligibility and times) for the officer to edit."""
    copy = Event(**{field: getattr(event, field) for field in _COPIED})
    copy.status = Event.Status.DRAFT
    copy.copied_from = event
    copy.created_by = by
    copy.save()
    copy.eligible_estates.set(event.eligible_estates.all())
    return copy


@transaction.atomic
def event_cancel(*, event: Event, reason: str, by=None) -> int:
    """Cancel the event and tell everyone booked, offered a place or waiting, with the reason.
    A cancelled event sends no reminders (see reminders.py).

    Returns how many residents were told (or had nothing to be told, being unreachable).
    """
    event = _lock(event)
    if event.status == Event.Status.CANCELLED:
        return 0
    event.status = Event.Status.CANCELLED
    event.cancellation_reason = reason
    event.save(update_fields=["status", "cancellation_reason", "updated_at"])
    _followers_tell(event)
    active = list(
        event.bookings.filter(status__in=Booking.ACTIVE, resident__isnull=False)
        .select_related("resident__tenancy__home")
        .prefetch_related("access_needs")
    )
    for booking in active:
        booking.event = event
        message_queue(
            template="events.event_cancelled",
            key=f"event-cancelled:{event.pk}:{booking.pk}",
            resident=booking.resident,
            personalisation={**booking_details(booking), "reason": reason},
        )
    event.bookings.filter(status__in=Booking.ACTIVE).update(
        status=Booking.Status.CANCELLED, cancelled_at=timezone.now()
    )
    involvement_changed(booking.resident_id for booking in active)
    details = {**event_details(event), "reason": reason}
    invited = _tell_invited_not_booked(event, active, "events.event_cancelled", "event-cancelled", details)
    _tell_staff_invited(event, "events.staff_event_cancelled", "staff-event-cancelled", details)
    # A roadshow's drop-in is held just before it: it does not go ahead alone.
    for drop_in in event.drop_ins.exclude(status=Event.Status.CANCELLED):
        event_cancel(event=drop_in, reason=reason, by=by)
    return len(active) + invited


def event_reschedule(*, event: Event, starts_at: datetime, ends_at: datetime) -> int:
    """Move the event and tell everyone booked, offered or waiting (with the officer's reminder line).
    Their reminders follow the new time (see reminders.py). Returns how many were told."""
    return event_change(event=event, starts_at=starts_at, ends_at=ends_at)[1]


@transaction.atomic
def event_change(*, event: Event, starts_at: datetime, ends_at: datetime, **fields) -> tuple[Event, int]:
    """Change the event's time and any other of its fields (a place, a link) in one save, so a new
    time is told with the new place. Returns the saved event and how many were told of a new time."""
    event = _lock(event)
    old_when = when_text(event.starts_at, event.ends_at)
    moved = (event.starts_at, event.ends_at) != (starts_at, ends_at)
    if not moved and not fields:
        return event, 0
    moved_by = starts_at - event.starts_at
    event.starts_at, event.ends_at = starts_at, ends_at
    for name, value in fields.items():
        setattr(event, name, value)
    event.full_clean(exclude=["eligible_estates"])
    event.save(update_fields=["starts_at", "ends_at", *fields, "updated_at"])
    if not moved:
        return event, 0
    _slots_move(event, moved_by)
    involvement_changed(event.bookings.filter(resident__isnull=False).values_list("resident_id", flat=True))
    _followers_tell(event)
    return event, _tell_moved(event, old_when=old_when, moved_by=moved_by)


def _slots_move(event: Event, moved_by: timedelta) -> None:
    """A surgery's one-to-one slots move with it, each keeping its resident. One at a time, from the end it
    moves towards, so no two slots share a time on the way (a time is unique within the surgery)."""
    slots = event.slots.order_by("-starts_at" if moved_by > timedelta(0) else "starts_at")
    for slot in slots:
        slot.starts_at += moved_by
        slot.ends_at += moved_by
        slot.save(update_fields=["starts_at", "ends_at"])


def _tell_moved(event: Event, *, old_when: str, moved_by: timedelta) -> int:
    starts_at, ends_at = event.starts_at, event.ends_at
    # An offer of a place cannot outlast the (new) start.
    event.bookings.filter(status=Booking.Status.OFFERED, offer_expires_at__gt=starts_at).update(
        offer_expires_at=starts_at
    )
    # A roadshow's drop-in is held just before it, so it moves with it (and tells its own bookers).
    drop_ins_told = sum(
        event_reschedule(event=drop_in, starts_at=drop_in.starts_at + moved_by, ends_at=drop_in.ends_at + moved_by)
        for drop_in in event.drop_ins.exclude(status=Event.Status.CANCELLED)
    )
    if event.status != Event.Status.PUBLISHED:
        return drop_ins_told
    active = list(
        event.bookings.filter(status__in=Booking.ACTIVE, resident__isnull=False)
        .select_related("resident__tenancy__home")
        .prefetch_related("access_needs")
    )
    moved = f"{starts_at:%Y%m%d%H%M}:{ends_at:%Y%m%d%H%M}"
    for booking in active:
        booking.event = event
        message_queue(
            template="events.event_rescheduled",
            key=rescheduled_key(event, booking),
            resident=booking.resident,
            personalisation={**booking_details(booking), "old_when": old_when, "note": event.reminder_note},
        )
    details = {**event_details(event), "old_when": old_when, "note": event.reminder_note}
    invited = _tell_invited_not_booked(
        event, active, "events.invitation_rescheduled", f"invitation-rescheduled:{moved}", details
    )
    _tell_staff_invited(event, "events.staff_event_rescheduled", f"staff-event-rescheduled:{moved}", details)
    return len(active) + invited + drop_ins_told


def _tell_invited_not_booked(event: Event, active: list[Booking], template: str, key: str, details: dict) -> int:
    """Residents sent an invitation (a panel's or a TRA's members) who have not booked are told too:
    they may be planning to come all the same. Returns how many."""
    booked = {booking.resident_id for booking in active}
    invited = [
        invitation
        for invitation in event.invitations.filter(notified_at__isnull=False).select_related("resident__tenancy__home")
        if invitation.resident_id not in booked
    ]
    for invitation in invited:
        message_queue(
            template=template,
            key=f"{key}:{event.pk}:invited:{invitation.resident_id}",
            resident=invitation.resident,
            personalisation=details,
        )
    return len(invited)


def _tell_staff_invited(event: Event, template: str, key: str, details: dict) -> None:
    """Staff and stakeholders already sent an invitation hear of a cancellation or a new time."""
    for invitation in event.staff_invitations.filter(sent_at__isnull=False):
        message_queue(
            template=template,
            key=f"{key}:{invitation.pk}",
            to_address=invitation.email,
            personalisation={**details, "name": invitation.name},
        )


@transaction.atomic
def event_capacity_change(*, event: Event, capacity: int | None) -> list[Booking]:
    """Change the number of places; extra places go to the waiting list straight away."""
    event = _lock(event)
    event.capacity = capacity
    event.save(update_fields=["capacity", "updated_at"])
    return waiting_list_offer(event=event)


@transaction.atomic
def event_invite(*, event: Event, residents: Iterable[Resident], invited_by=None, notify: bool = True) -> int:
    """Put residents on the event's invitation list and (if `notify`) send each an invitation once,
    now if the event is published, otherwise when it is (see `invitations_send`).

    Returns how many were newly invited. Inviting someone twice changes nothing.
    """
    already = set(event.invitations.values_list("resident_id", flat=True))
    new = [resident for resident in residents if resident.pk not in already]
    Invitation.objects.bulk_create(
        [Invitation(event=event, resident=resident, invited_by=invited_by) for resident in new],
        ignore_conflicts=True,
    )
    if notify:
        invitations_send(event=event)
    return len(new)


@transaction.atomic
def invitations_send(*, event: Event) -> int:
    """Send the invitations not sent yet, if the event is published. Returns how many were sent."""
    if event.status != Event.Status.PUBLISHED:
        return 0
    details = event_details(event)
    pending = list(
        event.invitations.filter(notified_at__isnull=True)
        .select_related("resident__tenancy__home")
        .select_for_update(of=("self",))
    )
    for invitation in pending:
        message_queue(
            template="events.invitation",
            key=f"event-invitation:{event.pk}:{invitation.resident_id}",
            resident=invitation.resident,
            personalisation=details,
        )
    event.invitations.filter(pk__in=[invitation.pk for invitation in pending]).update(notified_at=timezone.now())
    return len(pending)


@transaction.atomic
def event_uninvite(*, event: Event, residents: Iterable[Resident]) -> int:
    """Take residents off the invitation list (someone who left a panel); their bookings are cancelled."""
    ids = [resident.pk for resident in residents]
    removed, _ = event.invitations.filter(resident_id__in=ids).delete()
    for booking in event.bookings.filter(resident_id__in=ids, status__in=Booking.ACTIVE):
        from events.services.bookings import booking_cancel

        booking_cancel(booking=booking)
    return removed


def staff_or_none(user):
    """The user if they are staff: an event's lead officer hears when it fills up; a resident adding a
    meeting (a TRA's committee) is not one."""
    return user if user is not None and user.is_staff else None


def staff_invitations_send(*, event: Event) -> int:
    """Send the invitations not sent yet to staff and stakeholders. Returns how many were sent."""
    contact = event.designated_contact or event.lead_officer
    contact_text = (contact.get_full_name() or contact.email) if contact else "Community relations"
    sent = 0
    with transaction.atomic():
        for invitation in event.staff_invitations.filter(sent_at__isnull=True).select_for_update():
            message_queue(
                template="events.staff_invitation",
                key=f"staff-invitation:{invitation.pk}:{event.starts_at:%Y%m%d%H%M}",
                to_address=invitation.email,
                personalisation={
                    **event_details(event),
                    "name": invitation.name,
                    "description": event.description,
                    "contact": contact_text,
                    # Into their calendar with the meeting point (the venue, or the estate for a walkabout).
                    "calendar_file": calendar_ics([event], name=event.title).decode(),
                },
            )
            invitation.sent_at = timezone.now()
            invitation.save(update_fields=["sent_at"])
            sent += 1
    return sent


def previous_repairs_open_day(event: Event) -> Event | None:
    """The repairs open day held before this one (cancelled ones do not count)."""
    return (
        Event.objects.filter(kind=Event.Kind.REPAIRS_OPEN_DAY, starts_at__lt=event.starts_at)
        .exclude(status=Event.Status.CANCELLED)
        .exclude(pk=event.pk)
        .select_related("estate")
        .order_by("-starts_at")
        .first()
    )


def repairs_open_day_repeats_estate(event: Event) -> Event | None:
    """The previous repairs open day if it was on the same estate: open days should move round."""
    if event.kind != Event.Kind.REPAIRS_OPEN_DAY or not event.estate_id:
        return None
    previous = previous_repairs_open_day(event)
    return previous if previous is not None and previous.estate_id == event.estate_id else None


@dataclass(frozen=True)
class RoadshowSession:
    day: date
    starts: time
    ends: time
    format: str
    venue: Venue | None = None
    joining_link: str = ""
    drop_in: bool = False


DROP_IN_MINUTES = 60


@transaction.atomic
def roadshows_plan_year(
    *,
    year: int,
    sessions: list[RoadshowSession],
    senior_leader: str,
    lead_officer=None,
    capacity: int | None = None,
    by=None,
) -> list[Event]:
    """Create the year's roadshows as drafts (the framework says two online and two in person),
    each with a drop-in before it for individual issues where asked."""
    tz = timezone.get_current_timezone()
    created = []
    for number, session in enumerate(sessions, start=1):
        starts = datetime.combine(session.day, session.starts, tzinfo=tz)
        ends = datetime.combine(session.day, session.ends, tzinfo=tz)
        where = "online" if session.format == Event.Format.ONLINE else "in person"
        roadshow = Event.objects.create(
            title=f"Housing roadshow {year} ({number} of {len(sessions)}, {where})",
            description=(
                "An update from the housing services senior leadership team on the services we provide, our "
                "transformation programmes and changes in staff and structure that affect you. For common issues: "
                "bring individual issues to the drop-in before."
            ),
            kind=Event.Kind.ROADSHOW,
            format=session.format,
            starts_at=starts,
            ends_at=ends,
            venue=session.venue,
            joining_link=session.joining_link,
            senior_leader=senior_leader,
            lead_officer=lead_officer,
            capacity=capacity,
            created_by=by,
        )
        created.append(roadshow)
        if session.drop_in:
            created.append(drop_in_add(roadshow=roadshow, by=by))
    return created


@transaction.atomic
def drop_in_add(*, roadshow: Event, minutes: int = DROP_IN_MINUTES, capacity: int | None = 12, by=None) -> Event:
    """A drop-in for individual issues, just before the roadshow, booked separately."""
    existing = roadshow.drop_ins.first()
    if existing is not None:
        return existing
    return Event.objects.create(
        title=f"Drop-in before the {roadshow.title[0].lower()}{roadshow.title[1:]}",
        description="Bring an individual issue to talk over one to one with staff before the roadshow starts.",
        kind=Event.Kind.DROP_IN,
        format=roadshow.format,
        starts_at=roadshow.starts_at - timedelta(minutes=minutes),
        ends_at=roadshow.starts_at,
        venue=roadshow.venue,
        estate=roadshow.estate,
        joining_link=roadshow.joining_link,
        lead_officer=roadshow.lead_officer,
        capacity=capacity,
        drop_in_for=roadshow,
        status=roadshow.status,
        created_by=by,
    )


def event_starts_at(pk) -> datetime | None:
    """When the event on a page starts (for a BSL interpreter asked for from its page)."""
    return Event.objects.filter(pk=pk).values_list("starts_at", flat=True).first()
