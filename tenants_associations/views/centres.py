"""Resource centres and community rooms (open to everyone), and committees booking a room for a meeting."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from engagement.dates import when_text
from engagement.views.residents import resident_or_none
from tenants_associations.forms import RoomBookingForm
from tenants_associations.models import CommitteeRole, CommunityRoom, ResourceCentre, TenantsAssociation
from tenants_associations.services.rooms import (
    RoomBookingRefused,
    bookable_rooms,
    bookings_for,
    room_book,
    week_of_opening_hours,
)
from tenants_associations.views.access import committee_view


def _centres():
    return ResourceCentre.objects.select_related("venue__estate").prefetch_related(
        "opening_hours", Prefetch("rooms", queryset=CommunityRoom.objects.order_by("name"))
    )


def centres(request):
    listed = list(_centres())
    return render(
        request,
        "tenants_associations/centres/list.html",
        {"centres": [(centre, week_of_opening_hours(centre)) for centre in listed]},
    )


def centre(request, centre_slug):
    found = get_object_or_404(_centres(), slug=centre_slug)
    resident = resident_or_none(request)
    # Committee members see a way to book: for each TRA they are on the committee of.
    committee_of = []
    if resident is not None:
        committee_of = list(
            TenantsAssociation.objects.filter(
                pk__in=CommitteeRole.objects.current().filter(resident=resident).values("tra")
            ).order_by("name")
        )
    return render(
        request,
        "tenants_associations/centres/detail.html",
        {"centre": found, "hours": week_of_opening_hours(found), "committee_of": committee_of},
    )


@committee_view
def room_booking_new(request, committee):
    tra = committee.tra
    rooms = bookable_rooms().order_by("centre__name", "name")
    initial = {}
    if (asked := request.GET.get("room", "")).isdigit():
        initial["room"] = int(asked)
    form = RoomBookingForm(request.POST or None, rooms=rooms, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            booking = room_book(tra=tra, request=form.room_request(), booked_by=committee.resident, user=request.user)
        except RoomBookingRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(
                request,
                _("%(room)s at %(centre)s is booked for your meeting, %(when)s.")
                % {
                    "room": booking.room.name,
                    "centre": booking.room.centre.name,
                    "when": when_text(booking.starts_at, booking.ends_at),
                },
            )
            return redirect("tenants_associations:committee_room_bookings", slug=tra.slug)
    return render(
        request,
        "tenants_associations/committee/room_booking_new.html",
        {"committee": committee, "tra": tra, "form": form, "page_title": _("Book a room for a meeting")},
    )


@committee_view
def room_bookings(request, committee):
    return render(
        request,
        "tenants_associations/committee/room_bookings.html",
        {"committee": committee, "tra": committee.tra, "bookings": bookings_for(committee.tra)},
    )
