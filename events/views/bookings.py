"""Booking a place, the resident's own bookings, and offers of a freed place."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from engagement.dates import end_of_this_minute
from engagement.qr_codes import qr_code_svg
from engagement.versions import kept
from engagement.views.residents import resident_required
from events.calendar_files import calendar_links
from events.forms import BookingForm
from events.models import Booking, CalendarFeed, Event
from events.rules import booking_eligibility, joining_link_visible
from events.services.attendance import check_in_link
from events.services.bookings import (
    AlreadyBooked,
    BookingError,
    EventFull,
    booking_cancel,
    booking_create,
    offer_accept,
    places_left,
)
from events.services.calendar_feeds import calendar_feed_reset
from events.services.surgeries import slots_free


def own_booking(resident, code: str) -> Booking:
    """The resident's own booking with this code: anyone else's is "not found"."""
    return get_object_or_404(
        Booking.objects.select_related("event__venue", "event__estate").prefetch_related("access_needs"),
        code=code.upper(),
        resident=resident,
    )


def _submit_label(event, *, full: bool) -> str:
    if full:
        return "Join the waiting list"
    # Volunteers sign up for a session rather than book a place at it.
    return gettext("Sign up") if event.kind == Event.Kind.VOLUNTEERING else "Book your place"


@resident_required(verified_tenancy=True)
def book(request, resident, pk: int):
    event = get_object_or_404(Event.objects.visible_to(resident).select_related("venue", "estate"), pk=pk)
    existing = Booking.objects.filter(event=event, resident=resident, status__in=Booking.ACTIVE).first()
    if existing is not None:
        return redirect("events:booking", code=existing.code)
    eligibility = booking_eligibility(event=event, resident=resident)
    if not eligibility.allowed:
        return render(
            request, "events/not_eligible.html", {"event": event, "eligibility": eligibility, "page_title": event.title}
        )
    # On a POST, the resident joins the waiting list only if that is what the form they saw offered.
    full = request.POST.get("waiting_list") == "yes" if request.method == "POST" else places_left(event) == 0
    slots = slots_free(event) if event.kind == Event.Kind.SURGERY and event.slots.exists() and not full else None
    posted = request.POST if request.method == "POST" else None
    if slots is not None and not slots.exists():
        # Every time went while the resident was choosing: offer the waiting list, booking nothing yet.
        full, slots = True, None
        if posted is not None:
            messages.info(request, _("Sorry, the last times have just been taken. You can join the waiting list."))
            posted = None
    form = BookingForm(
        posted,
        initial=BookingForm.initial_for(resident),
        submit_label=_submit_label(event, full=full),
        slots=slots,
    )
    if posted is not None and form.is_valid():
        try:
            booking = booking_create(event=event, resident=resident, waiting_list=full, **form.cleaned_data)
        except AlreadyBooked as error:
            return redirect("events:booking", code=error.booking.code)
        except EventFull:
            full = True
            form = BookingForm(request.POST, submit_label="Join the waiting list")
            form.is_valid()  # keeps what the resident chose, shown again without errors
            messages.info(request, _("Sorry, the last places have just been taken. You can join the waiting list."))
        except BookingError as error:
            form.add_error("slot" if "slot" in form.fields else "places", error.message)
        else:
            return redirect("events:booking", code=booking.code)
    return render(
        request,
        "events/book.html",
        {
            "event": event,
            "form": form,
            "full": full,
            "page_title": f"Join the waiting list: {event.title}" if full else f"Book a place: {event.title}",
        },
    )


@resident_required
def booking(request, resident, code: str):
    booking = own_booking(resident, code)
    event = booking.event
    show_link = joining_link_visible(event=event, resident=resident)
    return render(
        request,
        "events/booking.html",
        {
            "booking": booking,
            "event": event,
            "show_joining_link": show_link,
            "calendar": calendar_links(event, request=request, with_joining_link=show_link),
            "qr_code": _qr_code(booking),
            "page_title": event.title,
        },
    )


def _qr_code(booking) -> str:
    """The QR code staff scan at the door (the same as on the confirmation), while there is a door to come to."""
    event = booking.event
    if booking.status != Booking.Status.CONFIRMED or event.status != Event.Status.PUBLISHED or not event.is_in_person:
        return ""
    # segno writes the whole SVG from the link: there is no resident text in it to escape.
    return mark_safe(qr_code_svg(check_in_link(booking), title=f"QR code for booking {booking.code}"))


@resident_required
def booking_cancel_view(request, resident, code: str):
    booking = own_booking(resident, code)
    if not booking.is_active:
        return redirect("events:booking", code=booking.code)
    if request.method == "POST":
        was_waiting = booking.status == Booking.Status.WAITING
        booking_cancel(booking=booking)
        messages.success(
            request,
            f"You have left the waiting list for {booking.event.title}."
            if was_waiting
            else f"Your place at {booking.event.title} is cancelled.",
        )
        return redirect("events:my_events")
    return render(
        request,
        "events/booking_cancel.html",
        {"booking": booking, "event": booking.event, "page_title": _("Are you sure you want to cancel?")},
    )


@never_cache
def offer(request, token: str):
    """The link in an offer message. The secret token is the key: no need to sign in on a phone first."""
    booking = Booking.objects.filter(offer_token=token).select_related("event__venue", "resident").first()
    if booking is None:
        raise Http404("No such offer")
    ended = booking.status not in (Booking.Status.OFFERED, Booking.Status.CONFIRMED) or (
        booking.status == Booking.Status.OFFERED and booking.offer_expires_at <= timezone.now()
    )
    if request.method == "POST" and not ended:
        if request.POST.get("answer") == "decline":
            booking_cancel(booking=booking)
            messages.success(request, _("Thank you. We have offered the place to the next person."))
            return redirect("events:detail", pk=booking.event_id)
        try:
            booking = offer_accept(token=token)
        except BookingError:
            ended = True
        else:
            messages.success(request, _("Your place is booked. We have sent you a confirmation."))
    return render(
        request,
        "events/offer.html",
        {"booking": booking, "event": booking.event, "ended": ended, "page_title": _("A place has come up")},
    )


# Your events lists this many past events, the latest first.
PAST_EVENTS_SHOWN = 20


@resident_required(home=False)
def my_events(request, resident):
    now = end_of_this_minute()
    shown = kept(
        "my_events",
        lambda: _my_events(resident, now),
        Booking,
        Event,
        CalendarFeed,
        key=(resident.pk, now, get_language()),
    )
    # The calendar link's forms (their CSRF token) are written on each visit, outside what is kept.
    return render(request, "events/my_events.html", {**shown, "page_title": _("Your events")})


def _my_events(resident, now) -> dict:
    """What the resident has booked, to come and past, as written, and their calendar link: theirs alone."""
    return {
        "bookings": _my_bookings(resident, now),
        "feed_token": CalendarFeed.objects.filter(resident=resident).values_list("token", flat=True).first(),
    }


def _my_bookings(resident, now) -> str:
    """What the resident has booked, to come and past, as written: theirs alone."""
    bookings = (
        Booking.objects.filter(resident=resident)
        .exclude(status=Booking.Status.LAPSED)
        .select_related("event")
        .order_by("event__starts_at")
    )
    upcoming = bookings.filter(event__ends_at__gte=now).filter(
        Q(status__in=Booking.ACTIVE) | Q(event__status=Event.Status.CANCELLED)
    )
    past = bookings.filter(event__ends_at__lt=now, status=Booking.Status.CONFIRMED).order_by("-event__starts_at")
    # The latest only: years of involvement would make a page as long as the list.
    past = list(past[: PAST_EVENTS_SHOWN + 1])
    return render_to_string(
        "events/_my_bookings.html",
        {"upcoming": upcoming, "past": past[:PAST_EVENTS_SHOWN], "more_past": len(past) > PAST_EVENTS_SHOWN},
    )


@require_POST
@resident_required
def my_calendar_reset(request, resident):
    calendar_feed_reset(resident=resident)
    messages.success(
        request, _("Your calendar link has been changed. The old link no longer works: subscribe with the new one.")
    )
    return redirect("events:my_events")
