"""Events: roadshows, repairs open days, walkabouts, surgeries, workshops, door knocking,
and the meetings other apps (panels, TRAs) hold.

Who may register is said once, on the event: open to everyone, or narrowed by estate,
by tenure type and/or to invited residents only. Every condition that is set must hold.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.dates import date_text
from engagement.models import Estate, Resident, TenureType

# Events are held in these years. A date outside them is a typing mistake (9999, 1926), and one
# saved would break every list that groups events by year.
EARLIEST_EVENT_YEAR, LATEST_EVENT_YEAR = 2000, 2100


def validate_event_date(value) -> None:
    """Refuse a date (or time) outside the years events are held in, with words for the field."""
    year = (timezone.localtime(value) if getattr(value, "tzinfo", None) else value).year
    if not EARLIEST_EVENT_YEAR <= year <= LATEST_EVENT_YEAR:
        raise ValidationError(
            f"Enter a date between {EARLIEST_EVENT_YEAR} and {LATEST_EVENT_YEAR}", code="event_date_out_of_range"
        )


class Venue(models.Model):
    """A place events are held, with what residents need to know to get there and in."""

    name = models.CharField(max_length=150)
    address = models.TextField(help_text="The full address, one line per line.")
    postcode = models.CharField(max_length=8, blank=True)
    estate = models.ForeignKey(Estate, null=True, blank=True, on_delete=models.SET_NULL, related_name="venues")
    how_to_get_there = models.TextField(blank=True, help_text="Buses, trains, parking, which door to use.")
    accessibility_notes = models.TextField(
        blank=True, help_text="Step-free access, accessible toilet, hearing loop, seating. Say what is missing too."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address_lines(self) -> list[str]:
        lines = [line.strip() for line in self.address.splitlines() if line.strip()]
        if self.postcode and self.postcode not in lines:
            lines.append(self.postcode)
        return lines


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self, now=None):
        """Events that have not ended by `now` (by default, this moment)."""
        return self.filter(ends_at__gte=now or timezone.now())

    def whats_on(self):
        """What the public lists and feeds show: published, listed events."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED], listed=True)

    def with_places_taken(self):
        """Each event's places held by online bookings, as `taken`: lists show places left in one query.

        A subquery per event rather than a join and GROUP BY: PostgreSQL works it out only for the rows a
        page shows, after the ordering and the LIMIT, not over every booking of every event listed.
        """
        from events.models.bookings import Booking  # it refers to Event

        holding = Booking.objects.filter(
            event=OuterRef("pk"), status__in=Booking.HOLDING, source=Booking.Source.BOOKED
        ).order_by()
        places = holding.values("event").annotate(total=Sum("places")).values("total")
        return self.annotate(taken=Coalesce(Subquery(places, output_field=models.IntegerField()), 0))

    def with_attended(self):
        """Each event's bookings recorded as attended, as `came` (a subquery, as in with_places_taken)."""
        from events.models.bookings import Booking

        attended = Booking.objects.filter(
            event=OuterRef("pk"), status=Booking.Status.CONFIRMED, attendance=Booking.Attendance.ATTENDED
        ).order_by()
        came = attended.values("event").annotate(total=Count("*")).values("total")
        return self.annotate(came=Coalesce(Subquery(came, output_field=models.IntegerField()), 0))

    def visible_to(self, resident: Resident | None):
        """Events a visitor may open: listed ones, plus unlisted ones the resident is invited to or booked on."""
        shown = Q(listed=True)
        if resident is not None:
            shown |= Q(Exists(Invitation.objects.filter(event=OuterRef("pk"), resident=resident)))
            shown |= Q(Exists(resident.bookings.filter(event=OuterRef("pk"))))
        return self.filter(shown).exclude(status=Event.Status.DRAFT)

    def for_listing(self):
        return self.select_related("estate__ward", "venue")


class Event(models.Model):
    class Kind(models.TextChoices):
        ROADSHOW = "roadshow", _("Roadshow")
        DROP_IN = "drop_in", _("Roadshow drop-in")
        REPAIRS_OPEN_DAY = "repairs_open_day", _("Repairs open day")
        WALKABOUT = "walkabout", _("Estate walkabout")
        SURGERY = "surgery", _("Housing officer surgery")
        WORKSHOP = "workshop", _("Workshop")
        DOOR_KNOCKING = "door_knocking", _("Door-knocking round")
        TRA_MEETING = "tra_meeting", _("TRA meeting")
        PANEL_MEETING = "panel_meeting", _("Panel meeting")
        TRAINING = "training", _("Training course")
        VOLUNTEERING = "volunteering", _("Volunteering")

    # The residents' training programme (Southwark's and Hammersmith & Fulham's): a course is an event of
    # the training kind, booked like any other; a resident recorded as attending it has completed it.
    class TrainingTopic(models.TextChoices):
        TRA_COMMITTEE = "tra_committee", _("TRA committee skills")
        CHAIRING = "chairing", _("Chairing meetings")
        FINANCE = "finance", _("Finance and being a treasurer")
        DIGITAL = "digital", _("Digital skills")
        SCRUTINY = "scrutiny", _("Scrutiny: holding us to account")
        OTHER = "other", _("Other")

    # Practical volunteering ("rolling up their sleeves", H&F): signing up is booking a place.
    class VolunteeringActivity(models.TextChoices):
        LITTER_PICK = "litter_pick", _("Litter pick")
        COMMUNITY_GARDENING = "community_gardening", _("Community gardening")
        HELPING_AT_EVENTS = "helping_at_events", _("Helping at events")
        OTHER = "other", _("Other")

    # Door-knocking rounds are officers' work on the doorstep: nobody books them.
    NOT_BOOKABLE = (Kind.DOOR_KNOCKING,)

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    starts_at = models.DateTimeField(db_index=True, validators=[validate_event_date])
    ends_at = models.DateTimeField(validators=[validate_event_date])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    cancellation_reason = models.TextField(blank=True)

    venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    estate = models.ForeignKey(
        Estate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="The estate the event is on or for. Empty for borough-wide events.",
    )
    joining_link = models.URLField(
        blank=True, max_length=500, help_text="For online and hybrid events. Shown only to registered residents."
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Places residents can book. Leave empty for no limit."
    )
    training_topic = models.CharField(
        max_length=20, choices=TrainingTopic.choices, blank=True, help_text="Training courses: what it teaches."
    )
    volunteering_activity = models.CharField(
        max_length=20, choices=VolunteeringActivity.choices, blank=True, help_text="Volunteering: what volunteers do."
    )

    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
        help_text="Told when the event is nearly full and when it is full.",
    )
    designated_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
        help_text="Who residents follow up with afterwards.",
    )
    organiser = models.CharField(
        max_length=150, blank=True, help_text="Shown to residents, e.g. “Crossfields TRA” or “Damp and mould panel”."
    )
    senior_leader = models.CharField(
        max_length=150, blank=True, help_text="Roadshows: the senior housing leader presenting, with their role."
    )
    housing_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
        help_text="Surgeries: the housing officer holding it.",
    )
    drop_in_for = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="drop_ins",
        help_text="A drop-in for individual issues, held before this roadshow and booked separately.",
    )

    # Who may register.
    eligible_estates = models.ManyToManyField(
        Estate, blank=True, related_name="+", help_text="Only residents of these estates. Empty: any estate."
    )
    eligible_tenure_types = models.JSONField(
        default=list, blank=True, help_text="Only residents with these tenure types. Empty: any tenure."
    )
    invitation_only = models.BooleanField(
        default=False, help_text="Only residents on the invitation list may register (panel and TRA meetings)."
    )
    listed = models.BooleanField(
        "show in What's on", default=True, help_text="Untick for meetings only invited residents should see."
    )

    reminder_enabled = models.BooleanField(
        "send a reminder", default=True, help_text="Untick to stop the reminders that have not gone yet."
    )
    reminder_hours_before = models.PositiveSmallIntegerField(
        default=48,
        help_text="How many hours before the start residents get their reminder. A change moves those not sent yet.",
    )
    reminder_note = models.TextField(
        blank=True,
        help_text="A line of your own added to the reminder and to booking confirmations. "
        "A change reaches reminders not sent yet.",
    )
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "listed", "starts_at"]),
            # "Still to come" (ends_at from now) is how What's on, feeds and counts of them start: read from the
            # index alone, without visiting each event.
            models.Index(fields=["ends_at"], include=["status", "listed", "kind"], name="event_ends_at"),
        ]
        permissions = [
            ("view_attendance_report", "Can see and export the attendance report"),
            ("record_attendance", "Can record attendance at events"),
        ]

    def __str__(self):
        return f"{self.title} ({date_text(self.starts_at)})"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end must be after the start."
        if (
            self.format in (self.Format.IN_PERSON, self.Format.HYBRID)
            and not self.venue_id
            and self.kind
            not in (
                self.Kind.DOOR_KNOCKING,
                self.Kind.WALKABOUT,
            )
        ):
            errors["venue"] = "Choose a venue for an event held in person."
        if self.kind == self.Kind.ROADSHOW and not self.senior_leader:
            errors["senior_leader"] = "Name the senior leader presenting the roadshow."
        if self.kind in (self.Kind.REPAIRS_OPEN_DAY, self.Kind.WALKABOUT) and not self.estate_id:
            errors["estate"] = f"A {self.get_kind_display().lower()} is on an estate: choose it."
        if self.kind == self.Kind.SURGERY and not self.housing_officer_id:
            errors["housing_officer"] = "Choose the housing officer holding the surgery."
        if self.kind == self.Kind.TRAINING and not self.training_topic:
            errors["training_topic"] = "Choose what the training course teaches."
        if self.kind == self.Kind.VOLUNTEERING and not self.volunteering_activity:
            errors["volunteering_activity"] = "Choose what volunteers will do."
        unknown = set(self.eligible_tenure_types or []) - set(TenureType.values)
        if unknown:
            errors["eligible_tenure_types"] = f"Unknown tenure types: {', '.join(sorted(unknown))}"
        if errors:
            raise ValidationError(errors)

    @property
    def is_in_person(self) -> bool:
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def is_bookable_kind(self) -> bool:
        return self.kind not in self.NOT_BOOKABLE

    @property
    def has_ended(self) -> bool:
        return self.ends_at < timezone.now()

    def who_for(self, estate_names: list[str] | None = None) -> str:
        """Who may register, in a sentence residents understand.

        Pass estate names when the caller has them already, to save a query per event in lists.
        """
        if estate_names is None:
            estate_names = [estate.name for estate in self.eligible_estates.all()]
        parts = []
        if self.invitation_only:
            parts.append("invited residents")
        else:
            tenures = [TenureType(value).label.lower() + "s" for value in self.eligible_tenure_types or []]
            parts.append(" and ".join(tenures) if tenures else "all council housing residents")
        if estate_names:
            parts.append("living on " + _and_list(estate_names))
        return "Open to " + " ".join(parts)


def _and_list(names: list[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class Invitation(models.Model):
    """A resident on an event's invitation list (for invitation-only events, or a personal invite)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="event_invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True, help_text="When the invitation was sent.")

    class Meta:
        constraints = [models.UniqueConstraint("event", "resident", name="one_event_invitation_per_resident")]

    def __str__(self):
        return f"{self.resident} invited to {self.event}"


class StaffInvitation(models.Model):
    """Staff and stakeholders invited to come (walkabouts above all): they are not residents."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="staff_invitations")
    name = models.CharField(max_length=150)
    organisation = models.CharField(max_length=150, blank=True, help_text="Team or organisation.")
    email = models.EmailField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "staff or stakeholder invitation"
        constraints = [models.UniqueConstraint("event", "email", name="one_staff_invitation_per_email")]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name
