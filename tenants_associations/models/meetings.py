"""TRA meetings: what kind of meeting, and whose. The rest is its event.

When and where a meeting is, its notes, whether it is cancelled and who may come live on its
event (events.Event, kind "TRA meeting"), so it shows in What's on and residents book like
for any other event. tenants_associations.services.meetings makes the events:
general meetings, AGMs and first meetings are listed and open to the estates' residents;
committee meetings are unlisted, for the committee only.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.dates import time_on_date_text
from events.models import Event
from tenants_associations.models.associations import TenantsAssociation


class TRAMeetingQuerySet(models.QuerySet):
    def with_event(self):
        return self.select_related("event__venue")

    def upcoming(self, now=None):
        """Published meetings still to come (or going on now)."""
        return self.filter(event__ends_at__gte=now or timezone.now(), event__status=Event.Status.PUBLISHED)

    def public(self):
        return self.exclude(kind=TRAMeeting.Kind.COMMITTEE)


class TRAMeeting(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", _("General meeting (open to all residents)")
        AGM = "agm", _("Annual general meeting (AGM)")
        COMMITTEE = "committee", _("Committee meeting")
        FIRST = "first", _("First meeting of a new TRA")

    tra = models.ForeignKey(
        TenantsAssociation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
        help_text="Empty for the first meeting of a TRA not yet formed (its event names the estate).",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Protected: an event with a TRA meeting is cancelled through the TRA, not deleted from under it.
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="tra_meeting")

    objects = TRAMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["event__starts_at"]
        verbose_name = "TRA meeting"
        constraints = [
            models.CheckConstraint(
                condition=Q(tra__isnull=False) | Q(kind="first"),
                name="tra_meeting_belongs_to_a_tra_or_is_a_first_meeting",
            )
        ]

    def __str__(self):
        where = self.tra.name if self.tra_id else (self.event.estate.name if self.event.estate_id else "")
        return f"{self.get_kind_display()}, {where}, {time_on_date_text(self.event.starts_at)}"

    @property
    def is_public(self) -> bool:
        return self.kind != self.Kind.COMMITTEE

    @property
    def is_cancelled(self) -> bool:
        return self.event.status == Event.Status.CANCELLED
