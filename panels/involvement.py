"""How panels count towards the reach report: an application sent, or a seat held, since then."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from panels.models import Membership, PanelApplication


def applied_or_member(since: datetime) -> QuerySet:
    applied = (
        PanelApplication.objects.filter(submitted_at__gte=since)
        .exclude(status=PanelApplication.Status.DRAFT)
        .order_by()
        .values("resident_id")
    )
    seat = (
        Membership.objects.filter(resident__isnull=False)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localtime(since).date()))
        .order_by()
        .values("resident_id")
    )
    return applied.union(seat)
