"""An AGM moved or cancelled, through the TRA's services or in the events admin, moves the TRA's
next AGM date: whatever saves its event."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from events.models import Event
from tenants_associations.models import TRAMeeting
from tenants_associations.services.meetings import agm_date_refresh


@receiver(post_save, sender=Event, dispatch_uid="tenants_associations.agm_date_follows_its_event")
def agm_date_follows_its_event(sender, instance: Event, raw: bool = False, **kwargs) -> None:
    if raw or instance.kind != Event.Kind.TRA_MEETING:
        return
    meeting = TRAMeeting.objects.filter(event=instance, kind=TRAMeeting.Kind.AGM).select_related("tra").first()
    if meeting is None:
        return
    cancelled = instance.status == Event.Status.CANCELLED
    agm_date_refresh(tra=meeting.tra, dropped=timezone.localtime(instance.starts_at).date() if cancelled else None)
