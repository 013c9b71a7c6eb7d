"""Estate regeneration schemes, their resident ballots, and who may vote in them.

The ballot follows the Mayor of London's Resident Ballot Requirement (Affordable Housing Capital
Funding Guide, section 8): see engagement/ballots/services.py for the rules and where they come from.

Secrecy: who has voted (`Voter.voted_at`, the marked register) and what was voted
(`BallotPaper`) are kept apart. A ballot paper has no link to its voter, no time and no
sequential number (its key is random), so nothing in the database joins one to the other.
What is not hidden: someone reading PostgreSQL itself while voting is open (a table's physical
row order, the transaction ids on rows, the write-ahead log) could line papers up with voters;
that needs the database administrator's access, not the portal's.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.ballots.documents import validate_document
from engagement.models import Estate
from engagement.protected_files import ProtectedFileField, stored_name

# The Capital Funding Guide asks for a voting period of at least 21 days.
MINIMUM_VOTING_DAYS = 21


def document_path(instance, filename: str) -> str:
    return stored_name("ballots/documents", filename)


class Scheme(models.Model):
    """An estate regeneration scheme: the estates it covers and the residents' steering group."""

    name = models.CharField(max_length=150, help_text="For example, Achilles Street regeneration.")
    slug = models.SlugField("web address", max_length=80, unique=True)
    estates = models.ManyToManyField(Estate, related_name="regeneration_schemes")
    summary = models.TextField(help_text="What the scheme proposes, in a few plain sentences residents will read.")
    steering_group = models.ForeignKey(
        "panels.Panel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="regeneration_schemes",
        limit_choices_to={"kind": "regeneration_steering_group"},
        help_text="The residents' steering group (a panel of the kind “Regeneration steering group”).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "regeneration scheme"

    def __str__(self):
        return self.name


class BallotQuerySet(models.QuerySet):
    def published(self):
        """Ballots residents can see: their landlord offer has been published."""
        return self.filter(offer_published_on__lte=timezone.localdate())


class Ballot(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="ballots")
    slug = models.SlugField("web address", max_length=80, unique=True)
    question = models.CharField(
        max_length=250, help_text="The yes or no question on the ballot paper, in the landlord offer's words."
    )
    offer_summary = models.TextField(
        "what the landlord offer says", help_text="A plain summary residents read on the ballot page."
    )
    offer_published_on = models.DateField(
        "landlord offer published on",
        help_text="Who may vote is worked out from this date. Residents see the ballot from this day.",
    )
    landlord_offer = ProtectedFileField(
        upload_to=document_path,
        validators=[validate_document],
        served_at=lambda ballot: reverse("ballots:landlord_offer", kwargs={"slug": ballot.slug}),
    )
    residents_charter = ProtectedFileField(
        "residents' charter",
        upload_to=document_path,
        blank=True,
        validators=[validate_document],
        served_at=lambda ballot: reverse("ballots:residents_charter", kwargs={"slug": ballot.slug}),
    )
    independent_body = models.CharField(
        max_length=150, help_text="The independent organisation that runs the ballot and counts the votes."
    )
    independent_body_phone = models.CharField(
        "independent body's phone number", max_length=30, help_text="Residents call it to vote by phone."
    )
    opens_at = models.DateTimeField("voting opens")
    closes_at = models.DateTimeField("voting closes")
    register_compiled_at = models.DateTimeField(null=True, blank=True, editable=False)
    letters = models.ForeignKey(
        "messaging.BulkSend", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    result_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BallotQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = "resident ballot"
        permissions = [
            ("enter_votes", "Can enter votes received by post, phone or in person (independent body's staff)"),
            ("export_ballot", "Can download the register and ballot papers for the independent scrutineer"),
        ]

    def __str__(self):
        return f"{self.scheme}: ballot"

    def get_absolute_url(self) -> str:
        return reverse("ballots:ballot", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at:
            if self.closes_at <= self.opens_at:
                errors["closes_at"] = "Voting must close after it opens"
            elif self.closes_at - self.opens_at < timezone.timedelta(days=MINIMUM_VOTING_DAYS):
                errors["closes_at"] = f"Voting must be open for at least {MINIMUM_VOTING_DAYS} days"
        if self.offer_published_on and self.opens_at and self.offer_published_on > timezone.localdate(self.opens_at):
            errors["offer_published_on"] = "Publish the landlord offer before voting opens"
        if errors:
            raise ValidationError(errors)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    @property
    def result_is_published(self) -> bool:
        return self.result_published_at is not None


class Voter(models.Model):
    """One person on the ballot's register of eligible voters; `voted_at` marks that they have voted.

    The vote itself is a BallotPaper, which does not point back here.
    """

    class Basis(models.TextChoices):
        SOCIAL_TENANT = "social_tenant", _("Social tenant")
        RESIDENT_LEASEHOLDER = "resident_leaseholder", _("Resident leaseholder or freeholder (a year or more)")
        HOUSING_REGISTER = "housing_register", _("On the housing register for a year or more")
        ADDED_BY_OFFICER = "added_by_officer", _("Added by an officer")

    class Method(models.TextChoices):
        ONLINE = "online", _("Online")
        POST = "post", _("By post")
        PHONE = "phone", _("By phone")
        IN_PERSON = "in_person", _("In person")

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="voters")
    resident = models.ForeignKey("engagement.Resident", on_delete=models.PROTECT, related_name="ballot_entries")
    basis = models.CharField("eligible as", max_length=30, choices=Basis.choices)
    age_checked = models.BooleanField(
        default=True, help_text="No: no date of birth is held, so nobody has checked they are 16 or over."
    )
    added_reason = models.TextField("why an officer added them", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    excluded_at = models.DateTimeField(null=True, blank=True)
    excluded_reason = models.TextField("why they were taken off the register", blank=True)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A keyed hash of the voting code: the code itself is printed on the letter only.
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    code_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    voted_at = models.DateTimeField(null=True, blank=True, editable=False)
    voted_by = models.CharField("how they voted", max_length=10, choices=Method.choices, blank=True, editable=False)
    vote_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["resident__last_name", "resident__first_name"]
        verbose_name = "voter"
        verbose_name_plural = "register of voters"
        constraints = [
            models.UniqueConstraint(fields=["ballot", "resident"], name="one_entry_per_voter_per_ballot"),
            models.UniqueConstraint(
                fields=["ballot", "code_hash"], condition=~models.Q(code_hash=""), name="voting_codes_unique"
            ),
        ]

    def __str__(self):
        return f"{self.resident} ({self.ballot})"

    @property
    def is_excluded(self) -> bool:
        return self.excluded_at is not None

    @property
    def has_voted(self) -> bool:
        return self.voted_at is not None


class BallotPaper(models.Model):
    """One vote cast. Deliberately nothing but the ballot and the choice: see the module's docstring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="papers")
    choice = models.CharField(max_length=3, choices=Ballot.Choice.choices)

    class Meta:
        verbose_name = "ballot paper"

    def __str__(self):
        return f"Ballot paper {self.id}"


class HousingRegisterDate(models.Model):
    """When a resident joined the housing register: the housing system does not send it, so an officer enters it.

    Residents in temporary accommodation (or any tenure) whose principal home is on the estate
    may vote if they have been on the register for at least a year.
    """

    resident = models.OneToOneField(
        "engagement.Resident", on_delete=models.CASCADE, related_name="housing_register_date"
    )
    joined_on = models.DateField("joined the housing register on")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "housing register date"

    def __str__(self):
        return f"{self.resident}: on the housing register since {self.joined_on}"


class BallotLogEntry(models.Model):
    """The ballot's audit trail: what officers and the independent body did, by whom, when. Never how anyone voted."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    voter = models.ForeignKey(Voter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    what = models.CharField(max_length=250)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "audit trail entry"
        verbose_name_plural = "audit trail"

    def __str__(self):
        return self.what
