"""What's on: the list, a month calendar, kind pages, and each event's page. Open to everyone."""

import calendar
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engagement.dates import end_of_this_minute, month_text
from engagement.models import Estate, Resident, Ward
from engagement.versions import kept
from engagement.views.residents import resident_or_none
from events.calendar_files import calendar_links
from events.forms import WhatsOnFilterForm
from events.kinds import KIND_PAGES
from events.models import Booking, Event, SurgerySlot, Venue, WorkshopSuggestion
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


# Every table What's on and the event page read, for engagement.versions.kept: a change to any of them
# is shown at once.
LISTED = (Event, Event.eligible_estates.through, Venue, Estate, Ward, Booking, SurgerySlot)


def _filter_form(form: WhatsOnFilterForm) -> str:
    """The filter form as written: kept with the page, as it shows only the query and the estates and wards."""
    return render_to_string("events/_filter_form.html", {"form": form})


def _filled_in_form(request, fixed_kind: str | None = None) -> WhatsOnFilterForm | None:
    """The filter form as filled in, checked on each visit for its error summary; None when it is not filled
    in: then it is needed only when the page is worked out."""
    return WhatsOnFilterForm(request.GET, fixed_kind=fixed_kind) if request.GET else None


def _listing(request, *, fixed_kind: str | None = None) -> dict:
    """What's on, or a kind's page: the filter form and the list of events as written, kept."""
    form = _filled_in_form(request, fixed_kind)
    # A resident sees what is on their estate and across the borough first, then other estates'
    # (their TRA meetings above all): on a phone, the first screens are theirs.
    resident = resident_or_none(request)
    estate_id = resident_estate_id(resident) if resident is not None else None
    now = end_of_this_minute()

    def events_list() -> dict:
        filters = form or WhatsOnFilterForm(fixed_kind=fixed_kind)
        events = Event.objects.whats_on().for_listing()
        if fixed_kind:
            kinds = [fixed_kind, Event.Kind.DROP_IN] if fixed_kind == Event.Kind.ROADSHOW else [fixed_kind]
            events = events.filter(kind__in=kinds)
        else:
            events = events.exclude(kind=Event.Kind.DOOR_KNOCKING)
        dated = filters.is_valid() and (filters.cleaned_data.get("date_from") or filters.cleaned_data.get("date_to"))
        if not dated:
            events = events.upcoming(now)
        events = with_places(filters.filter(events))
        narrowed = filters.is_valid() and (filters.cleaned_data.get("estate") or filters.cleaned_data.get("ward"))
        if estate_id and not narrowed:
            events = events.annotate(
                nearby=Case(When(Q(estate__isnull=True) | Q(estate_id=estate_id), then=Value(0)), default=Value(1))
            ).order_by("nearby", "starts_at", "pk")
        else:
            events = events.order_by("starts_at", "pk")
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return {
            "filter_form": _filter_form(filters),
            "events_list": render_to_string("events/_whats_on_events.html", {"page": page, "query": query.urlencode()}),
        }

    key = (fixed_kind, sorted(request.GET.lists()), estate_id, get_language(), now)
    return {"form": form, **kept("whats_on", events_list, *LISTED, key=key)}


def whats_on(request):
    return render(request, "events/whats_on.html", {**_listing(request), "page_title": _("What's on")})


def by_kind(request, kind):
    if kind not in KIND_PAGES:
        raise Http404("No such kind of event")
    context = {**_listing(request, fixed_kind=kind), "kind": kind, **KIND_PAGES[kind]}
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
    form = _filled_in_form(request)
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    kept_parts = kept(
        "month",
        lambda: _month_grid(form or WhatsOnFilterForm(), first, last, request.GET),
        Event,
        Estate,
        Ward,
        key=(first, sorted(request.GET.lists()), get_language()),
    )
    previous = first - timedelta(days=1)
    following = last + timedelta(days=1)
    query = request.GET.urlencode()
    return render(
        request,
        "events/month.html",
        {
            "form": form,
            **kept_parts,
            "previous": previous if offset > -CALENDAR_MONTHS_BACK else None,
            "following": following if offset < CALENDAR_MONTHS_AHEAD else None,
            "query": query,
            "page_title": _("What's on in {month_text}").format(month_text=month_text(first)),
        },
    )


def _month_grid(form: WhatsOnFilterForm, first: date, last: date, query) -> dict:
    """The filter form and the month's grid as written, with the first events of each day."""
    tz = timezone.get_current_timezone()
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
    shown = (
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
    weeks = [
        [_calendar_day(day, first.month, by_day.get(day, []), that_day_count.get(day, 0), query) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    grid = render_to_string(
        "events/_month_grid.html", {"weeks": weeks, "month_start": first, "has_events": bool(by_day)}
    )
    return {"filter_form": _filter_form(form), "grid": grid}


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


def _event_page(pk: int) -> dict | None:
    """What an event's page shows to everyone; None when there is no such event (or it is a draft)."""
    event = (
        with_places(
            Event.objects.exclude(status=Event.Status.DRAFT).select_related("venue", "estate__ward", "drop_in_for")
        )
        .filter(pk=pk)
        .first()
    )
    if event is None:
        return None
    return {
        "event": event,
        "who_for": event.who_for([estate.name for estate in event.eligible_estates.all()]),
        "places_left": None if event.capacity is None else max(event.capacity - event.taken, 0),
        "drop_ins": list(event.drop_ins.exclude(status=Event.Status.DRAFT))
        if event.kind == Event.Kind.ROADSHOW
        else [],
        "has_slots": event.kind == Event.Kind.SURGERY and event.slots.exists(),
    }


def _event_for_visitors(pk: int, minute: datetime) -> dict | None:
    """What an event's page shows to everyone not signed in during this minute, written out when it stays the
    same all minute: from before the event starts (booking closes then) or while it is on; once it has ended
    it tells what came of it, from tables not kept here, and is written out on each visit."""
    shown = _event_page(pk)
    if shown is None:
        return None
    event, next_minute = shown["event"], minute + timedelta(minutes=1)
    if event.starts_at >= next_minute or (event.starts_at <= minute and event.ends_at >= next_minute):
        shown["content"] = _event_content(shown, None)
    return shown


def _event_content(shown: dict, resident: Resident | None) -> str:
    """The page as this visitor sees it: their booking, whether they may book, the joining link if theirs."""
    event = shown["event"]
    booking = None
    if resident is not None:
        booking = Booking.objects.filter(event=event, resident=resident, status__in=Booking.ACTIVE).first()
    show_link = joining_link_visible(event=event, resident=resident)
    return render_to_string(
        "events/_event.html",
        {
            **shown,
            "booking": booking,
            "eligibility": booking_eligibility(event=event, resident=resident),
            "show_joining_link": show_link,
            "calendar": calendar_links(event, with_joining_link=show_link),
        },
    )


def detail(request, pk: int):
    resident = resident_or_none(request)
    language = get_language()
    if resident is None:
        minute = timezone.now().replace(second=0, microsecond=0)
        shown = kept("event_for_visitors", lambda: _event_for_visitors(pk, minute), *LISTED, key=(pk, language, minute))
    else:
        shown = kept("event", lambda: _event_page(pk), *LISTED, key=(pk, language))
    # An unlisted event only for those invited to it or booked on it.
    if shown is None or not (shown["event"].listed or Event.objects.visible_to(resident).filter(pk=pk).exists()):
        raise Http404("No such event")
    event = shown["event"]
    content = shown.get("content") or _event_content(shown, resident)
    return render(request, "events/detail.html", {"event": event, "content": content, "page_title": event.title})
