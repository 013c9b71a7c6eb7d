"""What interpreters and support an event needs, drawn from its confirmed bookings' access needs.

Officers book interpreters and arrange the room from this, so it counts bookings (one BSL
interpreter serves a booking of three people), splits language interpreters by language (a
Somali interpreter is not a Tigrinya one) and says how many bookings wrote something else.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from events.models import Booking

LANGUAGE_INTERPRETER = "language_interpreter"


@dataclass(frozen=True)
class SupportNeeded:
    label: str
    bookings: int

    def __str__(self):
        return f"{self.label}: {self.bookings}"


def event_support_needed(event) -> list[SupportNeeded]:
    """Each need with how many confirmed bookings ask for it, in the access needs' order. Two queries."""
    confirmed = {"booking__event": event, "booking__status": Booking.Status.CONFIRMED}
    rows = (
        Booking.access_needs.through.objects.filter(**confirmed)
        .values("accessneed__code", "accessneed__label", "accessneed__position", "booking__interpreter_language")
        .annotate(bookings=Count("booking_id"))
        .order_by("accessneed__position", "booking__interpreter_language")
    )
    needed: dict[str, int] = {}
    for row in rows:
        label = row["accessneed__label"]
        if row["accessneed__code"] == LANGUAGE_INTERPRETER:
            language = row["booking__interpreter_language"].strip().title() or _("language not given")
            label = _("Language interpreter — %(language)s") % {"language": language}
        needed[label] = needed.get(label, 0) + row["bookings"]
    other = event.bookings.filter(status=Booking.Status.CONFIRMED).exclude(access_needs_other="").count()
    if other:
        needed[_("Something else (see the bookings)")] = other
    return [SupportNeeded(label, count) for label, count in needed.items()]


def booking_needs_text(booking) -> str:
    """One booking's needs in a line, for the named register (access needs prefetched)."""
    needs = []
    for need in booking.access_needs.all():
        if need.code == LANGUAGE_INTERPRETER and booking.interpreter_language:
            needs.append(_("Language interpreter — %(language)s") % {"language": booking.interpreter_language})
        else:
            needs.append(need.label)
    if booking.access_needs_other:
        needs.append(booking.access_needs_other)
    return "; ".join(needs)
