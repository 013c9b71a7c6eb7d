"""Door knocking: fewest email addresses first; older and vulnerable residents first in winter; outcomes."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from engagement.models import Consent, ConsentSource, Estate, Interest, Resident
from engagement.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
    ResidentFactory,
    TenancyFactory,
)
from events.models import Event, Visit
from events.services.door_knocking import (
    estate_email_ranking,
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

    assert [reach.estate.name for reach in ranking] == ["Poorly", "Half", "Well"]
    assert [reach.email_percent for reach in ranking] == [0, 50, 100]


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
