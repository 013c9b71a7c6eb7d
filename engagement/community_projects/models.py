"""The yearly community projects consultation: residents propose projects, officers cost and check
them, each household chooses which to fund within the year's budget, and the funded ones are tracked
to delivery.

The council's housing engagement strategy: "We will consult residents on their priorities annually to
deliver community projects (primarily environmental improvement and training) ... funded through social
value or fundraising."
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.models import Estate


def pounds(amount: int | None) -> str:
    """Whole pounds as residents read them: £12,500."""
    return "" if amount is None else f"£{amount:,}"


class Stage(models.TextChoices):
    NOT_OPEN = "not_open", _("Not open yet")
    PROPOSING = "proposing", _("Ideas welcome")
    CHECKING = "checking", _("Ideas being costed and checked")
    CHOOSING = "choosing", _("Choosing which projects to fund")
    COUNTING = "counting", _("Choosing has closed: results soon")
    RESULTS = "results", _("Results published")


class RoundQuerySet(models.QuerySet):
    def started(self, today: date | None = None):
        """Rounds residents can see: ideas have been asked for."""
        return self.filter(proposals_open_on__lte=today or timezone.localdate())


class Round(models.Model):
    """One year's consultation: its stages' dates and the money there is to spend."""

    year = models.PositiveSmallIntegerField(unique=True, help_text="The year residents choose in, for example 2027.")
    introduction = models.TextField(
        help_text="What this year's projects are for and how they are paid for. Residents read this."
    )
    budget = models.PositiveIntegerField(
        "budget (£)", help_text="Whole pounds: the most the chosen projects may cost together."
    )
    proposals_open_on = models.DateField("ideas welcome from")
    proposals_close_on = models.DateField("ideas welcome until")
    choosing_opens_on = models.DateField("choosing opens on")
    choosing_closes_on = models.DateField(
        "choosing closes on", help_text="Residents can choose until the end of this day."
    )
    results_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = "community projects round"
        permissions = [("publish_round_results", "Can publish which community projects will be funded")]

    def __str__(self):
        return str(_("Community projects %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("community_projects:round", kwargs={"year": self.year})

    def clean(self):
        dates = [self.proposals_open_on, self.proposals_close_on, self.choosing_opens_on, self.choosing_closes_on]
        if None in dates:
            return
        errors = {}
        if self.proposals_close_on < self.proposals_open_on:
            errors["proposals_close_on"] = "Ideas must close on or after the day they open"
        if self.choosing_opens_on <= self.proposals_close_on:
            errors["choosing_opens_on"] = "Choosing must open after ideas close, leaving time to cost and check them"
        if self.choosing_closes_on < self.choosing_opens_on:
            errors["choosing_closes_on"] = "Choosing must close on or after the day it opens"
        if errors:
            raise ValidationError(errors)

    def stage(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if self.results_published_at is not None:
            return Stage.RESULTS
        if today < self.proposals_open_on:
            return Stage.NOT_OPEN
        if today <= self.proposals_close_on:
            return Stage.PROPOSING
        if today < self.choosing_opens_on:
            return Stage.CHECKING
        if today <= self.choosing_closes_on:
            return Stage.CHOOSING
        return Stage.COUNTING

    def stage_label(self) -> str:
        return Stage(self.stage()).label

    @property
    def budget_text(self) -> str:
        return pounds(self.budget)


class Kind(models.TextChoices):
    ENVIRONMENT = "environment", _("Environmental improvement")
    TRAINING = "training", _("Training and skills")
    COMMUNITY = "community", _("Community activity")


class ProposalQuerySet(models.QuerySet):
    def public(self):
        """Ideas officers have approved: residents see them."""
        return self.filter(moderation=Proposal.Moderation.APPROVED)

    def on_the_shortlist(self):
        """What residents choose from: approved, costed and feasible."""
        return self.public().filter(feasible=True, cost__isnull=False)


class Proposal(models.Model):
    """A resident's idea for a project (or an officer's, entered for them); once funded, the project itself."""

    class Moderation(models.TextChoices):
        WAITING = "waiting", _("Waiting to be checked")
        APPROVED = "approved", _("Published")
        REJECTED = "rejected", _("Not published")

    class Delivery(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DELIVERED = "delivered", _("Delivered")

    class Funding(models.TextChoices):
        SOCIAL_VALUE = "social_value", _("Social value from a partner")
        FUNDRAISING = "fundraising", _("Fundraising")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="proposals")
    proposed_by = models.ForeignKey(
        "engagement.Resident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_project_proposals",
        help_text="Empty for an idea officers entered themselves (from a meeting or a letter).",
    )
    title = models.CharField(max_length=120)
    kind = models.CharField("kind of project", max_length=20, choices=Kind.choices)
    what = models.TextField("what the project would do")
    estate = models.ForeignKey(
        Estate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="community_project_proposals",
        help_text="Empty: borough-wide.",
    )
    where = models.CharField("where exactly", max_length=200, blank=True)
    who_benefits = models.TextField("who would benefit")

    moderation = models.CharField(max_length=10, choices=Moderation.choices, default=Moderation.WAITING)
    rejected_reason = models.TextField(
        "why it was not published", blank=True, help_text="The resident who proposed it reads this."
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)

    cost = models.PositiveIntegerField(
        "cost (£)", null=True, blank=True, help_text="Whole pounds, as officers costed it."
    )
    feasible = models.BooleanField(null=True, blank=True, help_text="Can the council deliver it this year?")
    feasibility_reason = models.TextField(
        "why it can or cannot be done", blank=True, help_text="Residents read this. Needed when it cannot be done."
    )
    costed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    # Set when the results are published: the projects the votes and the budget fund.
    funded = models.BooleanField(default=False, editable=False)
    funding = models.CharField("paid for by", max_length=20, choices=Funding.choices, blank=True)
    partner = models.ForeignKey(
        "partnerships.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="community_projects",
        help_text="The partner whose social value pays for it.",
    )
    delivery = models.CharField(max_length=12, choices=Delivery.choices, blank=True)
    delivered_on = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = "community project"
        indexes = [models.Index(fields=["round", "moderation"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community_projects:project", kwargs={"year": self.round.year, "pk": self.pk})

    def clean(self):
        errors = {}
        if self.moderation == self.Moderation.REJECTED and not self.rejected_reason.strip():
            errors["rejected_reason"] = "Say why it is not published: the resident who proposed it reads this"
        if self.feasible is False and not self.feasibility_reason.strip():
            errors["feasibility_reason"] = "Say why it cannot be done"
        if self.feasible and self.cost is None:
            errors["cost"] = "Enter what it costs before marking it feasible"
        if self.delivery == self.Delivery.DELIVERED and not self.delivered_on:
            errors["delivered_on"] = "Enter the day it was delivered"
        if self.funding == self.Funding.SOCIAL_VALUE and not self.partner_id:
            errors["partner"] = "Choose the partner whose social value pays for it"
        if self.partner_id and self.funding != self.Funding.SOCIAL_VALUE:
            errors["funding"] = "A project a partner pays for is paid for by social value"
        if self.delivered_on and self.delivery != self.Delivery.DELIVERED:
            errors["delivery"] = "A project with a delivered date is delivered"
        if errors:
            raise ValidationError(errors)

    @property
    def cost_text(self) -> str:
        return pounds(self.cost)

    @property
    def where_text(self) -> str:
        place = str(self.estate) if self.estate_id else str(_("Borough-wide"))
        return f"{place}: {self.where}" if self.where else place


class Vote(models.Model):
    """One household's choice of projects in a round: one per tenancy, whoever in the home chose."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="votes")
    tenancy = models.ForeignKey("engagement.Tenancy", on_delete=models.PROTECT, related_name="community_project_votes")
    resident = models.ForeignKey(
        "engagement.Resident", null=True, on_delete=models.SET_NULL, related_name="community_project_votes"
    )
    projects = models.ManyToManyField(Proposal, related_name="votes")
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cast_at"]
        verbose_name = "household's choice"
        constraints = [models.UniqueConstraint(fields=["round", "tenancy"], name="one_choice_per_tenancy_per_round")]

    def __str__(self):
        return f"{self.round}: {self.tenancy}"


class ProjectUpdate(models.Model):
    """A milestone or news on a funded project's way to delivery; residents read it on the project's page."""

    project = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(default=timezone.localdate)
    note = models.TextField(help_text="Residents read this.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = "update"

    def __str__(self):
        return self.note[:60]
