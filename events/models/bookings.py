"""Bookings: who is coming, who is waiting, and who came (walk-ins included)."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagement.dates import time_text
from engagement.models import AccessNeed, Estate, Resident
from events.models.events import Event

# No 0/O or 1/I, so a code read out at the door is not misheard.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
# Hours a volunteer gives at one opportunity: more is a typing mistake (a whole season's gardening is 100 or so).
MAX_VOLUNTEER_HOURS = Decimal("500")


def new_booking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class SurgerySlot(models.Model):
    """A one-to-one appointment within a surgery (15 minutes, say): one resident books it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "one-to-one slot"
        constraints = [models.UniqueConstraint("event", "starts_at", name="one_slot_per_time")]

    def __str__(self):
        return f"{time_text(self.starts_at)} to {time_text(self.ends_at)}"


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Booked")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Offered a place")
        CANCELLED = "cancelled", _("Cancelled")
        LAPSED = "lapsed", _("Offer not taken up in time")

    # Bookings that hold (or wait for) a place: a resident has at most one of these per event.
    ACTIVE = (Status.CONFIRMED, Status.WAITING, Status.OFFERED)
    # Bookings that take up places.
    HOLDING = (Status.CONFIRMED, Status.OFFERED)

    class Source(models.TextChoices):
        BOOKED = "booked", _("Booked")
        WALK_IN = "walk_in", _("Walk-in")

    class HowAsked(models.TextChoices):
        ONLINE = "online", _("Online, by the resident")
        PHONE = "phone", _("By phone")
        PAPER_FORM = "paper_form", _("On a paper form")
        IN_PERSON = "in_person", _("In person")
        EMAIL = "email", _("By email")

    class Attendance(models.TextChoices):
        NOT_RECORDED = "", _("Not recorded")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bookings")
    resident = models.ForeignKey(
        Resident,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bookings",
        help_text="Empty only for a walk-in we have no record of.",
    )
    walk_in_name = models.CharField(max_length=150, blank=True)
    walk_in_estate = models.ForeignKey(Estate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_booking_code)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.BOOKED)
    places = models.PositiveSmallIntegerField("how many are coming", default=1)
    how_asked = models.CharField(
        "how the resident asked", max_length=12, choices=HowAsked.choices, default=HowAsked.ONLINE
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The officer who booked it on the resident's behalf; empty when the resident booked online.",
    )
    access_needs = models.ManyToManyField(AccessNeed, blank=True, related_name="+")
    slot = models.ForeignKey(
        SurgerySlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings", verbose_name="time"
    )
    interpreter_language = models.CharField(max_length=60, blank=True)
    access_needs_other = models.TextField("other access needs", blank=True)

    attendance = models.CharField(max_length=10, choices=Attendance.choices, blank=True, default="")
    checked_in_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    volunteer_hours = models.DecimalField(
        "hours volunteered",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(MAX_VOLUNTEER_HOURS)],
        help_text="Volunteering: the hours this volunteer gave, recorded by an officer.",
    )

    # The waiting list is in the order people joined it.
    created_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    offer_token = models.CharField(max_length=64, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                "resident",
                condition=Q(status__in=["confirmed", "waiting", "offered"]),
                name="one_active_booking_per_resident",
            ),
            # A slot is one resident's: a second booking of it cannot be saved, however close the race.
            models.UniqueConstraint(
                "slot", condition=Q(status__in=["confirmed", "offered"]), name="one_booking_per_slot"
            ),
            models.CheckConstraint(
                condition=Q(resident__isnull=False) | ~Q(walk_in_name=""), name="booking_names_someone"
            ),
        ]
        indexes = [
            # Places taken and attendance per event read from the index alone (see EventQuerySet).
            models.Index(
                fields=["event", "status"], include=["source", "places", "attendance"], name="booking_event_status"
            ),
            # The admin's list, in this ordering.
            models.Index(fields=["created_at", "id"], name="booking_created"),
        ]

    def __str__(self):
        return f"{self.code}: {self.person_name} – {self.event.title}"

    @property
    def person_name(self) -> str:
        return self.resident.full_name if self.resident_id else self.walk_in_name

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class CalendarFeed(models.Model):
    """A resident's private calendar of their bookings, at a secret address they can revoke."""

    resident = models.OneToOneField(Resident, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar feed for {self.resident}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
