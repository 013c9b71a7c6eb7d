"""Door-knocking rounds: an Event of kind door knocking, the estates it visits, and each visit's outcome."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagement.models import Estate, Home, Resident
from events.models.events import Event
from events.models.walkabouts import Issue


class RoundEstate(models.Model):
    round = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="round_estates")
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint("round", "estate", name="visit_an_estate_once_per_round")]
        verbose_name = "estate on the round"

    def __str__(self):
        return f"{self.estate} on {self.round}"


class Visit(models.Model):
    class Outcome(models.TextChoices):
        NO_ANSWER = "no_answer", _("No answer")
        SPOKE = "spoke", _("Spoke to resident")
        SIGNED_UP = "signed_up", _("Signed up")
        ISSUE_RAISED = "issue_raised", _("Issue raised")
        LEFT_LETTER = "left_letter", _("Left a letter")

    round = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="visits")
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="+")
    home = models.ForeignKey(Home, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits")
    outcome = models.CharField(max_length=15, choices=Outcome.choices)
    notes = models.TextField(blank=True)
    issue = models.OneToOneField(
        Issue,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visit",
        help_text="The issue raised at the door, tracked like any other.",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self):
        return f"{self.get_outcome_display()} at {self.home or self.estate}"
