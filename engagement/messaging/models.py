"""The outbox: every message is recorded, in the same transaction as whatever caused it,
before anything is sent. A unique idempotency key means it can be neither recorded nor
sent twice."""

from django.conf import settings
from django.db import models

from engagement.models import Channel, Purpose, Resident


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed, will retry"
        PERMANENTLY_FAILED = "permanently_failed", "Permanently failed"
        WITHHELD = "withheld", "Not sent: no consent or no contact details"

    # Statuses a worker may still pick up.
    PENDING = (Status.QUEUED, Status.SENDING, Status.FAILED)

    idempotency_key = models.CharField(max_length=200, unique=True)
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    # For people who are not residents (officers, enquirers); residents' addresses are read at send time.
    to_address = models.CharField(max_length=254, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    template = models.CharField(max_length=100, db_index=True)
    personalisation = models.JSONField(default=dict, blank=True)
    letter_fallback = models.BooleanField(
        default=False, help_text="Sent by letter because the officer allowed it for residents with no email or mobile."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_to = models.CharField(max_length=500, blank=True, help_text="The address or number it went to.")
    provider = models.CharField(max_length=30, blank=True)
    provider_reference = models.CharField(max_length=100, blank=True, db_index=True)
    last_error = models.TextField(blank=True)
    batch = models.ForeignKey(
        "messaging.BulkSend", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    sending_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]
        indexes = [models.Index(fields=["status", "queued_at"]), models.Index(fields=["batch", "status"])]

    def __str__(self):
        return f"{self.template} by {self.get_channel_display().lower()} ({self.get_status_display().lower()})"


class BulkSend(models.Model):
    """One officer's send to an audience: the messages it recorded carry it, so progress can be counted."""

    template = models.CharField(max_length=100)
    description = models.CharField(max_length=250)
    audience = models.JSONField(default=dict, blank=True, help_text="The filters the officer chose.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    recorded = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.description


class DevelopmentText(models.Model):
    """Texts the development channel 'sent', so developers can read them in admin."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="development_text")
    to = models.CharField(max_length=20)
    body = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Text to {self.to}"


class LetterToPrint(models.Model):
    """A letter waiting for the print room (when letters are not sent through Notify)."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="letter")
    address_lines = models.JSONField()
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    printed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "letters to print"

    def __str__(self):
        return f"Letter to {self.address_lines[0] if self.address_lines else '?'}"
