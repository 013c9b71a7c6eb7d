import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagement.models import EqualityMonitoring, TenantProfileFigure
from engagement.services import reach_report
from engagement.services.involvement import involvement_refresh
from engagement.services.tenant_profile import tenant_profile, tenant_profile_import
from engagement.tests.test_reach_report import SINCE, booked, estate_with_homes, resident_on

pytestmark = pytest.mark.django_db

GOOD = """Characteristic,Answer,People
Sex,Female,5200
sex,male,4700
Sex,Prefer not to say,100
Ethnic group,Asian or Asian British,1800
ethnicity,white,6000
"""


def upload(text: str, name: str = "profile.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_a_profile_is_imported_by_the_names_the_report_uses_or_by_codes():
    result = tenant_profile_import(upload(GOOD))

    assert (result.error_count, result.figures) == (0, 5)
    assert tenant_profile() == {
        "sex": {"female": 5200, "male": 4700, "prefer_not_to_say": 100},
        "ethnicity": {"asian": 1800, "white": 6000},
    }


def test_a_file_replaces_only_the_questions_it_names():
    tenant_profile_import(upload(GOOD))

    tenant_profile_import(upload("characteristic,answer,people\nSex,Female,10\nSex,Male,12\n"))

    assert tenant_profile()["sex"] == {"female": 10, "male": 12}
    assert tenant_profile()["ethnicity"] == {"asian": 1800, "white": 6000}


def test_a_file_with_any_error_changes_nothing_and_names_each_line():
    tenant_profile_import(upload(GOOD))

    result = tenant_profile_import(
        upload(
            "characteristic,answer,people\nSex,Female,1\nHair colour,Red,4\nSex,Purple,4\nSex,Male,lots\nSex,Female,3\n"
        )
    )

    assert result.errors == [
        "Line 3: “Hair colour” is not one of the equality questions",
        "Line 4: “Purple” is not one of the answers to “Sex”",
        "Line 5: people must be a whole number, 0 or more, not “lots”",
        "Line 6: “Female” for “Sex” is already given above",
    ]
    assert tenant_profile()["sex"]["female"] == 5200


def test_a_file_without_the_columns_is_refused_at_line_1():
    result = tenant_profile_import(upload("question,count\nSex,3\n"))

    assert result.errors == [
        "Line 1: the first row must name the columns characteristic, answer, people "
        "(missing: characteristic, answer, people)"
    ]


def test_the_diversity_table_sets_involved_residents_beside_the_tenant_base():
    tenant_profile_import(upload(GOOD))
    estate = estate_with_homes(30)
    for _ in range(6):
        EqualityMonitoring.objects.create(resident=booked(resident_on(estate)).resident, sex="female")
    for _ in range(6):
        EqualityMonitoring.objects.create(resident=booked(resident_on(estate)).resident, sex="male")
    involvement_refresh()

    sex = next(c for c in reach_report.diversity(SINCE).characteristics if c.name == "Sex")
    rows = {row.answer: row for row in sex.rows}

    assert sex.tenant_base == 10_000
    assert (rows["Female"].tenant_base.count, rows["Female"].tenant_base.percent) == (5200, 52.0)
    assert (rows["Male"].tenant_base.count, rows["Male"].tenant_base.percent) == (4700, 47.0)
    assert rows["Not answered"].tenant_base is None
    disability = next(c for c in reach_report.diversity(SINCE).characteristics if c.name.startswith("Disability"))
    assert disability.tenant_base == 0 and all(row.tenant_base is None for row in disability.rows)


# In admin ---------------------------------------------------------------------------------------

IMPORT_URL = reverse("admin:engagement_tenantprofilefigure_import")


def test_community_relations_import_a_profile_in_admin(client, community_relations):
    client.force_login(community_relations)

    response = client.post(IMPORT_URL, {"file": upload(GOOD)}, follow=True)

    assert "5 figures imported for:" in response.content.decode()
    assert TenantProfileFigure.objects.count() == 5


def test_errors_in_an_imported_file_are_shown_at_the_field_and_nothing_is_imported(client, community_relations):
    client.force_login(community_relations)

    response = client.post(IMPORT_URL, {"file": upload("characteristic,answer,people\nSex,Purple,4\n")})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in page and "Line 2: “Purple” is not one of the answers to “Sex”" in page
    assert not TenantProfileFigure.objects.exists()


def test_an_answer_entered_in_admin_must_fit_its_question(client, community_relations):
    client.force_login(community_relations)
    url = reverse("admin:engagement_tenantprofilefigure_add")

    refused = client.post(url, {"characteristic": "sex", "answer": "asian", "people": "40"})
    client.post(url, {"characteristic": "sex", "answer": "female", "people": "40"})

    assert "Choose one of the answers to “Sex”" in refused.content.decode()
    assert list(TenantProfileFigure.objects.values_list("characteristic", "answer", "people")) == [
        ("sex", "female", 40)
    ]


def test_officers_cannot_change_the_profile(officer_client):
    assert officer_client.get(IMPORT_URL).status_code == 403
