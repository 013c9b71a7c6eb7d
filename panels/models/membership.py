"""Applications to join a panel, the memberships they lead to, and training given."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagement.dates import date_text
from engagement.models import Resident
from panels.models.panels import Panel, Seat


class PanelApplicationQuerySet(models.QuerySet):
    def for_admin_list(self):
        return self.select_related("panel", "resident__tenancy__home__block__estate__ward")


class PanelApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent yet")
        SUBMITTED = "submitted", _("Received")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Not successful")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # A resident has at most one of these per panel at a time.
    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.SHORTLISTED)
    # Waiting for an officer's decision.
    AWAITING_DECISION = (Status.SUBMITTED, Status.SHORTLISTED)

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="applications")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="panel_applications")
    seat = models.CharField(max_length=30, choices=Seat.choices, default=Seat.RESIDENT)
    # Limits are for the form: long enough for anything a resident wants to say.
    why_join = models.TextField("why they want to join", blank=True, max_length=2000)
    experience = models.TextField("relevant experience", blank=True, max_length=2000)
    availability = models.TextField(blank=True, max_length=2000)
    access_needs = models.TextField(blank=True, max_length=2000)
    wants_training = models.BooleanField("would like training", null=True, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_message = models.TextField(blank=True, help_text="What the officer told the resident.")

    objects = PanelApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "resident"],
                condition=Q(status__in=["draft", "submitted", "shortlisted"]),
                name="one_open_application_per_resident_and_panel",
            )
        ]
        indexes = [models.Index(fields=["panel", "status"])]

    def __str__(self):
        return f"{self.resident} → {self.panel}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def can_be_withdrawn(self) -> bool:
        return self.status in self.OPEN


class TrainingRecord(models.Model):
    """Training given to an applicant or member, recorded by an officer."""

    application = models.ForeignKey(PanelApplication, on_delete=models.CASCADE, related_name="training")
    course = models.CharField(max_length=200)
    given_on = models.DateField()
    given_by = models.CharField(max_length=150, blank=True, help_text="Who ran it, for example Lewisham Tenants Fund.")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on"]

    def __str__(self):
        return f"{self.course} ({date_text(self.given_on)})"


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)

    def for_admin_list(self):
        return self.select_related("panel", "resident__tenancy__home__block__estate__ward", "staff_user")


class Membership(models.Model):
    """A seat on a panel, held by a resident or a member of staff. Ending one keeps it, with its dates.

    A change of role (member to chair) ends one membership and starts another, so the
    history reads as it happened.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        TRA_REPRESENTATIVE = "tra_representative", _("TRA representative")
        STAFF_MEMBER = "staff_member", _("Staff member")

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="memberships")
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.CASCADE, related_name="panel_memberships"
    )
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_memberships",
        limit_choices_to={"is_staff": True},
        verbose_name="member of staff",
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.MEMBER)
    started_on = models.DateField()
    term_ends_on = models.DateField(null=True, blank=True, help_text="When the term is due to end.")
    ended_on = models.DateField(null=True, blank=True, help_text="When the membership actually ended.")
    end_reason = models.CharField(max_length=250, blank=True)
    application = models.OneToOneField(
        PanelApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="membership"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["panel", "ended_on", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resident__isnull=False, staff_user__isnull=True)
                | Q(resident__isnull=True, staff_user__isnull=False),
                name="membership_held_by_a_resident_or_a_member_of_staff",
            ),
            models.UniqueConstraint(
                fields=["panel", "resident"],
                condition=Q(ended_on__isnull=True, resident__isnull=False),
                name="one_current_membership_per_resident_and_panel",
            ),
            models.UniqueConstraint(
                fields=["panel", "staff_user"],
                condition=Q(ended_on__isnull=True, staff_user__isnull=False),
                name="one_current_membership_per_staff_member_and_panel",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.member_name}, {self.get_role_display().lower()} of {self.panel}"

    @property
    def member_name(self) -> str:
        if self.resident_id:
            return self.resident.full_name
        return self.staff_user.get_full_name() or self.staff_user.email

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
