"""How surveys count towards the reach report: a named response sent since then.

Anonymous responses never point at a resident, so they cannot count here.
"""

from datetime import datetime

from django.db.models import QuerySet

from surveys.models import Response


def responded(since: datetime) -> QuerySet:
    return Response.objects.filter(resident__isnull=False, submitted_at__gte=since).values("resident_id")
