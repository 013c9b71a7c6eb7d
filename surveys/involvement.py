"""How surveys count towards the reach report: a named response sent since then.

Anonymous responses never point at a resident, so they cannot count here.
"""

from datetime import datetime

from django.db.models import Exists, OuterRef

from surveys.models import Response


def responded(since: datetime) -> Exists:
    return Exists(Response.objects.filter(resident=OuterRef("pk"), submitted_at__gte=since))
