"""How panels count towards the reach report: an application sent, or a seat held."""

from django.db.models import F
from django.db.models.functions import TruncDate
from django.utils import timezone

from panels.models import Membership, PanelApplication


def applied_or_member():
    day = TruncDate("submitted_at", tzinfo=timezone.get_current_timezone())
    yield (
        PanelApplication.objects.filter(submitted_at__isnull=False)
        .exclude(status=PanelApplication.Status.DRAFT)
        .annotate(first_on=day, last_on=day)
    )
    yield Membership.objects.filter(resident__isnull=False).annotate(first_on=F("started_on"), last_on=F("ended_on"))
