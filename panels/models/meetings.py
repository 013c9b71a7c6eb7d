"""Panel meetings: the agenda, minutes (public only once approved) and papers.

When and where a meeting is, how to join it online and who is invited live on its event
(events.Event, kind "panel meeting"): one record, so nothing can disagree. The panel's
current members are on the event's invitation list (see panels.services.meetings).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from engagement.dates import date_text
from engagement.protected_files import ProtectedFileField
from events.models import Event
from panels.documents import document_type, validate_document
from panels.models.panels import Panel, document_path


class PanelMeetingQuerySet(models.QuerySet):
    def with_event(self):
        return self.select_related("event__venue")

    def shown(self):
        """Meetings residents may see: drafts stay with officers until they are published."""
        return self.exclude(event__status=Event.Status.DRAFT)


class PanelMeeting(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="meetings")
    # Protected: a meeting's minutes and papers outlive any tidying of events.
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="panel_meeting")
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True, help_text="Published once approved (for panels that publish).")
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PanelMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-event__starts_at"]
        permissions = [("approve_minutes", "Can approve a panel meeting's minutes for publication")]

    def __str__(self):
        return f"{self.panel}, {date_text(self.event.starts_at)}"

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_approved_at is not None

    @property
    def is_upcoming(self) -> bool:
        return not self.event.has_ended

    @property
    def is_cancelled(self) -> bool:
        return self.event.status == Event.Status.CANCELLED


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = ProtectedFileField(
        upload_to=document_path,
        validators=[validate_document],
        help_text="PDF, Word, Excel, PowerPoint or OpenDocument, up to the size limit.",
        served_at=lambda document: reverse(
            "panels:document", kwargs={"slug": document.meeting.panel.slug, "pk": document.pk}
        ),
    )
    size_bytes = models.PositiveIntegerField(default=0, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Kept here so pages listing papers need not ask the storage for each file's size.
        if self.file and not self.file._committed:
            self.size_bytes = self.file.size
        super().save(*args, **kwargs)

    @property
    def type_description(self) -> str:
        found = document_type(self.file.name)
        return found.description if found else "File"
