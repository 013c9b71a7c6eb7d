"""How TRAs count towards the reach report: a member at any time since then."""

from datetime import datetime

from django.db.models import Q, QuerySet

from tenants_associations.models import Membership


def member(since: datetime) -> QuerySet:
    # A request withdrawn before it was decided also ends as "left": only accepted members count.
    return Membership.objects.filter(
        Q(status=Membership.Status.MEMBER)
        | Q(status=Membership.Status.LEFT, decided_at__isnull=False, left_at__gte=since)
    ).values("resident_id")
