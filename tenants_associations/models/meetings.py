"""TRA meetings.

Meetings are meant to be events (events/, kind "TRA meeting"), so they show in the public
calendar and residents can book. Until events/ is merged, a TRAMeeting holds the date, time,
place and notes itself; at integration each gains a link to its events.Event, created by
tra_meeting_schedule() and first_meeting_invite().
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from engagement.models import Estate
from tenants_associations.models.associations import TenantsAssociation


class TRAMeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now(), cancelled_at__isnull=True)

    def public(self):
        return self.exclude(kind=TRAMeeting.Kind.COMMITTEE)


class TRAMeeting(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", "General meeting (open to all residents)"
        AGM = "agm", "Annual general meeting (AGM)"
        COMMITTEE = "committee", "Committee meeting"
        FIRST = "first", "First meeting of a new TRA"

    tra = models.ForeignKey(
        TenantsAssociation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
        help_text="Empty for the first meeting of a TRA not yet formed.",
    )
    estate = models.ForeignKey(
        Estate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a first meeting: the estate whose residents want to start a TRA.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=250)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = TRAMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = "TRA meeting"
        constraints = [
            models.CheckConstraint(
                condition=Q(tra__isnull=False) | Q(kind="first", estate__isnull=False),
                name="tra_meeting_belongs_to_a_tra_or_is_a_first_meeting_on_an_estate",
            )
        ]

    def __str__(self):
        where = self.tra.name if self.tra_id else self.estate.name
        return f"{self.get_kind_display()}, {where}, {timezone.localtime(self.starts_at):%d %b %Y %H:%M}"

    @property
    def is_public(self) -> bool:
        return self.kind != self.Kind.COMMITTEE
