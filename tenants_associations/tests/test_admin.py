"""TRAs in admin: who can manage them, and list pages that cost the same however long they are."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from engagement import roles
from engagement.messaging.models import Message
from tenants_associations.models import Enquiry, Membership, Notice, SupportGiven, TenantFundGrant, TRASettings
from tenants_associations.tests.factories import (
    CommitteeRoleFactory,
    MembershipFactory,
    StartingInterestFactory,
    TenantsAssociationFactory,
    TRADocumentFactory,
    TRAMeetingFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    "tenantsassociation",
    "committeerole",
    "membership",
    "trameeting",
    "tradocument",
    "startinginterest",
    "supportgiven",
    "tenantfundgrant",
    "enquiry",
    "notice",
]


@pytest.mark.parametrize("role", [roles.ENGAGEMENT_OFFICER, roles.COMMUNITY_RELATIONS])
def test_engagement_officers_and_community_relations_manage_tras(role):
    permissions = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))

    for model in ("tenantsassociation", "committeerole", "membership", "trameeting", "supportgiven", "tenantfundgrant"):
        assert {f"add_{model}", f"change_{model}", f"view_{model}"} <= permissions
    assert "change_enquiry" not in permissions and "view_enquiry" in permissions
    assert "change_trasettings" in permissions


@pytest.mark.parametrize("model", MODELS)
def test_officers_can_open_every_list(client, officer, model):
    client.force_login(officer)

    assert client.get(reverse(f"admin:tenants_associations_{model}_changelist")).status_code == 200


def _rows(count):
    """`count` rows in every list."""
    for _ in range(count):
        tra = TenantsAssociationFactory()
        secretary = CommitteeRoleFactory(tra=tra).resident
        membership = MembershipFactory(tra=tra)
        TRAMeetingFactory(tra=tra)
        TRADocumentFactory(tra=tra)
        first_meeting = TRAMeetingFactory(tra=None, kind="first")
        StartingInterestFactory(estate=first_meeting.event.estate, invited_to=first_meeting)
        SupportGiven.objects.create(tra=tra, kind="training", given_on=date(2025, 5, 1), summary="Treasurer training")
        TenantFundGrant.objects.create(
            tra=tra, amount=Decimal("250.00"), purpose="Fun day", applied_on=date(2025, 5, 1)
        )
        Enquiry.objects.create(tra=tra, name="Pat", email="pat@example.com", message="Hello")
        Notice.objects.create(tra=tra, subject="AGM", body="Come", sent_by=secretary, to_membership=membership)


def test_list_pages_take_the_same_number_of_queries_for_5_or_50_rows(client, officer, django_assert_max_num_queries):
    client.force_login(officer)
    urls = [reverse(f"admin:tenants_associations_{model}_changelist") for model in MODELS]
    urls.append(reverse("admin:tenants_associations_startinginterest_by_estate"))
    _rows(5)
    counts = []
    for url in urls:
        with django_assert_max_num_queries(30) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    _rows(45)

    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200, url


def test_officers_accept_requests_from_admin_and_the_residents_are_told(client, officer):
    requests = MembershipFactory.create_batch(2, status=Membership.Status.REQUESTED)
    client.force_login(officer)

    client.post(
        reverse("admin:tenants_associations_membership_changelist"),
        {"action": "accept", "_selected_action": [membership.pk for membership in requests]},
    )

    assert set(Membership.objects.values_list("status", flat=True)) == {Membership.Status.MEMBER}
    told = Message.objects.filter(template="tenants_associations.membership_accepted").values_list(
        "resident", flat=True
    )
    assert set(told) == {membership.resident_id for membership in requests}


def test_putting_someone_on_the_committee_in_admin_makes_them_a_member(client, officer, tra, resident):
    client.force_login(officer)
    url = reverse("admin:tenants_associations_committeerole_add")

    client.post(url, {"tra": tra.pk, "resident": resident.pk, "role": "chair", "term_starts_on": "2025-05-01"})

    assert Membership.objects.get(tra=tra, resident=resident).status == Membership.Status.MEMBER


def test_the_settings_list_opens_the_one_row_of_settings(client, officer):
    client.force_login(officer)

    response = client.get(reverse("admin:tenants_associations_trasettings_changelist"))

    assert response.url == reverse("admin:tenants_associations_trasettings_change", args=[TRASettings.current().pk])
