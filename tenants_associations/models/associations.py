"""Tenants and Residents Associations: what each covers, its recognition, and its committee."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from engagement.models import Block, Estate, Ward


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the 31st becomes the last day of a shorter month)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _recognised_on_or_before(day: date, months: int) -> date:
    """The latest recognition date whose review (`months` later) falls on or before `day`."""
    cutoff = months_before(day, months)
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        # Reviews of the 29th–31st land on the last day of a short month: count them all.
        cutoff = cutoff.replace(day=calendar.monthrange(cutoff.year, cutoff.month)[1])
    return cutoff


class TRASettings(models.Model):
    """The numbers officers can change in admin. There is one row (see `current`)."""

    interest_threshold = models.PositiveSmallIntegerField(
        "interest needed to start a TRA",
        default=10,
        validators=[MinValueValidator(1)],
        help_text="When this many residents of an estate with no TRA have registered interest in starting one, "
        "the engagement officers are told, so they can invite them to a first meeting.",
    )
    agm_notice_days = models.PositiveSmallIntegerField(
        "days' warning of an AGM or review",
        default=42,
        help_text="A TRA shows as due its AGM (or recognition review) this many days before the date.",
    )
    recognition_review_months = models.PositiveSmallIntegerField(
        "months between recognition reviews",
        default=12,
        validators=[MinValueValidator(1)],
        help_text="Recognition is reviewed this many months after it was last given.",
    )

    class Meta:
        verbose_name = "TRA settings"
        verbose_name_plural = "TRA settings"

    def __str__(self):
        return "TRA settings"

    @classmethod
    def current(cls) -> "TRASettings":
        found, _ = cls.objects.get_or_create(pk=1)
        return found


class RecognitionStatus(models.TextChoices):
    RECOGNISED = "recognised", _("Recognised")
    IN_FORMATION = "in_formation", _("In formation")
    LAPSED = "lapsed", _("Lapsed")


class Due(models.TextChoices):
    """Where a TRA stands against a date officers track (its AGM, its recognition review)."""

    NOT_DUE = "not_due", _("Not due")
    DUE = "due", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    NO_DATE = "no_date", _("No date set")


@dataclass(frozen=True)
class Reviews:
    """When a TRA's AGM and recognition review fall due, and where it stands against each today."""

    agm: str
    agm_date: date | None
    recognition: str
    recognition_date: date | None


class TenantsAssociationQuerySet(models.QuerySet):
    def active(self):
        """Recognised or in formation: a lapsed TRA no longer meets, so residents may start one again."""
        return self.exclude(status=RecognitionStatus.LAPSED)

    def covering_home(self, home):
        """TRAs covering this home: its whole estate, or its block."""
        by_estate = TenantsAssociation.estates.through.objects.filter(estate_id=home.block.estate_id)
        by_block = TenantsAssociation.blocks.through.objects.filter(block_id=home.block_id)
        return self.filter(
            Q(pk__in=by_estate.values("tenantsassociation_id")) | Q(pk__in=by_block.values("tenantsassociation_id"))
        )

    # AGMs and recognition reviews. The same rules as TenantsAssociation.reviews(), as filters.

    def agm_due(self, *, today: date, notice_days: int):
        """Active TRAs whose AGM is within the notice period, past, or not yet set."""
        return self.active().filter(
            Q(next_agm_on__isnull=True) | Q(next_agm_on__lte=today + timedelta(days=notice_days))
        )

    def recognition_review_due(self, *, today: date, notice_days: int, review_months: int):
        """Recognised TRAs whose recognition was given (or last reviewed) long enough ago, or never recorded."""
        cutoff = _recognised_on_or_before(today + timedelta(days=notice_days), review_months)
        return self.filter(status=RecognitionStatus.RECOGNISED).filter(
            Q(recognised_on__isnull=True) | Q(recognised_on__lte=cutoff)
        )


# Addresses under /tenants-associations/ that are pages, not TRAs.
RESERVED_SLUGS = {"start-a-tra"}


class TenantsAssociation(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the TRA's web address.")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="tenants_associations")
    estates = models.ManyToManyField(
        Estate,
        blank=True,
        related_name="tenants_associations",
        help_text="Estates the TRA covers in full.",
    )
    blocks = models.ManyToManyField(
        Block,
        blank=True,
        related_name="tenants_associations",
        help_text="Where it covers only part of an estate: the blocks it covers.",
    )
    about = models.TextField(blank=True, help_text="What the TRA does, in its own words. Shown in the directory.")
    status = models.CharField(
        "recognition status", max_length=20, choices=RecognitionStatus.choices, default=RecognitionStatus.IN_FORMATION
    )
    recognised_on = models.DateField(
        "last recognised on", null=True, blank=True, help_text="When the council last recognised (or reviewed) it."
    )
    next_agm_on = models.DateField("next AGM", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantsAssociationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "Tenants and Residents Association"
        constraints = [models.UniqueConstraint(Lower("name"), name="tra_name_unique_ignoring_case")]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        """As TenantsAssociationQuerySet.active() says."""
        return self.status != RecognitionStatus.LAPSED

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": "This address is used by another page. Choose another."})

    def reviews(self, *, today: date, notice_days: int, review_months: int) -> Reviews:
        """Where the TRA stands against its AGM and its recognition review (the filters above, for one TRA)."""
        notice = timedelta(days=notice_days)
        if self.status == RecognitionStatus.LAPSED:
            agm = Due.NOT_DUE
        else:
            agm = _due(self.next_agm_on, today=today, notice=notice)
        review_date = None
        if self.status != RecognitionStatus.RECOGNISED:
            recognition = Due.NOT_DUE
        elif self.recognised_on is None:
            recognition = Due.NO_DATE
        else:
            review_date = months_before(self.recognised_on, -review_months)
            recognition = _due(review_date, today=today, notice=notice)
        return Reviews(agm=agm, agm_date=self.next_agm_on, recognition=recognition, recognition_date=review_date)


def _due(deadline: date | None, *, today: date, notice: timedelta) -> str:
    if deadline is None:
        return Due.NO_DATE
    if deadline < today:
        return Due.OVERDUE
    if deadline <= today + notice:
        return Due.DUE
    return Due.NOT_DUE


class CommitteeRoleQuerySet(models.QuerySet):
    def in_role_order(self):
        """Chair first, then vice-chair, secretary, treasurer, other officers, committee members."""
        order = [When(role=role, then=Value(position)) for position, role in enumerate(CommitteeRole.Role.values)]
        return self.annotate(role_position=Case(*order, default=Value(99))).order_by("role_position", "pk")

    def current(self, today: date | None = None):
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.filter(term_starts_on__lte=today).filter(Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=today))


class CommitteeRole(models.Model):
    """A seat on a TRA's committee, held by a resident for a term (usually from one AGM to the next)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        SECRETARY = "secretary", _("Secretary")
        TREASURER = "treasurer", _("Treasurer")
        OTHER_OFFICER = "other_officer", _("Other officer")
        COMMITTEE_MEMBER = "committee_member", _("Committee member")

    # The TRA's officers (as opposed to ordinary committee members) decide on membership requests.
    OFFICERS = (Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY, Role.TREASURER, Role.OTHER_OFFICER)

    tra = models.ForeignKey(TenantsAssociation, on_delete=models.CASCADE, related_name="committee_roles")
    resident = models.ForeignKey("engagement.Resident", on_delete=models.CASCADE, related_name="tra_committee_roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    title = models.CharField(
        max_length=100, blank=True, help_text="For other officers, what they do: for example, membership secretary."
    )
    term_starts_on = models.DateField()
    term_ends_on = models.DateField(null=True, blank=True, help_text="Usually the next AGM. Empty if not yet known.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommitteeRoleQuerySet.as_manager()

    class Meta:
        ordering = ["tra__name", "role", "term_starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=models.F("term_starts_on")),
                name="committee_term_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.label}, {self.tra.name}"

    @property
    def label(self) -> str:
        return self.title or self.get_role_display()

    @property
    def is_officer(self) -> bool:
        return self.role in self.OFFICERS
