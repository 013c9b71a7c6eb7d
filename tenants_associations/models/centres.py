"""Resource centres and community rooms TRAs can book for meetings, and Tenant Management Organisations.

The council's Resident Involvement team runs resource centres (Taplow in Walworth, Albrighton in East
Dulwich) with computers, free internet access and printing; estates have community rooms and halls. A centre's
address is its venue (events.Venue), so a meeting booked in one of its rooms is held at that venue.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from engagement.models import Estate
from events.models import Venue
from tenants_associations.models.associations import TenantsAssociation
from tenants_associations.models.meetings import TRAMeeting


class ResourceCentre(models.Model):
    class Kind(models.TextChoices):
        RESOURCE_CENTRE = "resource_centre", _("Resource centre")
        COMMUNITY_HALL = "community_hall", _("Community hall")
        COMMUNITY_ROOM = "community_room", _("Community room")

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    venue = models.OneToOneField(
        Venue,
        on_delete=models.PROTECT,
        related_name="resource_centre",
        help_text="Where it is: the address, postcode, estate, how to get there and access are the venue's.",
    )
    about = models.TextField(blank=True, help_text="What residents can do there, in a sentence or two.")
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    computers = models.BooleanField("computers for residents to use", default=False)
    free_internet = models.BooleanField("free internet access (wifi)", default=False)
    printing = models.BooleanField(default=False)
    step_free_access = models.BooleanField(default=False)
    hours_note = models.CharField(max_length=200, blank=True, help_text="For example, “Closed on bank holidays”.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def facilities(self) -> list[str]:
        """What residents can use there, in words."""
        names = [
            (self.computers, _("Computers")),
            (self.free_internet, _("Free internet access")),
            (self.printing, _("Printing")),
            (self.step_free_access, _("Step-free access")),
        ]
        return [str(name) for has, name in names if has]


class OpeningHours(models.Model):
    """When a centre is open on a day of the week. A day with no rows is a day it is closed; a day with two
    rows is open twice (closed for lunch)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    centre = models.ForeignKey(ResourceCentre, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="opening_hours_close_after_they_open"),
            models.UniqueConstraint(fields=["centre", "weekday", "opens"], name="opening_hours_once_a_day_each"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M} to {self.closes:%H:%M}"


class CommunityRoom(models.Model):
    centre = models.ForeignKey(ResourceCentre, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=100, help_text="For example, Meeting room 1, or Main hall.")
    capacity = models.PositiveSmallIntegerField(help_text="How many people it seats.")
    hearing_loop = models.BooleanField(default=False)
    kitchen = models.BooleanField("kitchen or tea point", default=False)
    bookable_by_tras = models.BooleanField(
        "TRAs can book it", default=True, help_text="Untick for rooms kept for the council's own use."
    )

    class Meta:
        ordering = ["centre__name", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="community_room_name_unique")]

    def __str__(self):
        return f"{self.name}, {self.centre.name}"


class RoomBookingQuerySet(models.QuerySet):
    def booked(self):
        return self.filter(status=RoomBooking.Status.BOOKED)

    def overlapping(self, starts_at, ends_at):
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class RoomBooking(models.Model):
    """A community room booked by a TRA for one of its meetings: the room's centre is the meeting's venue."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    room = models.ForeignKey(CommunityRoom, on_delete=models.PROTECT, related_name="bookings")
    tra = models.ForeignKey(TenantsAssociation, on_delete=models.CASCADE, related_name="room_bookings")
    meeting = models.OneToOneField(TRAMeeting, on_delete=models.CASCADE, related_name="room_booking")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    booked_by = models.ForeignKey(
        "engagement.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    booked_at = models.DateTimeField(auto_now_add=True)
    cancellation_reason = models.TextField(blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = RoomBookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="room_booking_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.room} for {self.tra.name}"


class TenantManagementOrganisation(models.Model):
    """A resident-led company that delivers housing management on the council's behalf, for the estates it manages."""

    name = models.CharField(max_length=150, unique=True)
    estates = models.ManyToManyField(Estate, related_name="tenant_management_organisations")
    about = models.TextField(blank=True, help_text="What it does for residents, in a sentence or two.")
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True, help_text="Its office, one line per line.")

    class Meta:
        ordering = ["name"]
        verbose_name = "Tenant Management Organisation (TMO)"
        verbose_name_plural = "Tenant Management Organisations (TMOs)"

    def __str__(self):
        return self.name
