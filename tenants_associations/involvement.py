"""How TRAs count towards the reach report: a member, from the day they were accepted to the day they left."""

from django.db.models import F, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from tenants_associations.models import Membership


def member():
    local = timezone.get_current_timezone()
    # A request withdrawn before it was decided also ends as "left": only accepted members count.
    yield Membership.objects.filter(
        Q(status=Membership.Status.MEMBER) | Q(status=Membership.Status.LEFT, decided_at__isnull=False)
    ).annotate(
        first_on=TruncDate(Coalesce(F("decided_at"), F("requested_at")), tzinfo=local),
        last_on=TruncDate("left_at", tzinfo=local),
    )
