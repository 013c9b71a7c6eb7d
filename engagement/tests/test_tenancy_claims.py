"""A tenancy already proved by one account cannot simply be taken by another: an officer decides,
and the resident who holds it is told."""

import pytest
from django.core import mail
from django.urls import reverse

from engagement.messaging.models import Message
from engagement.models import Channel, ConsentSource, Purpose, TenancyClaim
from engagement.services.consent import consent_record
from engagement.tests.factories import HomeFactory, ResidentFactory, TenancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenancy():
    return TenancyFactory(reference="TEN-004512", home=HomeFactory(postcode="SE6 4RU"))


@pytest.fixture
def holder(tenancy):
    holder = ResidentFactory(first_name="Hana", tenancy=tenancy, email="hana@example.com")
    consent_record(holder, channel=Channel.EMAIL, purpose=Purpose.SERVICE, given=True, source=ConsentSource.SIGN_UP)
    return holder


@pytest.fixture
def claimant():
    claimant = ResidentFactory(first_name="Carl", tenancy=None, tenancy_verified_at=None, email="carl@example.com")
    consent_record(claimant, channel=Channel.EMAIL, purpose=Purpose.SERVICE, given=True, source=ConsentSource.SIGN_UP)
    return claimant


def _claim(client, claimant):
    client.force_login(claimant.user)
    return client.post(reverse("verify_tenancy"), {"reference": "TEN-004512", "postcode": "SE6 4RU"})


def test_a_second_account_with_the_right_details_is_not_linked_and_waits_for_an_officer(client, holder, claimant):
    page = _claim(client, claimant).content.decode()

    claimant.refresh_from_db()
    assert claimant.tenancy is None and not claimant.has_verified_tenancy
    assert "already linked to another account" in page
    assert "An officer will check" in page
    assert TenancyClaim.objects.get().resident == claimant


def test_the_resident_who_holds_the_tenancy_is_told(client, holder, claimant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _claim(client, claimant)

    sent = Message.objects.get(template="engagement.tenancy_claimed")
    assert sent.resident == holder
    assert [email.to for email in mail.outbox if "tenancy" in email.subject.lower()] == [["hana@example.com"]]
    body = next(email.body for email in mail.outbox if email.to == ["hana@example.com"])
    assert "asked to link another account to your tenancy" in body
    # The holder is not told who asked (it may be someone in their home); the officer knows.
    assert "Carl" not in body


def test_asking_again_makes_no_second_claim_and_tells_the_holder_once(client, holder, claimant):
    _claim(client, claimant)

    again = client.get(reverse("verify_tenancy")).content.decode()
    _claim(client, claimant)

    assert "An officer will check" in again
    assert TenancyClaim.objects.count() == 1
    assert Message.objects.filter(template="engagement.tenancy_claimed").count() == 1


def test_a_tenancy_nobody_has_proved_is_linked_straight_away(client, tenancy, claimant):
    ResidentFactory(tenancy=tenancy, tenancy_verified_at=None)  # linked by an import, not proved

    response = _claim(client, claimant)

    claimant.refresh_from_db()
    assert response.status_code == 302 and claimant.has_verified_tenancy
    assert not TenancyClaim.objects.exists()


def _decide(client, action, claim):
    changelist = reverse("admin:engagement_tenancyclaim_changelist")
    return client.post(changelist, {"action": action, "_selected_action": [claim.pk]}, follow=True)


def test_an_officer_links_the_claim_in_admin_and_the_claimant_is_told(client, officer, holder, claimant):
    _claim(client, claimant)
    claim = TenancyClaim.objects.get()
    client.force_login(officer)

    listed = client.get(reverse("admin:engagement_tenancyclaim_changelist")).content.decode()
    page = _decide(client, "link_tenancies", claim).content.decode()

    assert "Carl" in listed and "TEN-004512" in listed
    assert "1 claim linked" in page
    claimant.refresh_from_db()
    holder.refresh_from_db()
    assert claimant.tenancy == holder.tenancy and claimant.tenancy_verified_by == officer
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (TenancyClaim.Status.LINKED, officer)
    told = Message.objects.get(template="engagement.tenancy_claim_decided")
    assert told.resident == claimant and told.personalisation["linked"] is True


def test_an_officer_refuses_the_claim_and_nothing_else_changes(client, officer, holder, claimant):
    _claim(client, claimant)
    claim = TenancyClaim.objects.get()
    client.force_login(officer)

    page = _decide(client, "refuse_claims", claim).content.decode()

    assert "1 claim refused" in page
    claimant.refresh_from_db()
    holder.refresh_from_db()
    assert claimant.tenancy is None and holder.has_verified_tenancy
    assert TenancyClaim.objects.get().status == TenancyClaim.Status.REFUSED
    assert Message.objects.get(template="engagement.tenancy_claim_decided").personalisation["linked"] is False


def test_a_decided_claim_is_not_decided_twice(client, officer, holder, claimant):
    _claim(client, claimant)
    claim = TenancyClaim.objects.get()
    client.force_login(officer)
    _decide(client, "refuse_claims", claim)

    page = _decide(client, "link_tenancies", claim).content.decode()

    claimant.refresh_from_db()
    assert claimant.tenancy is None
    assert "0 claims linked" in page
