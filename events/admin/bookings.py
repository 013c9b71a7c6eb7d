from django.contrib import admin

from events.models import Booking


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Who booked: for officers only, never public."""

    list_display = ["code", "event", "person", "status", "source", "places", "attendance", "created_at"]
    list_filter = ["status", "source", "attendance", "event__kind"]
    list_select_related = ["event", "resident"]
    search_fields = ["code", "resident__last_name", "resident__email", "walk_in_name", "event__title"]
    autocomplete_fields = ["resident"]
    readonly_fields = ["event", "resident", "code", "status", "source", "places", "created_at", "offered_at",
                       "offer_expires_at", "cancelled_at", "checked_in_at", "attendance_recorded_by"]  # fmt: skip
    exclude = ["offer_token"]

    @admin.display(ordering="resident__last_name")
    def person(self, booking):
        return booking.person_name

    def has_add_permission(self, request):
        return False  # residents book online; officers add walk-ins on the attendance register
