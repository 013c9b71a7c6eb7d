import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from engagement import roles
from engagement.models import EqualityMonitoring, OfficerNote
from engagement.tests.downloads import download_my_data

pytestmark = pytest.mark.django_db

RESIDENT_PAGES = [
    "my_account",
    "contact_details",
    "contact_preferences",
    "interests",
    "access_needs",
    "equality_monitoring",
    "download_my_data",
]


@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_resident_pages_ask_visitors_to_sign_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_a_resident_sees_only_their_own_record(client, resident, other_resident, name):
    client.force_login(resident.user)

    page = client.get(reverse(name)).content.decode()

    assert other_resident.first_name not in page
    assert other_resident.tenancy.reference not in page


def test_the_data_download_holds_only_the_residents_own_data(client, resident, other_resident):
    client.force_login(resident.user)

    body = download_my_data(client).text

    assert resident.tenancy.reference in body
    assert other_resident.tenancy.reference not in body
    assert other_resident.email not in body


@pytest.mark.parametrize("path", ["/admin/", "/admin/engagement/resident/", "/admin/engagement/equalitymonitoring/"])
def test_a_resident_cannot_reach_admin(client, resident, path):
    client.force_login(resident.user)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_staff_accounts_are_told_resident_pages_are_for_residents(client, officer):
    client.force_login(officer)

    response = client.get(reverse("my_account"))

    assert response.status_code == 403
    assert "This page is for residents" in response.content.decode()


def test_the_roles_are_groups_created_by_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_NAMES)


def test_permissions_belong_to_groups_not_people(officer, community_relations, administrator):
    for user in (officer, community_relations, administrator):
        assert not user.user_permissions.exists()
        assert user.groups.count() == 1


def test_equality_answers_are_visible_only_to_roles_that_report_on_them(client, officer, community_relations, resident):
    EqualityMonitoring.objects.create(resident=resident, ethnicity="asian")
    url = reverse("admin:engagement_resident_change", args=[resident.pk])

    client.force_login(officer)
    officer_page = client.get(url).content.decode()
    client.force_login(community_relations)
    community_page = client.get(url).content.decode()

    assert "Asian or Asian British" not in officer_page
    assert "Asian or Asian British" in community_page


def test_officer_notes_are_never_shown_to_the_resident(client, resident, officer):
    OfficerNote.objects.create(resident=resident, text="Prioritise a visit: recently bereaved", author=officer)
    resident.is_vulnerable = True
    resident.save()
    client.force_login(resident.user)

    pages = [client.get(reverse(name)).content.decode() for name in RESIDENT_PAGES]
    pages.append(download_my_data(client).text)

    for page in pages:
        assert "Prioritise a visit" not in page
        assert "vulnerable" not in page.lower()


def test_an_engagement_officer_cannot_manage_staff_accounts(client, officer):
    client.force_login(officer)

    assert client.get("/admin/engagement/user/").status_code == 403
