"""What a panel agrees and achieves: its action log, and for task and finish panels, its recommendations."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from panels.models.meetings import PanelMeeting
from panels.models.panels import Panel


class ActionLogItemQuerySet(models.QuerySet):
    def still_to_do(self):
        return self.filter(status__in=ActionLogItem.STILL_TO_DO)

    def overdue(self, today: date | None = None):
        return self.still_to_do().filter(due_date__lt=today or timezone.localdate())


class ActionLogItem(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CLOSED = "closed", _("Closed without action")

    STILL_TO_DO = (Status.NOT_STARTED, Status.IN_PROGRESS)

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="action_log")
    meeting = models.ForeignKey(
        PanelMeeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name="agreed at meeting",
    )
    action = models.TextField()
    owner = models.CharField(max_length=150, help_text="Who will do it: a name or a job title.")
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    update_notes = models.TextField(blank=True, help_text="Progress so far, as residents will read it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionLogItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["panel", "status", "due_date"])]

    def __str__(self):
        return self.action[:80]

    def clean(self):
        if self.meeting_id and self.panel_id and self.meeting.panel_id != self.panel_id:
            raise ValidationError({"meeting": "Choose a meeting of the same panel"})

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status in self.STILL_TO_DO and self.due_date < (today or timezone.localdate())


class Recommendation(models.Model):
    """What a task and finish panel recommended, and the council's response, published together."""

    class Response(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting the council's response")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("what the panel recommended")
    made_on = models.DateField()
    response = models.CharField(
        "council's response", max_length=20, choices=Response.choices, default=Response.AWAITING
    )
    response_reasons = models.TextField(
        "reasons", blank=True, help_text="Why, and what the council will do. Residents read this."
    )
    responded_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["panel", "number"]
        constraints = [models.UniqueConstraint("panel", "number", name="one_recommendation_per_number_per_panel")]

    def __str__(self):
        return f"Recommendation {self.number}"

    def clean(self):
        if self.response != self.Response.AWAITING:
            errors = {}
            if not self.response_reasons.strip():
                errors["response_reasons"] = "Give the council's reasons for its response"
            if not self.responded_on:
                errors["responded_on"] = "Enter the date the council responded"
            if errors:
                raise ValidationError(errors)

    @property
    def has_response(self) -> bool:
        return self.response != self.Response.AWAITING
