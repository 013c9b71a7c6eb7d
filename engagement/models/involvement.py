"""Who took part, and when: kept up to date by the services that record it, for the reach report."""

from datetime import date

from django.db import models

from engagement.models.residents import Resident

# The last day of something that still goes on (a member now): after every "since" a report asks about.
ONGOING = date(9999, 12, 31)


class ResidentInvolvement(models.Model):
    """When a resident last took part, in any way and in each way; and in which financial years.

    One row per resident who ever took part, so the reach report reads one small row beside each
    resident rather than every booking, response and membership. `ways` maps each way's code (see
    services/involvement.py) to the last day in ISO form, `years` each financial year they took part
    in (its first year, as text: "2026") and each quarter (its first month: "2026-07") to true; ONGOING
    while a membership lasts.
    """

    resident = models.OneToOneField(Resident, primary_key=True, on_delete=models.CASCADE, related_name="involvement")
    last_on = models.DateField()
    ways = models.JSONField(default=dict)
    years = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["last_on"])]

    def __str__(self):
        return f"{self.resident_id}: last {self.last_on}"
