"""Tenancies, as the housing system knows them, and the imports that bring them in."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagement.dates import time_on_date_text
from engagement.models.places import Home
from engagement.protected_files import ProtectedFileField, stored_name


class TenureType(models.TextChoices):
    COUNCIL_TENANT = "council_tenant", _("Council tenant")
    SHELTERED_TENANT = "sheltered_tenant", _("Sheltered tenant")
    RESIDENT_LEASEHOLDER = "resident_leaseholder", _("Resident leaseholder")
    PRIVATE_TENANT_OF_LEASEHOLDER = "private_tenant_of_leaseholder", _("Private tenant of a leaseholder")
    TEMPORARY_ACCOMMODATION = "temporary_accommodation", _("Temporary accommodation")
    SHARED_OWNER = "shared_owner", _("Shared owner")


# The regulator's two groups of social housing stock for the Tenant Satisfaction Measures, reported
# separately: low-cost rental accommodation (LCRA) and low-cost home ownership (LCHO). Leaseholders who
# bought outright and private tenants of leaseholders are in neither, so are not asked the TSM survey.
LOW_COST_RENTAL = frozenset(
    {TenureType.COUNCIL_TENANT, TenureType.SHELTERED_TENANT, TenureType.TEMPORARY_ACCOMMODATION}
)
LOW_COST_HOME_OWNERSHIP = frozenset({TenureType.SHARED_OWNER})


class TsmStockGroup(models.TextChoices):
    LCRA = "lcra", _("Low-cost rental accommodation (LCRA)")
    LCHO = "lcho", _("Low-cost home ownership (LCHO)")


def tsm_stock_group(tenure_type: str) -> str | None:
    """LCRA, LCHO, or None for a tenure the Tenant Satisfaction Measures do not cover."""
    if tenure_type in LOW_COST_RENTAL:
        return TsmStockGroup.LCRA
    if tenure_type in LOW_COST_HOME_OWNERSHIP:
        return TsmStockGroup.LCHO
    return None


class Tenancy(models.Model):
    reference = models.CharField(max_length=30, help_text="The housing system's tenancy reference.")
    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="tenancies")
    tenure_type = models.CharField(max_length=40, choices=TenureType.choices)
    start_date = models.DateField()
    household_members = models.JSONField(
        default=list, blank=True, help_text="Names of the people in the household, as the housing system lists them."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "tenancies"
        ordering = ["reference"]
        indexes = [models.Index(fields=["tenure_type"])]
        # A constraint rather than unique=True: on PostgreSQL that would add a second index for
        # LIKE lookups, which nothing makes and every imported tenancy would pay for.
        constraints = [models.UniqueConstraint(fields=["reference"], name="tenancy_reference_unique")]

    def __str__(self):
        return self.reference


def tenancy_import_path(record: "TenancyImport", filename: str) -> str:
    return stored_name("tenancy-imports", filename)


class TenancyImport(models.Model):
    """One upload of a tenancy list: kept so officers can see what each import changed.

    The file itself (household names) is deleted after TENANCY_IMPORT_FILE_RETENTION_DAYS;
    the counts and errors stay.
    """

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, not yet applied")
        REJECTED = "rejected", _("Rejected: errors in the file")
        APPLIED = "applied", _("Applied")

    file = ProtectedFileField(
        upload_to=tenancy_import_path,
        blank=True,
        served_at=lambda record: reverse("admin:engagement_tenancyimport_file", args=[record.pk]),
    )
    file_deleted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the uploaded file was deleted, its retention period over."
    )
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CHECKED)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    wards_created = models.PositiveIntegerField(default=0)
    estates_created = models.PositiveIntegerField(default=0)
    blocks_created = models.PositiveIntegerField(default=0)
    homes_created = models.PositiveIntegerField(default=0)
    homes_updated = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="The first errors found, in line order.")
    error_count = models.PositiveIntegerField(default=0, help_text="All errors found, including those not listed.")
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.original_name} ({time_on_date_text(self.uploaded_at)})"

    @property
    def errors_not_listed(self) -> int:
        return self.error_count - len(self.errors)

    def summary(self) -> str:
        """What the import did (or, before it is applied, would do), in one sentence."""
        places = [
            _count(self.wards_created, "ward"),
            _count(self.estates_created, "estate"),
            _count(self.blocks_created, "block"),
            _count(self.homes_created, "home"),
        ]
        return (
            f"{_count(self.rows, 'row')}: {self.created:,} tenancies created, {self.updated:,} updated, "
            f"{self.unchanged:,} unchanged. New places: {', '.join(places)}; {_count(self.homes_updated, 'home')} changed."
        )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


class TenancyVerificationAttempt(models.Model):
    """Each try at proving a tenancy, so attempts can be limited and misuse spotted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reference_tried = models.CharField(max_length=30)
    postcode_tried = models.CharField(max_length=10)
    succeeded = models.BooleanField()
    attempted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-attempted_at"]
        indexes = [models.Index(fields=["user", "attempted_at"])]

    def __str__(self):
        return f"{self.reference_tried} ({'ok' if self.succeeded else 'failed'})"


class TenancyClaim(models.Model):
    """An account asking for a tenancy another account has already proved: an officer decides.

    Two people in one home may each have an account (joint tenants); or someone may have found a
    neighbour's reference and postcode. The officer checks, and the resident who holds it is told.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for an officer")
        LINKED = "linked", _("Linked")
        REFUSED = "refused", _("Refused")

    resident = models.ForeignKey("engagement.Resident", on_delete=models.CASCADE, related_name="tenancy_claims")
    tenancy = models.ForeignKey(Tenancy, on_delete=models.CASCADE, related_name="claims")
    claimed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at"]
        constraints = [
            models.UniqueConstraint(
                "resident", "tenancy", condition=models.Q(status="waiting"), name="one_waiting_claim_per_tenancy"
            )
        ]

    def __str__(self):
        return f"{self.tenancy} claimed by {self.resident}"
