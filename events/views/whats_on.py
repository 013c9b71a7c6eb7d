"""What's on: the list, a month calendar, kind pages, and each event's page. Open to everyone."""

import calendar
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.dates import month_text
from engagement.fragments import KEPT_SECONDS, content_key, row_facts
from engagement.models import Estate
from engagement.views.residents import resident_or_none
from events.calendar_files import calendar_links
from events.forms import WhatsOnFilterForm
from events.kinds import KIND_PAGES
from events.models import Booking, Event, WorkshopSuggestion
from events.rules import booking_eligibility, joining_link_visible, resident_estate_id

PAGE_SIZE = 20
# The month calendar pages this far back and ahead of this month, and no further: a crawler
# following "Next month" must come to an end (it once followed 251 months).
CALENDAR_MONTHS_BACK = 12
CALENDAR_MONTHS_AHEAD = 24
# A day in the month calendar shows this many events, then links to the list of that day's events: a busy
# month at a large landlord has hundreds.
CALENDAR_EVENTS_A_DAY = 3


def _months_from_now(today: date, first: date) -> int:
    return (first.year - today.year) * 12 + first.month - today.month


def with_places(events):
    """Annotate each event with the places taken, so a list shows places left without a query per event."""
    return events.with_places_taken().prefetch_related(
        Prefetch("eligible_estates", queryset=Estate.objects.only("id", "name"))
    )


def _listing(request, *, fixed_kind: str | None = None):
    form = WhatsOnFilterForm(request.GET or None, fixed_kind=fixed_kind)
    events = Event.objects.whats_on().for_listing()
    if fixed_kind:
        kinds = [fixed_kind, Event.Kind.DROP_IN] if fixed_kind == Event.Kind.ROADSHOW else [fixed_kind]
        events = events.filter(kind__in=kinds)
    else:
        events = events.exclude(kind=Event.Kind.DOOR_KNOCKING)
    filtered = (
        form.is_bound and form.is_valid() and (form.cleaned_data.get("date_from") or form.cleaned_data.get("date_to"))
    )
    if not filtered:
        events = events.upcoming()
    events = with_places(form.filter(events))
    # A resident sees what is on their estate and across the borough first, then other estates'
    # (their TRA meetings above all): on a phone, the first screens are theirs.
    resident = resident_or_none(request)
    estate_id = resident_estate_id(resident) if resident is not None else None
    narrowed = form.is_valid() and (form.cleaned_data.get("estate") or form.cleaned_data.get("ward"))
    if estate_id and not narrowed:
        events = events.annotate(
            nearby=Case(When(Q(estate__isnull=True) | Q(estate_id=estate_id), then=Value(0)), default=Value(1))
        ).order_by("nearby", "starts_at", "pk")
    else:
        events = events.order_by("starts_at", "pk")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return form, page, query.urlencode()


def _events_key(page, query: str) -> str:
    """The list as written (see engagement.fragments): from every fact each card shows, and the pages."""
    cards = [
        (
            row_facts(event, "venue", "estate", "estate__ward"),
            event.taken,
            getattr(event, "nearby", None),
            tuple(estate.name for estate in event.eligible_estates.all()),
        )
        for event in page.object_list
    ]
    return content_key(cards, page.number, page.paginator.count, page.paginator.num_pages, query)


def whats_on(request):
    form, page, query = _listing(request)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "events_key": _events_key(page, query),
        "kept_seconds": KEPT_SECONDS,
    }
    return render(request, "events/whats_on.html", {**context, "page_title": _("What's on")})


def by_kind(request, kind):
    if kind not in KIND_PAGES:
        raise Http404("No such kind of event")
    form, page, query = _listing(request, fixed_kind=kind)
    context = {"form": form, "page": page, "query": query, "kind": kind, **KIND_PAGES[kind]}
    context.update(events_key=_events_key(page, query), kept_seconds=KEPT_SECONDS)
    if kind == Event.Kind.WORKSHOP:
        context["suggestions"] = WorkshopSuggestion.objects.filter(
            status=WorkshopSuggestion.Status.OPEN, published=True
        ).count()
    return render(request, "events/whats_on.html", context)


def month(request, year: int | None = None, month: int | None = None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404("No such month")
    offset = _months_from_now(today, date(year, month, 1))
    if not -CALENDAR_MONTHS_BACK <= offset <= CALENDAR_MONTHS_AHEAD:
        raise Http404("The calendar shows the last year and the next two")
    form = WhatsOnFilterForm(request.GET or None)
    tz = timezone.get_current_timezone()
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    events = form.filter(
        Event.objects.whats_on()
        .exclude(kind=Event.Kind.DOOR_KNOCKING)
        .filter(
            starts_at__lt=datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz),
            ends_at__gte=datetime.combine(first, time.min, tzinfo=tz),
        )
    )
    # Only the events a day shows, and how many that day has: a busy month at a large landlord has hundreds.
    local_day = TruncDate("starts_at", tzinfo=tz)
    shown = list(
        events.annotate(
            day=local_day,
            position=Window(RowNumber(), partition_by=[local_day], order_by=[F("starts_at").asc(), F("pk").asc()]),
            that_day=Window(Count("pk"), partition_by=[local_day]),
        )
        .filter(position__lte=CALENDAR_EVENTS_A_DAY)
        .order_by("starts_at", "pk")
        .values_list("day", "pk", "title", "starts_at", "status", "that_day")
    )
    by_day: dict[date, list[dict]] = {}
    that_day_count: dict[date, int] = {}
    for on, pk, title, starts_at, status, that_day in shown:
        by_day.setdefault(on, []).append({"pk": pk, "title": title, "starts_at": starts_at, "status": status})
        that_day_count[on] = that_day

    def weeks():
        return [
            [_calendar_day(day, month, by_day.get(day, []), that_day_count.get(day, 0), request.GET) for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]

    previous = first - timedelta(days=1)
    following = last + timedelta(days=1)
    query = request.GET.urlencode()
    return render(
        request,
        "events/month.html",
        {
            "form": form,
            # Worked out only when the grid is written, not when it is kept (see the template).
            "weeks": weeks,
            "grid_key": content_key(first, query, shown),
            "kept_seconds": KEPT_SECONDS,
            "month_start": first,
            "previous": previous if offset > -CALENDAR_MONTHS_BACK else None,
            "following": following if offset < CALENDAR_MONTHS_AHEAD else None,
            "query": query,
            "has_events": bool(by_day),
            "page_title": _("What's on in {month_text}").format(month_text=month_text(first)),
        },
    )


def _calendar_day(day: date, month: int, events: list[dict], that_day: int, query) -> dict:
    """A day of the grid: its first events, and a link to the rest when it has more than it shows."""
    cell = {"day": day, "in_month": day.month == month, "events": events, "more": 0}
    if that_day > CALENDAR_EVENTS_A_DAY:
        cell["more"] = that_day - CALENDAR_EVENTS_A_DAY
        on_the_day = query.copy()
        for name in ("date_from", "date_to"):
            on_the_day.update({f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year})
        cell["more_query"] = on_the_day.urlencode()
    return cell


def detail(request, pk: int):
    resident = resident_or_none(request)
    event = get_object_or_404(
        with_places(Event.objects.visible_to(resident).select_related("venue", "estate__ward", "drop_in_for")),
        pk=pk,
    )
    booking = None
    if resident is not None:
        booking = Booking.objects.filter(event=event, resident=resident, status__in=Booking.ACTIVE).first()
    eligibility = booking_eligibility(event=event, resident=resident)
    places_left = None if event.capacity is None else max(event.capacity - event.taken, 0)
    show_link = joining_link_visible(event=event, resident=resident)
    estate_names = [estate.name for estate in event.eligible_estates.all()]
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "who_for": event.who_for(estate_names),
            "booking": booking,
            "eligibility": eligibility,
            "places_left": places_left,
            "show_joining_link": show_link,
            "calendar": calendar_links(event, request=request, with_joining_link=show_link),
            "drop_ins": event.drop_ins.exclude(status=Event.Status.DRAFT) if event.kind == Event.Kind.ROADSHOW else [],
            "page_title": event.title,
        },
    )
