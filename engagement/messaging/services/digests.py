"""The weekly ward digest: each ward's councillors hear what is happening with residents in their ward.

Apps add sections with `register_digest_section(name, build)`, where `build(ward, since, until)`
returns DigestItems (events: coming up in the ward; surveys: open in the ward). Messaging
itself lists the bulk sends that reached residents in the ward that week.
"""

import itertools
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from engagement.dates import date_text
from engagement.messaging.models import Councillor, Message
from engagement.messaging.services.outbox import message_queue
from engagement.models import Channel, Ward


@dataclass(frozen=True)
class DigestItem:
    title: str
    detail: str = ""
    url: str = ""


DigestSection = Callable[[Ward, datetime, datetime], list[DigestItem]]
_sections: dict[str, DigestSection] = {}


def register_digest_section(name: str, build: DigestSection) -> None:
    _sections[name] = build


def _bulk_sends_in_ward(ward: Ward, since: datetime, until: datetime) -> list[DigestItem]:
    rows = (
        Message.objects.filter(
            batch__created_at__gte=since,
            batch__created_at__lt=until,
            resident__tenancy__home__block__estate__ward=ward,
        )
        .values("batch__description", "batch__created_at")
        .annotate(residents=Count("pk"))
        .order_by("batch__created_at")
    )
    return [
        DigestItem(
            title=row["batch__description"],
            detail=f"Sent on {timezone.localtime(row['batch__created_at']):%-d %B} to {row['residents']} residents in the ward",
        )
        for row in rows
    ]


register_digest_section("Messages sent to residents", _bulk_sends_in_ward)


def ward_digest_sections(ward: Ward, since: datetime, until: datetime) -> list[dict]:
    built = ((name, build(ward, since, until)) for name, build in _sections.items())
    return [{"title": name, "items": [asdict(item) for item in items]} for name, items in built if items]


def ward_digests_send(*, week_ending: date) -> int:
    """Queue this week's digest for every councillor in a ward with something to report. Safe to run twice."""
    until = timezone.make_aware(datetime.combine(week_ending, time.min))
    since = until - timedelta(days=7)
    queued = 0
    councillors = Councillor.objects.filter(gets_digest=True).select_related("ward").order_by("ward_id", "pk")
    for ward, in_ward in itertools.groupby(councillors, key=lambda councillor: councillor.ward):
        sections = ward_digest_sections(ward, since, until)
        for councillor in in_ward if sections else []:
            message = message_queue(
                template="messaging.ward_digest",
                key=f"ward-digest:{week_ending.isoformat()}:{councillor.pk}",
                to_address=councillor.email,
                channel=Channel.EMAIL,
                personalisation={
                    "councillor_name": councillor.name,
                    "ward_name": ward.name,
                    "week_beginning": f"{date_text(since)}",
                    "sections": sections,
                },
            )
            queued += message is not None
    return queued
