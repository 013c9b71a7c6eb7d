import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from engagement.tests.factories import ResidentFactory, TenancyFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "engagement_ward",
    "engagement_estate",
    "engagement_block",
    "engagement_home",
    "engagement_tenancy",
    "engagement_tenancyimport",
    "engagement_resident",
    "engagement_contactenquiry",
    "engagement_interestregistration",
    "engagement_user",
]


@pytest.mark.parametrize("name", LISTS)
def test_administrators_can_open_every_list(client, administrator, name):
    client.force_login(administrator)

    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200


@pytest.mark.parametrize("name", ["engagement_resident", "engagement_tenancy", "engagement_home", "engagement_block"])
def test_list_pages_take_the_same_number_of_queries_for_5_or_50_rows(
    client, officer, name, django_assert_max_num_queries
):
    client.force_login(officer)
    url = reverse(f"admin:{name}_changelist")
    ResidentFactory.create_batch(5)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    ResidentFactory.create_batch(45)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_residents_can_be_found_by_estate_ward_and_tenure(client, officer):
    leaseholder = ResidentFactory(tenancy=TenancyFactory(tenure_type="resident_leaseholder"))
    tenant = ResidentFactory()
    client.force_login(officer)
    url = reverse("admin:engagement_resident_changelist")

    by_tenure = client.get(url, {"tenure": "resident_leaseholder"}).content.decode()
    estate = leaseholder.tenancy.home.block.estate
    by_estate = client.get(url, {"estate": estate.pk}).content.decode()
    by_ward = client.get(url, {"ward": estate.ward_id}).content.decode()

    for page in (by_tenure, by_estate, by_ward):
        assert leaseholder.first_name in page
        assert tenant.first_name not in page


def test_every_change_an_officer_makes_to_a_resident_is_recorded(client, officer, resident):
    client.force_login(officer)
    url = reverse("admin:engagement_resident_change", args=[resident.pk])
    form = client.get(url).context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in ("access_needs", "interests", "tenancy")
    }
    data["tenancy"] = resident.tenancy_id
    data["mobile"] = "07700 900 555"
    for prefix in ("consents", "consent_changes", "officer_notes"):
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = 0

    client.post(url, data)

    resident.refresh_from_db()
    assert resident.mobile == "+447700900555"
    entry = LogEntry.objects.get(object_id=str(resident.pk), action_flag=CHANGE)
    assert entry.user == officer
    assert "Mobile" in entry.get_change_message()
