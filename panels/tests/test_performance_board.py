"""The Service and Performance Panel's performance board: the figures, who sees which, and where."""

from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language

from engagement.decisions.models import Decision, DecisionStatusChange, Status
from engagement.decisions.tests.factories import DecisionFactory
from events.models import Booking, Event
from events.tests.factories import BookingFactory, EventFactory
from panels.models import Panel
from panels.services import performance
from panels.services.performance import (
    Quarter,
    attendance_by_quarter,
    decisions_by_quarter,
    performance_board,
    quarter_of,
    quarters_up_to,
    surgery_series_since,
)
from panels.tests.factories import MembershipFactory, PanelFactory, PanelMeetingEventFactory, PanelMeetingFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def at(day: date, hour: int = 18) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def board_panel(db):
    return PanelFactory(
        name="Service and Performance Panel", slug="service-and-performance", kind=Panel.Kind.SERVICE_AND_PERFORMANCE
    )


def test_quarters_run_from_april_as_the_councils_year_does():
    assert quarter_of(date(2026, 4, 1)) == Quarter(date(2026, 4, 1))
    assert quarter_of(date(2026, 3, 31)) == Quarter(date(2026, 1, 1))
    assert Quarter(date(2026, 10, 1)).name == "October to December 2026"
    assert Quarter(date(2026, 10, 1)).end == date(2027, 1, 1)
    assert Quarter(date(2026, 4, 1)).short_name == "Apr–Jun 26"


def test_the_board_shows_four_completed_quarters_and_the_current_one_only_when_asked():
    completed = quarters_up_to(TODAY, with_current=False)
    assert [quarter.name for quarter in completed] == [
        "October to December 2025",
        "January to March 2026",
        "April to June 2026",
        "July to September 2026",
    ]
    assert quarters_up_to(TODAY, with_current=True)[-1].name == "October to December 2026"


def test_attendance_counts_residents_who_came_to_events_held_in_each_quarter():
    quarters = quarters_up_to(TODAY, with_current=False)
    summer = EventFactory(starts_at=at(date(2026, 8, 15)))
    BookingFactory.create_batch(3, event=summer, attendance=Booking.Attendance.ATTENDED)
    BookingFactory(event=summer, attendance=Booking.Attendance.NO_SHOW)
    BookingFactory(event=summer, status=Booking.Status.CANCELLED, attendance=Booking.Attendance.ATTENDED)
    spring = EventFactory(starts_at=at(date(2026, 5, 2)), kind=Event.Kind.SURGERY, status=Event.Status.COMPLETED)
    BookingFactory(event=spring, attendance=Booking.Attendance.ATTENDED)
    EventFactory(starts_at=at(date(2026, 5, 9)), status=Event.Status.CANCELLED)
    EventFactory(starts_at=at(date(2026, 5, 9)), kind=Event.Kind.DOOR_KNOCKING)

    figures = {row.quarter.name: (row.events_held, row.came) for row in attendance_by_quarter(quarters)}

    assert figures == {
        "October to December 2025": (0, 0),
        "January to March 2026": (0, 0),
        "April to June 2026": (1, 1),
        "July to September 2026": (1, 3),
    }


def _decision(target: date, status: str, done_on: date | None = None) -> Decision:
    decision = DecisionFactory(target_date=target, status=status, published_at=timezone.now())
    if done_on:
        DecisionStatusChange.objects.create(decision=decision, status=Status.DONE, changed_on=done_on)
    return decision


def test_decisions_are_judged_against_their_target_dates():
    quarters = quarters_up_to(TODAY, with_current=True)
    _decision(date(2026, 8, 1), Status.DONE, done_on=date(2026, 7, 20))  # on time
    _decision(date(2026, 8, 1), Status.DONE, done_on=date(2026, 8, 1))  # on the day: on time
    _decision(date(2026, 8, 1), Status.DONE, done_on=date(2026, 9, 2))  # late
    _decision(date(2026, 9, 1), Status.IN_PROGRESS)  # overdue
    _decision(date(2026, 9, 1), Status.NOT_DOING)
    _decision(date(2026, 12, 20), Status.AGREED)  # not due yet
    DecisionFactory(target_date=date(2026, 8, 1), status=Status.CONSIDERING)  # never published: not counted

    figures = {row.quarter.name: row for row in decisions_by_quarter(quarters, today=TODAY)}

    summer = figures["July to September 2026"]
    assert (summer.on_time, summer.late, summer.overdue, summer.not_doing, summer.due) == (2, 1, 1, 1, 5)
    assert summer.on_time_percent == 50
    autumn = figures["October to December 2026"]
    assert (autumn.not_yet_due, autumn.on_time_percent) == (1, None)


def test_each_surgery_series_gets_its_own_chart():
    first = EventFactory(title="Surgery, Pepys", kind=Event.Kind.SURGERY, starts_at=at(date(2026, 6, 2), 10))
    repeat = EventFactory(
        title="Surgery, Pepys", kind=Event.Kind.SURGERY, starts_at=at(date(2026, 7, 7), 10), copied_from=first
    )
    BookingFactory.create_batch(2, event=repeat, attendance=Booking.Attendance.ATTENDED)
    EventFactory(title="Surgery, Crossfields", kind=Event.Kind.SURGERY, starts_at=at(date(2026, 7, 9), 10))
    EventFactory(
        title="Surgery, Pepys",
        kind=Event.Kind.SURGERY,
        starts_at=at(date(2026, 8, 4), 10),
        copied_from=first,
        status=Event.Status.CANCELLED,
    )

    series = surgery_series_since(at(date(2026, 1, 1)), today=TODAY)

    # Crossfields' one surgery is not a series yet; Pepys' cancelled repeat is left out.
    assert [(found.title, len(found.surgeries)) for found in series] == [("Surgery, Pepys", 2)]
    pepys = series[0].chart
    assert pepys.periods == ["2 Jun 26", "7 Jul 26"]
    assert [point.value for point in pepys.lines[1].points] == [0, 2]


def _board_page(client, panel):
    return client.get(reverse("panels:performance", kwargs={"slug": panel.slug}))


def test_the_board_is_published_without_the_quarter_in_progress(client, board_panel):
    html = _board_page(client, board_panel).content.decode()

    assert "Performance board" in html
    assert "No tenant satisfaction results yet." in html
    for heading in ("Involved residents by estate", "Attendance at events", "Decisions on time", "surgeries"):
        assert heading in html
    assert 'id="provisional"' not in html
    assert quarter_of(timezone.localdate()).name not in html


def test_a_panel_member_sees_the_quarter_so_far_before_the_meeting(client, resident, board_panel):
    MembershipFactory(panel=board_panel, resident=resident)
    meeting = PanelMeetingFactory(
        panel=board_panel, event=PanelMeetingEventFactory(starts_at=timezone.now() + timedelta(days=7))
    )
    client.force_login(resident.user)

    meeting_page = client.get(reverse("panels:meeting", kwargs={"slug": board_panel.slug, "pk": meeting.pk}))
    board = _board_page(client, board_panel).content.decode()

    assert "Before the meeting" in meeting_page.content.decode()
    assert 'id="provisional"' in board
    assert f"{quarter_of(timezone.localdate()).name} (so far)" in board
    assert "Your next meeting is on" in board


def test_someone_not_on_the_panel_sees_only_what_is_published(client, other_resident, board_panel):
    meeting = PanelMeetingFactory(
        panel=board_panel, event=PanelMeetingEventFactory(starts_at=timezone.now() + timedelta(days=7))
    )
    client.force_login(other_resident.user)

    meeting_page = client.get(reverse("panels:meeting", kwargs={"slug": board_panel.slug, "pk": meeting.pk}))
    board = _board_page(client, board_panel).content.decode()

    assert "Read the performance board" in meeting_page.content.decode()
    assert "Before the meeting" not in meeting_page.content.decode()
    assert 'id="provisional"' not in board
    assert "Your next meeting" not in board


def test_only_the_service_and_performance_panel_has_a_board(client):
    other = PanelFactory(slug="repairs-panel", kind=Panel.Kind.TASK_AND_FINISH)
    assert _board_page(client, other).status_code == 404


def test_the_panel_page_links_to_its_board(client, board_panel):
    html = client.get(reverse("panels:detail", kwargs={"slug": board_panel.slug})).content.decode()
    assert reverse("panels:performance", kwargs={"slug": board_panel.slug}) in html


def test_officers_see_the_board_with_the_quarter_so_far_in_admin(officer_client, board_panel):
    index = officer_client.get(reverse("admin:index")).content.decode()
    page = officer_client.get(reverse("admin:panels_panel_performance"))
    change = officer_client.get(reverse("admin:panels_panel_change", args=[board_panel.pk])).content.decode()

    assert reverse("admin:panels_panel_performance") in index
    assert page.status_code == 200
    assert 'id="provisional"' in page.content.decode()
    assert reverse("admin:panels_panel_performance") in change


def test_residents_cannot_open_the_admin_board(resident_client):
    response = resident_client.get(reverse("admin:panels_panel_performance"))
    assert response.status_code in (302, 403)


def _add_a_quarter_of_activity(day: date, n: int):
    for i in range(n):
        event = EventFactory(starts_at=at(day + timedelta(days=i)))
        BookingFactory(event=event, attendance=Booking.Attendance.ATTENDED)
        _decision(day, Status.DONE, done_on=day)
    EventFactory(kind=Event.Kind.SURGERY, starts_at=at(day, 10))


def test_the_board_takes_the_same_number_of_queries_however_much_there_is(client, board_panel):
    _add_a_quarter_of_activity(timezone.localdate() - timedelta(days=120), 1)
    with CaptureQueriesContext(connection) as few:
        assert _board_page(client, board_panel).status_code == 200
    _add_a_quarter_of_activity(timezone.localdate() - timedelta(days=200), 6)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert _board_page(client, board_panel).status_code == 200
    assert len(many) == len(few)


def test_the_board_kept_in_one_language_is_worked_out_again_in_another(board_panel, monkeypatch):
    worked_out = []

    def work_out(**kwargs):
        worked_out.append(get_language())
        return f"the board in {get_language()}"

    monkeypatch.setattr(performance, "performance_board", work_out)
    cache.clear()

    for language in ("en-gb", "en-gb", "cy", "cy"):
        with translation.override(language):
            shown = performance.performance_board_kept(with_current=False)
        assert shown == f"the board in {language}"

    assert worked_out == ["en-gb", "cy"]


def test_the_service_works_out_every_section_at_once(board_panel):
    board = performance_board(today=TODAY, with_current=True)
    assert board.provisional == quarter_of(TODAY)
    assert len(board.attendance) == len(board.decisions) == 5
    assert board.reach_chart.kind == "bar"


def test_tenant_satisfaction_shows_each_published_year_with_its_margin(client, board_panel):
    from engagement.models import TenureType
    from engagement.tests.factories import TenancyFactory
    from surveys.models import ManagementInformation, TsmSurvey
    from surveys.tests.tsm_helpers import tsm_answer, tsm_survey

    homes = TenancyFactory.create_batch(4, tenure_type=TenureType.COUNCIL_TENANT)
    last_year, this_year = tsm_survey(year=2025), tsm_survey(year=2026)
    tsm_answer(last_year, homes[0], {"TP01": "Fairly satisfied"})
    tsm_answer(last_year, homes[1], {"TP01": "Very dissatisfied"})
    tsm_answer(this_year, homes[2], {"TP01": "Very satisfied"})
    unpublished = tsm_survey(year=2027)
    TsmSurvey.objects.exclude(pk=unpublished.pk).update(published_at=timezone.now())
    ManagementInformation.objects.create(year=2026, code="RP01", numerator=12, denominator=400)

    html = _board_page(client, board_panel).content.decode()

    assert "No tenant satisfaction results yet." not in html
    assert "2025/26" in html and "2026/27" in html and "2027/28" not in html
    assert "50.0% (±" in html  # one of the two satisfied last year
    assert "TP01 Overall satisfaction, year on year" in html
    assert "3.0%" in html  # 12 of 400 homes not decent
    assert "No management information yet" not in html


def test_the_demo_gives_the_board_a_year_to_show(client):
    from django.core.management import call_command

    call_command("load_demo")
    call_command("load_demo")
    board = performance_board(with_current=False)
    html = client.get(reverse("panels:performance", kwargs={"slug": "service-and-performance-panel"})).content.decode()

    (downham,) = [series for series in board.surgery_series if "Downham Fields" in series.title]
    assert len(downham.surgeries) == 12
    assert all(row.events_held for row in board.attendance)
    assert sum(row.due for row in board.decisions) >= 2
    assert "Attendance at each surgery" in html


def test_the_figures_are_kept_for_a_quarter_of_an_hour(client, board_panel):
    _board_page(client, board_panel)
    EventFactory(starts_at=at(timezone.localdate() - timedelta(days=100)), title="Held after the first look")
    with CaptureQueriesContext(connection) as again:
        html = _board_page(client, board_panel).content.decode()
    cache.clear()
    with CaptureQueriesContext(connection) as fresh:
        _board_page(client, board_panel)

    assert len(again) < len(fresh)
    assert "worked out again every 15 minutes" in html


def test_involvement_is_counted_year_by_year_against_doubling_last_year(resident, other_resident):
    from engagement.models import ResidentInvolvement
    from engagement.tests.factories import ResidentFactory
    from panels.services.performance import involvement_by_year, involvement_chart

    def took_part(person, *years):
        ResidentInvolvement.objects.create(resident=person, last_on=TODAY, years={str(year): True for year in years})

    took_part(resident, 2024, 2025, 2026)
    took_part(other_resident, 2025)
    took_part(ResidentFactory(tenancy=None), 2025)  # not signed up: not counted, as in the reach report

    published = involvement_by_year(TODAY, with_current=False)
    with_current = involvement_by_year(TODAY, with_current=True)

    assert [(year.name, year.involved) for year in published] == [
        ("2023/24", 0),
        ("2024/25", 1),
        ("2025/26", 2),
    ]
    assert (with_current[-1].name, with_current[-1].involved) == ("2026/27 (so far)", 1)
    chart = involvement_chart(with_current)
    assert chart.reference.value == 4
    assert "the aim, double 2025/26 at 4" in chart.description


def test_involvement_is_counted_quarter_by_quarter_from_what_residents_did(resident, other_resident):
    from engagement.services.involvement import involvement_refresh
    from panels.services.performance import involvement_by_quarter

    summer = EventFactory(starts_at=at(date(2026, 8, 15)), status=Event.Status.COMPLETED)
    spring = EventFactory(starts_at=at(date(2026, 5, 2)), status=Event.Status.COMPLETED)
    for event in (summer, spring):
        BookingFactory(event=event, resident=resident, attendance=Booking.Attendance.ATTENDED)
    BookingFactory(event=summer, resident=other_resident, attendance=Booking.Attendance.ATTENDED)
    involvement_refresh([resident.pk, other_resident.pk])

    figures = {
        row.quarter.name: row.involved for row in involvement_by_quarter(quarters_up_to(TODAY, with_current=False))
    }

    assert figures == {
        "October to December 2025": 0,
        "January to March 2026": 0,
        "April to June 2026": 1,
        "July to September 2026": 2,
    }


def test_the_board_shows_involvement_by_quarter_with_its_table(client, board_panel):
    page = client.get(reverse("panels:performance", args=[board_panel.slug])).content.decode()
    assert "Involvement by quarter" in page
    assert "Residents involved, by quarter" in page


def test_a_weighted_year_shows_the_unweighted_figure_beside_it():
    from datetime import date as day

    from engagement.models import TenureType
    from engagement.tests.factories import ResidentFactory, TenancyFactory
    from panels.services.performance import satisfaction
    from surveys.services.tsm import tsm_year_results
    from surveys.tests.tsm_helpers import tsm_answer, tsm_survey

    homes = TenancyFactory.create_batch(4, tenure_type=TenureType.COUNCIL_TENANT)
    tsm = tsm_survey(year=2026, weighted=True)
    for tenancy, born in zip(homes, [2000, 2000, 1950, 1950], strict=True):
        ResidentFactory(tenancy=tenancy, date_of_birth=day(born, 1, 1))
    tsm_answer(tsm, homes[0], {"TP01": "Very dissatisfied"}, date_of_birth=day(2001, 1, 1))
    for tenancy in homes[2:]:
        tsm_answer(tsm, tenancy, {"TP01": "Very satisfied"}, date_of_birth=day(1952, 1, 1))

    table = satisfaction([tsm_year_results(tsm)]).tables[0]
    overall = next(row for row in table.rows if row.code == "TP01")
    assert overall.cells[0].startswith("50.0% (±")
    assert overall.cells[0].endswith("3 answers; unweighted 66.7%)")


def test_involvement_is_shown_estate_by_estate_for_each_quarter(client, board_panel, resident, other_resident):
    from engagement.models import ResidentInvolvement

    ResidentInvolvement.objects.create(resident=resident, last_on=TODAY, years={"2026": True, "2026-07": True})
    ResidentInvolvement.objects.create(
        resident=other_resident, last_on=TODAY, years={"2026": True, "2026-04": True, "2026-07": True}
    )
    board = performance_board(today=TODAY)
    rows = {row.estate: row.involved for row in board.involvement_by_estate}
    estates = {resident.tenancy.home.block.estate.name, other_resident.tenancy.home.block.estate.name}
    assert set(rows) == estates
    assert [sum(column) for column in zip(*rows.values(), strict=True)] == [0, 0, 1, 2]
    page = _board_page(client, board_panel).content.decode()
    assert "Residents involved by estate, by quarter" in page
