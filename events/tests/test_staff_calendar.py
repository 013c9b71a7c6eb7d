"""The staff calendar: a month or a week of every event, meeting and door-knocking round, filtered by kind,
estate and officer, each linking to where it is managed; at a fixed number of queries."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from engagement.tests.factories import EstateFactory
from events.models import Event, RoundEstate
from events.tests.factories import EventFactory
from panels.tests.factories import PanelMeetingEventFactory, PanelMeetingFactory
from tenants_associations.tests.factories import TRAMeetingEventFactory, TRAMeetingFactory

pytestmark = pytest.mark.django_db

CALENDAR = "/admin/events/event/calendar/"
TZ = timezone.get_fixed_timezone(0)


@pytest.fixture(autouse=True)
def mid_december():
    with time_machine.travel(datetime(2026, 12, 3, 9, 0, tzinfo=TZ), tick=False):
        yield


def on(day, hour=18, **fields):
    starts = timezone.make_aware(datetime(2026, 12, day, hour, 0))
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), **fields)


def shown(officer_client, **query):
    return officer_client.get(CALENDAR, query).content.decode()


def test_the_month_shows_events_meetings_and_rounds_each_linking_to_where_it_is_managed(officer_client):
    open_day = on(8, title="Crossfields repairs open day")
    starts = timezone.make_aware(datetime(2026, 12, 10, 19, 0))
    panel_meeting = PanelMeetingFactory(
        event=PanelMeetingEventFactory(
            title="Repairs panel meeting", starts_at=starts, ends_at=starts + timedelta(hours=2)
        )
    )
    starts = timezone.make_aware(datetime(2026, 12, 15, 19, 0))
    tra_meeting = TRAMeetingFactory(
        event=TRAMeetingEventFactory(title="Crossfields TRA AGM", starts_at=starts, ends_at=starts + timedelta(hours=2))
    )
    door_knocking = on(17, hour=10, title="Winter door-knocking", kind=Event.Kind.DOOR_KNOCKING, status="draft")
    on(20, title="Cancelled fun day", status=Event.Status.CANCELLED)
    EventFactory(title="Next year's roadshow", starts_at=timezone.make_aware(datetime(2027, 2, 1, 18, 0)))

    html = shown(officer_client)

    assert "December 2026" in html
    assert f'href="/admin/events/event/{open_day.pk}/change/"' in html
    assert f'href="/admin/panels/panelmeeting/{panel_meeting.pk}/change/"' in html
    assert f'href="/admin/tenants_associations/trameeting/{tra_meeting.pk}/change/"' in html
    assert f'href="/admin/events/event/{door_knocking.pk}/change/"' in html and "Draft" in html
    assert "Cancelled fun day" in html and "Next year&#x27;s roadshow" not in html


def test_the_week_shows_only_that_week(officer_client):
    on(8, title="In the week")
    on(15, title="The week after")
    html = shown(officer_client, view="week", on="2026-12-09")
    assert "Week of 7 December 2026" in html
    assert "In the week" in html and "The week after" not in html


def test_it_filters_by_kind_estate_and_officer(officer_client, officer):
    lee_manor, crossfields = EstateFactory(name="Lee Manor"), EstateFactory(name="Crossfields")
    on(8, title="Lee Manor open day", estate=lee_manor, venue=None)
    on(9, title="Crossfields walkabout", kind=Event.Kind.WALKABOUT, estate=crossfields, venue=None)
    led = on(10, title="Officer's surgery", kind=Event.Kind.SURGERY, housing_officer=officer, venue=None)
    round_event = on(11, title="Door-knocking round", kind=Event.Kind.DOOR_KNOCKING, venue=None, estate=None)
    RoundEstate.objects.create(round=round_event, estate=lee_manor)

    html = shown(officer_client, kind="walkabout")
    assert "Crossfields walkabout" in html and "Lee Manor open day" not in html

    html = shown(officer_client, estate=lee_manor.pk)
    assert "Lee Manor open day" in html and "Door-knocking round" in html and "Crossfields walkabout" not in html

    html = shown(officer_client, officer=officer.pk)
    assert led.title.replace("'", "&#x27;") in html and "Lee Manor open day" not in html


def test_it_costs_the_same_queries_however_many_events(officer_client, django_assert_max_num_queries):
    on(8)
    with django_assert_max_num_queries(20) as first:
        shown(officer_client)
    for day in range(1, 29):
        on(day, kind=Event.Kind.WALKABOUT)
        PanelMeetingFactory(event=PanelMeetingEventFactory(starts_at=timezone.make_aware(datetime(2026, 12, day, 9))))
    with django_assert_max_num_queries(len(first.captured_queries)):
        shown(officer_client)
    with django_assert_max_num_queries(len(first.captured_queries)):
        shown(officer_client, view="week")


def test_the_changelist_links_to_it(officer_client):
    assert reverse("admin:events_event_staff_calendar") in officer_client.get("/admin/events/event/").content.decode()
