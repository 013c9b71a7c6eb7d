import csv
import io
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from engagement.models import EqualityMonitoring, Resident
from engagement.services import reach_report
from engagement.services.involvement import involvement_refresh, involvements
from engagement.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
    ResidentFactory,
    TenancyFactory,
    WardFactory,
)
from events.models import Booking, Event
from events.tests.factories import BookingFactory, EventFactory
from panels.models import PanelApplication
from panels.tests.factories import MembershipFactory as PanelMembershipFactory
from panels.tests.factories import PanelApplicationFactory
from surveys.models import Response
from surveys.tests.factories import SurveyFactory
from tenants_associations.models import Membership as TRAMembership
from tenants_associations.tests.factories import MembershipFactory as TRAMembershipFactory
from tenants_associations.tests.factories import tra_for

pytestmark = pytest.mark.django_db

NOW = timezone.now()
# Periods start at midnight, local time, as the page's do.
SINCE = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=90), time.min))


# The tests make bookings, responses and memberships with factories, not through the services that keep
# each resident's summary up to date, so they work the summaries out first.
def reach_by_estate(*args, **kwargs):
    involvement_refresh()
    return reach_report.reach_by_estate(*args, **kwargs)


def diversity(*args, **kwargs):
    involvement_refresh()
    return reach_report.diversity(*args, **kwargs)


def estate_with_homes(homes: int, **kwargs):
    estate = EstateFactory(**kwargs)
    block = BlockFactory(estate=estate)
    for _ in range(homes):
        HomeFactory(block=block)
    return estate


def resident_on(estate, **kwargs):
    return ResidentFactory(tenancy=TenancyFactory(home=estate.blocks.first().homes.first()), **kwargs)


def booked(resident, starts_at=NOW - timedelta(days=10), **kwargs):
    event = EventFactory(venue=None, starts_at=starts_at, status=Event.Status.COMPLETED)
    return BookingFactory(event=event, resident=resident, **kwargs)


def responded(resident, submitted_at=NOW - timedelta(days=5)):
    survey = SurveyFactory()
    return Response.objects.create(
        survey=survey,
        token=f"t{resident.pk}-{survey.pk}",
        resident=resident,
        channel="email",
        submitted_at=submitted_at,
    )


def row_for(report, estate):
    return next(row for row in report.estates if row.estate_id == estate.pk)


def test_it_counts_homes_signed_up_and_involved_residents_per_estate():
    estate = estate_with_homes(10)
    booked(resident_on(estate))
    PanelApplicationFactory(resident=resident_on(estate))
    PanelMembershipFactory(resident=resident_on(estate))
    TRAMembershipFactory(tra=tra_for(estate), resident=resident_on(estate))
    both = resident_on(estate)
    responded(both)
    booked(both)
    resident_on(estate)  # signed up, not involved
    resident_on(estate, tenancy_verified_at=None)  # not signed up

    row = row_for(reach_by_estate(SINCE), estate)

    assert (row.homes, row.signed_up, row.involved) == (10, 6, 5)
    assert {code: count for code, count in row.by_involvement.items() if count} == {
        "events": 2,
        "panels": 2,
        "surveys": 1,
        "tra": 1,
    }
    assert (row.involved_per_100_homes, row.signed_up_per_100_homes) == (50.0, 60.0)


def test_doorstep_conversations_issues_workshop_topics_and_discussion_posts_count_too():
    from events.models import IssueCategory, Visit
    from events.services.door_knocking import visit_record
    from events.services.issues import issue_raise
    from events.services.workshops import suggestion_submit
    from surveys.services.discussions import post_reply
    from surveys.tests.factories import TopicFactory

    estate = estate_with_homes(10)
    round_event = EventFactory(venue=None, kind=Event.Kind.DOOR_KNOCKING, status=Event.Status.COMPLETED)
    visit_record(round_event=round_event, estate=estate, outcome=Visit.Outcome.SPOKE, resident=resident_on(estate))
    visit_record(round_event=round_event, estate=estate, outcome=Visit.Outcome.NO_ANSWER, resident=resident_on(estate))
    raised = resident_on(estate)
    issue_raise(category=IssueCategory.objects.first(), location="Stairwell", description="Light out", raised_by=raised)
    suggestion_submit(topic="Damp and mould", resident=resident_on(estate))
    post_reply(topic=TopicFactory(), body="The bin stores are better now.", resident=raised)  # a second way

    row = row_for(reach_report.reach_by_estate(SINCE), estate)

    assert {code: count for code, count in row.by_involvement.items() if count} == {
        "doorstep": 1,
        "issues": 1,
        "workshop_topics": 1,
        "discussions": 1,
    }
    assert row.involved == 3  # no answer at the door is not taking part; two ways is one resident


def test_only_taking_part_since_the_start_of_the_period_counts():
    estate = estate_with_homes(4)
    booked(resident_on(estate), starts_at=SINCE - timedelta(minutes=1))
    booked(resident_on(estate), starts_at=SINCE + timedelta(minutes=1))
    responded(resident_on(estate), submitted_at=SINCE - timedelta(days=1))
    PanelApplicationFactory(resident=resident_on(estate), submitted_at=SINCE - timedelta(days=1))
    PanelMembershipFactory(
        resident=resident_on(estate),
        started_on=SINCE.date() - timedelta(days=400),
        ended_on=SINCE.date() - timedelta(days=1),
    )
    PanelMembershipFactory(
        resident=resident_on(estate), started_on=SINCE.date() - timedelta(days=400), ended_on=SINCE.date()
    )
    tra = tra_for(estate)
    TRAMembershipFactory(
        tra=tra,
        resident=resident_on(estate),
        status=TRAMembership.Status.LEFT,
        decided_at=SINCE - timedelta(days=300),
        left_at=SINCE - timedelta(days=1),
    )
    TRAMembershipFactory(
        tra=tra,
        resident=resident_on(estate),
        status=TRAMembership.Status.LEFT,
        decided_at=SINCE - timedelta(days=300),
        left_at=SINCE + timedelta(days=1),
    )

    row = row_for(reach_by_estate(SINCE), estate)

    assert {code: count for code, count in row.by_involvement.items() if count} == {"events": 1, "panels": 1, "tra": 1}
    assert row.involved == 3


def test_no_shows_cancellations_draft_applications_and_withdrawn_requests_do_not_count():
    estate = estate_with_homes(4)
    booked(resident_on(estate), attendance=Booking.Attendance.NO_SHOW)
    booked(resident_on(estate), status=Booking.Status.CANCELLED)
    PanelApplicationFactory(resident=resident_on(estate), status=PanelApplication.Status.DRAFT)
    TRAMembershipFactory(
        tra=tra_for(estate), resident=resident_on(estate), status=TRAMembership.Status.LEFT, left_at=NOW
    )  # asked to join, then withdrew

    assert row_for(reach_by_estate(SINCE), estate).involved == 0


def test_an_estate_below_half_the_council_wide_share_is_under_reached_and_comes_first():
    busy = estate_with_homes(10, name="Busy")
    fair = estate_with_homes(10, name="Fair")
    quiet = estate_with_homes(10, name="Quiet")
    for _ in range(5):
        booked(resident_on(busy))
    for _ in range(2):
        booked(resident_on(fair))
    booked(resident_on(quiet))  # 8 involved in 30 homes: 26.7 per 100; half is 13.3

    report = reach_by_estate(SINCE)

    assert [row.name for row in report.estates] == ["Quiet", "Fair", "Busy"]
    assert [row.under_reached for row in report.estates] == [True, False, False]
    assert report.under_reached_below == 13.3


def test_the_ward_filter_keeps_the_council_wide_share():
    north, south = WardFactory(name="North"), WardFactory(name="South")
    busy = estate_with_homes(10, name="Busy", ward=north)
    quiet = estate_with_homes(10, name="Quiet", ward=south)
    for _ in range(5):
        booked(resident_on(busy))
    booked(resident_on(quiet))

    report = reach_by_estate(SINCE, ward_id=south.pk)

    assert [row.name for row in report.estates] == ["Quiet"]
    assert report.estates[0].under_reached
    assert [(ward.name, ward.homes, ward.involved) for ward in report.wards] == [("South", 10, 1)]
    assert report.council.involved == 6


def test_ward_totals_add_up_their_estates():
    ward = WardFactory(name="East")
    one, two = estate_with_homes(3, ward=ward), estate_with_homes(5, ward=ward)
    booked(resident_on(one))
    resident_on(two)

    (east,) = [w for w in reach_by_estate(SINCE).wards if w.name == "East"]

    assert (east.homes, east.signed_up, east.involved, east.by_involvement["events"]) == (8, 2, 1, 1)


def test_the_number_of_queries_does_not_grow_with_estates(django_assert_num_queries):
    def build(estates):
        for _ in range(estates):
            estate = estate_with_homes(2)
            booked(resident_on(estate))
            resident_on(estate)

    # Estates, homes, households (tenancies), then every resident's figures in one pass.
    reach_queries = 4
    build(2)
    involvement_refresh()
    with django_assert_num_queries(reach_queries):
        reach_report.reach_by_estate(SINCE)
    with django_assert_num_queries(2):  # signed up and involved by their answers; the tenant-base profile
        reach_report.diversity(SINCE)
    build(18)
    involvement_refresh()
    with django_assert_num_queries(reach_queries):
        assert len(reach_report.reach_by_estate(SINCE).estates) >= 20
    with django_assert_num_queries(2):  # signed up and involved by their answers; the tenant-base profile
        reach_report.diversity(SINCE)
    with django_assert_num_queries(1):
        reach_report.by_age(SINCE)


def test_households_count_every_tenancy_and_a_household_once_however_many_of_it_take_part():
    estate = estate_with_homes(3)
    first, second, third = estate.blocks.first().homes.all()
    couple = TenancyFactory(home=first, tenure_type="council_tenant")
    booked(ResidentFactory(tenancy=couple))
    booked(ResidentFactory(tenancy=couple))
    TenancyFactory(home=second, tenure_type="council_tenant")  # nobody signed up
    leaseholder = TenancyFactory(home=third, tenure_type="resident_leaseholder")
    ResidentFactory(tenancy=leaseholder)  # signed up, not involved

    report = reach_by_estate(SINCE)
    row = row_for(report, estate)
    tenures = {tenure.name: tenure for tenure in report.tenures}

    assert (row.homes, row.households, row.signed_up, row.involved, row.households_involved) == (3, 3, 3, 2, 1)
    assert row.households_involved_percent == 33.3
    council = tenures["Council tenant"]
    assert (council.households, council.signed_up, council.involved, council.households_involved) == (2, 2, 2, 1)
    leaseholders = tenures["Resident leaseholder"]
    assert (leaseholders.households, leaseholders.signed_up, leaseholders.involved) == (1, 1, 0)


def test_this_financial_year_is_set_against_the_whole_of_last_year():
    estate = estate_with_homes(10)
    today = date(2026, 12, 3)
    last_year = timezone.make_aware(datetime(2025, 6, 1, 10))
    this_year = timezone.make_aware(datetime(2026, 4, 1, 10))  # the first day of this year
    both, once_last_year, only_this_year = resident_on(estate), resident_on(estate), resident_on(estate)
    booked(both, starts_at=last_year)
    responded(both, submitted_at=this_year)
    booked(once_last_year, starts_at=timezone.make_aware(datetime(2026, 3, 31, 18)))  # its last evening
    PanelMembershipFactory(resident=only_this_year, started_on=date(2026, 5, 1))
    # A TRA member since two years ago, still a member: involved in both years.
    TRAMembershipFactory(
        tra=tra_for(estate), resident=resident_on(estate), decided_at=timezone.make_aware(datetime(2024, 5, 1))
    )

    with time_machine.travel(timezone.make_aware(datetime(2026, 12, 3, 12)), tick=False):
        involvement_refresh()
        report = reach_report.reach_by_estate(SINCE, today=today)

    assert report.this_year == date(2026, 4, 1) and report.last_year_ends == date(2026, 3, 31)
    assert (report.council.this_year, report.council.last_year) == (3, 3)
    assert report.doubling_target == 6
    assert report.council.change_on_last_year == 100.0


def test_age_bands_come_from_dates_of_birth_on_their_birthdays():
    estate = estate_with_homes(40)
    today = date(2026, 12, 3)
    born = {
        "25 today": date(2001, 12, 3),
        "25 tomorrow": date(2001, 12, 4),
        "75 today": date(1951, 12, 3),
        "75 tomorrow": date(1951, 12, 4),
    }
    # Five in every band, so that none is withheld as a small group.
    for when in [*born.values(), date(1980, 1, 1), date(1970, 1, 1), None]:
        for _ in range(5):
            booked(resident_on(estate, date_of_birth=when))

    involvement_refresh()
    rows = {row.band: row for row in reach_report.by_age(SINCE, today=today)}

    assert rows["25 to 34"].involved.count == 5  # 25 today
    assert rows["Under 25"].involved.count == 5  # 25 tomorrow
    assert rows["75 or over"].involved.count == 5
    assert rows["65 to 74"].involved.count == 5
    assert rows["Date of birth not known"].signed_up.count == 5


def test_a_birthday_on_29_february_comes_on_1_march_in_other_years():
    assert reach_report.years_before(date(2025, 2, 28), 25) == date(2000, 2, 28)
    assert reach_report.years_before(date(2028, 2, 29), 25) == date(2003, 2, 28)
    leap_born = date(2004, 2, 29)
    assert not leap_born <= reach_report.years_before(date(2029, 2, 28), 25)
    assert leap_born <= reach_report.years_before(date(2029, 3, 1), 25)


def test_small_age_groups_are_withheld_with_whatever_would_give_them_away():
    estate = estate_with_homes(20)
    today = date(2026, 12, 3)
    for _ in range(6):
        booked(resident_on(estate, date_of_birth=date(1980, 1, 1)))
    for _ in range(2):
        booked(resident_on(estate, date_of_birth=date(1990, 1, 1)))
    involvement_refresh()

    rows = {row.band: row for row in reach_report.by_age(SINCE, today=today)}

    assert rows["35 to 49"].involved.withheld and rows["25 to 34"].involved.withheld
    assert not any(row.involved.count for row in rows.values() if not row.involved.withheld)


def test_diversity_withholds_groups_of_fewer_than_five_and_any_figure_that_gives_one_away():
    estate = estate_with_homes(30)
    for _ in range(6):
        EqualityMonitoring.objects.create(resident=booked(resident_on(estate)).resident, sex="female")
    for _ in range(3):
        EqualityMonitoring.objects.create(resident=resident_on(estate), sex="male")
    for _ in range(7):
        EqualityMonitoring.objects.create(resident=resident_on(estate), sex="prefer_not_to_say")

    sex = next(c for c in diversity(SINCE).characteristics if c.name == "Sex")
    rows = {row.answer: row for row in sex.rows}

    # Signed up: 16 = 6 female + 3 male + 7 preferring not to say. Hiding the 3 alone gives it back
    # (16 - 6 - 7); with the 6 hidden too, only their sum (9) can be worked out.
    assert rows["Male"].signed_up.withheld and rows["Female"].signed_up.withheld
    assert (rows["Prefer not to say"].signed_up.count, rows["Prefer not to say"].signed_up.percent) == (7, 43.8)
    assert rows["Not answered"].signed_up.withheld
    # Involved: the 6 women only. None of the men took part says something about 3 people: withheld, and so,
    # to hide it, is everything else in the column.
    assert all(row.involved.withheld for row in sex.rows)


def test_a_single_hidden_figure_never_follows_from_the_total():
    estate = estate_with_homes(40)
    for sex, count in (("female", 12), ("male", 10), ("prefer_not_to_say", 2)):
        for _ in range(count):
            EqualityMonitoring.objects.create(resident=resident_on(estate), sex=sex)

    result = diversity(SINCE)
    sex = next(c for c in result.characteristics if c.name == "Sex")

    shown = sum(row.signed_up.count for row in sex.rows if not row.signed_up.withheld)
    hidden = [row for row in sex.rows if row.signed_up.withheld]
    assert result.signed_up == 24
    assert len(hidden) >= 2 and result.signed_up - shown >= 5


def test_residents_without_answers_count_as_not_answered():
    estate = estate_with_homes(20)
    for _ in range(8):
        resident_on(estate)
    for _ in range(6):
        EqualityMonitoring.objects.create(resident=resident_on(estate), age_band="35_49")

    age = next(c for c in diversity(SINCE).characteristics if c.name == "Age")

    assert {row.answer: row.signed_up.count for row in age.rows}["Not answered"] == 8


# The page ---------------------------------------------------------------------------------------

URL = reverse("reach_report")


def test_it_sends_visitors_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_residents_cannot_see_it(resident_client):
    assert resident_client.get(URL).status_code == 403


def test_staff_without_the_permission_cannot_see_it(client):
    from engagement.tests.factories import StaffFactory

    client.force_login(StaffFactory())
    assert client.get(URL).status_code == 403
    assert client.get(reverse("reach_export", args=["csv"])).status_code == 403


def test_community_relations_see_estates_and_diversity(client, community_relations):
    estate = estate_with_homes(10, name="Pepys")
    for _ in range(5):
        EqualityMonitoring.objects.create(resident=booked(resident_on(estate)).resident, ethnicity="black")
    client.force_login(community_relations)

    involvement_refresh()
    page = client.get(URL, {"months": "6"}).content.decode()

    assert "Pepys" in page
    assert "Diversity of involvement" in page and "Black, Black British, Caribbean or African" in page
    assert "fewer than 5" in page


def test_officers_without_the_equality_permission_see_reach_but_not_diversity(officer_client):
    estate = estate_with_homes(10, name="Pepys")
    EqualityMonitoring.objects.create(resident=booked(resident_on(estate)).resident, ethnicity="black")

    involvement_refresh()
    page = officer_client.get(URL).content.decode()

    assert "Pepys" in page
    assert "You need permission to view equality-monitoring answers" in page
    assert "Black, Black British" not in page


def test_under_reached_estates_link_to_a_bulk_send_with_the_estate_chosen(client, community_relations):
    quiet = estate_with_homes(10, name="Quiet")
    booked(resident_on(estate_with_homes(10, name="Busy")))
    client.force_login(community_relations)

    involvement_refresh()
    page = client.get(URL).content.decode()
    link = f"{reverse('admin:messaging_bulksend_add')}?estates={quiet.pk}"
    bulk_send = client.get(link)

    assert "Under-reached" in page
    assert link in page
    assert "Involved residents per 100 homes, by estate" in page and "<svg" in page
    assert "under-reached: fewer than" in page
    assert bulk_send.context["form"]["estates"].value() == [quiet.pk]


def test_the_page_takes_a_constant_number_of_queries(client, community_relations, django_assert_max_num_queries):
    for _ in range(20):
        booked(resident_on(estate_with_homes(2)))
    client.force_login(community_relations)

    involvement_refresh()
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200


def test_the_csv_has_a_row_per_estate(client, community_relations):
    estate = estate_with_homes(4, name="Pepys")
    booked(resident_on(estate))
    PanelApplicationFactory(resident=resident_on(estate))
    client.force_login(community_relations)

    involvement_refresh()
    response = client.get(reverse("reach_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert rows[0][:7] == [
        "Estate",
        "Ward",
        "Homes",
        "Residents signed up",
        "Signed up per 100 homes",
        "Involved residents",
        "Involved per 100 homes",
    ]
    ways = [involvement.label for involvement in involvements()]
    assert rows[0][12:] == [*ways, "Under-reached"]
    assert ways[:4] == ["Events", "Doorstep conversations", "Issues raised", "Workshop topics suggested"]
    by_way = dict(zip(ways, rows[1][12:], strict=False))
    assert rows[0][7:12] == [
        "Households (tenancies)",
        "Households involved",
        "Households involved (%)",
        "Involved this financial year",
        "Involved last financial year",
    ]
    assert rows[1][:10] == ["Pepys", estate.ward.name, "4", "2", "50.0", "2", "50.0", "2", "2", "100.0"]
    assert (by_way["Events"], by_way["Panels and forums"], by_way["Surveys"], rows[1][-1]) == ("1", "1", "0", "No")


def test_the_excel_download_has_estates_and_wards(client, community_relations):
    client.force_login(community_relations)

    response = client.get(reverse("reach_export", args=["xlsx"]))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_the_page_can_order_estates_by_name_and_show_a_longer_period(client, community_relations):
    estate_with_homes(10, name="Alder")
    booked(resident_on(estate_with_homes(10, name="Birch")), starts_at=NOW - timedelta(days=300))
    client.force_login(community_relations)

    involvement_refresh()
    page = client.get(URL, {"months": "3", "sort": "estate"}).content.decode()
    assert 'value="estate" selected' in page
    page = page[page.index("Reach by estate</caption>") :]
    assert page.index("Alder") < page.index("Birch")

    longer = client.get(URL, {"months": "12", "sort": "share"}).content.decode()
    longer = longer[longer.index("Reach by estate</caption>") :]  # the table, not the chart's description
    assert longer.index("Alder") < longer.index("Birch")  # Birch's resident took part 10 months ago
    assert "Under-reached" in longer


def test_staff_find_the_report_from_the_admin_home_page(client, officer):
    client.force_login(officer)

    page = client.get(reverse("admin:index")).content.decode()

    assert URL in page
    assert reverse("events:attendance_report") not in page  # community relations only


def test_staff_find_the_report_beside_the_attendance_report(client, community_relations):
    client.force_login(community_relations)

    page = client.get(reverse("admin:events_event_changelist")).content.decode()

    assert URL in page and reverse("events:attendance_report") in page


def test_taking_part_through_the_services_counts_at_once_and_undoing_it_too(client, community_relations):
    from events.services.bookings import booking_cancel, booking_create

    estate = estate_with_homes(4, name="Pepys")
    resident = resident_on(estate)
    event = EventFactory(venue=None, starts_at=NOW + timedelta(days=7), status=Event.Status.PUBLISHED)
    client.force_login(community_relations)

    booking = booking_create(event=event, resident=resident)
    booked_page = client.get(URL).content.decode()
    booking_cancel(booking=booking)
    cancelled_page = client.get(URL).content.decode()

    assert "Across the council: 1 residents involved" in booked_page
    assert "Across the council: 0 residents involved" in cancelled_page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the figures' version is kept by PostgreSQL triggers")
@pytest.mark.django_db(transaction=True)
def test_figures_are_kept_until_anything_they_come_from_changes(client, community_relations, django_assert_num_queries):
    """Outside a test's transaction, as requests run: the database bumps the figures' version as each
    change commits, however it is made (a service, a bulk update), and the page works them out again."""
    from events.services.bookings import booking_create

    estate = estate_with_homes(4, name="Pepys")
    resident = resident_on(estate)
    event = EventFactory(venue=None, starts_at=NOW + timedelta(days=7), status=Event.Status.PUBLISHED)
    client.force_login(community_relations)
    first = client.get(URL).content.decode()

    # The session, the user, their two kinds of permission, the figures' version once, the ward choices.
    with django_assert_num_queries(6):
        kept = client.get(URL).content.decode()
    booking_create(event=event, resident=resident)
    estate_with_homes(2, name="Tabard")  # a new estate: the kept chart and table by estate are written again
    booked = client.get(URL).content.decode()
    Resident.objects.filter(pk=resident.pk).update(tenancy_verified_at=None)
    unverified = client.get(URL).content.decode()

    assert "Across the council: 0 residents involved" in first
    assert "Across the council: 0 residents involved" in kept
    assert "Across the council: 1 residents involved" in booked
    assert "Tabard" not in kept and "Tabard" in booked
    assert "Across the council: 0 residents involved" in unverified
