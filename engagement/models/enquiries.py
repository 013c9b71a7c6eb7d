"""What people send us without (necessarily) an account: contact-us messages and interest forms."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagement.dates import date_text
from engagement.models.places import Estate
from engagement.models.residents import Interest, Resident


class ContactEnquiry(models.Model):
    """A message to community relations from the contact us page, with how the sender wants a reply.

    Email is not required: residents without one (the people door knocking is for) give a phone
    number or a postal address instead.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")

    class ReplyBy(models.TextChoices):
        EMAIL = "email", _("Email")
        TEXT = "text", _("Text message")
        PHONE = "phone", _("Phone call")
        POST = "post", _("Letter")

    name = models.CharField(max_length=150)
    reply_by = models.CharField("reply by", max_length=10, choices=ReplyBy.choices, default=ReplyBy.EMAIL)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=16, blank=True, help_text="A UK number, stored as +44…")
    postal_address = models.TextField(blank=True, help_text="One line per line, with the postcode last.")
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="enquiries")
    message = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name_plural = "contact enquiries"

    def __str__(self):
        return f"{self.name} ({date_text(self.received_at)})"

    @property
    def reply_to(self) -> str:
        """Where the reply goes, as the sender gave it."""
        if self.reply_by == self.ReplyBy.EMAIL:
            return self.email
        if self.reply_by == self.ReplyBy.POST:
            return self.postal_address
        return self.phone


class EnquiryReply(models.Model):
    """What an officer answered, by the channel the sender asked for (a phone call is written down)."""

    enquiry = models.ForeignKey(ContactEnquiry, on_delete=models.CASCADE, related_name="replies")
    reply_by = models.CharField(max_length=10, choices=ContactEnquiry.ReplyBy.choices)
    body = models.TextField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name_plural = "enquiry replies"

    def __str__(self):
        return f"Reply to {self.enquiry.name} ({self.get_reply_by_display().lower()})"


class InterestRegistration(models.Model):
    """The "get involved" form, filled in by someone who may not have an account yet.

    When they sign up with the same email address, it is merged into their resident record.
    """

    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    mobile = models.CharField(max_length=16, blank=True)
    estate = models.ForeignKey(Estate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    interests = models.ManyToManyField(Interest, related_name="registrations")
    consent_email = models.BooleanField(default=False)
    consent_text = models.BooleanField(default=False)
    received_at = models.DateTimeField(auto_now_add=True)
    merged_into = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="interest_registrations"
    )
    merged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.name} ({date_text(self.received_at)})"


class FormatRequest(models.Model):
    """A resident asking for a page or letter in another language or format, or a BSL interpreter.

    An officer task with a due date (engagement/services/format_requests.py sets it). The sender
    is reached the way they chose, as with contact us.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    class Format(models.TextChoices):
        TRANSLATION = "translation", _("A translation into another language")
        LARGE_PRINT = "large_print", _("Large print")
        EASY_READ = "easy_read", _("Easy read")
        AUDIO = "audio", _("Audio")
        BSL = "bsl", _("A British Sign Language (BSL) interpreter or video")
        BRAILLE = "braille", _("Braille")
        OTHER = "other", _("Something else")

    about = models.CharField("which page or letter", max_length=300)
    page = models.CharField(
        max_length=300, blank=True, help_text="The page on this site the request was made from (a path on the site)."
    )
    format = models.CharField(max_length=20, choices=Format.choices)
    language = models.CharField(max_length=60, blank=True, help_text="For a translation.")
    details = models.TextField("anything else", blank=True)

    name = models.CharField(max_length=150)
    reply_by = models.CharField(
        "reply by", max_length=10, choices=ContactEnquiry.ReplyBy.choices, default=ContactEnquiry.ReplyBy.EMAIL
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=16, blank=True, help_text="A UK number, stored as +44…")
    postal_address = models.TextField(blank=True, help_text="One line per line, with the postcode last.")
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="format_requests"
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    due_by = models.DateField(
        "due by", help_text="Ten working days from the request; for an event, the working day before it."
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="assigned officer",
    )
    received_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_by", "pk"]
        indexes = [models.Index(fields=["status", "due_by"], name="format_request_open_due")]

    def __str__(self):
        return f"{self.get_format_display()} for {self.name} ({date_text(self.received_at)})"

    @property
    def format_text(self) -> str:
        """The format asked for, with the language for a translation."""
        if self.format == self.Format.TRANSLATION and self.language:
            return _("A translation into %(language)s") % {"language": self.language}
        return self.get_format_display()

    @property
    def reply_to(self) -> str:
        if self.reply_by == ContactEnquiry.ReplyBy.EMAIL:
            return self.email
        if self.reply_by == ContactEnquiry.ReplyBy.POST:
            return self.postal_address
        return self.phone
