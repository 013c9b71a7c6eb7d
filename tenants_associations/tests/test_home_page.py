"""The home page tells a signed-in resident about their TRA."""

import pytest

from tenants_associations.models import Membership
from tenants_associations.tests.factories import MembershipFactory, StartingInterestFactory

pytestmark = pytest.mark.django_db


def test_a_member_sees_their_tra(resident_client, resident, tra):
    MembershipFactory(tra=tra, resident=resident)

    page = resident_client.get("/").content.decode()

    assert "Your TRA" in page
    assert "you are a member" in page
    assert f'href="/tenants-associations/{tra.slug}/"' in page


def test_a_resident_who_asked_to_join_sees_that_they_are_waiting(resident_client, resident, tra):
    MembershipFactory(tra=tra, resident=resident, status=Membership.Status.REQUESTED)

    assert "you asked to join on" in resident_client.get("/").content.decode()


def test_a_resident_covered_by_a_tra_is_invited_to_join_it(resident_client, tra):
    page = resident_client.get("/").content.decode()

    assert "Your home is covered by" in page and tra.name in page


def test_a_resident_with_no_tra_is_invited_to_start_one(resident_client, resident):
    page = resident_client.get("/").content.decode()

    assert f"There is no TRA for {resident.home.block.estate.name} yet" in page
    assert "Register interest in starting one" in page


def test_a_resident_who_registered_interest_is_reminded(resident_client, resident):
    StartingInterestFactory(resident=resident, estate=resident.home.block.estate)

    assert "You registered interest in starting one" in resident_client.get("/").content.decode()


def test_residents_who_have_not_confirmed_their_tenancy_and_visitors_see_nothing_about_a_tra(client, resident, tra):
    assert "Your TRA" not in client.get("/").content.decode()
    resident.tenancy_verified_at = None
    resident.save()
    client.force_login(resident.user)

    assert "Your TRA" not in client.get("/").content.decode()


def test_a_committee_member_is_pointed_to_their_committee_pages(client, tra, secretary):
    client.force_login(secretary.user)

    page = client.get("/").content.decode()

    assert f'href="/tenants-associations/{tra.slug}/committee/"' in page
