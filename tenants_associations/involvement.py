"""How TRAs count towards the reach report: a member at any time since then."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Q

from tenants_associations.models import Membership


def member(since: datetime) -> Exists:
    # A request withdrawn before it was decided also ends as "left": only accepted members count.
    return Exists(
        Membership.objects.filter(resident=OuterRef("pk")).filter(
            Q(status=Membership.Status.MEMBER)
            | Q(status=Membership.Status.LEFT, decided_at__isnull=False, left_at__gte=since)
        )
    )
