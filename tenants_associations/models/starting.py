"""Residents of an estate with no TRA who would like to start one."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from engagement.models import Estate
from tenants_associations.models.meetings import TRAMeeting


class StartingInterestQuerySet(models.QuerySet):
    def waiting(self):
        """Interest still to act on: not withdrawn, not yet invited to a first meeting."""
        return self.filter(withdrawn_at__isnull=True, invited_to__isnull=True)


class StartingInterest(models.Model):
    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="tra_starting_interests")
    resident = models.ForeignKey("engagement.Resident", on_delete=models.CASCADE, related_name="tra_starting_interests")
    could_help = models.BooleanField("could help run it", default=False)
    note = models.TextField(blank=True, help_text="What the resident would like a TRA to do.")
    registered_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    invited_to = models.ForeignKey(
        TRAMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="invited_interests"
    )

    objects = StartingInterestQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = "interest in starting a TRA"
        verbose_name_plural = "interest in starting a TRA"
        constraints = [
            models.UniqueConstraint(
                "estate", "resident", condition=Q(withdrawn_at__isnull=True), name="one_live_interest_per_estate"
            )
        ]

    def __str__(self):
        return f"{self.resident} on {self.estate}"
