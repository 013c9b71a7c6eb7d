"""The demo is built relative to the day it is loaded, makes sense on any day of the year, and loading it
a second time changes nothing at all (every table, every row)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.models import Tenancy
from events.demo import next_clock_change, roadshow_days
from events.models import Event
from panels.models import Panel

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _every_row() -> dict[str, list[tuple]]:
    """Every row of every table the project and its libraries keep, in primary key order."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def test_loading_the_demo_twice_changes_no_row_of_any_table(capsys):
    call_command("load_demo")
    first = _every_row()
    printed = capsys.readouterr().out
    call_command("load_demo")

    second = _every_row()
    changed = [table for table in first if first[table] != second[table]]
    assert changed == []
    assert sum(len(rows) for rows in first.values()) > 3000
    assert printed.count("What's on lists") == 1
    assert capsys.readouterr().out.split("What's on lists")[1] == printed.split("What's on lists")[1]


@pytest.mark.parametrize(
    "today",
    [datetime(2027, 1, 15, 9), datetime(2026, 10, 24, 9), datetime(2026, 12, 31, 20), datetime(2027, 3, 27, 9)],
    ids=["mid-january", "day-before-the-clocks-go-back", "new-years-eve", "day-before-the-clocks-go-forward"],
)
def test_the_demo_makes_sense_whatever_the_day_it_is_loaded(client, capsys, today):
    with time_machine.travel(today.replace(tzinfo=LONDON), tick=True):
        call_command("load_demo")
        printed = capsys.readouterr().out
        now = timezone.now()
        roadshows = Event.objects.filter(kind=Event.Kind.ROADSHOW)

        # This year's four roadshows: two online, two in person, in one year, at least two still to come.
        assert sorted(roadshows.values_list("format", flat=True)) == ["in_person", "in_person", "online", "online"]
        assert len({timezone.localtime(event.starts_at).year for event in roadshows}) == 1
        assert roadshows.filter(starts_at__gt=now, status=Event.Status.PUBLISHED).count() >= 2
        assert "There are no events that match" not in client.get("/whats-on/type/roadshow/").content.decode()

        # Repairs open days either side of the next change of the clocks, both still to come, at 10am local.
        change = next_clock_change(timezone.localdate() + timedelta(days=5))
        open_days = Event.objects.filter(kind=Event.Kind.REPAIRS_OPEN_DAY, starts_at__gt=now)
        before = [e for e in open_days if timezone.localtime(e.starts_at).date() < change]
        after = [e for e in open_days if timezone.localtime(e.starts_at).date() > change]
        assert before and after
        assert {timezone.localtime(e.starts_at).hour for e in open_days} == {10}
        assert before[-1].starts_at.astimezone(LONDON).utcoffset() != after[0].starts_at.astimezone(LONDON).utcoffset()
        assert len({e.estate_id for e in Event.objects.filter(kind=Event.Kind.REPAIRS_OPEN_DAY)}) == 4

        # Recruiting panels deliver in the future; what has finished is marked so and says what happened.
        recruiting = Panel.objects.filter(status=Panel.Status.RECRUITING, deliver_by__isnull=False)
        assert recruiting.exists() and not recruiting.filter(deliver_by__lte=timezone.localdate()).exists()
        assert not Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__lt=now - timedelta(days=1)).filter(
            kind__in=[Event.Kind.ROADSHOW, Event.Kind.REPAIRS_OPEN_DAY, Event.Kind.SURGERY]
        )

        # A survey invitation sits in a demo resident's outbox, linking back to SITE_URL.
        invitation = Message.objects.filter(template="surveys.invitation", resident__isnull=False).first()
        assert invitation is not None

        # A newcomer is given a tenancy nobody uses, and it works on the sign-up form's tenancy check.
        reference, postcode = printed.split("tenancy reference ")[1].split("\n")[0].split(", postcode ")
        tenancy = Tenancy.objects.get(reference=reference)
        assert tenancy.home.postcode == postcode and not tenancy.residents.exists()


def test_the_next_change_of_the_clocks_is_found_from_the_time_zone_not_written_in():
    assert [
        next_clock_change(day)
        for day in (datetime(2026, 1, 10).date(), datetime(2026, 3, 29).date(), datetime(2026, 10, 25).date())
    ] == [datetime(2026, 3, 29).date(), datetime(2026, 10, 25).date(), datetime(2027, 3, 28).date()]


def test_roadshows_move_so_that_two_are_always_still_to_come():
    for month in range(1, 13):
        for day in (1, 15, 28):
            today = datetime(2026, month, day).date()
            year, days = roadshow_days(today)
            assert len(days) == 4 and days == sorted(days) and {d.year for d in days} == {year}
            assert sum(d > today for d in days) >= 2, today
