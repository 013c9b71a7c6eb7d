"""Surgeries as a series: the same weekday of each month (the first Tuesday, say), same time and venue."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from engagement.charts import Chart, line_chart
from events.models import Booking, Event, SurgerySlot
from events.services.events import event_copy

SERIES_MONTHS = 6
SLOT_MINUTES = 15


def same_weekday_of_month(day: date, months_later: int) -> date | None:
    """The same weekday in the same week of the month (first, second…), months later; None if that month
    has no such day (a fifth Tuesday)."""
    month_index = day.year * 12 + day.month - 1 + months_later
    first = date(month_index // 12, month_index % 12 + 1, 1)
    candidate = first + timedelta(days=(day.weekday() - first.weekday()) % 7 + 7 * ((day.day - 1) // 7))
    return candidate if candidate.month == first.month else None


@transaction.atomic
def surgery_series_create(*, surgery: Event, months: int = SERIES_MONTHS, by=None) -> list[Event]:
    """Draft copies of the surgery on its weekday of the month for the next `months` months, each copied
    from it (so the series is the surgery and its copies). Safe to run twice: no month gets two."""
    starts = timezone.localtime(surgery.starts_at)
    length = surgery.ends_at - surgery.starts_at
    # Each surgery of the series offers the same one-to-one appointments, if this one does.
    first_slot = surgery.slots.order_by("starts_at").first()
    slot_length = first_slot.ends_at - first_slot.starts_at if first_slot else None
    made = []
    for later in range(1, months + 1):
        day = same_weekday_of_month(starts.date(), later)
        if day is None:
            continue
        at = timezone.make_aware(datetime.combine(day, starts.time().replace(tzinfo=None)))
        if Event.objects.filter(copied_from=surgery, starts_at=at).exists():
            continue
        copy = event_copy(event=surgery, by=by)
        copy.starts_at, copy.ends_at = at, at + length
        copy.save(update_fields=["starts_at", "ends_at"])
        if slot_length is not None:
            surgery_slots_add(surgery=copy, minutes=int(slot_length.total_seconds() // 60))
        made.append(copy)
    return made


def surgery_series(surgery: Event) -> QuerySet[Event]:
    """The surgery's series (the surgery it was repeated from, and every repeat) with places taken and
    attendance, in date order: how the series is doing over time, in one query."""
    first_id = surgery.copied_from_id if surgery.copied_from_id else surgery.pk
    return (
        Event.objects.filter(Q(pk=first_id) | Q(copied_from_id=first_id), kind=Event.Kind.SURGERY)
        .with_places_taken()
        .with_attended()
        .order_by("starts_at", "pk")
    )


def surgery_series_chart(series: list[Event], *, title: str, now: datetime | None = None, key: str = "") -> Chart:
    """Places booked and residents who came at each surgery of a series; those still to come have no 'came'."""
    now = now or timezone.now()
    shown = [surgery for surgery in series if surgery.status != Event.Status.CANCELLED]
    return line_chart(
        f"Attendance at {title}",
        [f"{timezone.localtime(surgery.starts_at):%-d %b %y}" for surgery in shown],
        {
            "Places booked": [surgery.taken for surgery in shown],
            "Came": [surgery.came if surgery.starts_at <= now else None for surgery in shown],
        },
        period_heading="Surgery",
        value_heading="Residents",
        key=key or f"series-{shown[0].pk if shown else 'none'}",
    )


@transaction.atomic
def surgery_slots_add(*, surgery: Event, minutes: int = SLOT_MINUTES) -> list[SurgerySlot]:
    """One-to-one slots of `minutes` from the surgery's start to its end; its places become its slots.

    Safe to run twice: a time that already has a slot is left as it is."""
    if surgery.kind != Event.Kind.SURGERY:
        raise ValueError("Only surgeries have one-to-one slots")
    length = timedelta(minutes=minutes)
    taken = set(surgery.slots.values_list("starts_at", flat=True))
    made = []
    at = surgery.starts_at
    while at + length <= surgery.ends_at:
        if at not in taken:
            made.append(SurgerySlot(event=surgery, starts_at=at, ends_at=at + length))
        at += length
    SurgerySlot.objects.bulk_create(made)
    Event.objects.filter(pk=surgery.pk).update(capacity=surgery.slots.count())
    return made


def slots_free(event: Event) -> QuerySet[SurgerySlot]:
    """The event's slots no one holds, earliest first."""
    held = Booking.objects.filter(slot=OuterRef("pk"), status__in=Booking.HOLDING)
    return event.slots.filter(~Exists(held)).order_by("starts_at")


def slots_with_bookings(event: Event) -> list[SurgerySlot]:
    """Every slot, each with `booking` (the booking holding it, or None): who is in which slot."""
    slots = list(
        event.slots.prefetch_related(
            Prefetch(
                "bookings",
                Booking.objects.filter(status__in=Booking.HOLDING).select_related("resident"),
                to_attr="holding",
            )
        )
    )
    for slot in slots:
        slot.booking = slot.holding[0] if slot.holding else None
    return slots
