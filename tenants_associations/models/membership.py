"""Joining a TRA, and what passes between residents and the committee."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.dates import date_text
from tenants_associations.models.associations import TenantsAssociation


class MembershipQuerySet(models.QuerySet):
    def members(self):
        return self.filter(status=Membership.Status.MEMBER)

    def requests(self):
        return self.filter(status=Membership.Status.REQUESTED)

    def open(self):
        return self.filter(status__in=Membership.OPEN)


class Membership(models.Model):
    """A resident's request to join a TRA and, once accepted, their membership. Kept after they leave."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        MEMBER = "member", _("Member")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    OPEN = (Status.REQUESTED, Status.MEMBER)

    tra = models.ForeignKey(TenantsAssociation, on_delete=models.CASCADE, related_name="memberships")
    resident = models.ForeignKey("engagement.Resident", on_delete=models.CASCADE, related_name="tra_memberships")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    note = models.TextField(blank=True, help_text="What the resident told the committee when asking to join.")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The committee member or officer who accepted or declined the request.",
    )
    decline_reason = models.TextField(blank=True, help_text="Sent to the resident.")
    left_at = models.DateTimeField(null=True, blank=True)
    is_representative = models.BooleanField(
        "TRA representative",
        default=False,
        help_text="Represents the TRA on panels (for example, the TRA seats on the Service and Performance Panel).",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                "tra", "resident", condition=Q(status__in=["requested", "member"]), name="one_open_membership_per_tra"
            ),
            models.CheckConstraint(
                condition=Q(is_representative=False) | Q(status="member"), name="representatives_are_members"
            ),
        ]
        indexes = [models.Index(fields=["tra", "status"])]

    def __str__(self):
        return f"{self.resident} – {self.tra} ({self.get_status_display().lower()})"


class Notice(models.Model):
    """A notice from a TRA's committee to its members, or a message to one member, sent through messaging."""

    tra = models.ForeignKey(TenantsAssociation, on_delete=models.CASCADE, related_name="notices")
    subject = models.CharField(max_length=150)
    body = models.TextField()
    to_membership = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when it went to every member.",
    )
    sent_by = models.ForeignKey(
        "engagement.Resident", null=True, on_delete=models.SET_NULL, related_name="tra_notices_sent"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0, help_text="How many members it was sent to.")

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.subject} ({self.tra})"


class Enquiry(models.Model):
    """A message to a TRA's committee from its public contact form. Committee addresses are never shown."""

    tra = models.ForeignKey(TenantsAssociation, on_delete=models.CASCADE, related_name="enquiries")
    name = models.CharField(max_length=150)
    email = models.EmailField()
    message = models.TextField()
    resident = models.ForeignKey(
        "engagement.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="tra_enquiries"
    )
    received_at = models.DateTimeField(auto_now_add=True)
    forwarded_to = models.PositiveSmallIntegerField(
        default=0, help_text="How many committee members it went to (0: it went to community relations)."
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "message to a TRA committee"
        verbose_name_plural = "messages to TRA committees"

    def __str__(self):
        return f"{self.name} to {self.tra} ({date_text(self.received_at)})"
