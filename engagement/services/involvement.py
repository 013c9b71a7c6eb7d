"""The ways a resident can take part, and the record of who took part when, for the reach report.

Each app registers its ways with `register_involvement(code, label, spans)` in its AppConfig.ready(),
so the project package never imports the apps. `spans()` returns query sets of rows with
`resident_id`, `first_on` and `last_on` (dates; `last_on` None while it lasts): one row per thing
done on a day (first_on == last_on) or per membership.

The report never reads those tables: it reads ResidentInvolvement (one row per resident), which the services that record
taking part keep up to date by calling `involvement_changed(resident_ids)` in the same transaction
(a booking made or cancelled, an event cancelled or moved, attendance marked, a member accepted…).
`involvement_refresh()` works every summary out again from the apps' tables: run it once after
upgrading (`manage.py involvement_refresh`); a nightly task runs it too, so a change made outside
the services (a fix in the database) is counted by the next morning.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from engagement.dates import financial_year_start, next_quarter, quarter_key, quarter_start
from engagement.models import ResidentInvolvement
from engagement.models.involvement import ONGOING

Spans = Callable[[], Iterable[QuerySet]]
BATCH = 5_000


@dataclass(frozen=True)
class Involvement:
    code: str
    label: str
    spans: Spans


_involvements: dict[str, Involvement] = {}


def register_involvement(code: str, label: str, spans: Spans) -> None:
    _involvements[code] = Involvement(code, label, spans)


def involvements() -> list[Involvement]:
    """In the order the apps registered them."""
    return list(_involvements.values())


def _summaries(resident_ids: list[int] | None) -> Iterable[ResidentInvolvement]:
    """Each resident's summary, from every way's rows in the apps' tables."""
    today = timezone.localdate()
    this_year = financial_year_start(today).year
    summaries: dict[int, ResidentInvolvement] = {}
    for involvement in involvements():
        for rows in involvement.spans():
            if resident_ids is not None:
                rows = rows.filter(resident_id__in=resident_ids)
            for resident_id, first_on, last_on in rows.values_list("resident_id", "first_on", "last_on").iterator(
                chunk_size=BATCH
            ):
                if resident_id is None or first_on is None:
                    continue
                last_on = last_on or ONGOING
                summary = summaries.get(resident_id)
                if summary is None:
                    summary = summaries[resident_id] = ResidentInvolvement(resident_id=resident_id, last_on=last_on)
                summary.last_on = max(summary.last_on, last_on)
                day = last_on.isoformat()
                if summary.ways.get(involvement.code, "") < day:
                    summary.ways[involvement.code] = day
                # A membership counts in every year it lasts; while it lasts, up to this year (the nightly
                # refresh adds the next when it comes).
                last_year = this_year if last_on == ONGOING else financial_year_start(last_on).year
                for year in range(financial_year_start(first_on).year, last_year + 1):
                    summary.years[str(year)] = True
                # And every quarter ("2026-07"), for the performance board's involvement by quarter.
                quarter, last_quarter = quarter_start(first_on), quarter_start(min(last_on, today))
                while quarter <= last_quarter:
                    summary.years[quarter_key(quarter)] = True
                    quarter = next_quarter(quarter)
    return summaries.values()


def involvement_refresh(resident_ids: Iterable[int] | None = None) -> int:
    """Work the summaries out again from the apps' tables: for these residents, or (None) everyone.
    Returns how many of them took part at some time.

    Summaries are written over the old ones (an upsert), never deleted and made again: two services
    refreshing one resident at once then cannot both insert, and the nightly refresh of everyone holds
    each row only for its batch's short transaction, so a booking made meanwhile does not wait for it.
    """
    ids = None if resident_ids is None else sorted({pk for pk in resident_ids if pk is not None})
    if ids == []:
        return 0
    summaries = list(_summaries(ids))
    for start in range(0, len(summaries), BATCH):
        with transaction.atomic():
            ResidentInvolvement.objects.bulk_create(
                summaries[start : start + BATCH],
                update_conflicts=True,
                unique_fields=["resident"],
                update_fields=["last_on", "ways", "years"],
            )
    # Whoever no longer took part in any way (a booking cancelled, a response withdrawn) has no summary.
    took_part = {summary.resident_id for summary in summaries}
    kept = ResidentInvolvement.objects.all() if ids is None else ResidentInvolvement.objects.filter(resident_id__in=ids)
    gone = [pk for pk in kept.values_list("resident_id", flat=True).iterator(chunk_size=BATCH) if pk not in took_part]
    for start in range(0, len(gone), BATCH):
        ResidentInvolvement.objects.filter(resident_id__in=gone[start : start + BATCH]).delete()
    return len(summaries)


def involvement_changed(resident_ids: Iterable[int | None]) -> None:
    """Called by a service that recorded, changed or undid someone's taking part, inside its transaction."""
    involvement_refresh([pk for pk in resident_ids if pk is not None])
