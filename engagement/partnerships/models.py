"""Partners the council works with, the social value their contracts promise, and what they fund.

Social value: under the Public Services (Social Value) Act 2012 the council considers, when it buys
services, how the contract could improve the borough's social, economic and environmental well-being.
What a contractor promises is a commitment (what, how much, what it is worth in pounds, by when);
what they have done against it is recorded as deliveries, with the evidence. Several of the council's
housing association partners follow the Housing Associations' Charitable Trust (HACT) social value
roadmap, so a partner records whether it does.

Partner contacts are people's personal data: officers see them in admin (audited, see engagement/audit.py);
the public pages never show them.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.models import Estate

# A commitment is "due soon" this long before its date: time enough for officers to chase the partner.
DUE_SOON_DAYS = 60

_ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=12, decimal_places=2))


class PartnerQuerySet(models.QuerySet):
    def current(self, today: date | None = None):
        """Partnerships running today and listed on the site: started (or no start recorded), not ended."""
        today = today or timezone.localdate()
        return self.filter(listed=True).filter(
            Q(started_on__isnull=True) | Q(started_on__lte=today), Q(ended_on__isnull=True) | Q(ended_on__gte=today)
        )


class Partner(models.Model):
    class Kind(models.TextChoices):
        CONTRACTOR = "contractor", _("Contractor")
        TRAINING_PROVIDER = "training_provider", _("Training provider")
        COMMUNITY_GROUP = "community_group", _("Community group")
        SUPPORT_AGENCY = "support_agency", _("Support agency")
        HOUSING_ASSOCIATION = "housing_association", _("Housing association")
        CHARITY = "charity", _("Charity or voluntary organisation")
        PUBLIC_BODY = "public_body", _("Public body")
        OTHER = "other", _("Other partner")

    name = models.CharField(max_length=150)
    slug = models.SlugField("web address", max_length=80, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    about = models.TextField(
        blank=True, help_text="What they do with us, in a sentence or two residents will read on the partnerships page."
    )
    website = models.URLField(blank=True)
    started_on = models.DateField("partnership started on", null=True, blank=True)
    ended_on = models.DateField("partnership ended on", null=True, blank=True)
    listed = models.BooleanField(
        "listed on the partnerships page", default=True, help_text="Untick to keep a partner off the public site."
    )
    follows_hact_roadmap = models.BooleanField(
        "follows the HACT social value roadmap",
        default=False,
        help_text="The Housing Associations' Charitable Trust's roadmap for measuring social value.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="partner_name_unique_ignoring_case")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The partnership must end after it started"})


class PartnerContact(models.Model):
    """Someone officers deal with at a partner. Personal data: admin only, audited, never on the public site."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True, help_text="For example, social value manager.")
    email = models.EmailField(blank=True)
    phone = models.CharField("phone number", max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "partner contact"

    def __str__(self):
        return f"{self.name} ({self.partner})"


class Contract(models.Model):
    """A contract (or agreement) with a partner that carries social value commitments."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="contracts")
    title = models.CharField(max_length=200, help_text="For example, Hatfield and Gerrard repairs and improvements.")
    reference = models.CharField("contract reference", max_length=50, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    contract_value = models.DecimalField(
        "contract value (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    estates = models.ManyToManyField(Estate, blank=True, related_name="partner_contracts")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return f"{self.title} ({self.partner})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The contract must end after it starts"})


class CommitmentStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    MET = "met", _("Met")


class CommitmentQuerySet(models.QuerySet):
    def with_progress(self, today: date | None = None):
        """Each commitment with what has been delivered against it and where it stands today (`status`)."""
        today = today or timezone.localdate()
        return (
            self.annotate(
                delivered_quantity=Coalesce(Sum("deliveries__quantity"), _ZERO),
                delivered_value=Coalesce(Sum("deliveries__value"), _ZERO),
            )
            .annotate(
                status=Case(
                    When(quantity__lte=F("delivered_quantity"), then=Value(CommitmentStatus.MET)),
                    When(due_on__lt=today, then=Value(CommitmentStatus.OVERDUE)),
                    When(due_on__lte=today + timedelta(days=DUE_SOON_DAYS), then=Value(CommitmentStatus.DUE_SOON)),
                    default=Value(CommitmentStatus.ON_TRACK),
                    output_field=models.CharField(),
                ),
            )
            .order_by(*Commitment._meta.ordering)
        )  # Meta.ordering is not applied to a grouped query

    def outstanding(self, today: date | None = None):
        """Not yet met and due within the notice period or already past it: the list officers chase."""
        return self.with_progress(today).filter(status__in=[CommitmentStatus.DUE_SOON, CommitmentStatus.OVERDUE])


class Commitment(models.Model):
    """A social value commitment in a contract: what, how much, what it is worth, and by when."""

    class Theme(models.TextChoices):
        JOBS = "jobs", _("Local jobs")
        APPRENTICESHIPS = "apprenticeships", _("Apprenticeships and work placements")
        TRAINING = "training", _("Training and skills")
        COMMUNITY = "community", _("Community projects and donations")
        VOLUNTEERING = "volunteering", _("Volunteering")
        ENVIRONMENT = "environment", _("Environment")
        LOCAL_SUPPLY = "local_supply", _("Spending with local suppliers")
        OTHER = "other", _("Other")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="commitments")
    theme = models.CharField(max_length=20, choices=Theme.choices)
    what = models.CharField(max_length=250, help_text="For example, apprenticeships for Lewisham residents.")
    quantity = models.DecimalField(
        "how much", max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    unit = models.CharField(max_length=50, help_text="What the amount counts, for example apprenticeships or hours.")
    value = models.DecimalField(
        "social value (£)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="What it is worth, in pounds, as the contract (or the HACT calculator) values it.",
    )
    due_on = models.DateField("due by")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "social value commitment"

    def __str__(self):
        return f"{self.what} ({self.contract.partner})"


class Delivery(models.Model):
    """Something a partner delivered against a commitment, with the evidence officers saw."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="deliveries")
    delivered_on = models.DateField()
    quantity = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    value = models.DecimalField(
        "value (£)", max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    evidence = models.TextField(
        "evidence", help_text="What shows it was delivered, for example timesheets or the apprentices' contracts."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delivered_on", "pk"]
        verbose_name = "delivery"
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.quantity} {self.commitment.unit} on {self.delivered_on}"

    def clean(self):
        if self.delivered_on and self.delivered_on > timezone.localdate():
            raise ValidationError({"delivered_on": "The date it was delivered must be today or in the past"})


class FundedProject(models.Model):
    """A community project partners fund (free tutoring, Street Games on estates), shown on the public page.

    Projects residents chose in the yearly community projects vote are not copied here: each names the
    partner whose social value pays for it (community_projects.Proposal.partner), and the page lists them.
    """

    name = models.CharField(max_length=150)
    about = models.TextField(blank=True, help_text="What it offers residents, in a sentence or two.")
    estates = models.ManyToManyField(
        Estate, blank=True, related_name="funded_projects", help_text="Leave empty when it is open to every estate."
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    listed = models.BooleanField("listed on the partnerships page", default=True)
    partners = models.ManyToManyField(Partner, through="PartnerFunding", related_name="funded_projects")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "community project partners fund"
        verbose_name_plural = "community projects partners fund"

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The project must end after it starts"})


class PartnerFunding(models.Model):
    """How much one partner puts into a community project, and (if so) which social value commitment it counts to."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="funding")
    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="funding")
    amount = models.DecimalField(
        "amount (£)", max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    commitment = models.ForeignKey(
        Commitment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding",
        help_text="The social value commitment this funding counts towards, if any.",
    )
    agreed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["project__name", "partner__name"]
        verbose_name = "partner funding"
        verbose_name_plural = "partner funding"
        constraints = [models.UniqueConstraint(fields=["partner", "project"], name="one_funding_row_per_partner")]

    def __str__(self):
        return f"£{self.amount} from {self.partner} to {self.project}"

    def clean(self):
        if self.commitment_id and self.partner_id and self.commitment.contract.partner_id != self.partner_id:
            raise ValidationError({"commitment": "Choose one of this partner's own commitments"})


class ResidentGroup(models.Model):
    """A resident group the council works with: a community gardening group, a TRA, a youth group."""

    class Kind(models.TextChoices):
        GARDENING = "gardening", _("Community gardening group")
        TRA = "tra", _("Tenants and Residents Association")
        YOUTH = "youth", _("Youth group")
        FAITH = "faith", _("Faith group")
        OTHER = "other", _("Other resident group")

    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    tenants_association = models.OneToOneField(
        "tenants_associations.TenantsAssociation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resident_group",
        help_text="For a TRA: the association's own record, so its page is linked.",
    )
    estates = models.ManyToManyField(Estate, blank=True, related_name="resident_groups")
    about = models.TextField(blank=True)
    listed = models.BooleanField("listed on the partnerships page", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="resident_group_name_unique_ignoring_case")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.tenants_association_id and self.kind != self.Kind.TRA:
            raise ValidationError({"kind": "A group linked to a TRA's record is a Tenants and Residents Association"})
