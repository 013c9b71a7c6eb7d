from django.contrib import admin, messages

from engagement.admin.pagination import LargeTablePaginator
from events.models import Booking
from events.services.bookings import booking_cancel
from events.services.reminders import bookings_reminders_cancel


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Who booked: for officers only, never public."""

    list_display = ["code", "event", "person", "status", "source", "places", "attendance", "created_at"]
    list_filter = ["status", "source", "attendance", "event__kind"]
    list_select_related = ["event", "resident"]
    paginator = LargeTablePaginator
    show_full_result_count = False
    search_fields = ["code", "resident__last_name", "resident__email", "walk_in_name", "event__title"]
    autocomplete_fields = ["resident"]
    readonly_fields = [
        "event",
        "resident",
        "code",
        "status",
        "source",
        "places",
        "created_at",
        "offered_at",
        "offer_expires_at",
        "cancelled_at",
        "checked_in_at",
        "attendance_recorded_by",
    ]
    exclude = ["offer_token"]
    actions = ["cancel_bookings"]

    @admin.display(ordering="resident__last_name")
    def person(self, booking):
        return booking.person_name

    @admin.action(
        description="Cancel the selected bookings (each resident is told; the place goes to the next in line)",
        permissions=["change"],
    )
    def cancel_bookings(self, request, queryset):
        # Officers cancel rather than delete: the booking stays in the event's history.
        active = queryset.filter(status__in=Booking.ACTIVE)
        cancelled = [booking_cancel(booking=booking, by_officer=True) for booking in active.select_related("event")]
        self.message_user(request, f"{len(cancelled)} booking(s) cancelled.", messages.SUCCESS)
        skipped = queryset.count() - len(cancelled)
        if skipped:
            self.message_user(request, f"{skipped} were already cancelled or lapsed.", messages.WARNING)

    # A deleted booking's reminder must not go.
    def delete_model(self, request, obj):
        bookings_reminders_cancel(bookings=Booking.objects.filter(pk=obj.pk))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        bookings_reminders_cancel(bookings=queryset)
        super().delete_queryset(request, queryset)

    def has_add_permission(self, request):
        return False  # residents book online; officers add walk-ins on the attendance register
