"""Panel meetings: when and where, the agenda, minutes (public only once approved) and papers.

Meetings are meant to become events (kind "panel meeting") so members are invited and
booked like any other event. Until the events app is joined up, a meeting holds the same
facts itself; at integration it gains a link to its event.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from panels.documents import document_type, validate_document
from panels.models.panels import Format, Panel, document_path


class PanelMeeting(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    place = models.CharField(max_length=250, blank=True, help_text="Where, for meetings in person.")
    online_joining_link = models.URLField(
        blank=True, max_length=500, help_text="Shown only to the panel's current members, never on the public site."
    )
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True, help_text="Published once approved (for panels that publish).")
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        permissions = [("approve_minutes", "Can approve a panel meeting's minutes for publication")]

    def __str__(self):
        return f"{self.panel}, {timezone.localtime(self.starts_at):%d %B %Y}"

    def clean(self):
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The meeting must end after it starts"
        if self.format in (Format.IN_PERSON, Format.BOTH) and not self.place:
            errors["place"] = "Enter where the meeting is, for residents coming in person"
        if errors:
            raise ValidationError(errors)

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_approved_at is not None

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at >= timezone.now()

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.BOTH)


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(
        upload_to=document_path,
        validators=[validate_document],
        help_text="PDF, Word, Excel, PowerPoint or OpenDocument, up to the size limit.",
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
