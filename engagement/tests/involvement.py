"""For each app's tests of how it counts towards the reach report."""

from datetime import datetime

from engagement.models import Resident
from engagement.services.involvement import involvement_refresh
from engagement.services.reach_report import involved_since, since_day


def involved(since: datetime, way: str) -> set[int]:
    """The ids of residents who took part in this way since then, worked out afresh from the apps' tables."""
    involvement_refresh()
    return set(Resident.objects.filter(involved_since(since_day(since), way)).values_list("pk", flat=True))
