"""Residents: the one record every part of the portal shares."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from engagement.dates import date_text
from engagement.models.tenancies import Tenancy


class AccessNeed(models.Model):
    """One of the structured access needs (BSL interpreter, step-free access…), seeded by migration."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.label


class Interest(models.Model):
    """A way of getting involved a resident wants to hear about (the interest register)."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=120)
    hint = models.CharField(max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.label


class ResidentQuerySet(models.QuerySet):
    def with_home(self):
        return self.select_related("tenancy__home__block__estate__ward", "user")


class Resident(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resident",
        help_text="Empty for residents we know without an online account (door knocking, letters).",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    email_undeliverable = models.BooleanField(default=False, help_text="Emails to this address have bounced.")
    mobile = models.CharField(max_length=16, blank=True, help_text="Stored in E.164, for example +447700900982.")
    mobile_undeliverable = models.BooleanField(default=False, help_text="Texts to this number have failed.")
    preferred_language = models.CharField(max_length=60, default="English")
    date_of_birth = models.DateField(null=True, blank=True)

    tenancy = models.ForeignKey(Tenancy, null=True, blank=True, on_delete=models.SET_NULL, related_name="residents")
    tenancy_verified_at = models.DateTimeField(null=True, blank=True)
    tenancy_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The officer who linked the tenancy by hand; empty when the resident proved it themselves.",
    )

    access_needs = models.ManyToManyField(AccessNeed, blank=True, related_name="residents")
    interpreter_language = models.CharField(max_length=60, blank=True)
    access_needs_other = models.TextField("other access needs", blank=True)
    interests = models.ManyToManyField(Interest, blank=True, related_name="residents")

    # Officer-only: never shown to the resident.
    is_vulnerable = models.BooleanField(
        "flagged vulnerable", default=False, help_text="Officers only. Prioritised for visits in winter."
    )

    closure_requested_at = models.DateTimeField(
        "asked to close their account", null=True, blank=True, help_text="Erase them within a month of this."
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="When their personal data was erased; the record stays for counts."
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(Lower("email"), name="resident_email_lower"),
            # The admin's list: this ordering, then the newest first among the same names.
            models.Index(fields=["last_name", "first_name", "-id"], name="resident_by_name"),
        ]
        permissions = [
            ("link_tenancy", "Can link a resident to a tenancy by hand"),
            ("view_reach_report", "Can see and export the reach and diversity report"),
            ("erase_resident", "Can erase a resident's personal data and close their account"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def home(self):
        return self.tenancy.home if self.tenancy_id else None

    @property
    def has_verified_tenancy(self) -> bool:
        return self.tenancy_id is not None and self.tenancy_verified_at is not None

    def age_on(self, day: date) -> int | None:
        if not self.date_of_birth:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class OfficerNote(models.Model):
    """A note only officers see (for example, "prioritise a visit")."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="officer_notes")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Note on {self.resident} ({date_text(self.created_at)})"
