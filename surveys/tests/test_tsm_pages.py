"""The public TSM page, officers' preview and the regulator's return, and setting up through admin."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from engagement.models import TenureType
from engagement.tests.factories import TenancyFactory
from surveys.models import ManagementInformation, Survey, TsmQuestion, TsmSurvey
from surveys.tests.tsm_helpers import tsm_answer, tsm_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    homes = TenancyFactory.create_batch(7, tenure_type=TenureType.COUNCIL_TENANT)
    tsm = tsm_survey()
    for tenancy, label in zip(homes, ["Very satisfied"] * 5 + ["Very dissatisfied"] * 2, strict=True):
        tsm_answer(tsm, tenancy, {"TP01": label})
    ManagementInformation.objects.create(year=2026, code="BS01", numerator=997, denominator=1000)
    TsmSurvey.objects.filter(pk=tsm.pk).update(published_at=timezone.now())
    return tsm


def test_the_public_page_shows_each_measure_with_its_margin_base_and_the_management_information(client, published):
    page = client.get("/sounding-board/tenant-satisfaction/").content.decode()
    assert "Tenant Satisfaction Measures" in page
    assert "71.4%" in page and "7&nbsp;answered" in page
    assert "±" in page
    assert "99.7%" in page and "997 of 1000" in page
    assert "How we carried out the survey" in page


def test_unpublished_results_stay_off_the_public_page(client):
    tsm_survey()
    page = client.get("/sounding-board/tenant-satisfaction/").content.decode()
    assert "We have not published any results yet." in page


def test_officers_see_the_results_and_download_the_return(officer_client, published):
    assert officer_client.get(f"/sounding-board/tenant-satisfaction/{published.pk}/preview/").status_code == 200
    csv = officer_client.get(f"/sounding-board/tenant-satisfaction/{published.pk}/return.csv")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[1].startswith("2026/27,TP01,Overall satisfaction,LCRA,71.4,%,5,7,")
    xlsx = officer_client.get(f"/sounding-board/tenant-satisfaction/{published.pk}/return.xlsx")
    book = load_workbook(BytesIO(b"".join(xlsx.streaming_content)))
    assert book.sheetnames == ["Measures", "Summary of approach"]


def test_residents_cannot_download_the_return(resident_client, published):
    assert resident_client.get(f"/sounding-board/tenant-satisfaction/{published.pk}/return.csv").status_code == 403


def test_an_officer_sets_up_the_years_survey_in_admin(officer_client):
    TenancyFactory.create_batch(2, tenure_type=TenureType.COUNCIL_TENANT)
    opens = timezone.localtime() + timedelta(days=1)
    response = officer_client.post(
        "/admin/surveys/tsmsurvey/add/",
        {
            "year": 2026,
            "landlord_name": "Lewisham Council",
            "minutes": 12,
            "method": "census",
            "expected_response_rate": 30,
            "excluded_households": 0,
            "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
            "closes_at": (opens + timedelta(days=42)).strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    tsm = TsmSurvey.objects.get(year=2026)
    assert tsm.survey.kind == Survey.Kind.TENANT_SATISFACTION
    assert tsm.lcra_homes == 2
    assert TsmQuestion.objects.filter(tsm_survey=tsm, code__startswith="TP").count() == 12
    assert "takes about 12 minutes" in tsm.survey.introduction
    change = officer_client.get(f"/admin/surveys/tsmsurvey/{tsm.pk}/change/").content.decode()
    assert "Responses needed" in change and "n₀ = 1.96²" in change


def test_a_second_survey_for_the_same_year_is_refused_at_the_field(officer_client):
    tsm_survey()
    response = officer_client.post(
        "/admin/surveys/tsmsurvey/add/",
        {"year": 2026, "landlord_name": "Lewisham Council", "minutes": 10, "method": "census"},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_an_officer_enters_a_management_figure_with_its_definition_and_a_bad_one_is_refused(officer_client):
    page = officer_client.get("/admin/surveys/managementinformation/add/").content.decode()
    assert "Proportion of homes for which all required gas safety checks have been carried out." in page
    refused = officer_client.post(
        "/admin/surveys/managementinformation/add/",
        {"year": 2026, "code": "RP02-1", "numerator": 10, "denominator": 5, "target_timescale": ""},
    ).content.decode()
    assert "The count cannot be more than the number it is out of." in refused
    assert "Enter the target timescale" in refused
    saved = officer_client.post(
        "/admin/surveys/managementinformation/add/",
        {"year": 2026, "code": "RP02-1", "numerator": 90, "denominator": 100, "target_timescale": "20 working days"},
    )
    assert saved.status_code == 302
    assert ManagementInformation.objects.get().value == 90


def test_officers_cannot_change_the_regulators_wording_of_a_measure(officer_client):
    from surveys.admin.forms import QuestionInlineForm

    tsm = tsm_survey()
    question = TsmQuestion.objects.get(tsm_survey=tsm, code="TP01").question
    data = {
        "survey": tsm.survey_id,
        "section": question.section_id,
        "position": question.position,
        "text": "How happy are you with us?",
        "kind": question.kind,
        "max_length": 500,
        "scale_min": 1,
        "scale_max": 5,
        "choices_text": "\n".join(question.choices.values_list("label", flat=True)),
    }
    form = QuestionInlineForm(data=data, instance=question)
    assert not form.is_valid()
    assert "in the regulator's words, so it cannot be changed" in form.non_field_errors()[0]
    page = officer_client.get(f"/admin/surveys/question/{question.pk}/change/").content.decode()
    assert 'name="text"' not in page


def test_the_public_page_reads_a_fixed_few_queries_for_each_year_shown(client, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sounding-board/tenant-satisfaction/").status_code == 200
        return len(captured)

    counts = [queries()]
    for year in (2025, 2024):
        earlier = tsm_survey(year=year)
        TsmSurvey.objects.filter(pk=earlier.pk).update(published_at=timezone.now())
        counts.append(queries())
    # Each year shown adds its answers and its management information: two queries, however many answered.
    assert [counts[1] - counts[0], counts[2] - counts[1]] == [2, 2]


def test_shared_owners_are_shown_by_estate_and_ward_where_enough_households_answered(client):
    from engagement.tests.factories import BlockFactory, HomeFactory

    owners = [
        TenancyFactory(home=HomeFactory(block=block), tenure_type=TenureType.SHARED_OWNER)
        for block in BlockFactory.create_batch(2)
        for _ in range(5)
    ]
    renters = TenancyFactory.create_batch(2, tenure_type=TenureType.COUNCIL_TENANT)
    tsm = tsm_survey()
    for tenancy in owners:
        tsm_answer(tsm, tenancy, {"TP01": "Very satisfied"})
    for tenancy in renters:
        tsm_answer(tsm, tenancy, {"TP01": "Fairly satisfied"})
    TsmSurvey.objects.filter(pk=tsm.pk).update(published_at=timezone.now())
    page = client.get("/sounding-board/tenant-satisfaction/").content.decode()
    assert "By estate: Low-cost home ownership (LCHO)" in page
    assert "By ward: Low-cost home ownership (LCHO)" in page
    assert "100.0% of 5" in page
    # Two renting households on two estates: nothing to show by place, so no table at all.
    assert "By estate: Low-cost rental accommodation (LCRA)" not in page
