"""Estate walkabouts asked for by residents and resident groups, and the issues raised at events."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.dates import date_text
from engagement.models import Estate, Resident
from engagement.protected_files import ProtectedImageField, stored_name
from events.models.events import Event

# Decoding needs 3-4 bytes a pixel whatever the file's size: a 140 KB PNG can hold 144 million
# pixels (half a gigabyte). Phones' photos are 12 million pixels, 50 at their largest setting.
PHOTO_MAX_PIXELS = 50_000_000


def validate_photo_size(photo) -> None:
    limit = settings.EVENTS_ISSUE_PHOTO_MAX_BYTES
    if photo.size > limit:
        raise ValidationError(f"The photo must be smaller than {limit // (1024 * 1024)}MB", code="too_big")


def validate_photo_pixels(photo) -> None:
    """Refuse a picture with more pixels than we will decode, reading only its header."""
    width, height = get_image_dimensions(photo)
    if width and height and width * height > PHOTO_MAX_PIXELS:
        raise ValidationError(
            f"The photo is too big to use ({width * height // 1_000_000} million pixels). "
            f"Choose one of up to {PHOTO_MAX_PIXELS // 1_000_000} million pixels, or take a screenshot of it.",
            code="too_many_pixels",
        )


# Residents' and officers' uploads alike (a form field, and the model's field for admin).
PHOTO_VALIDATORS = [FileExtensionValidator(["jpg", "jpeg", "png"]), validate_photo_size, validate_photo_pixels]


class WalkaboutRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        SCHEDULED = "scheduled", _("Scheduled")
        DECLINED = "declined", _("Not going ahead")

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="walkabout_requests")
    group_name = models.CharField(
        "resident group", max_length=150, blank=True, help_text="The TRA or group asking, if not just the resident."
    )
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="walkabout_requests")
    what_to_look_at = models.TextField()
    suggested_dates = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    walkabout = models.OneToOneField(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="walkabout_request"
    )
    officer_reply = models.TextField(blank=True, help_text="Shown to the resident when the request is declined.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Walkabout on {self.estate} asked for by {self.group_name or self.resident}"


class IssueCategory(models.Model):
    """What an issue is about, who owns it by default, and how long it should take (seeded by migration)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    timescale_days = models.PositiveSmallIntegerField(
        help_text="Days from being raised to the target date for resolving it."
    )
    designated_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
        help_text="Owns new issues of this category by default.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "issue categories"

    def __str__(self):
        return self.name


def issue_photo_path(issue: "Issue", filename: str) -> str:
    return stored_name("issues", filename)


class IssueQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Issues this person may see: staff who work on issues see all; a resident, the ones they raised."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff and user.has_perm("events.view_issue"):
            return self
        return self.filter(raised_by__user=user)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=Issue.OPEN, target_date__lt=today)


class Issue(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed without action")

    OPEN = (Status.OPEN, Status.IN_PROGRESS)

    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issues",
        help_text="The walkabout or open day it was raised at.",
    )
    raised_by = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="issues_raised"
    )
    category = models.ForeignKey(IssueCategory, on_delete=models.PROTECT, related_name="issues")
    estate = models.ForeignKey(Estate, null=True, blank=True, on_delete=models.PROTECT, related_name="issues")
    location = models.CharField("where", max_length=250)
    description = models.TextField("what")
    photo = ProtectedImageField(
        upload_to=issue_photo_path,
        blank=True,
        validators=PHOTO_VALIDATORS,
        served_at=lambda issue: reverse("events:issue_photo", args=[issue.pk]),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
    )
    target_date = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "target_date"])]

    def __str__(self):
        return f"{self.reference}: {self.location}"

    @property
    def reference(self) -> str:
        return f"ISS-{self.pk:05d}" if self.pk else "ISS-new"

    @property
    def is_overdue(self) -> bool:
        return self.status in self.OPEN and self.target_date < timezone.localdate()

    @staticmethod
    def target_for(category: IssueCategory, raised_on) -> "timezone.datetime.date":
        return raised_on + timedelta(days=category.timescale_days)


class IssueUpdate(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    status = models.CharField("status after this update", max_length=12, choices=Issue.Status.choices, blank=True)
    tell_resident = models.BooleanField(default=True, help_text="Shown on their My issues page and sent to them.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Update on {self.issue.reference} ({date_text(self.created_at)})"
