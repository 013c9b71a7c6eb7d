"""What people send us without (necessarily) an account: contact-us messages and interest forms."""

from django.conf import settings
from django.db import models

from engagement.models.places import Estate
from engagement.models.residents import Interest, Resident


class ContactEnquiry(models.Model):
    """A message to community relations from the contact us page."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        ANSWERED = "answered", "Answered"

    name = models.CharField(max_length=150)
    email = models.EmailField()
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
        return f"{self.name} ({self.received_at:%d %b %Y})"


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
        return f"{self.name} ({self.received_at:%d %b %Y})"
