"""The page benchmark (scripts/bench_pages.py): its baseline page, its data set and its list of pages."""

import importlib.util
import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.django_db

SMALL = {"residents": 200, "events": 20, "bookings": 2000, "tras": 2, "members": 100}


def _bench_pages():
    path = Path(django_settings.BASE_DIR) / "scripts" / "bench_pages.py"
    spec = importlib.util.spec_from_file_location("bench_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bare_layout_page_is_there_only_when_switched_on(client, settings, django_assert_num_queries):
    settings.BARE_LAYOUT_PAGE = False
    assert client.get("/bare-layout/").status_code == 404

    settings.BARE_LAYOUT_PAGE = True
    with django_assert_num_queries(0):
        response = client.get("/bare-layout/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Bare layout – Resident Voice" in page
    assert 'class="govuk-service-navigation' in page and 'class="govuk-footer"' in page


@pytest.fixture
def bench_data():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark builds its data with PostgreSQL's generate_series")
    bench = _bench_pages()
    call_command("load_demo", stdout=io.StringIO())
    before = _sizes()
    bench.build(bench.DataSet(**SMALL))
    return bench, {name: _sizes()[name] - before[name] for name in before}


def _sizes() -> dict[str, int]:
    from engagement.models import Home, Resident, Tenancy
    from events.models import Booking, Event
    from tenants_associations.models import Membership, TenantsAssociation

    return {
        "residents": Resident.objects.count(),
        "homes": Home.objects.count(),
        "tenancies": Tenancy.objects.count(),
        "events": Event.objects.count(),
        "to come": Event.objects.filter(ends_at__gte=timezone.now()).count(),
        "bookings": Booking.objects.count(),
        "tras": TenantsAssociation.objects.count(),
        "members": Membership.objects.members().count(),
    }


def test_the_data_set_is_the_size_asked_for_and_hangs_together(bench_data):
    from engagement.models import Resident
    from tenants_associations.models import Membership

    bench, added = bench_data

    assert added["residents"] == added["homes"] == added["tenancies"] == SMALL["residents"]
    assert added["events"] == SMALL["events"]
    assert abs(added["to come"] - SMALL["events"] / 2) <= 1
    # A booking whose code the demo's random codes already hold is left out: at most a few in a billion codes.
    assert SMALL["bookings"] - 3 <= added["bookings"] <= SMALL["bookings"]
    assert added["tras"] == SMALL["tras"]
    assert added["members"] == SMALL["members"]

    made = Resident.objects.filter(email__startswith="bench.resident.")
    assert {resident.bookings.count() for resident in made} == {SMALL["bookings"] // SMALL["residents"]}
    for membership in Membership.objects.filter(resident__in=made).select_related("resident__tenancy__home__block"):
        assert membership.tra.estates.filter(pk=membership.resident.tenancy.home.block.estate_id).exists()


def test_every_page_benchmarked_answers_its_visitor(bench_data, client, settings):
    settings.BARE_LAYOUT_PAGE = True
    bench, _ = bench_data
    users = bench.bench_users()
    assert users[bench.RESIDENT].resident.tra_memberships.exists()

    for page in (bench.BARE, *bench.PAGES):
        client.logout()
        if users[page.who] is not None:
            client.force_login(users[page.who])
        response = client.get(page.path())
        assert response.status_code == 200, f"{page.label} ({page.path()}) answered {response.status_code}"
