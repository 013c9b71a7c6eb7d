"""How panels count towards the reach report: an application sent, or a seat held, since then."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from panels.models import Membership, PanelApplication


def applied_or_member(since: datetime) -> Exists:
    applied = Exists(
        PanelApplication.objects.filter(resident=OuterRef("pk"), submitted_at__gte=since).exclude(
            status=PanelApplication.Status.DRAFT
        )
    )
    seat = Exists(
        Membership.objects.filter(resident=OuterRef("pk")).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localtime(since).date())
        )
    )
    return applied | seat
