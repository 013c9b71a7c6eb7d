"""Resource centres, their rooms and opening hours; TRAs' room bookings by day; Tenant Management Organisations."""

from django import forms
from django.contrib import admin

from engagement.admin.actions import WEB_ADDRESSES, ChangePageActions, form_action
from engagement.admin.filters import estate_filter
from engagement.admin.inlines import LabelledTabularInline
from tenants_associations.models import (
    CommunityRoom,
    OpeningHours,
    ResourceCentre,
    RoomBooking,
    TenantManagementOrganisation,
)
from tenants_associations.services.rooms import RoomBookingRefused, room_booking_cancel


class OpeningHoursForm(forms.ModelForm):
    """A day's hours: a closing time before the opening time is said at the closing time, not as the database
    constraint's name above the row."""

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]

    def clean(self):
        cleaned_data = super().clean()
        opens, closes = cleaned_data.get("opens"), cleaned_data.get("closes")
        if opens and closes and closes <= opens:
            self.add_error("closes", f"The closing time must be after the opening time ({opens:%H:%M})")
        return cleaned_data


class OpeningHoursFormSet(forms.BaseInlineFormSet):
    """Two rows for one day may not overlap (closed for lunch is two rows, one after the other): the later one
    is said at its opening time, naming the hours it overlaps."""

    def clean(self):
        super().clean()
        by_day = {}
        for form in self.forms:
            if (not form.has_changed() and not form.instance.pk) or self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if {"weekday", "opens", "closes"} <= data.keys() and not form.errors:
                by_day.setdefault(data["weekday"], []).append(form)
        for forms_of_the_day in by_day.values():
            forms_of_the_day.sort(key=lambda form: form.cleaned_data["opens"])
            for earlier, later in zip(forms_of_the_day, forms_of_the_day[1:], strict=False):
                first, then = earlier.cleaned_data, later.cleaned_data
                if then["opens"] < first["closes"]:
                    day = OpeningHours.Weekday(first["weekday"]).label
                    later.add_error(
                        "opens",
                        f"These hours overlap {day}'s other hours ({first['opens']:%H:%M} to {first['closes']:%H:%M})",
                    )


class OpeningHoursInline(LabelledTabularInline):
    model = OpeningHours
    form = OpeningHoursForm
    formset = OpeningHoursFormSet
    extra = 0
    verbose_name_plural = "opening hours (a day with none is a day it is closed; add two rows to close for lunch)"


class CommunityRoomInline(LabelledTabularInline):
    model = CommunityRoom
    extra = 0
    fields = ["name", "capacity", "hearing_loop", "kitchen", "bookable_by_tras"]


@admin.register(ResourceCentre)
class ResourceCentreAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "venue", "computers", "free_internet", "printing"]
    list_filter = ["kind", estate_filter("venue__"), "computers", "free_internet", "printing"]
    list_select_related = ["venue"]
    search_fields = ["name", "venue__name", "venue__postcode"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["venue"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "venue", "about", "phone", "email", "hours_note"]}),
        ("Facilities", {"fields": ["computers", "free_internet", "printing", "step_free_access"]}),
    ]
    inlines = [OpeningHoursInline, CommunityRoomInline]


class RoomBookingCancelForm(forms.Form):
    """Officers cancelling a room booking in admin: the reason goes to the TRA's committee."""

    reason = forms.CharField(
        label="Why is the booking cancelled?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="We send this to the TRA's committee. Their meeting stays in their calendar, without the room.",
        error_messages={"required": "Enter why the booking is cancelled"},
    )


cancel_room_booking = form_action(
    name="cancel_room_booking",
    description="Cancel the selected room bookings",
    form_class=RoomBookingCancelForm,
    run=lambda booking, data, user: room_booking_cancel(booking=booking, reason=data["reason"], by=user),
    refused=RoomBookingRefused,
    done="{count} booking(s) cancelled; the TRAs' committees have been told.",
    intro="The meetings stay in the TRAs' calendars without the room: their committees are told, with your reason.",
    button="Cancel and tell the TRAs",
)


@admin.register(RoomBooking)
class RoomBookingAdmin(ChangePageActions, admin.ModelAdmin):
    """Bookings are made by TRA committees on the site (so the meeting is made with them): here they are
    read, by day, and cancelled with a reason."""

    list_display = ["starts_at", "ends_at", "room", "tra", "status"]
    list_filter = ["status", "room__centre"]
    list_select_related = ["room__centre", "tra"]
    search_fields = ["tra__name", "room__name", "room__centre__name"]
    date_hierarchy = "starts_at"
    ordering = ["starts_at", "pk"]
    actions = [cancel_room_booking]
    change_actions = {"cancel_room_booking": "Cancel this booking"}
    fields = [
        "room",
        "tra",
        "meeting",
        "starts_at",
        "ends_at",
        "status",
        "booked_by",
        "booked_at",
        "cancellation_reason",
        "cancelled_by",
        "cancelled_at",
    ]
    readonly_fields = fields

    def change_actions_for(self, request, obj):
        return list(self.change_actions) if obj.status == RoomBooking.Status.BOOKED else []

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TenantManagementOrganisation)
class TenantManagementOrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = WEB_ADDRESSES
    list_display = ["name", "phone", "email", "website"]
    list_filter = [estate_filter("estates__")]
    search_fields = ["name", "estates__name"]
    filter_horizontal = ["estates"]
