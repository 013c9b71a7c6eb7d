"""The outbox: every message is recorded, in the same transaction as whatever caused it,
before anything is sent. A unique idempotency key means it can be neither recorded nor
sent twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagement.dates import time_on_date_text
from engagement.models import Channel, Purpose, Resident, Ward


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        PERMANENTLY_FAILED = "permanently_failed", _("Permanently failed")
        WITHHELD = "withheld", _("Not sent: no consent or no contact details")
        CANCELLED = "cancelled", _("Cancelled before it was sent")

    # Statuses that can still change by a worker sending the message.
    PENDING = (Status.QUEUED, Status.SENDING, Status.FAILED)

    idempotency_key = models.CharField(max_length=200, unique=True)
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    # For people who are not residents (officers, enquirers, councillors); residents' addresses are read at send time.
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
    send_after = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Queued: not before this time (reminders, digests). Failed: when it will be tried again.",
    )
    enqueued_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was last handed to the workers; empty if the broker was down."
    )
    claim = models.CharField(max_length=32, blank=True, help_text="Which worker's attempt is sending it.")
    provider_check_needed = models.BooleanField(
        default=False, help_text="An earlier attempt may have reached the provider: ask it before sending again."
    )
    sent_to = models.CharField(max_length=500, blank=True, help_text="The address or number it went to.")
    provider = models.CharField(max_length=30, blank=True)
    provider_reference = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(blank=True)
    # Indexed by (batch, status) below. Every index on the outbox is written twice per message sent.
    batch = models.ForeignKey(
        "messaging.BulkSend", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages", db_index=False
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    sending_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]
        indexes = [
            models.Index(fields=["status", "queued_at"]),
            models.Index(fields=["batch", "status"]),
        ]

    def __str__(self):
        return f"{self.template} by {self.get_channel_display().lower()} ({self.get_status_display().lower()})"


class BulkSend(models.Model):
    """One officer's send to an audience: the messages it recorded carry it, so progress can be counted."""

    template = models.CharField(max_length=100)
    description = models.CharField(max_length=250)
    audience = models.JSONField(default=dict, blank=True, help_text="The filters the officer chose.")
    personalisation = models.JSONField(
        default=dict, blank=True, help_text="What the officer wrote, shared by every message of the send."
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    recorded = models.PositiveIntegerField(default=0)
    dispatched_at = models.DateTimeField(
        null=True, blank=True, help_text="When its messages were handed to the workers."
    )
    # The check page's token: pressing "send" twice records one send.
    form_token = models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)

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


class PrintBatch(models.Model):
    """A bundle of letters the print room prints together, as one PDF."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    printed_at = models.DateTimeField(null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "print batches"

    def __str__(self):
        return f"Print batch {self.pk} ({time_on_date_text(self.created_at)})"


class LetterToPrint(models.Model):
    """A letter waiting for the print room (when letters are not sent through Notify)."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="letter")
    address_lines = models.JSONField()
    subject = models.CharField(max_length=250, blank=True, help_text="Printed in bold above the letter's words.")
    body = models.TextField()
    large_print = models.BooleanField(
        default=False, help_text="The resident's access needs say large print: it is printed at 18 point."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    print_batch = models.ForeignKey(
        PrintBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="letters"
    )
    printed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "letters to print"

    def __str__(self):
        return f"Letter to {self.address_lines[0] if self.address_lines else '?'}"


class LetterCode(models.Model):
    """A short code printed on a letter: typed in on the site, it leads to the letter's personal link."""

    code = models.CharField(max_length=8, unique=True)
    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="letter_code")
    url = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.code


class Councillor(models.Model):
    """A ward councillor who gets the weekly ward digest by email."""

    name = models.CharField(max_length=150)
    email = models.EmailField()
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="councillors")
    gets_digest = models.BooleanField("gets the weekly digest", default=True)

    class Meta:
        ordering = ["ward__name", "name"]
        constraints = [models.UniqueConstraint("ward", "email", name="one_councillor_per_email_per_ward")]

    def __str__(self):
        return f"Cllr {self.name} ({self.ward.name})"


class ContactToFix(Resident):
    """Residents whose email, mobile or postal address has failed for good, for officers to check."""

    class Meta:
        proxy = True
        verbose_name = "contact details to fix"
        verbose_name_plural = "contact details to fix"
