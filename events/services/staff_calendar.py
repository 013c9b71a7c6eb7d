"""The staff calendar: every event, panel and TRA meeting and door-knocking round in a month or a week,
narrowed by kind, estate and officer, each linking to where it is managed."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from events.models import Event, RoundEstate


@dataclass
class CalendarDay:
    day: date
    in_range: bool = True
    events: list = field(default_factory=list)


def calendar_events(*, start: date, end: date, kind: str = "", estate=None, officer=None) -> QuerySet[Event]:
    """Events that are on at some point from `start` up to (not including) `end`, drafts and cancelled included."""
    tz = timezone.get_current_timezone()
    events = Event.objects.filter(
        starts_at__lt=datetime.combine(end, time.min, tzinfo=tz),
        ends_at__gte=datetime.combine(start, time.min, tzinfo=tz),
    )
    if kind:
        events = events.filter(kind=kind)
    if estate is not None:
        # A door-knocking round covers the estates planned on it.
        on_the_round = RoundEstate.objects.filter(round=OuterRef("pk"), estate=estate)
        events = events.filter(Q(estate=estate) | Exists(on_the_round))
    if officer is not None:
        events = events.filter(Q(lead_officer=officer) | Q(designated_contact=officer) | Q(housing_officer=officer))
    return events.select_related("estate", "venue", "panel_meeting__panel", "tra_meeting__tra").order_by(
        "starts_at", "pk"
    )


def managed_at(event: Event) -> str:
    """Where staff manage it: a panel's or TRA's meeting page for their meetings, else the event's."""
    panel_meeting = getattr(event, "panel_meeting", None)
    if panel_meeting is not None:
        return reverse("admin:panels_panelmeeting_change", args=[panel_meeting.pk])
    tra_meeting = getattr(event, "tra_meeting", None)
    if tra_meeting is not None:
        return reverse("admin:tenants_associations_trameeting_change", args=[tra_meeting.pk])
    return reverse("admin:events_event_change", args=[event.pk])


def _by_day(events) -> dict[date, list[Event]]:
    days: dict[date, list[Event]] = {}
    for event in events:
        event.managed_at = managed_at(event)
        days.setdefault(timezone.localtime(event.starts_at).date(), []).append(event)
    return days


def month_weeks(year: int, month: int, **filters) -> list[list[CalendarDay]]:
    """The month as weeks Monday to Sunday, days outside the month included (and their events)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    by_day = _by_day(calendar_events(start=weeks[0][0], end=weeks[-1][-1] + timedelta(days=1), **filters))
    return [[CalendarDay(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks]


def week_days(monday: date, **filters) -> list[CalendarDay]:
    by_day = _by_day(calendar_events(start=monday, end=monday + timedelta(days=7), **filters))
    return [CalendarDay(day, True, by_day.get(day, [])) for day in (monday + timedelta(days=n) for n in range(7))]
