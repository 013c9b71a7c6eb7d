"""Discussions on the sounding board: topics, replies, and moderation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagement.dates import time_on_date_text
from engagement.models import Resident


class Topic(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        OPEN = "open", _("Open for replies")
        CLOSED = "closed", _("Closed to new replies")
        HIDDEN = "hidden", _("Hidden")

    title = models.CharField(max_length=150)
    body = models.TextField(help_text="Plain text. Links show as text until a moderator approves them.")
    started_by_resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="discussion_topics"
    )
    started_by_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    is_premoderated = models.BooleanField(
        "check replies before they appear", default=False, help_text="A moderator approves each reply first."
    )
    links_approved = models.BooleanField(default=False, help_text="Links in the opening post can be clicked.")
    hidden_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_post_at"]
        indexes = [models.Index(fields=["status", "last_post_at"])]

    def __str__(self):
        return self.title

    @property
    def is_visible(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.CLOSED)

    @property
    def author_name(self) -> str:
        return author_name(resident=self.started_by_resident, officer=self.started_by_officer)


class Post(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by a moderator")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="discussion_posts"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    links_approved = models.BooleanField(default=False)
    hidden_reason = models.CharField(
        max_length=300, blank=True, help_text="Shown in place of the post, so readers know why."
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["topic", "status", "created_at"])]

    def __str__(self):
        return f"Reply to {self.topic} ({time_on_date_text(self.created_at)})"

    @property
    def author_name(self) -> str:
        return author_name(resident=self.resident, officer=self.officer)


class PostReport(models.Model):
    """A reader telling the moderators a post breaks the house rules."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reported_by = models.ForeignKey(Resident, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report on post {self.post_id}"


def author_name(*, resident, officer) -> str:
    """Residents appear by first name and initial; officers as staff, so readers know who is answering."""
    if officer is not None:
        return f"{officer.first_name or 'Housing'} (council staff)"
    if resident is not None:
        initial = f" {resident.last_name[:1]}." if resident.last_name else ""
        return f"{resident.first_name}{initial}"
    return "Former resident"
