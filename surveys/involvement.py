"""How the sounding board counts towards the reach report: a named survey response, and a discussion
started or a post written.

Anonymous responses never point at a resident, so they cannot count here.
"""

from django.db.models import F
from django.db.models.functions import TruncDate
from django.utils import timezone

from surveys.models import Post, Response, Topic


def _on(field: str) -> dict:
    day = TruncDate(field, tzinfo=timezone.get_current_timezone())
    return {"first_on": day, "last_on": day}


def responded():
    yield Response.objects.filter(resident__isnull=False, submitted_at__isnull=False).annotate(**_on("submitted_at"))


def posted():
    yield Post.objects.filter(resident__isnull=False).annotate(**_on("created_at"))
    yield Topic.objects.filter(started_by_resident__isnull=False).annotate(
        resident_id=F("started_by_resident_id"), **_on("created_at")
    )
