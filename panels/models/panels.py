"""Panels, boards and forums, and who may join each."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.models import Estate, TenureType
from engagement.protected_files import ProtectedFileField, stored_name
from panels.documents import validate_document

# Words the panel pages' URLs use; a panel cannot take them as its address.
RESERVED_SLUGS = {"type", "yours", "applications"}


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}” is used by another page. Choose a different web address.")


def document_path(instance, filename: str) -> str:
    return stored_name("panels/documents", filename)


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BOTH = "both", _("Online and in person")


class Seat(models.TextChoices):
    """The seats a resident can apply for. Values match Membership.Role, so an accepted seat becomes the role."""

    RESIDENT = "member", _("Resident seat")
    TRA_REPRESENTATIVE = "tra_representative", _("TRA representative seat")


class PanelQuerySet(models.QuerySet):
    def for_listing(self):
        return self.prefetch_related("eligibility_rules__estates")


class Panel(models.Model):
    class Kind(models.TextChoices):
        TASK_AND_FINISH = "task_and_finish", _("Task and finish panel")
        SERVICE_AND_PERFORMANCE = "service_and_performance", _("Service and Performance Panel")
        BUILDING_SAFETY = "building_safety", _("Building safety panel")
        LEASEHOLD_FORUM = "leasehold_forum", _("Leasehold forum")
        INDEPENDENT_LIVING_FORUM = "independent_living_forum", _("Independent living forum")
        REGENERATION_STEERING_GROUP = "regeneration_steering_group", _("Regeneration steering group")
        OTHER_BOARD = "other_board", _("Other board")

    class Status(models.TextChoices):
        RECRUITING = "recruiting", _("Recruiting")
        ACTIVE = "active", _("Active, not recruiting")
        FINISHED = "finished", _("Finished")

    FORUMS = (Kind.LEASEHOLD_FORUM, Kind.INDEPENDENT_LIVING_FORUM)

    name = models.CharField(max_length=150)
    slug = models.SlugField(
        "web address",
        max_length=80,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text="The end of the panel's web address, for example energy-efficiency.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    service_area = models.CharField(max_length=150, help_text="The service this panel looks at, for example Repairs.")
    purpose = models.TextField(help_text="What the panel is for, in a few sentences residents will read.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECRUITING)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    # Level of commitment.
    how_often = models.CharField(max_length=150, help_text="For example, once a month for 6 months.")
    how_long = models.CharField(max_length=150, help_text="For example, about 2 hours each meeting.")
    meeting_format = models.CharField(max_length=20, choices=Format.choices, default=Format.BOTH)
    training_offered = models.BooleanField(default=False)
    training_details = models.CharField(max_length=250, blank=True)
    tra_seats = models.PositiveSmallIntegerField(
        "seats for TRA representatives",
        default=0,
        help_text="How many seats are kept for Tenants and Residents Association representatives.",
    )

    # Who residents contact when they cannot join, or have a question.
    contact_name = models.CharField(
        max_length=150, blank=True, help_text="For example, the building safety team. Empty: community relations."
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)

    terms_of_reference = ProtectedFileField(
        upload_to=document_path,
        blank=True,
        validators=[validate_document],
        served_at=lambda panel: reverse("panels:terms_of_reference", kwargs={"slug": panel.slug}),
    )
    terms_of_reference_review_date = models.DateField(null=True, blank=True)

    # Task and finish panels: "clear outcomes that are time measured".
    task = models.TextField(blank=True)
    outcome_required = models.TextField("outcome it must deliver", blank=True)
    deliver_by = models.DateField("deliver the outcome by", null=True, blank=True)

    publishes_records = models.BooleanField(
        "publish minutes and action log",
        default=False,
        help_text="Show approved minutes, meeting papers and the action log on the public site.",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PanelQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.TASK_AND_FINISH:
            missing = {
                "task": "Enter the panel's task",
                "outcome_required": "Enter the outcome the panel must deliver",
                "deliver_by": "Enter the date the panel must deliver its outcome by",
            }
            errors = {field: message for field, message in missing.items() if not getattr(self, field)}
            if errors:
                raise ValidationError(errors)

    @property
    def is_recruiting(self) -> bool:
        return self.status == self.Status.RECRUITING

    @property
    def is_forum(self) -> bool:
        return self.kind in self.FORUMS

    @property
    def seats(self) -> list[str]:
        return [Seat.RESIDENT, Seat.TRA_REPRESENTATIVE] if self.tra_seats else [Seat.RESIDENT]

    def terms_of_reference_review_due(self, today: date | None = None) -> bool:
        review = self.terms_of_reference_review_date
        return review is not None and review <= (today or timezone.localdate())

    @property
    def contact(self) -> tuple[str, str, str]:
        """Who to contact about this panel: its own contact, or community relations."""
        if self.contact_email:
            return self.contact_name or "the panel's organiser", self.contact_email, self.contact_phone
        return "community relations", settings.COMMUNITY_RELATIONS_EMAIL, self.contact_phone


class EligibilityRule(models.Model):
    """One condition for joining a panel. A resident must meet every rule for the seat they apply for.

    `rule` names a rule in panels.eligibility (any resident, tenure, higher-risk building…).
    It has no choices in the database, so adding a rule is one new module and no migration.
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="eligibility_rules")
    rule = models.CharField(max_length=40)
    for_seat = models.CharField(
        "applies to",
        max_length=30,
        choices=Seat.choices,
        blank=True,
        help_text="Leave empty for a rule that applies to every seat.",
    )
    tenure_types = models.JSONField(default=list, blank=True, help_text="For the tenure rule.")
    estates = models.ManyToManyField(Estate, blank=True, related_name="+", help_text="For the estates rule.")

    class Meta:
        ordering = ["panel", "for_seat", "id"]

    def __str__(self):
        from panels.eligibility import rule_for

        return rule_for(self).who(self)

    def get_tenure_types_display(self) -> list[str]:
        labels = dict(TenureType.choices)
        return [str(labels.get(value, value)) for value in self.tenure_types]
