"""Contact consent per channel and purpose, with its history (PECR: surveys are opt-in)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagement.dates import date_text
from engagement.models.residents import Resident


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    TEXT = "text", _("Text message")
    POST = "post", _("Post")


class Purpose(models.TextChoices):
    SERVICE = "service", _("Service messages (bookings, applications, things you asked for)")
    ENGAGEMENT = "engagement", _("Surveys and invitations to get involved")


class ConsentSource(models.TextChoices):
    ACCOUNT = "account", _("Resident, in their account")
    SIGN_UP = "sign_up", _("Resident, when signing up")
    GET_INVOLVED_FORM = "get_involved_form", _("Resident, on the get involved form")
    UNSUBSCRIBE_LINK = "unsubscribe_link", _("Resident, by an unsubscribe link")
    TEXT_REPLY = "text_reply", _("Resident, by replying to a text")
    PAPER_FORM = "paper_form", _("Paper form, entered by an officer")
    PHONE = "phone", _("Phone call, recorded by an officer")
    IN_PERSON = "in_person", _("In person (event or door knocking), recorded by an officer")
    OFFICER = "officer", _("Officer, other")


class Consent(models.Model):
    """The current answer for one channel and purpose. Its history is in ConsentChange."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="consents")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    given = models.BooleanField()
    changed_at = models.DateTimeField()
    source = models.CharField(max_length=30, choices=ConsentSource.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint("resident", "channel", "purpose", name="one_consent_per_channel_and_purpose")
        ]
        indexes = [models.Index(fields=["channel", "purpose", "given"])]

    def __str__(self):
        state = "yes" if self.given else "no"
        return f"{self.get_channel_display()} / {self.purpose}: {state}"


class ConsentChange(models.Model):
    """Append-only history: when and how each consent was given or withdrawn."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="consent_changes")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    given = models.BooleanField()
    changed_at = models.DateTimeField()
    source = models.CharField(max_length=30, choices=ConsentSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The officer who recorded it, if not the resident.",
    )

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        verb = "gave" if self.given else "withdrew"
        return f"{verb} {self.channel}/{self.purpose} on {date_text(self.changed_at)}"
