"""Door knocking: fewest email addresses first; older and vulnerable residents first in winter; outcomes."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from engagement.models import Consent, ConsentSource, Estate, Interest, Resident
from engagement.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
    ResidentFactory,
    StaffFactory,
    TenancyFactory,
)
from events.models import Event, Issue, IssueCategory, Visit
from events.services.door_knocking import (
    DoorstepIssue,
    estate_email_ranking,
    revisit_list,
    round_plan,
    visit_record,
    visit_sheet,
)
from events.tests import bulk

pytestmark = pytest.mark.django_db


def homes_on(estate, count):
    block = BlockFactory(estate=estate)
    return [TenancyFactory(home=HomeFactory(block=block)) for _ in range(count)]


def round_in(month: int) -> Event:
    starts = timezone.make_aware(datetime(2026, month, 10, 10))
    return Event.objects.create(
        title="Door knocking",
        kind=Event.Kind.DOOR_KNOCKING,
        starts_at=starts,
        ends_at=starts.replace(hour=16),
        status=Event.Status.PUBLISHED,
    )


def test_estates_with_the_lowest_share_of_email_addresses_come_first():
    well_reached, poorly_reached, half = (
        EstateFactory(name="Well"),
        EstateFactory(name="Poorly"),
        EstateFactory(name="Half"),
    )
    for tenancy in homes_on(well_reached, 4):
        ResidentFactory(tenancy=tenancy)
    ResidentFactory(tenancy=homes_on(poorly_reached, 4)[0], email="", user=None)
    for tenancy in homes_on(half, 4)[:2]:
        ResidentFactory(tenancy=tenancy)

    ranking = estate_email_ranking()

    assert [cover.estate.name for cover in ranking] == ["Poorly", "Half", "Well"]
    assert [cover.email_percent for cover in ranking] == [0, 50, 100]


@pytest.fixture
def estate_with_older_resident():
    estate = EstateFactory()
    tenancies = homes_on(estate, 3)
    ResidentFactory(tenancy=tenancies[0], first_name="Young", date_of_birth=date(1990, 1, 1))
    ResidentFactory(tenancy=tenancies[2], first_name="Elder", date_of_birth=date(1940, 1, 1))
    ResidentFactory(tenancy=tenancies[1], first_name="Flagged", is_vulnerable=True, date_of_birth=date(1985, 1, 1))
    return estate


def test_in_winter_older_and_vulnerable_residents_homes_are_listed_first(estate_with_older_resident):
    rows = visit_sheet(round_event=round_in(12), estate=estate_with_older_resident)
    first_two = {r.residents[0].first_name for r in rows[:2]}
    assert first_two == {"Elder", "Flagged"}
    assert any("aged 86" in reason for row in rows for reason in row.reasons)


def test_in_summer_homes_are_in_address_order(estate_with_older_resident):
    rows = visit_sheet(round_event=round_in(6), estate=estate_with_older_resident)
    assert [r.residents[0].first_name for r in rows] == ["Young", "Flagged", "Elder"]


def test_someone_new_who_signs_up_gets_a_record_their_interests_and_in_person_consent(officer):
    estate = EstateFactory()
    tenancy = homes_on(estate, 1)[0]
    round_event = round_in(11)
    round_plan(round_event=round_event, estates=[estate])
    panels = Interest.objects.get(code="panels")

    visit = visit_record(
        round_event=round_event,
        estate=estate,
        home=tenancy.home,
        outcome=Visit.Outcome.SIGNED_UP,
        new_person={"first_name": "Grace", "last_name": "Okafor", "email": "", "mobile": "+447700900111"},
        interests=[panels],
        consent_channels=["text"],
        by=officer,
    )

    grace = Resident.objects.get(first_name="Grace")
    assert grace.user is None and grace.tenancy == tenancy
    assert list(grace.interests.all()) == [panels]
    consent = Consent.objects.get(resident=grace)
    assert (consent.channel, consent.given, consent.source) == ("text", True, ConsentSource.IN_PERSON)
    assert visit.resident == grace and visit.outcome == Visit.Outcome.SIGNED_UP


def test_the_round_plan_and_visit_sheet_pages_work_for_officers(officer_client):
    estate = EstateFactory()
    homes_on(estate, 2)
    round_event = round_in(1)

    page = officer_client.get(f"/admin/events/event/{round_event.pk}/door-knocking/plan/").content.decode()
    assert estate.name in page
    officer_client.post(f"/admin/events/event/{round_event.pk}/door-knocking/plan/", {"estates": [estate.pk]})
    assert list(round_event.round_estates.values_list("estate", flat=True)) == [estate.pk]
    sheet = officer_client.get(f"/admin/events/event/{round_event.pk}/door-knocking/{estate.pk}/sheet/")
    assert sheet.status_code == 200


def test_the_estate_ranking_uses_the_same_number_of_queries_with_50_estates_as_with_500(
    officer_client, django_assert_max_num_queries
):
    round_event = round_in(1)

    def add(count):
        places = bulk.estates(count)
        bulk.residents(places)  # someone with an email address on each estate,
        bulk.tenancies(places)  # and a home where we know nobody

    def visit():
        page = officer_client.get(f"/admin/events/event/{round_event.pk}/door-knocking/plan/").content.decode()
        assert page.count('name="estates"') == Estate.objects.count()

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=30)


def test_the_visit_sheet_uses_the_same_number_of_queries_with_50_homes_as_with_500(
    officer_client, officer, django_assert_max_num_queries
):
    estate = EstateFactory()
    round_event = round_in(1)
    url = f"/admin/events/event/{round_event.pk}/door-knocking/{estate.pk}/sheet/"

    def add(count):
        bulk.residents([estate] * (count // 2), date_of_birth=date(1940, 1, 1))
        bulk.residents([estate] * (count // 2 - count // 10), is_vulnerable=True)
        bulk.visits(count // 10, round_event=round_event, estate=estate, recorded_by=officer)

    def visit():
        page = officer_client.get(url).content.decode()
        assert page.count("?home=") == Resident.objects.count()

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=30)


@pytest.fixture
def doorstep(reference_data):
    """A round in November on an estate of three homes, one with a resident we know."""
    estate = EstateFactory(name="Whitefoot Lane")
    tenancies = homes_on(estate, 3)
    resident = ResidentFactory(tenancy=tenancies[0], first_name="Ada", last_name="Lovelace", date_of_birth=None)
    round_event = round_in(11)
    round_plan(round_event=round_event, estates=[estate])
    return round_event, estate, [tenancy.home for tenancy in tenancies], resident


def test_a_doorstep_issue_becomes_a_tracked_issue_with_an_owner_and_a_target_date(officer_client, officer, doorstep):
    round_event, estate, homes, ada = doorstep
    damp = IssueCategory.objects.get(code="repairs")
    damp.designated_contact = StaffFactory(email="repairs.lead@example.gov.uk")
    damp.save()
    url = f"/admin/events/event/{round_event.pk}/door-knocking/{estate.pk}/visit/"

    missing = officer_client.post(url, {"home": homes[0].pk, "resident": ada.pk, "outcome": "issue_raised"})
    done = officer_client.post(
        url,
        {
            "home": homes[0].pk,
            "resident": ada.pk,
            "outcome": "issue_raised",
            "issue_category": damp.pk,
            "issue_description": "Black mould in the back bedroom",
        },
        follow=True,
    )

    assert "Choose what the issue is about." in missing.content.decode()
    assert "Say what the issue is." in missing.content.decode()
    issue = Issue.objects.get()
    visit = Visit.objects.get()
    assert visit.issue == issue and visit.outcome == Visit.Outcome.ISSUE_RAISED
    assert issue.owner == damp.designated_contact
    assert issue.target_date == timezone.localdate() + timedelta(days=damp.timescale_days)
    assert (issue.raised_by, issue.event, issue.estate) == (ada, round_event, estate)
    assert issue.location == f"{homes[0].address_line_1}, {homes[0].postcode}"
    assert issue.description == "Black mould in the back bedroom"
    assert f"issue {issue.reference} logged" in done.content.decode()


def test_an_issue_whose_category_has_no_contact_is_owned_by_the_officer_who_recorded_it(officer, doorstep):
    round_event, estate, homes, ada = doorstep
    category = IssueCategory.objects.get(code="environment")
    category.designated_contact = None
    category.save()

    visit = visit_record(
        round_event=round_event,
        estate=estate,
        home=homes[1],
        outcome=Visit.Outcome.ISSUE_RAISED,
        issue=DoorstepIssue(category=category, description="Fly-tipping", location="By the bin store"),
        by=officer,
    )

    assert visit.issue.owner == officer and visit.issue.location == "By the bin store"
    assert visit.issue.raised_by is None


def test_the_visit_sheet_shows_each_visits_outcome(officer_client, officer, doorstep):
    round_event, estate, homes, ada = doorstep
    visit_record(round_event=round_event, estate=estate, home=homes[1], outcome=Visit.Outcome.NO_ANSWER, by=officer)
    raised = visit_record(
        round_event=round_event,
        estate=estate,
        home=homes[0],
        resident=ada,
        outcome=Visit.Outcome.ISSUE_RAISED,
        issue=DoorstepIssue(category=IssueCategory.objects.first(), description="Damp"),
        by=officer,
    )

    rows = visit_sheet(round_event=round_event, estate=estate)
    page = officer_client.get(f"/admin/events/event/{round_event.pk}/door-knocking/{estate.pk}/sheet/")

    outcomes = {row.home: [visit.outcome for visit in row.visits] for row in rows}
    assert outcomes == {homes[0]: ["issue_raised"], homes[1]: ["no_answer"], homes[2]: []}
    today = timezone.localdate()
    sheet = page.content.decode()
    assert f"Issue raised, {today.day} {today:%b} ({raised.issue.reference})" in sheet
    assert f"No answer, {today.day} {today:%b}" in sheet


def test_a_date_of_birth_given_at_the_door_goes_on_the_record_and_puts_them_first_in_winter(
    officer_client, officer, doorstep
):
    round_event, estate, homes, _ = doorstep
    bea = ResidentFactory(tenancy=homes[2].tenancies.get(), first_name="Bea", date_of_birth=None)
    url = f"/admin/events/event/{round_event.pk}/door-knocking/{estate.pk}/visit/"
    assert visit_sheet(round_event=round_event, estate=estate)[-1].home == homes[2]

    nobody = officer_client.post(url, {"home": homes[1].pk, "outcome": "spoke", "date_of_birth": "1940-05-01"})
    officer_client.post(
        url, {"home": homes[2].pk, "resident": bea.pk, "outcome": "spoke", "date_of_birth": "1940-05-01"}
    )

    assert "Choose the resident who gave it" in nobody.content.decode()
    bea.refresh_from_db()
    assert bea.date_of_birth == date(1940, 5, 1)
    history = LogEntry.objects.get(object_id=str(bea.pk), user=officer)
    assert "not known → 1940-05-01" in history.get_change_message()
    first = visit_sheet(round_event=round_event, estate=estate)[0]
    assert first.home == homes[2] and first.priority and first.reasons == ["Bea Example: aged 86"]


def test_homes_where_nobody_answered_start_the_next_round(officer_client, officer, doorstep):
    november, estate, homes, ada = doorstep
    elsewhere = EstateFactory(name="Elsewhere")
    homes_on(elsewhere, 1)
    for home, outcomes in ((homes[2], ["no_answer", "no_answer"]), (homes[1], ["no_answer", "spoke"])):
        for outcome in outcomes:
            visit_record(round_event=november, estate=estate, home=home, outcome=outcome, by=officer)
    visit_record(round_event=november, estate=estate, home=homes[0], outcome="spoke", by=officer)
    december = round_in(12)

    assert list(revisit_list(round_event=november)) == [homes[2].pk]
    plan = officer_client.get(f"/admin/events/event/{december.pk}/door-knocking/plan/").content.decode()
    assert f'value="{estate.pk}" id="estate-{estate.pk}" checked' in plan
    assert f'value="{elsewhere.pk}" id="estate-{elsewhere.pk}">' in plan
    assert "found nobody in at 1 home" in plan
    rows = visit_sheet(round_event=december, estate=estate)
    assert rows[0].home == homes[2] and rows[0].revisit.startswith("No answer on")
    assert not rows[1].revisit and not rows[2].revisit
    printed = officer_client.get(f"/admin/events/event/{november.pk}/door-knocking/revisit/").content.decode()
    assert homes[2].address_line_1 in printed
    assert homes[1].address_line_1 not in printed and homes[0].address_line_1 not in printed
