"""Workshop topics residents and stakeholders suggest, and support."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagement.models import Resident
from events.models.events import Event


class WorkshopSuggestion(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for support")
        SCHEDULED = "scheduled", _("Workshop arranged")
        CLOSED = "closed", _("Closed")

    topic = models.CharField(max_length=150)
    details = models.TextField(blank=True)
    # A stakeholder (a partner organisation) may suggest without a resident record.
    suggested_by = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="workshop_suggestions"
    )
    stakeholder_name = models.CharField(max_length=150, blank=True)
    stakeholder_email = models.EmailField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    # Moderated like discussions: nothing anyone suggests is public until a moderator has read it.
    published = models.BooleanField(
        default=False, help_text="Shown on the workshops page for others to support, once a moderator approves it."
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    workshop = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.topic


class WorkshopSupport(models.Model):
    suggestion = models.ForeignKey(WorkshopSuggestion, on_delete=models.CASCADE, related_name="supports")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="workshop_supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint("suggestion", "resident", name="support_a_suggestion_once")]

    def __str__(self):
        return f"{self.resident} supports {self.suggestion}"
